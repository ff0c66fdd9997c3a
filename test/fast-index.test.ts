/**
 * The speed work must not change a single answer: the typed-array fact index scores exactly like MiniSearch did,
 * the hashed typo index finds exactly what a map of deletions finds, a sliced build equals a plain one, and a
 * cached / off-thread load equals a plain load (problems included).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateKnowledge } from '../bench/generate.js';
import { makeQueries } from '../bench/queries.js';
import { answer } from '../src/answer/answer.js';
import { loadKnowledge, ParseCache, YamlParser } from '../src/knowledge/load.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { checkKnowledgeFile } from '../src/knowledge/parse-file.js';
import type { KnowledgeError } from '../src/knowledge/problems.js';
import { ASKED_AS_WEIGHT } from '../src/search/facts.js';
import {
  buildIndex,
  buildIndexAsync,
  deletions,
  indexTerms,
  type SearchIndex,
  stem,
} from '../src/search/index.js';
import { TypoIndex } from '../src/search/typos.js';
import { SYNONYMS } from '../src/text/vocabulary.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

/** The index the answer engine used before: MiniSearch over the same statements, same options. */
function miniSearchOf(index: SearchIndex) {
  const ms = new MiniSearch<{
    id: number;
    text: string;
    quote?: string | undefined;
    askedAs?: string | undefined;
  }>({
    fields: ['text', 'quote', 'askedAs'],
    storeFields: [],
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => stem(term),
    searchOptions: {
      tokenize: (text) => indexTerms(text),
      processTerm: (term) => stem(term),
      boost: { askedAs: ASKED_AS_WEIGHT },
    },
  });
  ms.addAll(index.factDocs.map((d) => ({ id: d.id, text: d.text, quote: d.quote, askedAs: d.askedAs })));
  return ms;
}

async function questions(kb: KnowledgeBase, count: number): Promise<string[]> {
  const dev = parse(await readFile(path.join('eval', 'dev.yaml'), 'utf8')) as {
    questions?: { question: string }[];
  };
  return [
    ...(dev.questions ?? []).map((q) => q.question),
    ...makeQueries(kb, count, 99).ask.map((q) => q.text),
  ];
}

function checkAgainstMiniSearch(index: SearchIndex, qs: readonly string[]) {
  const ms = miniSearchOf(index);
  const globalFuzzy = (t: string) => (t.length > 6 ? 0.2 : false);
  const scopedFuzzy = (t: string) => (t.length > 5 ? 0.2 : false);
  qs.forEach((q, n) => {
    const terms = indexTerms(q);
    // Questions that name no record: the top 20 over everything, in order, with the same scores.
    const expected = ms.search(terms.join(' '), { combineWith: 'OR', fuzzy: globalFuzzy }).slice(0, 20);
    const actual = index.facts.search(terms.join(' '), globalFuzzy, 20);
    expect(actual.map((r) => [r.id, r.score, r.terms])).toEqual(
      expected.map((r) => [r.id, r.score, new Set(r.queryTerms).size]),
    );
    // Ranking a record's own statements, with synonyms and named words at lower weight.
    const record = index.kb.records[(n * 7919) % index.kb.records.length];
    if (!record) return;
    const scope = new Set((index.docsByRecord.get(record.id) ?? []).map((d) => d.id));
    const expanded = [...new Set(terms.flatMap((t) => SYNONYMS.get(t) ?? []))].filter(
      (t) => !terms.includes(t),
    );
    const named = terms.slice(0, 2);
    const old = ms.search(
      {
        combineWith: 'OR',
        queries: [
          { queries: terms, combineWith: 'OR' },
          ...(expanded.length
            ? [
                {
                  queries: expanded,
                  combineWith: 'OR' as const,
                  boost: { text: 0.5, quote: 0.5, askedAs: 0.5 * ASKED_AS_WEIGHT },
                },
              ]
            : []),
          {
            queries: named,
            combineWith: 'OR',
            boost: { text: 0.3, quote: 0.3, askedAs: 0.3 * ASKED_AS_WEIGHT },
          },
        ],
      },
      {
        filter: (r) => scope.has(r.id as number),
        fuzzy: scopedFuzzy,
        boost: { text: 1, quote: 1, askedAs: ASKED_AS_WEIGHT },
      },
    );
    const scores = index.facts.scoreScope(
      {
        queries: [
          { queries: terms },
          ...(expanded.length ? [{ queries: expanded, boost: 0.5 }] : []),
          { queries: named, boost: 0.3 },
        ],
      },
      scope,
      scopedFuzzy,
    );
    expect(scores.size).toBe(old.length);
    for (const r of old) expect(scores.get(r.id as number)).toBeCloseTo(r.score, 9);
  });
}

