/**
 * Specifications of asks read from their words — who stayed out of a body, sums asked in other words, a
 * version's facts told by another record, what someone told a paper, the bodies a body sets up — each on a tiny
 * corpus written here (not the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const outside = (id: string, name: string, summary: string, reason: string) => `  - id: ${id}
    name: ${name}
    summary: ${summary}
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: not-a-member
        date: "2023-12-05"
        reason: ${reason}
        sources: [src-a]
`;

const FILES = {
  'initiatives.yaml': `initiatives:
  - id: ai-alliance
    name: AI Alliance
    aliases: [The AI Alliance, the Alliance]
    summary: A community of companies and labs for open AI.
    sources: [src-a]
    type: consortium
    featured: true
    launched: { date: "2023-12-05", sources: [src-a] }
    facts:
      - topic: governance
        text: As a first step, members will set up a governing board and a technical committee.
        sources: [src-a]
      - topic: membership
        text: "Taken together, the members represent more than $40 billion in annual R&D funding."
        sources: [src-a]
`,
  'organizations.yaml': `${VALID_FILES['organizations.yaml']}  - id: org-orbit
    name: Orbit
    summary: A lab that keeps its models closed.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: not-a-member
        date: "2023-12-05"
        reason: Orbit gave no reason of its own. Daily Byte notes that Orbit, Vela and Corvid have called open models risky and reckless, and none of the three joined.
        sources: [src-a]
${outside('org-vela', 'Vela', 'A search company.', 'A long-time critic of open models, it has argued for years that weights should stay private, that open releases help bad actors, and that safety research needs closed labs with strict access rules, a view it repeated in several essays, talks and interviews over the past year.')}${outside('org-corvid', 'Corvid', 'A software giant.', 'It works closely with Orbit, has invested heavily in it, and sells the models of Orbit through its own cloud, so joining a body that promotes open models would sit uneasily with the partnership it has built, as several commentators pointed out in the weeks after the launch.')}  - id: org-byte
    name: Daily Byte
    summary: A technology news site.
    sources: [src-a]
    type: company
  - id: org-kite
    name: Kite Labs
    summary: A company that makes image models.
    sources: [src-a]
    type: company
  - id: org-cloudy
    name: Cloudy
    summary: A cloud provider.
    sources: [src-a]
    type: company
    facts:
      - topic: note
        text: For the Pixel 2 launch Kite Labs' preferred partner was Cloudy, which hosted the model.
        sources: [src-a]
`,
  'people.yaml': `people:
  - id: person-ada
    name: Ada Lin
    summary: Head of research at IBM.
    sources: [src-a]
    roles:
      - title: Head of research
        organization: org-ibm
        sources: [src-a]
    facts:
      - topic: quote
        text: Told Daily Byte that the alliance would first take members committed to open science.
        sources: [src-a]
      - topic: quote
        text: Called the launch just the beginning and said more members were welcome later.
        quote: This is just the beginning
        sources: [src-a]
`,
  'projects.yaml': `projects:
  - id: proj-pixel
    name: Pixel
    aliases: [Pixel 2]
    summary: Kite Labs' family of image models.
    sources: [src-a]
    type: model
    owner: org-kite
    facts:
      - topic: release
        text: Pixel 2 was released on July 18, 2023.
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const fixture = await writeKnowledgeDir(FILES);
  cleanup = fixture.cleanup;
  index = buildIndex(await loadKnowledge(fixture.dir));
});

afterAll(async () => {
  await cleanup();
});

describe('who stayed out of a body', () => {
  it('lists the organizations the records say stayed out when asked who was left out', () => {
    const r = answer('who was left out when the AI Alliance launched?', index);
    expect(r.answered).toBe(true);
    for (const name of ['Nvidia', 'Orbit', 'Vela', 'Corvid']) expect(r.answer).toContain(name);
    expect(r.answer).not.toContain('IBM');
  });

  it('answers a question that says more than who stayed out from the statements, not the list', () => {
    const r = answer('which software giant stayed away from the AI Alliance', index);
    expect(r.answer).toContain('Corvid');
    expect(r.answer).not.toContain('Vela');
  });

  it('gives the one reason a statement holds for three organizations asked why together', () => {
    const r = answer('why did Orbit, Vela and Corvid keep out of the alliance per Daily Byte?', index);
    expect(r.answer).toContain('reckless');
  });

  it('answers three organizations asked why one by one when no statement gives their reason together', () => {
    const r = answer('why did Orbit, Vela and Corvid all stay away from the AI Alliance?', index);
    expect(r.answer).toContain('long-time critic');
    expect(r.answer).toContain('works closely with Orbit');
    expect(r.answer).toContain('Orbit gave no reason');
  });
});

describe('sums asked in other words', () => {
  it('reads "put together" as combined, not as money put in', () => {
    const r = answer('how much R&D funding does the AI Alliance membership represent put together', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('$40 billion');
  });

  it('still asks what was put in for "how much did they put in"', () => {
    expect(answer('how much money did IBM put into the alliance', index).answered).toBe(false);
  });
});

describe("a version's facts told by another record", () => {
  it('answers what a statement elsewhere says of a named version', () => {
    const r = answer("who was Kite Labs' preferred launch partner for Pixel 2", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Cloudy');
  });

  it('still refuses what no statement says of the named version', () => {
    expect(answer("what was Pixel 2's training budget", index).answered).toBe(false);
  });
});

describe('what someone told a paper', () => {
  it('reads a verb of telling right after a name as asking for their words', () => {
    const r = answer("what did IBM's Ada Lin tell Daily Byte about who may join", index);
    expect(r.answer).toContain('just the beginning');
  });
});

describe('the bodies a body sets up', () => {
  it('answers which bodies members set up from the statement, not with the member list', () => {
    const r = answer('which governance bodies were AI Alliance members to set up first?', index);
    expect(r.answer).toContain('governing board');
    expect(r.answer).not.toContain('Co-founders');
  });
});
