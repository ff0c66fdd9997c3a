import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.js';

/** The feedback database's file name inside `DATA_DIR`. */
export const DATABASE_FILE = 'initiatives.db';

/**
 * How long a write waits for another process's write to finish before giving up. Writes are short batched
 * transactions, so real waits are milliseconds; a batch that still times out is retried at the next flush.
 */
export const BUSY_TIMEOUT_MS = 1000;

/** Options of {@link openDatabase}. */
export interface OpenOptions {
  /** Open an existing file for reading only (the offline CLI): never creates, migrates or writes. */
  readonly?: boolean;
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its directory if needed) the SQLite file at `file`: WAL journal so readers never block
 * the writer and several processes can share the file, a busy timeout, and the schema migrated to the latest
 * version. One connection per process.
 * @throws when the file can't be created, opened or migrated (read-only disk, not a database, newer schema).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
  });
  try {
    if (options.readonly) {
      // Reading the schema fails fast on a corrupt file instead of at the first query.
      db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      return db;
    }
    useWal(db, options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
    // WAL makes NORMAL durable against application crashes; only a power cut can lose the last batch.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Switches the file to WAL, once for all processes (the mode is stored in the file). Changing the journal mode
 * needs a lock SQLite won't wait for with its busy handler, so a process opening the file while another is
 * creating it retries for up to the busy timeout instead of failing with "database is locked".
 */
function useWal(db: Database, timeoutMs: number): void {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw error;
      Atomics.wait(PAUSE, 0, 0, WAL_RETRY_MS);
    }
  }
}

/** How long to wait between attempts to switch the journal mode. */
const WAL_RETRY_MS = 20;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));
