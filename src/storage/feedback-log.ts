import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../log.js';
import { CONFIDENT } from '../present/answer-embed.js';
import { normalize } from '../text/normalize.js';
import { BUSY_TIMEOUT_MS, DATABASE_FILE, openDatabase } from './database.js';
import { loadOrCreateMemberKey, memberHasher } from './member-hash.js';
import {
  type MissGroup,
  type MissQuery,
  type MissRow,
  missesParams,
  missesSql,
  type Outcome,
  toMissGroup,
} from './misses.js';
import { SqliteWorker, type WriteItem } from './sqlite-worker.js';
import { WriteQueue } from './write-queue.js';

const DAY_MS = 86_400_000;

/** Whether the log records: turned off by `FEEDBACK=off`, ready, or unavailable (and why). */
export type FeedbackStatus = { state: 'off' } | { state: 'ready' } | { state: 'unavailable'; reason: string };

/** One question asked in any way (slash command, mention, message menu), as {@link FeedbackLog.recordAsk} takes it. */
export interface AskInput {
  /** `null` in a direct message. */
  guildId: string | null;
  /** The asker's Discord id; only its keyed hash is stored. */
  userId: string;
  question: string;
  /** The answer engine's result (only these fields are read). */
  result: { answered: boolean; confidence: number; subject: { id: string } | null };
  knowledgeVersion: string;
  /** How it was asked. Default `slash`. */
  via?: string;
}

/** A 👍 (`up`) or 👎 (`down`). */
export type Vote = 'up' | 'down';

/** Options of {@link FeedbackLog.open}. */
export interface FeedbackLogOptions {
  dataDir: string;
  /** `false` (`FEEDBACK=off`): nothing is opened, created or recorded. */
  enabled: boolean;
  retentionDays: number;
  logger: Logger;
  /** The clock (tests). */
  now?: () => number;
  /** How long a write waits for company before its batch is written. Default 200 ms. */
  batchDelayMs?: number;
  busyTimeoutMs?: number;
}

/** Asks and votes since `days` days ago, as `findMisses` takes them. */
export type MissWindow = Omit<MissQuery, 'since'> & { days: number };

type Write =
  | {
      kind: 'ask';
      id: string;
      at: number;
      guildId: string | null;
      member: string;
      question: string;
      normalized: string;
      outcome: Outcome;
      confidence: number;
      subjectId: string | null;
      knowledgeVersion: string;
      via: string;
    }
  | { kind: 'vote'; askId: string; member: string; vote: 1 | -1; at: number };

