import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../src/feedback/export.js';
import { createLogger } from '../src/log.js';
import { FeedbackLog } from '../src/storage/feedback-log.js';

const run = promisify(execFile);
const DAY = 86_400_000;
const GUILD = '1300000000000000001';
const OTHER_GUILD = '1300000000000000002';

/** Runs `npm run misses`'s script with DATA_DIR and arguments; resolves with the exit code and output. */
async function missesCli(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['src/cli/misses.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run misses', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'misses-cli-'));
    let clock = Date.now() - 20 * DAY;
    const log = await FeedbackLog.open({
      dataDir: dir,
      enabled: true,
      retentionDays: 90,
      logger: createLogger('silent'),
      now: () => clock,
    });
    const ask = (question: string, answered: boolean, confidence: number, guildId = GUILD) =>
      log.recordAsk({
        guildId,
        userId: '1300000000000000777',
        question,
        result: { answered, confidence, subject: answered ? { id: 'org-example' } : null },
        knowledgeVersion: 'v1',
      }) ?? '';
    ask('an old refused question', false, 0);
    clock = Date.now() - DAY;
    ask('What is "Zorblax", really?', false, 0);
    ask('what is zorblax really', false, 0);
    log.recordVote(ask('Who leads Example?', true, 0.9), '1300000000000000888', 'down');
    ask('=1+1 is a formula', false, 0, OTHER_GUILD);
    await log.close();
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints a table of the last 14 days by default, most missed first', async () => {
    const { code, stdout } = await missesCli(dir);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^misses\s+asked\s+refused\s+unsure\s+down\s+up\s+last asked \(UTC\)\s+subject\s+question$/,
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^2\s+2\s+2\s+0\s+0\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+—\s+/);
    expect(stdout).not.toContain('an old refused question');
  }, 30_000);

  it('reaches further back with --since, and one server with --guild', async () => {
    const { stdout } = await missesCli(dir, '--since', '30d', '--guild', GUILD);
    expect(stdout).toContain('an old refused question');
    expect(stdout).not.toContain('formula');
    expect((await missesCli(dir, '--since', '12h')).stdout.trimEnd().split('\n')).toHaveLength(1);
  }, 30_000);

  it('writes CSV a spreadsheet opens safely, and JSON lines', async () => {
    const csv = await missesCli(dir, '--format', 'csv');
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toBe(
      'misses,asked,refused,unsure,down,up,lastAsked,lastOutcome,subject,question,normalized',
    );
    expect(csv.stdout).toContain(",refused,,'=1+1 is a formula,1 1 is a formula");
    expect(csv.stdout).toMatch(/,answered,org-example,Who leads Example\?,who leads example\r\n/);

    const jsonl = await missesCli(dir, '--format', 'jsonl');
    const objects = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(3);
    expect(objects.find((o) => o.down === 1)).toMatchObject({
      question: 'Who leads Example?',
      asked: 1,
      misses: 1,
      subject: 'org-example',
      lastOutcome: 'answered',
      lastAsked: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  }, 30_000);

  it('names a bad argument and exits 2', async () => {
    const { code, stderr } = await missesCli(dir, '--since', 'soon', '--format', 'xml');
    expect(code).toBe(2);
    expect(stderr).toContain('misses: --since must be a number of days');
    expect(stderr).toContain('--format must be one of table, csv, jsonl');
  }, 30_000);

  it('says where it looked and exits 1 when there is no database, or it is not one', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'misses-cli-empty-'));
    try {
      const missing = await missesCli(empty);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`no feedback database at ${path.join(empty, 'initiatives.db')} yet`);
      await writeFile(path.join(empty, 'initiatives.db'), 'not a database '.repeat(300));
      const corrupt = await missesCli(empty);
      expect(corrupt.code).toBe(1);
      expect(corrupt.stderr).toMatch(/^misses: cannot read .*initiatives\.db: file is not a database/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(42)).toBe('42');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-1)).toBe('-1');
  });
});
