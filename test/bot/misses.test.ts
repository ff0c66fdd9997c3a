import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_TURNED_OFF, STORAGE_UNAVAILABLE } from '../../commands/misses.js';
import { notAModerator } from '../../src/bot/permissions.js';
import { LAST_GOOD_LINK } from '../../src/knowledge/snapshot.js';
import {
  customIds,
  type DiscordTest,
  LEVEL,
  MODERATOR_PERMISSIONS,
  OTHER_USER,
  type Shown,
  startDiscord,
} from '../support/bot-harness.js';

const moderator = { permissions: MODERATOR_PERMISSIONS };
const ANSWERED = 'who co-founded the AI Alliance?';
// A made-up organization: not in the knowledge base until the reload test adds it.
const MISSING = 'What is the Zorblax Institute?';
const MISSING_AGAIN = 'what is the zorblax institute';

const voteIds = (shown: Shown) => shown.customIds.filter((id) => /^feedback:(up|down):/.test(id));
const line = (shown: Shown, text: string) =>
  (shown.embed?.description ?? '').split('\n').find((l) => l.includes(text)) ?? '';

async function addZorblax(dir: string): Promise<void> {
  await writeFile(
    path.join(dir, 'zz-zorblax.yaml'),
    'organizations:\n  - id: org-zorblax-institute\n    name: Zorblax Institute\n' +
      '    summary: The Zorblax Institute is a made-up research lab for the feedback tests.\n' +
      '    sources: [seed-000]\n    type: lab\n',
  );
}

