import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartRefused, startBot } from '../../src/bot/start.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { escapeText, neutralizeMentions } from '../../src/present/escape.js';
import { type DiscordTest, startDiscord } from '../support/bot-harness.js';
import { DEFAULT_GUILD_ID, startEmulator } from '../support/emulator.js';

describe('escaping @everyone and @here', () => {
  it('breaks them anywhere, also glued to letters, digits or other mentions', () => {
    for (const text of [
      '@everyonex',
      '@here1',
      'x@everyone',
      '@@here',
      '@everyone@here',
      '@EVERYONE',
      '(@here)',
    ]) {
      const out = neutralizeMentions(text);
      expect(out).not.toMatch(/@everyone|@here/i);
      expect(out.replaceAll('\u200b', '')).toBe(text);
    }
    expect(escapeText('ping @everyonex now')).not.toContain('@everyone');
  });
});

describe('discord.js caches', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('keep no users, members or messages beyond the interaction, however many members use the bot', async () => {
    const members = Array.from({ length: 60 }, (_, i) => ({
      user: { id: `13000000000000020${String(i).padStart(2, '0')}`, username: `member${i}` },
    }));
    const cards = await Promise.all(members.map((m) => discord.run('/whois', { name: 'IBM' }, m)));
    expect(cards.every((c) => c.embed?.title === 'IBM')).toBe(true);
    const card = await discord.run('/initiative', { name: 'ai-alliance' }, members[0]);
    const button = card.message.components
      .flatMap((row) => row.components ?? [])
      .find((c) => c.custom_id?.startsWith('initiative:') && !c.disabled)?.custom_id;
    if (!button) throw new Error('the card has no buttons');
    await Promise.all(members.slice(1, 20).map((m) => discord.press(card, button, m)));

    const { client } = discord.bot;
    expect([...client.users.cache.keys()]).toEqual([client.user.id]);
    const guild = client.guilds.cache.get(DEFAULT_GUILD_ID);
    expect(guild).toBeDefined();
    expect([...(guild?.members.cache.keys() ?? [])].filter((id) => id !== client.user.id)).toEqual([]);
    for (const channel of client.channels.cache.values())
      if ('messages' in channel) expect(channel.messages.cache.size).toBe(0);
  });
});

describe('a moderator role that is a server id', () => {
  it('is refused once the bot sees it is in that server, in one line, and the bot disconnects', async () => {
    const emulator = await startEmulator();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hardening-data-'));
    try {
      const config = loadConfig({
        DISCORD_TOKEN: emulator.token,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_API_URL: emulator.apiUrl,
        MODERATOR_ROLE_IDS: DEFAULT_GUILD_ID,
        DATA_DIR: dataDir,
      });
      const failure = await startBot({ config, logger: createLogger('silent') }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StartRefused);
      expect((failure as Error).message).toBe(
        `MODERATOR_ROLE_IDS contains ${DEFAULT_GUILD_ID}, the id of a server the bot is in (its @everyone role), which would let every member /reload: use a moderator role's id`,
      );
      await emulator.waitFor(
        () => emulator.gateway.sessions.every((s) => !s.connected),
        5000,
        'the gateway to close',
      );
    } finally {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
