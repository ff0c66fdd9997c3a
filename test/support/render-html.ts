/**
 * Renders message payloads the emulator recorded (content, embeds with fields and footers, buttons and menus) as a
 * Discord-like HTML page, so a person can look at replies the way members see them (e.g. in headless Chromium).
 * The markdown subset is Discord's: **bold**, *italic*, `code`, [links](url), > quotes, and backslash escapes.
 */
import type { EmulatedComponent, EmulatedMessage } from './emulator-records.js';

/** One reply to show: what was asked, and the message the bot left. */
export interface RenderedReply {
  /** What the member did, e.g. "/initiative name: AI Alliance topic: members". */
  caption: string;
  message: Pick<EmulatedMessage, 'content' | 'embeds' | 'components' | 'flags'>;
}

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Discord markdown to HTML, for the subset the bot sends. */
export function markdown(text: string): string {
  const escaped: string[] = [];
  // Backslash escapes first, so an escaped character never starts formatting.
  let out = text.replace(/\\([\\*_~`|[\]()>#-])/g, (_m, c: string) => {
    escaped.push(c);
    return `\uE000${escaped.length - 1}\uE001`;
  });
  out = html(out);
  out = out.replace(/`([^`]+)`/g, '<code>$1</code>');
  out = out.replace(
    /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
    (_m, t: string, u: string) => `<a href="${u}" title="${u}">${t}</a>`,
  );
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1<em>$2</em>');
  out = out
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') ? `<blockquote>${line.slice(5)}</blockquote>` : line))
    .join('<br>')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
  return out.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => html(escaped[Number(i)] ?? ''));
}

const BUTTON_STYLE: Record<number, string> = {
  1: 'primary',
  2: 'secondary',
  3: 'success',
  4: 'danger',
  5: 'link',
};

function component(c: EmulatedComponent): string {
  if (c.type === 1) return `<div class="row">${(c.components ?? []).map(component).join('')}</div>`;
  if (c.type === 2) {
    const style = BUTTON_STYLE[Number(c.style)] ?? 'secondary';
    return `<span class="button ${style}${c.disabled ? ' disabled' : ''}">${html(String(c.label ?? ''))}</span>`;
  }
  if (c.type === 3) return `<span class="select">${html(String(c.placeholder ?? 'Select…'))} ▾</span>`;
  return '';
}

function embed(e: EmulatedMessage['embeds'][number]): string {
  const color = typeof e.color === 'number' ? `#${e.color.toString(16).padStart(6, '0')}` : '#1e1f22';
  const fields = (e.fields ?? [])
    .map(
      (f) =>
        `<div class="field${f.inline ? ' inline' : ''}"><div class="name">${markdown(f.name)}</div><div class="value">${markdown(f.value)}</div></div>`,
    )
    .join('');
  const title = e.title
    ? `<div class="title">${e.url ? `<a href="${html(e.url)}">${markdown(e.title)}</a>` : markdown(e.title)}</div>`
    : '';
  return `<div class="embed" style="border-left-color:${color}">${title}${
    e.description ? `<div class="description">${markdown(e.description)}</div>` : ''
  }${fields ? `<div class="fields">${fields}</div>` : ''}${
    e.footer?.text ? `<div class="footer">${html(e.footer.text)}</div>` : ''
  }</div>`;
}

const STYLE = `
body{background:#313338;color:#dbdee1;font:16px/1.375 "gg sans","Noto Sans",Helvetica,Arial,sans-serif;margin:0;padding:16px}
.reply{display:flex;gap:16px;margin:0 0 28px}
.avatar{width:40px;height:40px;border-radius:50%;background:#5865f2;flex:none}
.caption{color:#949ba4;font-size:13px;margin-bottom:2px}.author{color:#f2f3f5;font-weight:600}
.ephemeral{color:#949ba4;font-size:12px;margin-top:4px}
.embed{background:#2b2d31;border-left:4px solid;border-radius:4px;max-width:520px;padding:8px 16px 16px 12px;margin-top:4px}
.title{color:#f2f3f5;font-weight:600;margin-top:8px}.title a{color:#00a8fc}
.description{font-size:14px;margin-top:8px;white-space:normal}
.fields{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:8px}.field{flex:1 1 100%;font-size:14px}.field.inline{flex:1 1 30%}
.name{color:#f2f3f5;font-weight:600;margin-bottom:2px}.footer{color:#b5bac1;font-size:12px;margin-top:8px}
a{color:#00a8fc;text-decoration:none}code{background:#1e1f22;border-radius:3px;padding:0 3px;font-size:85%}
blockquote{border-left:4px solid #4e5058;margin:0;padding-left:12px}
.row{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}
.button{border-radius:3px;padding:2px 16px;font-size:14px;line-height:32px;color:#fff;background:#4e5058}
.button.primary{background:#5865f2}.button.success{background:#248046}.button.danger{background:#da373c}
.button.disabled{opacity:.5}.select{background:#1e1f22;border-radius:4px;padding:8px 12px;min-width:300px;color:#949ba4}
`;

/** A whole page of replies, one after another, as Discord's dark theme shows them. */
export function renderPage(replies: readonly RenderedReply[]): string {
  const body = replies
    .map(({ caption, message }) => {
      const ephemeral = (message.flags & 64) !== 0;
      return `<div class="reply"><div class="avatar"></div><div><div class="caption">${html(caption)}</div><span class="author">Initiatives Bot</span>${
        message.content ? `<div>${markdown(message.content)}</div>` : ''
      }${message.embeds.map(embed).join('')}${(message.components ?? []).map(component).join('')}${
        ephemeral ? '<div class="ephemeral">👁 Only you can see this</div>' : ''
      }</div></div>`;
    })
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>Initiatives Bot replies</title><style>${STYLE}</style>${body}`;
}
