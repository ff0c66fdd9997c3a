import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackLog } from '../../src/storage/feedback-log.js';
import { MIGRATIONS, schemaVersion } from '../../src/storage/migrations.js';

const WRITERS = 3;
const ASKS = 400;

function writer(dataDir: string, tag: string, startAt: number): Promise<{ tag: string; ids: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/feedback-writer.ts', dataDir, tag, String(ASKS), String(startAt)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
      else reject(new Error(`writer ${tag} exited with ${code}: ${err}`));
    });
  });
}

describe('several bot processes sharing one feedback database', () => {
  let dir: string;
  let results: { tag: string; ids: string[] }[];
  let db: BetterSqlite3.Database;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'feedback-processes-'));
    // Each writer waits for the same moment, so they open, migrate and write at once.
    const startAt = Date.now() + 4000;
    results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => writer(dir, String(i + 1), startAt)),
    );
    db = new BetterSqlite3(FeedbackLog.file(dir), { readonly: true });
  }, 60_000);
  afterAll(async () => {
    db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('migrate the new file exactly once between them', () => {
    expect(schemaVersion(db)).toBeGreaterThan(0);
    const versions = db.prepare('SELECT version FROM schema_version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('lose no ask and write none twice', () => {
    expect(results.map((r) => r.ids.length)).toEqual(Array(WRITERS).fill(ASKS));
    const stored = db.prepare('SELECT id FROM asks').pluck().all() as string[];
    expect(stored).toHaveLength(WRITERS * ASKS);
    expect(new Set(stored)).toEqual(new Set(results.flatMap((r) => r.ids)));
    expect(db.prepare('SELECT COUNT(DISTINCT question) FROM asks').pluck().get()).toBe(WRITERS * ASKS);
  });

  it('share one member key, so one member’s votes from every process stay one vote per answer', () => {
    const perMember = db
      .prepare('SELECT member, COUNT(*) AS n FROM votes GROUP BY member ORDER BY n DESC')
      .all() as { member: string; n: number }[];
    // One member common to all writers plus one per writer, each on the same 20 answers.
    expect(perMember).toHaveLength(WRITERS + 1);
    expect(perMember.every((m) => m.n === 20)).toBe(true);
    const askers = db.prepare('SELECT COUNT(DISTINCT member) FROM asks').pluck().get();
    expect(askers).toBe(WRITERS);
  });
});
