import { inspect } from 'node:util';
import dotenv from 'dotenv';
import { z } from 'zod';

/**
 * A secret value that cannot leak by accident: printing, logging or JSON-serialising it shows `[redacted]`.
 * Call `reveal()` only where the value is handed to discord.js.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

const snowflake = /^\d{17,20}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What each variable is for and how to fix it; used in error messages and kept in step with `.env.example`. */
const HELP: Record<string, string> = {
  DISCORD_TOKEN: 'the bot token from the Discord Developer Portal → your application → Bot → Reset Token',
  DISCORD_APPLICATION_ID: 'the Application ID from the Developer Portal → General Information (17–20 digits)',
  DISCORD_GUILD_ID: 'optional: a server ID (17–20 digits) to register commands instantly for testing',
  DISCORD_API_URL: 'optional: the Discord REST base URL, e.g. https://discord.com/api or a proxy/emulator',
  KNOWLEDGE_DIR: 'optional: the directory of knowledge YAML files (default ./knowledge)',
  MODERATOR_ROLE_IDS: 'optional: comma-separated role IDs (17–20 digits each) allowed to /reload and /misses',
  LOG_LEVEL: `optional: one of ${LOG_LEVELS.join(', ')}`,
  ASK_COOLDOWN_SECONDS: 'optional: seconds a member waits between /ask questions (0 turns it off; default 5)',
  DATA_DIR:
    "optional: the directory for the bot's own files: the feedback database, the last good knowledge base (default ./data)",
  FEEDBACK: 'optional: on or off — record questions and 👍/👎 votes for /misses (default on)',
  FEEDBACK_RETENTION_DAYS: 'optional: days recorded questions and votes are kept, 1–3650 (default 90)',
  MENTION_CHANNEL_IDS:
    'optional: comma-separated channel IDs (17–20 digits each) where @mentions are answered; empty means every channel',
  MENTION_CHANNEL_LIMIT:
    'optional: answers to @mentions per channel per minute (0 turns mention answers off; default 5)',
  KNOWLEDGE_MAX_BYTES:
    'optional: the most knowledge YAML the bot reads, e.g. 50MB (default), 512KB or 1000000',
  KNOWLEDGE_STRICT_START:
    'optional: true refuses to start on a broken knowledge base instead of serving the last good one (default false)',
  NOTIFY_PER_MEMBER:
    'optional: notifications (mention:) one member may send per 10 minutes (default 5; 0 = none)',
  NOTIFY_PER_SERVER:
    'optional: notifications (mention:) the bot sends per server per 10 minutes (default 30)',
  SHARD_COUNT:
    'optional: "auto" (the count Discord recommends) or a number of shards; unset runs one process without sharding',
  SHARD_IDS:
    'optional: comma-separated shard ids this machine runs (e.g. 0,1), with SHARD_COUNT set to the total number',
};

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `50MB`, `512 KB`, `1000000`: a size in bytes (KB/MB/GB are binary, as `ls -h` shows them). */
const byteSize = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i.exec(s);
    const unit = (m?.[2] ?? '').toLowerCase().replace('i', '');
    const bytes = m ? Math.floor(Number(m[1]) * (SIZE_UNITS[unit] ?? 1)) : Number.NaN;
    if (!Number.isFinite(bytes) || bytes < 1024) {
      ctx.addIssue({ code: 'custom', message: 'must be a size of at least 1KB, e.g. 50MB' });
      return z.NEVER;
    }
    return bytes;
  });

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const perTenMinutes = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(10_000, 'must be at most 10000');

const discordSchema = {
  DISCORD_TOKEN: z
    .string({ error: 'is missing' })
    .trim()
    .min(1, 'is empty')
    .refine((t) => !/^bot\s/i.test(t), 'starts with "Bot "; paste the token alone')
    .refine((t) => !/\s/.test(t), 'contains spaces; paste the token alone')
    // An HTTP header carries printable ASCII only; anything else would fail on the first request, with a stack.
    .refine(
      (t) => /^[\x21-\x7e]*$/.test(t),
      'contains characters an HTTP header cannot carry (only printable ASCII); paste the token alone',
    )
    .refine((t) => t.length >= 20, 'is too short to be a bot token'),
  DISCORD_APPLICATION_ID: z.string({ error: 'is missing' }).trim().regex(snowflake, 'must be 17–20 digits'),
};

