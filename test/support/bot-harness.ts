/**
 * Starts the real bot (the same `startBot` as `npm start`) against the Discord emulator, and drives it the way a
 * user would: run a slash command, type into autocomplete, press a button, pick from a menu, mention the bot, use a
 * message's Apps menu. Everything goes over real sockets through discord.js; nothing of discord.js is mocked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { ASK_MESSAGE } from '../../commands/ask-message.js';
import { deployCommands } from '../../src/bot/deploy.js';
import { type BotHandle, startBot } from '../../src/bot/start.js';
import { type BotConfig, loadConfig } from '../../src/config.js';
import { createLogger, type LogLevel } from '../../src/log.js';
import {
  type Actor,
  type Choice,
  DEFAULT_MEMBER_PERMISSIONS,
  type DiscordEmulator,
  type EmulatedMessage,
  type EmulatorOptions,
  type InteractionHandle,
  type MessageInput,
  type MessageWrite,
  type OptionValues,
  startEmulator,
} from './emulator.js';

/** One JSON log line the bot wrote. */
export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** Members with this permission bitfield may /reload (default permissions plus Manage Server). */
export const MODERATOR_PERMISSIONS = (BigInt(DEFAULT_MEMBER_PERMISSIONS) | (1n << 5n)).toString();

/** Another user than the default tester, for "only the asker" checks and mentions. */
export const OTHER_USER = { id: '1300000000000000301', username: 'someone-else' };

/** Options of {@link startDiscord}. */
export interface StartDiscordOptions {
  /** Default: the real `knowledge/` directory. */
  knowledgeDir?: string;
  /**
   * Extra environment variables for `loadConfig` (e.g. `ASK_COOLDOWN_SECONDS`, `MODERATOR_ROLE_IDS`). Without
   * `DATA_DIR`, the bot gets a fresh temporary data directory, removed by `close()`.
   */
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  /** Command modules instead of the bot's own (to test the router with a failing command). */
  commands?: readonly unknown[];
  /** Default `debug`, so tests can assert on any log line. */
  logLevel?: LogLevel;
}

/** What the user sees after an interaction. */
export interface Shown {
  handle: InteractionHandle;
  message: EmulatedMessage;
  ephemeral: boolean;
  /** The first embed, if any. */
  embed: APIEmbed | undefined;
  /** Content plus every embed's title, description, fields and footer, for text assertions. */
  text: string;
  /** Custom ids of every button and select in the message. */
  customIds: string[];
}

/** A running emulator + bot pair. */
export interface DiscordTest {
  emulator: DiscordEmulator;
  bot: BotHandle;
  config: BotConfig;
  logs: LogRecord[];
  /** Dispatches `/name` with options and waits for what the user sees (after a deferral: the edit). */
  run(command: string, options?: OptionValues, actor?: Actor): Promise<Shown>;
  /** Dispatches `/name` without waiting. */
  dispatch(command: string, options?: OptionValues, actor?: Actor): InteractionHandle;
  /** The autocomplete choices for `option` of `/command` after typing `typed`. */
  autocomplete(command: string, option: string, typed: string, actor?: Actor): Promise<Choice[]>;
  /** Presses a button on a message the bot sent and waits for the result. */
  press(message: EmulatedMessage | Shown, customId: string, actor?: Actor): Promise<Shown>;
  /** Picks values in a select menu and waits for the result. */
  select(message: EmulatedMessage | Shown, customId: string, values: string[], actor?: Actor): Promise<Shown>;
  /** A member sends a message in a channel (default the first guild's first channel). */
  say(content: string, input?: Omit<MessageInput, 'content'>): EmulatedMessage;
  /** A member sends `@bot <text>`. */
  mention(text: string, input?: Omit<MessageInput, 'content'>): EmulatedMessage;
  /** Waits for the bot's first channel message replying to `message`. */
  replyTo(message: EmulatedMessage, timeoutMs?: number): Promise<MessageWrite>;
  /** Uses Apps → Ask Initiatives Bot on a stored message and waits for what the member sees. */
  askAbout(message: EmulatedMessage, actor?: Actor): Promise<Shown>;
  /** Log lines whose message matches. */
  logsMatching(msg: string | RegExp): LogRecord[];
  /** Waits until a log line matches. */
  waitForLog(msg: string | RegExp, timeoutMs?: number): Promise<LogRecord>;
  /** Stops the bot (graceful) and starts it again with the same configuration, against the same emulator. */
  restart(): Promise<void>;
  /** Stops the bot (graceful) and the emulator. */
  close(): Promise<void>;
}

