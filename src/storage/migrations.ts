import type { Database } from 'better-sqlite3';

/** One schema step. Applied in order, each in its own transaction, and recorded in `schema_version`. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The feedback database's schema history. Append only: a shipped step is never edited, because databases
 * already at that version would not see the change.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'asks: every question the bot was asked and what it made of it',
    sql: `
      CREATE TABLE asks (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        guild_id TEXT,
        member TEXT NOT NULL,
        question TEXT NOT NULL,
        normalized TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'unsure', 'refused')),
        confidence REAL NOT NULL,
        subject_id TEXT,
        knowledge_version TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX asks_guild_at ON asks (guild_id, at);
      CREATE INDEX asks_at ON asks (at);
    `,
  },
  {
    version: 2,
    description: 'votes: one 👍/👎 per member per answer, and how each question was asked',
    sql: `
      CREATE TABLE votes (
        ask_id TEXT NOT NULL,
        member TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        at INTEGER NOT NULL,
        PRIMARY KEY (ask_id, member)
      ) WITHOUT ROWID;
      CREATE INDEX votes_at ON votes (at);
      ALTER TABLE asks ADD COLUMN via TEXT NOT NULL DEFAULT 'slash';
    `,
  },
];

/** The version a fully migrated database is at. */
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The database's schema version: 0 for an empty file. */
export function schemaVersion(db: Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Thrown when the file was written by a newer version of the bot than this one. */
export class SchemaTooNewError extends Error {
  constructor(found: number) {
    super(`the database is at schema version ${found}, newer than this bot knows (${LATEST_VERSION})`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the database up to `target` (default: the latest version). A database already there is only read.
 * Each step runs under an immediate transaction that re-reads the version first, so two processes starting on
 * one file apply each step once.
 * @returns the versions applied, in order.
 * @throws {SchemaTooNewError} when a newer bot already migrated the file further.
 */
export function migrate(db: Database, target = LATEST_VERSION, now = Date.now()): number[] {
  const check = () => {
    const current = schemaVersion(db);
    if (current > LATEST_VERSION) throw new SchemaTooNewError(current);
    return current;
  };
  const applied: number[] = [];
  for (const step of MIGRATIONS) {
    if (step.version > target) break;
    if (check() >= step.version) continue;
    const ran = db
      .transaction(() => {
        db.exec(
          'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
        );
        if (check() >= step.version) return false;
        db.exec(step.sql);
        db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(step.version, now);
        return true;
      })
      .immediate();
    if (ran) applied.push(step.version);
  }
  check();
  return applied;
}
