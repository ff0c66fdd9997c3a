import { setTimeout as sleep } from 'node:timers/promises';
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/bot/command.js';
import { unhandledRejectionHandler } from '../../src/bot/process-handlers.js';
import { APOLOGY, RESTARTING } from '../../src/bot/router.js';
import { COMMANDS } from '../../src/commands.js';
import { createLogger } from '../../src/log.js';
import { type DiscordTest, LEVEL, type LogRecord, startDiscord } from '../support/bot-harness.js';

const statusesOf = (discord: DiscordTest, interactionId: string) =>
  discord.emulator.requests
    .filter((r) => r.path.includes(`/interactions/${interactionId}/`))
    .map((r) => r.status);

describe('faults between the bot and Discord', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    // A short response window, so an interaction can expire in a test without waiting Discord's 3 s.
    discord = await startDiscord({ emulator: { interactionDeadlineMs: 1000 } });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('resumes a dropped gateway connection and answers the next question', async () => {
    expect(discord.emulator.dropSocket()).toBe(1);
    const reply = await discord.run('/ask', { question: 'who co-founded the AI Alliance?' });
    expect(reply.embed?.title).toBe('AI Alliance');
    expect(discord.emulator.gateway.identifies).toBe(1);
    expect(discord.emulator.gateway.sessions[0]?.resumes).toBe(1);
    await discord.waitForLog('gateway session resumed');
  });

  it('retries a callback rate-limited with 429 after retry_after', async () => {
    discord.emulator.failNext('POST', '/callback', { status: 429, retryAfter: 0.25 });
    const handle = discord.dispatch('/ask', { question: 'what is IBM?' });
    const reply = await handle.reply();
    expect(reply.embeds[0]?.title).toBe('IBM');
    expect(statusesOf(discord, handle.id)).toEqual([429, 204]);
    const [limited, retried] = discord.emulator.requests.filter((r) =>
      r.path.includes(`/interactions/${handle.id}/`),
    );
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it('retries a callback that failed once with 500', async () => {
    discord.emulator.failNext('POST', '/callback', { status: 500 });
    const handle = discord.dispatch('/ask', { question: 'what is Meta?' });
    expect((await handle.reply()).embeds[0]?.title).toBe('Meta');
    expect(statusesOf(discord, handle.id)).toEqual([500, 204]);
  });

  it('logs an interaction that expired (10062) as a warning without crashing, and answers the next one', async () => {
    // The retry after this 429 lands after the 1 s window: Discord answers 10062 Unknown interaction.
    discord.emulator.failNext('POST', '/callback', { status: 429, retryAfter: 1.3 });
    const late = discord.dispatch('/ask', { question: 'what is IBM?' });
    await expect(late.callback).rejects.toThrow(/not acknowledged/);
    const warning = await discord.waitForLog('interaction expired before the answer arrived', 4000);
    expect(warning).toMatchObject({ level: LEVEL.warn, command: 'ask', err: { code: 10062 } });
    expect(JSON.stringify(warning)).not.toContain(late.token);
    expect(statusesOf(discord, late.id)).toEqual([429, 404]);

    const next = await discord.run('/ask', { question: 'who co-founded the AI Alliance?' });
    expect(next.embed?.title).toBe('AI Alliance');
    expect(discord.bot.client.isReady()).toBe(true);
  });

  it('logs an unhandled rejection instead of crashing', () => {
    const logs: LogRecord[] = [];
    const logger = createLogger('info', {
      destination: { write: (l: string) => void logs.push(JSON.parse(l)) },
    });
    const handler = unhandledRejectionHandler(logger);
    handler(new Error('nobody awaited me'));
    handler('a plain string reason');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ level: LEVEL.error, err: { message: 'nobody awaited me' } });
    expect(logs[0]?.msg).toMatch(/unhandled promise rejection/);
    expect(logs[1]).toMatchObject({ err: 'a plain string reason' });
  });
});

/** Commands that misbehave on purpose, to exercise the router's error handling and graceful shutdown. */
const boom = {
  data: new SlashCommandBuilder()
    .setName('boom')
    .setDescription('Always fails')
    .addStringOption((o) => o.setName('text').setDescription('Anything')),
  async execute() {
    throw new Error('kaboom');
  },
} satisfies Command;

const deferredBoom = {
  data: new SlashCommandBuilder().setName('deferred-boom').setDescription('Defers, then fails'),
  async execute(interaction) {
    await interaction.deferReply();
    throw new Error('kaboom after deferring');
  },
} satisfies Command;

const slow = {
  data: new SlashCommandBuilder().setName('slow').setDescription('Takes a while'),
  async execute(interaction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await sleep(300);
    await interaction.editReply({ content: 'done slowly', allowedMentions: { parse: [] } });
  },
} satisfies Command;

describe('errors inside commands, and shutdown', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({ commands: [...COMMANDS, boom, deferredBoom, slow] });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('logs a failing command with its name and options, never the token, and apologises ephemerally', async () => {
    const reply = await discord.run('/boom', { text: 'hello' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe(APOLOGY);
    const failure = discord.logsMatching('command failed').at(-1);
    expect(failure).toMatchObject({
      level: LEVEL.error,
      command: 'boom',
      options: [{ name: 'text', value: 'hello' }],
      err: { message: 'kaboom' },
    });
    expect(JSON.stringify(discord.logs)).not.toContain(discord.emulator.token);
    expect(JSON.stringify(discord.logs)).not.toContain(reply.handle.token);
  });

  it('edits the deferred reply into the apology when a command fails after deferring', async () => {
    const reply = await discord.run('/deferred-boom');
    expect(reply.handle.callbacks[0]?.type).toBe(5);
    expect(reply.message.content).toBe(APOLOGY);
    expect(discord.logsMatching('command failed').at(-1)).toMatchObject({ command: 'deferred-boom' });
  });

  it('on stop, finishes in-flight answers, tells newcomers it is restarting, then disconnects', async () => {
    const inFlight = discord.dispatch('/slow');
    // Deferred: the bot is now working on it.
    expect((await inFlight.callback).type).toBe(5);
    const stopping = discord.bot.stop();
    // What was on its way when the stop began is still answered; after that, newcomers are told to retry.
    await discord.waitForLog('taking no new interactions; finishing those in flight');
    const late = discord.dispatch('/ask', { question: 'what is IBM?' });
    expect((await late.reply()).content).toBe(RESTARTING);
    await stopping;
    expect((await inFlight.reply()).content).toBe('done slowly');
    expect(discord.bot.client.isReady()).toBe(false);
    await discord.waitForLog('bot stopped');
  });

  it('never sends a payload without allowed_mentions or to an unknown route', () => {
    expect(discord.emulator.unknownRoutes).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});
