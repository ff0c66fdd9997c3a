import { aliasName, type KnowledgeBase } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';
import { push, STEP } from './build.js';
import { TypoIndex } from './typos.js';

/**
 * One way of writing a record's name, normalised for lookup. What entity linking returns for a mention, and what
 * autocomplete offers.
 */
export interface Surface {
  /** Normalised text, e.g. "ai alliance". */
  key: string;
  /** As written in the knowledge file. */
  original: string;
  record: KbRecord;
  /** A garbled spelling from the seed articles (answers point out the correct name). */
  garbled: boolean;
  /** The record's own name rather than an alias. */
  isName: boolean;
  /** A person's surname alone ("Thurai"), derived from the name: never echoed or offered as an alias. */
  surname?: boolean;
}

/**
 * The name index: every name and alias of every record, for finding records by what a member typed. Read by
 * entity linking (names in a question, typos included) and by autocomplete (prefixes). Built once per knowledge
 * base load, never per query.
 */
export interface NameIndex {
  /** Normalised surface → the surfaces (usually one record) it names. */
  surfaces: ReadonlyMap<string, readonly Surface[]>;
  /** Surfaces with spaces removed, so "huggingface" finds "Hugging Face". */
  compact: ReadonlyMap<string, readonly Surface[]>;
  /** Longest surface in words, bounding n-gram lookups. */
  maxWords: number;
  /** Word → surfaces containing it; candidates for fuzzy matching. */
  wordSurfaces: ReadonlyMap<string, readonly Surface[]>;
  /** Every word of every surface. */
  vocab: ReadonlySet<string>;
  /** One-deletion key → vocabulary words, to find typo'd words in O(word length). */
  typos: TypoIndex;
  /** Sorted surface keys for prefix search in autocomplete. */
  sortedKeys: readonly string[];
  /** Sorted vocabulary, for prefix search on any word of a name. */
  sortedVocab: readonly string[];
}

/** All strings made by deleting one character (plus the word itself). */
export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Extra ways of writing a name: without a parenthetical, and the acronym inside one ("… (MBZUAI)"). */
function nameVariants(name: string): string[] {
  const out = [name];
  const m = name.match(/^(.*?)\s*\(([^)]*)\)\s*$/);
  if (m?.[1]) {
    out.push(m[1]);
    const inner = m[2]?.trim() ?? '';
    if (/^[A-Z0-9*&.-]{2,10}$/.test(inner)) out.push(inner);
  }
  return out;
}

/** Builds the name index, yielding every {@link STEP} records and between the costly steps. */
export function* nameSteps(kb: KnowledgeBase): Generator<void, NameIndex> {
  let work = 0;
  const surfaces = new Map<string, Surface[]>();
  const compact = new Map<string, Surface[]>();
  const wordSurfaces = new Map<string, Surface[]>();
  let maxWords = 1;

  const addSurface = (
    record: KbRecord,
    original: string,
    garbled: boolean,
    isName: boolean,
    surname = false,
  ) => {
    const key = normalize(original);
    if (!key) return;
    const existing = surfaces.get(key);
    if (existing?.some((s) => s.record.id === record.id)) return;
    const surface: Surface = surname
      ? { key, original, record, garbled, isName, surname }
      : { key, original, record, garbled, isName };
    push(surfaces, key, surface);
    const words = key.split(' ');
    maxWords = Math.max(maxWords, words.length);
    if (words.length > 1) push(compact, words.join(''), surface);
    for (const w of new Set(words)) if (!STOPWORDS.has(w)) push(wordSurfaces, w, surface);
  };

  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    addSurface(r, r.name, false, true);
    for (const a of r.aliases)
      addSurface(r, aliasName(a), typeof a !== 'string' && a.garbled === true, false);
  }
  // Derived forms ("Project Tapestry" from "Project Tapestry (AI Alliance)") only where no record already has
  // that name: "watsonx (IBM)" must not make "IBM" mean the product.
  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    const names = [r.name, ...r.aliases.map(aliasName)];
    for (const name of names) {
      for (const v of nameVariants(name).slice(1)) {
        const taken = surfaces.get(normalize(v));
        if (!taken || taken.every((s) => s.record.id === r.id)) addSurface(r, v, false, false);
      }
    }
  }

  // People are asked about by surname ("what did Thurai say"): a surname no record already uses names the person.
  const surnames = new Map<string, KbRecord[]>();
  for (const r of kb.records) {
    if (r.kind !== 'person') continue;
    const last =
      r.name
        .replace(/\s*\([^)]*\)\s*$/, '')
        .split(/\s+/)
        .at(-1) ?? '';
    if (last.length >= 2) push(surnames, last, r);
  }
  for (const [last, people] of surnames) {
    if (people.length === 1 && !surfaces.has(normalize(last)))
      addSurface(people[0] as KbRecord, last, false, false, true);
  }

  const vocab = new Set<string>();
  for (const key of surfaces.keys()) for (const w of key.split(' ')) vocab.add(w);
  for (const key of compact.keys()) vocab.add(key);
  yield;
  const typos = yield* TypoIndex.build(vocab);
  yield;
  const sortedKeys = [...surfaces.keys()].sort();
  yield;
  const sortedVocab = [...vocab].sort();

  return {
    surfaces,
    compact,
    maxWords: Math.min(maxWords, 12),
    wordSurfaces,
    vocab,
    typos,
    sortedKeys,
    sortedVocab,
  };
}
