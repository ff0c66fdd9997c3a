import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  type Interaction,
  MessageFlags,
  Routes,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FormErrors, validateCommandList, validateMessage } from './support/discord-limits.js';
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  type DiscordEmulator,
  type EmulatorOptions,
  startEmulator,
} from './support/emulator.js';

/** A tiny bot: whatever each test wants it to do with an interaction, and the errors its handler threw. */
interface Bot {
  client: Client;
  failures: unknown[];
}

let emu: DiscordEmulator | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await emu?.close();
  emu = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
  emu = await startEmulator(options);
  return emu;
}

async function startBot(
  emulator: DiscordEmulator,
  handler: (interaction: Interaction) => Promise<unknown>,
  options: Partial<ClientOptions> = {},
): Promise<Bot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { api: emulator.apiUrl },
  });
  clients.push(client);
  const failures: unknown[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => failures.push(error));
  });
  // Attached before login: against a local server clientReady can fire before login() resolves.
  const ready = once(client, Events.ClientReady);
  await client.login(emulator.token);
  await ready;
  return { client, failures };
}

const isCommand = (i: Interaction): i is ChatInputCommandInteraction => i.isChatInputCommand();
const firstFailure = (emulator: DiscordEmulator, bot: Bot) => emulator.waitFor(() => bot.failures[0], 3000);
const noPings = { parse: [] };

