import { readFile } from 'node:fs/promises';
import { GatewayIntentBits, PermissionsBitField } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyPermissions } from '../../src/bot/contexts.js';
import { type DiscordTest, LEVEL, OTHER_USER, startDiscord } from '../support/bot-harness.js';
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  type EmulatedMessage,
  snowflake,
} from '../support/emulator.js';
import { unsureQuestion } from '../support/questions.js';

// One channel per test, so each has the whole per-channel answer budget to itself.
const CHANNELS = {
  general: DEFAULT_CHANNEL_ID,
  ignored: '1300000000000000201',
  flood: '1300000000000000202',
  refused: '1300000000000000203',
  quiet: '1300000000000000204',
  smallTalk: '1300000000000000205',
  unsure: '1300000000000000206',
} as const;
const MODERATORS_ROLE = '1300000000000000500';

const guild = {
  id: DEFAULT_GUILD_ID,
  name: 'Emulated Guild',
  channels: Object.entries(CHANNELS).map(([name, id]) => ({ id, name })),
  roles: [{ id: MODERATORS_ROLE, name: 'moderators' }],
};

/** A member other than the tester, so per-member cooldowns never get in the way of a test that isn't about them. */
const member = (n: number) => ({
  id: `13000000000000010${String(n).padStart(2, '0')}`,
  username: `member${n}`,
});

function expectClean(discord: DiscordTest): void {
  expect(discord.emulator.rejected).toEqual([]);
  expect(discord.emulator.unknownRoutes).toEqual([]);
  expect(discord.emulator.missingAllowedMentions).toEqual([]);
}

describe('answering @mentions', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({ emulator: { guilds: [guild] } });
  });
  afterAll(async () => {
    await discord?.close();
  });

  /**
   * Waits until the bot has handled every message sent so far: the gateway delivers messages and interactions in
   * order, so once a later /help is answered the messages before it have arrived; then nothing may be in flight.
   */
  async function settled(): Promise<void> {
    await discord.run('/help');
    await discord.emulator.waitFor(() => discord.bot.mentions.inFlight === 0, 5000, 'mentions to be handled');
  }

  it('asks the gateway for exactly the Guilds and GuildMessages intents, not Message Content', () => {
    const intents = discord.emulator.gateway.identifyPayloads.map((p) => p.intents);
    expect(intents).toEqual([GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages]);
  });

  it('answers a mention once, as a reply to it, with the same answer as /ask, pinging nobody', async () => {
    const question = discord.mention('who co-founded the AI Alliance?', { author: member(1) });
    const write = await discord.replyTo(question);
    const slash = await discord.run('/ask', { question: 'who co-founded the AI Alliance?' });
    expect(write.message.embeds).toEqual(slash.message.embeds);
    expect(write.message.embeds[0]?.title).toBe('AI Alliance');
    expect(write.payload.message_reference).toEqual({ message_id: question.id, fail_if_not_exists: false });
    expect(write.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(write.pings).toEqual({ users: [], roles: [], everyone: false });
    await settled();
    expect(discord.emulator.repliesTo(question.id)).toHaveLength(1);
    expect(discord.logsMatching('question answered').find((l) => l.message === question.id)).toMatchObject({
      via: 'mention',
      question: 'who co-founded the AI Alliance?',
      outcome: 'answer',
    });
    expectClean(discord);
  });

  it('ignores bots, webhooks, its own messages, and messages that reach it only by @everyone, @here, a role or a reply', async () => {
    const bot = `<@${discord.emulator.botUser.id}>`;
    const channelId = CHANNELS.ignored;
    const answered = discord.mention('what is Meta?', { channelId, author: member(2) });
    const answer = await discord.replyTo(answered);
    const unanswered: EmulatedMessage[] = [
      discord.say(`${bot} what is IBM?`, {
        channelId,
        bot: true,
        author: { id: snowflake(), username: 'another-bot' },
      }),
      discord.say(`${bot} what is IBM?`, { channelId, webhook: true }),
      discord.say(`${bot} what is IBM?`, { channelId, author: discord.emulator.botUser, bot: true }),
      discord.say('@everyone what is IBM?', { channelId, author: member(3) }),
      discord.say('@here what is IBM?', { channelId, author: member(4) }),
      discord.say(`<@&${MODERATORS_ROLE}> what is IBM?`, { channelId, author: member(5) }),
      discord.say('thanks, and what is IBM?', { channelId, author: member(6), replyTo: answer.messageId }),
    ];
    await settled();
    for (const message of unanswered) expect(discord.emulator.repliesTo(message.id)).toEqual([]);
    expect(discord.logsMatching('mention handling failed')).toEqual([]);
    expectClean(discord);
  });

  it('meets small talk with a pointer to what it knows, but answers a question that starts with "hi"', async () => {
    const channelId = CHANNELS.smallTalk;
    const hi = await discord.replyTo(discord.mention('hi!', { channelId, author: member(7) }));
    expect(hi.message.content).toContain('/ask');
    expect(hi.message.embeds).toEqual([]);
    expect(hi.message.content).not.toMatch(/knowledge base\b.*isn't/);
    const bare = await discord.replyTo(discord.mention('', { channelId, author: member(8) }));
    expect(bare.message.content).toContain('Apps → Ask Initiatives Bot');
    const real = await discord.replyTo(
      discord.mention('hi, who co-founded the AI Alliance?', { channelId, author: member(9) }),
    );
    expect(real.message.embeds[0]?.title).toBe('AI Alliance');
    expectClean(discord);
  });

  it('names the alternatives of an unsure answer in the text, with no menu anyone could press', async () => {
    const question = unsureQuestion(discord.bot.store.current.index);
    const write = await discord.replyTo(
      discord.mention(question, { channelId: CHANNELS.unsure, author: member(10) }),
    );
    expect(write.message.content).toMatch(/not sure/);
    expect(write.message.components).toEqual([]);
    expect(write.message.flags & 64).toBe(0);
    expectClean(discord);
  });

  it('answers at most the channel limit of 10 mentions sent within a second, ignoring the rest quietly', async () => {
    const limit = discord.config.mentionChannelLimit;
    const flood = Array.from({ length: 10 }, (_, i) =>
      discord.mention('what is IBM?', { channelId: CHANNELS.flood, author: member(20 + i) }),
    );
    await discord.emulator.waitFor(
      () => flood.filter((m) => discord.emulator.repliesTo(m.id).length > 0).length >= limit,
      5000,
      `${limit} answers`,
    );
    await settled();
    const answered = flood.filter((m) => discord.emulator.repliesTo(m.id).length > 0);
    expect(limit).toBe(5);
    expect(answered).toEqual(flood.slice(0, limit));
    const ignored = discord.logsMatching('mention ignored').filter((l) => l.channel === CHANNELS.flood);
    expect(ignored.map((l) => l.reason)).toEqual(Array(10 - limit).fill('channel rate limit'));
    expect(ignored.every((l) => l.level === LEVEL.debug)).toBe(true);
    expectClean(discord);
  });

  it('logs a refusal to post (50013) once per channel and does not retry, then stays quiet there', async () => {
    const route = `/channels/${CHANNELS.refused}/messages`;
    discord.emulator.failNext('POST', route, { status: 403, code: 50013 });
    discord.mention('what is IBM?', { channelId: CHANNELS.refused, author: member(40) });
    await discord.waitForLog(/cannot answer mentions in this channel/);
    const again = discord.mention('what is Meta?', { channelId: CHANNELS.refused, author: member(41) });
    await settled();
    const posts = discord.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith(route));
    expect(posts).toHaveLength(1);
    const warnings = discord.logsMatching(/cannot answer mentions in this channel/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: LEVEL.warn, channel: CHANNELS.refused });
    expect(discord.logsMatching('mention ignored').find((l) => l.message === again.id)?.reason).toBe(
      'not allowed to post here',
    );
  });
});

