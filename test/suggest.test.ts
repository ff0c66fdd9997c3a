import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { suggest } from '../src/search/suggest.js';

let index: SearchIndex;
beforeAll(async () => {
  index = buildIndex(await loadKnowledge('knowledge'));
});

const values = (input: string, kind: 'initiative' | 'entity') =>
  suggest(input, kind, index).map((c) => c.value);

describe('autocomplete on the real knowledge base', () => {
  it('shows the featured initiatives first on empty input', () => {
    const featured = index.kb.records.filter((r) => r.kind === 'initiative' && r.featured).map((r) => r.id);
    expect(featured.length).toBeGreaterThan(0);
    expect(values('', 'initiative').slice(0, featured.length)).toEqual(featured);
  });

  it('shows the most referenced organizations and people on empty input for /whois', () => {
    const first = values('', 'entity').slice(0, 2);
    expect(first).toEqual(expect.arrayContaining(['org-meta', 'org-ibm']));
  });

  it('finds typos and garbled seed spellings', () => {
    expect(values('aliance', 'initiative')[0]).toBe('ai-alliance');
    expect(values('Cohear', 'entity')[0]).toBe('org-cohere');
    expect(values('Lacan', 'entity')[0]).toBe('person-yann-lecun');
    expect(values('yan lec', 'entity')[0]).toBe('person-yann-lecun');
  });

  it('caps a query that matches many records at 25 choices', () => {
    // Many names have a word starting with "a" (AI, AMD, Apple, Anthropic…); more than 25 organizations match.
    const matching = index.kb.records.filter(
      (r) =>
        (r.kind === 'organization' || r.kind === 'person') &&
        [r.name, ...r.aliases.map((a) => (typeof a === 'string' ? a : a.name))].some((n) =>
          /(^|\W)a/i.test(n),
        ),
    );
    expect(matching.length).toBeGreaterThan(25);
    expect(suggest('a', 'entity', index)).toHaveLength(25);
  });
});
