import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { formatDate } from '../../src/text/dates.js';
import { type DiscordTest, OTHER_USER, startDiscord } from '../support/bot-harness.js';
import { unsureQuestion } from '../support/questions.js';

describe('/ask', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers "who co-founded the AI Alliance?" publicly with the subject, IBM and Meta, sources and knowledge date', async () => {
    const reply = await discord.run('/ask', { question: 'who co-founded the AI Alliance?' });
    const { kb } = discord.bot.store.current;
    expect(reply.ephemeral).toBe(false);
    expect(reply.embed?.title).toBe('AI Alliance');
    expect(reply.embed?.description).toMatch(/IBM/);
    expect(reply.embed?.description).toMatch(/Meta/);
    const sources = reply.embed?.fields?.find((f) => f.name === 'Sources')?.value ?? '';
    expect(sources).toMatch(/^• \[.+\]\(https?:\/\/\S+\)/m);
    expect(reply.embed?.footer?.text).toMatch(
      new RegExp(`^Knowledge updated ${formatDate(kb.updated ?? '')} · confidence \\d{1,3}%$`),
    );
    expect(reply.text).not.toContain(kb.version);
    expect(reply.handle.writes[0]?.allowedMentions).toEqual({ parse: [] });
  });

  it('offers "Did you mean…?" for an unsure answer and posts the picked record publicly', async () => {
    const { index } = discord.bot.store.current;
    const question = unsureQuestion(index);
    const expected = answer(question, index).suggestions;

    const unsure = await discord.run('/ask', { question });
    expect(unsure.ephemeral).toBe(true);
    expect(unsure.message.content).toMatch(/not sure/);
    const menu = unsure.message.components[0]?.components?.[0];
    expect(menu).toMatchObject({ type: 3, custom_id: 'ask:pick' });
    expect(menu?.options?.map((o) => o.value)).toEqual(expected.map((s) => s.id));

    const pick = expected[0];
    if (!pick) throw new Error('no suggestion');
    const picked = await discord.select(unsure, 'ask:pick', [pick.id]);
    // The ephemeral menu is replaced by a pointer; the answer goes to the channel as a new, public message.
    expect(picked.message.id).toBe(unsure.message.id);
    expect(picked.message.components).toEqual([]);
    const posted = await picked.handle.waitForFollowUp();
    expect(posted.flags & 64).toBe(0);
    expect(posted.id).not.toBe(unsure.message.id);
    expect(posted.embeds[0]?.title).toBe(pick.name);
  });

  it('keeps the picked answer private when the unsure question was asked privately', async () => {
    const { index } = discord.bot.store.current;
    const question = unsureQuestion(index);
    const unsure = await discord.run('/ask', { question, private: true });
    const menu = unsure.message.components[0]?.components?.[0];
    expect(menu?.custom_id).toBe('ask:pick:private');
    const pick = menu?.options?.[0]?.value ?? '';
    const picked = await discord.select(unsure, 'ask:pick:private', [pick]);
    expect(picked.ephemeral).toBe(true);
    expect(picked.message.id).toBe(unsure.message.id);
    expect(picked.embed?.title).toBe(index.kb.byId.get(pick)?.name);
    expect(picked.handle.followUps).toEqual([]);
  });

  it('says honestly, to the asker only, that baking bread is not in the knowledge base', async () => {
    const reply = await discord.run('/ask', { question: 'how do I bake bread' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.embed?.title).toBe('Not in my knowledge base');
    expect(reply.embed?.description).toMatch(/isn't in my knowledge base/);
    expect(reply.embed?.footer?.text).not.toMatch(/confidence/);
    // Topics it does know are offered instead of a guess.
    expect(reply.embed?.description).toMatch(/AI Alliance/);
    expect(discord.logsMatching('question not in the knowledge base').at(-1)).toMatchObject({
      question: 'how do I bake bread',
      outcome: 'not-found',
    });
  });

  it('meets "hi" and "what can you do?" with a pointer to what it knows, not "not in my knowledge base"', async () => {
    for (const question of ['hi', 'what can you do?']) {
      const reply = await discord.run('/ask', { question });
      expect(reply.ephemeral).toBe(true);
      expect(reply.embed).toBeUndefined();
      expect(reply.message.content).toContain('/ask');
      expect(reply.message.content).not.toMatch(/knowledge base\b.*isn't/);
    }
    expect(discord.logsMatching('small talk answered').at(-1)).toMatchObject({ via: 'slash' });
    const real = await discord.run('/ask', { question: 'hi, who co-founded the AI Alliance?' });
    expect(real.embed?.title).toBe('AI Alliance');
  });

  it('keeps an answer private when private is true', async () => {
    const reply = await discord.run('/ask', { question: 'who co-founded the AI Alliance?', private: true });
    expect(reply.ephemeral).toBe(true);
    expect(reply.embed?.title).toBe('AI Alliance');
  });

  it('escapes markdown and mentions echoed from the question, and pings nobody', async () => {
    const question = `**bold** <@${OTHER_USER.id}> @everyone what is IBM?`;
    const reply = await discord.run('/ask', { question });
    const quoted = reply.embed?.description?.split('\n')[0] ?? '';
    expect(quoted).toContain('\\*\\*bold\\*\\*');
    expect(quoted).not.toContain(`<@${OTHER_USER.id}>`);
    expect(quoted).not.toMatch(/@everyone/);
    const write = reply.handle.writes[0];
    expect(write?.pings).toEqual({ users: [], roles: [], everyone: false });
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.unknownRoutes).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});

describe('/ask cooldown', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({ env: { ASK_COOLDOWN_SECONDS: '30' } });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers a second question within the cooldown with an ephemeral note saying when to retry', async () => {
    const first = await discord.run('/ask', { question: 'what is IBM?' });
    expect(first.ephemeral).toBe(false);
    const started = Math.floor(Date.now() / 1000);
    const second = await discord.run('/ask', { question: 'what is Meta?' });
    expect(second.ephemeral).toBe(true);
    expect(second.embed).toBeUndefined();
    const retryAt = Number(/<t:(\d+):R>/.exec(second.message.content)?.[1]);
    expect(retryAt).toBeGreaterThanOrEqual(started + 28);
    expect(retryAt).toBeLessThanOrEqual(started + 31);
  });

  it('counts the cooldown per user', async () => {
    const other = await discord.run('/ask', { question: 'what is Meta?' }, { user: OTHER_USER });
    expect(other.ephemeral).toBe(false);
    expect(other.embed?.title).toBe('Meta');
  });
});
