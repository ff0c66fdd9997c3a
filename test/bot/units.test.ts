import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommands } from '../../src/bot/command.js';
import { Cooldown, cooldownMessage } from '../../src/bot/cooldown.js';
import { Secret } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger, scrubTokens } from '../../src/log.js';
import { resolveRecord } from '../../src/lookup/resolve.js';
import {
  decodeCardState,
  encodeCardState,
  findRecordByRef,
  INITIATIVE_TOPICS,
  recordRef,
} from '../../src/present/card-state.js';
import { escapeText, markdownLink } from '../../src/present/escape.js';
import { cut, embedSize, fitEmbed, fitLines, paginate } from '../../src/present/fit.js';
import { topicHasContent, topicView } from '../../src/present/initiative-topics.js';
import { reloadReport } from '../../src/present/reload-report.js';
import { buildIndex, type SearchIndex } from '../../src/search/index.js';
import { FormErrors, validateMessage } from '../support/discord-limits.js';
import { VALID_FILES, writeKnowledgeDir } from '../support/kb-fixture.js';

/** Whether Discord (as the emulator checks it) would accept a message with these embeds. */
function discordAccepts(embeds: unknown[]): { ok: boolean; errors: unknown } {
  const errors = new FormErrors();
  validateMessage(errors, [], { embeds });
  return { ok: errors.count === 0, errors: errors.tree };
}

describe('fitting text to Discord limits', () => {
  it('cuts after whole words with a spaced " …", never splitting an emoji or leaving a dangling escape', () => {
    expect(cut('short', 10)).toBe('short');
    expect(cut('the quick brown fox jumps', 12)).toBe('the quick …');
    expect(cut('😀'.repeat(10), 6).length).toBeLessThanOrEqual(6);
    expect(cut('😀'.repeat(10), 6)).toBe('😀😀 …');
    expect(cut('abcdefgh\\*ijklmnop', 10)).toBe('abcdefgh …');
  });

  it('cuts after whole sentences, or whole lines, when the first ones fit', () => {
    expect(cut('IBM and Meta launched it. Many others joined within weeks of the launch.', 40)).toBe(
      'IBM and Meta launched it.',
    );
    expect(cut('first line here\nsecond line here\nthird line', 36)).toBe(
      'first line here\nsecond line here',
    );
    expect(cut('Fenrir, Inc. joined. Then U.S. agencies followed much later on.', 25)).toBe(
      'Fenrir, Inc. joined.',
    );
  });

  it('joins whole lines and counts the rest as "…and N more"', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line number ${i}`);
    const out = fitLines(lines, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/\n…and \d+ more$/);
    const shown = out.split('\n').length - 1;
    expect(out).toContain(`…and ${50 - shown} more`);
    expect(fitLines(['x'.repeat(500)], 100).length).toBeLessThanOrEqual(100);
  });

  it('never ends a page on a heading, nor on a heading with only the first of its items', () => {
    const lines = ['• one', '• two', '• three', '', '**Section**', '• a', '• b', '• c'];
    expect(paginate(lines, 1000, 5)).toEqual([
      ['• one', '• two', '• three'],
      ['**Section**', '• a', '• b', '• c'],
    ]);
    expect(paginate(lines, 1000, 6)).toEqual([
      ['• one', '• two', '• three'],
      ['**Section**', '• a', '• b', '• c'],
    ]);
    expect(paginate(['**Only a heading**', '• a', '• b'], 1000, 1)).toEqual([
      ['**Only a heading**'],
      ['• a'],
      ['• b'],
    ]);
  });

  it('pages lines by characters and count, always giving at least one page', () => {
    expect(paginate([], 100, 5)).toEqual([[]]);
    const pages = paginate(
      Array.from({ length: 12 }, (_, i) => `item ${i}`),
      1000,
      5,
    );
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    for (const page of paginate(['a'.repeat(90), 'b'.repeat(90), 'c'.repeat(300)], 100, 10))
      expect(page.join('\n').length).toBeLessThanOrEqual(100);
  });

  it('fits an embed that breaks every limit into one Discord accepts', () => {
    const huge = {
      title: 't'.repeat(400),
      description: 'word '.repeat(2000),
      author: { name: 'a'.repeat(300) },
      footer: { text: 'f'.repeat(3000) },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v '.repeat(900) })),
    };
    expect(discordAccepts([huge]).ok).toBe(false);
    const fitted = fitEmbed(huge);
    expect(discordAccepts([fitted])).toEqual({ ok: true, errors: {} });
    expect(embedSize(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.description?.endsWith('…')).toBe(true);
  });

  it('drops empty fields instead of sending them', () => {
    const fitted = fitEmbed({
      title: 'x',
      fields: [
        { name: 'Empty', value: '  ' },
        { name: 'Ok', value: 'y' },
      ],
    });
    expect(fitted.fields).toEqual([{ name: 'Ok', value: 'y' }]);
  });
});

describe('the /reload report', () => {
  const counts = { initiatives: 1, organizations: 2, people: 0, projects: 0, sources: 1, facts: 3 };

  it('cuts hundreds of problems to fit, ending with "…and N more"', () => {
    const problems = Array.from({ length: 500 }, (_, i) => ({
      file: `knowledge/file_${i}.yaml`,
      line: i + 1,
      field: `organizations[${i}].summary`,
      message: 'must not be empty',
    }));
    const embed = reloadReport({ ok: false, tookMs: 12, version: 'abcd1234', problems });
    expect(discordAccepts([embed]).ok).toBe(true);
    expect(embed.description).toContain(
      'knowledge/file_0.yaml:1 organizations[0].summary: must not be empty',
    );
    expect(embed.description).toMatch(/…and \d+ more\n```$/);
  });

  it('lists thousands of added ids within a field', () => {
    const added = Array.from({ length: 2000 }, (_, i) => `org-added-${i}`);
    const embed = reloadReport({
      ok: true,
      tookMs: 5,
      version: 'b',
      previousVersion: 'a',
      counts,
      added,
      removed: [],
      changed: [],
    });
    expect(discordAccepts([embed]).ok).toBe(true);
    expect(embed.fields?.[0]?.name).toBe('Added (2000)');
    expect(embed.fields?.[0]?.value).toMatch(/^`org-added-0`\n[\s\S]*…and \d+ more$/);
  });
});

