import { installProcessHandlers } from './bot/process-handlers.js';
import { startBot } from './bot/start.js';
import { type BotConfig, ConfigError, loadConfig, processEnv } from './config.js';
import { formatProblem, KnowledgeError } from './knowledge/problems.js';
import { createLogger } from './log.js';
import { runManager } from './shard/manager.js';

/**
 * `npm start`: configuration → knowledge base → Discord, then run until SIGINT/SIGTERM. Every start-up failure
 * ends with a message that says what to fix, and exit code 1.
 */
function readConfig(): BotConfig | undefined {
  try {
    return loadConfig(processEnv());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    if (error.lines.some((l) => l.startsWith('DISCORD_TOKEN'))) {
      console.error(
        '\nNo Discord bot token yet? You can still try the answers offline: npm run ask -- "who co-founded the AI Alliance?"' +
          '\nTo create a bot and its token, follow docs/discord-setup.md.',
      );
    }
    return undefined;
  }
}

async function main(): Promise<number> {
  const config = readConfig();
  if (!config) return 1;
  const logger = createLogger(config.logLevel);
  installProcessHandlers(logger);
  if (config.sharding) return runManager({ ...config, sharding: config.sharding }, logger);

  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      console.error(`The knowledge base in ${config.knowledgeDir} is invalid; fix these and start again:`);
      for (const p of error.problems) console.error(`  ${formatProblem(p)}`);
      return 1;
    }
    if ((error as { code?: unknown }).code === 'TokenInvalid') {
      logger.fatal(
        'Discord rejected DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and update .env',
      );
      return 1;
    }
    logger.fatal({ err: error }, 'the bot could not start');
    return 1;
  }

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    // A second signal means "now": don't wait for in-flight answers again.
    process.once(signal, () => process.exit(1));
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return 0;
}

const code = await main();
if (code !== 0) process.exitCode = code;
