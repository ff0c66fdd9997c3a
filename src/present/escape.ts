import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

/**
 * Breaks user, role and channel mentions and @everyone/@here so they show as text. `allowedMentions` already
 * stops pings; this also stops the blue mention pills and fake "@everyone" banners in echoed text.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`).replace(/@(everyone|here)\b/g, `@${ZWSP}$1`);
}

/**
 * Makes arbitrary text (user input, knowledge base text) display literally: markdown (including headings, lists
 * and masked links) and mentions are escaped.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return neutralizeMentions(escaped);
}

/** Text for inside `[...](url)`: escaped, with brackets escaped so the link can't be broken or faked. */
export function escapeLinkText(text: string): string {
  return escapeText(text).replace(/(?<!\\)([[\]])/g, '\\$1');
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
