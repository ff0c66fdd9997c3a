import { normalize } from '../text/normalize.js';
import type { Lexicon } from '../text/spelling.js';
import { CHAT_ABBREVIATIONS, IDIOMS, MONTH_ABBREVIATIONS, STOPWORDS, SYNONYMS } from '../text/vocabulary.js';
import type { SearchIndex } from './index.js';

const lexicons = new WeakMap<SearchIndex, ReadonlySet<string>>();

/**
 * Every word the statements, quotes, names and sources of the knowledge base use (the phrasings they are asked by
 * left out). Built once per index, on first use.
 */
export function wordsUsed(index: SearchIndex): ReadonlySet<string> {
  let words = lexicons.get(index);
  if (!words) {
    const all = new Set(index.vocab);
    const texts = [
      ...index.factDocs.map((d) => `${d.text} ${d.quote ?? ''}`),
      ...[...index.kb.sources.values()].map((s) => `${s.title} ${s.publisher}`),
    ];
    for (const text of texts) for (const w of normalize(text).split(' ')) if (w) all.add(w);
    words = all;
    lexicons.set(index, words);
  }
  return words;
}

/** Words members type on purpose that are no dictionary word: chat shorthand, idioms' words, synonyms, stopwords. */
const TYPED_ON_PURPOSE: ReadonlySet<string> = new Set(
  [
    ...Object.keys(CHAT_ABBREVIATIONS),
    ...Object.keys(MONTH_ABBREVIATIONS),
    ...Object.keys(IDIOMS).flatMap((k) => k.split(' ')),
    ...[...SYNONYMS.keys()],
    ...STOPWORDS,
  ].map((w) => w.toLowerCase()),
);

const spellings = new WeakMap<SearchIndex, Lexicon>();

/** The words a spelling fix may trust or draw on for this index (see {@link correctSpelling}). */
export function spellingLexicon(index: SearchIndex): Lexicon {
  let lexicon = spellings.get(index);
  if (!lexicon) {
    lexicon = { own: wordsUsed(index), extra: TYPED_ON_PURPOSE };
    spellings.set(index, lexicon);
  }
  return lexicon;
}
