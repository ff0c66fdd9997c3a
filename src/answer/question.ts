import { indexTerms } from '../search/index.js';
import { MONTH_NAMES } from '../text/dates.js';
import { normalize } from '../text/normalize.js';
import { CHAT_ABBREVIATIONS, IDIOMS, MONTH_ABBREVIATIONS } from '../text/vocabulary.js';

/** Questions longer than this are read only up to here; nobody asks a useful question in more. */
export const MAX_QUESTION_CHARS = 600;

/** A question, normalised once; every later stage reads this, never the raw text. */
export interface Question {
  /** The text as typed (cut to {@link MAX_QUESTION_CHARS}), for linking names with their original casing. */
  raw: string;
  /** Lowercase, accents and punctuation removed, month and chat abbreviations spelled out. */
  norm: string;
  words: readonly string[];
  /** Content words (no stopwords), in order. */
  terms: readonly string[];
  /** Four-digit years mentioned. */
  years: readonly string[];
  /** "february 2024" → "2024-02". */
  months: readonly string[];
  /** The question says not / never / without / n't. */
  negated: boolean;
}

const NEGATION = new Set([
  'not',
  'never',
  'no',
  'isn',
  'aren',
  'didn',
  'doesn',
  'hasn',
  'wasn',
  'hadn',
  'haven',
  'weren',
  'without',
  'nor',
  'isnt',
  'didnt',
  'doesnt',
  'arent',
  'wasnt',
]);

/**
 * The idioms as one whole-word pattern, longest first so "used to be called" wins over "used to be"; any
 * punctuation or spacing may stand between an idiom's words ("tl;dr", "kick-off").
 */
const IDIOM_KEYS = Object.keys(IDIOMS).sort((a, b) => b.length - a.length);
const IDIOM_PATTERN = new RegExp(
  `\\b(?:${IDIOM_KEYS.map((k) => `(${k.split(' ').join('[^\\p{L}\\p{N}]+')})`).join('|')})\\b`,
  'giu',
);

/**
 * Each idiom's longest word: a text holding none of them has no idiom to rewrite, and the long pattern is skipped
 * ("the", "as" or "in" would be in nearly every text).
 */
const IDIOM_ANCHORS = new Set(
  IDIOM_KEYS.map((k) => k.split(' ').reduce((a, b) => (b.length > a.length ? b : a))),
);

/** The text with each idiom spelled in the records' words. */
function withIdioms(text: string): string {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  if (!words.some((w) => IDIOM_ANCHORS.has(w))) return text;
  return text.replace(IDIOM_PATTERN, (match: string, ...groups: unknown[]) => {
    const at = groups.findIndex((g) => typeof g === 'string');
    return IDIOMS[IDIOM_KEYS[at] as string] ?? match;
  });
}

/** Shorthand that stands for several words ("wg", "mau"), and a pattern that finds any of it. */
const MULTI_WORD = Object.entries(CHAT_ABBREVIATIONS).filter(([, full]) => full.includes(' '));
const MULTI_WORD_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${MULTI_WORD.map(([short]) => short).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
const MULTI_WORD_FULL: ReadonlyMap<string, string> = new Map(MULTI_WORD);

/**
 * Shorthand for several words spelled out in the raw text itself: names are linked by their places among the
 * words, so every later stage must count the same words.
 */
function spelledOut(text: string): string {
  return text.replace(MULTI_WORD_PATTERN, (short) => MULTI_WORD_FULL.get(short.toLowerCase()) ?? short);
}

/** Reads a question once: normalised text, words, content terms, dates and negation. */
export function readQuestion(text: string): Question {
  // Idioms are read in the raw text, so names are linked in the same words every later stage reads.
  const raw = spelledOut(withIdioms(String(text ?? '').slice(0, MAX_QUESTION_CHARS)));
  const typed = normalize(raw).split(' ');
  // "v2" is "version 2", so a version typed short meets the versions the records name.
  const norm = typed
    .map((w) => MONTH_ABBREVIATIONS[w] ?? CHAT_ABBREVIATIONS[w] ?? w.replace(/^v(\d{1,2})$/, 'version $1'))
    .join(' ');
  const words = norm ? norm.split(' ') : [];
  const months: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const m = MONTH_NAMES.indexOf(words[i] as (typeof MONTH_NAMES)[number]);
    const next = words[i + 1] as string;
    // "feb 24", "feb '24": after a month typed short, two digits are a short year in chat.
    const year = /^\d{4}$/.test(next)
      ? next
      : MONTH_ABBREVIATIONS[typed[i] as string] && /^[012]\d$/.test(next)
        ? `20${next}`
        : '';
    if (m >= 0 && year) months.push(`${year}-${String(m + 1).padStart(2, '0')}`);
  }
  return {
    raw,
    norm,
    words,
    terms: indexTerms(norm),
    years: words.filter((w) => /^(19|20)\d{2}$/.test(w)),
    months,
    negated: words.some((w) => NEGATION.has(w)),
  };
}
