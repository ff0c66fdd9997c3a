import { buildIndex, buildIndexAsync, type SearchIndex } from '../search/index.js';
import {
  DEFAULT_MAX_BYTES,
  heapFor,
  type LoadedFile,
  loadKnowledge,
  ParseCache,
  YamlParser,
} from './load.js';
import { countKnowledge, type KnowledgeBase, type KnowledgeCounts } from './model.js';
import { KnowledgeError, type Problem } from './problems.js';
import type { LastGoodKnowledge } from './snapshot.js';

/** One loaded knowledge base and the index built from it; replaced as a whole, never mutated. */
export interface KnowledgeSnapshot {
  readonly kb: KnowledgeBase;
  readonly index: SearchIndex;
  readonly counts: KnowledgeCounts;
  readonly loadedAt: Date;
  /**
   * Set when this is the last good copy from the data directory, served because the knowledge directory was
   * broken at start-up: when the copy was saved, and what is wrong on disk. A successful reload clears it.
   */
  readonly lastGood?: { readonly savedAt: Date; readonly problems: readonly Problem[] };
}

/** Options of {@link KnowledgeStore.open}. */
export interface StoreOptions {
  /** The most YAML to read (`KNOWLEDGE_MAX_BYTES`); default 50 MB. */
  maxBytes?: number;
  /** Where every successful load is kept as the last good copy. */
  lastGood?: LastGoodKnowledge;
  /** Told when keeping the last good copy failed (the load itself still counts). */
  onSaveError?: (error: unknown) => void;
}

/** What changed between two knowledge bases, by record id (sorted). */
export interface KnowledgeDiff {
  added: string[];
  removed: string[];
  /** Records present in both whose content differs. */
  changed: string[];
}

/** The outcome of {@link KnowledgeStore.reload}. */
export type ReloadResult =
  | ({
      ok: true;
      tookMs: number;
      version: string;
      previousVersion: string;
      counts: KnowledgeCounts;
      /** True when the store had been serving the last good copy, which this reload replaced. */
      recovered?: boolean;
    } & KnowledgeDiff)
  | {
      ok: false;
      tookMs: number;
      /** The version still being served. */
      version: string;
      problems: readonly Problem[];
      /** When the version still served is the last good copy from the data directory: when it was saved. */
      lastGoodSavedAt?: Date;
    };

/** Options of {@link KnowledgeStore.reload}. */
export interface ReloadOptions {
  /**
   * Swap in only this version (the content hash another process validated); any other content is refused, so
   * every shard serves the same knowledge base or keeps its last good one.
   */
  expectVersion?: string;
}

/**
 * True when two records have the same content. Records from a file that did not change share every field value
 * (the parse is reused), so they compare without serialising; the rest compare as JSON.
 */
function sameRecord(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
  )
    return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compares two knowledge bases record by record. */
