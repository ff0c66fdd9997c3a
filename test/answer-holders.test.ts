/**
 * Specifications of who holds a role when only a statement's text says so — an organization's description, a
 * speaker's header on a quote — and of members asked for by their kind, each on a tiny corpus written here (not
 * the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import type { SearchIndex } from '../src/search/index.js';
import { fixtureIndex } from './support/kb-fixture.js';

const FILES = {
  'initiatives.yaml': `initiatives:
  - id: circle
    name: Open Compute Circle
    aliases: [the Circle]
    summary: A group of firms that share compute for open research.
    sources: [src-a]
    type: consortium
    featured: true
    launched: { date: "2024-03-02", sources: [src-a] }
    facts:
      - topic: quote
        text: "Omar Reyes (Chief Scientist, Harbor Labs): shared clusters let small teams train real models."
        date: "2024-03-02"
        sources: [src-a]
      - topic: membership
        text: Pinecrest Robotics and Harbor Labs signed up in the spring, after a pilot with shared clusters.
        sources: [src-a]
      - topic: membership
        text: "Everyone at the first summit: Mercy Care Network, Nimbus Systems, Harbor Labs, Pinecrest Robotics, Alder Bank, Birch Analytics, Cedar Works, Dune Energy, Elm Logistics, Fjord Media, Garnet Chips, Heron Cloud, Iris Vision, Juniper Labs, Kestrel Data, Larch Tools, Maple Compute, Nettle Security, Oak Research and Pine Robotics."
        sources: [src-a]
      - topic: membership
        text: "Members added on May 1, 2024: Health Grid Partners, Orbit Data."
        date: "2024-05-01"
        sources: [src-a]
`,
  'organizations.yaml': `organizations:
  - id: org-pinecrest
    name: Pinecrest Robotics
    summary: Pinecrest Robotics is a member of the Open Compute Circle.
    sources: [src-a]
    type: company
    description: Maker of warehouse robot arms; its CEO is Lena Ortiz.
    involvement:
      - initiative: circle
        role: member
        date: "2024-03-02"
        sources: [src-a]
  - id: org-harbor
    name: Harbor Labs
    summary: Harbor Labs is a founding member of the Open Compute Circle.
    sources: [src-a]
    type: company
    involvement:
      - initiative: circle
        role: founding-member
        date: "2024-03-02"
        sources: [src-a]
  - id: org-mercy
    name: Mercy Care Network
    summary: Mercy Care Network is a founding member of the Open Compute Circle.
    sources: [src-a]
    type: nonprofit
    description: Hospital network in three states; its CEO is Ruth Okafor.
    involvement:
      - initiative: circle
        role: founding-member
        date: "2024-03-02"
        sources: [src-a]
  - id: org-nimbus
    name: Nimbus Systems
    summary: Nimbus Systems is a founding member of the Open Compute Circle.
    sources: [src-a]
    type: company
    description: Robotics firm based in Switzerland that builds storage for research data.
    involvement:
      - initiative: circle
        role: founding-member
        date: "2024-03-02"
        sources: [src-a]
  - id: org-delta
    name: Delta Grid
    summary: A power utility that hosts research clusters.
    sources: [src-a]
    type: company
    involvement: []
    facts:
      - topic: note
        text: Three utilities sat on Delta Grid's first board, and Ivo Petrov was its president.
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await fixtureIndex(FILES));
});
afterAll(() => cleanup());

describe('a role held by someone with no record of their own', () => {
  it("a CEO an organization's description names answers who its CEO is", () => {
    const a = answer('who is the ceo over at pinecrest robotics?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/^Lena Ortiz — CEO, Pinecrest Robotics\./);
  });

  it("a speaker's header on a quote names the holder of a title at their organization, with their words", () => {
    const a = answer("name of harbor labs' chief scientist", index);
    expect(a.answer).toMatch(/^Omar Reyes — Chief Scientist, Harbor Labs\./);
    expect(a.answer).toContain('shared clusters let small teams train real models');
  });

  it('a president a later sentence of the record names ("… was its president") answers who was president', () => {
    const a = answer('who was president of delta grid', index);
    expect(a.answer).toMatch(/^Ivo Petrov — President, Delta Grid\./);
  });

  it('the body a company is a member of, named beside it, does not trade the holder for a statement naming both', () => {
    const a = answer('pinecrest robotics, the Circle member - who is their ceo?', index);
    expect(a.answer).toMatch(/^Lena Ortiz — CEO/);
  });

  it('a verb of leading ("who runs …") is not read as a title a sentence gives', () => {
    const a = answer('who runs harbor labs', index);
    expect(a.answer).not.toMatch(/^Omar Reyes — /);
  });
});

describe('members asked for by their kind', () => {
  it('a kind of two words is met by the member matching its telling word, not one whose name shares the other', () => {
    const a = answer('which hospital system belongs to the open compute circle', index);
    expect(a.answer).toContain('Mercy Care Network');
    expect(a.answer).not.toContain('Nimbus Systems');
  });

  it('a kind said after "is a" ("which founding member is a …") narrows the members', () => {
    const a = answer('which founding member of the Circle is a hospital?', index);
    expect(a.answer).toContain('Mercy Care Network');
    expect(a.answer).not.toContain('Pinecrest Robotics');
  });

  it('"its" in a second question stands for the one member the first one picked out', () => {
    const a = answer('which hospital is in the Circle, and who is its ceo?', index);
    expect(a.answer).toContain('Ruth Okafor');
    expect(a.answer).not.toContain('do not name a CEO');
  });

  it('a country asked for meets the adjective or the name the records use ("swiss" ~ "Switzerland")', () => {
    const a = answer('which swiss members are in the circle', index);
    expect(a.answer).toContain('Nimbus Systems');
    expect(a.answer).not.toContain('Mercy Care Network');
  });

  it('a kind of member asked with no body named is answered from the one body with members of that kind, unsure', () => {
    const a = answer('which swiss firms were among the founding members?', index);
    expect(a.answer).toContain('Nimbus Systems');
    expect(a.confidence).toBeLessThan(0.8);
  });

  it('an everyday word alone is not read as the name of a listed member it only begins', () => {
    const a = answer('is health a member of the open compute circle?', index);
    expect(a.answer).not.toMatch(/records name Health among/);
  });
});

describe('several members asked about together', () => {
  it('after each one is answered, a short statement of the body naming them all is told once', () => {
    const a = answer('did pinecrest robotics and harbor labs join the Circle?', index);
    expect(a.answer).toMatch(/Pinecrest Robotics[\s\S]*Harbor Labs/);
    expect(a.answer).toContain('signed up in the spring, after a pilot');
  });

  it('a long member list naming them among others is not told as theirs together', () => {
    const a = answer('are mercy care network and nimbus systems both in the circle?', index);
    expect(a.answer).toMatch(/Mercy Care Network[\s\S]*Nimbus Systems/);
    expect(a.answer).not.toContain('Everyone at the first summit');
  });
});
