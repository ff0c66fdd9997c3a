import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garbledAliases } from '../../src/knowledge/model.js';
import type { KbRecord } from '../../src/knowledge/schema.js';
import { decodeCardState, INITIATIVE_TOPICS } from '../../src/present/card-state.js';
import { sourceUrl } from '../../src/present/sources.js';
import { decodeSourcesButton } from '../../src/present/whois-card.js';
import { type DiscordTest, type Shown, startDiscord } from '../support/bot-harness.js';
import { findComponent } from '../support/emulator.js';
import { memberTextProblems } from '../support/member-text.js';

/**
 * Every source a card may cite: the record's own, its facts', relations', roles' and launch's, and on an
 * /initiative card also those of its members' relations and its people's roles.
 */
function citedIds(record: KbRecord, discord: DiscordTest, card: 'whois' | 'initiative'): Set<string> {
  const { index } = discord.bot.store.current;
  const ids = [...record.sources, ...record.facts.flatMap((f) => f.sources)];
  if (record.kind === 'organization') ids.push(...record.involvement.flatMap((i) => i.sources));
  if (record.kind === 'person') ids.push(...record.roles.flatMap((r) => r.sources));
  if (record.kind === 'initiative') ids.push(...(record.launched?.sources ?? []));
  if (record.kind === 'initiative' && card === 'initiative') {
    for (const { inv } of index.membersOf.get(record.id) ?? []) ids.push(...inv.sources);
    for (const { role } of index.staffOfInitiative.get(record.id) ?? []) ids.push(...role.sources);
  }
  return new Set(ids);
}

/** Presses ▶ until the last page; returns every page shown, the first included. */
async function allPages(
  discord: DiscordTest,
  first: Shown,
  nextId: (card: Shown, page: number) => string | undefined,
) {
  const pages = [first];
  const count = Number(/page 1 of (\d+)/.exec(first.embed?.footer?.text ?? '')?.[1] ?? 1);
  let card = first;
  for (let page = 1; page < count; page++) {
    const next = nextId(card, page);
    if (!next || findComponent(card.message, next)?.disabled) throw new Error(`no way to page ${page + 1}`);
    card = await discord.press(card, next);
    pages.push(card);
  }
  return pages;
}

/** The sources a reply links to, as addresses (or titles, for a source without one). */
function linked(text: string, discord: DiscordTest, ids: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const id of ids) {
    const source = discord.bot.store.current.kb.sources.get(id);
    if (!source) continue;
    const url = sourceUrl(source);
    if (!text.includes(url ? `](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : source.title))
      missing.push(id);
  }
  return missing;
}

/**
 * What members read, checked everywhere it can be opened: every page of every /initiative topic and every
 * /whois card (with its full source list) goes through the emulator, and each must be free of internal ids and
 * editors' notes, say no sentence twice, cut no word, fit three pages, and reach every source it cites.
 */
describe('every card a member can open reads clean', () => {
  let discord: DiscordTest;
  let ids: Set<string>;
  beforeAll(async () => {
    discord = await startDiscord({ logLevel: 'info' });
    const { kb } = discord.bot.store.current;
    ids = new Set([...kb.sources.keys(), ...kb.byId.keys()]);
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('every /initiative topic: at most three pages, clean text, and every cited source on the Sources pages', async () => {
    const problems: string[] = [];
    const initiatives = discord.bot.store.current.kb.records.filter((r) => r.kind === 'initiative');
    let pages = 0;
    for (const initiative of initiatives) {
      for (const topic of INITIATIVE_TOPICS) {
        const first = await discord.run('/initiative', { name: initiative.id, topic });
        const shown = await allPages(discord, first, (card, page) =>
          card.customIds.find((id) => {
            const s = decodeCardState(id);
            return s?.action === 'p' && s.page === page;
          }),
        );
        pages += shown.length;
        if (shown.length > 3) problems.push(`${initiative.id} ${topic}: ${shown.length} pages`);
        for (const [i, card] of shown.entries())
          for (const p of memberTextProblems(card.text, { ids }))
            problems.push(`${initiative.id} ${topic} page ${i + 1}: ${p}`);
        if (topic === 'sources') {
          const missing = linked(
            shown.map((c) => c.text).join('\n'),
            discord,
            citedIds(initiative, discord, 'initiative'),
          );
          if (missing.length > 0) problems.push(`${initiative.id} sources: missing ${missing.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(pages).toBeGreaterThan(initiatives.length * INITIATIVE_TOPICS.length);
  });

  it('every /whois card: clean text, and every cited source on the card or behind its "All sources" button', async () => {
    const problems: string[] = [];
    for (const record of discord.bot.store.current.kb.records) {
      const card = await discord.run('/whois', { name: record.id });
      for (const p of memberTextProblems(card.text, { ids })) problems.push(`${record.id}: ${p}`);
      const texts = [card.text];
      const button = card.customIds.find((id) => decodeSourcesButton(id));
      if (button) {
        const first = await discord.press(card, button);
        expect(first.ephemeral).toBe(true);
        const pages = await allPages(discord, first, (c, page) =>
          c.customIds.find((id) => decodeSourcesButton(id)?.page === page),
        );
        for (const page of pages) {
          texts.push(page.text);
          for (const p of memberTextProblems(page.text, { ids })) problems.push(`${record.id} sources: ${p}`);
        }
      }
      const missing = linked(texts.join('\n'), discord, citedIds(record, discord, 'whois'));
      if (missing.length > 0) problems.push(`${record.id}: sources not reachable: ${missing.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('/whois by a garbled spelling explains it, without editors’ notes or ids', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const record of discord.bot.store.current.kb.records) {
      if (record.kind === 'initiative' || record.kind === 'project') continue;
      for (const spelling of garbledAliases(record)) {
        const card = await discord.run('/whois', { name: spelling });
        checked++;
        expect(card.embed?.description).toContain(`“${spelling}” is a garbled spelling of ${record.name}.`);
        for (const p of memberTextProblems(card.text, { ids, garbled: true }))
          problems.push(`${spelling}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(3);
  });

  it('/help reads clean too', async () => {
    const help = await discord.run('/help');
    expect(memberTextProblems(help.text, { ids })).toEqual([]);
  });

  it('sends nothing Discord would reject', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});
