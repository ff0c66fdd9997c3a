/**
 * `npm run bench`: the whole benchmark in one command. Prints progress to stderr and the tables to stdout, and
 * writes bench/results.json. Each part runs in its own process (bench/engine.ts per size, bench/reload.ts,
 * bench/e2e.ts, bench/refused-reload.ts, bench/shards.ts) so one part's heap and JIT state don't colour the next.
 *
 *   npm run bench [-- --quick] [-- --sizes real,1000,10000,100000] [-- --out bench/results.json]
 *
 * `--skip-shards` leaves out bench/shards.ts (the bot with 1, 2 and 4 shard processes).
 * `--quick` runs fewer queries and smaller samples (a smoke test, not for the README).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { E2EResult } from './e2e.js';
import type { EngineResult } from './engine.js';
import type { FeedbackBenchResult } from './feedback.js';
import type { RefusedResult } from './refused-reload.js';
import type { ReloadResult } from './reload.js';
import type { ShardsResult } from './shards.js';
import { ms, progress, table, times } from './stats.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string', default: 'real,1000,10000,100000' },
    out: { type: 'string', default: 'bench/results.json' },
    'skip-e2e': { type: 'boolean', default: false },
    'skip-reload': { type: 'boolean', default: false },
    'skip-shards': { type: 'boolean', default: false },
    'skip-refused': { type: 'boolean', default: false },
    'skip-feedback': { type: 'boolean', default: false },
  },
});

const quick = values.quick;
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-'));

/** Runs a bench script in a child process and reads the JSON it wrote. */
async function child<T>(script: string, args: string[], nodeFlags: string[] = []): Promise<T> {
  const out = path.join(work, `${path.basename(script, '.ts')}-${Date.now()}.json`);
  const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args, '--out', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}`);
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

/** Per size: how many calls to time, and how many naive fuse.js calls to sample (it is slow). */
function plan(size: string): { queries: number; naiveAsk: number; naiveSuggest: number } {
  const n = size === 'real' ? 0 : Number(size);
  if (quick) return { queries: 300, naiveAsk: n >= 100_000 ? 2 : 10, naiveSuggest: n >= 100_000 ? 1 : 5 };
  if (n >= 100_000) return { queries: 2000, naiveAsk: 6, naiveSuggest: 4 };
  if (n >= 10_000) return { queries: 3000, naiveAsk: 40, naiveSuggest: 20 };
  if (n >= 1_000) return { queries: 3000, naiveAsk: 150, naiveSuggest: 100 };
  return { queries: 3000, naiveAsk: 300, naiveSuggest: 300 };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

interface Target {
  target: string;
  reached: string;
  met: boolean;
}

function targets(
  engine: EngineResult[],
  reload: ReloadResult[],
  e2e: E2EResult | undefined,
  feedback: FeedbackBenchResult | undefined,
  refused: RefusedResult | undefined,
): Target[] {
  const out: Target[] = [];
  const bySize = (kb: string) => engine.find((e) => e.kb === kb);
  const check = (label: string, value: number | undefined, limit: number, unit = 'ms') => {
    if (value === undefined) return;
    out.push({ target: `${label} ≤ ${limit} ${unit}`, reached: `${ms(value)} ${unit}`, met: value <= limit });
  };
  check('answer() p99, real knowledge base', bySize('real')?.answer.p99, 2);
  check('answer() p99, 10,000 records', bySize('10000')?.answer.p99, 10);
  check('answer() p99, 100,000 records', bySize('100000')?.answer.p99, 50);
  check('suggest() p99, real knowledge base', bySize('real')?.suggest.p99, 1);
  check('suggest() p99, 100,000 records', bySize('100000')?.suggest.p99, 5);
  const ask100 = e2e?.load.find((l) => l.kind === 'ask' && l.mode === 'closed' && l.inFlight === 100);
  const ac100 = e2e?.load.find((l) => l.kind === 'autocomplete' && l.mode === 'closed' && l.inFlight === 100);
  check('end to end /ask p99, 100 in flight', ask100?.latency.p99, 20);
  check('end to end autocomplete p99, 100 in flight', ac100?.latency.p99, 20);
  if (e2e) {
    const bad = e2e.load.reduce((s, l) => s + l.late + l.lost, 0);
    out.push({
      target: 'end to end: none late (> 3 s) or lost',
      reached: `${bad} late or lost`,
      met: bad === 0,
    });
  }
  for (const f of e2e?.feedback.loads ?? []) {
    out.push({
      target: `end to end /ask p99 added by recording feedback (on − off), ${f.inFlight} in flight ≤ 1 ms`,
      reached: `${ms(f.on.p99)} − ${ms(f.off.p99)} = ${ms(f.addedP99Ms)} ms`,
      met: f.addedP99Ms <= 1,
    });
    check(
      `main-thread CPU added per /ask by recording feedback, ${f.inFlight} in flight`,
      Math.round((f.cpuPerAsk.on.main - f.cpuPerAsk.off.main) * 1000) / 1000,
      1,
    );
  }
  if (feedback) check('recordAsk() p99 (on the reply path)', feedback.recordAsk.p99, 1);
  const big = reload.find((r) => r.records >= 10_000);
  if (big) {
    for (const run of big.runs)
      check(`reload of ${big.records.toLocaleString('en-US')} records (${run.what})`, run.tookMs, 1000);
    const pause = Math.max(...big.runs.map((r) => r.maxPauseMs));
    const stale = big.runs.every((r) => r.answers > 0);
    out.push({
      target: 'answers served from the old index during reload, no pause (longest gap ≤ 50 ms)',
      reached: `${stale ? 'answers kept coming' : 'answers stopped'}; longest gap ${ms(pause)} ms`,
      met: stale && pause <= 50,
    });
  }
  for (const run of refused?.runs ?? []) {
    if (!run.refused)
      out.push({ target: `refused reload (${run.case}) is refused`, reached: 'it was not', met: false });
    check(`refused reload (${run.case}): longest event-loop stall`, run.maxStallMs, 50);
    if (run.ask.n > 0) check(`refused reload (${run.case}): /ask p99 meanwhile`, run.ask.p99, 100);
    if (run.late + run.lost > 0)
      out.push({
        target: `refused reload (${run.case}): no /ask late or lost`,
        reached: `${run.late} late, ${run.lost} lost`,
        met: false,
      });
  }
  return out;
}

/** The sharding tables: throughput and latency per shard count, and /reload across shards. */
function shardTables(shards: ShardsResult): string[] {
  const base = shards.load.find((l) => l.shards === 1)?.perSecond;
  const lines = [
    '',
    `## Shards: /ask end to end with ${shards.load[0]?.inFlight ?? 0} in flight over 4 guilds, ${shards.cores} cores (ms)`,
    '',
    table(
      ['bot', 'count', 'p50', 'p99', 'max', 'per second', 'vs 1 shard', 'lost'],
      shards.load.map((l) => [
        l.shards === 0 ? 'unsharded (one process)' : `SHARD_COUNT=${l.shards} (${l.shards + 1} processes)`,
        String(l.interactions),
        ms(l.latency.p50),
        ms(l.latency.p99),
        ms(l.latency.max),
        String(l.perSecond),
        base ? `${(l.perSecond / base).toFixed(2)}×` : '–',
        String(l.lost),
      ]),
    ),
    '',
    '## Shards: /reload on shard 0 → every shard serving the new version (ms)',
    '',
    table(
      ['shards', 'reply', 'last shard serving it', 'each shard'],
      shards.reload.map((r) => [
        String(r.shards),
        String(r.replyMs),
        String(r.lastShardMs),
        r.perShardMs.join(' / '),
      ]),
    ),
  ];
  return lines;
}

