/**
 * End to end through the local Discord emulator and the real bot process:
 *
 *   node --import tsx bench/e2e.ts --out <file.json> [--kb-dir <dir> (extra start-up run)] [--scale 1]
 *
 * The emulator (test/support/emulator.ts) runs in this process; the bot runs as `node --import tsx src/main.ts`
 * in a child process with DISCORD_API_URL pointing at the emulator, exactly as `npm start` runs it. Measures:
 * - start-up: process start → the emulator sees IDENTIFY → the bot logs "bot ready";
 * - dispatch → first callback latency of /ask and of autocomplete (/initiative and /whois names) with 1, 10 and
 *   100 interactions in flight (closed loop: each finished interaction starts the next), interactions per second,
 *   and how many were late (callback after 3 s) or lost (never acknowledged);
 * - the bot process's peak memory (VmHWM);
 * - /ask latency with feedback recording on and off (FEEDBACK=on|off), in alternating runs of fresh processes, so
 *   the cost of recording every ask shows as the difference of the two p99s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { deployCommands } from '../src/bot/deploy.js';
import { loadConfig } from '../src/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { type DiscordEmulator, type InteractionHandle, startEmulator } from '../test/support/emulator.js';
import { Rng } from './generate.js';
import { makeQueries } from './queries.js';
import { mib, progress, type Summary, summarize } from './stats.js';

/** One start of the bot process. */
export interface StartupRun {
  knowledge: string;
  /** Process start → the emulator received IDENTIFY. */
  identifyMs: number;
  /** Process start → "bot ready" in the log. */
  readyMs: number;
  /** Process start → "knowledge base loaded" in the log. */
  knowledgeLoadedMs: number;
}

/** One load level: a closed loop (`inFlight` outstanding) or an open loop (`rate` arrivals per second). */
export interface LoadRun {
  kind: 'ask' | 'autocomplete';
  mode: 'closed' | 'open';
  inFlight: number;
  /** Open loop: arrivals per second (Poisson). */
  rate?: number;
  /** Open loop: the most interactions outstanding at once. */
  maxInFlight?: number;
  interactions: number;
  latency: Summary;
  perSecond: number;
  late: number;
  lost: number;
}

/** /ask latency of one feedback mode at one load, pooled over both rounds. */
export interface FeedbackLoad {
  inFlight: number;
  off: Summary;
  on: Summary;
  /** p99 with feedback on minus p99 with it off (ms); within noise it can come out negative. */
  addedP99Ms: number;
  lateOrLost: number;
  /** CPU time per /ask of each bot process (ms): its main thread, and all its threads (the database worker too). */
  cpuPerAsk: { off: { main: number; all: number }; on: { main: number; all: number } };
}

/**
 * /ask with feedback recording on and off, measured side by side: two bot processes (FEEDBACK=on, FEEDBACK=off)
 * on two emulators, run at the same time, with consecutive interactions sent to one and then the other, so both
 * see the same machine load. Two rounds, swapping which emulator serves which mode.
 */
export interface FeedbackComparison {
  loads: FeedbackLoad[];
}

export interface E2EResult {
  startup: StartupRun[];
  load: LoadRun[];
  feedback: FeedbackComparison;
  botPeakRssMiB: number;
  loadAverage: [number, number];
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'kb-dir': { type: 'string' },
    scale: { type: 'string', default: '1' },
  },
});

const DEADLINE_MS = 3000;

interface Bot {
  child: ChildProcess;
  run: StartupRun;
  stop(): Promise<void>;
}

