import type { Source } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { formatDate } from '../text/dates.js';
import { escapeText, markdownLink } from './escape.js';
import { cutWords } from './prose.js';

/**
 * Sources as members see them: title (linked), publisher and date, one entry per work. The ids and editors'
 * notes stay out of sight.
 */

/**
 * The address to open a source at: its first http(s) URL, with the host lowercased and without a trailing dot
 * (`issuu.com./…` → `issuu.com/…`). `undefined` when the source has no web address.
 */
export function sourceUrl(source: Pick<Source, 'url'>): string | undefined {
  const raw = source.url.match(/https?:\/\/[^\s;]+/i)?.[0]?.replace(/[.,)]+$/, '');
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    url.hostname = url.hostname.toLowerCase().replace(/\.+$/, '');
    return url.toString();
  } catch {
    return undefined;
  }
}

/** "December 4, 2023", "around December 2023", or `undefined` when the date is unknown. */
export function sourceDate(source: Pick<Source, 'date'>): string | undefined {
  const date = source.date.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return formatDate(date);
  const approx = /^(\d{4}(?:-\d{2})?)\s*\(approx\.?\)$/i.exec(date);
  if (approx?.[1]) return `around ${formatDate(approx[1])}`;
  if (/^unknown\b/i.test(date)) return undefined;
  return date;
}

/** "TechCrunch (Kyle Wiggers), December 4, 2023" */
export function sourceByline(source: Source): string {
  const date = sourceDate(source);
  return date ? `${source.publisher}, ${date}` : source.publisher;
}

/** One line for a list of sources: "• [Title](url) — publisher, date", the title cut at a word. */
export function sourceLine(source: Source, titleMax = 100): string {
  return `• ${markdownLink(cutWords(source.title, titleMax), sourceUrl(source))} — ${escapeText(sourceByline(source))}`;
}

/** The sources behind `ids`, each once, in the order first cited; unknown ids are skipped. */
export function citedSources(ids: Iterable<string>, index: SearchIndex): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const source = index.kb.sources.get(id);
    if (source) out.push(source);
  }
  return out;
}
