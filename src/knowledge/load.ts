import { createHash, webcrypto } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runSliced } from '../steps.js';
import type { KnowledgeBase } from './model.js';
import {
  checkKnowledgeFile,
  type FileCheck,
  locatedFile,
  type ParsedFile,
  type Sections,
} from './parse-file.js';
import { KnowledgeError, type Problem } from './problems.js';
import type { KnowledgeFile } from './schema.js';
import { lastChanged } from './updated.js';
import { crossCheck, crossCheckSteps } from './validate.js';

/** Files that may sit in the knowledge directory without being knowledge files. */
const COMPANION_FILES = new Set(['readme.md', 'schema.json']);

/** The default for `KNOWLEDGE_MAX_BYTES`: far above any hand-curated knowledge base, far below what hurts. */
export const DEFAULT_MAX_BYTES = 50 * 1024 ** 2;

const MiB = 1024 ** 2;
const size = (bytes: number) =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;

/**
 * Files parsed and schema-checked by earlier loads, by path and content hash. A reload re-parses only the files
 * whose text changed (YAML parsing is most of the cost of loading a large knowledge base); the cross-record
 * checks always run on the whole set.
 */
export class ParseCache {
  readonly #files = new Map<string, { digest: string; data: KnowledgeFile; sections: Sections }>();

  /** The checked contents of `file` if it was parsed with exactly this text before. */
  get(file: string, digest: string): { data: KnowledgeFile; sections: Sections } | undefined {
    const hit = this.#files.get(file);
    return hit?.digest === digest ? hit : undefined;
  }

  set(file: string, digest: string, data: KnowledgeFile, sections: Sections): void {
    this.#files.set(file, { digest, data, sections });
  }

  /** Forgets files that are gone. */
  keepOnly(files: ReadonlySet<string>): void {
    for (const file of this.#files.keys()) if (!files.has(file)) this.#files.delete(file);
  }

  get size(): number {
    return this.#files.size;
  }
}

/** Options of {@link loadKnowledge}. */
export interface LoadOptions {
  /** Reuse files parsed by an earlier load of the same directory when their text is unchanged. */
  cache?: ParseCache;
  /**
   * Check files on this worker thread, so the event loop stays free for the answers being served meanwhile (for
   * reloads): parsing, schema checks and the lines of their problems all happen there.
   */
  parser?: YamlParser;
  /** The most bytes of YAML to read, all files together (`KNOWLEDGE_MAX_BYTES`). Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** Called after a successful load with the files exactly as read (for the last-good snapshot). */
  onLoaded?: (files: readonly LoadedFile[], kb: KnowledgeBase) => void | Promise<void>;
}

type WorkerReply =
  | { id: number; check: FileCheck }
  | { id: number; part: { section: string; items: unknown[] } }
  | { ready: true };

/**
 * A worker thread running yaml-worker.mjs (which runs {@link checkKnowledgeFile}), started on first use and
 * stopped after a minute idle; it never keeps the process alive by itself. Its heap is capped, so a file that
 * needs more memory than its size justifies fails with a problem instead of taking the bot down. `check` resolves
 * `undefined` ("check it on the main thread") only when the worker can't start at all, e.g. where the file
 * isn't shipped.
 */
export class YamlParser {
  static readonly IDLE_MS = 60_000;
  readonly #heapMb: number;
  #worker: Worker | undefined;
  #ready = false;
  #unavailable = false;
  #idle: NodeJS.Timeout | undefined;
  readonly #pending = new Map<
    number,
    {
      file: string;
      done: (check: FileCheck | undefined) => void;
      /** Long lists arrive in parts before the rest of the file. */
      parts: Map<string, unknown[]>;
    }
  >();
  #next = 0;

  /** `heapMb`: the worker's heap limit; default enough for a file of {@link DEFAULT_MAX_BYTES}. */
  constructor(heapMb = heapFor(DEFAULT_MAX_BYTES)) {
    this.#heapMb = heapMb;
  }

