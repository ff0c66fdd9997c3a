import SearchableMap from 'minisearch/SearchableMap';

/**
 * The full-text index over fact statements: BM25+ scoring identical to MiniSearch's (same tokenizer, field
 * lengths, document frequencies, fuzzy weights and "quality" factor), stored in flat typed arrays instead of
 * nested maps so it stays small and fast at hundreds of thousands of statements:
 *
 * - a forward index (statement → its terms), so the facts of one record are scored directly, without touching
 *   the rest of the knowledge base;
 * - an inverted index (term → statements) for questions that name no record, scored with typed accumulators and
 *   a top-k selection instead of a map per matching statement;
 * - MiniSearch's radix tree (`SearchableMap`) over the vocabulary for fuzzy term expansion.
 *
 * Results match what `new MiniSearch({ fields: ['text', 'quote'], tokenize, processTerm }).search(…)` returns for
 * the same statements, in the same order (a differential test holds it to that).
 */

/** The fields searched, in MiniSearch's order. */
const FIELDS = ['text', 'quote', 'askedAs'] as const;
type FieldId = 0 | 1 | 2;
/** One value per field. */
type PerField<T> = [T, T, T];
const perField = <T>(make: (f: FieldId) => T): PerField<T> => [make(0), make(1), make(2)];
/** What a match in a phrasing members ask with counts for: weaker evidence than the statement's own words. */
export const ASKED_AS_WEIGHT = 0.3;
/** What a match counts for, per field. */
const FIELD_WEIGHT: PerField<number> = [1, 1, ASKED_AS_WEIGHT];

/** MiniSearch's defaults. */
const BM25_K = 1.2;
const BM25_B = 0.7;
const BM25_D = 0.5;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;

/** What is indexed of a statement. */
export interface IndexedText {
  text: string;
  quote?: string | undefined;
  /** Phrasings members ask for the statement with: searched, but not what the statement says. */
  askedAs?: string | undefined;
}

/** A query: a string (tokenised), or a group of sub-queries combined with OR, optionally with a field boost. */
export type FactQuery = string | { queries: readonly FactQuery[]; boost?: number };

/** Edit distance allowed for a (processed) query term, as a fraction of its length; `false` for none. */
export type FuzzyOption = (term: string) => number | false;

/** One global search hit. */
export interface FactHit {
  /** Statement id (its position in the indexed list). */
  id: number;
  score: number;
  /** How many distinct query terms it matched. */
  terms: number;
}

/** A growable Int32 buffer. */
class IntBuffer {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const bm25 = (tf: number, df: number, total: number, fieldLength: number, avgFieldLength: number) => {
  const invDocFreq = Math.log(1 + (total - df + 0.5) / (df + 0.5));
  return (
    invDocFreq *
    (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_K * (1 - BM25_B + (BM25_B * fieldLength) / avgFieldLength)))
  );
};

const maxDistanceFor = (term: string, fuzzy: FuzzyOption): number => {
  const f = fuzzy(term);
  if (!f) return 0;
  return f < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * f)) : f;
};

export class FactIndex {
  /** Number of statements. */
  readonly documentCount: number;
  readonly #tokenize: (text: string) => string[];
  readonly #processTerm: (term: string) => string;
  readonly #termIds: Map<string, number>;
  readonly #terms: string[];
  readonly #fuzzyMap: SearchableMap<number>;
  /** Per field: statements containing each term. */
  readonly #df: PerField<Int32Array>;
  /** Per field: MiniSearch's running average field length. */
  readonly #avg: PerField<number>;
  /** Per field: unique tokens of each statement's field. */
  readonly #len: PerField<Uint16Array>;
  /** Forward index: statement d's entries are [fwdStart[d], fwdStart[d + 1]). */
  readonly #fwdStart: Int32Array;
  readonly #fwdTerm: Int32Array;
  readonly #fwdTf: Uint16Array;
  readonly #fwdField: Uint8Array;
  /** Inverted index per field: term t's postings are [invStart[t], invStart[t + 1]), in statement order. */
  readonly #invStart: PerField<Int32Array>;
  readonly #invDoc: PerField<Int32Array>;
  /** BM25's term-frequency part of each posting, (d + tf (k + 1) / (tf + k (1 - b + b len / avg))), precomputed. */
  readonly #invPart: PerField<Float64Array>;
  // Scratch space for global search, reused between queries (answers are synchronous, so never shared).
  #scratch:
    | { total: Float64Array; perTerm: Float64Array; seen: Int32Array; position: Int32Array }
    | undefined;
  #stamp = 0;
  #scopeMarks: Int32Array | undefined;
  #scopeStamp = 0;
  readonly #derivedCache = new Map<string, readonly (readonly [number, number])[]>();

