import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type AskInput, FeedbackLog, type FeedbackLogOptions } from '../../src/storage/feedback-log.js';
import { MEMBER_KEY_FILE } from '../../src/storage/member-hash.js';

const DAY = 86_400_000;
const GUILD = '1300000000000000001';
const OTHER_GUILD = '1300000000000000002';
const ASKER = '1300000000000000777';
const VOTER = '1300000000000000888';

interface Line {
  level: number;
  msg: string;
}

let dir: string;
let lines: Line[];
let clock: number;
const opened: FeedbackLog[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedback-log-'));
  lines = [];
  clock = Date.UTC(2026, 5, 1);
});
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(overrides: Partial<FeedbackLogOptions> = {}): Promise<FeedbackLog> {
  const log = await FeedbackLog.open({
    dataDir: dir,
    enabled: true,
    retentionDays: 90,
    logger: createLogger('debug', {
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
    }),
    now: () => clock,
    ...overrides,
  });
  opened.push(log);
  return log;
}

const warnings = () => lines.filter((l) => l.level === 40);

function ask(question: string, result: Partial<AskInput['result']> = {}, extra: Partial<AskInput> = {}) {
  return {
    guildId: GUILD,
    userId: ASKER,
    question,
    result: { answered: true, confidence: 0.9, subject: { id: 'org-example' }, ...result },
    knowledgeVersion: 'v1',
    ...extra,
  } satisfies AskInput;
}

const refused = { answered: false, confidence: 0, subject: null };

