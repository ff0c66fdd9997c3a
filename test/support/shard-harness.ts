/**
 * Runs the bot exactly as `SHARD_COUNT=N npm start` does — `node --import tsx src/main.ts`, discord.js's
 * ShardingManager, one real process per shard — against the Discord emulator in the test process, and reads the
 * JSON log lines every process writes to the shared stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { deployCommands } from '../../src/bot/deploy.js';
import { loadConfig } from '../../src/config.js';
import type { LogRecord } from './bot-harness.js';
import type { DiscordEmulator, GuildOptions } from './emulator.js';

/** A guild id that Discord's `(guild_id >> 22) % count` puts on `shard`; `n` tells guilds of one shard apart. */
export function guildOnShard(shard: number, count: number, n = 0): string {
  // A 2023 timestamp in the high bits keeps the id a realistic 19-digit snowflake.
  const at = 300_000_000_000n + BigInt(n * count + shard);
  return ((at << 22n) | 7n).toString();
}

/** One guild per shard, named after it: guild `i` lives on shard `i`. */
export function guildsForShards(count: number): GuildOptions[] {
  return Array.from({ length: count }, (_, shard) => ({
    id: guildOnShard(shard, count),
    name: `Guild on shard ${shard}`,
  }));
}

/** A running shard manager process. */
export interface ManagerProcess {
  child: ChildProcess;
  /** `DATA_DIR` of every process of this manager (the shared feedback database lives there). */
  dataDir: string;
  logs: LogRecord[];
  /** What the process wrote to stderr. */
  stderr: () => string;
  /** Waits for a log line that matches (message, and optionally other fields). */
  waitForLog(msg: string, fields?: Record<string, unknown>, timeoutMs?: number): Promise<LogRecord>;
  logsMatching(msg: string, fields?: Record<string, unknown>): LogRecord[];
  /** Waits until `shards` shard processes have logged "bot ready" (so each serves and takes broadcasts). */
  waitForShards(shards: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and waits for the exit code; kills it if it takes longer than `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** Kills the manager if it still runs and removes the data directory the harness made for it. */
  cleanup(): Promise<void>;
}

const matches = (r: LogRecord, msg: string, fields: Record<string, unknown>) =>
  r.msg === msg && Object.entries(fields).every(([k, v]) => r[k] === v);

/** Registers the bot's commands globally in the emulator, so every guild has them. */
export async function deployGlobally(emulator: DiscordEmulator): Promise<void> {
  await deployCommands(
    loadConfig({
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_URL: emulator.apiUrl,
    }),
  );
}

/**
 * Starts `src/main.ts` with the given sharding variables against `emulator`. Unless `env` names a `DATA_DIR`, the
 * processes get a fresh temporary one (never the repository's `data/`), removed by `cleanup()`.
 */
export function startManager(
  emulator: DiscordEmulator,
  env: Record<string, string>,
  knowledgeDir = 'knowledge',
): ManagerProcess {
  const ownDataDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'shards-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_URL: emulator.apiUrl,
      KNOWLEDGE_DIR: knowledgeDir,
      ASK_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogRecord[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as LogRecord);
    } catch {
      // Not a log line (a stray console.log): ignored.
    }
  });
  const waitForLog = (msg: string, fields: Record<string, unknown> = {}, timeoutMs = 60_000) =>
    emulator.waitFor(
      () => {
        const found = logs.find((r) => matches(r, msg, fields));
        if (!found && exitCode !== undefined)
          throw new Error(`the manager exited (${exitCode}) before logging "${msg}": ${stderr}`);
        return found;
      },
      timeoutMs,
      `log "${msg}" ${JSON.stringify(fields)}`,
    );
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000) => {
    if (exitCode !== undefined) return exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    child,
    dataDir,
    logs,
    stderr: () => stderr,
    waitForLog,
    logsMatching: (msg, fields = {}) => logs.filter((r) => matches(r, msg, fields)),
    async waitForShards(shards, timeoutMs = 120_000) {
      await waitForLog('every shard is ready', {}, timeoutMs);
      await emulator.waitFor(
        () => logs.filter((r) => r.msg === 'bot ready').length >= shards,
        timeoutMs,
        `${shards} shards logging "bot ready"`,
      );
    },
    exited,
    stop,
    async cleanup() {
      await stop('SIGKILL');
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