/** Flattens a message into searchable text. */
export function messageText(message: EmulatedMessage): string {
  const parts = [message.content];
  for (const e of message.embeds) {
    parts.push(e.author?.name ?? '', e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
    parts.push(e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** Every custom id in a message's components. */
export function customIds(message: EmulatedMessage): string[] {
  const out: string[] = [];
  const walk = (list: EmulatedMessage['components'] | undefined) => {
    for (const c of list ?? []) {
      if (c.custom_id) out.push(c.custom_id);
      walk(c.components);
    }
  };
  walk(message.components);
  return out;
}

function shown(handle: InteractionHandle, message: EmulatedMessage): Shown {
  return {
    handle,
    message,
    ephemeral: (message.flags & 64) !== 0,
    embed: message.embeds[0],
    text: messageText(message),
    customIds: customIds(message),
  };
}

const isShown = (m: EmulatedMessage | Shown): m is Shown => 'handle' in m && 'customIds' in m;
const messageId = (m: EmulatedMessage | Shown): string => (isShown(m) ? m.message.id : m.id);

const matches = (record: LogRecord, msg: string | RegExp) =>
  typeof msg === 'string' ? record.msg === msg : msg.test(record.msg);

/**
 * Starts the emulator, registers the commands with `deployCommands` (so option types come from the real
 * definitions), and starts the bot with a config built by `loadConfig` from a plain env object.
 */
export async function startDiscord(options: StartDiscordOptions = {}): Promise<DiscordTest> {
  const emulator = await startEmulator(options.emulator);
  const logs: LogRecord[] = [];
  const logger = createLogger(options.logLevel ?? 'debug', {
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogRecord) },
  });
  let bot: BotHandle;
  let config: BotConfig;
  const ownDataDir = options.env?.DATA_DIR ? undefined : await mkdtemp(path.join(tmpdir(), 'bot-data-'));
  const cleanup = async () => {
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
  };
  const start = () =>
    startBot({ config, logger, ...(options.commands ? { commands: options.commands } : {}) });
  try {
    config = loadConfig({
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_GUILD_ID: emulator.guilds[0]?.id,
      DISCORD_API_URL: emulator.apiUrl,
      KNOWLEDGE_DIR: options.knowledgeDir ?? 'knowledge',
      ASK_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'debug',
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
      ...options.env,
    });
    await deployCommands(config, options.commands);
    bot = await start();
  } catch (error) {
    await emulator.close();
    await cleanup();
    throw error;
  }

  const dispatch = (command: string, values: OptionValues = {}, actor: Actor = {}) =>
    emulator.command({ ...actor, name: command.replace(/^\//, ''), options: values });

  return {
    emulator,
    get bot() {
      return bot;
    },
    config,
    logs,
    dispatch,
    async run(command, values, actor) {
      const handle = dispatch(command, values, actor);
      return shown(handle, await handle.reply());
    },
    async autocomplete(command, option, typed, actor = {}) {
      const handle = emulator.autocomplete({
        ...actor,
        name: command.replace(/^\//, ''),
        options: { [option]: typed },
        focused: option,
      });
      return handle.choices();
    },
    async press(message, customId, actor = {}) {
      const id = messageId(message);
      const handle = emulator.button({ ...actor, messageId: id, customId });
      return shown(handle, await handle.reply());
    },
    async select(message, customId, values, actor = {}) {
      const id = messageId(message);
      const handle = emulator.select({ ...actor, messageId: id, customId, values });
      return shown(handle, await handle.reply());
    },
    say: (content, input = {}) => emulator.postMessage({ ...input, content }).message,
    mention: (text, input = {}) =>
      emulator.postMessage({ ...input, content: `<@${emulator.botUser.id}> ${text}` }).message,
    replyTo: (message, timeoutMs = 5000) =>
      emulator.waitFor(
        () => emulator.repliesTo(message.id)[0],
        timeoutMs,
        `a reply to message ${message.id}`,
      ),
    async askAbout(message, actor = {}) {
      const handle = emulator.messageCommand({ ...actor, name: ASK_MESSAGE, messageId: message.id });
      return shown(handle, await handle.reply());
    },
    logsMatching: (msg) => logs.filter((r) => matches(r, msg)),
    waitForLog: (msg, timeoutMs = 5000) =>
      emulator.waitFor(
        () => logs.find((r) => matches(r, msg)),
        timeoutMs,
        `a log line matching ${String(msg)}`,
      ),
    async restart() {
      await bot.stop();
      bot = await start();
    },
    async close() {
      try {
        await bot.stop();
      } finally {
        await emulator.close();
        await cleanup();
      }
    },
  };
}