describe('fact index', () => {
  let real: SearchIndex;
  beforeAll(async () => {
    real = buildIndex(await loadKnowledge('knowledge'));
  });

  it('scores exactly like MiniSearch on the real knowledge base', async () => {
    checkAgainstMiniSearch(real, await questions(real.kb, 300));
  });

  it('scores exactly like MiniSearch on a generated knowledge base of 1,000 records', async () => {
    const index = buildIndex(generateKnowledge(1000, 12));
    checkAgainstMiniSearch(index, await questions(index.kb, 150));
  });
});

describe('typo index', () => {
  it('finds exactly the words a map of one-character deletions finds, in the same order', () => {
    for (const index of [buildIndex(generateKnowledge(800, 2))]) {
      const map = new Map<string, string[]>();
      for (const w of index.vocab)
        if (w.length >= 4)
          for (const d of new Set(deletions(w))) {
            const list = map.get(d) ?? [];
            list.push(w);
            map.set(d, list);
          }
      const typos = TypoIndex.of(index.vocab);
      for (const [key, words] of map) expect(typos.lookup(key)).toEqual(words);
      for (const miss of ['zzzzqq', 'qqqq', '']) expect(typos.lookup(miss)).toEqual(map.get(miss) ?? []);
    }
  });
});

describe('sliced index build', () => {
  it('builds the same index as the plain build', async () => {
    const kb = generateKnowledge(600, 21);
    const plain = buildIndex(kb);
    const sliced = await buildIndexAsync(kb, 1);
    expect([...sliced.surfaces.keys()]).toEqual([...plain.surfaces.keys()]);
    expect(sliced.sortedVocab).toEqual(plain.sortedVocab);
    expect(sliced.factDocs).toEqual(plain.factDocs);
    expect(sliced.byReferences.map((r) => r.id)).toEqual(plain.byReferences.map((r) => r.id));
    for (const q of makeQueries(kb, 100, 3).ask)
      expect(answer(q.text, sliced)).toEqual(answer(q.text, plain));
  });
});

describe('cached and off-thread loading', () => {
  const parser = new YamlParser();
  afterAll(() => parser.close());

  it('checks YAML on a worker thread, problems and their lines included', async () => {
    const good = Buffer.from(VALID_FILES['sources.yaml'] ?? '');
    expect(await parser.check('kb/sources.yaml', good)).toEqual(checkKnowledgeFile('kb/sources.yaml', good));
    expect(await parser.check('kb/x.yaml', Buffer.from('a: 1\nb: [1, 2\n'))).toEqual({
      ok: false,
      problems: [
        {
          file: 'kb/x.yaml',
          line: 2,
          field: '',
          message: expect.stringMatching(/^YAML syntax error: the \[ opened on this line is never closed/),
        },
      ],
    });
  });

  it('loads the same knowledge base as a plain load, also when reusing unchanged files', async () => {
    const plain = await loadKnowledge('knowledge');
    const cache = new ParseCache();
    const first = await loadKnowledge('knowledge', { cache, parser });
    const again = await loadKnowledge('knowledge', { cache, parser });
    for (const kb of [first, again]) {
      expect(kb.version).toBe(plain.version);
      expect(JSON.stringify(kb.records)).toBe(JSON.stringify(plain.records));
      expect([...kb.sources.keys()]).toEqual([...plain.sources.keys()]);
    }
    expect(cache.size).toBe(plain.files.length);
  });

  it('reports the same problems, with lines, for broken files and for cross-file errors', async () => {
    const broken = {
      'organizations.yaml': `${VALID_FILES['organizations.yaml']}  - id: org-ibm\n    name: IBM Again\n    summary: x\n    sources: [src-missing]\n    type: company\n`,
      'people.yaml': 'people:\n  - id: person-x\n    name: [not, text\n',
    };
    const { dir, cleanup } = await writeKnowledgeDir(broken);
    try {
      const problems = async (options = {}) =>
        ((await loadKnowledge(dir, options).catch((e: unknown) => e)) as KnowledgeError).problems;
      const expected = await problems();
      expect(expected.length).toBeGreaterThan(1);
      const cache = new ParseCache();
      expect(await problems({ cache, parser })).toEqual(expected);
      expect(await problems({ cache, parser })).toEqual(expected);
    } finally {
      await cleanup();
    }
  });
});
