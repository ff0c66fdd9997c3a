import { aliasName } from '../knowledge/model.js';
import type { FactDoc, SearchIndex } from '../search/index.js';
import { stemRoot as root, stem } from '../search/index.js';
import { editDistance } from '../search/link.js';
import { formatDate, MONTH_NAMES } from '../text/dates.js';
import { informativeness, isEnglishWord } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import { LOCATION_WORDS, ORDINAL_NUMBERS, PLACE_WORDS, SYNONYMS } from '../text/vocabulary.js';

/** How much of a question's content a text covers, weighted by how rare each term is. */
export interface Coverage {
  /** 0..1: covered weight over total weight; 1 when there is nothing to cover. */
  ratio: number;
  /** Content terms no text covers. */
  missing: readonly string[];
}

/** The words of a text, with their stems, for coverage checks. */
interface WordSet {
  words: readonly string[];
  stems: ReadonlySet<string>;
  /** Stems of the phrasings members ask for the statement with (its `asked_as`). */
  asked?: ReadonlySet<string>;
  /** Those phrasings one by one, normalised and padded with spaces. */
  phrasings?: readonly string[];
  /** An organization's own description that names its country: it tells where the organization is. */
  placed?: boolean;
  /** Terms already checked against this text, with their credit (statements are checked many times over). */
  seen?: Map<string, number>;
}

const docWords = new WeakMap<FactDoc, WordSet>();

function wordSet(text: string): WordSet {
  const words = normalize(text).split(' ').filter(Boolean);
  const stems = new Set(words.map(root));
  // "renamed" is about a name, "rejoined" about joining: a statement word with "re" before a stem covers it.
  for (const w of words) if (w.length >= 6 && w.startsWith('re')) stems.add(root(w.slice(2)));
  // "Mask R-CNN" reads as "r cnn": a letter or two joined to the next word is also the word typed whole ("rcnn").
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i] as string, words[i + 1] as string];
    if (a.length <= 2 && /^[a-z]+$/.test(a) && b.length >= 2) stems.add(root(a + b));
  }
  return { words, stems };
}

/**
 * A statement's words: its text, quote and date, plus the names of the record it belongs to (a statement of the
 * research community is about the research community even when its text doesn't say so). Computed once.
 */
export function statementWords(doc: FactDoc, index: SearchIndex): WordSet {
  let set = docWords.get(doc);
  if (!set) {
    const record = index.kb.byId.get(doc.recordId);
    // A project's statements speak for its maker too ("the licence Stability put SD under").
    const owner = record?.kind === 'project' && record.owner ? index.kb.byId.get(record.owner) : undefined;
    const names = [record, owner].flatMap((r) => (r ? [r.name, ...r.aliases.map(aliasName)] : [])).join(' ');
    set = wordSet(`${doc.text} ${doc.quote ?? ''} ${doc.date ? formatDate(doc.date) : ''} ${names}`);
    // Where something is based is told by the country an organization's own description places it in ("a Swiss
    // university"); a body's statement naming a country says nothing of where the body sits.
    set.placed =
      record?.kind === 'organization' &&
      (doc.topic === 'overview' || doc.topic === 'summary') &&
      set.words.some((w) => PLACE_WORDS.has(w));
    // How members ask for it ("can faculty take part") counts too, for less than its own words.
    if (doc.askedAs) {
      set.asked = wordSet(doc.askedAs).stems;
      set.phrasings = doc.askedAs.split(' · ').map((p) => ` ${normalize(p)} `);
    }
    docWords.set(doc, set);
  }
  return set;
}

const PREFIX = 5;
const SEEN_LIMIT = 256;

/**
 * How well a text's words cover one content term: 1 for the same stem, a shared long prefix or a typo, less for
 * a synonym (the member's own word is the stronger evidence), 0 for none.
 */
function covers(term: string, set: WordSet): number {
  const seen = set.seen?.get(term);
  if (seen !== undefined) return seen;
  const credit = creditFor(term, set);
  set.seen ??= new Map();
  // Bounded: a long-running bot meets endless new words.
  if (set.seen.size >= SEEN_LIMIT) set.seen.clear();
  set.seen.set(term, credit);
  return credit;
}

function creditFor(term: string, set: WordSet): number {
  if (set.stems.has(root(term))) return 1;
  if (coversDirectly(term, set)) return 1;
  if (set.placed && LOCATION_WORDS.has(term)) return SYNONYM_CREDIT;
  for (const syn of SYNONYMS.get(term) ?? SYNONYMS.get(stem(term)) ?? [])
    if (set.stems.has(root(syn))) return SYNONYM_CREDIT;
  const number = ORDINAL_NUMBERS[term];
  if (number && numbered(number, set.words)) return SYNONYM_CREDIT;
  if (set.asked?.has(root(term))) return ASKED_CREDIT;
  // A synonym of how members ask for it ("eligible" for "requirements to join").
  for (const syn of SYNONYMS.get(term) ?? SYNONYMS.get(stem(term)) ?? [])
    if (set.asked?.has(root(syn))) return ASKED_CREDIT * SYNONYM_CREDIT;
  return 0;
}

/** "Objective 1", "phase 2": the number right after a word that is no month ("June 1" is a date). */
function numbered(number: string, words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++)
    if (words[i] === number) {
      const before = words[i - 1] as string;
      if (/^[a-z]{3,}$/.test(before) && !MONTHS.has(before)) return true;
    }
  return false;
}