/** Starts `src/main.ts` against the emulator and waits for "bot ready". */
async function startBotProcess(
  emu: DiscordEmulator,
  knowledgeDir: string,
  label: string,
  extraEnv: Record<string, string> = {},
): Promise<Bot> {
  const identifiesBefore = emu.gateway.identifies;
  const started = performance.now();
  // BENCH_BOT_NODE_FLAGS (e.g. "--cpu-prof") passes extra Node flags to the bot process, for profiling.
  const flags = (process.env.BENCH_BOT_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  // Feedback is on by default, into a fresh directory per process, never the repository's data/.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      DISCORD_TOKEN: emu.token,
      DISCORD_APPLICATION_ID: emu.applicationId,
      DISCORD_GUILD_ID: emu.guilds[0]?.id ?? '',
      DISCORD_API_URL: emu.apiUrl,
      KNOWLEDGE_DIR: knowledgeDir,
      ASK_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const identify = emu
    .waitFor(() => emu.gateway.identifies > identifiesBefore, 120_000, 'IDENTIFY')
    .then(() => performance.now() - started);
  let knowledgeLoadedMs = Number.NaN;
  const ready = new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      let msg = '';
      try {
        msg = (JSON.parse(line) as { msg?: string }).msg ?? '';
      } catch {
        return;
      }
      if (msg === 'knowledge base loaded') knowledgeLoadedMs = performance.now() - started;
      if (msg === 'bot ready') resolve(performance.now() - started);
    });
    child.once('exit', (code) =>
      reject(new Error(`the bot exited with ${code} before it was ready: ${stderr}`)),
    );
  });
  const readyMs = await ready;
  const identifyMs = await identify;
  const run = {
    knowledge: label,
    identifyMs: Math.round(identifyMs),
    readyMs: Math.round(readyMs),
    knowledgeLoadedMs: Math.round(knowledgeLoadedMs),
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { child, run, stop };
}