  /** Indexes `docs` (ids are their positions), tokenised and processed like MiniSearch's `tokenize`/`processTerm`. */
  static of(
    docs: readonly IndexedText[],
    tokenize: (text: string) => string[],
    processTerm: (term: string) => string,
  ): FactIndex {
    const steps = FactIndex.build(docs, tokenize, processTerm);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /** {@link FactIndex.of} as steps, pausing now and then (see `buildIndexAsync`). */
  static *build(
    docs: readonly IndexedText[],
    tokenize: (text: string) => string[],
    processTerm: (term: string) => string,
  ): Generator<void, FactIndex> {
    const n = docs.length;
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const len = perField(() => new Uint16Array(n));
    const avg = perField(() => 0);
    const fwdStart = new Int32Array(n + 1);
    const fwdTerm = new IntBuffer(n * 8 + 16);
    const fwdTf = new IntBuffer(n * 8 + 16);
    const fwdField = new IntBuffer(n * 8 + 16);
    // Raw token → its term id (-1 when processing drops it), so each distinct token is processed once.
    const tokenIds = new Map<string, number>();
    const tokenTerm = new IntBuffer(1024);
    const tokenSeen = new IntBuffer(1024);
    let termTf = new Int32Array(1024);
    let termSeen = new Int32Array(1024);
    const inField: number[] = [];
    let stamp = 0;

    for (let d = 0; d < n; d++) {
      if (d % 512 === 511) yield;
      const doc = docs[d] as IndexedText;
      fwdStart[d] = fwdTerm.length;
      for (let f = 0 as FieldId; f < FIELDS.length; f++) {
        const value = doc[FIELDS[f]];
        if (value === undefined || value === null) continue;
        const tokens = tokenize(String(value));
        stamp++;
        let unique = 0;
        inField.length = 0;
        for (const token of tokens) {
          let tokenId = tokenIds.get(token);
          if (tokenId === undefined) {
            tokenId = tokenTerm.length;
            tokenIds.set(token, tokenId);
            const term = processTerm(token);
            let id = -1;
            if (term) {
              id = termIds.get(term) ?? -1;
              if (id < 0) {
                id = terms.length;
                termIds.set(term, id);
                terms.push(term);
                if (id >= termTf.length) {
                  const grownTf = new Int32Array(termTf.length * 2);
                  grownTf.set(termTf);
                  termTf = grownTf;
                  const grownSeen = new Int32Array(termSeen.length * 2);
                  grownSeen.set(termSeen);
                  termSeen = grownSeen;
                }
              }
            }
            tokenTerm.push(id);
            tokenSeen.push(0);
          }
          if (tokenSeen.data[tokenId] !== stamp) {
            tokenSeen.data[tokenId] = stamp;
            unique++;
          }
          const id = tokenTerm.data[tokenId] as number;
          if (id < 0) continue;
          if (termSeen[id] !== stamp) {
            termSeen[id] = stamp;
            termTf[id] = 1;
            inField.push(id);
          } else termTf[id] = (termTf[id] as number) + 1;
        }
        // MiniSearch's running average: over every document added so far, not only those with the field.
        avg[f] = ((avg[f] || 0) * d + unique) / (d + 1);
        (len[f] as Uint16Array)[d] = Math.min(unique, 65535);
        for (const id of inField) {
          fwdTerm.push(id);
          fwdTf.push(Math.min(termTf[id] as number, 65535));
          fwdField.push(f);
        }
      }
    }
    fwdStart[n] = fwdTerm.length;

    const v = terms.length;
    const df = perField(() => new Int32Array(v));
    const entries = fwdTerm.length;
    for (let i = 0; i < entries; i++) {
      const counts = df[fwdField.data[i] as FieldId];
      const t = fwdTerm.data[i] as number;
      counts[t] = (counts[t] as number) + 1;
    }
    const invStart = perField(() => new Int32Array(v + 1));
    for (const f of [0, 1, 2] as const) {
      const start = invStart[f];
      const counts = df[f];
      for (let t = 0; t < v; t++) start[t + 1] = (start[t] as number) + (counts[t] as number);
    }
    const invDoc = perField((f) => new Int32Array(invStart[f][v] ?? 0));
    const invPart = perField((f) => new Float64Array(invStart[f][v] ?? 0));
    const fill = perField((f) => invStart[f].slice(0, v));
    for (let d = 0; d < n; d++) {
      if (d % 4096 === 4095) yield;
      for (let i = fwdStart[d] as number; i < (fwdStart[d + 1] as number); i++) {
        const f = fwdField.data[i] as FieldId;
        const t = fwdTerm.data[i] as number;
        const at = (fill[f][t] as number) + 0;
        fill[f][t] = at + 1;
        invDoc[f][at] = d;
        const tf = fwdTf.data[i] as number;
        invPart[f][at] =
          BM25_D +
          (tf * (BM25_K + 1)) / (tf + BM25_K * (1 - BM25_B + (BM25_B * (len[f][d] as number)) / avg[f]));
      }
    }

    // Inserted in first-appearance order, as MiniSearch does, so fuzzy matches come back in its order.
    const fuzzyMap = new SearchableMap<number>();
    for (let t = 0; t < v; t++) {
      if (t % 2048 === 2047) yield;
      fuzzyMap.set(terms[t] as string, t);
    }
    return new FactIndex({
      documentCount: n,
      tokenize,
      processTerm,
      termIds,
      terms,
      fuzzyMap,
      df,
      avg,
      len,
      fwdStart,
      fwdTerm: fwdTerm.trimmed(),
      fwdTf: Uint16Array.from(fwdTf.data.subarray(0, entries)),
      fwdField: Uint8Array.from(fwdField.data.subarray(0, entries)),
      invStart,
      invDoc,
      invPart,
    });
  }

  private constructor(parts: {
    documentCount: number;
    tokenize: (text: string) => string[];
    processTerm: (term: string) => string;
    termIds: Map<string, number>;
    terms: string[];
    fuzzyMap: SearchableMap<number>;
    df: PerField<Int32Array>;
    avg: PerField<number>;
    len: PerField<Uint16Array>;
    fwdStart: Int32Array;
    fwdTerm: Int32Array;
    fwdTf: Uint16Array;
    fwdField: Uint8Array;
    invStart: PerField<Int32Array>;
    invDoc: PerField<Int32Array>;
    invPart: PerField<Float64Array>;
  }) {
    this.documentCount = parts.documentCount;
    this.#tokenize = parts.tokenize;
    this.#processTerm = parts.processTerm;
    this.#termIds = parts.termIds;
    this.#terms = parts.terms;
    this.#fuzzyMap = parts.fuzzyMap;
    this.#df = parts.df;
    this.#avg = parts.avg;
    this.#len = parts.len;
    this.#fwdStart = parts.fwdStart;
    this.#fwdTerm = parts.fwdTerm;
    this.#fwdTf = parts.fwdTf;
    this.#fwdField = parts.fwdField;
    this.#invStart = parts.invStart;
    this.#invDoc = parts.invDoc;
    this.#invPart = parts.invPart;
  }

  /** Distinct terms in the index. */
  get termCount(): number {
    return this.#terms.length;
  }

  /**
   * True when some statement says the (processed) term in its text or quote; the phrasings it is asked for by
   * don't count, so a word only members use ("revenue") is still one the knowledge base never speaks of.
   */
  has(term: string): boolean {
    const id = this.#termIds.get(this.#processTerm(term));
    return id !== undefined && ((this.#df[0][id] ?? 0) > 0 || (this.#df[1][id] ?? 0) > 0);
  }

  /**
   * How rare a (processed) term is across what the statements say: BM25's inverse document frequency, highest
   * for a term no statement contains. Used to weigh how much of a question a statement covers.
   */
  rarity(term: string): number {
    const id = this.#termIds.get(this.#processTerm(term));
    const df = id === undefined ? 0 : (this.#df[0][id] ?? 0) + (this.#df[1][id] ?? 0);
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  /** Query terms of a string, as indexed (tokenised, processed, empty ones dropped). */
  #queryTerms(query: string): string[] {
    return this.#tokenize(query)
      .map((t) => this.#processTerm(t))
      .filter((t) => !!t);
  }

  /**
   * Scores only the statements in `scope` (ids) for a query tree: the same scores MiniSearch's `search` gives
   * them with a filter, at a cost that depends on the scope, not on the size of the index.
   */
  scoreScope(query: FactQuery, scope: Iterable<number>, fuzzy: FuzzyOption): Map<number, number> {
    // The query's terms in order, each with the field boost of its group.
    const leaves: { term: string; boost: number }[] = [];
    const flatten = (q: FactQuery, boost: number) => {
      if (typeof q === 'string') for (const term of this.#queryTerms(q)) leaves.push({ term, boost });
      else for (const sub of q.queries) flatten(sub, q.boost ?? boost);
    };
    flatten(query, 1);
    const scores = new Map<number, number>();
    if (leaves.length === 0) return scores;
    const docs = [...scope];
    const count = docs.length;

    // Terms of the scoped statements, marked so fuzzy expansions can be cut down to them.
    const stamp = this.#nextScopeStamp();
    const inScope = this.#scopeMarks as Int32Array;
    for (const d of docs)
      for (let i = this.#fwdStart[d] as number; i < (this.#fwdStart[d + 1] as number); i++)
        inScope[this.#fwdTerm[i] as number] = stamp;

    // Which (leaf, weight) pairs each term contributes to: exact matches and fuzzy matches (MiniSearch's rules).
    const derivedBy = new Map<number, number[]>();
    const distinct: string[] = [];
    const leafTerm: number[] = [];
    leaves.forEach(({ term }, k) => {
      let at = distinct.indexOf(term);
      if (at < 0) at = distinct.push(term) - 1;
      leafTerm.push(at);
      for (const [t, weight] of this.#derived(term, maxDistanceFor(term, fuzzy))) {
        if (inScope[t] !== stamp) continue;
        const list = derivedBy.get(t);
        if (list) list.push(k, weight);
        else derivedBy.set(t, [k, weight]);
      }
    });

    // Per leaf and statement: the sum of that term's contributions.
    const sums = new Float64Array(leaves.length * count);
    for (let j = 0; j < count; j++) {
      const d = docs[j] as number;
      for (let i = this.#fwdStart[d] as number; i < (this.#fwdStart[d + 1] as number); i++) {
        const t = this.#fwdTerm[i] as number;
        const pairs = derivedBy.get(t);
        if (!pairs) continue;
        const f = this.#fwdField[i] as FieldId;
        const raw =
          FIELD_WEIGHT[f] *
          bm25(
            this.#fwdTf[i] as number,
            this.#df[f][t] as number,
            this.documentCount,
            this.#len[f][d] as number,
            this.#avg[f],
          );
        for (let p = 0; p < pairs.length; p += 2) {
          const k = pairs[p] as number;
          const at = k * count + j;
          sums[at] =
            (sums[at] as number) + (pairs[p + 1] as number) * (leaves[k] as { boost: number }).boost * raw;
        }
      }
    }
    // Terms combine with OR; the score is multiplied by the number of distinct terms matched.
    const matched = new Set<number>();
    for (let j = 0; j < count; j++) {
      let total = 0;
      matched.clear();
      for (let k = 0; k < leaves.length; k++) {
        const v = sums[k * count + j] as number;
        if (v > 0) {
          total += v;
          matched.add(leafTerm[k] as number);
        }
      }
      if (matched.size > 0) scores.set(docs[j] as number, total * matched.size);
    }
    return scores;
  }

  /** A fresh marker value for {@link FactIndex.scoreScope}'s term marks. */
  #nextScopeStamp(): number {
    if (!this.#scopeMarks || this.#scopeStamp >= 2_000_000_000) {
      this.#scopeMarks = new Int32Array(this.#terms.length);
      this.#scopeStamp = 0;
    }
    return ++this.#scopeStamp;
  }

  /**
   * The index terms a query term reaches, with MiniSearch's weights: itself (1), then every term within the edit
   * distance (0.45 · length / (length + distance)), in MiniSearch's order. Memoised: questions repeat words.
   */
  #derived(term: string, maxDistance: number): readonly (readonly [number, number])[] {
    const key = `${maxDistance}\u0000${term}`;
    const hit = this.#derivedCache.get(key);
    if (hit) return hit;
    const out: [number, number][] = [];
    const exact = this.#termIds.get(term);
    if (exact !== undefined) out.push([exact, 1]);
    if (maxDistance > 0) {
      for (const [candidate, [t, distance]] of this.#fuzzyMap.fuzzyGet(term, maxDistance)) {
        if (!distance) continue;
        out.push([t, (FUZZY_WEIGHT * candidate.length) / (candidate.length + distance)]);
      }
    }
    if (this.#derivedCache.size >= 5000) this.#derivedCache.clear();
    this.#derivedCache.set(key, out);
    return out;
  }

  /**
   * The best `limit` statements for `query` over the whole index, best first; ties keep MiniSearch's order.
   * Terms are combined with OR, and a statement's score is multiplied by the number of query terms it matched.
   */
  search(query: string, fuzzy: FuzzyOption, limit = 20): FactHit[] {
    const n = this.documentCount;
    if (!this.#scratch || this.#scratch.total.length < n) {
      this.#scratch = {
        total: new Float64Array(n),
        perTerm: new Float64Array(n),
        seen: new Int32Array(n),
        position: new Int32Array(n),
      };
      this.#stamp = 0;
    }
    const { total, perTerm, seen, position } = this.#scratch;
    if (this.#stamp > 2_000_000_000) {
      seen.fill(0);
      this.#stamp = 0;
    }
    const queryStamp = ++this.#stamp;
    const terms = this.#queryTerms(query);
    const distinct = [...new Set(terms)];
    // A repeated query term adds to the score again but counts once towards "terms matched".
    const repeats = distinct.length < terms.length;
    const words = Math.ceil(distinct.length / 32);
    // Statements in the order they were first matched (MiniSearch keeps insertion order for ties), with their
    // matched-term counts (and, when terms repeat, which terms matched).
    const order = new IntBuffer(256);
    let quality = new Uint16Array(256);
    let masks = new Uint32Array(repeats ? 256 * words : 0);
    const touched = new IntBuffer(256);

    /** Adds a term's total for statement `d` to its query total (first time: sets it), counting the term. */
    const merge = (d: number, s: number, k: number) => {
      let pos: number;
      if (seen[d] !== queryStamp) {
        seen[d] = queryStamp;
        pos = order.length;
        position[d] = pos;
        order.push(d);
        if (pos >= quality.length) {
          const grown = new Uint16Array(quality.length * 2);
          grown.set(quality);
          quality = grown;
          if (repeats) {
            const m = new Uint32Array(masks.length * 2);
            m.set(masks);
            masks = m;
          }
        }
        total[d] = s;
        quality[pos] = 0;
        if (repeats) masks.fill(0, pos * words, (pos + 1) * words);
      } else {
        pos = position[d] as number;
        total[d] = (total[d] as number) + s;
      }
      if (!repeats) quality[pos] = (quality[pos] as number) + 1;
      else {
        const word = pos * words + (k >> 5);
        const bit = 1 << (k & 31);
        if (((masks[word] as number) & bit) === 0) {
          masks[word] = (masks[word] as number) | bit;
          quality[pos] = (quality[pos] as number) + 1;
        }
      }
    };

    for (const term of terms) {
      const k = distinct.indexOf(term);
      // The posting lists this term reaches: exact match first, then fuzzy matches in MiniSearch's order; for
      // each, the text field then the quote field.
      const lists: { f: FieldId; t: number; weight: number; idf: number }[] = [];
      const add = (t: number, weight: number) => {
        for (const f of [0, 1, 2] as const) {
          const df = this.#df[f][t] as number;
          if (df > 0)
            lists.push({
              f,
              t,
              weight: weight * FIELD_WEIGHT[f],
              idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
            });
        }
      };
      for (const [t, weight] of this.#derived(term, maxDistanceFor(term, fuzzy))) add(t, weight);
      if (lists.length === 1) {
        // One list: the term's total for a statement is its single contribution, so it goes straight in.
        const { f, t, weight, idf } = lists[0] as (typeof lists)[number];
        const docs = this.#invDoc[f];
        const parts = this.#invPart[f];
        const end = this.#invStart[f][t + 1] as number;
        for (let p = this.#invStart[f][t] as number; p < end; p++)
          merge(docs[p] as number, weight * (idf * (parts[p] as number)), k);
        continue;
      }
      touched.length = 0;
      for (const { f, t, weight, idf } of lists) {
        const docs = this.#invDoc[f];
        const parts = this.#invPart[f];
        const end = this.#invStart[f][t + 1] as number;
        for (let p = this.#invStart[f][t] as number; p < end; p++) {
          const d = docs[p] as number;
          // Every contribution is > 0, so 0 marks a statement this term has not reached yet.
          const s = weight * (idf * (parts[p] as number));
          const current = perTerm[d] as number;
          if (current === 0) {
            perTerm[d] = s;
            touched.push(d);
          } else perTerm[d] = current + s;
        }
      }
      for (let i = 0; i < touched.length; i++) {
        const d = touched.data[i] as number;
        merge(d, perTerm[d] as number, k);
        perTerm[d] = 0;
      }
    }

    // Top `limit` by score; an equal score never displaces an earlier statement.
    const top: FactHit[] = [];
    for (let pos = 0; pos < order.length; pos++) {
      const d = order.data[pos] as number;
      const q = (quality[pos] as number) || 1;
      const score = (total[d] as number) * q;
      if (top.length === limit && score <= (top[top.length - 1] as FactHit).score) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] as FactHit).score < score) at--;
      top.splice(at, 0, { id: d, score, terms: q });
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
