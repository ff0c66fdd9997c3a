/**
 * `SHARD_COUNT=auto|N npm start`: discord.js's `ShardingManager` runs one process per shard (src/shard/child.ts),
 * respawns a shard whose process dies, and on the first SIGTERM/SIGINT lets every shard drain before it exits 0.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import type { BotConfig, ShardingConfig } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
import { formatProblem, KnowledgeError } from '../knowledge/problems.js';
import { LastGoodKnowledge } from '../knowledge/snapshot.js';
import type { Logger } from '../log.js';
import { formatShardIds, planShards, spawnDelayMs } from './plan.js';

/** What GET /gateway/bot says about sharding. */
export interface GatewayBot {
  /** The shard count Discord recommends. */
  shards: number;
  /** How many IDENTIFYs may start per 5 s (in different buckets). */
  maxConcurrency: number;
}

/** How long one shard may take from its process starting to its gateway being ready. */
const SPAWN_TIMEOUT_MS = 120_000;
/** How long a shard may take to drain and exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 20_000;

/** The shard process entry beside this file; under tsx it is TypeScript, so children load tsx too. */
function childEntry(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  const typescript = here.endsWith('.ts');
  const file = fileURLToPath(new URL(typescript ? './child.ts' : './child.js', here));
  return { file, execArgv: typescript ? ['--import', import.meta.resolve('tsx')] : [] };
}

/**
 * GET /gateway/bot from the configured API (so a REST proxy or the emulator works, which discord.js's own
 * `fetchRecommendedShardCount` does not allow).
 */
export async function fetchGatewayBot(config: BotConfig): Promise<GatewayBot> {
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken.reveal());
  try {
    const body = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return { shards: body.shards, maxConcurrency: body.session_start_limit.max_concurrency };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Logs what each shard process does; the manager's own messages carry `shard` too. */
function watch(shard: Shard, logger: Logger, stopping: () => boolean): void {
  const log = logger.child({ shard: shard.id });
  // mode 'process': the child is a ChildProcess, never a Worker.
  shard.on('spawn', (child) => log.info({ pid: (child as ChildProcess).pid }, 'shard process started'));
  shard.on('ready', () => log.info('shard ready'));
  shard.on('death', (exited) => {
    if (stopping()) return;
    const child = exited as ChildProcess;
    log.warn(
      { pid: child.pid, code: child.exitCode, signal: child.signalCode },
      'shard process exited; starting it again',
    );
  });
  // Without a listener an 'error' event (a respawned shard not ready in time) would end the manager.
  shard.on('error', (error: unknown) => log.error({ err: error }, 'shard error'));
}

/** Sends SIGTERM to every shard process and waits for each to drain and exit; true when all exited with 0. */
async function stopShards(manager: ShardingManager, logger: Logger): Promise<boolean> {
  manager.respawn = false;
  const running = [...manager.shards.values()]
    .map((shard) => ({ id: shard.id, child: shard.process }))
    .filter((s): s is { id: number; child: ChildProcess } => s.child !== null);
  const results = await Promise.all(
    running.map(
      ({ id, child }) =>
        new Promise<boolean>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve(child.exitCode === 0);
            return;
          }
          const timer = setTimeout(() => {
            logger.warn({ shard: id, pid: child.pid }, 'shard did not stop in time; killing it');
            child.kill('SIGKILL');
          }, STOP_TIMEOUT_MS);
          child.once('exit', (code, signal) => {
            clearTimeout(timer);
            logger.info({ shard: id, code, signal }, 'shard stopped');
            resolve(code === 0);
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  return results.every(Boolean);
}

/**
 * Checks the knowledge base once, before any shard starts, by the rule every shard follows: broken files start from
 * the last good copy in `DATA_DIR`, unless `KNOWLEDGE_STRICT_START` is set or there is no copy. When the shards
 * could not start, this says why (as `npm start` does) instead of every shard process failing and being respawned.
 */
async function knowledgeCanStart(config: BotConfig, logger: Logger): Promise<boolean> {
  try {
    await loadKnowledge(config.knowledgeDir, { maxBytes: config.knowledgeMaxBytes });
    return true;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    const lastGood = config.knowledgeStrictStart
      ? undefined
      : await new LastGoodKnowledge(config.dataDir).info();
    if (lastGood) {
      logger.warn(
        { problems: error.problems.length, serving: lastGood.version, savedAt: lastGood.savedAt },
        'the knowledge base on disk is invalid: every shard starts from the last good copy',
      );
      return true;
    }
    console.error(`The knowledge base in ${config.knowledgeDir} is invalid; fix these and start again:`);
    for (const p of error.problems) console.error(`  ${formatProblem(p)}`);
    console.error(
      config.knowledgeStrictStart
        ? '(KNOWLEDGE_STRICT_START is set, so the last good copy in DATA_DIR is not used.)'
        : `(There is no last good copy in ${config.dataDir} to start from yet.)`,
    );
    return false;
  }
}

/**
 * Runs the shard manager and its shards until `signalled` (the first SIGINT/SIGTERM), then lets every shard drain
 * and resolves with the exit code: 0 when every shard stopped cleanly, 1 when the start failed (after saying why)
 * or a shard did not stop cleanly.
 */
export async function runManager(
  config: BotConfig & { sharding: ShardingConfig },
  logger: Logger,
  signalled: Promise<NodeJS.Signals>,
): Promise<number> {
  if (!(await knowledgeCanStart(config, logger))) return 1;

  let gateway: GatewayBot;
  try {
    gateway = await fetchGatewayBot(config);
  } catch (error) {
    if ((error as { status?: unknown }).status === 401) {
      logger.fatal(
        'Discord rejected DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and update .env',
      );
    } else {
      logger.fatal({ err: error }, 'could not ask Discord how to shard (GET /gateway/bot)');
    }
    return 1;
  }

  const plan = planShards(config.sharding, gateway.shards);
  const { file, execArgv } = childEntry();
  const manager = new ShardingManager(file, {
    totalShards: plan.count,
    shardList: plan.here,
    mode: 'process',
    respawn: true,
    token: config.discordToken.reveal(),
    execArgv,
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => watch(shard, logger, () => stopping));
  const stop = async () => {
    stopping = true;
    const clean = await stopShards(manager, logger);
    logger.info({ clean }, 'shard manager stopped');
    return clean;
  };

  const delay = spawnDelayMs(gateway.maxConcurrency);
  logger.info(
    {
      shardCount: plan.count,
      shards: formatShardIds(plan.here),
      elsewhere: plan.elsewhere.length ? formatShardIds(plan.elsewhere) : undefined,
      recommended: gateway.shards,
      delayMs: delay,
    },
    'starting shards',
  );
  const spawned = manager.spawn({ amount: plan.count, delay, timeout: SPAWN_TIMEOUT_MS }).then(
    () => ({ ready: true as const }),
    (error: unknown) => ({ ready: false as const, error }),
  );
  const first = await Promise.race([spawned, signalled.then((signal) => ({ signal }))]);
  if ('ready' in first && !first.ready) {
    logger.fatal({ err: first.error }, 'a shard could not start; stopping the others');
    await stop();
    return 1;
  }
  if ('ready' in first)
    logger.info({ shards: formatShardIds(plan.here), shardCount: plan.count }, 'every shard is ready');
  const signal = 'signal' in first ? first.signal : await signalled;
  logger.info({ signal }, 'shutting down every shard: each finishes the interactions in flight');
  return (await stop()) ? 0 : 1;
}
