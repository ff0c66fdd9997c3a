import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadOfflineConfig, shardProcess } from '../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.super-secret-token-value-xyz';
const VALID = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678' };

/** The error lines of a config that fails to load. */
function errorLines(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).lines];
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('fills the defaults for optional settings', () => {
    const config = loadConfig(VALID);
    expect(config.discordApiUrl).toBe('https://discord.com/api');
    expect(config.knowledgeDir).toBe('./knowledge');
    expect(config.moderatorRoleIds).toEqual([]);
    expect(config.logLevel).toBe('info');
    expect(config.askCooldownSeconds).toBe(5);
    expect(config.discordGuildId).toBeUndefined();
    expect(config.mentionChannelIds).toEqual([]);
    expect(config.mentionChannelLimit).toBe(5);
  });

  it('names a missing token and a missing application id on their own lines', () => {
    const lines = errorLines({});
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^DISCORD_TOKEN is missing: set it in \.env/);
    expect(lines[1]).toMatch(/^DISCORD_APPLICATION_ID is missing/);
  });

  it('treats an empty variable as missing', () => {
    expect(errorLines({ ...VALID, DISCORD_TOKEN: '  ' })[0]).toMatch(/^DISCORD_TOKEN is missing/);
  });

  it('explains a token pasted with its "Bot " prefix', () => {
    expect(errorLines({ ...VALID, DISCORD_TOKEN: `Bot ${TOKEN}` })[0]).toMatch(
      /^DISCORD_TOKEN starts with "Bot "/,
    );
  });

  it('rejects malformed snowflakes, URLs, role lists, log levels and cooldowns, one line per variable', () => {
    const lines = errorLines({
      ...VALID,
      DISCORD_APPLICATION_ID: 'my-app',
      DISCORD_GUILD_ID: '12',
      DISCORD_API_URL: 'ftp://proxy',
      MODERATOR_ROLE_IDS: '123456789012345678, admins',
      LOG_LEVEL: 'loud',
      ASK_COOLDOWN_SECONDS: 'soon',
    });
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'DISCORD_APPLICATION_ID',
      'DISCORD_GUILD_ID',
      'DISCORD_API_URL',
      'MODERATOR_ROLE_IDS',
      'LOG_LEVEL',
      'ASK_COOLDOWN_SECONDS',
    ]);
  });

  it('parses moderator roles and strips a trailing slash from the API URL', () => {
    const config = loadConfig({
      ...VALID,
      MODERATOR_ROLE_IDS: '123456789012345678, 223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:3000/api/',
    });
    expect(config.moderatorRoleIds).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.discordApiUrl).toBe('http://127.0.0.1:3000/api');
  });

  it('reads the feedback settings: data directory, on/off and retention, with defaults', () => {
    expect(loadConfig(VALID)).toMatchObject({ dataDir: './data', feedback: true, feedbackRetentionDays: 90 });
    expect(
      loadConfig({ ...VALID, DATA_DIR: '/var/lib/bot', FEEDBACK: 'OFF', FEEDBACK_RETENTION_DAYS: '30' }),
    ).toMatchObject({ dataDir: '/var/lib/bot', feedback: false, feedbackRetentionDays: 30 });
    const lines = errorLines({ ...VALID, FEEDBACK: 'maybe', FEEDBACK_RETENTION_DAYS: '0' });
    expect(lines[0]).toMatch(/^FEEDBACK must be on or off/);
    expect(lines[1]).toMatch(/^FEEDBACK_RETENTION_DAYS must be at least 1/);
    expect(errorLines({ ...VALID, FEEDBACK_RETENTION_DAYS: '7.5' })[0]).toMatch(
      /^FEEDBACK_RETENTION_DAYS must be a whole number of days/,
    );
  });

  it('parses the @mention channel allow-list and limit, and names a bad one', () => {
    const config = loadConfig({
      ...VALID,
      MENTION_CHANNEL_IDS: '123456789012345678,223456789012345678',
      MENTION_CHANNEL_LIMIT: '0',
    });
    expect(config.mentionChannelIds).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.mentionChannelLimit).toBe(0);
    const lines = errorLines({ ...VALID, MENTION_CHANNEL_IDS: '#general', MENTION_CHANNEL_LIMIT: '2.5' });
    expect(lines[0]).toMatch(/^MENTION_CHANNEL_IDS must be comma-separated channel IDs/);
    expect(lines[1]).toMatch(/^MENTION_CHANNEL_LIMIT must be a whole number/);
  });

  it('never shows the token in errors, logs, JSON or inspection', () => {
    const config = loadConfig(VALID);
    expect(config.discordToken.reveal()).toBe(TOKEN);
    const outputs = [
      JSON.stringify(config),
      inspect(config, { depth: 5 }),
      String(config.discordToken),
      `${config.discordToken}`,
      ...errorLines({ ...VALID, DISCORD_TOKEN: `Bot ${TOKEN}`, DISCORD_APPLICATION_ID: 'x' }),
      ...errorLines({ ...VALID, DISCORD_TOKEN: 'short secret' }),
    ];
    for (const out of outputs) {
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain('secret');
    }
  });
});

