import { once } from 'node:events';
import {
  ApplicationIntegrationType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  InteractionContextType,
  type Message,
  MessageFlags,
  Routes,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FormErrors, validateCommandList } from './support/discord-limits.js';
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_USER_ID,
  type DiscordEmulator,
  PERMISSION,
  startEmulator,
} from './support/emulator.js';

let emu: DiscordEmulator | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await emu?.close();
  emu = undefined;
});

/** A client with the given intents that records every message and answers interactions with `handler`. */
async function connect(
  emulator: DiscordEmulator,
  intents: GatewayIntentBits[],
  handler: (interaction: Interaction) => Promise<unknown> = async () => undefined,
): Promise<{ client: Client; seen: Message[]; failures: unknown[] }> {
  const client = new Client({ intents, rest: { api: emulator.apiUrl } });
  clients.push(client);
  const seen: Message[] = [];
  const failures: unknown[] = [];
  client.on(Events.MessageCreate, (m) => seen.push(m));
  client.on(Events.InteractionCreate, (i) => void handler(i).catch((e: unknown) => failures.push(e)));
  const ready = once(client, Events.ClientReady);
  await client.login(emulator.token);
  await ready;
  return { client, seen, failures };
}

async function start(): Promise<DiscordEmulator> {
  emu = await startEmulator();
  return emu;
}

const botMention = (e: DiscordEmulator) => `<@${e.botUser.id}>`;

