import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Topic } from '../../src/knowledge/schema.js';
import { decodeCardState, INITIATIVE_TOPICS } from '../../src/present/card-state.js';
import { type DiscordTest, type Shown, startDiscord } from '../support/bot-harness.js';
import { findComponent } from '../support/emulator.js';

function expectClean(discord: DiscordTest): void {
  expect(discord.emulator.rejected).toEqual([]);
  expect(discord.emulator.unknownRoutes).toEqual([]);
  expect(discord.emulator.missingAllowedMentions).toEqual([]);
}

/** Opens every topic of every initiative and turns every page; returns how many pages were shown. */
async function everyInitiativePage(discord: DiscordTest): Promise<number> {
  const initiatives = discord.bot.store.current.kb.records.filter((r) => r.kind === 'initiative');
  let pagesSeen = 0;
  for (const initiative of initiatives) {
    for (const topic of INITIATIVE_TOPICS) {
      let card: Shown = await discord.run('/initiative', { name: initiative.id, topic });
      expect(card.embed?.title).toContain(initiative.name.slice(0, 50));
      pagesSeen++;
      const pages = Number(/page 1 of (\d+)/.exec(card.embed?.footer?.text ?? '')?.[1] ?? 1);
      for (let page = 1; page < pages; page++) {
        const next = card.customIds.find((id) => {
          const s = decodeCardState(id);
          return s?.action === 'p' && s.page === page;
        });
        if (!next || findComponent(card.message, next)?.disabled)
          throw new Error(`no way to page ${page + 1}`);
        card = await discord.press(card, next);
        expect(card.embed?.footer?.text).toContain(`page ${page + 1} of ${pages}`);
        pagesSeen++;
      }
    }
  }
  return pagesSeen;
}

/**
 * Every card the knowledge base can produce goes through the emulator, which validates each payload the way
 * Discord does (50035 on any limit); the longest records are the ones that would break first.
 */
describe("every card fits Discord's limits", () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({ logLevel: 'info' });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('for every initiative, every topic and every page', async () => {
    const pagesSeen = await everyInitiativePage(discord);
    expect(pagesSeen).toBeGreaterThan(6 * INITIATIVE_TOPICS.length);
    expectClean(discord);
  });

  it('for /whois of every organization, person and project', async () => {
    const records = discord.bot.store.current.kb.records.filter((r) => r.kind !== 'initiative');
    for (const record of records) {
      const card = await discord.run('/whois', { name: record.id });
      expect(card.embed?.title).toContain(record.name.slice(0, 50));
    }
    expectClean(discord);
  });

  it('for /ask about every record by name', async () => {
    for (const record of discord.bot.store.current.kb.records) {
      const reply = await discord.run('/ask', { question: `what is ${record.name}`.slice(0, 300) });
      expect(reply.embed).toBeDefined();
    }
    expectClean(discord);
  });
});

const long = (words: number, seed: string) =>
  Array.from({ length: words }, (_, i) => `${seed}${i % 7 === 0 ? '*' : ''}word${i}`).join(' ');
const DATES = ['2019', '2020-02', '2021-03-04', '2022-11', '2023-12-05', '2024-06-30'];

