import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCardState } from '../../src/present/card-state.js';
import { decodeSourcesButton } from '../../src/present/whois-card.js';
import { formatDate } from '../../src/text/dates.js';
import { type DiscordTest, type Shown, startDiscord } from '../support/bot-harness.js';
import { writeKnowledgeDir } from '../support/kb-fixture.js';

const field = (card: Shown, name: string) =>
  card.embed?.fields?.find((f) => f.name === name || f.name.startsWith(`${name} (`))?.value ?? '';

/** All pages of a topic, joined. */
async function topicText(discord: DiscordTest, name: string, topic: string): Promise<string> {
  let card = await discord.run('/initiative', { name, topic });
  const texts = [card.text];
  for (;;) {
    const next = card.customIds.find((id) => {
      const s = decodeCardState(id);
      return (
        s?.action === 'p' &&
        s.page > (Number(/page (\d+) of/.exec(card.embed?.footer?.text ?? '')?.[1]) || 1) - 1
      );
    });
    if (!next) return texts.join('\n');
    card = await discord.press(card, next);
    texts.push(card.text);
  }
}

describe('cards render relations and roles from their types and dates', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({ logLevel: 'info' });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('names as founders only those present at the founding; a later "founding member" joined on its date', async () => {
    const founders = await discord.run('/initiative', { name: 'partnership-on-ai', topic: 'founders' });
    const launch = /Launched on September 28, 2016 by ([^.]+)\./.exec(founders.embed?.description ?? '')?.[1];
    expect(launch).toBe('IBM, Meta, Google, Microsoft and Amazon / AWS');
    expect(founders.embed?.description).toContain(
      '**Apple** joined on January 27, 2017, as a founding member.',
    );
    const apple = await discord.run('/whois', { name: 'Apple' });
    expect(field(apple, 'Initiatives')).toBe(
      '• **Partnership on AI** — joined on January 27, 2017, as a founding member',
    );
  });

  it('gives undated roles no "since", and lists each person once with all their roles', async () => {
    const lecun = await discord.run('/whois', { name: 'Yann LeCun' });
    expect(field(lecun, 'Roles')).toMatch(/^• \*\*Professor, New York University\*\*$/m);
    const meta = await discord.run('/whois', { name: 'Meta' });
    const people = field(meta, 'People').split('\n');
    const names = people.map((line) => /^• \*\*([^*]+)\*\*/.exec(line)?.[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(people.find((l) => l.includes('Joelle Pineau'))).toMatch(
      /\(2017 – May 30, 2025\); Vice President/,
    );
  });

  it('shows long member lists whole on Members and compact elsewhere, with the count the announcement gives', async () => {
    const members = await topicText(discord, 'ai-alliance', 'members');
    expect(members).toMatch(/\*\*Founding members \(57\), at the launch on December 5, 2023\*\*/);
    expect(members).toMatch(/\*\*Joined later \(28\)\*\*\nFebruary 8, 2024: Anaconda, .*, Zilliz/);
    const timeline = await topicText(discord, 'ai-alliance', 'timeline');
    expect(timeline).toContain('… and 16 more — see /initiative AI Alliance → Members');
    expect(timeline).toMatch(/\*\*December 5, 2023\*\* — 49 statements by Arvind Krishna, Nick Clegg, /);
  });

  it('leaves out a Type line that only repeats the summary, and says when the knowledge was updated', async () => {
    const { kb } = discord.bot.store.current;
    const overview = await discord.run('/initiative', { name: 'ai-alliance' });
    expect(overview.embed?.fields?.map((f) => f.name)).not.toContain('Type');
    const open = await discord.run('/initiative', { name: 'meta-open-models' });
    expect(field(open, 'Type')).toBe('Company strategy and announcements (Meta)');
    expect(overview.embed?.footer?.text).toBe(`Knowledge updated ${formatDate(kb.updated ?? '')}`);
    expect(overview.text).not.toContain(kb.version);
  });

  it('opens every source of a card privately from its "All sources" button, paged in place', async () => {
    const card = await discord.run('/whois', { name: 'Meta' });
    const button = card.customIds.find((id) => decodeSourcesButton(id));
    if (!button) throw new Error('no "All sources" button on /whois Meta');
    expect(field(card, 'Sources')).not.toBe('');
    const list = await discord.press(card, button);
    expect(list.ephemeral).toBe(true);
    expect(list.message.id).not.toBe(card.message.id);
    expect(list.embed?.title).toBe('Sources — Meta');
    const total = Number(/^(\d+) sources/.exec(list.embed?.footer?.text ?? '')?.[1]);
    expect(list.embed?.description?.split('\n')).toHaveLength(total);
    expect(list.embed?.description).toMatch(
      /^• \[Meta and IBM form an AI Alliance, but to what end\?\]\(https:\/\/techcrunch\.com\/\S+\) — TechCrunch \(Kyle Wiggers\), December 4, 2023$/m,
    );
  });
});

describe('a card citing many sources', () => {
  let discord: DiscordTest;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const ids = Array.from({ length: 45 }, (_, i) => `src-${i}`);
    const sources = ids
      .map(
        (id, i) =>
          `  - id: ${id}\n    title: Report number ${i} on the open model consortium\n    publisher: Example News\n    date: "2024-01-${String((i % 28) + 1).padStart(2, '0')}"\n    url: https://example.org/reports/${'long-path/'.repeat(8)}${i}\n    kind: public\n`,
      )
      .join('');
    const org = `organizations:\n  - id: org-many\n    name: Many Sources Inc\n    summary: A company that many reports cover.\n    sources: [${ids.join(', ')}]\n    type: company\n    involvement:\n      - initiative: ai-alliance\n        role: member\n        date: "2024-02-08"\n        sources: [src-0]\n`;
    const dir = await writeKnowledgeDir({ 'more.yaml': `sources:\n${sources}${org}` });
    cleanup = dir.cleanup;
    discord = await startDiscord({ knowledgeDir: dir.dir, logLevel: 'info' });
  });
  afterAll(async () => {
    await discord?.close();
    await cleanup?.();
  });

  it('pages the private source list in place, and every page links only sources the card cites', async () => {
    const card = await discord.run('/whois', { name: 'Many Sources Inc' });
    expect(card.embed?.fields?.find((f) => f.name.startsWith('Sources'))?.name).toMatch(
      /^Sources \(\d+ of 45\)$/,
    );
    const button = card.customIds.find((id) => decodeSourcesButton(id));
    if (!button) throw new Error('no "All sources" button');
    let page = await discord.press(card, button);
    const seen = new Set<string>();
    const pages = Number(/page 1 of (\d+)/.exec(page.embed?.footer?.text ?? '')?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let i = 0; ; i++) {
      for (const m of (page.embed?.description ?? '').matchAll(/Report number (\d+) /g)) seen.add(m[1] ?? '');
      const next = page.customIds.find((id) => decodeSourcesButton(id)?.page === i + 1);
      if (i + 1 >= pages || !next) break;
      const turned = await discord.press(page, next);
      expect(turned.message.id).toBe(page.message.id);
      expect(turned.handle.callbacks[0]?.type).toBe(7);
      page = turned;
    }
    expect(seen.size).toBe(45);
    expect(discord.emulator.rejected).toEqual([]);
  });
});
