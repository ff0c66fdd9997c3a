import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_YOUR_CARD } from '../../commands/initiative.js';
import { decodeCardState } from '../../src/present/card-state.js';
import { type DiscordTest, OTHER_USER, type Shown, startDiscord } from '../support/bot-harness.js';
import { DEFAULT_USER_ID, findComponent } from '../support/emulator.js';

const buttonFor = (card: Shown, action: 't' | 'p', topic: string, page?: number) =>
  card.customIds.find((id) => {
    const state = decodeCardState(id);
    return state?.action === action && state.topic === topic && (page === undefined || state.page === page);
  });

describe('/initiative', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('shows the AI Alliance overview with its launch, founders and member count', async () => {
    const card = await discord.run('/initiative', { name: 'ai-alliance' });
    expect(card.ephemeral).toBe(false);
    expect(card.embed?.title).toBe('AI Alliance — Overview');
    expect(card.embed?.description).toMatch(/Launched on December 5, 2023 by IBM and Meta/);
    expect(card.embed?.fields?.find((f) => f.name === 'Members')?.value).toMatch(/^\d+ organizations/);
    expect(card.message.components.length).toBeLessThanOrEqual(5);
  });

  it('switches topic in place when a topic button is pressed', async () => {
    const card = await discord.run('/initiative', { name: 'ai-alliance' });
    const goals = buttonFor(card, 't', 'goals');
    if (!goals) throw new Error('no Goals button');
    const pressed = await discord.press(card, goals);
    expect(pressed.handle.callbacks[0]?.type).toBe(7);
    expect(pressed.message.id).toBe(card.message.id);
    expect(pressed.embed?.title).toBe('AI Alliance — Goals');
    expect(pressed.embed?.description).not.toBe(card.embed?.description);
    // The current topic's button is disabled; the others stay enabled.
    const current = buttonFor(pressed, 't', 'goals');
    expect(current && findComponent(pressed.message, current)?.disabled).toBe(true);
    const overview = buttonFor(pressed, 't', 'overview');
    expect(overview && findComponent(pressed.message, overview)?.disabled).toBe(false);
    expect(discord.emulator.messages.get(card.message.id)?.embeds[0]?.title).toBe('AI Alliance — Goals');
  });

  it("refuses another user's button press with an ephemeral note and leaves the card unchanged", async () => {
    const card = await discord.run('/initiative', { name: 'ai-alliance' });
    const founders = buttonFor(card, 't', 'founders');
    if (!founders) throw new Error('no Founders button');
    expect(decodeCardState(founders)?.ownerId).toBe(DEFAULT_USER_ID);
    const refused = await discord.press(card, founders, { user: OTHER_USER });
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toBe(NOT_YOUR_CARD);
    expect(refused.message.id).not.toBe(card.message.id);
    expect(discord.emulator.messages.get(card.message.id)?.embeds).toEqual(card.message.embeds);
  });

  it('pages the long AI Alliance member list with ◀ ▶ buttons', async () => {
    const first = await discord.run('/initiative', { name: 'ai-alliance', topic: 'members' });
    expect(first.embed?.footer?.text).toMatch(/page 1 of (\d+)/);
    const previous = buttonFor(first, 'p', 'members', 0);
    expect(previous && findComponent(first.message, previous)?.disabled).toBe(true);
    const next = buttonFor(first, 'p', 'members', 1);
    if (!next) throw new Error('no Next button');
    const second = await discord.press(first, next);
    expect(second.message.id).toBe(first.message.id);
    expect(second.embed?.footer?.text).toMatch(/page 2 of/);
    expect(second.embed?.description).not.toBe(first.embed?.description);
    const back = buttonFor(second, 'p', 'members', 0);
    expect(back && findComponent(second.message, back)?.disabled).toBe(false);
    for (const row of second.message.components) expect(row.components?.length).toBeLessThanOrEqual(5);
    for (const id of second.customIds) expect(id.length).toBeLessThanOrEqual(100);
  });

  it('lists notable non-members and why they stayed out', async () => {
    const { index } = discord.bot.store.current;
    const outsider = index.membersOf.get('ai-alliance')?.find((m) => m.inv.role === 'not-a-member');
    if (!outsider) throw new Error('the knowledge base has no AI Alliance non-member');
    let card = await discord.run('/initiative', { name: 'ai-alliance', topic: 'members' });
    const pages = Number(/page 1 of (\d+)/.exec(card.embed?.footer?.text ?? '')?.[1] ?? 1);
    const seen = [card.embed?.description ?? ''];
    for (let page = 1; page < pages; page++) {
      const next = buttonFor(card, 'p', 'members', page);
      if (!next) throw new Error(`no button to page ${page + 1}`);
      card = await discord.press(card, next);
      seen.push(card.embed?.description ?? '');
    }
    const all = seen.join('\n');
    expect(all).toMatch(/Notable non-members \(\d+\)/);
    expect(all).toContain(`**${outsider.org.name}** — `);
  });

  it('resolves a typed name without autocomplete, and answers an unknown name with ❌ and suggestions', async () => {
    const typed = await discord.run('/initiative', { name: 'frontier model forum', topic: 'timeline' });
    expect(typed.embed?.title).toBe('Frontier Model Forum — Timeline');
    const unknown = await discord.run('/initiative', { name: 'the bread bakers guild' });
    expect(unknown.ephemeral).toBe(true);
    expect(unknown.message.content).toMatch(
      /^❌ I couldn't find an initiative called “the bread bakers guild”/,
    );
    expect(unknown.message.content).toMatch(/AI Alliance/);
  });

  it('autocompletes: empty input gives the main initiatives, "aliance" the AI Alliance first, never over 25', async () => {
    const empty = await discord.autocomplete('/initiative', 'name', '');
    const featured = discord.bot.store.current.kb.records.filter(
      (r) => r.kind === 'initiative' && r.featured,
    );
    expect(empty.slice(0, featured.length).map((c) => c.value)).toEqual(featured.map((r) => r.id));

    const typo = await discord.autocomplete('/initiative', 'name', 'aliance');
    expect(typo[0]).toMatchObject({ name: 'AI Alliance', value: 'ai-alliance' });

    const many = await discord.autocomplete('/whois', 'name', 'a');
    const matching = discord.bot.store.current.kb.records.filter(
      (r) => r.kind !== 'initiative' && r.kind !== 'project' && /(^|\s)a/i.test(r.name),
    );
    expect(matching.length).toBeGreaterThan(25);
    expect(many).toHaveLength(25);
    for (const c of [...empty, ...typo, ...many]) {
      expect(c.name.length).toBeGreaterThanOrEqual(1);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('pings only the mentioned user when mention is given, and nobody otherwise', async () => {
    const mentioned = await discord.run('/initiative', { name: 'ai-alliance', mention: OTHER_USER });
    expect(mentioned.message.content).toBe(`<@${OTHER_USER.id}>`);
    const write = mentioned.handle.writes[0];
    expect(write?.allowedMentions).toEqual({ parse: [], users: [OTHER_USER.id] });
    expect(write?.pings).toEqual({ users: [OTHER_USER.id], roles: [], everyone: false });

    const plain = await discord.run('/initiative', { name: 'ai-alliance' });
    expect(plain.message.content).toBe('');
    expect(plain.handle.writes[0]?.allowedMentions).toEqual({ parse: [] });
    expect(plain.handle.writes[0]?.pings.users).toEqual([]);

    // Turning the pages of a card that mentioned someone doesn't ping again (and edits never notify anyway).
    const members = buttonFor(mentioned, 't', 'members');
    if (!members) throw new Error('no Members button');
    const pressed = await discord.press(mentioned, members);
    expect(pressed.handle.writes[0]?.allowedMentions).toEqual({ parse: [] });
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.unknownRoutes).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});

describe('/whois', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('describes IBM: what it is, its role in each initiative with dates, and sources', async () => {
    const card = await discord.run('/whois', { name: 'org-ibm' });
    expect(card.ephemeral).toBe(false);
    expect(card.embed?.title).toMatch(/^IBM/);
    const initiatives = card.embed?.fields?.find((f) => f.name === 'Initiatives')?.value ?? '';
    expect(initiatives).toMatch(/\*\*AI Alliance\*\* — co-founder, launched December 5, 2023/);
    expect(card.embed?.fields?.find((f) => f.name.startsWith('Sources'))?.value).toMatch(/\]\(https?:/);
    expect(card.embed?.footer?.text).toMatch(
      /^Organization · company · Knowledge updated \w+ \d{1,2}, \d{4}$/,
    );
  });

  it('explains why a notable non-member kept away from the AI Alliance', async () => {
    const card = await discord.run('/whois', { name: 'OpenAI' });
    const initiatives = card.embed?.fields?.find((f) => f.name === 'Initiatives')?.value ?? '';
    expect(initiatives).toMatch(/\*\*AI Alliance\*\* — not a member at its launch on December 5, 2023: \S/);
  });

  it('shows a person with their roles and dates', async () => {
    const card = await discord.run('/whois', { name: 'Joelle Pineau' });
    expect(card.embed?.title).toBe('Joelle Pineau');
    const roles = card.embed?.fields?.find((f) => f.name === 'Roles')?.value ?? '';
    expect(roles).toMatch(/Chief AI Officer/);
    expect(roles).toMatch(/\(2017 – May 30, 2025\)/);
    expect(card.embed?.fields?.some((f) => f.name === 'Key statements')).toBe(true);
  });

  it('resolves the garbled "Cohear" to Cohere and explains the spelling to whoever typed it only', async () => {
    const card = await discord.run('/whois', { name: 'Cohear' });
    expect(card.embed?.title).toBe('Cohere');
    expect(card.embed?.description).toContain('“Cohear” is a garbled spelling of Cohere.');
    expect(card.embed?.description).toMatch(
      /TechCrunch's article garbles Cohere's name as 'Cohear' and 'Foghere'/,
    );
    const plain = await discord.run('/whois', { name: 'Cohere' });
    expect(plain.text).not.toMatch(/Cohear|Foghere|garbl/);
    const choices = await discord.autocomplete('/whois', 'name', 'Cohear');
    expect(choices[0]).toMatchObject({ value: 'org-cohere' });
    expect(choices[0]?.name).toMatch(/garbled/);
  });

  it('autocompletes organizations and people, led by the most referenced ones', async () => {
    const empty = await discord.autocomplete('/whois', 'name', '');
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.length).toBeLessThanOrEqual(25);
    const { index } = discord.bot.store.current;
    const kinds = empty.map((c) => index.kb.byId.get(String(c.value))?.kind);
    expect(new Set(kinds)).not.toContain('initiative');
    const refs = (c: { value: string | number }) => index.refCount.get(String(c.value)) ?? 0;
    const mostReferenced = Math.max(
      ...index.kb.records
        .filter((r) => r.kind === 'organization' || r.kind === 'person')
        .map((r) => refs({ value: r.id })),
    );
    expect(refs(empty[0] ?? { value: '' })).toBe(mostReferenced);
    const meta = await discord.autocomplete('/whois', 'name', 'meta');
    expect(meta[0]).toMatchObject({ name: 'Meta', value: 'org-meta' });
  });

  it('answers an unknown name with an ephemeral ❌', async () => {
    const card = await discord.run('/whois', { name: 'Zorblax Industries' });
    expect(card.ephemeral).toBe(true);
    expect(card.message.content).toMatch(
      /^❌ I couldn't find an organization or person called “Zorblax Industries”/,
    );
  });

  it('pings only the mentioned user', async () => {
    const card = await discord.run('/whois', { name: 'Meta', mention: OTHER_USER });
    expect(card.message.content).toBe(`<@${OTHER_USER.id}>`);
    expect(card.handle.writes[0]?.pings).toEqual({ users: [OTHER_USER.id], roles: [], everyone: false });
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.unknownRoutes).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});
