import type { APIEmbed, APIEmbedField } from 'discord.js';
import { cutProse } from './prose.js';

/**
 * Discord's message limits (discord-api-docs). Lengths are measured in UTF-16 units, which is never less than the
 * code points Discord counts, so a text that fits here fits there.
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectPlaceholder: 150,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/**
 * Cuts `text` to at most `max` characters where a reader expects a break: after whole lines when the first ones
 * fit, else after whole sentences, else after whole words followed by " …". Never cuts inside a word (unless a
 * single word is longer than `max`), never splits a surrogate pair or leaves a dangling markdown escape.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const lines = text.split('\n');
  if (lines.length > 1) {
    const kept: string[] = [];
    let used = 0;
    for (const line of lines) {
      if (used + line.length + (kept.length > 0 ? 1 : 0) > max) break;
      used += line.length + (kept.length > 0 ? 1 : 0);
      kept.push(line);
    }
    if (kept.length > 0 && used >= max / 2) return kept.join('\n').trimEnd();
  }
  return cutProse(text.replace(/\s*\n\s*/g, ' '), max);
}

/** "…and 3 more" */
export const andMore = (n: number) => `…and ${n} more`;

/**
 * Joins whole lines (newline-separated) up to `max` characters; lines that don't fit are counted in a final
 * "…and N more" line. A first line longer than `max` is cut rather than dropped.
 */
export function fitLines(
  lines: readonly string[],
  max: number,
  more: (n: number) => string = andMore,
): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const remaining = lines.length - i - 1;
    const tail = remaining > 0 ? more(remaining).length + 1 : 0;
    const cost = line.length + (out.length > 0 ? 1 : 0);
    if (used + cost + tail <= max) {
      out.push(line);
      used += cost;
      continue;
    }
    if (out.length === 0) {
      const budget = max - (remaining > 0 ? more(remaining).length + 1 : 0);
      out.push(cut(line, Math.max(1, budget)));
      if (remaining > 0) out.push(more(remaining));
      return out.join('\n');
    }
    out.push(more(lines.length - i));
    return out.join('\n');
  }
  return out.join('\n');
}

const isHeading = (line: string | undefined) => line !== undefined && /^\*\*[^*].*\*\*$/.test(line);

/**
 * Splits lines into pages of at most `maxChars` characters and `maxLines` lines each (a line longer than a page
 * is cut). A heading never ends a page: it moves to the next one with its section, together with the section's
 * first item when more of the section follows. Always returns at least one page.
 */
export function paginate(lines: readonly string[], maxChars: number, maxLines: number): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let size = 0;
  const measure = (list: readonly string[]) => list.reduce((n, l, i) => n + l.length + (i > 0 ? 1 : 0), 0);
  for (const raw of lines) {
    const line = cut(raw, maxChars);
    const cost = line.length + (page.length > 0 ? 1 : 0);
    if (page.length > 0 && (size + cost > maxChars || page.length >= maxLines)) {
      // Carry a trailing heading (and a lone first item under it, if its section goes on) to the next page.
      let carry = 0;
      const last = page.length - 1;
      if (isHeading(page[last])) carry = 1;
      else if (isHeading(page[last - 1]) && line !== '' && !isHeading(line)) carry = 2;
      while (carry > 0 && page.slice(0, page.length - carry).every((l) => l === '')) carry--;
      const moved = carry > 0 ? page.splice(page.length - carry) : [];
      while (page[page.length - 1] === '') page.pop();
      pages.push(page);
      page = moved;
      size = measure(page);
    }
    if (page.length === 0 && line === '') continue;
    size += line.length + (page.length > 0 ? 1 : 0);
    page.push(line);
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/** The characters Discord counts towards an embed's 6000 total. */
export function embedSize(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/**
 * Trims an embed to Discord's limits: every field to its maximum, at most 25 non-empty fields, and the whole
 * embed to 6000 characters (the description is shortened first, then trailing fields dropped).
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = cut(out.title, LIMITS.embedTitle);
  if (!out.title) delete out.title;
  if (out.description !== undefined) out.description = cut(out.description.trim(), LIMITS.embedDescription);
  if (!out.description) delete out.description;
  if (out.author) out.author = { ...out.author, name: cut(out.author.name, LIMITS.author) || '​' };
  if (out.footer) {
    const text = cut(out.footer.text, LIMITS.footer);
    if (text) out.footer = { ...out.footer, text };
    else delete out.footer;
  }
  const fields: APIEmbedField[] = (out.fields ?? [])
    .map((f) => ({
      ...f,
      name: cut(f.name.trim(), LIMITS.fieldName),
      value: cut(f.value.trim(), LIMITS.fieldValue),
    }))
    .filter((f) => f.name !== '' && f.value !== '')
    .slice(0, LIMITS.embedFields);
  out.fields = fields;

  let excess = embedSize(out) - LIMITS.embedTotal;
  if (excess > 0 && out.description && out.description.length > 1000) {
    out.description = cut(out.description, Math.max(1000, out.description.length - excess));
    excess = embedSize(out) - LIMITS.embedTotal;
  }
  while (excess > 0 && fields.length > 0) {
    const last = fields[fields.length - 1] as APIEmbedField;
    if (last.value.length - excess >= 200) {
      last.value = cut(last.value, last.value.length - excess);
    } else {
      fields.pop();
    }
    excess = embedSize(out) - LIMITS.embedTotal;
  }
  if (excess > 0 && out.description) {
    out.description = cut(out.description, Math.max(1, out.description.length - excess));
  }
  if (fields.length === 0) delete out.fields;
  return out;
}
