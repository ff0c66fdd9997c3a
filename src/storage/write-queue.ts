/** What {@link WriteQueue} does with a batch whose write threw. */
export type FailureAction = 'retry' | 'drop';

/** Options of {@link WriteQueue}. */
export interface WriteQueueOptions<T> {
  /** Writes one batch, all or nothing (one transaction). Throws when it could not. */
  write(batch: readonly T[]): void;
  /** Decides whether a failed batch is kept for the next attempt. */
  onError(error: unknown, batchSize: number): FailureAction;
  /** Called after a write that succeeded. */
  onWritten?(batchSize: number, tookMs: number): void;
  /** How long an item waits for company before its batch is written. Default 200 ms. */
  delayMs?: number;
  /** A batch this big is written at the next turn of the event loop instead of after `delayMs`. Default 500. */
  maxBatch?: number;
  /** At most this many items wait while writes fail; beyond it the oldest are dropped. Default 10,000. */
  maxPending?: number;
  /** Wait before retrying a failed batch. Default 5 s. */
  retryMs?: number;
}

/**
 * Collects writes and hands them to `write` in batches, from a timer: adding an item costs an array push, so
 * whoever adds it (a reply in progress) never waits for the disk.
 */
export class WriteQueue<T> {
  readonly #options: Required<Omit<WriteQueueOptions<T>, 'onWritten'>> &
    Pick<WriteQueueOptions<T>, 'onWritten'>;
  #pending: T[] = [];
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #retrying = false;
  #dropped = 0;
  #closed = false;

  constructor(options: WriteQueueOptions<T>) {
    this.#options = { delayMs: 200, maxBatch: 500, maxPending: 10_000, retryMs: 5000, ...options };
  }

  /** Items waiting to be written. */
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
    this.#pending.push(item);
    const over = this.#pending.length - this.#options.maxPending;
    if (over > 0) {
      this.#pending.splice(0, over);
      this.#dropped += over;
    }
    if (this.#retrying) return;
    if (this.#pending.length >= this.#options.maxBatch) {
      this.#immediate ??= setImmediate(() => {
        this.#immediate = undefined;
        this.flush();
      });
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => this.flush(), this.#options.delayMs);
      this.#timer.unref();
    }
  }

  /** Writes everything pending now, in batches of `maxBatch`. Returns whether nothing is left pending. */
  flush(): boolean {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = undefined;
    this.#retrying = false;
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice(0, this.#options.maxBatch);
      const started = performance.now();
      try {
        this.#options.write(batch);
      } catch (error) {
        if (this.#options.onError(error, batch.length) === 'drop') {
          this.#pending.splice(0, batch.length);
          continue;
        }
        if (!this.#closed) {
          this.#retrying = true;
          this.#timer = setTimeout(() => this.flush(), this.#options.retryMs);
          this.#timer.unref();
        }
        return false;
      }
      this.#pending.splice(0, batch.length);
      this.#options.onWritten?.(batch.length, performance.now() - started);
    }
    return true;
  }

  /** Writes what is pending (one attempt) and stops taking items. Returns whether everything was written. */
  close(): boolean {
    this.#closed = true;
    const done = this.flush();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return done;
  }
}
