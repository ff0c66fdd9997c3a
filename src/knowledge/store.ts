import { buildIndex, type SearchIndex } from '../search/index.js';
import { loadKnowledge } from './load.js';
import { countKnowledge, type KnowledgeBase, type KnowledgeCounts } from './model.js';
import { KnowledgeError, type Problem } from './problems.js';

/** One loaded knowledge base and the index built from it; replaced as a whole, never mutated. */
export interface KnowledgeSnapshot {
  readonly kb: KnowledgeBase;
  readonly index: SearchIndex;
  readonly counts: KnowledgeCounts;
  readonly loadedAt: Date;
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
    } & KnowledgeDiff)
  | {
      ok: false;
      tookMs: number;
      /** The version still being served. */
      version: string;
      problems: readonly Problem[];
    };

/** Compares two knowledge bases record by record. */
export function diffKnowledge(before: KnowledgeBase, after: KnowledgeBase): KnowledgeDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, record] of after.byId) {
    const old = before.byId.get(id);
    if (!old) added.push(id);
    else if (JSON.stringify(old) !== JSON.stringify(record)) changed.push(id);
  }
  for (const id of before.byId.keys()) if (!after.byId.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

function snapshot(kb: KnowledgeBase): KnowledgeSnapshot {
  return { kb, index: buildIndex(kb), counts: countKnowledge(kb), loadedAt: new Date() };
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

  private constructor(current: KnowledgeSnapshot) {
    this.#current = current;
  }

  /**
   * Loads, validates and indexes `dir`.
   * @throws {KnowledgeError} with every problem found.
   */
  static async open(dir: string): Promise<KnowledgeStore> {
    return new KnowledgeStore(snapshot(await loadKnowledge(dir)));
  }

  /** A store over an already loaded knowledge base (tools and tests). */
  static of(kb: KnowledgeBase): KnowledgeStore {
    return new KnowledgeStore(snapshot(kb));
  }

  /** The snapshot to answer from. Take it once per request so one answer never mixes two versions. */
  get current(): KnowledgeSnapshot {
    return this.#current;
  }

  /**
   * Reloads `dir`; swaps the new knowledge base in only if it is valid. Never throws: failures come back as
   * `{ ok: false, problems }` while the previous knowledge base keeps serving.
   */
  reload(dir: string): Promise<ReloadResult> {
    const run = this.#queue.then(() => this.#reload(dir));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #reload(dir: string): Promise<ReloadResult> {
    const started = performance.now();
    const before = this.#current;
    const took = () => Math.round(performance.now() - started);
    let next: KnowledgeSnapshot;
    try {
      next = snapshot(await loadKnowledge(dir));
    } catch (error) {
      const problems =
        error instanceof KnowledgeError
          ? error.problems
          : [{ file: dir, field: '', message: `could not load: ${String(error)}` }];
      return { ok: false, tookMs: took(), version: before.kb.version, problems };
    }
    this.#current = next;
    return {
      ok: true,
      tookMs: took(),
      version: next.kb.version,
      previousVersion: before.kb.version,
      counts: next.counts,
      ...diffKnowledge(before.kb, next.kb),
    };
  }
}