const MONTHS = new Set<string>([
  ...MONTH_NAMES,
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** What a word of the phrasings a statement is asked for by is worth: alone, less than half an ask. */
const ASKED_CREDIT = 0.45;

/** What a synonym's match is worth against the member's own word. */
const SYNONYM_CREDIT = 0.85;

function coversDirectly(term: string, set: WordSet): boolean {
  const abbreviation = term.length >= 3 && /^[a-z]+$/.test(term) && informativeness(term) >= 1;
  if (term.length < PREFIX && !abbreviation) return false;
  const prefix = term.slice(0, PREFIX);
  // An everyday word spelt right is not a typo of another, nor (when short) a longer word's beginning.
  const everydayWord = informativeness(term) <= LIGHT;
  for (const w of set.words) {
    if (w.length >= PREFIX && w.startsWith(prefix)) {
      // "criticize" meets "criticism", "governance" meets "governing": a shared stem-like beginning.
      // An everyday short word is its own word: "office" is not an "officer".
      const common = commonPrefix(w, term);
      if (
        !(everydayWord && term.length < 7) &&
        common >= Math.min(w.length, term.length) - 3 &&
        sameStem(w, term, common)
      )
        return true;
    }
    // An abbreviation English doesn't know ("mgmt", "cmte") keeps its letters in order inside the long word.
    // Three letters are too few to tell an abbreviation from chance ("api" is in "april").
    if (
      abbreviation &&
      term.length >= 4 &&
      w.length > term.length + 1 &&
      w[0] === term[0] &&
      isSubsequence(term, w)
    )
      return true;
    // A typo keeps its first letter: "valuation" is not a misspelt "evaluation".
    if (
      term.length >= 6 &&
      !everydayWord &&
      w[0] === term[0] &&
      Math.abs(w.length - term.length) <= 1 &&
      editDistance(w, term, 1) <= 1
    )
      return true;
  }
  return false;
}

/** Endings that make another form of the same word ("criticize", "criticism"; "written", "writing"). */
const ENDINGS = new Set(
  'a e y s es ed en er ers or ors ten ing ings ion ions ism ist ize ise ic al ly ity ive ance ence ent ents ant ants ment ness an ian ese ish'.split(
    ' ',
  ),
);

/**
 * The two words differ only by endings after their shared beginning, not by a word of its own: "startups" is no
 * form of "starting" ("start" + "ups").
 */
function sameStem(a: string, b: string, common: number): boolean {
  // (Split one letter earlier too: "preside" + "nt" is "presid" + "ent".)
  return [common, common - 1].some((k) =>
    [a.slice(k), b.slice(k)].every((rest) => rest.length < 2 || ENDINGS.has(rest) || !isEnglishWord(rest)),
  );
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Informativeness up to which a word is everyday English. */
const LIGHT = 0.3;
/** What a missing everyday word the knowledge base uses elsewhere weighs, against a covered one. */
const LIGHT_MISS = 0.5;

function knownWord(term: string, index: SearchIndex): boolean {
  return index.facts.has(term) || index.vocab.has(term);
}

/**
 * How much of `terms` the given statements and texts cover together. Rare terms weigh more: a statement that
 * shares "revenue" with a question covers it far better than one that shares "year".
 */
export function coverage(
  terms: readonly string[],
  docs: readonly FactDoc[],
  texts: readonly string[],
  index: SearchIndex,
  question?: string,
): Coverage {
  if (terms.length === 0) return { ratio: 1, missing: [] };
  const sets = [...docs.map((d) => statementWords(d, index)), ...texts.filter(Boolean).map(wordSet)];
  const literal = question ? literalWords(sets, ` ${question} `) : undefined;
  let total = 0;
  let covered = 0;
  const missing: string[] = [];
  for (const t of terms) {
    const w = index.facts.rarity(t) * informativeness(t);
    const credit = literal?.has(root(t)) ? 1 : Math.max(0, ...sets.map((set) => covers(t, set)));
    if (credit > 0) {
      covered += w * credit;
      total += w;
    } else {
      missing.push(t);
      // An everyday word the knowledge base uses elsewhere ("change", "known") is often only phrased otherwise
      // here; an everyday word it never uses ("age", "price") asks for something it doesn't hold.
      total += informativeness(t) <= LIGHT && knownWord(t, index) ? w * LIGHT_MISS : w;
    }
  }
  return { ratio: total > 0 ? covered / total : 1, missing };
}

/**
 * Stems of the words of a phrasing the question holds word for word ("who can apply" in "who can apply to …"):
 * a whole phrasing of two words or more, asked as written, is the statement's own ask, not a loose word of it.
 */
function literalWords(sets: readonly WordSet[], question: string): ReadonlySet<string> | undefined {
  let out: Set<string> | undefined;
  for (const set of sets)
    for (const p of set.phrasings ?? [])
      if (p.trim().includes(' ') && question.includes(p)) {
        out ??= new Set();
        for (const w of p.trim().split(' ')) out.add(root(w));
      }
  return out;
}

const indexRoots = new WeakMap<SearchIndex, ReadonlySet<string>>();

/**
 * The knowledge base uses the word in some form ("listed" meets "list"): a statement or a name holds a word with
 * its stem. Built once per index.
 */
export function usesWord(index: SearchIndex, word: string): boolean {
  let roots = indexRoots.get(index);
  if (!roots) {
    const all = new Set<string>([...index.vocab].map(root));
    for (const doc of index.factDocs) for (const s of statementWords(doc, index).stems) all.add(s);
    roots = all;
    indexRoots.set(index, roots);
  }
  return roots.has(root(word)) || index.facts.has(word) || index.vocab.has(word);
}