/** A comma-separated list of snowflakes, e.g. role or channel IDs; empty means none. */
const snowflakeList = (what: string) =>
  z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine(
      (ids) => ids.every((id) => snowflake.test(id)),
      `must be comma-separated ${what} of 17–20 digits`,
    );

const commonSchema = {
  DISCORD_GUILD_ID: z.string().trim().regex(snowflake, 'must be 17–20 digits').optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://discord.com/api')
    .transform((u) => u.replace(/\/+$/, '')),
  KNOWLEDGE_DIR: z.string().trim().min(1).default('./knowledge'),
  MODERATOR_ROLE_IDS: snowflakeList('role IDs'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ASK_COOLDOWN_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(0, 'must be 0 or more')
    .max(3600, 'must be at most 3600')
    .default(5),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  FEEDBACK: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['on', 'off'], { error: 'must be on or off' }))
    .default('on')
    .transform((v) => v === 'on'),
  FEEDBACK_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .default(90),
  MENTION_CHANNEL_IDS: snowflakeList('channel IDs'),
  MENTION_CHANNEL_LIMIT: z.coerce
    .number({ error: 'must be a whole number of answers' })
    .int('must be a whole number of answers')
    .min(0, 'must be 0 or more')
    .max(60, 'must be at most 60')
    .default(5),
  KNOWLEDGE_MAX_BYTES: byteSize.default(50 * 1024 ** 2),
  KNOWLEDGE_STRICT_START: booleanFlag.default(false),
  NOTIFY_PER_MEMBER: perTenMinutes.default(5),
  NOTIFY_PER_SERVER: perTenMinutes.default(30),
};

const shardSchema = {
  SHARD_COUNT: z
    .string()
    .trim()
    .regex(/^(auto|\d{1,5})$/, 'must be "auto" or a whole number of shards')
    .refine((s) => s === 'auto' || Number(s) >= 1, 'must be at least 1')
    .transform((s) => (s === 'auto' ? ('auto' as const) : Number(s)))
    .optional(),
  SHARD_IDS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => /^\d{1,5}$/.test(id)), 'must be comma-separated shard ids such as 0,1')
    .transform((ids) => ids.map(Number))
    .refine((ids) => new Set(ids).size === ids.length, 'lists a shard id twice')
    .optional(),
};

/**
 * Sharding (`SHARD_COUNT`, `SHARD_IDS`): how many shards in all, and which of them this machine runs (all of them
 * when `ids` is undefined). Absent when the bot runs as one process without sharding.
 */
export interface ShardingConfig {
  count: 'auto' | number;
  ids: readonly number[] | undefined;
}

/** Settings every entry point shares; the Discord ones are only present for the bot and deploy. */
export interface BaseConfig {
  discordApiUrl: string;
  discordGuildId: string | undefined;
  knowledgeDir: string;
  moderatorRoleIds: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  askCooldownSeconds: number;
  /** Where the bot keeps its own files (the feedback database and its member-hash key, the last good knowledge). */
  dataDir: string;
  /** Whether questions and votes are recorded (`FEEDBACK=off` stores nothing and shows no vote buttons). */
  feedback: boolean;
  /** Days recorded questions and votes are kept before the daily purge deletes them. */
  feedbackRetentionDays: number;
  /** Channels where @mentions are answered (a thread counts as its parent channel); empty means every channel. */
  mentionChannelIds: string[];
  /** Answers to @mentions per channel per minute; 0 turns mention answers off. */
  mentionChannelLimit: number;
  /** The most knowledge YAML, in bytes, that a load reads; more is refused with a clear problem. */
  knowledgeMaxBytes: number;
  /** Refuse to start on a broken knowledge base instead of starting from the last good snapshot. */
  knowledgeStrictStart: boolean;
  /** Notifications one member may have the bot send per 10 minutes. */
  notifyPerMember: number;
  /** Notifications the bot sends per server per 10 minutes. */
  notifyPerServer: number;
}

/** Configuration of the bot and `npm run deploy`. */
export interface BotConfig extends BaseConfig {
  discordToken: Secret;
  discordApplicationId: string;
  /** Undefined: one process, no sharding (the default). */
  sharding: ShardingConfig | undefined;
}