function printTables(
  engine: EngineResult[],
  reload: ReloadResult[],
  e2e: E2EResult | undefined,
  feedback: FeedbackBenchResult | undefined,
  refused: RefusedResult | undefined,
  goals: Target[],
  shards: ShardsResult | undefined,
) {
  const label = (e: EngineResult) =>
    e.kb === 'real' ? 'real (knowledge/)' : `${Number(e.kb).toLocaleString('en-US')} generated`;
  const lines: string[] = [];
  lines.push(
    "## Answer engine, per call (ms; one pass, wall clock; in brackets: p99 of each call's best of 3 passes)",
    '',
  );
  lines.push(
    table(
      [
        'knowledge base',
        'records',
        'statements',
        'buildIndex',
        'index heap',
        'answer p50',
        'answer p99',
        'answer max',
        'suggest p50',
        'suggest p99',
        'suggest max',
      ],
      engine.map((e) => [
        label(e),
        e.records.toLocaleString('en-US'),
        e.statements.toLocaleString('en-US'),
        `${ms(e.buildMs)} ms`,
        `${e.indexHeapMiB} MiB`,
        ms(e.answer.p50),
        `${ms(e.answer.p99)} (${ms(e.answer.bestOf3.p99)})`,
        ms(e.answer.max),
        ms(e.suggest.p50),
        `${ms(e.suggest.p99)} (${ms(e.suggest.bestOf3.p99)})`,
        ms(e.suggest.max),
      ]),
    ),
  );
  lines.push('', '## Against the naive baseline: one fuse.js index over whole records, default options', '');
  lines.push(
    table(
      [
        'knowledge base',
        'sampled',
        'naive answer p50',
        'naive p99',
        'engine p50 (same qs)',
        'faster (p50)',
        'naive suggest p50',
        'engine p50 (same)',
        'faster',
        'naive build',
        'naive heap',
      ],
      engine.map((e) => [
        label(e),
        `${e.naive.ask.n} + ${e.naive.suggest.n}`,
        ms(e.naive.ask.p50),
        ms(e.naive.ask.p99),
        ms(e.naive.engineAskOnSample.p50),
        times(e.naive.ask.p50 / e.naive.engineAskOnSample.p50),
        ms(e.naive.suggest.p50),
        ms(e.naive.engineSuggestOnSample.p50),
        times(e.naive.suggest.p50 / e.naive.engineSuggestOnSample.p50),
        `${ms(e.naive.buildMs)} ms`,
        `${e.naive.heapMiB} MiB`,
      ]),
    ),
  );
  lines.push(
    '',
    'At 100,000 records a naive search takes seconds, so only the few sampled queries above are run there.',
  );
  if (reload.length) {
    lines.push('', '## /reload (KnowledgeStore.reload) while a client keeps asking', '');
    lines.push(
      table(
        [
          'knowledge base',
          'YAML',
          'start-up load',
          'reload',
          'took',
          'answers meanwhile',
          'from old / new',
          'longest pause',
        ],
        reload.flatMap((r) =>
          r.runs.map((run) => [
            `${r.knowledge} (${r.records.toLocaleString('en-US')} records)`,
            `${r.files} files, ${r.yamlMiB} MiB`,
            `${r.openMs} ms`,
            run.what,
            `${run.tookMs} ms`,
            String(run.answers),
            `${run.fromOld} / ${run.fromNew}`,
            `${ms(run.maxPauseMs)} ms`,
          ]),
        ),
      ),
    );
  }
  if (e2e) {
    lines.push('', '## End to end: Discord emulator → bot process → callback (ms)', '');
    lines.push(
      table(
        ['interaction', 'load', 'count', 'p50', 'p99', 'max', 'per second', 'late (> 3 s)', 'lost'],
        e2e.load.map((l) => [
          l.kind === 'ask' ? '/ask' : 'autocomplete',
          l.mode === 'open'
            ? `${l.rate}/s arriving (≤ ${l.maxInFlight} in flight)`
            : `${l.inFlight} in flight`,
          String(l.interactions),
          ms(l.latency.p50),
          ms(l.latency.p99),
          ms(l.latency.max),
          String(l.perSecond),
          String(l.late),
          String(l.lost),
        ]),
      ),
    );
    lines.push('', '## Start-up: process start → IDENTIFY → "bot ready" (ms)', '');
    lines.push(
      table(
        ['knowledge base', 'knowledge loaded', 'IDENTIFY', 'ready'],
        e2e.startup.map((s) => [
          s.knowledge,
          String(s.knowledgeLoadedMs),
          String(s.identifyMs),
          String(s.readyMs),
        ]),
      ),
    );
    lines.push('', `Bot process peak RSS: ${e2e.botPeakRssMiB} MiB.`);
    lines.push(
      '',
      '## End to end /ask, feedback recording on vs off (two bots side by side, interactions alternating)',
      '',
    );
    lines.push(
      table(
        [
          'in flight',
          'count (each)',
          'off p50',
          'on p50',
          'off p99',
          'on p99',
          'p99 added',
          'main-thread CPU/ask off → on',
          'all threads off → on',
          'late or lost',
        ],
        e2e.feedback.loads.map((f) => [
          String(f.inFlight),
          `${f.off.n} / ${f.on.n}`,
          ms(f.off.p50),
          ms(f.on.p50),
          ms(f.off.p99),
          ms(f.on.p99),
          ms(f.addedP99Ms),
          `${ms(f.cpuPerAsk.off.main)} → ${ms(f.cpuPerAsk.on.main)}`,
          `${ms(f.cpuPerAsk.off.all)} → ${ms(f.cpuPerAsk.on.all)}`,
          String(f.lateOrLost),
        ]),
      ),
    );
    lines.push(
      '',
      'CPU per /ask is read from /proc for each bot process (10 ms ticks, summed over the run): what recording ' +
        'costs the thread that replies, which load on the machine does not blur the way it blurs latency.',
    );
  }
  if (feedback) {
    lines.push(
      '',
      `## Feedback log in process (${feedback.asks.toLocaleString('en-US')} asks, real SQLite file)`,
      '',
    );
    lines.push(
      table(
        ['measure', 'p50', 'p99', 'max'],
        [
          ['recordAsk() on the reply path (ms)', feedback.recordAsk],
          ['batch transaction on the database worker (ms)', feedback.batchWrite],
          ['rows per batch', feedback.rowsPerBatch],
          ['/misses 14-day query, from the main thread (ms)', feedback.missesQuery],
        ].map(([label, s]) => {
          const v = s as FeedbackBenchResult['recordAsk'];
          return [label as string, ms(v.p50), ms(v.p99), ms(v.max)];
        }),
      ),
    );
    lines.push(
      '',
      `Main-thread event-loop delay over the same asks: p99 ${ms(feedback.loopDelay.off.p99)} ms with feedback off, ${ms(feedback.loopDelay.on.p99)} ms on (max ${ms(feedback.loopDelay.off.max)} / ${ms(feedback.loopDelay.on.max)} ms); database file ${feedback.fileMiB} MiB.`,
    );
  }
  if (refused) {
    lines.push(
      '',
      `## A refused /reload of one large file while /ask arrives at ${refused.rate}/s (bot process, emulator)`,
      '',
    );
    lines.push(
      table(
        [
          'case',
          'file',
          'refused in',
          'peak RSS (before)',
          'longest stall',
          'longest lag',
          '/ask meanwhile',
          'p50',
          'p99',
          'max',
          'late / lost',
        ],
        refused.runs.map((r) => [
          r.case,
          `${r.fileMiB} MiB`,
          `${r.checkedMs} ms`,
          `${r.peakRssMiB} MiB (${r.rssBeforeMiB})`,
          `${ms(r.maxStallMs)} ms`,
          `${ms(r.maxLagMs)} ms`,
          String(r.ask.n),
          ms(r.ask.p50),
          ms(r.ask.p99),
          ms(r.ask.max),
          `${r.late} / ${r.lost}`,
        ]),
      ),
    );
  }
  if (shards) lines.push(...shardTables(shards));
  lines.push(
    '',
    `Peak RSS of the engine benchmark: ${engine.map((e) => `${label(e)} ${e.peakRssMiB} MiB`).join('; ')}.`,
  );
  lines.push('', '## Targets', '');
  lines.push(
    table(
      ['target', 'reached', 'met'],
      goals.map((g) => [g.target, g.reached, g.met ? 'yes' : 'NO']),
    ),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const started = Date.now();
  const info = machine();
  progress(`${info.cpuModel}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}`);
  const engine: EngineResult[] = [];
  for (const size of values.sizes.split(',').filter(Boolean)) {
    const p = plan(size);
    engine.push(
      await child<EngineResult>(
        'bench/engine.ts',
        [
          '--kb',
          size,
          '--queries',
          String(p.queries),
          '--naive-ask',
          String(p.naiveAsk),
          '--naive-suggest',
          String(p.naiveSuggest),
        ],
        ['--expose-gc'],
      ),
    );
  }
  const kbDir = path.join(work, 'kb-10000');
  const reload = values['skip-reload']
    ? []
    : await child<ReloadResult[]>(
        'bench/reload.ts',
        ['--records', quick ? '2000' : '10000', '--keep-dir', kbDir],
        ['--expose-gc'],
      );
  const e2e = values['skip-e2e']
    ? undefined
    : await child<E2EResult>('bench/e2e.ts', [
        '--scale',
        quick ? '0.2' : '1',
        ...(values['skip-reload'] ? [] : ['--kb-dir', kbDir]),
      ]);
  const shards = values['skip-shards']
    ? undefined
    : await child<ShardsResult>('bench/shards.ts', ['--scale', quick ? '0.2' : '1']);
  const feedback = values['skip-feedback']
    ? undefined
    : await child<FeedbackBenchResult>('bench/feedback.ts', ['--asks', quick ? '5000' : '20000']);
  const refused = values['skip-refused']
    ? undefined
    : await child<RefusedResult>('bench/refused-reload.ts', ['--mib', quick ? '10' : '25']);
  const goals = targets(engine, reload, e2e, feedback, refused);
  const results = {
    command: 'npm run bench',
    date: new Date().toISOString(),
    quick,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: info,
    engine,
    reload,
    e2e: e2e ?? null,
    feedback: feedback ?? null,
    refusedReload: refused ?? null,
    shards: shards ?? null,
    targets: goals,
  };
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  printTables(engine, reload, e2e, feedback, refused, goals, shards);
  rmSync(work, { recursive: true, force: true });
  progress(`done in ${results.durationSeconds} s; wrote ${values.out}`);
}

await main();
