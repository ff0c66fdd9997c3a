import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runSliced } from '../steps.js';
import type { KnowledgeBase } from './model.js';
import { type ParsedFile, parseKnowledgeFile } from './parse-file.js';
import { KnowledgeError, type Problem } from './problems.js';
import { KnowledgeFile } from './schema.js';
import { lastChanged } from './updated.js';
import { crossCheck, crossCheckSteps } from './validate.js';

/** Files that may sit in the knowledge directory without being knowledge files. */
const COMPANION_FILES = new Set(['readme.md', 'schema.json']);

/**
 * Files parsed and schema-checked by earlier loads, by path and content hash. A reload re-parses only the files
 * whose text changed (YAML parsing is most of the cost of loading a large knowledge base); the cross-record
 * checks always run on the whole set.
 */
export class ParseCache {
  readonly #files = new Map<string, { digest: string; data: KnowledgeFile }>();

  /** The checked contents of `file` if it was parsed with exactly this text before. */
  get(file: string, digest: string): KnowledgeFile | undefined {
    const hit = this.#files.get(file);
    return hit?.digest === digest ? hit.data : undefined;
  }

  set(file: string, digest: string, data: KnowledgeFile): void {
    this.#files.set(file, { digest, data });
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
   * Parse YAML on this worker thread, so the event loop stays free for the answers being served meanwhile (for
   * reloads). Files that don't parse cleanly there are parsed again here, to report their problems with lines.
   */
  parser?: YamlParser;
}

type WorkerReply = { ok: boolean; value?: unknown };

/**
 * A worker thread running yaml-worker.mjs, started on first use and stopped after a minute idle; it never keeps
 * the process alive by itself. `parse` resolves `undefined` ("parse it on the main thread") when the worker can't
 * run, e.g. where the file isn't shipped.
 */
export class YamlParser {
  static readonly IDLE_MS = 60_000;
  #worker: Worker | undefined;
  #failed = false;
  #idle: NodeJS.Timeout | undefined;
  readonly #pending = new Map<number, (reply: WorkerReply | undefined) => void>();
  #next = 0;

  #start(): Worker | undefined {
    if (this.#worker || this.#failed) return this.#worker;
    try {
      const worker = new Worker(new URL('./yaml-worker.mjs', import.meta.url));
      worker.unref();
      worker.on('message', (reply: WorkerReply & { id: number }) => {
        const done = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if (this.#pending.size === 0) {
          worker.unref();
          this.#idle = setTimeout(() => this.close(), YamlParser.IDLE_MS).unref();
        }
        done?.(reply);
      });
      const fail = () => {
        if (this.#worker !== worker) return;
        this.#worker = undefined;
        this.#failed = true;
        for (const done of this.#pending.values()) done(undefined);
        this.#pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.#worker = worker;
    } catch {
      this.#failed = true;
    }
    return this.#worker;
  }

  parse(text: string): Promise<WorkerReply | undefined> {
    const worker = this.#start();
    if (!worker) return Promise.resolve(undefined);
    clearTimeout(this.#idle);
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      // Keep the process alive while a parse is outstanding, not while the worker idles.
      worker.ref();
      worker.postMessage({ id, text });
    });
  }

  /** Stops the worker (a later parse starts a new one). */
  close(): void {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    for (const done of this.#pending.values()) done(undefined);
    this.#pending.clear();
    if (worker) void worker.terminate();
  }
}

/** A checked file, with line numbers (only needed to report a cross-check problem) parsed on demand. */
function cachedFile(file: string, text: string, data: KnowledgeFile): ParsedFile {
  let full: ParsedFile | undefined;
  return {
    file,
    data,
    lineOf(p) {
      if (!full) {
        const reparsed = parseKnowledgeFile(file, text);
        if (Array.isArray(reparsed)) return undefined;
        full = reparsed;
      }
      return full.lineOf(p);
    },
  };
}

/**
 * Reads every YAML file in `dir`, validates each against the schema, and cross-checks the whole set
 * (unique ids and aliases, references that exist, sources on every fact).
 *
 * @throws {KnowledgeError} listing every problem found (file, line, field), never just the first.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the directory does not exist' : String(err);
    throw new KnowledgeError([
      { file: dir, field: '', message: `cannot read the knowledge directory: ${reason}` },
    ]);
  }

  const problems: Problem[] = [];
  const parsed: ParsedFile[] = [];
  const declaredElsewhere = new Set<string>();
  const hash = createHash('sha256');
  const yamlFiles = entries.filter((name) => /\.ya?ml$/i.test(name));

  for (const name of entries) {
    if (/\.ya?ml$/i.test(name) || COMPANION_FILES.has(name.toLowerCase())) continue;
    problems.push({
      file: path.join(dir, name),
      field: '',
      message:
        'not a knowledge file: only .yaml files (plus README.md and schema.json) belong in this directory',
    });
  }
  if (yamlFiles.length === 0) {
    problems.push({ file: dir, field: '', message: 'no .yaml knowledge files found' });
  }

  const { cache, parser } = options;
  for (const name of yamlFiles) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    hash.update(name).update('\0').update(text).update('\0');
    const digest = cache ? createHash('sha256').update(text).digest('hex') : '';
    const cached = cache?.get(file, digest);
    if (cached) {
      parsed.push(cachedFile(file, text, cached));
      continue;
    }
    const reply = await parser?.parse(text);
    if (reply?.ok) {
      const checked = KnowledgeFile.safeParse(reply.value);
      if (checked.success) {
        parsed.push(cachedFile(file, text, checked.data));
        cache?.set(file, digest, checked.data);
        continue;
      }
    }
    const result = parseKnowledgeFile(file, text);
    if (Array.isArray(result)) {
      problems.push(...result);
      for (const id of result.declaredIds ?? []) declaredElsewhere.add(id);
    } else {
      parsed.push(result);
      cache?.set(file, digest, result.data);
    }
  }
  cache?.keepOnly(new Set(yamlFiles.map((name) => path.join(dir, name))));

  // A reload (off-thread parsing) also checks in slices, so answers keep flowing meanwhile.
  const { kb, problems: crossProblems } = parser
    ? await runSliced(crossCheckSteps(parsed, declaredElsewhere))
    : crossCheck(parsed, declaredElsewhere);
  problems.push(...crossProblems);
  if (problems.length > 0) throw new KnowledgeError(problems);

  const updated = await lastChanged(yamlFiles.map((name) => path.join(dir, name)));
  return {
    ...kb,
    version: hash.digest('hex').slice(0, 8),
    files: yamlFiles,
    ...(updated ? { updated } : {}),
  };
}
