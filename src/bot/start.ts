import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import { COMMANDS } from '../commands.js';
import type { BotConfig } from '../config.js';
import { formatProblem, KnowledgeError } from '../knowledge/problems.js';
import { LastGoodKnowledge } from '../knowledge/snapshot.js';
import { KnowledgeStore, type StoreOptions } from '../knowledge/store.js';
import type { Logger } from '../log.js';
import { FeedbackLog } from '../storage/feedback-log.js';
import { validateCommands } from './command.js';
import { Cooldown } from './cooldown.js';
import { feedbackButtons } from './feedback-button.js';
import { MentionResponder } from './mentions.js';
import { everyoneModeratorRoles } from './permissions.js';
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

/** Start-up stopped on purpose, with a one-line reason for the operator (exit 1, no stack). */
export class StartRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartRefused';
  }
}

/**
 * discord.js caches every user and member it sees, forever (~0.55 KB per distinct member). The bot reads members
 * only from the interaction or message in hand, so those caches keep just the bot itself (its own permissions in a
 * channel need its member); messages aren't cached at all: each mention is answered as it arrives.
 * Guilds, channels and roles stay fully cached: discord.js needs them (permissions, `interaction.guild`).
 */
export function boundedCaches(): ReturnType<typeof Options.cacheWithLimits> {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
    GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
    ThreadMemberManager: 0,
    PresenceManager: 0,
    VoiceStateManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
  });
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
 * Loads the knowledge base, keeping each good load in `DATA_DIR`. When the files on disk are broken, starts from
 * the last good copy instead (with a warning listing every problem), so a refused /reload followed by a restart
 * isn't an outage; `KNOWLEDGE_STRICT_START=true`, or no copy yet, refuses to start as before.
 * @throws {KnowledgeError} with the problems on disk.
 */
async function openKnowledge(config: BotConfig, logger: Logger): Promise<KnowledgeStore> {
  const options: StoreOptions = {
    maxBytes: config.knowledgeMaxBytes,
    lastGood: new LastGoodKnowledge(config.dataDir),
    onSaveError: (error) =>
      logger.warn(
        { err: error, dataDir: config.dataDir },
        'could not keep the last good knowledge base (DATA_DIR)',
      ),
  };
  try {
    return await KnowledgeStore.open(config.knowledgeDir, options);
  } catch (error) {
    if (!(error instanceof KnowledgeError) || config.knowledgeStrictStart) throw error;
    const store = await KnowledgeStore.openLastGood(error.problems, options).catch(() => undefined);
    if (!store) throw error;
    const { kb, lastGood } = store.current;
    logger.warn(
      {
        dir: config.knowledgeDir,
        problems: error.problems.map(formatProblem),
        serving: { version: kb.version, savedAt: lastGood?.savedAt, from: options.lastGood?.knowledgeDir },
      },
      `the knowledge base on disk has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}: serving the last good copy until a /reload passes`,
    );
    return store;
  }
}

/**
 * Starts the bot exactly as `npm start` does: validates the commands, loads and validates the knowledge base
 * (a broken one means the last good copy, or stops start-up with every problem listed), logs in, and resolves
 * once the gateway is ready.
 *
 * @throws {KnowledgeError} when the knowledge directory is invalid and there is no last good copy to serve (or
 *   `KNOWLEDGE_STRICT_START` is set).
 * @throws {StartRefused} when the configuration is unsafe for the servers the bot is in.
 * @throws {CommandDefinitionError} when a command module is malformed.
 */
export async function startBot(options: StartOptions): Promise<BotHandle> {
  const { config, logger } = options;
  const commands = validateCommands(options.commands ?? COMMANDS);

  const store = await openKnowledge(config, logger);
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
    makeCache: boundedCaches(),
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
  const everyone = everyoneModeratorRoles(config.moderatorRoleIds, online.guilds.cache.keys());
  if (everyone.length > 0) {
    await client.destroy();
    throw new StartRefused(
      `MODERATOR_ROLE_IDS contains ${everyone.join(', ')}, the id of a server the bot is in (its @everyone role), which would let every member /reload: use a moderator role's id`,
    );
  }
  logger.info(
    {
      pid: process.pid,
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
      // Answer what is already on its way (≤ 1 s), then take nothing new and finish what runs (≤ 10 s).
      await router.settle();
      router.stopAccepting();
      mentions.stopAccepting();
      logger.info({ inFlight: router.inFlight }, 'taking no new interactions; finishing those in flight');
      await Promise.all([router.drain(), mentions.drain()]);
      await feedback.close();
      await client.destroy();
      store.close();
      logger.info('bot stopped');
    })();
    return stopping;
  };
  return { client: online, store, router, mentions, feedback, stop };
}
