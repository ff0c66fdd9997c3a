import { englishRank, isEnglishWord } from './english.js';

/** What a spelling fix may draw on: the words a knowledge base uses, beside everyday English. */
export interface Lexicon {
  /** Words of the knowledge base: a fix to one of them wins over an English word. */
  own: ReadonlySet<string>;
  /** Words typed on purpose that are no English word and no knowledge-base word ("tldr", "wats"). */
  extra: ReadonlySet<string>;
}

/** Fixes already worked out, per lexicon: a word unknown once (a name, a slip) is typed again and again. */
const fixes = new WeakMap<Lexicon, Map<string, string | null>>();
const FIXES_LIMIT = 10_000;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** An English word a slip is fixed to must be at least this common: rare words are more often a name mistyped. */
const COMMON_RANK = 20000;

/** One way a typed word may have slipped from the word meant. */
interface Slip {
  word: string;
  /** A letter left out ("offically") or two swapped ("jion"): the slips people make, and few real words make. */
  usual: boolean;
}

/**
 * The words one keystroke slip away, the first letter kept (people seldom mistype it, and changing it finds
 * unrelated words: "ramen" is no "amen"). Two letters swapped, and for words of five letters or more also one
 * letter dropped, added or changed; a four-letter word has a dozen real words one change away.
 */
function slips(word: string): Slip[] {
  const out: Slip[] = [];
  for (let i = 0; i + 1 < word.length; i++)
    out.push({
      word: word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2),
      usual: true,
    });
  if (word.length < 5) return out;
  for (let i = 1; i < word.length; i++)
    out.push({ word: word.slice(0, i) + word.slice(i + 1), usual: false });
  for (let i = 1; i <= word.length; i++)
    for (const c of LETTERS) {
      out.push({ word: word.slice(0, i) + c + word.slice(i), usual: true });
      if (i < word.length) out.push({ word: word.slice(0, i) + c + word.slice(i + 1), usual: false });
    }
  return out;
}

/** Endings that make another form of a word ("chatbots", "datasets", "modded"): the search stems them anyway. */
const INFLECTION = /(?:'s|s|es|d|ed|ing|ly)$/;

/** The word is one the lexicon or English knows, in this form or another of the same stem. */
function known(word: string, lexicon: Lexicon): boolean {
  if (lexicon.own.has(word) || lexicon.extra.has(word) || isEnglishWord(word)) return true;
  if (lexicon.own.has(`${word}s`) || lexicon.own.has(`${word}es`)) return true;
  const stem = word.replace(INFLECTION, '');
  return stem !== word && stem.length >= 3 && (lexicon.own.has(stem) || isEnglishWord(stem));
}

/**
 * The known word a typed one is most likely a slip of, if it is no word at all: a word of the knowledge base
 * first, then a common English word reached by a usual slip. A capitalised word is a name unless the knowledge
 * base has one a slip away ("Huang" is not "hang").
 */
function fix(word: string, capitalised: boolean, lexicon: Lexicon): string | undefined {
  if (known(word, lexicon)) return undefined;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const slip of slips(word)) {
    const rank = englishRank(slip.word);
    const score = lexicon.own.has(slip.word)
      ? -1
      : !capitalised && slip.usual && rank !== undefined && rank < COMMON_RANK
        ? rank
        : Number.POSITIVE_INFINITY;
    if (score < bestScore) {
      best = slip.word;
      bestScore = score;
    }
  }
  return best;
}

/** {@link fix}, remembered: working a fix out builds a few hundred candidate words. */
function memoFix(word: string, capitalised: boolean, lexicon: Lexicon): string | undefined {
  let memo = fixes.get(lexicon);
  if (!memo) {
    memo = new Map();
    fixes.set(lexicon, memo);
  }
  const key = capitalised ? `^${word}` : word;
  let fixed = memo.get(key);
  if (fixed === undefined) {
    if (memo.size >= FIXES_LIMIT) memo.clear();
    fixed = fix(word, capitalised, lexicon) ?? null;
    memo.set(key, fixed);
  }
  return fixed ?? undefined;
}

/**
 * The text with each word that is neither English nor used by the knowledge base replaced by the known word one
 * slip away, keeping its capitals. Words with digits or shorter than four letters are left alone, and
 * accents are no slip ("Darío").
 */
export function correctSpelling(text: string, lexicon: Lexicon): string {
  return text.replace(/(?<![\p{L}\p{N}])\p{L}{4,}(?![\p{L}\p{N}])/gu, (typed) => {
    const plain = typed.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (!/^[a-z]+$/.test(plain)) return typed;
    const capitalised = /^\p{Lu}/u.test(typed);
    const fixed = memoFix(plain, capitalised, lexicon);
    if (!fixed) return typed;
    if (typed === typed.toUpperCase()) return fixed.toUpperCase();
    return capitalised ? fixed.charAt(0).toUpperCase() + fixed.slice(1) : fixed;
  });
}