  #start(): Worker | undefined {
    if (this.#worker || this.#unavailable) return this.#worker;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./yaml-worker.mjs', import.meta.url), {
        resourceLimits: { maxOldGenerationSizeMb: this.#heapMb },
        // Not the process's flags (--inspect, --cpu-prof, other --import hooks): the worker loads what it needs.
        execArgv: [],
      });
    } catch {
      this.#unavailable = true;
      return undefined;
    }
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        this.#ready = true;
        return;
      }
      if ('part' in reply) {
        const parts = this.#pending.get(reply.id)?.parts;
        const list = parts?.get(reply.part.section);
        if (list) for (const item of reply.part.items) list.push(item);
        else parts?.set(reply.part.section, reply.part.items);
        // Ask for the next part after the event loop had a turn.
        setImmediate(() => this.#worker?.postMessage({ more: reply.id }));
        return;
      }
      const job = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) {
        worker.unref();
        this.#idle = setTimeout(() => this.close(), YamlParser.IDLE_MS).unref();
      }
      const check = reply.check;
      if (check.ok && job)
        for (const [section, items] of job.parts) (check.data as Record<string, unknown>)[section] = items;
      job?.done(check);
    });
    const fail = (error?: unknown) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      const outOfMemory = (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      // A worker that failed to load won't next time either: check on the main thread from now on. (Running out
      // of memory is the file's fault, even before the "ready" message got through: never retried here.)
      if (!this.#ready && !outOfMemory) this.#unavailable = true;
      this.#ready = false;
      for (const { file, done } of this.#pending.values())
        done(
          this.#unavailable
            ? undefined
            : {
                ok: false,
                problems: [
                  {
                    file,
                    line: 1,
                    field: '',
                    message: outOfMemory
                      ? `needs more than ${this.#heapMb} MB of memory to read (the file is too large or too deeply nested)`
                      : `could not be checked: ${error instanceof Error ? error.message : 'the checker stopped'}`,
                  },
                ],
              },
        );
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail());
    this.#worker = worker;
    return worker;
  }

  /** Checks one file's bytes on the worker thread. */
  check(file: string, bytes: Uint8Array): Promise<FileCheck | undefined> {
    const worker = this.#start();
    if (!worker) return Promise.resolve(undefined);
    clearTimeout(this.#idle);
    const id = this.#next++;
    return new Promise((done) => {
      this.#pending.set(id, { file, done, parts: new Map() });
      // Keep the process alive while a check is outstanding, not while the worker idles.
      worker.ref();
      worker.postMessage({ id, file, bytes });
    });
  }

  /** Stops the worker (a later check starts a new one). */
  close(): void {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = false;
    for (const { done } of this.#pending.values()) done(undefined);
    this.#pending.clear();
    if (worker) void worker.terminate();
  }
}

/** A worker heap for files up to `maxBytes`: YAML's document model takes ~40–50× the text's size. */
export function heapFor(maxBytes: number): number {
  return Math.max(256, Math.ceil((64 * maxBytes) / MiB));
}

/** Every id counts as declared: used while some file can't be read, so nobody can tell what it declares. */
class EveryId extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** A file found in the knowledge directory: where to read it, and how problems name it. */
interface Found {
  /** Path relative to the knowledge directory, with `/` (for the version and the snapshot). */
  name: string;
  /** The path problems show: the directory as given, joined with `name`. */
  file: string;
  bytes: number;
  /** Last change (epoch ms), kept on the last good copy so "updated" dates stay true. */
  mtimeMs: number;
}

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ELOOP') return 'a symlink loop';
  if (code === 'ENOTDIR') return 'it is not a directory';
  return error instanceof Error ? error.message : String(error);
};

/**
 * Lists the knowledge files: `.yaml`/`.yml` files in `dir` and its subdirectories, hidden entries skipped.
 * Symlinks are followed, as in a Kubernetes ConfigMap mount (every file a symlink into a hidden `..data`
 * directory): a symlinked file wherever it points, a symlinked directory only inside the resolved directory tree,
 * so nothing else on the machine is read by accident.
 */
async function findFiles(dir: string, problems: Problem[]): Promise<Found[] | undefined> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the directory does not exist' : reason(error);
    problems.push({ file: dir, field: '', message: `cannot read the knowledge directory: ${why}` });
    return undefined;
  }
  const found: Found[] = [];
  const visited = new Set<string>([root]);
  const inTree = (real: string) => real === root || real.startsWith(root + path.sep);

  const walk = async (real: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (error) {
      // The knowledge directory itself: one problem, reported by the caller.
      if (!rel) throw error;
      problems.push({
        file: path.join(dir, rel),
        field: '',
        message: `cannot read the directory: ${reason(error)}`,
      });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      const file = path.join(dir, name);
      const full = path.join(real, entry.name);
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
      let bytes = 0;
      let mtimeMs = 0;
      let target = full;
      if (entry.isSymbolicLink() || kind === 'file') {
        try {
          const info = await stat(full);
          kind = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
          bytes = info.size;
          mtimeMs = info.mtimeMs;
          if (kind === 'dir') target = await realpath(full);
        } catch (error) {
          problems.push({
            file,
            field: '',
            message: `cannot read the file (a broken symlink?): ${reason(error)}`,
          });
          continue;
        }
      }
      if (kind === 'dir') {
        if (!inTree(target)) {
          problems.push({
            file,
            field: '',
            message: `a symlink to a directory outside the knowledge directory (${target}); link the files instead`,
          });
        } else if (!visited.has(target)) {
          visited.add(target);
          await walk(target, name);
        }
        continue;
      }
      if (kind === 'file' && /\.ya?ml$/i.test(entry.name)) found.push({ name, file, bytes, mtimeMs });
      else if (!COMPANION_FILES.has(entry.name.toLowerCase()))
        problems.push({
          file,
          field: '',
          message:
            'not a knowledge file: only .yaml files (plus README.md and schema.json) belong in this directory',
        });
    }
  };
  try {
    await walk(root, '');
  } catch (error) {
    problems.push({ file: dir, field: '', message: `cannot read the knowledge directory: ${reason(error)}` });
    return undefined;
  }
  return found;
}