describe('escaping echoed text', () => {
  it('escapes markdown, line markers and masked links, and breaks mentions', () => {
    expect(escapeText('**bold** _it_ `code` ||spoiler|| ~~s~~')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~s\\~\\~',
    );
    expect(escapeText('# Heading\n> quote\n- item\n1. first')).toBe(
      '\\# Heading\n\\> quote\n\\- item\n1\\. first',
    );
    expect(escapeText('[click](https://evil.example)')).toBe('\\[click\\](https://evil.example)');
    const pinged = escapeText('<@123456789012345678> <@&123456789012345678> @everyone @here');
    expect(pinged).not.toMatch(/<@\d|<@&\d|@everyone|@here/);
  });

  it('builds safe markdown links, or plain titles without a usable URL', () => {
    expect(markdownLink('A [b] c', 'https://x.org/a_(b)')).toBe('[A \\[b\\] c](https://x.org/a_%28b%29)');
    expect(markdownLink('Repo', 'knowledge/sources.yaml')).toBe('Repo');
    expect(markdownLink('Script', 'javascript:alert(1)')).toBe('Script');
  });
});

describe('the per-user cooldown', () => {
  it('lets a user ask once per window, others independently, and 0 turns it off', () => {
    let now = 1_000_000;
    const cooldown = new Cooldown(5, () => now);
    expect(cooldown.take('a')).toEqual({ ok: true });
    expect(cooldown.take('a')).toEqual({ ok: false, retryAt: 1_005_000 });
    expect(cooldown.take('b')).toEqual({ ok: true });
    now += 5000;
    expect(cooldown.take('a')).toEqual({ ok: true });
    const off = new Cooldown(0);
    expect([off.take('a'), off.take('a')]).toEqual([{ ok: true }, { ok: true }]);
    expect(cooldownMessage(1_005_000)).toContain('<t:1005:R>');
  });
});

describe('logging', () => {
  it('writes JSON lines and redacts token-ish fields and interaction tokens in URLs', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (l: string) => void lines.push(l) } });
    logger.info(
      {
        token: 'plain-token',
        config: { discordToken: new Secret('secret-token'), discordApplicationId: '1' },
        client: { token: 'client-token' },
        headers: { authorization: 'Bot header-token' },
      },
      'hello',
    );
    const error = Object.assign(new Error('failed'), {
      url: 'https://discord.com/api/v10/interactions/123/aW50ZX/callback',
    });
    logger.error({ err: error }, 'oops');
    const text = lines.join('');
    for (const secret of ['plain-token', 'secret-token', 'client-token', 'header-token', 'aW50ZX'])
      expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 30, msg: 'hello', token: '[redacted]' });
    expect(JSON.parse(lines[1] ?? '{}').err.url).toBe(
      'https://discord.com/api/v10/interactions/123/[token]/callback',
    );
    expect(scrubTokens('/webhooks/1/abc?wait=true')).toBe('/webhooks/1/[token]?wait=true');
  });
});

