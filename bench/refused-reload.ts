/**
 * A /reload that must be refused, of a knowledge base with one very large file, while members keep asking:
 *
 *   node --import tsx bench/refused-reload.ts --out <file.json> [--mib 25] [--rate 50]
 *
 * The bot runs as its own process (`node --import tsx src/main.ts`, as `npm start` runs it) against the Discord
 * emulator in this process, serving a copy of knowledge/. For each case a file of about `mib` MiB is added to that
 * copy, a moderator runs /reload, and /ask questions arrive at `rate` per second from a second before until a
 * second after. Measured: how long the refusal took, the bot's peak RSS during it (VmHWM, reset before each case),
 * the longest event-loop stall in the bot (bench/loop-monitor.ts, loaded into the bot process for this), and the
 * dispatch → callback latency of the /ask questions that arrived while the reload ran.
 *
 * Cases: a syntax error near the end of the big file (the whole file must be parsed to find it), a reference to
 * an id that doesn't exist near its end (parsed, schema-checked and cross-checked before it is refused), and a
 * file over KNOWLEDGE_MAX_BYTES (refused without being read).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { deployCommands } from '../src/bot/deploy.js';
import { loadConfig } from '../src/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import {
  DEFAULT_MEMBER_PERMISSIONS,
  type DiscordEmulator,
  type InteractionHandle,
  startEmulator,
} from '../test/support/emulator.js';
import { Rng } from './generate.js';
import { makeQueries } from './queries.js';
import { mib, progress, type Summary, summarize } from './stats.js';

/** One refused reload. */
export interface RefusedRun {
  case: string;
  fileMiB: number;
  /** Whether /reload reported the failure (and kept serving). */
  refused: boolean;
  /** The bot's own "Checked in N ms". */
  checkedMs: number;
  /** /reload dispatch → its final reply. */
  wallMs: number;
  /** The bot process's peak RSS during the case, and its RSS before it. */
  peakRssMiB: number;
  rssBeforeMiB: number;
  /** The longest the bot's event loop was blocked by its own work (main thread on a CPU) while the reload ran. */
  maxStallMs: number;
  /** The longest its timers fired late, wall clock: the stall plus any wait for a CPU on a busy machine. */
  maxLagMs: number;
  /** /ask that arrived while the reload ran: dispatch → first callback. */
  ask: Summary;
  late: number;
  lost: number;
}

export interface RefusedResult {
  rate: number;
  runs: RefusedRun[];
  loadAverage: [number, number];
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    mib: { type: 'string', default: '25' },
    rate: { type: 'string', default: '50' },
  },
});

const MODERATOR = (BigInt(DEFAULT_MEMBER_PERMISSIONS) | (1n << 5n)).toString();
const WORDS =
  'open model research community safety tooling policy alliance data compute benchmark evaluation'.split(' ');

/** About `bytes` of valid organizations YAML (self-contained: its own source), with `tail` as the last record. */
function bigFile(bytes: number, tail: string): string {
  const rng = new Rng(2026);
  const words = (n: number) => Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
  const parts = [
    'sources:\n  - id: src-bench\n    title: Benchmark source\n    publisher: Benchmark\n    date: "2026"\n    url: https://example.org/bench\n    kind: public\norganizations:\n',
  ];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const record = `  - id: org-bench-${i}
    name: Bench Organization ${i} ${words(2)}
    summary: ${words(18)}.
    sources: [src-bench]
    type: company
    involvement:
      - initiative: ai-alliance
        role: member
        date: "2024"
        sources: [src-bench]
    facts:
      - topic: overview
        text: ${words(40)}.
        sources: [src-bench]
`;
    parts.push(record);
    size += record.length;
  }
  parts.push(tail);
  return parts.join('');
}

const SYNTAX_TAIL = `  - id: org-bench-last
    name: Bench Organization Last
    summary: "An unclosed quote, the only mistake in the file.
    sources: [src-bench]
    type: company
`;
const REFERENCE_TAIL = `  - id: org-bench-last
    name: Bench Organization Last
    summary: The only mistake in the file is the initiative below.
    sources: [src-bench]
    type: company
    involvement:
      - initiative: no-such-initiative
        role: member
        sources: [src-bench]
`;

function rssOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return mib(Number(status.match(new RegExp(`${field}:\\s+(\\d+)\\s+kB`))?.[1]) * 1024);
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0; needs ownership of the process). */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    progress('could not reset the peak RSS; the figure is the peak since start');
  }
}

interface Bot {
  child: ChildProcess;
  stalls: { t: number; lagMs: number; stallMs: number }[];
  stop(): Promise<void>;
}