describe('feedback and /misses', () => {
  let discord: DiscordTest;
  let kbDir: string;
  let answered: Shown;

  beforeAll(async () => {
    kbDir = await mkdtemp(path.join(tmpdir(), 'kb-misses-'));
    await cp('knowledge', kbDir, { recursive: true });
    discord = await startDiscord({ knowledgeDir: kbDir });
  });
  afterAll(async () => {
    await discord?.close();
    if (kbDir) await rm(kbDir, { recursive: true, force: true });
  });

  it('puts "Was this helpful?" 👍 👎 under a public answer, and no buttons under a refusal', async () => {
    answered = await discord.run('/ask', { question: ANSWERED });
    expect(answered.ephemeral).toBe(false);
    const row = answered.message.components.at(-1);
    expect(row?.components?.map((c) => c.label ?? (c.emoji as { name?: string } | undefined)?.name)).toEqual([
      'Was this helpful?',
      '👍',
      '👎',
    ]);
    expect(row?.components?.[0]?.disabled).toBe(true);
    const [up, down] = voteIds(answered);
    expect(up).toMatch(/^feedback:up:[A-Za-z0-9_-]+$/);
    expect(down?.replace(':down:', ':up:')).toBe(up);

    const refused = await discord.run('/ask', { question: MISSING });
    expect(refused.ephemeral).toBe(true);
    expect(refused.embed?.title).toBe('Not in my knowledge base');
    expect(voteIds(refused)).toEqual([]);
    await discord.run('/ask', { question: MISSING_AGAIN }, { user: OTHER_USER });

    const privately = await discord.run('/ask', { question: ANSWERED, private: true });
    expect(voteIds(privately)).toEqual([]);
  });

  it('thanks the voter privately, and keeps one vote per member that they can change', async () => {
    const [up, down] = voteIds(answered) as [string, string];
    const first = await discord.press(answered, up, { user: OTHER_USER });
    expect(first.ephemeral).toBe(true);
    expect(first.message.content).toMatch(/^👍 Thanks/);
    const changed = await discord.press(answered, down, { user: OTHER_USER });
    expect(changed.ephemeral).toBe(true);
    expect(changed.message.content).toMatch(/^👎 Thanks/);
    await discord.press(answered, down);
    // The answer itself is left as it was.
    expect(discord.emulator.messages.get(answered.message.id)?.embeds).toEqual(answered.message.embeds);
  });

  it('lists refused and voted-down questions for a moderator, grouped by wording, with counts', async () => {
    const misses = await discord.run('/misses', {}, moderator);
    expect(misses.ephemeral).toBe(true);
    expect(misses.embed?.title).toBe('Missed questions — the last 14 days');
    // Both wordings in one group, shown as last asked; the private ask of the answered question counts too.
    // Two misses each, so the one asked last comes first.
    expect(line(misses, 'zorblax')).toMatch(
      /^2\. “what is the zorblax institute” — asked 2× · 2 refused · last <t:\d+:R>$/,
    );
    expect(line(misses, 'AI Alliance')).toMatch(
      /^1\. “who co-founded the AI Alliance\?” — asked 2× · 2 👎 · last <t:\d+:R> · picked \*\*AI Alliance\*\*$/,
    );
    expect(misses.embed?.footer?.text).toMatch(/^Page 1 of 1 · 2 questions refused, unsure or voted down/);
    expect(misses.customIds).toEqual([]);
  });

  it('refuses /misses to a member without the moderator permission', async () => {
    const refused = await discord.run('/misses', {}, { user: OTHER_USER });
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toBe(notAModerator('misses'));
    expect(refused.embed).toBeUndefined();
    expect(discord.logsMatching('misses refused: not a moderator').at(-1)).toMatchObject({
      level: LEVEL.warn,
      user: OTHER_USER.id,
    });
  });

  it('still has them after the bot restarts, and the buttons from before the restart still vote', async () => {
    // Asked right before the stop: still queued, so only the stop's flush can save it.
    await discord.run('/ask', { question: 'who runs the Quibblix Foundation?' });
    expect(discord.bot.feedback.pending).toBeGreaterThan(0);
    await discord.restart();
    const [up] = voteIds(answered) as [string, string];
    const vote = await discord.press(answered, up);
    expect(vote.message.content).toMatch(/^👍 Thanks/);

    const misses = await discord.run('/misses', { days: 30 }, moderator);
    expect(misses.embed?.title).toBe('Missed questions — the last 30 days');
    expect(line(misses, 'zorblax')).toContain('asked 2× · 2 refused');
    expect(line(misses, 'AI Alliance')).toContain('asked 2× · 1 👎 · 1 👍');
    expect(line(misses, 'Quibblix')).toContain('asked 1× · 1 refused');
  });

  it('reports a /reload that adds the missing fact as answering the refused question now', async () => {
    await addZorblax(kbDir);
    const report = await discord.run('/reload', {}, moderator);
    expect(report.embed?.title).toBe('✅ Knowledge base reloaded');
    const field = report.embed?.fields?.find((f) => f.name.startsWith('Now answered'));
    // The 👎'd answer didn't change, so only the refused question counts.
    expect(field?.name).toBe('Now answered: 1 of 3 distinct misses of the last 14 days');
    expect(field?.value).toBe('> what is the zorblax institute → **Zorblax Institute**');

    const again = await discord.run('/reload', {}, moderator);
    expect(again.embed?.fields?.find((f) => f.name.startsWith('Now answered'))?.name).toBe(
      'Now answered: 0 of 3 distinct misses of the last 14 days',
    );
    const ask = await discord.run('/ask', { question: MISSING });
    expect(ask.embed?.title).toBe('Zorblax Institute');
  });

  it('pages through many misses with ◀ ▶, for moderators only', async () => {
    for (let i = 1; i <= 10; i++) await discord.run('/ask', { question: `what is the flumph number ${i}?` });
    const first = await discord.run('/misses', {}, moderator);
    expect(first.embed?.footer?.text).toMatch(/^Page 1 of 2 · 13 questions/);
    expect(first.customIds).toEqual(['misses:page:14:0:prev', 'misses:page:14:1:next']);
    const second = await discord.press(first, 'misses:page:14:1:next', moderator);
    expect(second.message.id).toBe(first.message.id);
    expect(second.embed?.footer?.text).toMatch(/^Page 2 of 2 · 13 questions/);
    expect(second.embed?.description).toMatch(/^11\. /);
    const refused = await discord.press(first, 'misses:page:14:0:prev', { user: OTHER_USER });
    expect(refused.message.content).toBe(notAModerator('misses'));
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});

describe('every way of asking', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('records mentions and the message menu too, and a mention’s public answer takes votes', async () => {
    const refusedMention = discord.mention('what does the Quibblix Foundation do?', { author: OTHER_USER });
    const refusedReply = await discord.replyTo(refusedMention);
    expect(customIds(refusedReply.message).filter((id) => id.startsWith('feedback:'))).toEqual([]);

    const asked = discord.mention(ANSWERED, { author: { id: '1300000000000000402', username: 'asker' } });
    const answer = await discord.replyTo(asked);
    const ids = customIds(answer.message);
    expect(ids[0]).toBe('feedback:prompt');
    const down = ids.find((id) => id.startsWith('feedback:down:')) ?? '';
    const vote = await discord.press(answer.message, down, { user: OTHER_USER });
    expect(vote.ephemeral).toBe(true);
    expect(vote.message.content).toMatch(/^👎 Thanks/);

    const target = discord.say('Is the Zorblax Institute open source?', { author: OTHER_USER });
    const menu = await discord.askAbout(target);
    expect(menu.ephemeral).toBe(true);

    const misses = await discord.run('/misses', {}, moderator);
    const text = misses.embed?.description ?? '';
    expect(text).toContain('“what does the Quibblix Foundation do?” — asked 1× · 1 refused');
    expect(text).toMatch(/“Is the Zorblax Institute open source\?” — asked 1× · 1 (refused|unsure)/);
    expect(text).toMatch(/“who co-founded the AI Alliance\?” — asked 1× · 1 👎/);
    expect(discord.emulator.rejected).toEqual([]);
  });
});

describe('when the feedback database cannot be opened', () => {
  let discord: DiscordTest;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bot-data-corrupt-'));
    await writeFile(path.join(dataDir, 'initiatives.db'), 'not a database '.repeat(500));
    discord = await startDiscord({ env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await discord?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps answering, without vote buttons, and logs one warning', async () => {
    for (let i = 0; i < 3; i++) {
      const reply = await discord.run('/ask', { question: ANSWERED });
      expect(reply.embed?.title).toBe('AI Alliance');
      expect(voteIds(reply)).toEqual([]);
    }
    const warnings = discord.logsMatching(/^feedback storage unavailable/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe(LEVEL.warn);
  });

  it('tells moderators that storage is unavailable in /misses and in the /reload report', async () => {
    const misses = await discord.run('/misses', {}, moderator);
    expect(misses.ephemeral).toBe(true);
    expect(misses.message.content).toBe(`❌ ${STORAGE_UNAVAILABLE}`);
    const report = await discord.run('/reload', {}, moderator);
    expect(report.embed?.fields?.find((f) => f.name === 'Now answered')?.value).toMatch(/unavailable/);
  });
});

describe('with FEEDBACK=off', () => {
  let discord: DiscordTest;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bot-data-off-'));
    discord = await startDiscord({ env: { DATA_DIR: dataDir, FEEDBACK: 'off' } });
  });
  afterAll(async () => {
    await discord?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stores nothing, shows no vote buttons, and /misses says recording is off', async () => {
    const reply = await discord.run('/ask', { question: ANSWERED });
    expect(reply.embed?.title).toBe('AI Alliance');
    expect(voteIds(reply)).toEqual([]);
    await discord.run('/ask', { question: MISSING });
    const misses = await discord.run('/misses', {}, moderator);
    expect(misses.message.content).toBe(`❌ ${FEEDBACK_TURNED_OFF}`);
    const report = await discord.run('/reload', {}, moderator);
    expect(report.embed?.fields?.some((f) => f.name.startsWith('Now answered'))).toBe(false);
    // Only the last good copy of the knowledge base (no member data) is kept there.
    const kept = (await readdir(dataDir)).filter((e) => e !== LAST_GOOD_LINK && !e.startsWith('.knowledge-'));
    expect(kept).toEqual([]);
  });
});
