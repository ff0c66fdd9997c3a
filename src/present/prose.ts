import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';

/**
 * Text shaping for what members read: sentences, whole-item lists, and telling when one line only repeats
 * another. Pure string functions; the presenters decide what to show.
 */

/** Lists longer than this are shown compactly: the first names, a count, and where to see the rest. */
export const LIST_MAX = 12;

// A sentence ends at . ! or ? (perhaps inside a closing quote or bracket) before a space and a capital, digit or
// opening quote, unless the period belongs to an abbreviation or an initial ("Inc.", "U.S.", "Thomas F. Hofmann").
const BOUNDARY = /(?<=[.!?][)'"”’]?)\s+(?=[A-Z0-9“"'‘(])/g;
const NOT_AN_END =
  /(?:\b(?:Inc|Ltd|Corp|Co|Mr|Mrs|Ms|Dr|Prof|Rev|Sr|Jr|St|vs|No|approx|etc|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|e\.g|i\.e)\.$/;

/** Splits prose into sentences, keeping each sentence's own punctuation. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const candidate = text.slice(start, m.index);
    if (NOT_AN_END.test(candidate)) continue;
    if (candidate.trim()) out.push(candidate.trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Marks a cut inside a sentence; spaced off, so a glued "word…" can only mean a word was cut in half. */
export const CUT_MARK = ' …';

/**
 * Shortens prose to at most `max` characters: whole sentences when the first ones fit, otherwise whole words
 * followed by " …". Never cuts inside a word (a single word longer than `max` is the only exception).
 */
export function cutProse(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  let kept = '';
  for (const s of sentences(clean)) {
    const next = kept ? `${kept} ${s}` : s;
    if (next.length > max) break;
    kept = next;
  }
  if (kept) return kept;
  return cutWords(clean, max);
}

/** Whole words up to `max` characters (including the " …" mark); a word is split only if it alone is too long. */
export function cutWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - CUT_MARK.length;
  if (room < 1) return text.slice(0, Math.max(0, max));
  let head = text.slice(0, room + 1);
  const space = head.lastIndexOf(' ');
  head = space > 0 ? head.slice(0, space) : text.slice(0, room);
  // Don't leave an opening bracket, a dangling escape or a lone dash at the end.
  head = head.replace(/[\s([{“‘'"—–,;:\\-]+$/u, '');
  const code = head.charCodeAt(head.length - 1);
  if (code >= 0xd800 && code <= 0xdbff) head = head.slice(0, -1);
  return `${head}${CUT_MARK}`;
}

const stem = (w: string) =>
  w.length > 4 && w.endsWith('ies')
    ? `${w.slice(0, -3)}y`
    : w.length > 3 && w.endsWith('s') && !w.endsWith('ss')
      ? w.slice(0, -1)
      : w;

/** The content words of a text, lightly stemmed, for comparing what two texts say. */
export function contentWords(text: string): Set<string> {
  return new Set(
    normalize(text)
      .split(' ')
      .filter((w) => w.length > 1 && !STOPWORDS.has(w))
      .map(stem),
  );
}

/** True when `text` says little that `other` doesn't: most of its content words are in `other`. */
export function repeats(text: string, other: string, share = 0.7): boolean {
  const mine = contentWords(text);
  if (mine.size === 0) return true;
  const theirs = contentWords(other);
  let shared = 0;
  for (const w of mine) if (theirs.has(w)) shared++;
  return shared / mine.size >= share;
}

/** A sentence reduced to what identifies it, for spotting the same sentence said twice. */
export function sentenceKey(sentence: string): string {
  return normalize(sentence.replace(/\*\*|__|\\/g, ''));
}

/**
 * Remembers the sentences a reply has already said, so a presenter can drop a line that would only say one again.
 */
export class SaidOnce {
  readonly #seen = new Set<string>();

  /** Notes every sentence of `text`; true if at least one of them is new. */
  add(text: string): boolean {
    let fresh = false;
    for (const s of sentences(text)) {
      const key = sentenceKey(s);
      if (key.length < 12) {
        fresh = true;
        continue;
      }
      if (!this.#seen.has(key)) fresh = true;
      this.#seen.add(key);
    }
    return fresh || sentences(text).length === 0;
  }

  /** The sentences of `text` not said yet (and notes them), joined again; '' when all were said. */
  fresh(text: string): string {
    const out: string[] = [];
    for (const s of sentences(text)) {
      const key = sentenceKey(s);
      if (key.length >= 12 && this.#seen.has(key)) continue;
      this.#seen.add(key);
      out.push(s);
    }
    return out.join(' ');
  }
}

/**
 * A note written about one ("takes part via …") made to read for several ("take part via …"): the verb it
 * starts with loses its third-person "s".
 */
export function forSeveral(note: string): string {
  const plural = (verb: string) =>
    IRREGULAR[verb] ?? (verb.length < 4 ? verb : verb.replace(/(?:(?<=(?:ch|sh|ss|x))es|(?<!s)s)$/, ''));
  return note.replace(
    /^(\p{Ll}+)(\s+and\s+(\p{Ll}+))?\b/u,
    (_m, first: string, and?: string, second?: string) =>
      and && second ? `${plural(first)}${and.slice(0, -second.length)}${plural(second)}` : plural(first),
  );
}
const IRREGULAR: Record<string, string> = { is: 'are', has: 'have', was: 'were', does: 'do' };

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A list of names members can take in: all of them comma-separated when there are at most {@link LIST_MAX}
 * (or `max`), else the first ones, "… and 40 more", and where to see them all (`seeAll`, e.g. "/initiative AI
 * Alliance → Members").
 */
export function compactNames(
  names: readonly string[],
  options: { max?: number; seeAll?: string | undefined } = {},
): string {
  const max = options.max ?? LIST_MAX;
  if (names.length <= max) return joinNames(names);
  const rest = names.length - max;
  return `${names.slice(0, max).join(', ')} … and ${rest} more${options.seeAll ? ` — see ${options.seeAll}` : ''}`;
}

/** A fact written as "Lead: name, name, …, name." with more than {@link LIST_MAX} names. */
export interface NameList {
  lead: string;
  names: string[];
}

const COMPANY_SUFFIX = /^(?:Inc|Ltd|LLC|Corp|Co|GmbH|S\.A|AG)\.?$/;

/**
 * Reads a long list of names out of a fact's text ("Members added on …: Anaconda, Applied Digital, …, Zilliz.").
 * `knownNames` are names that contain commas themselves ("Fenrir, Inc."), so they are not split. Returns
 * `undefined` for ordinary prose and for lists of {@link LIST_MAX} names or fewer.
 */
export function nameList(text: string, knownNames: readonly string[] = []): NameList | undefined {
  const colon = text.indexOf(': ');
  if (colon < 0) return undefined;
  const lead = text.slice(0, colon).trim();
  let body = text
    .slice(colon + 2)
    .trim()
    .replace(/\.$/, '');
  if (/[.;!?]\s/.test(body.replace(/\b(?:Inc|Ltd|Corp|Co|St|Jr|Sr)\.\s/g, ''))) return undefined;
  const held: string[] = [];
  for (const name of knownNames) {
    if (!name.includes(', ') || !body.includes(name)) continue;
    body = body.split(name).join(`\uE000${held.length}\uE000`);
    held.push(name);
  }
  const pieces: string[] = [];
  for (const raw of body.split(/,\s+/)) {
    const piece = raw.trim();
    const previous = pieces[pieces.length - 1];
    if (previous !== undefined && (/^\p{Ll}/u.test(piece) || COMPANY_SUFFIX.test(piece)))
      pieces[pieces.length - 1] = `${previous}, ${piece}`;
    else pieces.push(piece);
  }
  const names = pieces
    .map((p) => p.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => held[Number(i)] ?? ''))
    .filter(Boolean);
  return names.length > LIST_MAX ? { lead, names } : undefined;
}
