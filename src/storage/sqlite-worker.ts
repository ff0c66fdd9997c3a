import { Worker } from 'node:worker_threads';

/** A statement failed in the worker: SQLite's code (e.g. `SQLITE_BUSY`, `SQLITE_IOERR_WRITE`) and message. */
export class SqliteWorkerError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'SqliteWorkerError';
    this.code = code;
  }
}

type Reply = { id: number | 'ready'; ok: boolean; code?: string; message?: string } & Record<string, unknown>;

/** One statement run of a write batch: the statement's name and its named parameters. */
export type WriteItem = readonly [name: string, params: Record<string, unknown>];

/**
 * One SQLite connection on a worker thread. Statements are prepared there from `statements` (name → SQL) and
 * run by name; every call is a message, so the calling thread never waits for SQLite. The worker keeps the
 * process alive only while a call is outstanding.
 */
export class SqliteWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  #next = 0;
  #dead: string | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /**
   * Starts the worker and opens `file` (which must exist: migrate it first) in WAL mode with a busy timeout.
   * @throws {SqliteWorkerError} when the worker can't start or the file can't be opened.
   */
  static start(
    file: string,
    busyTimeoutMs: number,
    statements: Record<string, string>,
  ): Promise<SqliteWorker> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./sqlite-worker.mjs', import.meta.url), {
          workerData: { file, busyTimeoutMs, statements },
        });
      } catch (error) {
        reject(new SqliteWorkerError(`could not start the database worker: ${String(error)}`));
        return;
      }
      const self = new SqliteWorker(worker);
      worker.on('message', (reply: Reply) => {
        if (reply.id === 'ready') {
          if (reply.ok) {
            worker.unref();
            resolve(self);
          } else {
            void worker.terminate();
            reject(new SqliteWorkerError(reply.message ?? 'could not open the database', reply.code));
          }
          return;
        }
        const done = self.#pending.get(reply.id);
        self.#pending.delete(reply.id);
        if (self.#pending.size === 0) worker.unref();
        done?.(reply);
      });
      const fail = (why: string) => {
        if (self.#dead) return;
        self.#dead = why;
        reject(new SqliteWorkerError(why));
        for (const done of self.#pending.values()) done({ id: -1, ok: false, message: why });
        self.#pending.clear();
      };
      worker.on('error', (error) => fail(`the database worker failed: ${error.message}`));
      worker.on('exit', (code) => fail(`the database worker exited (${code})`));
    });
  }

  #call(message: Record<string, unknown>): Promise<Reply> {
    if (this.#dead) return Promise.reject(new SqliteWorkerError(this.#dead));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (reply) => {
        if (reply.ok) resolve(reply);
        else reject(new SqliteWorkerError(reply.message ?? 'unknown error', reply.code));
      });
      this.#worker.ref();
      this.#worker.postMessage({ id, ...message });
    });
  }

  /** Runs the items in one immediate transaction: all land or none. Resolves with each run's changes. */
  async write(items: readonly WriteItem[]): Promise<{ changes: number[]; tookMs: number }> {
    const reply = await this.#call({ op: 'write', items });
    return { changes: reply.changes as number[], tookMs: reply.tookMs as number };
  }

  /** The rows of a named query. */
  async all<T>(name: string, params: Record<string, unknown>): Promise<T[]> {
    return (await this.#call({ op: 'all', name, params })).rows as T[];
  }

  /** Closes the connection (it checkpoints the WAL) and stops the worker. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#dead) return;
    try {
      await this.#call({ op: 'close' });
    } finally {
      this.#dead = 'the database is closed';
      await this.#worker.terminate();
    }
  }
}