describe('Discord emulator with a real discord.js client', () => {
  it('logs in to clientReady, sees the guild, and receives a command whose reply arrives as callback type 4', async () => {
    const e = await start();
    let seen: Record<string, unknown> = {};
    const bot = await startBot(e, async (i) => {
      if (!isCommand(i)) return;
      seen = {
        question: i.options.getString('question'),
        public: i.options.getBoolean('public'),
        count: i.options.getInteger('count'),
        who: i.options.getUser('who')?.username,
        whoIsMember: i.options.getMember('who') !== null,
        canManage: i.memberPermissions?.has('ManageGuild'),
        guild: i.guild?.name,
        channel: i.channelId,
      };
      await i.reply({ content: `You asked: ${i.options.getString('question')}`, allowedMentions: noPings });
    });

    expect(bot.client.guilds.cache.get(DEFAULT_GUILD_ID)?.name).toBe('Emulated Guild');
    expect(e.requests.some((r) => r.path === '/api/v10/gateway/bot' && r.status === 200)).toBe(true);
    const handle = e.command({
      name: 'ask',
      options: {
        question: 'what is open?',
        public: true,
        count: 3,
        who: { id: '1300000000000000999', username: 'ada' },
      },
      permissions: '32',
    });
    const callback = await handle.callback;
    expect(callback.type).toBe(4);
    expect(callback.data?.content).toBe('You asked: what is open?');
    expect((await handle.reply()).content).toBe('You asked: what is open?');
    expect(seen).toEqual({
      question: 'what is open?',
      public: true,
      count: 3,
      who: 'ada',
      whoIsMember: true,
      canManage: true,
      guild: 'Emulated Guild',
      channel: DEFAULT_CHANNEL_ID,
    });
    expect(handle.payload.id).toMatch(/^\d{17,20}$/);
    expect(e.gateway.identifies).toBe(1);
  });

  it('rejects a too-long embed description, 26 autocomplete choices, a double reply and an empty reply with Discord codes', async () => {
    // A short deadline only so that awaiting the unacknowledged interaction below stays quick.
    const e = await start({ interactionDeadlineMs: 1000 });
    const bot = await startBot(e, async (i) => {
      if (i.isAutocomplete()) {
        const typed = i.options.getFocused();
        await i.respond(Array.from({ length: 26 }, (_, n) => ({ name: `${typed} ${n}`, value: `v${n}` })));
      } else if (isCommand(i) && i.commandName === 'long') {
        await i.reply({ embeds: [{ description: 'x'.repeat(4097) }], allowedMentions: noPings });
      } else if (isCommand(i) && i.commandName === 'twice') {
        await i.reply({ content: 'once', allowedMentions: noPings });
        // discord.js refuses a second reply itself, so send it the way a second process would.
        await i.client.rest.post(Routes.interactionCallback(i.id, i.token), {
          body: { type: 4, data: { content: 'twice' } },
          auth: false,
        });
      } else if (isCommand(i)) {
        await i.reply({ content: '   ', allowedMentions: noPings });
      }
    });

    const long = e.command({ name: 'long' });
    const tooLong = await firstFailure(e, bot);
    expect(tooLong).toBeInstanceOf(DiscordAPIError);
    expect((tooLong as DiscordAPIError).code).toBe(50035);
    expect((tooLong as DiscordAPIError).rawError).toMatchObject({
      errors: { data: { embeds: { 0: { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } },
    });
    expect(long.rejected[0]?.payload).toMatchObject({ type: 4 });
    await expect(long.callback).rejects.toThrow(/not acknowledged/);

    bot.failures.length = 0;
    const auto = e.autocomplete({ name: 'ask', options: { question: 'ope' }, focused: 'question' });
    const tooMany = await firstFailure(e, bot);
    expect((tooMany as DiscordAPIError).code).toBe(50035);
    expect((tooMany as DiscordAPIError).rawError).toMatchObject({
      errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    expect(auto.rejected).toHaveLength(1);

    bot.failures.length = 0;
    const twice = e.command({ name: 'twice' });
    const again = await firstFailure(e, bot);
    expect((again as DiscordAPIError).code).toBe(40060);
    expect((await twice.reply()).content).toBe('once');

    bot.failures.length = 0;
    e.command({ name: 'blank' });
    expect(((await firstFailure(e, bot)) as DiscordAPIError).code).toBe(50006);
    expect(e.rejected.map((r) => r.code)).toEqual([50035, 50035, 40060, 50006]);
  });

  it('answers a reply after the deadline with 10062 Unknown interaction', async () => {
    const e = await start({ interactionDeadlineMs: 200 });
    const bot = await startBot(e, async (i) => {
      await sleep(300);
      if (isCommand(i)) await i.reply({ content: 'too late', allowedMentions: noPings });
    });
    const handle = e.command({ name: 'slow' });
    await expect(handle.callback).rejects.toThrow(/not acknowledged within 200 ms/);
    const late = await firstFailure(e, bot);
    expect(late).toBeInstanceOf(DiscordAPIError);
    expect((late as DiscordAPIError).code).toBe(10062);
    expect(handle.expired).toBe(true);
  });

  it('fails login with a wrong token (401 on /gateway/bot)', async () => {
    const e = await start();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: e.apiUrl } });
    clients.push(client);
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(e.requests.find((r) => r.path === '/api/v10/gateway/bot')?.status).toBe(401);
    expect(e.gateway.connections).toBe(0);
  });

  it('closes the gateway with 4004 when IDENTIFY carries a wrong token', async () => {
    const e = await start();
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${e.gatewayUrl}?v=10&encoding=json`);
    ws.on('message', (raw) => {
      const packet = JSON.parse(raw.toString()) as { op: number };
      if (packet.op === 10)
        ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    });
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(4004);
  });

  it('resumes after a dropped socket and replays an interaction dispatched while it was down', async () => {
    const e = await start();
    const bot = await startBot(e, async (i) => {
      if (isCommand(i)) await i.reply({ content: 'still here', allowedMentions: noPings });
    });
    expect(e.dropSocket()).toBe(1);
    const handle = e.command({ name: 'ping' });
    expect((await handle.reply()).content).toBe('still here');
    expect(e.gateway.resumes).toBe(1);
    expect(e.gateway.identifies).toBe(1);
    expect(e.gateway.sessions[0]?.resumes).toBe(1);
    expect(bot.failures).toEqual([]);
  });

  it('resumes when heartbeats stop being acknowledged', async () => {
    const e = await start({ heartbeatIntervalMs: 100 });
    await startBot(e, async (i) => {
      if (isCommand(i)) await i.reply({ content: 'pong', allowedMentions: noPings });
    });
    e.stopHeartbeatAcks();
    await e.waitFor(() => (e.gateway.sessions[0]?.resumes ?? 0) >= 1, 5000, 'a resume');
    e.resumeHeartbeatAcks();
    expect(e.gateway.identifies).toBe(1);
    expect((await e.command({ name: 'ping' }).reply()).content).toBe('pong');
  });

  it('has discord.js retry a 429 on the callback after retry_after, and retry 5xx on follow-ups and edits', async () => {
    const e = await start();
    await startBot(e, async (i) => {
      if (!isCommand(i)) return;
      await i.deferReply();
      await i.editReply({ content: 'edited', allowedMentions: noPings });
      await i.followUp({ content: 'more', allowedMentions: noPings });
    });
    e.failNext('POST', '/callback', { status: 429, retryAfter: 0.2 });
    e.failNext('PATCH', '/messages/@original', { status: 502 });
    e.failNext('POST', /\/webhooks\/\d+\/[^/]+$/, { status: 500 });
    const handle = e.command({ name: 'ask' });
    expect((await handle.callback).type).toBe(5);
    expect((await handle.waitForFollowUp()).content).toBe('more');
    expect((await handle.reply()).content).toBe('edited');

    const statuses = (method: string, part: string) =>
      e.requests.filter((r) => r.method === method && r.path.includes(part)).map((r) => r.status);
    expect(statuses('POST', '/callback')).toEqual([429, 204]);
    expect(statuses('PATCH', '@original')).toEqual([502, 200]);
    expect(statuses('POST', '/webhooks/')).toEqual([500, 200]);
    const [limited, retried] = e.requests.filter((r) => r.path.endsWith('/callback'));
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(200);
  });

  it('surfaces a 500 that outlasts the default 3 retries as an HTTPError after 4 attempts', async () => {
    const e = await start();
    const bot = await startBot(e, async (i) => {
      if (!isCommand(i)) return;
      await i.reply({ content: 'first', allowedMentions: noPings });
      await i.followUp({ content: 'never lands', allowedMentions: noPings });
    });
    for (let n = 0; n < 4; n += 1) e.failNext('POST', '/webhooks/', { status: 500 });
    const handle = e.command({ name: 'ask' });
    const failure = await firstFailure(e, bot);
    expect(failure).toBeInstanceOf(HTTPError);
    expect(e.requests.filter((r) => r.path.includes('/webhooks/')).map((r) => r.status)).toEqual([
      500, 500, 500, 500,
    ]);
    expect(handle.followUps).toEqual([]);
  });

  it('records deferReply + editReply, followUp, a button update and a string select', async () => {
    const e = await start();
    const pressedOn: string[] = [];
    await startBot(e, async (i) => {
      if (isCommand(i) && i.commandName === 'defer') {
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        await i.editReply({ content: 'thought about it', allowedMentions: noPings });
        await i.followUp({ content: 'one more thing', allowedMentions: noPings });
      } else if (isCommand(i) && i.commandName === 'pages') {
        const response = await i.reply({
          content: 'page 1',
          allowedMentions: noPings,
          withResponse: true,
          components: [
            { type: 1, components: [{ type: 2, style: 1, custom_id: 'next', label: 'Next' }] },
            {
              type: 1,
              components: [
                {
                  type: 3,
                  custom_id: 'topic',
                  options: [
                    { label: 'Alpha', value: 'a' },
                    { label: 'Beta', value: 'b' },
                  ],
                },
              ],
            },
          ],
        });
        pressedOn.push(`sent:${response.resource?.message?.id}`);
      } else if (i.isButton()) {
        pressedOn.push(`button:${i.message.id}`);
        await i.update({ content: 'page 2', allowedMentions: noPings });
      } else if (i.isStringSelectMenu()) {
        await i.update({ content: `picked ${i.values.join(',')}`, components: [], allowedMentions: noPings });
      }
    });

    const deferred = e.command({ name: 'defer' });
    expect((await deferred.callback).type).toBe(5);
    const shown = await deferred.reply();
    expect(shown.content).toBe('thought about it');
    expect(shown.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect((await deferred.waitForFollowUp()).content).toBe('one more thing');
    expect(deferred.edits).toHaveLength(1);

    const pages = e.command({ name: 'pages' });
    const sent = await pages.reply();
    expect(sent.id).toMatch(/^\d{17,20}$/);
    const pressed = e.button({ messageId: sent.id, customId: 'next' });
    expect((await pressed.callback).type).toBe(7);
    expect((await pressed.reply()).content).toBe('page 2');
    expect(e.messages.get(sent.id)?.components).toHaveLength(2);
    expect(pressedOn).toEqual([`sent:${sent.id}`, `button:${sent.id}`]);

    const picked = e.select({ messageId: sent.id, customId: 'topic', values: ['b'] });
    expect((await picked.reply()).content).toBe('picked b');
    expect(e.messages.get(sent.id)).toMatchObject({ content: 'picked b', components: [] });
    expect(() => e.select({ messageId: sent.id, customId: 'topic', values: ['a'] })).toThrow(
      /no such component/,
    );
    expect(e.writes.map((w) => w.kind)).toEqual(['edit', 'followUp', 'reply', 'update', 'update']);
  });

  it('passes the typed text as the focused option and returns the autocomplete choices', async () => {
    const e = await start();
    await startBot(e, async (i) => {
      if (!i.isAutocomplete()) return;
      const focused = i.options.getFocused(true);
      await i.respond([{ name: `${focused.name}: ${focused.value}…`, value: String(focused.value) }]);
    });
    const handle = e.autocomplete({
      name: 'ask',
      options: { topic: 'x' },
      focused: 'question',
      user: { id: '1300000000000000555' },
    });
    expect(await handle.choices()).toEqual([{ name: 'question: …', value: '' }]);
    expect((await handle.callback).type).toBe(8);
    const typed = e.autocomplete({ name: 'ask', options: { question: 'open' }, focused: 'question' });
    expect(await typed.choices()).toEqual([{ name: 'question: open…', value: 'open' }]);
  });

  it('shows a modal and receives its submission', async () => {
    const e = await start();
    await startBot(e, async (i) => {
      if (isCommand(i)) {
        await i.showModal({
          custom_id: 'feedback',
          title: 'Feedback',
          components: [
            { type: 1, components: [{ type: 4, custom_id: 'text', label: 'Your feedback', style: 2 }] },
          ],
        });
      } else if (i.isModalSubmit()) {
        await i.reply({
          content: `thanks for: ${i.fields.getTextInputValue('text')}`,
          allowedMentions: noPings,
        });
      }
    });
    const opened = await e.command({ name: 'feedback' }).visible();
    expect(opened).toMatchObject({ type: 'modal', modal: { custom_id: 'feedback' } });
    const submitted = e.modalSubmit({ customId: 'feedback', fields: { text: 'great' } });
    expect((await submitted.reply()).content).toBe('thanks for: great');
  });

  it('stores registered commands with ids, routes them into interactions, and rejects invalid definitions', async () => {
    const e = await start();
    let commandId: string | null = null;
    const bot = await startBot(e, async (i) => {
      if (!isCommand(i)) return;
      commandId = i.commandId;
      await i.reply({ content: `top ${i.options.getInteger('top')}`, allowedMentions: noPings });
    });
    const application = bot.client.application;
    if (!application) throw new Error('client.application is missing after clientReady');
    const options = [{ type: 4, name: 'top', description: 'How many', required: true }];
    await application.commands.set([{ name: 'ask', description: 'Ask a question', options }]);
    await application.commands.set([{ name: 'reload', description: 'Reload' }], DEFAULT_GUILD_ID);
    const ask = e.commands.global[0];
    expect(ask).toMatchObject({ name: 'ask', application_id: e.applicationId, options });
    expect(ask?.id).toMatch(/^\d{17,20}$/);
    expect(e.commands.guilds.get(DEFAULT_GUILD_ID)?.map((c) => c.name)).toEqual(['reload']);

    // A whole number given for a registered integer option is sent with type 4.
    expect((await e.command({ name: 'ask', options: { top: 3 } }).reply()).content).toBe('top 3');
    expect(commandId).toBe(ask?.id);

    const upper = await application.commands
      .set([{ name: 'Ask', description: 'x' }])
      .catch((err: unknown) => err);
    expect((upper as DiscordAPIError).code).toBe(50035);
    expect((upper as DiscordAPIError).rawError).toMatchObject({
      errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } },
    });
    const wordy = await application.commands
      .set([{ name: 'ask', description: 'd'.repeat(101) }])
      .catch((err: unknown) => err);
    expect((wordy as DiscordAPIError).code).toBe(50035);
    expect((wordy as DiscordAPIError).rawError).toMatchObject({
      errors: { 0: { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } },
    });
    expect(e.commands.global.map((c) => c.name)).toEqual(['ask']);
  });

  it('records unknown routes and message payloads without allowed_mentions, and who a reply could ping', async () => {
    const e = await start();
    const bot = await startBot(e, async (i) => {
      if (!isCommand(i)) return;
      if (i.commandName === 'loud') await i.reply('hey <@1300000000000000777>');
      else await i.reply({ content: 'hey <@1300000000000000777>', allowedMentions: noPings });
    });
    const unknown = await bot.client.rest
      .get(Routes.guildMember(DEFAULT_GUILD_ID, '1300000000000000777'))
      .catch((err: unknown) => err);
    expect((unknown as DiscordAPIError).status).toBe(404);
    expect(e.unknownRoutes).toEqual([
      { method: 'GET', path: `/api/v10/guilds/${DEFAULT_GUILD_ID}/members/1300000000000000777` },
    ]);

    await e.command({ name: 'quiet' }).reply();
    await e.command({ name: 'loud' }).reply();
    expect(e.missingAllowedMentions).toHaveLength(1);
    expect(e.missingAllowedMentions[0]?.pings.users).toEqual(['1300000000000000777']);
    expect(e.writes.map((w) => w.pings.users)).toEqual([[], ['1300000000000000777']]);
  });

  it('serves two shards, each receiving only its own guild and that guild’s interactions', async () => {
    // (id >> 22) % 2 picks the shard, so consecutive timestamps land on different shards.
    const even = (310_000_000_000n << 22n).toString();
    const odd = (310_000_000_001n << 22n).toString();
    const e = await start({
      shards: 2,
      guilds: [
        { id: even, name: 'Even' },
        { id: odd, name: 'Odd' },
      ],
    });
    const answeredBy: Record<string, number | undefined> = {};
    const bot = await startBot(
      e,
      async (i) => {
        if (!isCommand(i)) return;
        answeredBy[i.guildId ?? ''] = i.guild?.shardId;
        await i.reply({ content: `shard ${i.guild?.shardId}`, allowedMentions: noPings });
      },
      { shards: 'auto' },
    );
    expect(bot.client.options.shardCount).toBe(2);
    const byShard = Object.fromEntries(e.gateway.sessions.map((s) => [s.shard.join('/'), s.guildIds]));
    expect(byShard).toEqual({ '0/2': [even], '1/2': [odd] });
    expect(bot.client.guilds.cache.get(even)?.shardId).toBe(0);
    expect(bot.client.guilds.cache.get(odd)?.shardId).toBe(1);

    expect((await e.command({ name: 'where', guildId: odd }).reply()).content).toBe('shard 1');
    expect((await e.command({ name: 'where', guildId: even }).reply()).content).toBe('shard 0');
    expect(answeredBy).toEqual({ [odd]: 1, [even]: 0 });
  });

  it('returns its shard count from /gateway/bot and checks each IDENTIFY’s [shard_id, shard_count]', async () => {
    const guilds = [0n, 1n, 2n, 3n].map((n) => ({
      id: ((320_000_000_000n + n) << 22n).toString(),
      name: `G${n}`,
    }));
    const e = await start({ shards: 4, guilds, maxGuildsPerShard: 1 });
    const res = await fetch(`${e.apiUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${e.token}` } });
    expect(((await res.json()) as { shards: number }).shards).toBe(4);

    const { WebSocket } = await import('ws');
    /** Identifies with `shard` on a raw socket; resolves with the close code, or 'ready' on READY. */
    const identify = (shard: unknown) =>
      new Promise<number | 'ready'>((resolve) => {
        const ws = new WebSocket(`${e.gatewayUrl}?v=10&encoding=json`);
        ws.on('message', (raw) => {
          const packet = JSON.parse(raw.toString()) as { op: number; t?: string };
          if (packet.op === 10)
            ws.send(JSON.stringify({ op: 2, d: { token: e.token, intents: 1, properties: {}, shard } }));
          if (packet.t === 'READY') {
            ws.close(1000);
            resolve('ready');
          }
        });
        ws.on('close', (code) => resolve(code));
      });
    expect(await identify([4, 4])).toBe(4010);
    expect(await identify([0, 0])).toBe(4010);
    expect(await identify(['0', 4])).toBe(4010);
    // Two shards would put two of the four guilds on each session: more than this emulated Discord allows.
    expect(await identify([1, 2])).toBe(4011);
    expect(await identify([3, 4])).toBe('ready');
    expect(e.gateway.sessions.map((s) => [...s.shard])).toEqual([[3, 4]]);
  });
});

describe('Discord payload limits', () => {
  const check = (payload: unknown) => {
    const errors = new FormErrors();
    validateMessage(errors, [], payload);
    return errors.tree;
  };
  const button = (n: number) => ({ type: 2, style: 1, custom_id: `b${n}`, label: `B${n}` });

  it('accepts a message at every limit', () => {
    const field = { name: 'n'.repeat(256), value: 'v'.repeat(1024) };
    expect(
      check({
        content: 'c'.repeat(2000),
        embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(1000), fields: [field, field, field] }],
        components: [{ type: 1, components: [1, 2, 3, 4, 5].map(button) }],
        allowed_mentions: { parse: [] },
      }),
    ).toEqual({});
  });

  it('counts characters, not UTF-16 units, towards content length', () => {
    expect(check({ content: '🙂'.repeat(2000) })).toEqual({});
    expect(check({ content: '🙂'.repeat(2001) })).toHaveProperty(
      'content._errors.0.code',
      'BASE_TYPE_MAX_LENGTH',
    );
  });

  it('rejects embeds whose combined text exceeds 6000 characters though each field fits', () => {
    const embed = { description: 'd'.repeat(4000) };
    expect(check({ embeds: [embed, embed] })).toHaveProperty(
      'embeds._errors.0.code',
      'MAX_EMBED_SIZE_EXCEEDED',
    );
  });

  it.each([
    [
      'six buttons in a row',
      { components: [{ type: 1, components: [1, 2, 3, 4, 5, 6].map(button) }] },
      'components.0.components',
    ],
    [
      'six action rows',
      { components: [1, 2, 3, 4, 5, 6].map((n) => ({ type: 1, components: [button(n)] })) },
      'components',
    ],
    [
      'a select sharing its row',
      {
        components: [
          {
            type: 1,
            components: [button(1), { type: 3, custom_id: 's', options: [{ label: 'a', value: 'a' }] }],
          },
        ],
      },
      'components.0.components',
    ],
    [
      'a link button with a custom id',
      {
        components: [
          { type: 1, components: [{ type: 2, style: 5, url: 'https://x.org', custom_id: 'x', label: 'x' }] },
        ],
      },
      'components.0.components.0.custom_id',
    ],
    [
      'a duplicated custom id',
      { components: [{ type: 1, components: [button(1), button(1)] }] },
      'components.0.components.1.custom_id',
    ],
    ['an empty field value', { embeds: [{ fields: [{ name: 'n', value: '' }] }] }, 'embeds.0.fields.0.value'],
    ['eleven embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds'],
    [
      'parse users with a users list',
      { allowed_mentions: { parse: ['users'], users: ['1'] } },
      'allowed_mentions.parse',
    ],
  ])('rejects %s', (_name, payload, path) => {
    expect(check(payload)).toHaveProperty(`${path}._errors`);
  });

  it.each([
    [
      'autocomplete with choices',
      { type: 3, name: 'q', description: 'd', autocomplete: true, choices: [{ name: 'a', value: 'a' }] },
      '0.options.0.autocomplete',
    ],
    [
      'a required option after an optional one',
      [
        { type: 3, name: 'a', description: 'd' },
        { type: 3, name: 'b', description: 'd', required: true },
      ],
      '0.options',
    ],
    [
      'max_length above 6000',
      { type: 3, name: 'q', description: 'd', max_length: 6001 },
      '0.options.0.max_length',
    ],
    ['a space in an option name', { type: 3, name: 'my option', description: 'd' }, '0.options.0.name'],
  ])('rejects a command definition with %s', (_name, options, path) => {
    const errors = new FormErrors();
    validateCommandList(errors, [
      { name: 'ask', description: 'Ask', options: Array.isArray(options) ? options : [options] },
    ]);
    expect(errors.tree).toHaveProperty(`${path}._errors`);
  });
});
