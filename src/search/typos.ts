/**
 * The one-deletion typo index ("symmetric delete"): every vocabulary word of four letters or more is filed under
 * itself and under each string made by deleting one of its characters, so a typo'd word finds its neighbours
 * within one edit by looking up its own deletions.
 *
 * A map from millions of deletion strings to word lists costs hundreds of megabytes at 100,000 records, so the
 * keys are kept as 32-bit hashes in one sorted typed array, with the word ids beside them. A lookup checks every
 * word found under a hash really has that deletion, so collisions never add a word: the answers are exactly those
 * of the map, in the same (vocabulary) order.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `s`, leaving out the unit at `skip` (-1 for none). */
function hash(s: string, skip: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** True when deleting exactly one character of `word` gives `key`. */
function isDeletion(word: string, key: string): boolean {
  if (word.length !== key.length + 1) return false;
  let i = 0;
  while (i < key.length && word.charCodeAt(i) === key.charCodeAt(i)) i++;
  for (let j = i; j < key.length; j++) if (word.charCodeAt(j + 1) !== key.charCodeAt(j)) return false;
  return true;
}

export class TypoIndex {
  /** Shortest word filed; shorter words are too ambiguous to correct. */
  static readonly MIN_LENGTH = 4;
  readonly #words: readonly string[];
  readonly #hashes: Uint32Array;
  readonly #ids: Int32Array;
  readonly #shift: number;

  private constructor(words: readonly string[], hashes: Uint32Array, ids: Int32Array, shift: number) {
    this.#words = words;
    this.#hashes = hashes;
    this.#ids = ids;
    this.#shift = shift;
  }

  /** Files `words` (in the given order, which lookups preserve). */
  static of(words: Iterable<string>): TypoIndex {
    const steps = TypoIndex.build(words);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /** {@link TypoIndex.of} as steps, pausing now and then (see `buildIndexAsync`). */
  static *build(input: Iterable<string>): Generator<void, TypoIndex> {
    const words: string[] = [];
    for (const w of input) if (w.length >= TypoIndex.MIN_LENGTH) words.push(w);
    const count = words.length;
    // Pack (hash, id) into one float64 so a single numeric sort orders by hash, then by vocabulary order.
    const idBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
    const shift = Math.max(0, 32 - (53 - idBits));
    const scale = 2 ** idBits;
    let total = 0;
    for (const w of words) total += w.length + 1;
    const packed = new Float64Array(total);
    let n = 0;
    for (let id = 0; id < count; id++) {
      if (id % 2048 === 2047) yield;
      const w = words[id] as string;
      packed[n++] = (hash(w, -1) >>> shift) * scale + id;
      for (let i = 0; i < w.length; i++) {
        // Deleting any letter of a run gives the same string: file it once.
        if (i > 0 && w.charCodeAt(i) === w.charCodeAt(i - 1)) continue;
        packed[n++] = (hash(w, i) >>> shift) * scale + id;
      }
    }
    yield;
    const sorted = packed.subarray(0, n).sort();
    yield;
    const hashes = new Uint32Array(n);
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = sorted[i] as number;
      const id = v % scale;
      ids[i] = id;
      hashes[i] = (v - id) / scale;
    }
    return new TypoIndex(words, hashes, ids, shift);
  }

  /** How many (key, word) entries are filed. */
  get size(): number {
    return this.#ids.length;
  }

  /** The words filed under `key` (the word itself or one of its one-character deletions), in vocabulary order. */
  lookup(key: string): string[] {
    const h = hash(key, -1) >>> this.#shift;
    let lo = 0;
    let hi = this.#hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#hashes[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.#hashes.length && this.#hashes[i] === h; i++) {
      const w = this.#words[this.#ids[i] as number] as string;
      if ((w === key || isDeletion(w, key)) && out[out.length - 1] !== w) out.push(w);
    }
    return out;
  }
}
