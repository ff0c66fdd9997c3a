import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { linkEntities } from '../src/search/link.js';
import { suggest } from '../src/search/suggest.js';
import { writeKnowledgeDir } from './support/kb-fixture.js';

/** A tiny corpus: a few organizations whose names overlap on purpose, and one initiative. */
const org = (id: string, name: string, aliases: string[] = [], extra = '') => `  - id: ${id}
    name: ${name}
    aliases: [${aliases.map((a) => JSON.stringify(a)).join(', ')}]
    summary: ${name} is an organization.
    sources: [src-a]
    type: company
${extra}`;

const FILES = {
  'more-organizations.yaml': `organizations:
${org('org-meta', 'Meta', ['Meta Platforms'])}
${org('org-metabase', 'Metabase')}
${org('org-meta-research', 'Meta Research Group')}
${org('org-moc', 'Mass Open Cloud Alliance', ['MOC Alliance'])}
${org('org-hf', 'Hugging Face')}
${org('org-pytorch-fdn', 'PyTorch Foundation')}
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const dir = await writeKnowledgeDir(FILES);
  cleanup = dir.cleanup;
  index = buildIndex(await loadKnowledge(dir.dir));
});
afterAll(() => cleanup());

const linked = (q: string) => linkEntities(q, index).map((m) => m.surfaces[0]?.record.id);

describe('entity linking', () => {
  it('prefers the longest name: "mass open cloud alliance" is one record, not "alliance"', () => {
    // The AI Alliance (fixture initiative) shares the word "alliance"; the longer exact span must win.
    expect(linked('is the mass open cloud alliance in the ai alliance')).toEqual(['org-moc', 'ai-alliance']);
  });

  it('corrects a one-letter typo and a swapped pair of letters', () => {
    // "aliance" drops an l; "huggign" swaps two letters: both are one edit from a known word.
    expect(linked('ai aliance')).toEqual(['ai-alliance']);
    expect(linked('huggign face')).toEqual(['org-hf']);
  });

  it('matches a name typed without its space', () => {
    // "huggingface" is the compact form of "Hugging Face".
    expect(linked('is huggingface a member')).toEqual(['org-hf']);
  });

  it('does not read a generic word shared with a name as that name', () => {
    // "foundation" alone is ordinary English; "PyTorch Foundation" needs "pytorch".
    expect(linked('what does a foundation model do')).toEqual([]);
  });
});

describe('autocomplete ranking', () => {
  it('ranks exact > prefix > fuzzy for "meta"', () => {
    // Exact name first; then names starting with "meta" in alphabetical order.
    expect(suggest('meta', 'entity', index).map((c) => c.value)).toEqual([
      'org-meta',
      'org-meta-research',
      'org-metabase',
    ]);
  });

  it('finds a typo through the fuzzy tier only', () => {
    // "metabsae" is no prefix of anything; one swap away from "metabase".
    expect(suggest('metabsae', 'entity', index).map((c) => c.value)[0]).toBe('org-metabase');
  });

  it('completes the last word being typed', () => {
    // "hugging f" — the user is mid-word.
    expect(suggest('hugging f', 'entity', index).map((c) => c.value)).toEqual(['org-hf']);
  });

  it('keeps initiatives and organizations apart', () => {
    expect(suggest('ai', 'initiative', index).map((c) => c.value)).toEqual(['ai-alliance']);
    expect(suggest('', 'initiative', index).map((c) => c.value)).toEqual(['ai-alliance']);
  });
});

describe('membership answers on the tiny corpus', () => {
  it('answers a co-founder with "Yes", a listed non-member with "No" and the reason', () => {
    expect(answer('is ibm in the ai alliance', index).answer).toMatch(
      /^Yes — IBM .*co-founded the AI Alliance/,
    );
    expect(answer('does nvidia belong to the ai alliance', index).answer).toMatch(
      /^No — Nvidia is not a member of the AI Alliance[\s\S]*Absent from the launch list\./,
    );
  });

  it('says the records do not list an organization they never place in the initiative', () => {
    // Absence is not a fact: Metabase has no relation at all.
    expect(answer('is metabase in the ai alliance', index).answer).toMatch(
      /^I can't tell whether Metabase is a member of the AI Alliance: the records don't list it/,
    );
  });
});
