/**
 * One shard process. discord.js's `ShardingManager` (src/shard/manager.ts) forks this file once per shard and tells
 * it which shard it is through the environment (`SHARDS`, `SHARD_COUNT`), which discord.js's Client reads on its
 * own. It runs the same bot as `npm start` — `startBot`, the same drain on SIGTERM — with the shard id on every
 * log line, and exposes the hook through which another shard's /reload reaches it.
 */
import { installProcessHandlers } from '../bot/process-handlers.js';
import { startBot } from '../bot/start.js';
import { ConfigError, loadConfig, processEnv, shardProcess } from '../config.js';
import { formatProblem, KnowledgeError } from '../knowledge/problems.js';
import { createLogger } from '../log.js';
import { exposeShardReload } from './reload.js';

async function main(): Promise<number> {
  const env = processEnv();
  const shard = shardProcess(env);
  if (!shard) {
    console.error(
      'src/shard/child.ts runs one shard under the shard manager: start the bot with npm start instead.',
    );
    return 1;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  const logger = createLogger(config.logLevel).child({ shard: shard.id });
  installProcessHandlers(logger);

  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      logger.fatal(
        { problems: error.problems.map(formatProblem) },
        `the knowledge base in ${config.knowledgeDir} is invalid; this shard cannot start`,
      );
      return 1;
    }
    logger.fatal({ err: error }, 'the shard could not start');
    return 1;
  }
  exposeShardReload(bot.client, shard.id, bot.store, config.knowledgeDir, logger);

  const shutdown = (reason: string) => {
    logger.info({ reason }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // The manager is gone (killed, crashed): a shard without it would run on unsupervised, and a new manager would
  // start a second copy of it.
  process.once('disconnect', () => shutdown('the shard manager went away'));
  return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
