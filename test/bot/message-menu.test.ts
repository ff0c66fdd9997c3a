import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_MESSAGE } from '../../commands/ask-message.js';
import { SHARED_NOTE } from '../../src/bot/share.js';
import { type DiscordTest, OTHER_USER, startDiscord } from '../support/bot-harness.js';
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_USER_ID,
  PERMISSION,
} from '../support/emulator.js';
import { unsureQuestion } from '../support/questions.js';

const LOCKED_CHANNEL = '1300000000000000210';
const OTHER_SERVER = '1300000000000000900';
const shareId = (messageId: string) => `${ASK_MESSAGE}:share:${messageId}`;

function expectClean(discord: DiscordTest): void {
  expect(discord.emulator.rejected).toEqual([]);
  expect(discord.emulator.unknownRoutes).toEqual([]);
  expect(discord.emulator.missingAllowedMentions).toEqual([]);
}

describe('Apps → Ask Initiatives Bot', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    // Registered globally, as in production, so DMs and a member's own install can use it.
    discord = await startDiscord({
      env: { DISCORD_GUILD_ID: '' },
      emulator: {
        guilds: [
          {
            id: DEFAULT_GUILD_ID,
            name: 'Emulated Guild',
            channels: [
              { id: DEFAULT_CHANNEL_ID, name: 'general' },
              { id: LOCKED_CHANNEL, name: 'read-only' },
            ],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers the message it is used on privately, and "Post publicly" replies to that message for everyone', async () => {
    const target = discord.say('who co-founded the AI Alliance?', { author: OTHER_USER });
    const shown = await discord.askAbout(target);
    expect(shown.ephemeral).toBe(true);
    expect(shown.embed?.title).toBe('AI Alliance');
    expect(shown.embed?.description).toMatch(/IBM/);
    expect(shown.customIds).toEqual([shareId(target.id)]);
    expect(discord.logsMatching('question answered').at(-1)).toMatchObject({ via: 'message-menu' });

    const pressed = await discord.press(shown, shareId(target.id));
    const reply = await discord.replyTo(target);
    expect(reply.message.flags & 64).toBe(0);
    expect(reply.message.embeds[0]?.title).toBe('AI Alliance');
    expect(reply.message.embeds[0]?.description).toBe(shown.embed?.description);
    expect(reply.message.content).toBe(`Shared by <@${DEFAULT_USER_ID}>`);
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(reply.pings).toEqual({ users: [], roles: [], everyone: false });
    const note = await pressed.handle.waitForEdit();
    expect(note.message.content).toBe(SHARED_NOTE);
    expect(note.message.components).toEqual([]);
    expect(pressed.handle.followUps).toEqual([]);
    expectClean(discord);
  });

  it('keeps the "Did you mean…?" choices private and offers no button when nothing was found', async () => {
    const unsure = await discord.askAbout(discord.say(unsureQuestion(discord.bot.store.current.index)));
    expect(unsure.ephemeral).toBe(true);
    expect(unsure.customIds[0]).toBe('ask:pick:private');
    expect(unsure.customIds[1]).toMatch(/:share:/);
    const missing = await discord.askAbout(discord.say('how do I bake bread'));
    expect(missing.embed?.title).toBe('Not in my knowledge base');
    expect(missing.customIds.some((id) => id.includes(':share:'))).toBe(false);
    const thanks = await discord.askAbout(discord.say('thanks!'));
    expect(thanks.message.content).toMatch(/Glad to help/);
    expect(thanks.customIds).toEqual([]);
    expectClean(discord);
  });

  it('says so when the message has no text to ask about', async () => {
    const shown = await discord.askAbout(discord.say(`<@${OTHER_USER.id}>`));
    expect(shown.ephemeral).toBe(true);
    expect(shown.message.content).toMatch(/^❌ That message has no text to ask about/);
  });

  it('posts a public follow-up linking the message where the bot may not post in the channel', async () => {
    const permissions = BigInt(DEFAULT_MEMBER_PERMISSIONS) & ~PERMISSION.sendMessages;
    discord.emulator.setBotPermissions(LOCKED_CHANNEL, permissions);
    const target = discord.say('what is IBM?', { channelId: LOCKED_CHANNEL });
    const shown = await discord.askAbout(target);
    const pressed = await discord.press(shown, shareId(target.id));
    const followUp = await pressed.handle.waitForFollowUp();
    expect(followUp.flags & 64).toBe(0);
    expect(followUp.content).toContain(
      `https://discord.com/channels/${DEFAULT_GUILD_ID}/${LOCKED_CHANNEL}/${target.id}`,
    );
    expect(followUp.embeds[0]?.title).toBe('IBM');
    expect(discord.emulator.repliesTo(target.id)).toEqual([]);
    expectClean(discord);
  });

  it('answers in a DM through a member’s own install, sharing by follow-up since the bot cannot post there', async () => {
    const dmChannel = '1300000000000000700';
    const channelMessages = () => discord.emulator.writes.filter((w) => w.kind === 'channelMessage').length;
    const before = channelMessages();
    const target = discord.say('who co-founded the AI Alliance?', { guildId: null, channelId: dmChannel });
    const shown = await discord.askAbout(target, { context: 'private-channel' });
    expect(shown.handle.payload.context).toBe(2);
    expect(shown.embed?.title).toBe('AI Alliance');
    const pressed = await discord.press(shown, shareId(target.id));
    const followUp = await pressed.handle.waitForFollowUp();
    expect(followUp.content).toContain(`https://discord.com/channels/@me/${dmChannel}/${target.id}`);
    expect(followUp.flags & 64).toBe(0);
    expect(channelMessages()).toBe(before);
    expectClean(discord);
  });

  it('offers no "Post publicly" where Discord would force the answer to stay private', async () => {
    const target = discord.say('what is Meta?', { guildId: OTHER_SERVER, channelId: '1300000000000000901' });
    const withoutExternalApps = (BigInt(DEFAULT_MEMBER_PERMISSIONS) & ~PERMISSION.useExternalApps).toString();
    const shown = await discord.askAbout(target, { permissions: withoutExternalApps });
    expect(shown.ephemeral).toBe(true);
    expect(shown.embed?.title).toBe('Meta');
    expect(shown.customIds).toEqual([]);
    const allowed = await discord.askAbout(target, { user: OTHER_USER });
    expect(allowed.customIds).toEqual([shareId(target.id)]);
    expectClean(discord);
  });
});
