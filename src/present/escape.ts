const ZWSP = '\u200b';

/**
 * Breaks user, role and channel mentions and @everyone/@here so they show as text. `allowedMentions` already
 * stops pings; this also stops the blue mention pills and fake "@everyone" banners in echoed text. @everyone and
 * @here are broken wherever they appear, also glued to other characters (`@everyonex`, `@here1`): Discord's own
 * parsing isn't bounded by word edges, so neither is this.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`).replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}

// Characters that format anywhere in a line (bold, italics, underline, strike, code, spoilers, link brackets);
// the backslash itself first, so an escape in the input can't swallow ours.
const INLINE = /[\\*_~`|[\]]/g;
// Markers that format only at the start of a line: headings, subtext, quotes, and bulleted or numbered lists.
const LINE_START = /^( *)(#{1,3} |-# |>>> |> |[-+] |\d+\. )/gm;

/**
 * Makes arbitrary text (user input, knowledge base text) display literally: every markdown character and
 * line-start marker is backslash-escaped, and mentions are neutralized. One pass per rule, so it stays fast on
 * long texts (discord.js `escapeMarkdown` is several times slower).
 */
export function escapeText(text: string): string {
  const inline = text.replace(INLINE, '\\$&');
  const lines = inline.replace(LINE_START, (_m, indent: string, marker: string) => {
    const numbered = /^(\d+)\. $/.exec(marker);
    return `${indent}${numbered ? `${numbered[1]}\\. ` : `\\${marker}`}`;
  });
  return neutralizeMentions(lines);
}

/** Text for inside `[...](url)`: escaped, brackets included, so the link can't be broken or faked. */
export function escapeLinkText(text: string): string {
  return escapeText(text);
}

/**
 * A URL safe to put in `(...)` of a markdown link: http(s) only, no whitespace, parentheses percent-encoded.
 * `undefined` when it isn't a usable web address.
 */
export function linkUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s<>]+$/i.test(trimmed)) return undefined;
  return trimmed.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** `[title](url)`, or the escaped title alone when there is no usable URL. */
export function markdownLink(title: string, url: string | null | undefined): string {
  const href = linkUrl(url);
  return href ? `[${escapeLinkText(title)}](${href})` : escapeText(title);
}