/** Peak resident memory of a running process, from /proc (Linux). */
function peakRss(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(/VmHWM:\s+(\d+)\s+kB/)?.[1]);
    return Number.isFinite(kb) ? mib(kb * 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Runs `total` interactions with `inFlight` outstanding at any time; latency = dispatch → first callback. */
async function closedLoop(
  kind: LoadRun['kind'],
  inFlight: number,
  total: number,
  dispatch: (i: number) => InteractionHandle,
  latencies: number[] = [],
): Promise<LoadRun> {
  let late = 0;
  let lost = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      const handle = dispatch(i);
      try {
        await handle.callback;
        const took = performance.now() - t;
        latencies.push(took);
        if (took > DEADLINE_MS) late++;
      } catch {
        lost++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    kind,
    mode: 'closed',
    inFlight,
    interactions: total,
    latency: summarize(latencies),
    perSecond: Math.round(total / elapsed),
    late,
    lost,
  };
}

/** Dispatches `total` interactions at Poisson arrivals of `rate` per second (seeded), waiting for none of them. */
async function openLoop(
  kind: LoadRun['kind'],
  rate: number,
  total: number,
  dispatch: (i: number) => InteractionHandle,
): Promise<LoadRun> {
  const rng = new Rng(rate * 7919 + total);
  const latencies: number[] = [];
  let late = 0;
  let lost = 0;
  let outstanding = 0;
  let maxOutstanding = 0;
  const started = performance.now();
  const all: Promise<void>[] = [];
  let due = started;
  for (let i = 0; i < total; i++) {
    due += (-Math.log(1 - rng.next()) / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const t = performance.now();
    const handle = dispatch(i);
    outstanding++;
    maxOutstanding = Math.max(maxOutstanding, outstanding);
    all.push(
      handle.callback.then(
        () => {
          const took = performance.now() - t;
          latencies.push(took);
          if (took > DEADLINE_MS) late++;
          outstanding--;
        },
        () => {
          lost++;
          outstanding--;
        },
      ),
    );
  }
  await Promise.all(all);
  const elapsed = (performance.now() - started) / 1000;
  return {
    kind,
    mode: 'open',
    inFlight: maxOutstanding,
    rate,
    maxInFlight: maxOutstanding,
    interactions: total,
    latency: summarize(latencies),
    perSecond: Math.round(total / elapsed),
    late,
    lost,
  };
}

/** CPU time (ms) a process has used: its main thread (tid = pid) and all its threads, from /proc (Linux). */
function cpuMs(pid: number | undefined): { main: number; all: number } {
  const ticks = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  try {
    let all = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`))
      all += ticks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
    return { main: ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')), all };
  } catch {
    return { main: Number.NaN, all: Number.NaN };
  }
}

/** Sets up an emulator with the bot's commands deployed, as main() does for the others. */
async function emulatorWithCommands(): Promise<DiscordEmulator> {
  const emu = await startEmulator();
  await deployCommands(
    loadConfig({
      DISCORD_TOKEN: emu.token,
      DISCORD_APPLICATION_ID: emu.applicationId,
      DISCORD_GUILD_ID: emu.guilds[0]?.id,
      DISCORD_API_URL: emu.apiUrl,
      KNOWLEDGE_DIR: 'knowledge',
    }),
  );
  return emu;
}

/** See {@link FeedbackComparison}. */
async function compareFeedback(questions: readonly string[], scale: number): Promise<FeedbackComparison> {
  const a = await emulatorWithCommands();
  const b = await emulatorWithCommands();
  const plan = [
    [1, Math.max(100, Math.round(600 * scale))],
    [10, Math.max(200, Math.round(3000 * scale))],
  ] as const;
  type Cpu = { main: number; all: number };
  interface Samples {
    on: number[];
    off: number[];
    bad: number;
    cpu: { on: Cpu; off: Cpu };
  }
  const samples = new Map<number, Samples>(
    plan.map(([inFlight]) => [
      inFlight,
      { on: [], off: [], bad: 0, cpu: { on: { main: 0, all: 0 }, off: { main: 0, all: 0 } } },
    ]),
  );
  for (const [round, onEmu, offEmu] of [
    [1, a, b],
    [2, b, a],
  ] as const) {
    progress(`e2e: feedback on and off side by side, round ${round}/2: starting both bots`);
    const [on, off] = await Promise.all([
      startBotProcess(onEmu, 'knowledge', 'feedback on', { FEEDBACK: 'on' }),
      startBotProcess(offEmu, 'knowledge', 'feedback off', { FEEDBACK: 'off' }),
    ]);
    const send = (emu: DiscordEmulator) => (i: number) =>
      emu.command({ name: 'ask', options: { question: questions[i % questions.length] as string } });
    await closedLoop('ask', 10, 300, send(onEmu));
    await closedLoop('ask', 10, 300, send(offEmu));
    for (const [inFlight, total] of plan) {
      progress(`e2e: ${total} /ask with ${inFlight} in flight, alternating feedback on and off`);
      const into = samples.get(inFlight) as Samples;
      const onLatencies: number[] = [];
      const offLatencies: number[] = [];
      const before = { on: cpuMs(on.child.pid), off: cpuMs(off.child.pid) };
      // Even interactions go to the bot with feedback on, odd ones to the one with it off.
      const mixed = await closedLoopSplit(
        inFlight,
        total,
        send(onEmu),
        send(offEmu),
        onLatencies,
        offLatencies,
      );
      for (const [mode, bot] of [
        ['on', on],
        ['off', off],
      ] as const) {
        const after = cpuMs(bot.child.pid);
        into.cpu[mode].main += after.main - before[mode].main;
        into.cpu[mode].all += after.all - before[mode].all;
      }
      into.on.push(...onLatencies);
      into.off.push(...offLatencies);
      into.bad += mixed;
    }
    await Promise.all([on.stop(), off.stop()]);
  }
  await a.close();
  await b.close();
  return {
    loads: plan.map(([inFlight]) => {
      const got = samples.get(inFlight) as Samples;
      const on = summarize(got.on);
      const off = summarize(got.off);
      const per = (c: Cpu, n: number) => ({
        main: Math.round((c.main / n) * 1000) / 1000,
        all: Math.round((c.all / n) * 1000) / 1000,
      });
      return {
        inFlight,
        on,
        off,
        addedP99Ms: Math.round((on.p99 - off.p99) * 1000) / 1000,
        lateOrLost: got.bad,
        cpuPerAsk: { on: per(got.cpu.on, on.n), off: per(got.cpu.off, off.n) },
      };
    }),
  };
}

/**
 * A closed loop over two targets: interaction i goes to `even` or `odd` by its parity, with `inFlight`
 * outstanding in all; latencies land in `evenLatencies` / `oddLatencies`. Returns how many were late or lost.
 */
async function closedLoopSplit(
  inFlight: number,
  total: number,
  even: (i: number) => InteractionHandle,
  odd: (i: number) => InteractionHandle,
  evenLatencies: number[],
  oddLatencies: number[],
): Promise<number> {
  let next = 0;
  let bad = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      try {
        await (i % 2 ? odd : even)(i).callback;
        const took = performance.now() - t;
        (i % 2 ? oddLatencies : evenLatencies).push(took);
        if (took > DEADLINE_MS) bad++;
      } catch {
        bad++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return bad;
}

async function main() {
  const scale = Number(values.scale);
  const loadBefore = os.loadavg()[0] as number;
  const emu = await startEmulator();
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_APPLICATION_ID: emu.applicationId,
    DISCORD_GUILD_ID: emu.guilds[0]?.id,
    DISCORD_API_URL: emu.apiUrl,
    KNOWLEDGE_DIR: 'knowledge',
  });
  await deployCommands(config);

  const startup: StartupRun[] = [];
  if (values['kb-dir']) {
    progress('e2e: start-up with the 10,000-record knowledge base');
    const big = await startBotProcess(emu, values['kb-dir'], '10,000 generated');
    startup.push(big.run);
    await big.stop();
  }
  let bot: Bot | undefined;
  for (let i = 0; i < 3; i++) {
    progress(`e2e: start-up ${i + 1}/3 with the real knowledge base`);
    await bot?.stop();
    bot = await startBotProcess(emu, 'knowledge', 'real');
    startup.push(bot.run);
  }
  if (!bot) throw new Error('no bot');

  const kb = await loadKnowledge('knowledge');
  const stream = makeQueries(kb, 4000, 4242);
  const ask = (i: number) =>
    emu.command({
      name: 'ask',
      options: { question: (stream.ask[i % stream.ask.length] as { text: string }).text },
    });
  const autocomplete = (i: number) => {
    const q = stream.suggest[i % stream.suggest.length] as { input: string; kind: string };
    return emu.autocomplete({
      name: q.kind === 'initiative' ? 'initiative' : 'whois',
      options: { name: q.input.slice(0, 100) },
      focused: 'name',
    });
  };

  progress('e2e: warming up');
  await closedLoop('ask', 10, 300, ask);
  await closedLoop('autocomplete', 10, 300, autocomplete);

  const load: LoadRun[] = [];
  for (const [inFlight, total] of [
    [1, 300],
    [10, 1500],
    [100, 3000],
  ] as const) {
    const n = Math.max(inFlight, Math.round(total * scale));
    progress(`e2e: ${n} /ask with ${inFlight} in flight`);
    load.push(await closedLoop('ask', inFlight, n, ask));
    progress(`e2e: ${n} autocompletes with ${inFlight} in flight`);
    load.push(await closedLoop('autocomplete', inFlight, n, autocomplete));
  }
  for (const [kind, rate] of [
    ['ask', 100],
    ['ask', 400],
    ['autocomplete', 400],
  ] as const) {
    const n = Math.max(50, Math.round(rate * 5 * scale));
    progress(`e2e: ${n} ${kind === 'ask' ? '/ask' : 'autocompletes'} arriving at ${rate} per second`);
    load.push(await openLoop(kind, rate, n, kind === 'ask' ? ask : autocomplete));
  }
  const botPeakRssMiB = peakRss(bot.child.pid);
  await bot.stop();

  await emu.close();
  const feedback = await compareFeedback(
    stream.ask.map((q) => q.text),
    scale,
  );

  const result: E2EResult = {
    startup,
    load,
    feedback,
    botPeakRssMiB,
    loadAverage: [Math.round(loadBefore * 100) / 100, Math.round((os.loadavg()[0] as number) * 100) / 100],
  };
  const json = JSON.stringify(result, null, 2);
  if (values.out) writeFileSync(values.out, json);
  else process.stdout.write(`${json}\n`);
}

await main();