/** A knowledge base made to break limits: huge texts, hundreds of members, dozens of roles and sources. */
function stressKnowledge(): Record<string, unknown> {
  const sources = Array.from({ length: 90 }, (_, i) => ({
    id: `src-${i}`,
    title: `${long(40, `title${i}`)} [with] (brackets) **stars** <@123> @everyone`,
    publisher: long(20, 'publisher'),
    date: '2024',
    url: `https://example.org/${'deep/'.repeat(60)}${i}?q=(x)`,
    kind: 'public',
  }));
  const src = (i: number) => [`src-${i % 90}`, `src-${(i + 1) % 90}`];
  // Every topic a moderator can use, so each one's rendering is pushed to the limits.
  const topics = Topic.options;
  const facts = (n: number, seed: string) =>
    Array.from({ length: n }, (_, i) => ({
      topic: topics[i % topics.length],
      text: long(300, `${seed}${i}`),
      ...(i % 3 === 0 ? { quote: long(120, `quote${i}`) } : {}),
      ...(i % 2 === 0 ? { date: DATES[i % DATES.length] } : {}),
      sources: src(i),
    }));
  const initiatives = ['alpha', 'beta'].map((k, n) => ({
    id: `stress-${k}`,
    name: `Stress ${k} ${long(40, 'initiative')}`,
    summary: long(700, `summary${k}`),
    sources: src(n),
    type: long(200, 'type'),
    featured: true,
    launched: { date: '2023-12-05', note: long(300, 'launchnote'), sources: src(3) },
    website: `https://example.org/${'x'.repeat(300)}`,
    related: n === 0 ? ['stress-beta'] : ['stress-alpha'],
    facts: facts(30, `fact${k}`),
  }));
  const roles = ['co-founder', 'founding-member', 'member', 'partner', 'critic', 'not-a-member'];
  // Many members to page through; only the first few carry very long texts (enough to hit every limit).
  const organizations = Array.from({ length: 120 }, (_, i) => ({
    id: `org-stress-${i}`,
    name: `Stress organization ${i} ${long(25, `org${i}x`)}`,
    summary: long(i < 6 ? 200 : 10, `orgsummary${i}`),
    sources: src(i),
    type: 'company',
    description: long(i < 6 ? 600 : 10, `orgdescription${i}`),
    involvement: Array.from({ length: i === 0 ? 60 : 1 }, (_, j) => {
      const role = roles[(i + j) % roles.length];
      return {
        initiative: j % 2 === 0 ? 'stress-alpha' : 'stress-beta',
        role,
        date: DATES[(i + j) % DATES.length],
        note: long(i < 6 ? 150 : 8, 'note'),
        ...(role === 'not-a-member' ? { reason: long(i < 6 ? 250 : 20, 'reason') } : {}),
        sources: src(i + j),
      };
    }),
    facts: i === 0 ? facts(40, 'orgfact') : [],
  }));
  const people = [
    {
      id: 'person-stress',
      name: `Stress Person ${long(30, 'person')}`,
      summary: long(700, 'personsummary'),
      sources: src(5),
      roles: Array.from({ length: 70 }, (_, j) => ({
        title: long(60, `title${j}`),
        organization: `org-stress-${j % 5}`,
        initiative: 'stress-alpha',
        from: '2020',
        to: '2024-06',
        sources: src(j),
      })),
      facts: facts(40, 'personfact').map((f, i) => ({ ...f, topic: i % 2 ? 'quote' : 'career' })),
    },
  ];
  const projects = [
    {
      id: 'proj-stress',
      name: `Stress Project ${long(30, 'project')}`,
      summary: long(700, 'projectsummary'),
      sources: src(7),
      type: long(100, 'projecttype'),
      owner: 'org-stress-0',
      released: '2024-06-30',
      related: organizations.map((o) => o.id),
      facts: facts(20, 'projectfact'),
    },
  ];
  return { sources, initiatives, organizations, people, projects };
}

describe("a knowledge base built to break Discord's limits still fits", () => {
  let discord: DiscordTest;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-stress-'));
    const kb = stressKnowledge();
    for (const [section, list] of Object.entries(kb))
      await writeFile(path.join(dir, `${section}.yaml`), stringify({ [section]: list }, { lineWidth: 0 }));
    discord = await startDiscord({ knowledgeDir: dir, logLevel: 'info' });
  });
  afterAll(async () => {
    await discord?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('for every initiative topic and page, every /whois, /ask, autocomplete and /help', async () => {
    expect(await everyInitiativePage(discord)).toBeGreaterThan(2 * INITIATIVE_TOPICS.length);
    for (const id of [
      'org-stress-0',
      'org-stress-1',
      'org-stress-5',
      'person-stress',
      'proj-stress',
      'stress-alpha',
    ]) {
      const card = await discord.run('/whois', { name: id });
      expect(card.embed?.title).toBeDefined();
    }
    for (const question of ['what is stress alpha', 'who is stress person', 'stress organization 0']) {
      expect((await discord.run('/ask', { question })).embed).toBeDefined();
    }
    const choices = await discord.autocomplete('/whois', 'name', 'stress');
    expect(choices).toHaveLength(25);
    expect((await discord.run('/help')).embed?.title).toMatch(/help/);
    expectClean(discord);
  });
});
