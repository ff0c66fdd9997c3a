import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { MAX_CHOICES, suggest } from '../src/search/suggest.js';

let index: SearchIndex;
beforeAll(async () => {
  index = buildIndex(await loadKnowledge('knowledge'));
});

/** Pieces people (and attackers) put in messages: mentions, markdown, RTL, zero-width, emoji, regex syntax. */
const tricky = fc.constantFrom(
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&223456789012345678>',
  '**bold** __u__ ~~s~~ `code` ```block```',
  '> quote',
  '[link](https://example.com)',
  'مرحبا بالعالم',
  'שלום',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u202e reversed',
  '🤖🦙🔥',
  // Regex metacharacters, including "${" which must stay a literal here.
  ['.*+?^$', '{}()|[]\\'].join(''),
  '(?<=a)b',
  'ai alliance',
  'does nvidia belong to the ai alliance',
  'Laminedex',
  '\n\t\r',
  '',
);

const question = fc.oneof(
  fc.string({ maxLength: 6000 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 20 })), { maxLength: 40 }).map((parts) => parts.join(' ')),
);

describe('answer() on any input', () => {
  it('returns a well-formed result within the limits and never throws', () => {
    fc.assert(
      fc.property(question, (q) => {
        const r = answer(q, index);
        expect(typeof r.answered).toBe('boolean');
        expect(r.answer.length).toBeGreaterThan(0);
        expect(r.answer.length).toBeLessThanOrEqual(1500);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        expect(r.suggestions.length).toBeLessThanOrEqual(5);
        expect(r.sources.length).toBeLessThanOrEqual(5);
        if (r.answered) expect(r.subject).not.toBeNull();
        else expect(r.subject).toBeNull();
        for (const s of r.sources) expect(index.kb.sources.has(s.id)).toBe(true);
        // The engine answers from the knowledge base; it never echoes mentions back.
        expect(r.answer).not.toMatch(/@everyone|@here|<@&?\d+>/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggest() on any input', () => {
  it('returns at most 25 unique choices with names of 1–100 characters and ids as values', () => {
    fc.assert(
      fc.property(
        question,
        fc.constantFrom('initiative', 'entity', 'any') as fc.Arbitrary<'initiative' | 'entity' | 'any'>,
        (q, kind) => {
          const choices = suggest(q, kind, index);
          expect(choices.length).toBeLessThanOrEqual(MAX_CHOICES);
          expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
          for (const c of choices) {
            expect(c.name.length).toBeGreaterThanOrEqual(1);
            expect(c.name.length).toBeLessThanOrEqual(100);
            expect(c.value.length).toBeLessThanOrEqual(100);
            expect(index.kb.byId.has(c.value)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
