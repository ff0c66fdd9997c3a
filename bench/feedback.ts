/**
 * The feedback log in process, against a real SQLite file:
 *
 *   node --import tsx bench/feedback.ts --out <file.json> [--asks 20000]
 *
 * Measures what recording costs the code that answers (one `recordAsk` call: a hash and an array push), the
 * batched writes on the database worker (rows per batch, time per transaction), the main thread's event-loop
 * delay while recording compared with the same loop with feedback off (what a reply waiting for its turn would
 * feel), and a 14-day `/misses` query on the file that results (run on the worker, timed from the main thread).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { answer } from '../src/answer/answer.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createLogger } from '../src/log.js';
import { buildIndex } from '../src/search/index.js';
import { FeedbackLog } from '../src/storage/feedback-log.js';
import { makeQueries } from './queries.js';
import { progress, type Summary, summarize } from './stats.js';

export interface FeedbackBenchResult {
  asks: number;
  /** One `recordAsk` call, in ms. */
  recordAsk: Summary;
  /** One batch transaction, in ms, and the rows it wrote. */
  batchWrite: Summary;
  rowsPerBatch: Summary;
  /** Main-thread event-loop delay (ms) over the same loop of asks, with feedback off and on. */
  loopDelay: { off: { p99: number; max: number }; on: { p99: number; max: number } };
  /** A `/misses` query over the last 14 days of one server, in ms. */
  missesQuery: Summary;
  fileMiB: number;
}

const { values } = parseArgs({
  options: { out: { type: 'string' }, asks: { type: 'string', default: '20000' } },
});

async function main() {
  const total = Number(values.asks);
  const kb = await loadKnowledge('knowledge');
  const index = buildIndex(kb);
  const stream = makeQueries(kb, 4000, 77).ask.map((q) => ({
    question: q.text,
    result: answer(q.text, index),
  }));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-feedback-'));
  const batches: { rows: number; tookMs: number }[] = [];
  const logger = createLogger('debug', {
    destination: {
      write: (line: string) => {
        const record = JSON.parse(line) as { msg: string; rows?: number; tookMs?: number };
        if (record.msg === 'feedback written')
          batches.push({ rows: record.rows ?? 0, tookMs: record.tookMs ?? 0 });
      },
    },
  });
  const calls: number[] = [];
  /** The loop a busy bot runs: asks arriving in bursts, the event loop turning between them. */
  const run = async (log: FeedbackLog, timed: boolean) => {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    for (let i = 0; i < total; i++) {
      const q = stream[i % stream.length] as (typeof stream)[number];
      const started = performance.now();
      const id = log.recordAsk({
        guildId: '1300000000000000001',
        userId: String(1_300_000_000_000_000_000n + BigInt(i % 500)),
        question: q.question,
        result: q.result,
        knowledgeVersion: kb.version,
      });
      if (timed) calls.push(performance.now() - started);
      if (id && i % 7 === 0) log.recordVote(id, String(1_300_000_000_000_000_000n + BigInt(i % 300)), 'down');
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
      else if (i % 10 === 9) await nextTurn();
    }
    await log.flush();
    delay.disable();
    return { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
  };
  progress(`feedback: ${total} asks with feedback off`);
  const offLog = await FeedbackLog.open({ dataDir: dir, enabled: false, retentionDays: 90, logger });
  const off = await run(offLog, false);
  await offLog.close();
  progress(`feedback: ${total} asks recorded while the batch timer writes them`);
  const log = await FeedbackLog.open({ dataDir: dir, enabled: true, retentionDays: 90, logger });
  const on = await run(log, true);
  await log.flush();
  progress('feedback: /misses query over 14 days');
  const queries: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await log.misses({ guildId: '1300000000000000001', days: 14, limit: 250 });
    queries.push(performance.now() - started);
  }
  await log.close();
  let fileMiB = 0;
  try {
    const { statSync } = await import('node:fs');
    fileMiB = Math.round((statSync(FeedbackLog.file(dir)).size / 2 ** 20) * 10) / 10;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const result: FeedbackBenchResult = {
    asks: total,
    recordAsk: summarize(calls),
    batchWrite: summarize(batches.map((b) => b.tookMs)),
    rowsPerBatch: summarize(batches.map((b) => b.rows)),
    loopDelay: { off, on },
    missesQuery: summarize(queries),
    fileMiB,
  };
  const json = JSON.stringify(result, null, 2);
  if (values.out) writeFileSync(values.out, json);
  else process.stdout.write(`${json}\n`);
}

await main();