/** One file as read for the version hash and the last-good snapshot. */
export interface LoadedFile {
  /** Path relative to the knowledge directory, with `/`. */
  name: string;
  bytes: Uint8Array;
  /** When the file was last changed (epoch ms). */
  mtimeMs: number;
}

/**
 * Reads every YAML file in `dir` (subdirectories and symlinks included), validates each against the schema, and
 * cross-checks the whole set (unique ids and aliases, references that exist, sources on every fact).
 *
 * Never fails any other way than with a {@link KnowledgeError}: unreadable files, wrong encodings, alias bombs,
 * files over the size limit and syntax errors are problems like any other. A file that can't be read as YAML is
 * one problem, and references to ids it may declare are not reported until it can be read.
 *
 * @throws {KnowledgeError} listing every problem found (file, line, field), never just the first.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const problems: Problem[] = [];
  try {
    return await load(dir, options, problems);
  } catch (error) {
    if (error instanceof KnowledgeError) throw error;
    // A bug or an environment failure still comes out as a problem naming the directory, never a stack trace.
    throw new KnowledgeError([
      ...problems,
      {
        file: dir,
        field: '',
        message: `could not load: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
}

async function load(dir: string, options: LoadOptions, problems: Problem[]): Promise<KnowledgeBase> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const found = await findFiles(dir, problems);
  if (!found) throw new KnowledgeError(problems);
  if (found.length === 0) problems.push({ file: dir, field: '', message: 'no .yaml knowledge files found' });

  const total = found.reduce((sum, f) => sum + f.bytes, 0);
  if (total > maxBytes) {
    const largest = found.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    problems.push({
      file: largest.bytes > maxBytes ? largest.file : dir,
      field: '',
      message: `the knowledge files total ${size(total)}, more than the ${size(maxBytes)} allowed (KNOWLEDGE_MAX_BYTES)${
        largest.bytes > maxBytes ? '' : `; the largest is ${largest.name} (${size(largest.bytes)})`
      }: nothing was read`,
    });
    throw new KnowledgeError(problems);
  }

  const parsed: ParsedFile[] = [];
  const sourceFiles: LoadedFile[] = [];
  const declaredElsewhere = new Set<string>();
  let unreadable = false;
  const version = createHash('sha256');
  const { cache, parser } = options;
  let read = 0;

  for (const { name, file, mtimeMs } of found) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      problems.push({ file, field: '', message: `cannot read the file: ${reason(error)}` });
      unreadable = true;
      continue;
    }
    read += bytes.byteLength;
    if (read > maxBytes) {
      // It grew after it was measured.
      problems.push({
        file,
        field: '',
        message: `the knowledge files grew past ${size(maxBytes)} while being read`,
      });
      throw new KnowledgeError(problems);
    }
    // Hashed on the thread pool: a large file must not hold up the answers being served meanwhile.
    const digest = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
    version.update(name).update('\0').update(digest).update('\0');
    sourceFiles.push({ name, bytes, mtimeMs });
    const text = () =>
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        .toString('utf8')
        .replace(/^\uFEFF/, '');

    const cached = cache?.get(file, digest);
    const check: FileCheck = cached
      ? { ok: true, ...cached }
      : ((await parser?.check(file, bytes)) ?? checkKnowledgeFile(file, bytes));
    if (check.ok) {
      parsed.push(locatedFile(file, lazy(text), check.data, check.sections));
      if (!cached) cache?.set(file, digest, check.data, check.sections);
    } else {
      // (Not push(...list): a file can have more problems than a call has room for arguments.)
      for (const p of check.problems) problems.push(p);
      if (check.declaredIds) for (const id of check.declaredIds) declaredElsewhere.add(id);
      else unreadable = true;
    }
  }
  cache?.keepOnly(new Set(found.map((f) => f.file)));

  // While a file can't be read, any id might be declared there: hold back "unknown id" until it can.
  const declared = unreadable ? new EveryId() : declaredElsewhere;
  // A reload (off-thread parsing) also checks in slices, so answers keep flowing meanwhile.
  const { kb, problems: crossProblems } = parser
    ? await runSliced(crossCheckSteps(parsed, declared))
    : crossCheck(parsed, declared);
  for (const p of crossProblems) problems.push(p);
  if (problems.length > 0) throw new KnowledgeError(problems);

  const updated = await lastChanged(found.map((f) => f.file));
  const loaded: KnowledgeBase = {
    ...kb,
    version: version.digest('hex').slice(0, 8),
    files: found.map((f) => f.name),
    ...(updated ? { updated } : {}),
  };
  await options.onLoaded?.(sourceFiles, loaded);
  return loaded;
}

/** `fn`'s result, computed on first use. */
function lazy<T>(fn: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: fn() };
    return value.v;
  };
}