describe('the feedback log', () => {
  it('files asks as answered, unsure or refused, and groups the misses by normalised wording', async () => {
    const log = await open();
    log.recordAsk(ask('What is Zorblax Labs?', refused));
    clock += 1000;
    log.recordAsk(ask('what is zorblax labs', refused));
    log.recordAsk(ask('Who leads Quux?', { confidence: 0.4, subject: { id: 'org-quux' } }));
    log.recordAsk(ask('Who founded Example?'));
    log.recordAsk(ask('What is Zorblax Labs?', refused, { guildId: OTHER_GUILD }));

    const misses = await log.misses({ guildId: GUILD, days: 14, limit: 10 });
    expect(misses).toEqual([
      {
        normalized: 'what is zorblax labs',
        question: 'what is zorblax labs',
        asked: 2,
        refused: 2,
        unsure: 0,
        down: 0,
        up: 0,
        lastAt: clock,
        subjectId: null,
        lastOutcome: 'refused',
      },
      expect.objectContaining({ normalized: 'who leads quux', asked: 1, unsure: 1, subjectId: 'org-quux' }),
    ]);
    expect((await log.misses({ days: 14, limit: 10 }))?.[0]).toMatchObject({ asked: 3, refused: 3 });
  });

  it('keeps one vote per member per answer, the latest one, and lists answers voted down', async () => {
    const log = await open();
    const id = log.recordAsk(ask('Who founded Example?')) ?? '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    log.recordVote(id, VOTER, 'down');
    log.recordVote(id, VOTER, 'up');
    log.recordVote(id, VOTER, 'down');
    log.recordVote(id, ASKER, 'up');
    expect(await log.misses({ guildId: GUILD, days: 14, limit: 10 })).toEqual([
      expect.objectContaining({ normalized: 'who founded example', asked: 1, refused: 0, down: 1, up: 1 }),
    ]);

    log.recordVote(id, VOTER, 'up');
    expect(await log.misses({ guildId: GUILD, days: 14, limit: 10 })).toEqual([]);
  });

  it('writes nothing on the caller’s turn: asks wait in the queue until the batch is written', async () => {
    const log = await open({ batchDelayMs: 60_000 });
    log.recordAsk(ask('What is Zorblax Labs?', refused));
    expect(log.pending).toBe(1);
    const reader = new BetterSqlite3(FeedbackLog.file(dir), { readonly: true });
    onTestFinished(() => void reader.close());
    expect(reader.prepare('SELECT COUNT(*) FROM asks').pluck().get()).toBe(0);
    await log.flush();
    expect(log.pending).toBe(0);
    expect(reader.prepare('SELECT COUNT(*) FROM asks').pluck().get()).toBe(1);
  });

  it('keeps what was recorded across a close and reopen, writing the queue on close', async () => {
    const first = await open({ batchDelayMs: 60_000 });
    const id = first.recordAsk(ask('Who founded Example?')) ?? '';
    first.recordVote(id, VOTER, 'down');
    await first.close();
    const again = await open();
    expect(await again.misses({ guildId: GUILD, days: 14, limit: 10 })).toEqual([
      expect.objectContaining({ down: 1, asked: 1 }),
    ]);
  });

  it('purges asks and votes older than the retention when it opens', async () => {
    const first = await open();
    const old = first.recordAsk(ask('What is Zorblax Labs?', refused)) ?? '';
    first.recordVote(old, VOTER, 'down');
    clock += 60 * DAY;
    first.recordAsk(ask('Who leads Quux?', refused));
    await first.close();

    clock += 31 * DAY;
    const log = await open({ retentionDays: 90 });
    const db = new BetterSqlite3(FeedbackLog.file(dir), { readonly: true });
    onTestFinished(() => void db.close());
    expect(db.prepare('SELECT question FROM asks').pluck().all()).toEqual(['Who leads Quux?']);
    expect(db.prepare('SELECT COUNT(*) FROM votes').pluck().get()).toBe(0);
    expect(await log.misses({ guildId: GUILD, days: 365, limit: 10 })).toHaveLength(1);
    expect(lines.some((l) => l.msg === 'feedback purged')).toBe(true);
  });

  it('purges again every day while it runs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] });
    onTestFinished(() => void vi.useRealTimers());
    const log = await open({ retentionDays: 1 });
    log.recordAsk(ask('What is Zorblax Labs?', refused));
    await log.flush();
    clock += 2 * DAY;
    expect(await log.misses({ guildId: GUILD, days: 30, limit: 10 })).toHaveLength(1);
    vi.advanceTimersByTime(DAY);
    expect(await log.misses({ guildId: GUILD, days: 30, limit: 10 })).toEqual([]);
  });

  it('stores members only as a keyed hash: no raw id in any file, the same hash for the same member', async () => {
    const log = await open();
    const id = log.recordAsk(ask('Who founded Example?')) ?? '';
    log.recordAsk(ask('What is Zorblax Labs?', refused));
    log.recordVote(id, VOTER, 'down');
    await log.flush();
    const reader = new BetterSqlite3(FeedbackLog.file(dir), { readonly: true });
    const members = reader
      .prepare('SELECT member FROM asks UNION ALL SELECT member FROM votes')
      .pluck()
      .all();
    reader.close();
    expect(new Set(members).size).toBe(2);
    for (const m of members) expect(m).toMatch(/^[0-9a-f]{32}$/);
    await log.close();

    const files = readdirSync(dir).filter((f) => f !== MEMBER_KEY_FILE);
    expect(files).toContain('initiatives.db');
    for (const file of files) {
      const bytes = readFileSync(path.join(dir, file));
      for (const raw of [ASKER, VOTER]) {
        expect(bytes.includes(Buffer.from(raw, 'utf8')), `${raw} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(raw, 'utf16le')), `${raw} in ${file}`).toBe(false);
      }
    }
    expect(statSync(path.join(dir, MEMBER_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('hashes the same member differently in another install, so hashes can’t be matched across bots', async () => {
    const here = await open();
    here.recordAsk(ask('What is Zorblax Labs?', refused));
    await here.close();
    const otherDir = await mkdtemp(path.join(tmpdir(), 'feedback-log-other-'));
    onTestFinished(() => rm(otherDir, { recursive: true, force: true }));
    const there = await open({ dataDir: otherDir });
    there.recordAsk(ask('What is Zorblax Labs?', refused));
    await there.close();
    const member = (d: string) => {
      const db = new BetterSqlite3(FeedbackLog.file(d), { readonly: true });
      try {
        return db.prepare('SELECT member FROM asks').pluck().get();
      } finally {
        db.close();
      }
    };
    expect(member(dir)).not.toBe(member(otherDir));
  });

  it('records nothing and creates no file with FEEDBACK=off', async () => {
    const log = await open({ enabled: false });
    expect(log.status).toEqual({ state: 'off' });
    expect(log.recordAsk(ask('What is Zorblax Labs?', refused))).toBeUndefined();
    expect(log.recordVote('abc', VOTER, 'down')).toBe(false);
    expect(await log.misses({ guildId: GUILD, days: 14, limit: 10 })).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('when the database is unusable', () => {
  it('a corrupt file leaves the log unavailable with one warning, and recording never throws', async () => {
    writeFileSync(
      path.join(dir, 'initiatives.db'),
      'this is not a SQLite database, just some text'.repeat(100),
    );
    const log = await open();
    expect(log.status).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/not a database/),
    });
    expect(log.recordAsk(ask('What is Zorblax Labs?', refused))).toBeUndefined();
    expect(log.recordVote('abc', VOTER, 'down')).toBe(false);
    expect(await log.misses({ guildId: GUILD, days: 14, limit: 10 })).toBeUndefined();
    await expect(log.flush()).resolves.toBeUndefined();
    await expect(log.close()).resolves.toBeUndefined();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.msg).toMatch(/^feedback storage unavailable, answering without it: could not open/);
  });

  it('a data directory that is a file leaves the log unavailable', async () => {
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const log = await open({ dataDir: file });
    expect(log.status.state).toBe('unavailable');
    expect(warnings()).toHaveLength(1);
  });

  it('a database that stops taking writes: one warning, no throw, and recording resumes once it can write', async () => {
    const log = await open({ batchDelayMs: 60_000 });
    log.recordAsk(ask('What is Zorblax Labs?', refused));
    await log.flush();
    const db = FeedbackLog.file(dir);
    const files = [db, `${db}-wal`].filter((f) => existsSync(f));
    // The immutable flag stops writes even for root, as a read-only or failing disk would.
    const immutable = (on: boolean) => execFileSync('chattr', [on ? '+i' : '-i', ...files]);
    immutable(true);
    try {
      for (let i = 0; i < 3; i++) log.recordAsk(ask(`Who leads Quux ${i}?`, refused));
      await expect(log.flush()).resolves.toBeUndefined();
      expect(log.status).toMatchObject({
        state: 'unavailable',
        reason: expect.stringMatching(/could not write/),
      });
      expect(log.recordAsk(ask('Ignored while unavailable?', refused))).toBeUndefined();
      await expect(log.flush()).resolves.toBeUndefined();
      expect(warnings()).toHaveLength(1);
    } finally {
      immutable(false);
    }

    await log.flush();
    expect(log.status).toEqual({ state: 'ready' });
    const misses = await log.misses({ guildId: GUILD, days: 14, limit: 10 });
    expect(misses?.map((m) => m.question).sort()).toEqual([
      'What is Zorblax Labs?',
      'Who leads Quux 0?',
      'Who leads Quux 1?',
      'Who leads Quux 2?',
    ]);
  });
});