describe('command validation at load', () => {
  const ok = {
    data: { name: 'ok', toJSON: () => ({ name: 'ok', description: 'fine' }) },
    execute: async () => {},
  };

  it('accepts well-formed commands and rejects malformed ones with the module and problem named', () => {
    expect(validateCommands([ok])).toHaveLength(1);
    expect(() => validateCommands([ok, { data: ok.data }])).toThrow(
      /#2 is malformed: execute must be a function/,
    );
    expect(() => validateCommands([{ execute: ok.execute }])).toThrow(/#1 is malformed: data/);
    expect(() =>
      validateCommands([
        { ...ok, data: { name: 'Bad', toJSON: () => ({ name: 'Bad Name', description: 'x' }) } },
      ]),
    ).toThrow(/name must be 1–32 lowercase/);
    expect(() => validateCommands([ok, ok])).toThrow(/both named \/ok/);
  });
});

describe('initiative card state in custom ids', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = buildIndex(await loadKnowledge('knowledge'));
  });

  it('round-trips every topic and stays within 100 characters, hashing ids that would not fit', () => {
    const owner = '12345678901234567890';
    for (const topic of INITIATIVE_TOPICS) {
      const id = encodeCardState('p', { ref: 'ai-alliance', topic, page: 12, ownerId: owner });
      expect(decodeCardState(id)).toEqual({
        action: 'p',
        ref: 'ai-alliance',
        topic,
        page: 12,
        ownerId: owner,
      });
    }
    const longId = `x-${'very-long-'.repeat(12)}id`;
    const ref = recordRef(longId, owner);
    expect(ref).toMatch(/^#[0-9a-f]{16}$/);
    expect(
      encodeCardState('t', { ref, topic: 'members', page: 999, ownerId: owner }).length,
    ).toBeLessThanOrEqual(100);
    expect(decodeCardState('initiative:x:o:0:1:ai')).toBeUndefined();
    expect(decodeCardState('initiative:t:o:0:1:Bad_Id')).toBeUndefined();
    expect(findRecordByRef('ai-alliance', index.kb)?.id).toBe('ai-alliance');
  });

  it('disables exactly the topics whose view would be empty', () => {
    for (const record of index.kb.records) {
      if (record.kind !== 'initiative') continue;
      for (const topic of INITIATIVE_TOPICS) {
        const rendered = topicView(record, topic, index).lines.length > 0;
        expect([record.id, topic, topicHasContent(record, topic, index)]).toEqual([
          record.id,
          topic,
          rendered,
        ]);
      }
    }
  });

  it('resolves names, ids, typos and garbled spellings, and suggests for unknown names', () => {
    expect(resolveRecord('ai-alliance', 'initiative', index)).toMatchObject({
      found: true,
      record: { id: 'ai-alliance' },
    });
    expect(resolveRecord('AI aliance', 'initiative', index)).toMatchObject({
      found: true,
      record: { id: 'ai-alliance' },
    });
    expect(resolveRecord('Cohear', 'entity', index)).toMatchObject({
      found: true,
      record: { id: 'org-cohere' },
      garbledSpelling: 'Cohear',
    });
    expect(resolveRecord('Cohere', 'entity', index)).not.toHaveProperty('garbledSpelling');
    expect(resolveRecord('xyzzy plugh', 'entity', index)).toMatchObject({ found: false });
    const unknown = resolveRecord('bread', 'initiative', index);
    expect(unknown.found).toBe(false);
    if (!unknown.found) expect(unknown.suggestions[0]?.id).toBe('ai-alliance');
  });
});

describe('the knowledge store', () => {
  let dir: string;
  let base: KnowledgeBase;
  beforeAll(async () => {
    const made = await writeKnowledgeDir();
    dir = made.dir;
    base = await loadKnowledge(dir);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('swaps in a valid reload atomically and reports added, removed and changed record ids', async () => {
    const store = await KnowledgeStore.open(dir);
    const before = store.current;
    await writeFile(
      path.join(dir, 'organizations.yaml'),
      VALID_FILES['organizations.yaml']
        ?.replace('A technology company.', 'A changed summary.')
        .replace(/ {2}- id: org-nvidia[\s\S]*$/, '') +
        '  - id: org-new\n    name: New Org\n    summary: Added.\n    sources: [src-a]\n    type: lab\n',
    );
    const result = await store.reload(dir);
    expect(result).toMatchObject({
      ok: true,
      added: ['org-new'],
      removed: ['org-nvidia'],
      changed: ['org-ibm'],
    });
    expect(result.ok && result.previousVersion).toBe(before.kb.version);
    expect(store.current).not.toBe(before);
    // A reader that took the old snapshot keeps a consistent, untouched view.
    expect(before.kb.byId.get('org-ibm')?.summary).toBe('A technology company.');
    expect(before.index.kb).toBe(before.kb);
  });

  it('keeps serving the last good knowledge base when a reload is invalid', async () => {
    const store = await KnowledgeStore.open(dir);
    const good = store.current;
    await writeFile(path.join(dir, 'broken.yaml'), 'people:\n  - id: person-x\n    name: ""\n');
    const result = await store.reload(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.version).toBe(good.kb.version);
      expect(result.problems.some((p) => p.file.endsWith('broken.yaml') && p.line !== undefined)).toBe(true);
    }
    expect(store.current).toBe(good);
    await rm(path.join(dir, 'broken.yaml'));
  });

  it('runs concurrent reloads one after another, never interleaving', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'kb-concurrent-'));
    try {
      await cp(dir, copy, { recursive: true });
      const store = KnowledgeStore.of(base);
      const results = await Promise.all([store.reload(copy), store.reload(dir), store.reload(copy)]);
      expect(results.map((r) => r.ok)).toEqual([true, true, true]);
      // Each reload diffed against the one before it: the second and third saw no changes.
      const versions = results.map((r) => (r.ok ? [r.previousVersion, r.version] : []));
      expect(versions[1]?.[0]).toBe(versions[0]?.[1]);
      expect(versions[2]?.[0]).toBe(versions[1]?.[1]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
