/**
 * Specifications of asks the records can't answer although their names link — what a startup shipped, what
 * someone did before the post they hold, how many members a body has today — and of a "when" that asks no date,
 * each on a tiny corpus written here (not the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import type { SearchIndex } from '../src/search/index.js';
import { fixtureIndex } from './support/kb-fixture.js';

const FILES = {
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
      - topic: goals
        text: The Guild wants public data sets to be easy to find and reuse.
        sources: [src-a]
      - topic: membership
        text: Applications opened on June 1, 2022 for firms that publish public data sets.
        sources: [src-a]
      - topic: governance
        text: As a first step, members will set up a review board and a data-quality committee.
        sources: [src-a]
      - topic: release
        text: The Guild released a data catalog on May 2, 2023.
        sources: [src-a]
      - topic: activities
        text: In March 2023 the Guild set aside $2 million for a data-cleaning grant fund.
        sources: [src-a]
`,
  'organizations.yaml': `organizations:
  - id: org-guild
    name: Data Commons Guild
    summary: The legal body that runs the Data Commons Guild.
    sources: [src-a]
    type: nonprofit
    runs: guild
    involvement: []
  - id: org-tessel
    name: Tessel Works
    summary: Tessel Works co-founded the Data Commons Guild.
    sources: [src-a]
    type: company
    involvement:
      - initiative: guild
        role: co-founder
        date: "2022-06-01"
        sources: [src-a]
  - id: org-fathom
    name: Fathom Maps
    summary: Fathom Maps helped found the Data Commons Guild in 2022.
    sources: [src-a]
    type: company
    involvement:
      - initiative: guild
        role: founding-member
        date: "2022-06-01"
        sources: [src-a]
`,
  'people.yaml': `people:
  - id: person-ines
    name: Ines Duarte
    summary: Chief executive of the Data Commons Guild (as of 2024), who became its public face at its 2024 summit.
    sources: [src-a]
    roles:
      - title: CEO (as of 2024)
        organization: org-guild
        sources: [src-a]
      - title: CEO (as of 2024)
        initiative: guild
        sources: [src-a]
    facts:
      - topic: quote
        text: Said shared data sets should come with clear licences, and that the Guild would keep working with its members.
        sources: [src-a]
  - id: person-omar
    name: Omar Haddad
    summary: Director of research at Fathom Maps when the Data Commons Guild launched.
    sources: [src-a]
    roles:
      - title: Director of research (at the Guild's launch)
        organization: org-fathom
        sources: [src-a]
  - id: person-lena
    name: Lena Voss
    summary: Fathom Maps' head of research until 2022, who spoke at the Guild's launch; succeeded by Omar Haddad.
    sources: [src-a]
    roles:
      - title: Head of research
        organization: org-fathom
        to: "2022"
        sources: [src-a]
  - id: person-karl
    name: Karl Mertens
    summary: Geographer who left Fathom Maps in 2023 to found Lumen, a startup building street-level maps.
    sources: [src-a]
    roles:
      - title: Founder of Lumen, a street-level mapping startup (since 2023)
        sources: [src-a]
      - title: Chief scientist
        organization: org-fathom
        to: "2023"
        sources: [src-a]
    facts:
      - topic: career
        text: In 2023 he announced that he was leaving Fathom Maps to start Lumen, with Tessel Works as a partner; Lumen later raised seed money.
        sources: [src-a]
`,
  'projects.yaml': `projects:
  - id: proj-sieve
    name: Sieve
    summary: An open library for cleaning public data sets.
    sources: [src-a]
    type: library
    owner: org-tessel
    released: "2019"
    facts:
      - topic: history
        text: On April 3, 2023 Tessel Works handed Sieve over to the Data Commons Guild.
        sources: [src-a]
      - topic: activities
        text: Its maintainers plan eventually to offer a hosted version of Sieve.
        sources: [src-a]
      - topic: activities
        text: Its maintainers plan to ship Sieve 2 in 2025.
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await fixtureIndex(FILES));
});
afterAll(() => cleanup());

describe('asks the records hold nothing for', () => {
  it("what a startup shipped is refused when no statement tells of anything coming out, though its founder's profile names it", () => {
    for (const q of [
      'has karl mertens startup lumen shipped anything yet',
      "Karl Mertens' Lumen: its first product?",
    ]) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain('Karl Mertens');
    }
  });

  it('what someone did before they were made CEO of the body they lead is refused when that is their only post', () => {
    const a = answer("what was Ines Duarte's work before she was made CEO of the Guild?", index);
    expect(a.answered).toBe(false);
  });

  it('how many members a body has today is declined when no source counts them, saying what the records list', () => {
    const a = answer('how many members does the Data Commons Guild have today', index);
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/can't tell how many members the Data Commons Guild has now/);
    expect(a.answer).toContain('2 founding organizations');
  });

  it('how many members a body had, with no day asked, is still counted from the lists', () => {
    const a = answer('how many members does the Data Commons Guild have', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('2 founding organizations');
  });
});

describe('investors nobody named', () => {
  it('who put money in is refused when the only company beside the startup is a partner, not an investor', () => {
    for (const q of [
      "which investors put money into Karl Mertens' Lumen?",
      "who were the backers of Karl Mertens' startup Lumen?",
    ]) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
    }
  });
});

describe('words nobody recorded', () => {
  it("what someone said is not answered with a colleague's profile that names them as successor", () => {
    for (const q of ['what did Omar Haddad say?', 'what did omar haddad say about the guild launch']) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain("Omar Haddad's roles at Fathom Maps");
      expect(a.answer, q).not.toContain('until 2022');
    }
  });

  it('a refusal about someone with no recorded words does not offer what they said', () => {
    const a = answer('what is Omar Haddad paid?', index);
    expect(a.answered).toBe(false);
    expect(a.answer).not.toMatch(/said on the record/);
  });
});

describe('asks of a kind no statement answers', () => {
  it('who got grants from a fund is refused when no statement tells of anyone receiving one', () => {
    const a = answer('which teams got grants from the Guild fund?', index);
    expect(a.answered).toBe(false);
  });

  it('what the fund is, asked without who got it, is still answered', () => {
    const a = answer('how much did the Guild set aside for its grant fund', index);
    expect(a.answer).toContain('$2 million');
  });

  it('when something will happen is refused when the statements tell only of what happened', () => {
    const a = answer('when will the Guild release its next data catalog?', index);
    expect(a.answered).toBe(false);
  });

  it('when the next of anything comes is refused when no statement tells of it as something to come', () => {
    for (const q of [
      'when is the next Guild data catalog being published?',
      'when is the next Guild grant round being announced?',
    ]) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
    }
  });

  it('when something will happen is refused when the statement tells a plan without its time', () => {
    for (const q of [
      'when exactly will a hosted version of sieve be offered?',
      'on what precise day will the hosted Sieve come out',
    ]) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(false);
    }
  });

  it('when something will happen is answered when the statement tells the plan with its time', () => {
    const a = answer('what year will the maintainers ship Sieve 2?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('2025');
  });

  it('when something happened is still answered with its date', () => {
    const a = answer('when did the Guild release its data catalog?', index);
    expect(a.answer).toContain('May 2, 2023');
  });
});

describe('a release the record dates', () => {
  it('answers what year a project first came out with its release date, not a later handover', () => {
    const a = answer('what year did sieve first come out?', index);
    expect(a.answer).toMatch(/^Sieve was first released in 2019\./);
  });
});

describe("a person's profile", () => {
  it('says a role held at an organization and at the body it runs once', () => {
    const a = answer('who is ines duarte', index);
    expect(a.answer).toContain('Chief executive of the Data Commons Guild');
    expect(a.answer.split('CEO (as of 2024) (Data Commons Guild)').length).toBeLessThanOrEqual(2);
  });
});

describe('what the records cannot date to now', () => {
  it('whether someone is still in a post is declined when the records give it no end, saying what they list', () => {
    const a = answer('is Ines Duarte still at the Data Commons Guild?', index);
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/can't tell whether Ines Duarte is still there/);
    expect(a.answer).toContain('CEO (as of 2024)');
  });

  it('what someone is doing now is declined when their only role is dated to an event', () => {
    const a = answer('what is omar haddad doing now?', index);
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/can't tell what Omar Haddad is doing now/);
  });

  it('what someone did after "he left" is declined when their only role is dated to an event', () => {
    const a = answer('what did omar haddad do after he left fathom maps', index);
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/can't tell what Omar Haddad did next/);
  });

  it('a word capitalised only because it starts a sentence is not read as a listed member', () => {
    const a = answer('is the Guild still taking applications?', index);
    expect(a.answer).not.toMatch(/records name Applications among/);
  });
});

describe('a "when" that joins a clause', () => {
  it('asks no date: what members create first "when the Guild got under way" leads with its first bodies, not its launch', () => {
    const a = answer('which structures would the members create first when the Guild got under way?', index);
    expect(a.answer).toMatch(/^As a first step, members will set up a review board/);
  });

  it('still asks when after "and": who founded it and when', () => {
    const a = answer('which firms founded the Guild and when', index);
    expect(a.answer).toContain('June 1, 2022');
  });
});

describe('a plan to create something', () => {
  it('"which bodies would it form first" is answered by the plan, not by who founded it', () => {
    for (const q of [
      'which bodies would the Guild form first?',
      'what bodies was the Guild going to set up first?',
    ]) {
      const a = answer(q, index);
      expect(a.answer, q).toContain('review board');
      expect(a.answer, q).not.toContain('co-founded by Tessel Works');
    }
  });

  it('who set it up is still its founder', () => {
    expect(answer('who set up the Guild?', index).answer).toContain('Tessel Works');
  });
});