describe('emulated channel messages', () => {
  it('delivers MESSAGE_CREATE only with GUILD_MESSAGES, with the text only when the bot is mentioned', async () => {
    const e = await start();
    const guildsOnly = await connect(e, [GatewayIntentBits.Guilds]);
    expect(e.postMessage({ content: 'hello' }).delivered).toBe(false);
    await guildsOnly.client.destroy();

    const bot = await connect(e, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const plain = e.postMessage({ content: 'nothing for the bot here' });
    const asked = e.postMessage({
      content: `${botMention(e)} a question`,
      author: { id: '1300000000000000301' },
    });
    const everyone = e.postMessage({ content: '@everyone look' });
    await e.waitFor(() => bot.seen.length === 3, 2000, 'three messages');
    const [first, second, third] = bot.seen;
    expect(first?.id).toBe(plain.message.id);
    expect(first?.content).toBe('');
    expect(second?.content).toBe(`${botMention(e)} a question`);
    expect(second?.mentions.users.has(e.botUser.id)).toBe(true);
    expect(second?.author.id).toBe('1300000000000000301');
    expect(third?.content).toBe('');
    expect(third?.mentions.everyone).toBe(true);
    expect(everyone.message.mention_everyone).toBe(true);
    expect(asked.message.guild_id).toBe(DEFAULT_GUILD_ID);
  });

  it('sends a reply with message_reference as type 19, and checks the reference like Discord', async () => {
    const e = await start();
    const { client } = await connect(e, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const question = e.postMessage({ content: `${botMention(e)} hi` }).message;
    const channel = await client.channels.fetch(DEFAULT_CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('no channel');

    const quiet = await channel.send({
      content: 'answer',
      reply: { messageReference: question.id, failIfNotExists: false },
      allowedMentions: { parse: [], repliedUser: false },
    });
    expect(quiet.reference?.messageId).toBe(question.id);
    const write = e.repliesTo(question.id)[0];
    expect(write?.message.type).toBe(19);
    expect(write?.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(write?.pings).toEqual({ users: [], roles: [], everyone: false });

    // Without allowed_mentions a reply pings the author replied to.
    await client.rest.post(Routes.channelMessages(DEFAULT_CHANNEL_ID), {
      body: { content: 'loud', message_reference: { message_id: question.id } },
    });
    expect(e.repliesTo(question.id)[1]?.pings.users).toEqual([DEFAULT_USER_ID]);

    const unknown = { message_id: '1300000000000009999' };
    const failure = await client.rest
      .post(Routes.channelMessages(DEFAULT_CHANNEL_ID), {
        body: { content: 'x', message_reference: unknown, allowed_mentions: { parse: [] } },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect((failure as DiscordAPIError).code).toBe(50035);
    expect(e.rejected.at(-1)?.error).toMatchObject({
      errors: {
        message_reference: { message_id: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE' }] } },
      },
    });
    const plain = (await client.rest.post(Routes.channelMessages(DEFAULT_CHANNEL_ID), {
      body: {
        content: 'sent anyway',
        message_reference: { ...unknown, fail_if_not_exists: false },
        allowed_mentions: { parse: [] },
      },
    })) as { type: number; message_reference?: unknown };
    expect(plain.type).toBe(0);
    expect(plain.message_reference).toBeUndefined();
  });

  it('refuses posts where the bot lacks permissions (50001, 50013, 160002) and on an injected 50013', async () => {
    const e = await start();
    const { client } = await connect(e, [GatewayIntentBits.Guilds]);
    const question = e.postMessage({ content: 'q' }).message;
    const post = (body: Record<string, unknown>) =>
      client.rest
        .post(Routes.channelMessages(DEFAULT_CHANNEL_ID), {
          body: { allowed_mentions: { parse: [] }, ...body },
        })
        .then(
          () => 0,
          (error: unknown) => (error as DiscordAPIError).code,
        );
    const all = BigInt(DEFAULT_MEMBER_PERMISSIONS);
    e.setBotPermissions(DEFAULT_CHANNEL_ID, all & ~PERMISSION.sendMessages);
    expect(await post({ content: 'a' })).toBe(50013);
    e.setBotPermissions(DEFAULT_CHANNEL_ID, all & ~PERMISSION.viewChannel);
    expect(await post({ content: 'a' })).toBe(50001);
    e.setBotPermissions(DEFAULT_CHANNEL_ID, all & ~PERMISSION.readMessageHistory);
    expect(await post({ content: 'a' })).toBe(0);
    expect(await post({ content: 'a', message_reference: { message_id: question.id } })).toBe(160002);
    e.setBotPermissions(DEFAULT_CHANNEL_ID, all);
    e.failNext('POST', `/channels/${DEFAULT_CHANNEL_ID}/messages`, { status: 403, code: 50013 });
    expect(await post({ content: 'a' })).toBe(50013);
    expect(await post({ content: 'a' })).toBe(0);
  });
});

describe('emulated message commands and install contexts', () => {
  it('sends a message command with the target in resolved.messages', async () => {
    const e = await start();
    let target: Message | undefined;
    const bot = await connect(e, [GatewayIntentBits.Guilds], async (i) => {
      if (!i.isMessageContextMenuCommand()) return;
      target = i.targetMessage;
      await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    });
    await bot.client.rest.put(Routes.applicationCommands(e.applicationId), {
      body: [{ name: 'Ask Me', type: 3, integration_types: [0, 1], contexts: [0, 1, 2] }],
    });
    const question = e.postMessage({
      content: 'what is this?',
      author: { id: '1300000000000000301' },
    }).message;
    const handle = e.messageCommand({ name: 'Ask Me', messageId: question.id });
    const reply = await handle.reply();
    expect(target?.id).toBe(question.id);
    expect(target?.content).toBe('what is this?');
    expect(reply.type).toBe(23);
    expect(handle.payload.data).toMatchObject({ type: 3, target_id: question.id });
  });

  it('describes DMs, other DMs and servers the bot is not in, and forces ephemeral without Use External Apps', async () => {
    const e = await start();
    const seen: Interaction[] = [];
    const bot = await connect(e, [GatewayIntentBits.Guilds], async (i) => {
      seen.push(i);
      if (i.isChatInputCommand()) await i.reply({ content: 'public?', allowedMentions: { parse: [] } });
    });
    await bot.client.rest.put(Routes.applicationCommands(e.applicationId), {
      body: [
        { name: 'anywhere', description: 'd', integration_types: [0, 1], contexts: [0, 1, 2] },
        { name: 'servers', description: 'd', integration_types: [0], contexts: [0] },
      ],
    });
    const dm = await e.command({ name: 'anywhere', guildId: null, install: 'user' }).reply();
    expect(seen[0]?.context).toBe(InteractionContextType.BotDM);
    expect(seen[0]?.authorizingIntegrationOwners[ApplicationIntegrationType.UserInstall]).toBe(
      DEFAULT_USER_ID,
    );
    expect(dm.flags & MessageFlags.Ephemeral).toBe(0);

    await e.command({ name: 'anywhere', context: 'private-channel' }).reply();
    expect(seen[1]?.context).toBe(InteractionContextType.PrivateChannel);
    expect(seen[1]?.authorizingIntegrationOwners.guildId).toBeNull();

    const elsewhere = '1300000000000000900';
    const allowed = await e.command({ name: 'anywhere', guildId: elsewhere }).reply();
    expect(seen[2]?.guildId).toBe(elsewhere);
    expect(seen[2]?.authorizingIntegrationOwners.guildId).toBeNull();
    expect(allowed.flags & MessageFlags.Ephemeral).toBe(0);
    const withoutExternalApps = (BigInt(DEFAULT_MEMBER_PERMISSIONS) & ~PERMISSION.useExternalApps).toString();
    const forced = await e
      .command({ name: 'anywhere', guildId: elsewhere, permissions: withoutExternalApps })
      .reply();
    expect(forced.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    expect(() => e.command({ name: 'servers', guildId: null })).toThrow(
      /not registered for the bot-dm context/,
    );
    expect(() => e.command({ name: 'servers', guildId: elsewhere })).toThrow(
      /not registered for user installs/,
    );
    expect(() => e.command({ name: 'anywhere', guildId: elsewhere, install: 'guild' })).toThrow(
      /isn't in it/,
    );
    expect(bot.failures).toEqual([]);
  });
});

describe('emulated command registration rules for installs and contexts', () => {
  const check = (list: unknown[]) => {
    const errors = new FormErrors();
    validateCommandList(errors, list);
    return errors.tree;
  };

  it('accepts known integration types and contexts, and rejects unknown, empty or repeated ones', () => {
    const command = { name: 'ask', description: 'd' };
    expect(check([{ ...command, integration_types: [0, 1], contexts: [0, 1, 2] }])).toEqual({});
    expect(check([{ ...command, contexts: null }])).toEqual({});
    expect(check([{ ...command, integration_types: [2] }])).toMatchObject({
      0: { integration_types: { 0: { _errors: [{ code: 'ENUM_TYPE_COERCE' }] } } },
    });
    expect(check([{ ...command, contexts: [] }])).toMatchObject({ 0: { contexts: { _errors: [{}] } } });
    expect(check([{ ...command, contexts: [0, 0] }])).toMatchObject({
      0: { contexts: { _errors: [{ code: 'SET_TYPE_ALREADY_CONTAINS_VALUE' }] } },
    });
  });

  it('allows 15 message commands per scope, not 16', () => {
    const menus = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Menu ${i}`, type: 3 }));
    expect(check(menus(15))).toEqual({});
    expect(check(menus(16))).toMatchObject({ _errors: [{ code: 'APPLICATION_COMMANDS_TOO_MANY' }] });
  });
});
