/** What {@link WriteQueue} does with a batch whose write failed. */
export type FailureAction = 'retry' | 'drop';

/** Options of {@link WriteQueue}. */
export interface WriteQueueOptions<T> {
  /** Writes one batch, all or nothing (one transaction). Rejects when it could not. */
  write(batch: readonly T[]): Promise<void>;
  /** Decides whether a failed batch is kept for the next attempt. */
  onError(error: unknown, batchSize: number): FailureAction;
  /** Called after a write that succeeded. */
  onWritten?(batchSize: number): void;
  /** How long an item waits for company before its batch is written. Default 200 ms. */
  delayMs?: number;
  /** Most items per write; a batch this full is written without waiting for the timer. Default 100. */
  maxBatch?: number;
  /** At most this many items wait while writes fail; newer ones are dropped (and counted). Default 10,000. */
  maxPending?: number;
  /** Wait before retrying a failed batch. Default 5 s. */
  retryMs?: number;
}

/**
 * Collects items and hands them to `write` in batches, one write at a time, from a timer: adding an item costs
 * an array push, so whoever adds it (a reply in progress) never waits for the disk. Items are written in the
 * order they were added; a failed batch stays at the front until it is written or dropped.
 */
export class WriteQueue<T> {
  readonly #options: Required<Omit<WriteQueueOptions<T>, 'onWritten'>> &
    Pick<WriteQueueOptions<T>, 'onWritten'>;
  readonly #pending: T[] = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<boolean> | undefined;
  #retrying = false;
  #dropped = 0;
  #closed = false;

  constructor(options: WriteQueueOptions<T>) {
    this.#options = { delayMs: 200, maxBatch: 100, maxPending: 10_000, retryMs: 5000, ...options };
  }

  /** Items waiting to be written (including a batch being written). */
  get pending(): number {
    return this.#pending.length;
  }

  /** Items dropped because too many were waiting while writes failed. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Queues one item; never throws, never touches the disk. */
  push(item: T): void {
    if (this.#closed) return;
    if (this.#pending.length >= this.#options.maxPending) {
      this.#dropped++;
      return;
    }
    this.#pending.push(item);
    if (this.#running || this.#retrying) return;
    if (this.#pending.length >= this.#options.maxBatch) this.#schedule(0);
    else if (!this.#timer) this.#schedule(this.#options.delayMs);
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#retrying = false;
      void this.#drain();
    }, ms);
    this.#timer.unref();
  }

  /** Writes batch after batch until none is left or one fails. Resolves whether none is left. */
  #drain(): Promise<boolean> {
    if (this.#running) return this.#running;
    const run = this.#writeAll().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  async #writeAll(): Promise<boolean> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice(0, this.#options.maxBatch);
      try {
        await this.#options.write(batch);
      } catch (error) {
        if (this.#options.onError(error, batch.length) === 'drop') {
          this.#pending.splice(0, batch.length);
          continue;
        }
        if (!this.#closed) {
          this.#retrying = true;
          this.#schedule(this.#options.retryMs);
        }
        return false;
      }
      this.#pending.splice(0, batch.length);
      this.#options.onWritten?.(batch.length);
    }
    return true;
  }

  /** Writes everything pending now (waiting for a write under way first). Resolves whether none is left. */
  async flush(): Promise<boolean> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#retrying = false;
    if (this.#running) await this.#running;
    return this.#drain();
  }

  /** Stops taking items and writes what is pending (one attempt). Resolves whether everything was written. */
  async close(): Promise<boolean> {
    this.#closed = true;
    const done = await this.flush();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return done;
  }
}
