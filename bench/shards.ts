/**
 * Sharding, end to end through the local Discord emulator:
 *
 *   node --import tsx bench/shards.ts --out <file.json> [--scale 1]
 *
 * The emulator runs in this process with four guilds, one per shard of four (so two shards get two guilds each,
 * one shard all four); the bot runs as `node --import tsx src/main.ts` unsharded and with SHARD_COUNT=1, 2 and 4.
 * For each: /ask interactions per second and dispatch → first-callback latency with 40 in flight, spread evenly
 * over the guilds. With 2 and 4 shards also: the time from dispatching /reload on shard 0 to its reply, and to the
 * last shard serving the new version (each shard's guild is asked /whois IBM until it shows the edited summary).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMap, isSeq, parseDocument } from 'yaml';
import { loadKnowledge } from '../src/knowledge/load.js';
import { MODERATOR_PERMISSIONS } from '../test/support/bot-harness.js';
import { type DiscordEmulator, startEmulator } from '../test/support/emulator.js';
import {
  deployGlobally,
  guildOnShard,
  guildsForShards,
  type ManagerProcess,
  startManager,
} from '../test/support/shard-harness.js';
import { makeQueries } from './queries.js';
import { progress, type Summary, summarize } from './stats.js';

/** One configuration's load run. */
export interface ShardLoadRun {
  /** 0 = unsharded (`npm start` without SHARD_COUNT). */
  shards: number;
  interactions: number;
  inFlight: number;
  latency: Summary;
  perSecond: number;
  lost: number;
}

/** /reload across the shards of one manager. */
export interface ShardReloadRun {
  shards: number;
  /** Dispatch → the moderator's reply (every shard has answered the broadcast by then). */
  replyMs: number;
  /** Dispatch → the last shard answering /help with the new version. */
  lastShardMs: number;
  /** Dispatch → each shard first answering with the new version. */
  perShardMs: number[];
}

export interface ShardsResult {
  load: ShardLoadRun[];
  reload: ShardReloadRun[];
  cores: number;
  loadAverage: [number, number];
}

const { values } = parseArgs({
  options: { out: { type: 'string' }, scale: { type: 'string', default: '1' } },
});

const IN_FLIGHT = 40;
const GUILDS = guildsForShards(4);

async function start(emu: DiscordEmulator, shards: number, dir: string): Promise<ManagerProcess> {
  const manager = startManager(emu, shards > 0 ? { SHARD_COUNT: String(shards) } : {}, dir);
  if (shards > 0) await manager.waitForShards(shards);
  else await manager.waitForLog('bot ready', {}, 120_000);
  return manager;
}

async function stop(manager: ManagerProcess): Promise<void> {
  const code = await manager.stop('SIGTERM');
  await manager.cleanup();
  if (code !== 0) throw new Error(`the bot exited with ${code}: ${manager.stderr()}`);
}

/** `total` /ask interactions, `IN_FLIGHT` outstanding, guild by guild in turn. */
async function closedLoop(emu: DiscordEmulator, questions: string[], total: number) {
  const latencies: number[] = [];
  let lost = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const guild = GUILDS[i % GUILDS.length]?.id as string;
      const t = performance.now();
      const handle = emu.command({
        name: 'ask',
        guildId: guild,
        options: { question: questions[i % questions.length] as string },
      });
      try {
        await handle.callback;
        latencies.push(performance.now() - t);
      } catch {
        lost++;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { latency: summarize(latencies), perSecond: Math.round(total / seconds), lost };
}

/** Sets IBM's summary in the knowledge copy (a visible change, so a shard's /whois shows which version it serves). */
async function setIbmSummary(dir: string, summary: string): Promise<void> {
  const file = path.join(dir, 'organizations.yaml');
  const doc = parseDocument(await readFile(file, 'utf8'));
  const list = doc.get('organizations');
  const ibm = isSeq(list) ? list.items.find((i) => isMap(i) && i.get('id') === 'org-ibm') : undefined;
  if (!isMap(ibm)) throw new Error('organizations.yaml has no org-ibm');
  ibm.set('summary', summary);
  await writeFile(file, doc.toString({ lineWidth: 0 }));
}

async function ibmCard(emu: DiscordEmulator, guildId: string): Promise<string> {
  const reply = await emu.command({ name: 'whois', guildId, options: { name: 'IBM' } }).reply(30_000);
  return reply.embeds[0]?.description ?? '';
}

/** Edits one summary, runs /reload on shard 0, and times until every shard serves the new version. */
async function timeReload(
  emu: DiscordEmulator,
  shards: number,
  dir: string,
  n: number,
): Promise<ShardReloadRun> {
  const marker = `Benchmark reload ${shards}-${n}.`;
  await setIbmSummary(dir, `IBM is a technology company. ${marker}`);
  const started = performance.now();
  const reply = emu
    .command({ name: 'reload', guildId: guildOnShard(0, 4), permissions: MODERATOR_PERMISSIONS })
    .reply(120_000)
    .then(() => performance.now() - started);
  const perShardMs = await Promise.all(
    Array.from({ length: shards }, async (_, shard) => {
      // Guild `shard` of the four lands on shard `shard` of 2 or 4 as well.
      for (;;) {
        if ((await ibmCard(emu, guildOnShard(shard, 4))).includes(marker))
          return Math.round(performance.now() - started);
      }
    }),
  );
  return {
    shards,
    replyMs: Math.round(await reply),
    lastShardMs: Math.max(...perShardMs),
    perShardMs,
  };
}

async function main() {
  const scale = Number(values.scale);
  const loadBefore = os.loadavg()[0] as number;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-shards-'));
  await cp('knowledge', dir, { recursive: true });
  const emu = await startEmulator({ shards: 4, guilds: GUILDS, maxConcurrency: 16 });
  await deployGlobally(emu);
  const kb = await loadKnowledge('knowledge');
  const questions = makeQueries(kb, 2000, 4242).ask.map((q) => q.text);
  const total = Math.max(IN_FLIGHT, Math.round(3000 * scale));

  const load: ShardLoadRun[] = [];
  const reload: ShardReloadRun[] = [];
  try {
    for (const shards of [0, 1, 2, 4]) {
      progress(`shards: starting the bot ${shards === 0 ? 'unsharded' : `with ${shards} shards`}`);
      const manager = await start(emu, shards, dir);
      try {
        await closedLoop(emu, questions, Math.round(total / 5)); // warm-up
        progress(`shards: ${total} /ask with ${IN_FLIGHT} in flight`);
        const run = await closedLoop(emu, questions, total);
        load.push({ shards, interactions: total, inFlight: IN_FLIGHT, ...run });
        if (shards >= 2) {
          for (let n = 0; n < 3; n++) {
            progress(`shards: /reload across ${shards} shards (${n + 1}/3)`);
            reload.push(await timeReload(emu, shards, dir, n));
          }
        }
      } finally {
        await stop(manager);
      }
    }
  } finally {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
  const result: ShardsResult = {
    load,
    reload,
    cores: os.cpus().length,
    loadAverage: [Math.round(loadBefore * 100) / 100, Math.round((os.loadavg()[0] as number) * 100) / 100],
  };
  const json = JSON.stringify(result, null, 2);
  if (values.out) await writeFile(values.out, json);
  else process.stdout.write(`${json}\n`);
}

await main();
