/**
 * One shard process. discord.js's `ShardingManager` (src/shard/manager.ts) forks this file once per shard and tells
 * it which shard it is through the environment (`SHARDS`, `SHARD_COUNT`), which discord.js's Client reads on its
 * own. It runs the same bot as `npm start` — `startBot`, the same shutdown path (`runUntilSignalled`) — with the
 * shard id on every log line, and exposes the hook through which another shard's /reload reaches it.
 */
import { installProcessHandlers, runUntilSignalled, shutdownSignal } from '../bot/process-handlers.js';
import { StartRefused, startBot } from '../bot/start.js';
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
  // The manager stops a shard with SIGTERM. If the manager itself is gone (killed, crashed), the shard stops too:
  // unsupervised it would run on beside the copy of it that the next manager starts.
  const managerGone = new Promise<NodeJS.Signals>((resolve) =>
    process.once('disconnect', () => {
      logger.warn('the shard manager went away; stopping this shard');
      resolve('SIGTERM');
    }),
  );
  const signalled = Promise.race([shutdownSignal(logger), managerGone]);

  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      logger.fatal(
        { problems: error.problems.map(formatProblem) },
        `the knowledge base in ${config.knowledgeDir} is invalid and there is no last good copy to serve; this shard cannot start`,
      );
    } else if (error instanceof StartRefused) {
      logger.fatal(error.message);
    } else {
      logger.fatal({ err: error }, 'the shard could not start');
    }
    return 1;
  }
  exposeShardReload(bot.client, shard.id, bot.store, config.knowledgeDir, logger);
  return runUntilSignalled(bot, logger, signalled);
}

process.exit(await main());