export function diffKnowledge(before: KnowledgeBase, after: KnowledgeBase): KnowledgeDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, record] of after.byId) {
    const old = before.byId.get(id);
    if (!old) added.push(id);
    else if (!sameRecord(old, record)) changed.push(id);
  }
  for (const id of before.byId.keys()) if (!after.byId.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

function snapshot(kb: KnowledgeBase): KnowledgeSnapshot {
  return { kb, index: buildIndex(kb), counts: countKnowledge(kb), loadedAt: new Date() };
}

/** {@link snapshot} with the index built in slices, so answers keep flowing from the current one meanwhile. */
async function snapshotInSlices(kb: KnowledgeBase): Promise<KnowledgeSnapshot> {
  return { kb, index: await buildIndexAsync(kb), counts: countKnowledge(kb), loadedAt: new Date() };
}

/**
 * Holds the knowledge base the bot answers from. A reload builds the new index off to the side and swaps it in
 * only when the whole directory is valid, so a broken edit never empties or half-updates the bot; readers that
 * took `current` before the swap finish with the old snapshot.
 */
export class KnowledgeStore {
  #current: KnowledgeSnapshot;
  // Reloads run one after another: two moderators pressing /reload must not interleave reads and swaps.
  #queue: Promise<unknown> = Promise.resolve();
  // Files parsed by the last load, so a reload re-parses only the files that changed.
  readonly #parsed: ParseCache;
  // Reloads check YAML on a worker thread (started per reload, stopped after it), so answers never wait for it.
  #parser: YamlParser | undefined;
  readonly #options: StoreOptions;

  private constructor(current: KnowledgeSnapshot, parsed = new ParseCache(), options: StoreOptions = {}) {
    this.#current = current;
    this.#parsed = parsed;
    this.#options = options;
  }

  /**
   * Loads, validates and indexes `dir`, and keeps it as the last good copy (`options.lastGood`).
   * @throws {KnowledgeError} with every problem found.
   */
  static async open(dir: string, options: StoreOptions = {}): Promise<KnowledgeStore> {
    const parsed = new ParseCache();
    const kb = await loadKnowledge(dir, {
      cache: parsed,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      onLoaded: (files, loaded) => keep(options, dir, files, loaded),
    });
    return new KnowledgeStore(snapshot(kb), parsed, options);
  }

  /**
   * Opens the last good copy in `options.lastGood`, for a start-up whose knowledge directory has `problems`.
   * Reloads still read `dir`: the first one that passes replaces the copy.
   * @throws {KnowledgeError} when there is no usable copy.
   */
  static async openLastGood(problems: readonly Problem[], options: StoreOptions): Promise<KnowledgeStore> {
    const lastGood = options.lastGood;
    const info = await lastGood?.info();
    if (!lastGood || !info)
      throw new KnowledgeError([
        { file: lastGood?.knowledgeDir ?? '', field: '', message: 'no last good copy' },
      ]);
    const kb = await loadKnowledge(lastGood.knowledgeDir, {
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    });
    return new KnowledgeStore(
      { ...snapshot(kb), lastGood: { savedAt: info.savedAt, problems } },
      new ParseCache(),
      options,
    );
  }

  /** A store over an already loaded knowledge base (tools and tests). */
  static of(kb: KnowledgeBase): KnowledgeStore {
    return new KnowledgeStore(snapshot(kb));
  }

  /** Stops the reload worker thread, if one runs (shutdown). */
  close(): void {
    this.#parser?.close();
  }

  /** The snapshot to answer from. Take it once per request so one answer never mixes two versions. */
  get current(): KnowledgeSnapshot {
    return this.#current;
  }

  /**
   * Reloads `dir`; swaps the new knowledge base in only if it is valid. Never throws: failures come back as
   * `{ ok: false, problems }` while the previous knowledge base keeps serving.
   */
  reload(dir: string, options: ReloadOptions = {}): Promise<ReloadResult> {
    const run = this.#queue.then(() => this.#reload(dir, options.expectVersion));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #reload(dir: string, expectVersion: string | undefined): Promise<ReloadResult> {
    const started = performance.now();
    const before = this.#current;
    const took = () => Math.round(performance.now() - started);
    let next: KnowledgeSnapshot;
    try {
      const maxBytes = this.#options.maxBytes ?? DEFAULT_MAX_BYTES;
      this.#parser ??= new YamlParser(heapFor(maxBytes));
      const kb = await loadKnowledge(dir, {
        cache: this.#parsed,
        parser: this.#parser,
        maxBytes,
        onLoaded: (files, loaded) => keep(this.#options, dir, files, loaded),
      });
      // The worker's heap grows with the largest file it read; reloads are rare, so give the memory back now.
      this.#parser.close();
      if (expectVersion !== undefined && kb.version !== expectVersion) {
        const message = `found version ${kb.version} instead of ${expectVersion}: the files changed after they were checked`;
        return {
          ok: false,
          tookMs: took(),
          version: before.kb.version,
          problems: [{ file: dir, field: '', message }],
          ...(before.lastGood ? { lastGoodSavedAt: before.lastGood.savedAt } : {}),
        };
      }
      // Same version = same file names and contents: the current index already is the index of this directory.
      // (The last good copy has the version of the files it was copied from, so a repaired directory is "same".)
      next = kb.version === before.kb.version && !before.lastGood ? before : await snapshotInSlices(kb);
    } catch (error) {
      this.#parser?.close();
      const problems =
        error instanceof KnowledgeError
          ? error.problems
          : [{ file: dir, field: '', message: `could not load: ${String(error)}` }];
      return {
        ok: false,
        tookMs: took(),
        version: before.kb.version,
        problems,
        ...(before.lastGood ? { lastGoodSavedAt: before.lastGood.savedAt } : {}),
      };
    }
    this.#current = next;
    return {
      ok: true,
      tookMs: took(),
      version: next.kb.version,
      previousVersion: before.kb.version,
      counts: next.counts,
      recovered: before.lastGood !== undefined,
      ...diffKnowledge(before.kb, next.kb),
    };
  }
}

/** Keeps a successful load as the last good copy; a failure is reported, never thrown. */
async function keep(options: StoreOptions, dir: string, files: readonly LoadedFile[], kb: KnowledgeBase) {
  try {
    await options.lastGood?.save(files, kb.version, dir);
  } catch (error) {
    options.onSaveError?.(error);
  }
}
