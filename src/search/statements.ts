import type { KnowledgeBase } from '../knowledge/model.js';
import type { Fact, Initiative, Topic } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';
import { push, STEP } from './build.js';
import { FactIndex } from './facts.js';
import { involvementSentence, roleSentence } from './render.js';

/**
 * A searchable statement: a fact, a record summary, a relation or a role, rendered as text. What retrieval finds,
 * what the answer handlers weigh, and what an answer quotes and cites.
 */
export interface FactDoc {
  id: number;
  /** The record the statement belongs to. */
  recordId: string;
  /** Other records it is about (an involvement is about its initiative too). */
  about: readonly string[];
  topic: Topic | 'summary' | 'relation' | 'role';
  text: string;
  quote?: string | undefined;
  date?: string | undefined;
  /** The fact's confidence mark, when it has one ("conflicting" when sources disagree). */
  confidence?: Fact['confidence'];
  /** Normalised garbled spellings a correction explains: shown only to a member who typed one of them. */
  spellings?: readonly string[] | undefined;
  /** How members ask for the fact in other words (the fact's `asked_as`): searched, never shown. */
  askedAs?: string | undefined;
  sources: readonly string[];
}

/**
 * The statement index: every statement of the knowledge base, searchable by words (BM25) and listed by record.
 * Read by the answer engine's retrieval, its handlers and its judge. Built once per knowledge base load, never per
 * query.
 */
export interface StatementIndex {
  /** BM25 index over `factDocs` (ids are positions in `factDocs`). */
  facts: FactIndex;
  factDocs: readonly FactDoc[];
  /** Record id → the statements that belong to it or are about it. */
  docsByRecord: ReadonlyMap<string, readonly FactDoc[]>;
}

/** Shared by every statement that is about no other record (most of them). */
const NO_OTHERS: readonly string[] = Object.freeze([]);
/** No quote, date, confidence, spellings or phrasings. */
const NO_EXTRA: Partial<Pick<Fact, 'quote' | 'date' | 'confidence' | 'spellings' | 'asked_as'>> =
  Object.freeze({});

/** Splits text for the fact index: normalised words, no stopwords. */
export function indexTerms(text: string): string[] {
  const n = normalize(text);
  if (!n) return [];
  return n.split(' ').filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** A word's stem without a final "e", so "hire" meets "hired" and "releasing" meets "releases". */
export function stemRoot(word: string): string {
  const s = stem(word);
  return s.length > 3 && s.endsWith('e') ? s.slice(0, -1) : s;
}

/** Light stemming so "members" meets "member" and "founded" meets "found". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  // "studied" meets "study", "applied" meets "apply".
  if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Builds the statement index, yielding every {@link STEP} records or statements so a sliced build can pause. */
export function* statementSteps(kb: KnowledgeBase): Generator<void, StatementIndex> {
  let work = 0;
  const factDocs: FactDoc[] = [];
  // One object shape for every statement (absent fields are undefined): at 100,000 records spread objects of
  // varying shapes cost three times the memory.
  const addDoc = (
    recordId: string,
    about: readonly string[],
    topic: FactDoc['topic'],
    text: string,
    sources: readonly string[],
    extra: Partial<Pick<Fact, 'quote' | 'date' | 'confidence' | 'spellings' | 'asked_as'>> = NO_EXTRA,
  ) =>
    factDocs.push({
      id: factDocs.length,
      recordId,
      about,
      topic,
      text,
      quote: extra.quote || undefined,
      date: extra.date || undefined,
      confidence: extra.confidence,
      spellings: extra.spellings?.length ? extra.spellings.map(normalize) : undefined,
      askedAs: extra.asked_as?.length ? extra.asked_as.join(' · ') : undefined,
      sources,
    });

  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    addDoc(r.id, NO_OTHERS, 'summary', r.summary, r.sources, { asked_as: r.asked_as });
    for (const f of r.facts) addDoc(r.id, NO_OTHERS, f.topic, f.text, f.sources, f);
    if (r.kind === 'organization' && r.description)
      addDoc(r.id, NO_OTHERS, 'overview', r.description, r.sources, { asked_as: r.asked_as });
  }

  // Relations and roles are rendered once into sentences so they can be searched like facts.
  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    if (r.kind === 'organization') {
      for (const inv of r.involvement) {
        const initiative = kb.byId.get(inv.initiative) as (Initiative & { kind: 'initiative' }) | undefined;
        if (!initiative) continue;
        const text = involvementSentence(r, inv, initiative);
        addDoc(r.id, [inv.initiative], 'relation', text, inv.sources, { date: inv.date });
      }
    } else if (r.kind === 'person') {
      for (const role of r.roles) {
        const about = [role.organization, role.initiative].filter((x): x is string => !!x);
        addDoc(r.id, about.length ? about : NO_OTHERS, 'role', roleSentence(r, role, kb), role.sources);
      }
    }
  }

  const docsByRecord = new Map<string, FactDoc[]>();
  for (const d of factDocs) {
    if (++work % STEP === 0) yield;
    push(docsByRecord, d.recordId, d);
    for (const a of d.about) push(docsByRecord, a, d);
  }

  const facts = yield* FactIndex.build(factDocs, indexTerms, stem);
  return { facts, factDocs, docsByRecord };
}