/** Thrown when the environment is incomplete or wrong; one line per variable, never the token's value. */
export class ConfigError extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(
      `Configuration problem${lines.length === 1 ? '' : 's'}:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.lines = lines;
  }
}

type Env = Record<string, string | undefined>;

function parse<T extends z.ZodRawShape>(shape: T, env: Env): z.infer<z.ZodObject<T>> {
  // Empty strings in .env mean "not set", as in most dotenv setups.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of result.error.issues) {
    const name = String(issue.path[0]);
    if (seen.has(name)) continue;
    seen.add(name);
    lines.push(problemLine(name, issue.message));
  }
  throw new ConfigError(lines);
}

function problemLine(name: string, message: string): string {
  return `${name} ${message}: set it in .env (see .env.example) — ${HELP[name] ?? ''}`.trim();
}

/** Checks that SHARD_IDS fits SHARD_COUNT; undefined when the bot runs unsharded. */
function sharding(values: z.infer<z.ZodObject<typeof shardSchema>>): ShardingConfig | undefined {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = values;
  if (ids === undefined) return count === undefined ? undefined : { count, ids: undefined };
  if (count === undefined || count === 'auto') {
    throw new ConfigError([
      problemLine('SHARD_IDS', 'needs SHARD_COUNT set to the total number of shards across all machines'),
    ]);
  }
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) {
    throw new ConfigError([
      problemLine(
        'SHARD_IDS',
        `lists ${outside.join(', ')}, but SHARD_COUNT=${count} means ids 0–${count - 1}`,
      ),
    ]);
  }
  return { count, ids: [...ids].sort((a, b) => a - b) };
}

function base(values: z.infer<z.ZodObject<typeof commonSchema>>): BaseConfig {
  return {
    discordApiUrl: values.DISCORD_API_URL,
    discordGuildId: values.DISCORD_GUILD_ID,
    knowledgeDir: values.KNOWLEDGE_DIR,
    moderatorRoleIds: values.MODERATOR_ROLE_IDS,
    logLevel: values.LOG_LEVEL,
    askCooldownSeconds: values.ASK_COOLDOWN_SECONDS,
    dataDir: values.DATA_DIR,
    feedback: values.FEEDBACK,
    feedbackRetentionDays: values.FEEDBACK_RETENTION_DAYS,
    mentionChannelIds: values.MENTION_CHANNEL_IDS,
    mentionChannelLimit: values.MENTION_CHANNEL_LIMIT,
    knowledgeMaxBytes: values.KNOWLEDGE_MAX_BYTES,
    knowledgeStrictStart: values.KNOWLEDGE_STRICT_START,
    notifyPerMember: values.NOTIFY_PER_MEMBER,
    notifyPerServer: values.NOTIFY_PER_SERVER,
  };
}

/**
 * Validates the environment for the bot and `deploy`.
 * @throws {ConfigError} naming every missing or malformed variable.
 */
export function loadConfig(env: Env): BotConfig {
  const values = parse({ ...discordSchema, ...commonSchema, ...shardSchema }, env);
  // A role id equal to the server id is @everyone: every member would be a moderator.
  if (values.DISCORD_GUILD_ID && values.MODERATOR_ROLE_IDS.includes(values.DISCORD_GUILD_ID))
    throw new ConfigError([
      `MODERATOR_ROLE_IDS contains ${values.DISCORD_GUILD_ID}, the id of the server itself (its @everyone role), which would let every member /reload: use a moderator role's id`,
    ]);
  return {
    ...base(values),
    discordToken: new Secret(values.DISCORD_TOKEN),
    discordApplicationId: values.DISCORD_APPLICATION_ID,
    sharding: sharding(values),
  };
}

/** Validates only what offline tools (`kb:check`, `ask`, `eval`) need: no Discord variables required. */
export function loadOfflineConfig(env: Env): BaseConfig {
  return base(parse(commonSchema, env));
}

/** Which shard a process started by discord.js's `ShardingManager` runs, and how many shards there are in all. */
export interface ShardProcess {
  id: number;
  count: number;
}

/**
 * The shard of this process, from the variables discord.js's `ShardingManager` gives each shard process
 * (`SHARDING_MANAGER`, `SHARDS`, `SHARD_COUNT`); undefined in a process the manager did not start.
 */
export function shardProcess(env: Env): ShardProcess | undefined {
  if (!env.SHARDING_MANAGER) return undefined;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  if (!Number.isInteger(id) || !Number.isInteger(count) || id < 0 || id >= count) return undefined;
  return { id, count };
}

/**
 * The process environment with `.env` applied (real environment variables win).
 * The only place in the project that reads `process.env`.
 */
export function processEnv(): Env {
  dotenv.config({ quiet: true });
  return { ...process.env };
}
