import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommands } from '../../src/bot/command.js';
import { type DiscordTest, MODERATOR_PERMISSIONS, startDiscord } from '../support/bot-harness.js';
import { DEFAULT_MEMBER_PERMISSIONS, DEFAULT_USER_ID, PERMISSION } from '../support/emulator.js';

const OTHER_SERVER = '1300000000000000900';

function expectClean(discord: DiscordTest): void {
  expect(discord.emulator.rejected).toEqual([]);
  expect(discord.emulator.unknownRoutes).toEqual([]);
  expect(discord.emulator.missingAllowedMentions).toEqual([]);
}

describe('installed to a member’s own account', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    // User installs only see global commands, so deploy the way production does.
    discord = await startDiscord({ env: { DISCORD_GUILD_ID: '' } });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers /ask in a DM with the bot', async () => {
    const reply = await discord.run(
      '/ask',
      { question: 'who co-founded the AI Alliance?' },
      { guildId: null, install: 'user' },
    );
    expect(reply.handle.payload.context).toBe(1);
    expect(reply.handle.payload.authorizing_integration_owners).toEqual({ 1: DEFAULT_USER_ID });
    expect(reply.ephemeral).toBe(false);
    expect(reply.embed?.title).toBe('AI Alliance');
    expectClean(discord);
  });

  it('answers /ask, /initiative and /whois in other members’ DMs and in servers the bot is not in', async () => {
    const dm = await discord.run('/ask', { question: 'what is IBM?' }, { context: 'private-channel' });
    expect(dm.embed?.title).toBe('IBM');
    const card = await discord.run('/initiative', { name: 'AI Alliance' }, { guildId: OTHER_SERVER });
    expect(card.handle.payload.authorizing_integration_owners).toEqual({ 1: DEFAULT_USER_ID });
    expect(card.embed?.title).toContain('AI Alliance');
    expect(card.ephemeral).toBe(false);
    const whois = await discord.run('/whois', { name: 'Meta' }, { guildId: OTHER_SERVER });
    expect(whois.embed?.title).toContain('Meta');
    expectClean(discord);
  });

  it('answers privately where the member may not use external apps, as Discord forces', async () => {
    const withoutExternalApps = (BigInt(DEFAULT_MEMBER_PERMISSIONS) & ~PERMISSION.useExternalApps).toString();
    const reply = await discord.run(
      '/ask',
      { question: 'what is IBM?' },
      { guildId: OTHER_SERVER, permissions: withoutExternalApps },
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.embed?.title).toBe('IBM');
    expectClean(discord);
  });

  it('keeps /reload to servers: not offered in DMs or to a user install', async () => {
    expect(() => discord.dispatch('/reload', {}, { guildId: null })).toThrow(/not registered for the bot-dm/);
    expect(() =>
      discord.dispatch('/reload', {}, { guildId: OTHER_SERVER, permissions: MODERATOR_PERMISSIONS }),
    ).toThrow(/not registered for user installs/);
  });

  it('shows in a DM only the commands that work there', async () => {
    const help = await discord.run('/help', {}, { guildId: null, install: 'user' });
    const commands = help.embed?.fields?.find((f) => f.name === 'Commands')?.value ?? '';
    expect(commands).toContain('`/ask question [private]`');
    expect(commands).not.toContain('/reload');
    const ways = help.embed?.fields?.find((f) => f.name === 'Other ways to ask')?.value ?? '';
    expect(ways).toContain('Apps → Ask Initiatives Bot');
    expect(ways).not.toMatch(/Mention/);
    const inServer = await discord.run('/help');
    expect(inServer.embed?.fields?.find((f) => f.name === 'Other ways to ask')?.value).toMatch(
      /Mention \*\*@/,
    );
  });
});

describe('command definitions for installs and contexts', () => {
  const execute = async () => {};
  const slash = (json: Record<string, unknown>) => ({
    data: { name: 'x', toJSON: () => ({ name: 'x', description: 'd', ...json }) },
    execute,
  });

  it('refuse a moderator command offered outside servers or to user installs', () => {
    const moderator = { default_member_permissions: '32', integration_types: [0], contexts: [0] };
    expect(validateCommands([slash(moderator)])).toHaveLength(1);
    expect(() => validateCommands([slash({ ...moderator, integration_types: [0, 1] })])).toThrow(
      /\(x\) is a moderator command .* must be guild-install and server only/,
    );
    expect(() => validateCommands([slash({ default_member_permissions: '32' })])).toThrow(
      /moderator command/,
    );
  });

  it('refuse unknown installs and contexts, and a message command with a description', () => {
    expect(() => validateCommands([slash({ integration_types: [2] })])).toThrow(/integration_types/);
    expect(() => validateCommands([slash({ contexts: [] })])).toThrow(/contexts must not be empty/);
    const message = {
      kind: 'message',
      data: { name: 'Ask', toJSON: () => ({ name: 'Ask', type: 3, description: 'no' }) },
      execute,
    };
    expect(() => validateCommands([message])).toThrow(/description must be empty/);
    expect(() =>
      validateCommands([{ ...message, data: { name: 'Ask', toJSON: () => ({ name: 'Ask' }) } }]),
    ).toThrow(/type must be 3/);
  });
});
