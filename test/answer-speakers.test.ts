/**
 * Specifications of asks for someone's words and titles — who spoke for a firm to which outlet, what a person
 * said when nothing they said is recorded, a job title beside a source's headline — and of a follow-up that
 * names nothing after a part the records can't answer, each on a tiny corpus written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import type { SearchIndex } from '../src/search/index.js';
import { fixtureIndex } from './support/kb-fixture.js';

const FILES = {
  'sources.yaml': `sources:
  - id: src-a
    title: Guild launch release with dates
    publisher: Tessel Works
    date: "2022-06-01"
    url: https://example.org/launch
    kind: public
  - id: src-b
    title: Inside the Guild's first groups
    publisher: Ledger Weekly
    date: "2022-06-02"
    url: https://example.org/ledger
    kind: public
`,
  'initiatives.yaml': `initiatives:
  - id: guild
    name: Data Commons Guild
    aliases: [the Guild]
    summary: A non-profit body of firms that pool public data sets.
    sources: [src-a]
    type: consortium
    featured: true
    launched: { date: "2022-06-01", sources: [src-a] }
    facts:
      - topic: history
        asked_as:
          - "link to Jane Roe's startup"
        text: Tessel Works shared a press release about the Guild with reporters a week before its launch.
        sources: [src-a]
      - topic: goals
        text: The Guild wants public data sets to be easy to find and reuse.
        sources: [src-a]
      - topic: activities
        text: In March 2023 the Guild set aside $2 million for a data-cleaning grant fund.
        sources: [src-a]
      - topic: history
        text: Its charter has more than 20 signatories, among them Ivo Nemec (Quarry Labs) and Rosa Pike.
        sources: [src-a]
`,
  'organizations.yaml': `organizations:
  - id: org-tessel
    name: Tessel Works
    summary: Data company that co-founded the Data Commons Guild.
    sources: [src-a]
    type: company
    involvement:
      - initiative: guild
        role: co-founder
        date: "2022-06-01"
        sources: [src-a]
  - id: org-quarry
    name: Quarry Labs
    summary: Robotics company.
    sources: [src-a]
    type: company
    involvement: []
`,
  'projects.yaml': `projects:
  - id: proj-loom
    name: Loom
    aliases: [Loom 1, Loom 2]
    summary: Tessel Works' open catalog software.
    sources: [src-a]
    type: library
    owner: org-tessel
    released: "2022"
    facts:
      - topic: release
        text: Loom 1 came out in 2022 under the Apache 2.0 licence.
        sources: [src-a]
      - topic: release
        text: Loom 2 came out in 2024 with a faster search index.
        sources: [src-a]
`,
  'people.yaml': `people:
  - id: person-ana
    name: Ana Ortiz
    summary: Data executive at Tessel Works.
    sources: [src-a]
    roles:
      - title: Chief data officer (at the Guild's launch)
        organization: org-tessel
        sources: [src-a]
    facts:
      - topic: quote
        text: Said shared data sets need clear licences to be reused.
        sources: [src-a]
  - id: person-ben
    name: Ben Okafor
    summary: Head of partnerships at Tessel Works.
    sources: [src-b]
    roles:
      - title: Head of partnerships
        organization: org-tessel
        sources: [src-b]
    facts:
      - topic: quote
        text: Said the first working group had already met and a review board would follow.
        sources: [src-b]
      - topic: quote
        text: Said the market for shared data was still young; asked which rivals worried him, he answered only 'not just yet'.
        sources: [src-b]
      - topic: activities
        text: Said the company's hosted catalog product, Loom, would open to the public in 2023.
        sources: [src-b]
  - id: person-cara
    name: Cara Lind
    summary: Engineer at Tessel Works.
    sources: [src-a]
    roles:
      - title: Staff engineer
        organization: org-tessel
        sources: [src-a]
  - id: person-eli
    name: Eli Brandt
    summary: Engineer at Tessel Works.
    sources: [src-a]
    roles:
      - title: Staff engineer
        organization: org-tessel
        sources: [src-a]
    facts:
      - topic: career
        text: Replaced Cara Lind as lead engineer at Tessel Works in 2024.
        sources: [src-a]
  - id: person-dev
    name: Dev Anand
    summary: Researcher at Tessel Works; co-author of the paper 'Tables All the Way Down'.
    sources: [src-a]
    roles:
      - title: Researcher
        organization: org-tessel
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await fixtureIndex(FILES));
});
afterAll(() => cleanup());

describe('words nobody recorded', () => {
  it('what someone said is refused when none of their words is on record, even though the name links', () => {
    for (const q of ['what did Cara Lind say about the Guild?', 'any quote from cara lind on the guild']) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain('Cara Lind');
    }
  });

  it('a paper someone co-wrote is still answered from their profile', () => {
    const a = answer('which paper did Dev Anand co-write?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Tables All the Way Down');
  });
});

describe('who spoke for a firm', () => {
  it('the speaker who told the outlet the question names comes first', () => {
    const a = answer('who at Tessel Works told Ledger Weekly about its plans?', index);
    expect(a.answer).toMatch(/^[^\n]*Ben Okafor|^[^\n]*first working group/);
    expect(a.subject?.name).toBe('Ben Okafor');
  });

  it('with nothing in the question to pick between them, the first found still leads', () => {
    const a = answer('who from Tessel Works was quoted?', index);
    expect(a.answered).toBe(true);
    expect(a.subject?.name).toBe('Ana Ortiz');
  });
});

describe('a title', () => {
  it("asked of a person is their job, not a source's headline", () => {
    const a = answer("what was Ana Ortiz's job title at Tessel Works?", index);
    expect(a.answer).toContain('Chief data officer');
    expect(a.answer).not.toMatch(/was published by/);
  });

  it('"job title" is a role even when no person is named', () => {
    const a = answer(
      'what was the job title of the Tessel Works person quoted in the launch release?',
      index,
    );
    expect(a.answer).not.toMatch(/was published by/);
  });

  it('a headline is still a headline', () => {
    const a = answer("what was the title of Ledger Weekly's piece on the Guild?", index);
    expect(a.answer).toContain("Inside the Guild's first groups");
  });

  it('a statement given in a "when" clause says when: the title is what is asked', () => {
    for (const q of [
      "what was Ben Okafor's title when he gave the statement?",
      "what was Ana Ortiz's title when she gave her quote",
    ]) {
      const a = answer(q, index);
      expect(a.answer, q).toMatch(/Head of partnerships|Data executive/);
      expect(a.answer, q).not.toMatch(/^What .* said/);
    }
  });

  it('words asked outside the clause are still asked', () => {
    const a = answer('what did Ana Ortiz say when she was chief data officer?', index);
    expect(a.answer).toContain('clear licences');
  });
});

describe('a follow-up after a part the records cannot answer', () => {
  it('that names nothing is not answered by a statement sharing one of its words', () => {
    const a = answer("what's the Guild's annual budget? did reporters get a press release?", index);
    expect(a.answered).toBe(false);
  });

  it('that names something of its own is still answered', () => {
    const a = answer('How many staff does the Guild employ? And who co-founded the Guild?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Tessel Works');
  });
});

describe('leaving a body the records list as joined', () => {
  it('is declined: the records tell when a member joined, not that it is still in', () => {
    for (const q of ['did Tessel Works leave the Guild?', 'has tessel works pulled out of the guild']) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain("can't tell whether Tessel Works has left the Data Commons Guild");
      expect(a.answer, q).toContain('co-founder (June 1, 2022)');
    }
  });

  it('a person named after "after" with a word of leaving is when, not whom, the question asks about', () => {
    const a = answer('did Tessel Works quit the Guild after Ana Ortiz stepped down?', index);
    expect(a.answer).toContain("can't tell whether Tessel Works has left");
    expect(a.answer).not.toContain('Ana Ortiz');
  });
});

describe("a phrase quoted from one of a firm's people", () => {
  it("finds the person's own statement, though it never names the firm, and a clause after 'the guy who,' is not split off", () => {
    const a = answer(
      'who was the Tessel Works guy who, when asked which rivals worried him, just said "not just yet"?',
      index,
    );
    expect(a.answered).toBe(true);
    expect(a.subject?.name).toBe('Ben Okafor');
    expect(a.answer).toContain("'not just yet'");
  });
});

describe('a question that names nothing', () => {
  it("is answered, unsure, by a featured body's statement that holds every word it asks", () => {
    const a = answer('what was the budget of the data-cleaning grant fund set up in March 2023?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('$2 million');
    expect(a.confidence).toBeLessThan(0.8);
  });

  it('is still refused when no statement holds all of it', () => {
    const a = answer('what was the budget of the hiking club fund set up in March 2023?', index);
    expect(a.answered).toBe(false);
  });
});

describe('a name typed that no record holds', () => {
  it('is what the question asks about: refused, though the body links and a phrasing it is asked by names it', () => {
    const a = answer('how did Jane Roe react to the Guild launch?', index);
    expect(a.answered).toBe(false);
  });

  it('a publisher the sources name is no stranger', () => {
    const a = answer("what did Ledger Weekly say about the Guild's first groups?", index);
    expect(a.answered).toBe(true);
  });
});

describe('someone after someone', () => {
  it('who took a post after a person is refused when no one else is named for it', () => {
    const a = answer('who became head of partnerships at Tessel Works after Ben Okafor?', index);
    expect(a.answered).toBe(false);
  });

  it('is answered when a statement names who replaced them', () => {
    const a = answer('who replaced Cara Lind at Tessel Works?', index);
    expect(a.answer).toContain('Eli Brandt');
  });
});

describe('the name of a model', () => {
  it('is refused when the answer names no model the records hold', () => {
    for (const q of [
      "what's the name of the first model Tessel Works released?",
      'whats the name of the first model the Guild put out',
    ])
      expect(answer(q, index).answered, q).toBe(false);
  });
});

describe('the present', () => {
  it('"right now" or "this year" is refused: dated records cannot tell it, though their words match', () => {
    for (const q of [
      'how much has the Guild set aside for its data-cleaning grant fund this year?',
      'what is the Guild working on right now to make public data sets easy to find?',
    ])
      expect(answer(q, index).answered, q).toBe(false);
  });

  it('"these days" still reads the records', () => {
    const a = answer('what does the Guild want these days?', index);
    expect(a.answer).toContain('easy to find and reuse');
  });
});

describe('an organization the records hold, asked about a body they never tie it to', () => {
  it('asked whether anybody from it signed, is answered by the statement naming its person', () => {
    const a = answer("did anybody from Quarry Labs sign the Guild's charter?", index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Ivo Nemec (Quarry Labs)');
  });

  it('is declined, naming it: absence from the lists is not a no', () => {
    for (const q of [
      'is Quarry Labs a member of the Guild?',
      'did Quarry Labs ever join the Guild later on?',
    ]) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain("I can't tell whether Quarry Labs is a member of the Data Commons Guild");
    }
  });
});

describe('the licence of a version', () => {
  it("is refused when no statement tells that version's licence, though another version's is told", () => {
    const a = answer('what licence is Loom 2 under?', index);
    expect(a.answered).toBe(false);
  });

  it("is answered from the version's own statement", () => {
    expect(answer('what licence is Loom 1 under?', index).answer).toContain('Apache 2.0');
  });
});

describe('who a fund gave to', () => {
  it('is refused when no statement tells of anyone receiving from it', () => {
    const a = answer("which teams has the Guild's data-cleaning grant fund given grants to so far?", index);
    expect(a.answered).toBe(false);
  });
});

describe('partners asked for', () => {
  it('are not answered by a statement that names none', () => {
    const a = answer('which partners chipped in to the data-cleaning grant fund of the Guild?', index);
    expect(a.answered).toBe(false);
  });

  it('are answered by a statement that names one', () => {
    const a = answer('which partners co-founded the Guild?', index);
    expect(a.answer).toContain('Tessel Works');
  });
});