describe('sharding settings', () => {
  it('runs unsharded by default, and reads SHARD_COUNT=auto or a number with optional SHARD_IDS', () => {
    expect(loadConfig(VALID).sharding).toBeUndefined();
    expect(loadConfig({ ...VALID, SHARD_COUNT: 'auto' }).sharding).toEqual({ count: 'auto', ids: undefined });
    expect(loadConfig({ ...VALID, SHARD_COUNT: '4', SHARD_IDS: '3, 2' }).sharding).toEqual({
      count: 4,
      ids: [2, 3],
    });
  });

  it('names the variable and the problem for a bad count or id list', () => {
    expect(errorLines({ ...VALID, SHARD_COUNT: 'many' })[0]).toMatch(
      /^SHARD_COUNT must be "auto" or a whole number of shards: set it in \.env/,
    );
    expect(errorLines({ ...VALID, SHARD_COUNT: '0' })[0]).toMatch(/^SHARD_COUNT must be at least 1/);
    expect(errorLines({ ...VALID, SHARD_COUNT: '4', SHARD_IDS: '0,one' })[0]).toMatch(
      /^SHARD_IDS must be comma-separated shard ids such as 0,1/,
    );
    expect(errorLines({ ...VALID, SHARD_COUNT: '4', SHARD_IDS: '1,1' })[0]).toMatch(
      /^SHARD_IDS lists a shard id twice/,
    );
  });

  it('requires a fixed SHARD_COUNT for SHARD_IDS, and ids below it', () => {
    for (const count of [undefined, 'auto']) {
      expect(errorLines({ ...VALID, SHARD_COUNT: count, SHARD_IDS: '0,1' })).toEqual([
        expect.stringMatching(
          /^SHARD_IDS needs SHARD_COUNT set to the total number of shards across all machines/,
        ),
      ]);
    }
    expect(errorLines({ ...VALID, SHARD_COUNT: '4', SHARD_IDS: '2,4,5' })[0]).toMatch(
      /^SHARD_IDS lists 4, 5, but SHARD_COUNT=4 means ids 0–3/,
    );
  });

  it('reads which shard a process runs from the variables discord.js gives a shard process', () => {
    expect(shardProcess({ SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '4' })).toEqual({
      id: 2,
      count: 4,
    });
    expect(shardProcess({ SHARDS: '2', SHARD_COUNT: '4' })).toBeUndefined();
    expect(shardProcess({ SHARDING_MANAGER: 'true', SHARDS: '4', SHARD_COUNT: '4' })).toBeUndefined();
  });
});

describe('operational limits', () => {
  it('defaults the data directory, knowledge size limit, strict start and notification limits', () => {
    const config = loadConfig(VALID);
    expect(config.dataDir).toBe('./data');
    expect(config.knowledgeMaxBytes).toBe(50 * 1024 * 1024);
    expect(config.knowledgeStrictStart).toBe(false);
    expect(config.notifyPerMember).toBe(5);
    expect(config.notifyPerServer).toBe(30);
  });

  it('reads sizes with or without a unit, and true/false flags', () => {
    const size = (v: string) => loadOfflineConfig({ KNOWLEDGE_MAX_BYTES: v }).knowledgeMaxBytes;
    expect(size('50MB')).toBe(52_428_800);
    expect(size('512 kb')).toBe(524_288);
    expect(size('1.5GiB')).toBe(1_610_612_736);
    expect(size('200000')).toBe(200_000);
    expect(loadOfflineConfig({ KNOWLEDGE_STRICT_START: 'TRUE' }).knowledgeStrictStart).toBe(true);
    expect(loadOfflineConfig({ KNOWLEDGE_STRICT_START: '0' }).knowledgeStrictStart).toBe(false);
  });

  it('rejects a bad size, flag or limit, naming each variable', () => {
    const lines = errorLines({
      ...VALID,
      KNOWLEDGE_MAX_BYTES: 'lots',
      KNOWLEDGE_STRICT_START: 'maybe',
      NOTIFY_PER_MEMBER: '-1',
      NOTIFY_PER_SERVER: '2.5',
    });
    expect(lines).toEqual([
      expect.stringMatching(/^KNOWLEDGE_MAX_BYTES must be a size of at least 1KB, e\.g\. 50MB: /),
      expect.stringMatching(/^KNOWLEDGE_STRICT_START must be true or false: /),
      expect.stringMatching(/^NOTIFY_PER_MEMBER must be 0 or more: /),
      expect.stringMatching(/^NOTIFY_PER_SERVER must be a whole number: /),
    ]);
  });

  it('refuses a token an HTTP header cannot carry, without showing it', () => {
    const lines = errorLines({ ...VALID, DISCORD_TOKEN: `${TOKEN}é` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DISCORD_TOKEN contains characters an HTTP header cannot carry/);
    expect(lines[0]).not.toContain(TOKEN);
    expect(errorLines({ ...VALID, DISCORD_TOKEN: `${TOKEN}\u0000` })[0]).toMatch(/HTTP header/);
  });

  it('refuses the server id as a moderator role: it is @everyone', () => {
    const lines = errorLines({
      ...VALID,
      DISCORD_GUILD_ID: '323456789012345678',
      MODERATOR_ROLE_IDS: '123456789012345678,323456789012345678',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^MODERATOR_ROLE_IDS contains 323456789012345678, the id of the server itself/);
  });
});

describe('loadOfflineConfig', () => {
  it('needs no Discord variables, so kb:check, ask and eval work without a bot', () => {
    expect(loadOfflineConfig({ KNOWLEDGE_DIR: 'kb' }).knowledgeDir).toBe('kb');
  });

  it('still rejects a bad optional setting', () => {
    expect(() => loadOfflineConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
