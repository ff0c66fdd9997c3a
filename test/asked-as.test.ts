/**
 * Specifications of a fact's `asked_as` phrasings: how members ask for it in words its text doesn't use. They
 * help find the fact and cover the ask — for less than its own words — and are never shown. Tiny corpus here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KnowledgeError } from '../src/knowledge/problems.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

/** The valid fixture's initiative, with a research community whose facts are worded unlike everyday questions. */
const initiatives = (askedAs: string) => `${VALID_FILES['initiatives.yaml']}  - id: lab-circle
    name: Lakeside Research Circle
    summary: A community of academic researchers that studies open models.
    sources: [src-a]
    type: community
    launched: { date: "2023-07-18", sources: [src-a] }
    facts:
      - topic: membership
        text: Participation is open to professors at accredited universities.
${askedAs}        sources: [src-a]
      - topic: activities
        text: It holds two workshops a year on evaluation.
        sources: [src-a]
`;

const WITH = `        asked_as:
          - which scholars qualify
          - can grad students get in
`;

const dirs: (() => Promise<void>)[] = [];
let withPhrasings: SearchIndex;
let without: SearchIndex;

async function indexOf(files: Record<string, string>): Promise<SearchIndex> {
  const { dir, cleanup } = await writeKnowledgeDir({ ...VALID_FILES, ...files });
  dirs.push(cleanup);
  return buildIndex(await loadKnowledge(dir));
}

beforeAll(async () => {
  withPhrasings = await indexOf({ 'initiatives.yaml': initiatives(WITH) });
  without = await indexOf({ 'initiatives.yaml': initiatives('') });
});
afterAll(async () => {
  for (const cleanup of dirs) await cleanup();
});

describe('a fact asked for in other words', () => {
  const mixed = 'do grad students at universities qualify for the Lakeside Research Circle?';

  it('is refused when the ask shares too little with what the fact says', () => {
    expect(answer(mixed, without).answered).toBe(false);
  });

  it('is answered when its phrasings hold the words of the ask its text lacks', () => {
    const reply = answer(mixed, withPhrasings);
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain('open to professors at accredited universities');
  });

  it('is not answered from a phrasing’s loose words alone: they count for less than the fact’s own', () => {
    expect(answer('do scholars lecture at the Lakeside Research Circle?', withPhrasings).answered).toBe(
      false,
    );
  });

  it('is answered when the question holds a whole phrasing of two words or more as written', () => {
    const asked = 'which scholars qualify for the Lakeside Research Circle?';
    expect(answer(asked, without).answered).toBe(false);
    expect(answer(asked, withPhrasings).answer).toContain('open to professors at accredited universities');
  });

  it("meets a synonym of a phrasing's word too, for less", () => {
    const reply = answer(
      'are grad students at universities eligible for the Lakeside Research Circle?',
      withPhrasings,
    );
    expect(reply.answer).toContain('open to professors at accredited universities');
  });

  it('never shows the phrasings to members', () => {
    expect(answer(mixed, withPhrasings).answer).not.toMatch(/qualify|get in/i);
  });

  it('leaves an ask no phrasing or text covers refused', () => {
    expect(answer('what does the Lakeside Research Circle pay its staff?', withPhrasings).answered).toBe(
      false,
    );
  });
});

describe("a record's asked_as", () => {
  it('counts for what its summary says', async () => {
    const circle = (askedAs: string) =>
      initiatives('').replace(
        '    sources: [src-a]\n    type: community',
        `${askedAs}    sources: [src-a]\n    type: community`,
      );
    const question = 'is the Lakeside Research Circle a scholars network of academics?';
    const plain = await indexOf({ 'initiatives.yaml': circle('') });
    const phrased = await indexOf({
      'initiatives.yaml': circle('    asked_as:\n      - scholars network\n'),
    });
    expect(answer(question, plain).answer).not.toContain('academic researchers');
    expect(answer(question, phrased).answer).toContain('A community of academic researchers');
  });
});

describe('asked_as in a knowledge file', () => {
  it('must list at least one phrasing, named by file, line and field', async () => {
    const text = initiatives('        asked_as: []\n');
    const { dir, cleanup } = await writeKnowledgeDir({ ...VALID_FILES, 'initiatives.yaml': text });
    dirs.push(cleanup);
    const error = await loadKnowledge(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KnowledgeError);
    const [problem] = (error as KnowledgeError).problems;
    expect(problem?.file).toMatch(/initiatives\.yaml$/);
    expect(problem?.line).toBe(text.split('\n').findIndex((l) => l.includes('asked_as')) + 1);
    expect(problem?.field).toBe('initiatives[1].facts[0].asked_as');
    expect(problem?.message).toMatch(/at least one phrasing/);
  });
});
