import MiniSearch from 'minisearch';
import { aliasName, type KnowledgeBase } from '../knowledge/model.js';
import type {
  Initiative,
  Involvement,
  KbRecord,
  Organization,
  Person,
  PersonRole,
  Project,
  Topic,
} from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';
import { involvementSentence, roleSentence } from './render.js';

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
  quote?: string;
  date?: string;
  sources: readonly string[];
}

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
  deletes: ReadonlyMap<string, readonly string[]>;
  /** Sorted surface keys for prefix search in autocomplete. */
  sortedKeys: readonly string[];
  /** Sorted vocabulary, for prefix search on any word of a name. */
  sortedVocab: readonly string[];
  facts: MiniSearch<FactDoc>;
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
    addSurface(r, r.name, false, true);
    for (const a of r.aliases)
      addSurface(r, aliasName(a), typeof a !== 'string' && a.garbled === true, false);
  }
  // Derived forms ("Project Tapestry" from "Project Tapestry (AI Alliance)") only where no record already has
  // that name: "watsonx (IBM)" must not make "IBM" mean the product.
  for (const r of kb.records) {
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
  const deletes = new Map<string, string[]>();
  for (const w of vocab) if (w.length >= 4) for (const d of new Set(deletions(w))) push(deletes, d, w);

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
  const addDoc = (doc: Omit<FactDoc, 'id'>) => factDocs.push({ ...doc, id: factDocs.length });

  for (const r of kb.records) {
    addDoc({ recordId: r.id, about: [], topic: 'summary', text: r.summary, sources: r.sources });
    for (const f of r.facts) {
      addDoc({
        recordId: r.id,
        about: [],
        topic: f.topic,
        text: f.text,
        ...(f.quote ? { quote: f.quote } : {}),
        ...(f.date ? { date: f.date } : {}),
        sources: f.sources,
      });
    }
    if (r.kind === 'organization') {
      if (r.description)
        addDoc({ recordId: r.id, about: [], topic: 'overview', text: r.description, sources: r.sources });
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
    if (r.kind === 'organization') {
      for (const inv of r.involvement) {
        const initiative = kb.byId.get(inv.initiative) as (Initiative & { kind: 'initiative' }) | undefined;
        if (!initiative) continue;
        addDoc({
          recordId: r.id,
          about: [inv.initiative],
          topic: 'relation',
          text: involvementSentence(r, inv, initiative),
          ...(inv.date ? { date: inv.date } : {}),
          sources: inv.sources,
        });
      }
    } else if (r.kind === 'person') {
      for (const role of r.roles) {
        const about = [role.organization, role.initiative].filter((x): x is string => !!x);
        addDoc({
          recordId: r.id,
          about,
          topic: 'role',
          text: roleSentence(r, role, kb),
          sources: role.sources,
        });
      }
    }
  }

  const docsByRecord = new Map<string, FactDoc[]>();
  for (const d of factDocs) {
    push(docsByRecord, d.recordId, d);
    for (const a of d.about) push(docsByRecord, a, d);
  }

  const facts = new MiniSearch<FactDoc>({
    fields: ['text', 'quote'],
    storeFields: [],
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => stem(term),
    searchOptions: { tokenize: (text) => indexTerms(text), processTerm: (term) => stem(term) },
  });
  facts.addAll(factDocs);

  return {
    kb,
    surfaces,
    compact,
    maxWords: Math.min(maxWords, 8),
    wordSurfaces,
    vocab,
    deletes,
    sortedKeys: [...surfaces.keys()].sort(),
    sortedVocab: [...vocab].sort(),
    facts,
    factDocs,
    docsByRecord,
    membersOf,
    staffOfOrg,
    staffOfInitiative,
    projectsOf,
    runBy,
    refCount,
  };
}