describe('@mention settings', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({
      emulator: { guilds: [guild] },
      env: { MENTION_CHANNEL_IDS: CHANNELS.general, ASK_COOLDOWN_SECONDS: '30' },
    });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers only in MENTION_CHANNEL_IDS', async () => {
    const outside = discord.mention('what is IBM?', { channelId: CHANNELS.quiet, author: member(50) });
    const inside = discord.mention('what is IBM?', { author: member(51) });
    await discord.replyTo(inside);
    expect(discord.emulator.repliesTo(outside.id)).toEqual([]);
    expect(discord.logsMatching('mention ignored').at(-1)).toMatchObject({
      message: outside.id,
      reason: 'channel not in MENTION_CHANNEL_IDS',
    });
  });

  it('shares the per-member cooldown with /ask', async () => {
    const slash = await discord.run('/ask', { question: 'what is IBM?' }, { user: OTHER_USER });
    expect(slash.ephemeral).toBe(false);
    const tooSoon = discord.mention('what is Meta?', { author: OTHER_USER });
    const someoneElse = discord.mention('what is Meta?', { author: member(52) });
    await discord.replyTo(someoneElse);
    expect(discord.emulator.repliesTo(tooSoon.id)).toEqual([]);
    expect(discord.logsMatching('mention ignored').find((l) => l.message === tooSoon.id)?.reason).toBe(
      'member cooldown',
    );
  });
});

describe('the invite link', () => {
  it('asks in the README and the setup guide for exactly the permissions a reply in a channel or thread needs', async () => {
    const needed = new PermissionsBitField([...replyPermissions(false), ...replyPermissions(true)]).bitfield;
    for (const file of ['README.md', 'docs/discord-setup.md']) {
      const text = await readFile(file, 'utf8');
      const links = [...text.matchAll(/scope=bot%20applications\.commands&permissions=(\d+)/g)];
      expect(links.length, file).toBeGreaterThan(0);
      for (const link of links) expect(BigInt(link[1] ?? '0'), file).toBe(needed);
    }
  });
});
