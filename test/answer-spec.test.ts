/**
 * Specifications of the answer pipeline's rules, each on a tiny corpus written here (not the live knowledge
 * base): answerability, several parts, the member's spelling, and the ordered rule table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { readAsk } from '../src/answer/ask.js';
import { readQuestion } from '../src/answer/question.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { linkEntities } from '../src/search/link.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const FILES = {
  'organizations.yaml': VALID_FILES['organizations.yaml']?.replace(
    '    involvement:\n',
    `    facts:
      - topic: note
        text: IBM also sells mainframe computers to banks.
        sources: [src-a]
    involvement:\n`,
  ),
  'initiatives.yaml': VALID_FILES['initiatives.yaml']?.replace(
    '    facts:\n',
    `    facts:
      - topic: activities
        text: The Alliance keeps a public catalog of safety benchmarks for open models.
        sources: [src-a]
`,
  ),
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const dir = await writeKnowledgeDir(FILES);
  cleanup = dir.cleanup;
  index = buildIndex(await loadKnowledge(dir.dir));
});
afterAll(() => cleanup());

describe('answerability', () => {
  it('refuses an ask no statement covers even when the name links, and says what it knows of the name', () => {
    const r = answer("what was nvidia's revenue last quarter", index);
    expect(r.answered).toBe(false);
    expect(r.confidence).toBe(0);
    expect(r.answer).toContain('Nvidia');
    expect(r.answer).toContain('AI Alliance');
  });

  it('answers from the statement that covers the ask rather than a profile of the name', () => {
    const r = answer('is there an ai alliance catalog of benchmarks?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('catalog of safety benchmarks');
  });

  it('gives a typed answer whose ask is all cue words with full link confidence', () => {
    const r = answer('who co-founded the AI Alliance?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('IBM');
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('supporting statements', () => {
  it('leaves out a statement that does not bear on the ask', () => {
    const r = answer('is IBM in the AI Alliance?', index);
    expect(r.answer).toMatch(/^Yes — IBM co-founded/);
    expect(r.answer).not.toContain('mainframe');
  });

  it('keeps it when the ask is about it', () => {
    expect(answer('does IBM sell mainframes?', index).answer).toContain('mainframe computers');
  });
});

describe('several parts', () => {
  it('answers two organizations in one membership question, each in turn', () => {
    const r = answer('are IBM and Nvidia in the AI Alliance?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/Yes — IBM co-founded/);
    expect(r.answer).toMatch(/No — Nvidia is not a member/);
    expect(r.answer.indexOf('IBM')).toBeLessThan(r.answer.indexOf('Nvidia'));
  });

  it('answers both questions of one message, the second about what the first named', () => {
    const r = answer('on which day did the AI Alliance start, and who co-founded it?', index);
    expect(r.answer).toContain('December 5, 2023');
    expect(r.answer).toContain('IBM');
    expect(r.answer.split('\n\n')).toHaveLength(2);
  });
});

describe("the member's spelling", () => {
  it('echoes a typed alias beside the name', () => {
    const r = answer('is International Business Machines in the AI Alliance?', index);
    expect(r.answer).toContain('IBM (International Business Machines)');
  });
});

describe('the ask rule table', () => {
  const askOf = (text: string) => {
    const q = readQuestion(text);
    return readAsk(q, linkEntities(q.raw, index));
  };

  it('reads a paraphrased cue as its ask ("sit out" asks why something is not a member)', () => {
    expect(askOf('why did nvidia sit out the ai alliance').types).toContain('whyNot');
  });

  it('takes the first matching rule as the main ask: a comparison outranks a quote', () => {
    expect(askOf('what did IBM say compared with Nvidia').types[0]).toBe('compare');
  });

  it('keeps names and cue words out of the content an answer must cover', () => {
    const ask = askOf("what is nvidia's revenue");
    expect(ask.content).toEqual(['revenue']);
    expect(ask.named).toContain('nvidia');
  });
});
