import { aliasName, type KnowledgeBase } from '../knowledge/model.js';
import type {
  Fact,
  Initiative,
  Involvement,
  KbRecord,
  Organization,
  Person,
  PersonRole,
  Project,
  Topic,
} from '../knowledge/schema.js';
import { runSliced, runToEnd } from '../steps.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';
import { FactIndex } from './facts.js';
import { involvementSentence, roleSentence } from './render.js';
import { TypoIndex } from './typos.js';

/** One way of writing a record's name, normalised for lookup. */
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
}

/** A searchable statement: a fact, a record summary, a relation or a role, rendered as text. */
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
  sources: readonly string[];
}

/** Shared by every statement that is about no other record (most of them). */
const NO_OTHERS: readonly string[] = Object.freeze([]);

/** An organization's relation to an initiative. */
export interface Membership {
  org: Organization & { kind: 'organization' };
  inv: Involvement;
}

/** A person's role, with the person. */
export interface Staffing {
  person: Person & { kind: 'person' };
  role: PersonRole;
}

/**
 * Everything the answer engine and autocomplete need, built once per knowledge base load (`buildIndex`),
 * never per query.
 */
export interface SearchIndex {
  kb: KnowledgeBase;
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
  /** BM25 index over `factDocs` (ids are positions in `factDocs`). */
  facts: FactIndex;
  factDocs: readonly FactDoc[];
  docsByRecord: ReadonlyMap<string, readonly FactDoc[]>;
  membersOf: ReadonlyMap<string, readonly Membership[]>;
  staffOfOrg: ReadonlyMap<string, readonly Staffing[]>;
  staffOfInitiative: ReadonlyMap<string, readonly Staffing[]>;
  projectsOf: ReadonlyMap<string, readonly Project[]>;
  /** Initiative id → the organization that is the body behind it. */
  runBy: ReadonlyMap<string, Organization>;
  /** How many other records point at a record; ranks empty autocomplete. */
  refCount: ReadonlyMap<string, number>;
  /** Featured initiatives, in file order. */
  featured: readonly KbRecord[];
  /** Every record, most referenced first (file order among equals), so empty autocomplete never sorts. */
  byReferences: readonly KbRecord[];
}

/** Splits text for the fact index: normalised words, no stopwords. */
export function indexTerms(text: string): string[] {
  const n = normalize(text);
  if (!n) return [];
  return n.split(' ').filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** Light stemming so "members" meets "member" and "founded" meets "found". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** All strings made by deleting one character (plus the word itself). */
export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Builds the search index for a knowledge base. Pure: the same knowledge base gives the same index. */
export function buildIndex(kb: KnowledgeBase): SearchIndex {
  return runToEnd(buildSteps(kb));
}

/**
 * The same index as {@link buildIndex}, built in slices of about `sliceMs` of work with the event loop free in
 * between, so a reload never stalls the answers being served meanwhile.
 */
export function buildIndexAsync(kb: KnowledgeBase, sliceMs = 8): Promise<SearchIndex> {
  return runSliced(buildSteps(kb), sliceMs);
}

/** Work units (records, statements) between two points where a sliced build may pause. */
const STEP = 512;

function* buildSteps(kb: KnowledgeBase): Generator<void, SearchIndex> {
  let work = 0;
  const surfaces = new Map<string, Surface[]>();
  const compact = new Map<string, Surface[]>();
  const wordSurfaces = new Map<string, Surface[]>();
  let maxWords = 1;

  const addSurface = (record: KbRecord, original: string, garbled: boolean, isName: boolean) => {
    const key = normalize(original);
    if (!key) return;
    const existing = surfaces.get(key);
    if (existing?.some((s) => s.record.id === record.id)) return;
    const surface: Surface = { key, original, record, garbled, isName };
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

  const vocab = new Set<string>();
  for (const key of surfaces.keys()) for (const w of key.split(' ')) vocab.add(w);
  for (const key of compact.keys()) vocab.add(key);
  yield;
  const typos = yield* TypoIndex.build(vocab);

  const membersOf = new Map<string, Membership[]>();
  const staffOfOrg = new Map<string, Staffing[]>();
  const staffOfInitiative = new Map<string, Staffing[]>();
  const projectsOf = new Map<string, Project[]>();
  const runBy = new Map<string, Organization>();
  const refCount = new Map<string, number>();
  const ref = (id: string | undefined) => {
    if (id) refCount.set(id, (refCount.get(id) ?? 0) + 1);
  };

  const factDocs: FactDoc[] = [];
  // One object shape for every statement (absent fields are undefined): at 100,000 records spread objects of
  // varying shapes cost three times the memory.
  const addDoc = (
    recordId: string,
    about: readonly string[],
    topic: FactDoc['topic'],
    text: string,
    sources: readonly string[],
    quote?: string,
    date?: string,
    confidence?: Fact['confidence'],
    spellings?: readonly string[],
  ) =>
    factDocs.push({
      id: factDocs.length,
      recordId,
      about,
      topic,
      text,
      quote: quote || undefined,
      date: date || undefined,
      confidence,
      spellings: spellings?.length ? spellings.map(normalize) : undefined,
      sources,
    });

  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    addDoc(r.id, NO_OTHERS, 'summary', r.summary, r.sources);
    for (const f of r.facts)
      addDoc(r.id, NO_OTHERS, f.topic, f.text, f.sources, f.quote, f.date, f.confidence, f.spellings);
    if (r.kind === 'organization') {
      if (r.description) addDoc(r.id, NO_OTHERS, 'overview', r.description, r.sources);
      if (r.runs) runBy.set(r.runs, r);
      for (const inv of r.involvement) {
        push(membersOf, inv.initiative, { org: r, inv });
        ref(inv.initiative);
        ref(r.id);
      }
    } else if (r.kind === 'person') {
      for (const role of r.roles) {
        if (role.organization) {
          push(staffOfOrg, role.organization, { person: r, role });
          ref(role.organization);
        }
        if (role.initiative) {
          push(staffOfInitiative, role.initiative, { person: r, role });
          ref(role.initiative);
        }
      }
    } else if (r.kind === 'project') {
      if (r.owner) {
        push(projectsOf, r.owner, r);
        ref(r.owner);
      }
      for (const id of r.related) ref(id);
    } else {
      for (const id of r.related) ref(id);
    }
  }

  // Relations and roles are rendered once into sentences so they can be searched like facts.
  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    if (r.kind === 'organization') {
      for (const inv of r.involvement) {
        const initiative = kb.byId.get(inv.initiative) as (Initiative & { kind: 'initiative' }) | undefined;
        if (!initiative) continue;
        const text = involvementSentence(r, inv, initiative);
        addDoc(r.id, [inv.initiative], 'relation', text, inv.sources, undefined, inv.date);
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
  yield;
  const sortedKeys = [...surfaces.keys()].sort();
  yield;
  const sortedVocab = [...vocab].sort();
  yield;
  const byReferences = [...kb.records].sort((a, b) => (refCount.get(b.id) ?? 0) - (refCount.get(a.id) ?? 0));

  return {
    kb,
    surfaces,
    compact,
    maxWords: Math.min(maxWords, 12),
    wordSurfaces,
    vocab,
    typos,
    sortedKeys,
    sortedVocab,
    facts,
    factDocs,
    docsByRecord,
    membersOf,
    staffOfOrg,
    staffOfInitiative,
    projectsOf,
    runBy,
    refCount,
    featured: kb.records.filter((r) => r.kind === 'initiative' && r.featured),
    byReferences,
  };
}
