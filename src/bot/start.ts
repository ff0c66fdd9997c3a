import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import { COMMANDS } from '../commands.js';
import type { BotConfig } from '../config.js';
import { KnowledgeStore } from '../knowledge/store.js';
import type { Logger } from '../log.js';
import { FeedbackLog } from '../storage/feedback-log.js';
import { validateCommands } from './command.js';
import { Cooldown } from './cooldown.js';
import { feedbackButtons } from './feedback-button.js';
import { MentionResponder } from './mentions.js';
import { NO_PINGS } from './respond.js';
import { InteractionRouter } from './router.js';

/**
 * The gateway intents the bot asks for, and no more. `GuildMessages` (not privileged) delivers messages so mentions
 * can be answered; Discord includes the text of messages that mention the bot without the privileged Message
 * Content intent, so the bot never asks for it and never sees other messages' text.
 */
export const GATEWAY_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] as const;

/** Options of {@link startBot}. */
export interface StartOptions {
  config: BotConfig;
  logger: Logger;
  /** Command modules; default the bot's commands from `src/commands.ts`. Validated before anything starts. */
  commands?: readonly unknown[];
  /** How long to wait for the gateway to be ready. Default 30 s. */
  readyTimeoutMs?: number;
}

/** A running bot. */
export interface BotHandle {
  client: Client<true>;
  store: KnowledgeStore;
  router: InteractionRouter;
  mentions: MentionResponder;
  /** The record of asks and votes behind /misses. */
  feedback: FeedbackLog;
  /** Stops taking interactions, lets in-flight ones finish, writes pending feedback, disconnects. Safe twice. */
  stop(): Promise<void>;
}

/**
 * Starts the bot exactly as `npm start` does: validates the commands, loads and validates the knowledge base
 * (a broken one stops start-up with every problem listed), logs in, and resolves once the gateway is ready.
 *
 * @throws {KnowledgeError} when the knowledge directory is invalid.
 * @throws {CommandDefinitionError} when a command module is malformed.
 */
export async function startBot(options: StartOptions): Promise<BotHandle> {
  const { config, logger } = options;
  const commands = validateCommands(options.commands ?? COMMANDS);

  const store = await KnowledgeStore.open(config.knowledgeDir);
  const { kb, counts } = store.current;
  logger.info({ dir: config.knowledgeDir, version: kb.version, counts }, 'knowledge base loaded');

  const feedback = await FeedbackLog.open({
    dataDir: config.dataDir,
    enabled: config.feedback,
    retentionDays: config.feedbackRetentionDays,
    logger,
  });

  const client = new Client({
    intents: [...GATEWAY_INTENTS],
    rest: { api: config.discordApiUrl },
    allowedMentions: NO_PINGS,
    // The bot answers each mention as it arrives and never looks back, so keeping messages would only cost memory.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
  // One cooldown for every way of asking: /ask, the message menu and mentions count as the same member asking.
  const cooldown = new Cooldown(config.askCooldownSeconds);
  const router = new InteractionRouter({ store, config, cooldown, commands, feedback }, logger, [
    feedbackButtons,
  ]);
  const mentions = new MentionResponder({ store, config, cooldown, logger, feedback });

  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  client.on(Events.MessageCreate, (message) => void mentions.handle(message));
  // Without an 'error' listener an emitted error would crash the process.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, 'gateway session resumed'),
  );
  client.on(Events.ShardError, (error, shard) =>
    logger.warn({ err: error, shard }, 'gateway connection error'),
  );

  // Attached before login: against a fast server clientReady can fire before login() resolves.
  const ready = once(client, Events.ClientReady, {
    signal: AbortSignal.timeout(options.readyTimeoutMs ?? 30_000),
  });
  try {
    await client.login(config.discordToken.reveal());
    await ready;
  } catch (error) {
    ready.catch(() => undefined);
    await client.destroy();
    await feedback.close();
    throw error;
  }
  const online = client as Client<true>;
  logger.info(
    {
      user: online.user.tag,
      guilds: online.guilds.cache.size,
      commands: commands.map((c) => c.data.name),
      knowledge: { version: kb.version, ...counts },
    },
    'bot ready',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      router.stopAccepting();
      mentions.stopAccepting();
      await Promise.all([router.drain(), mentions.drain()]);
      await feedback.close();
      await client.destroy();
      logger.info('bot stopped');
    })();
    return stopping;
  };
  return { client: online, store, router, mentions, feedback, stop };
}