/** The outcome /misses files an answer under: refused, unsure (below the "Did you mean…?" threshold) or answered. */
export function outcomeOf(result: AskInput['result']): Outcome {
  if (!result.answered) return 'refused';
  return result.confidence < CONFIDENT ? 'unsure' : 'answered';
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every statement the log runs, prepared once on the database worker. */
const STATEMENTS = {
  ask: `INSERT OR IGNORE INTO asks
          (id, at, guild_id, member, question, normalized, outcome, confidence, subject_id, knowledge_version, via)
        VALUES (@id, @at, @guildId, @member, @question, @normalized, @outcome, @confidence, @subjectId,
          @knowledgeVersion, @via)`,
  vote: `INSERT INTO votes (ask_id, member, vote, at) VALUES (@askId, @member, @vote, @at)
         ON CONFLICT (ask_id, member) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
  purgeAsks: 'DELETE FROM asks WHERE at < @cutoff',
  purgeVotes: 'DELETE FROM votes WHERE at < @cutoff',
  missesByGuild: missesSql(true),
  missesAll: missesSql(false),
};

function toItem(write: Write): WriteItem {
  if (write.kind === 'vote')
    return ['vote', { askId: write.askId, member: write.member, vote: write.vote, at: write.at }];
  return [
    'ask',
    {
      id: write.id,
      at: write.at,
      guildId: write.guildId,
      member: write.member,
      question: write.question,
      normalized: write.normalized,
      outcome: write.outcome,
      confidence: write.confidence,
      subjectId: write.subjectId,
      knowledgeVersion: write.knowledgeVersion,
      via: write.via,
    },
  ];
}

/**
 * The record of what members asked and how they voted, in `DATA_DIR/initiatives.db`. Recording never waits for
 * the disk: asks and votes are queued and written in batches, from a timer, by a connection on a worker thread,
 * so neither a write nor a wait for another process's lock nor a long query holds up a reply. It never throws:
 * when the database can't be opened or written, the bot keeps answering, one warning is logged, and
 * {@link status} says why.
 */
export class FeedbackLog {
  readonly #options: FeedbackLogOptions;
  readonly #now: () => number;
  #worker: SqliteWorker | undefined;
  #hash: ((userId: string) => string) | undefined;
  #status: FeedbackStatus;
  #queue: WriteQueue<Write> | undefined;
  #purgeTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  private constructor(options: FeedbackLogOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#status = options.enabled ? { state: 'ready' } : { state: 'off' };
  }

  /** The database file inside `dataDir`. */
  static file(dataDir: string): string {
    return path.join(dataDir, DATABASE_FILE);
  }

  /**
   * Opens the database (creating and migrating it on first start), purges what is older than the retention,
   * and from then on purges daily. Never rejects: a database that can't be opened leaves the log unavailable.
   */
  static async open(options: FeedbackLogOptions): Promise<FeedbackLog> {
    const log = new FeedbackLog(options);
    if (options.enabled) await log.#open();
    return log;
  }

  async #open(): Promise<void> {
    const { dataDir, logger } = this.#options;
    const file = FeedbackLog.file(dataDir);
    const busyTimeoutMs = this.#options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    try {
      this.#hash = memberHasher(loadOrCreateMemberKey(dataDir));
      // Created and migrated here, once, at start; from then on only the worker's connection is used.
      openDatabase(file, { busyTimeoutMs }).close();
      this.#worker = await SqliteWorker.start(file, busyTimeoutMs, STATEMENTS);
    } catch (error) {
      this.#unavailable(`could not open ${file}: ${describe(error)}`, error);
      return;
    }
    const worker = this.#worker;
    this.#queue = new WriteQueue<Write>({
      write: async (batch) => {
        const { tookMs } = await worker.write(batch.map(toItem));
        logger.debug({ rows: batch.length, tookMs: Math.round(tookMs * 1000) / 1000 }, 'feedback written');
      },
      onError: (error, size) => this.#writeFailed(error, size),
      onWritten: () => this.#recovered(),
      ...(this.#options.batchDelayMs !== undefined ? { delayMs: this.#options.batchDelayMs } : {}),
    });
    await this.purge();
    this.#purgeTimer = setInterval(() => void this.purge(), DAY_MS);
    this.#purgeTimer.unref();
    logger.info({ file, retentionDays: this.#options.retentionDays }, 'feedback log opened');
  }

  #writeFailed(error: unknown, size: number): 'retry' {
    // Another process holding the write lock past the busy timeout is not a broken database: just try again.
    if (isBusy(error)) {
      this.#options.logger.debug({ err: error, batch: size }, 'feedback write waited too long; will retry');
      return 'retry';
    }
    this.#unavailable(
      `could not write ${FeedbackLog.file(this.#options.dataDir)}: ${describe(error)}`,
      error,
    );
    return 'retry';
  }

  #recovered(): void {
    if (this.#status.state !== 'unavailable' || !this.#worker) return;
    this.#status = { state: 'ready' };
    this.#options.logger.info('feedback storage is writable again');
  }

  #unavailable(reason: string, error: unknown): void {
    if (this.#status.state === 'unavailable') return;
    this.#status = { state: 'unavailable', reason };
    this.#options.logger.warn(
      { err: error },
      `feedback storage unavailable, answering without it: ${reason}`,
    );
  }

  /** Whether recording works now. */
  get status(): FeedbackStatus {
    return this.#status;
  }

  /** Writes waiting to be written. */
  get pending(): number {
    return this.#queue?.pending ?? 0;
  }

  /**
   * Records one question and what the bot made of it. Call it from every way of asking. Returns the id the
   * answer's 👍/👎 buttons carry, or `undefined` when nothing is recorded (feedback off, or storage unavailable).
   * Costs a hash and an array push: the write happens later, in a batch, on another thread.
   */
  recordAsk(input: AskInput): string | undefined {
    if (this.#status.state !== 'ready' || !this.#queue || !this.#hash) return undefined;
    const id = randomBytes(9).toString('base64url');
    this.#queue.push({
      kind: 'ask',
      id,
      at: this.#now(),
      guildId: input.guildId,
      member: this.#hash(input.userId),
      question: input.question,
      normalized: normalize(input.question),
      outcome: outcomeOf(input.result),
      confidence: input.result.confidence,
      subjectId: input.result.subject?.id ?? null,
      knowledgeVersion: input.knowledgeVersion,
      via: input.via ?? 'slash',
    });
    return id;
  }

  /**
   * Records a member's vote on an answer; a later vote by the same member on the same answer replaces it.
   * Returns whether it was queued.
   */
  recordVote(askId: string, userId: string, vote: Vote): boolean {
    if (this.#status.state !== 'ready' || !this.#queue || !this.#hash) return false;
    this.#queue.push({
      kind: 'vote',
      askId,
      member: this.#hash(userId),
      vote: vote === 'up' ? 1 : -1,
      at: this.#now(),
    });
    return true;
  }

  /** Writes everything queued now (moderator reads wait for it, so they see the latest asks). */
  async flush(): Promise<void> {
    await this.#queue?.flush();
  }

  /**
   * The questions of the last `days` days that were refused, unsure or voted down, grouped by normalised
   * wording, worst first. `undefined` when the log is off or unavailable.
   */
  async misses(window: MissWindow): Promise<MissGroup[] | undefined> {
    if (this.#status.state !== 'ready' || !this.#worker) return undefined;
    await this.flush();
    const query = { guildId: window.guildId, limit: window.limit, since: this.#now() - window.days * DAY_MS };
    try {
      const rows = await this.#worker.all<MissRow>(
        query.guildId === undefined ? 'missesAll' : 'missesByGuild',
        missesParams(query),
      );
      return rows.map(toMissGroup);
    } catch (error) {
      this.#unavailable(
        `could not read ${FeedbackLog.file(this.#options.dataDir)}: ${describe(error)}`,
        error,
      );
      return undefined;
    }
  }

  /** Deletes asks and votes older than the retention. Resolves how many rows went. */
  async purge(): Promise<{ asks: number; votes: number }> {
    const worker = this.#worker;
    if (!worker || this.#closing) return { asks: 0, votes: 0 };
    const cutoff = this.#now() - this.#options.retentionDays * DAY_MS;
    try {
      const { changes } = await worker.write([
        ['purgeAsks', { cutoff }],
        ['purgeVotes', { cutoff }],
      ]);
      const removed = { asks: changes[0] ?? 0, votes: changes[1] ?? 0 };
      if (removed.asks || removed.votes)
        this.#options.logger.info(
          { ...removed, retentionDays: this.#options.retentionDays },
          'feedback purged',
        );
      return removed;
    } catch (error) {
      if (isBusy(error))
        this.#options.logger.debug({ err: error }, 'feedback purge postponed: database busy');
      else
        this.#unavailable(
          `could not purge ${FeedbackLog.file(this.#options.dataDir)}: ${describe(error)}`,
          error,
        );
      return { asks: 0, votes: 0 };
    }
  }

  /** Writes what is queued and closes the database. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearInterval(this.#purgeTimer);
      const written = (await this.#queue?.close()) ?? true;
      if (!written)
        this.#options.logger.warn({ lost: this.#queue?.pending }, 'feedback not written before shutdown');
      try {
        await this.#worker?.close();
      } catch (error) {
        this.#options.logger.warn({ err: error }, 'could not close the feedback database');
      }
    })();
    return this.#closing;
  }
}
