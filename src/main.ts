import { installProcessHandlers, runUntilSignalled, shutdownSignal } from './bot/process-handlers.js';
import { StartRefused, startBot } from './bot/start.js';
import { type BotConfig, ConfigError, loadConfig, processEnv } from './config.js';
import { formatProblem, KnowledgeError } from './knowledge/problems.js';
import { createLogger } from './log.js';
import { runManager } from './shard/manager.js';

/**
 * `npm start`: configuration → knowledge base → Discord, then run until SIGINT/SIGTERM (see
 * {@link runUntilSignalled}). Every start-up failure
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
        '\nNo Discord bot token yet? You can still try the answers offline: npm run ask -- "what is the AI Alliance?"' +
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
  const signalled = shutdownSignal(logger);
  if (config.sharding) return runManager({ ...config, sharding: config.sharding }, logger, signalled);

  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      console.error(`The knowledge base in ${config.knowledgeDir} is invalid; fix these and start again:`);
      for (const p of error.problems) console.error(`  ${formatProblem(p)}`);
      console.error(
        config.knowledgeStrictStart
          ? '(KNOWLEDGE_STRICT_START is set, so the last good copy in DATA_DIR is not used.)'
          : `(There is no last good copy in ${config.dataDir} to start from yet.)`,
      );
      return 1;
    }
    if (error instanceof StartRefused) {
      logger.fatal(error.message);
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

  return runUntilSignalled(bot, logger, signalled);
}

// Exit explicitly: after a clean stop nothing should be left running, and a forgotten handle must not keep a
// supervisor waiting for its kill timeout.
process.exit(await main());
