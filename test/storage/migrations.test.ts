import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import {
  LATEST_VERSION,
  MIGRATIONS,
  migrate,
  SchemaTooNewError,
  schemaVersion,
} from '../../src/storage/migrations.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedback-migrations-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const columns = (db: BetterSqlite3.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map(
    (c) => c.name,
  );

describe('feedback database migrations', () => {
  it('create every table on an empty file, record each version, and switch the journal to WAL', () => {
    const db = openDatabase(path.join(dir, 'data', 'initiatives.db'));
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
      expect(columns(db, 'asks')).toEqual([
        'id',
        'at',
        'guild_id',
        'member',
        'question',
        'normalized',
        'outcome',
        'confidence',
        'subject_id',
        'knowledge_version',
        'via',
      ]);
      expect(columns(db, 'votes')).toEqual(['ask_id', 'member', 'vote', 'at']);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('bring a file at the previous version up to date and keep its rows', () => {
    const file = path.join(dir, 'initiatives.db');
    const old = new BetterSqlite3(file);
    expect(migrate(old, LATEST_VERSION - 1)).toEqual(
      MIGRATIONS.filter((m) => m.version < LATEST_VERSION).map((m) => m.version),
    );
    old
      .prepare(
        `INSERT INTO asks (id, at, guild_id, member, question, normalized, outcome, confidence, subject_id, knowledge_version)
         VALUES ('old-ask', 1, '1', 'hash', 'Old question?', 'old question', 'refused', 0, NULL, 'v-old')`,
      )
      .run();
    expect(columns(old, 'asks')).not.toContain('via');
    old.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.prepare("SELECT question, outcome, via FROM asks WHERE id = 'old-ask'").get()).toEqual({
        question: 'Old question?',
        outcome: 'refused',
        via: 'slash',
      });
      expect(columns(db, 'votes')).toContain('vote');
    } finally {
      db.close();
    }
  });

  it('leave an up-to-date file alone', () => {
    const file = path.join(dir, 'initiatives.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    try {
      expect(migrate(db)).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) FROM schema_version').pluck().get()).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('refuse a file migrated by a newer bot instead of writing to it', () => {
    const file = path.join(dir, 'initiatives.db');
    const db = openDatabase(file);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(LATEST_VERSION + 1);
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
  });
});