async function startBotProcess(emu: DiscordEmulator, knowledgeDir: string, dataDir: string): Promise<Bot> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './bench/loop-monitor.ts', 'src/main.ts'],
    {
      env: {
        ...process.env,
        DISCORD_TOKEN: emu.token,
        DISCORD_APPLICATION_ID: emu.applicationId,
        DISCORD_GUILD_ID: emu.guilds[0]?.id ?? '',
        DISCORD_API_URL: emu.apiUrl,
        KNOWLEDGE_DIR: knowledgeDir,
        DATA_DIR: dataDir,
        ASK_COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stalls: Bot['stalls'] = [];
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.startsWith('LOOP ')) stalls.push(JSON.parse(line.slice(5)) as Bot['stalls'][number]);
    else process.stderr.write(`[bot] ${line}\n`);
  });
  let ready = false;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.includes('"bot ready"')) ready = true;
  });
  await emu.waitFor(() => ready || child.exitCode !== null, 60_000, 'the bot to be ready');
  if (!ready) throw new Error(`the bot exited with ${child.exitCode} before it was ready`);
  return {
    child,
    stalls,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function refusedReload(
  emu: DiscordEmulator,
  bot: Bot,
  name: string,
  prepare: () => number,
  cleanup: () => void,
  questions: string[],
  rate: number,
): Promise<RefusedRun> {
  const pid = bot.child.pid as number;
  const fileBytes = prepare();
  await sleep(300);
  const rssBeforeMiB = rssOf(pid, 'VmRSS');
  resetPeak(pid);
  progress(`refused reload (${name}): ${mib(fileBytes)} MiB file, /ask at ${rate}/s`);

  let asking = true;
  const asks: { at: number; handle: InteractionHandle; took: Promise<number | undefined> }[] = [];
  const asker = (async () => {
    let i = 0;
    let due = performance.now();
    while (asking) {
      due += 1000 / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now();
      const handle = emu.command({
        name: 'ask',
        options: { question: questions[i++ % questions.length] as string },
      });
      const took = handle.callback.then(
        () => performance.now() - at,
        () => undefined,
      );
      asks.push({ at, handle, took });
    }
  })();
  await sleep(1000);
  const startedWall = Date.now();
  const started = performance.now();
  const reload = emu.command({ name: 'reload', permissions: MODERATOR });
  const report = await reload.reply(120_000);
  const ended = performance.now();
  const endedWall = Date.now();
  await sleep(1000);
  asking = false;
  await asker;

  const during = asks.filter((a) => a.at >= started && a.at <= ended);
  const latencies: number[] = [];
  let late = 0;
  let lost = 0;
  for (const a of during) {
    const took = await a.took;
    if (took === undefined) lost++;
    else {
      latencies.push(took);
      if (took > 3000) late++;
    }
  }
  await Promise.all(asks.map((a) => a.took));
  // The monitor's windows that overlap the reload (each covers the 100 ms before its timestamp).
  const windows = bot.stalls.filter((s) => s.t >= startedWall && s.t - 100 <= endedWall + 100);
  const stall = Math.max(0, ...windows.map((s) => s.stallMs));
  const lag = Math.max(0, ...windows.map((s) => s.lagMs));
  const embed = report.embeds[0];
  const run: RefusedRun = {
    case: name,
    fileMiB: mib(fileBytes),
    refused: (embed?.title ?? '').startsWith('❌ Reload failed'),
    checkedMs: Number(/Checked in (\d+) ms/.exec(embed?.footer?.text ?? '')?.[1] ?? Number.NaN),
    wallMs: Math.round(ended - started),
    peakRssMiB: rssOf(pid, 'VmHWM'),
    rssBeforeMiB,
    maxStallMs: stall,
    maxLagMs: lag,
    ask: summarize(latencies),
    late,
    lost,
  };
  progress(
    `  refused: ${run.refused}, checked in ${run.checkedMs} ms, peak RSS ${run.peakRssMiB} MiB (before ${rssBeforeMiB}), longest stall ${run.maxStallMs} ms (lag ${run.maxLagMs} ms), /ask p99 ${run.ask.p99} ms over ${run.ask.n}`,
  );
  cleanup();
  return run;
}

async function main() {
  const rate = Number(values.rate);
  const bytes = Number(values.mib) * 2 ** 20;
  const loadBefore = os.loadavg()[0] as number;
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-refused-'));
  const kbDir = path.join(work, 'knowledge');
  cpSync('knowledge', kbDir, { recursive: true });
  const emu = await startEmulator();
  try {
    await deployCommands(
      loadConfig({
        DISCORD_TOKEN: emu.token,
        DISCORD_APPLICATION_ID: emu.applicationId,
        DISCORD_GUILD_ID: emu.guilds[0]?.id,
        DISCORD_API_URL: emu.apiUrl,
      }),
    );
    const bot = await startBotProcess(emu, kbDir, path.join(work, 'data'));
    const questions = makeQueries(await loadKnowledge('knowledge'), 300, 77).ask.map((q) => q.text);
    const big = path.join(kbDir, 'zz-big.yaml');
    const write = (tail: string) => () => {
      writeFileSync(big, bigFile(bytes, tail));
      return statSync(big).size;
    };
    const remove = () => rmSync(big, { force: true });
    const runs: RefusedRun[] = [];
    // One /ask round first, so the JIT and caches are warm in every case alike.
    await Promise.all(
      questions.slice(0, 50).map((q) => emu.command({ name: 'ask', options: { question: q } }).callback),
    );
    runs.push(
      await refusedReload(emu, bot, 'syntax error near the end', write(SYNTAX_TAIL), remove, questions, rate),
    );
    runs.push(
      await refusedReload(
        emu,
        bot,
        'unknown id near the end',
        write(REFERENCE_TAIL),
        remove,
        questions,
        rate,
      ),
    );
    runs.push(
      await refusedReload(
        emu,
        bot,
        'over KNOWLEDGE_MAX_BYTES (209 MiB)',
        () => {
          // Sparse: the size is real for stat(), and nothing is read, so nothing needs to be written either.
          const fd = openSync(big, 'w');
          ftruncateSync(fd, 209 * 2 ** 20);
          closeSync(fd);
          return statSync(big).size;
        },
        remove,
        questions,
        rate,
      ),
    );
    await bot.stop();
    const result: RefusedResult = {
      rate,
      runs,
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round((os.loadavg()[0] as number) * 100) / 100],
    };
    const json = JSON.stringify(result, null, 2);
    if (values.out) writeFileSync(values.out, json);
    else process.stdout.write(`${json}\n`);
  } finally {
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
