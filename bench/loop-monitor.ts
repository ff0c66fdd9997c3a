/**
 * Loaded into the bot process by bench/refused-reload.ts (`node --import ./bench/loop-monitor.ts src/main.ts`):
 * a 2 ms timer notes how late it fires. Every 100 ms the longest lateness goes to stderr as
 * `LOOP {"t":<epoch ms>,"lagMs":<ms>,"stallMs":<ms>}`:
 * - `lagMs`: wall-clock lateness, which on a shared machine includes waiting for a CPU;
 * - `stallMs`: how much of that the main thread spent running (its on-CPU time from the kernel's schedstat):
 *   the event loop blocked by the bot's own work (GC included), whatever else the machine is doing.
 * Benchmark only; the bot never loads it.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 2;
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
/** Nanoseconds the main thread has run on a CPU (NaN where /proc isn't there). */
const cpuNs = () => {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
};

let last = performance.now();
let lastCpu = cpuNs();
let lag = 0;
let stall = 0;
setInterval(() => {
  const now = performance.now();
  const cpu = cpuNs();
  lag = Math.max(lag, now - last - TICK_MS);
  // The timer's own work and the tick itself are a fraction of a millisecond; the rest ran instead of the loop.
  stall = Math.max(stall, Math.min(now - last, (cpu - lastCpu) / 1e6) - TICK_MS);
  last = now;
  lastCpu = cpu;
}, TICK_MS).unref();
setInterval(() => {
  const round = (v: number) => Math.round(Math.max(0, v) * 10) / 10;
  process.stderr.write(
    `LOOP ${JSON.stringify({ t: Date.now(), lagMs: round(lag), stallMs: round(stall) })}\n`,
  );
  lag = 0;
  stall = 0;
}, 100).unref();
