/**
 * Specifications of how the answer pipeline reads what members type and picks what to say, each on a tiny corpus
 * written here (not the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { readAsk } from '../src/answer/ask.js';
import { composeAnswer } from '../src/answer/compose.js';
import { coverage } from '../src/answer/coverage.js';
import { listedNames } from '../src/answer/handlers/membership.js';
import type { Rec } from '../src/answer/handlers/shared.js';
import { readQuestion } from '../src/answer/question.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KbRecord } from '../src/knowledge/schema.js';
import { buildIndex, type FactDoc, type SearchIndex } from '../src/search/index.js';
import { linkEntities } from '../src/search/link.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const PEOPLE = `people:
  - id: person-ada
    name: Ada Stone
    summary: Research leader at IBM.
    sources: [src-a]
    roles:
      - title: Executive director
        initiative: forum
        from: 2023-10
        sources: [src-a]
      - title: Presented the forum at its launch
        initiative: forum
        from: 2023-07
        to: 2023-07
        sources: [src-a]
  - id: person-kim
    name: Kim Park
    summary: Reporter at Example News.
    sources: [src-a]
    roles:
      - title: Reporter
        organization: org-news
        sources: [src-a]
    facts:
      - topic: quote
        text: Asked whether the AI Alliance could succeed, and ended the article with 'We shall see.'
        sources: [src-a]
`;

const FILES = {
  'sources.yaml': `${VALID_FILES['sources.yaml']}  - id: src-b
    title: A new alliance takes on the big labs
    publisher: Example News (Kim Park)
    date: "2023-12-06"
    url: https://example.org/alliance
    kind: public
  - id: src-c
    title: "Scoop: robots join the alliance"
    publisher: Wire Daily
    date: "2024-02-09"
    url: https://example.org/robots
    kind: public
  - id: src-d
    title: "Scoop: Robots Join the Alliance"
    publisher: Byte Mirror
    date: unknown
    url: https://example.org/robots-copy
    kind: public
  - id: src-e
    title: Northwind Labs raised ten million dollars in three weeks and now wants to build every open robot there is
    publisher: Gear Weekly
    date: "2024-03-01"
    url: https://example.org/northwind
    kind: public
`,
  'initiatives.yaml': `initiatives:
  - id: ai-alliance
    name: AI Alliance
    aliases: [The AI Alliance]
    summary: A community for open AI.
    sources: [src-a]
    type: consortium
    featured: true
    launched: { date: "2023-12-05", sources: [src-a] }
    facts:
      - topic: goals
        text: Foster an open community.
        sources: [src-a]
      - topic: quote
        text: "Jane Roe (President, Lakeside University): open research needs many hands."
        sources: [src-a]
      - topic: membership
        text: "Members added on February 8, 2024: Acme Robotics, Northwind Labs, Weights & Widgets."
        sources: [src-a, src-c, src-d, src-e]
      - topic: membership
        text: "Analyst Sam Lee named Globex as missing from the member lists."
        sources: [src-a]
      - topic: membership
        text: "The Japanese participants included Lakeside University and Quantadex."
        sources: [src-a]
      - topic: note
        text: "Example News presented the body as a counterweight to the big labs."
        sources: [src-b]
      - topic: governance
        text: "The Alliance adopted a charter in 2024 that sets out how projects are proposed, reviewed, run and retired, and what openness and transparency each of them must show. Hosted projects are governed by a member with the Alliance's support; funded projects are run by the Alliance itself."
        sources: [src-a]
  - id: forum
    name: Model Forum
    aliases: [Frontier Model Forum, FMF]
    summary: An industry body for frontier models.
    sources: [src-a]
    type: industry-body
    launched: { date: "2023-07-26", sources: [src-a] }
    facts:
      - topic: note
        text: A 2024 blog post presents the forum as new.
        sources: [src-a]
`,
  // The base fixture's IBM and Nvidia, Nvidia with a reason these specs read, then this corpus's organizations.
  'organizations.yaml': `${VALID_FILES['organizations.yaml']?.replace('Absent from the launch list.', 'It sells chips to every side and stayed neutral.')}  - id: org-lakeside
    name: Lakeside University
    summary: A Boston-based university that does AI research.
    sources: [src-a]
    type: university
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
  - id: org-news
    name: Example News
    summary: A technology news site.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: critic
        sources: [src-a]
  - id: org-roadwise
    name: Roadwise
    aliases:
      - name: Rodwize
        garbled: true
    summary: An insurer that prices car cover with machine learning.
    sources: [src-a]
    type: company
    involvement: []
  - id: org-quanta
    name: Quantadex
    aliases:
      - name: Kwantadeks
        garbled: true
    summary: A Japanese company that builds data tools for language models.
    sources: [src-a]
    type: company
    facts:
      - topic: correction
        text: "A machine translation of an article writes the name 'Kwantadeks'; the company meant is Quantadex."
        spellings: [Kwantadeks]
        sources: [src-a]
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
`,
  'people.yaml': PEOPLE,
  'projects.yaml': `projects:
  - id: proj-pixel
    name: Pixel Diffusion
    summary: An open-source image model from IBM.
    sources: [src-a]
    type: text-to-image model
    owner: org-ibm
    released: "2022-08-22"
    facts:
      - topic: release
        text: Version 1 was released on August 22, 2022.
        date: "2022-08-22"
        sources: [src-a]
      - topic: release
        text: Version 2 was released on March 3, 2023.
        date: "2023-03-03"
        sources: [src-a]
      - topic: release
        text: Pixel Diffusion 3.1 was released on May 1, 2024 as a small model.
        date: "2024-05-01"
        sources: [src-a]
      - topic: release
        text: Pixel Diffusion 3.2 was released on June 9, 2024 with inpainting.
        date: "2024-06-09"
        sources: [src-a]
      - topic: note
        text: Pixel Diffusion 2's license allows commercial use only below 1 million users.
        sources: [src-a]
  - id: proj-frames
    name: Frame Detector
    summary: A library for finding objects in video frames.
    sources: [src-a]
    type: library
    owner: org-ibm
    released: "2020-03-01"
    facts:
      - topic: release
        text: Frame Detector was released on March 1, 2020 as a rewrite of an older tool.
        date: "2020-03-01"
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const dir = await writeKnowledgeDir({ ...VALID_FILES, ...FILES });
  cleanup = dir.cleanup;
  index = buildIndex(await loadKnowledge(dir.dir));
});
afterAll(() => cleanup());

describe('what members type', () => {
  it('spells out a chat abbreviation, so "exec director" asks for the executive director', () => {
    const r = answer('who is the model forum exec director', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Ada Stone');
  });

  it('reads a date in a "when" question as the member\'s guess, answered with the recorded date', () => {
    const r = answer('when did pixel diffusion version 2 come out, 2024?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('March 3, 2023');
  });

  it('reads a second version number after "and" as a version of the same name', () => {
    const r = answer('when did pixel diffusion 3.1 and 3.2 come out', index);
    expect(r.answer).toContain('May 1, 2024');
    expect(r.answer).toContain('June 9, 2024');
  });

  it('reads "v2" as version 2, with a second number after "and" a version too', () => {
    expect(answer('when did pixel diffusion v2 come out', index).answer).toContain('March 3, 2023');
    const both = answer('pixel diffusion v1 and 2 release dates', index).answer;
    expect(both).toContain('August 22, 2022');
    expect(both).toContain('March 3, 2023');
    expect(both).not.toContain('May 1, 2024');
  });

  it("refuses what a named version's own statements don't tell, rather than answer with another version's", () => {
    expect(answer('does pixel diffusion 3.1 do inpainting?', index).answered).toBe(false);
    expect(answer('does pixel diffusion 3.2 do inpainting?', index).answer).toContain('inpainting');
  });

  it('refuses a version with a point no release statement names ("3.4" beside 3.1 and 3.2)', () => {
    expect(answer('when did ibm release pixel diffusion 3.4?', index).answered).toBe(false);
    expect(answer('when did pixel diffusion 3.1 come out', index).answer).toContain('May 1, 2024');
  });

  it('answers a release ask about something no release statement holds from statements, not the list', () => {
    const r = answer('does pixel diffusion release its training data?', index);
    expect(r.answer).not.toContain('releases, per the sources');
    expect(r.answered).toBe(false);
  });

  it('reads a name typed without its hyphen ("rcnn") as the hyphenated one ("R-CNN")', () => {
    expect(coverage(['rcnn'], [], ['It ships Mask R-CNN variants.'], index).ratio).toBe(1);
  });

  it('refuses a licence asked for a project no statement gives a licence for', () => {
    expect(answer('what license is frame detector released under?', index).answered).toBe(false);
  });

  it('keeps what the first part named when the second points back with "they"', () => {
    const r = answer('is nvidia a chip maker? why did they keep out of the AI Alliance', index);
    expect(r.answered).toBe(true);
    expect(r.answer.split('\n\n')[1]).toContain('Nvidia');
  });

  it('answers a garbled name with what it stands for, whatever the words around it', () => {
    const r = answer("an article mentions 'Kwantadeks', which company is that", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Quantadex');
    expect(r.answer).toContain('garbled');
  });

  it('answers two garbled names typed together with both real names, even read in a member list', () => {
    const r = answer("a copy of the story lists 'Kwantadeks' and 'Rodwize' as members - real names?", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/Kwantadeks[\s\S]*Rodwize[\s\S]*Quantadex[\s\S]*Roadwise/);
  });
});

describe("the member's wording", () => {
  it('writes a compound the way the member typed it', () => {
    expect(answer('what is pixel diffusion, is it open source', index).answer).toContain('open source image');
    expect(answer('what is pixel diffusion', index).answer).toContain('open-source image');
  });
});

describe('what an answer leads with', () => {
  it('leads a why-not answer with the reason', () => {
    const r = answer('why did nvidia sit out the ai alliance?', index);
    expect(r.answer).toMatch(/^Nvidia was not a member of the AI Alliance[^.]*\. It sells chips/);
  });

  it('answers who spoke for an organization with the launch quote that names it, not a membership', () => {
    const r = answer('who from lakeside university spoke for it at the launch event', index);
    expect(r.answer).toContain('Jane Roe');
    expect(r.answer).not.toMatch(/^Yes/);
  });

  it('answers a "who" ask from a role statement rather than a profile', () => {
    const r = answer('who presented the model forum', index);
    expect(r.answer).toContain('Ada Stone');
  });

  it('cuts a long supporting statement to the sentence that bears on the ask', () => {
    const charter = index.factDocs.find((d) =>
      d.text.startsWith('The Alliance adopted a charter'),
    ) as FactDoc;
    const subject = index.kb.byId.get('ai-alliance') as KbRecord;
    const draft = {
      subject,
      lead: 'The AI Alliance has two kinds of project.',
      docs: [charter],
      confidence: 1,
    };
    const r = composeAnswer(draft, index, [], [], 1, { content: ['hosted', 'funded'] });
    expect(r.answer).toContain('Hosted projects are governed by a member');
    expect(r.answer).not.toContain('proposed, reviewed');
  });
});

describe('records that speak of each other', () => {
  it('answers how one record described another from the statement that names both', () => {
    expect(answer('how did example news frame the ai alliance', index).answer).toContain('counterweight');
  });

  it("takes a reporter's words as the outlet's piece", () => {
    expect(answer('how did the example news ai alliance article end', index).answer).toContain(
      'We shall see',
    );
  });

  it('answers a project licence question from its licence statement', () => {
    expect(answer('is pixel diffusion 2 open source', index).answer).toContain('1 million users');
  });

  it('names who published an article whose title the member quotes', () => {
    const r = answer("who published 'a new alliance takes on the big labs'", index);
    expect(r.answer).toBe(
      '"A new alliance takes on the big labs" was published by Example News (Kim Park) on December 6, 2023.',
    );
  });

  it('reads "put out", "broke" and "posted" a quoted headline as asking who published it', () => {
    for (const q of [
      "who put out 'a new alliance takes on the big labs'",
      "who broke the 'a new alliance takes on the big labs' story",
      "which site posted 'a new alliance takes on the big labs'",
    ])
      expect(answer(q, index).answer).toMatch(
        /^"A new alliance takes on the big labs" was published by Example News/,
      );
  });

  it('names every piece that carries a quoted headline, with its publisher and date', () => {
    expect(answer("who published 'robots join the alliance'?", index).answer).toBe(
      'Two pieces carry the headline "Scoop: robots join the alliance": Wire Daily on February 9, 2024 and Byte Mirror (undated).',
    );
  });

  it('finds the piece a question describes by its headline words, without quoting it', () => {
    expect(answer('which outlet ran a headline on some new alliance taking on big labs?', index).answer).toBe(
      '"A new alliance takes on the big labs" was published by Example News (Kim Park) on December 6, 2023.',
    );
  });

  it('finds a long headline by four of its words told in the question', () => {
    expect(
      answer('who published that article saying northwind raised ten million in three weeks?', index).answer,
    ).toMatch(/was published by Gear Weekly on March 1, 2024/);
  });

  it("gives a named publisher's headline when asked for it", () => {
    expect(answer("what was wire daily's headline on the robots?", index).answer).toBe(
      '"Scoop: robots join the alliance" was published by Wire Daily on February 9, 2024.',
    );
  });

  it('answers for the publisher the question names when several carry the headline', () => {
    expect(answer("when did wire daily publish 'robots join the alliance'?", index).answer).toBe(
      '"Scoop: robots join the alliance" was published by Wire Daily on February 9, 2024.',
    );
  });

  it('finds the statement holding a phrase the member quotes, even with a word garbled', () => {
    const r = answer("what does 'a counterwait to the big labs' mean", index);
    expect(r.answer).toContain('Example News presented the body as a counterweight to the big labs');
  });

  it('spells out an acronym from the name whose initials it takes', () => {
    expect(answer('what does FMF stand for', index).answer).toMatch(/^FMF stands for Frontier Model Forum/);
  });
});

describe('outlets the sources cite', () => {
  it('reads one with a record, reporting on another record, as the source, not the subject', () => {
    const r = answer('example news said the ai alliance is up against who', index);
    expect(r.subject?.id).toBe('ai-alliance');
    expect(r.answer).toContain('counterweight to the big labs');
  });

  it('reads one with no record of its own as where a claim was read, not words to cover', () => {
    const r = answer('did wire daily say lakeside university was in the ai alliance?', index);
    expect(r.answer).toMatch(/^Yes — Lakeside University/);
  });
});

describe('member lists', () => {
  it('finds an organization without a record in a list of members added later', () => {
    const r = answer('is Northwind Labs in the ai alliance', index);
    expect(r.answer).toMatch(/^Yes — the records name Northwind Labs among the members/);
    expect(r.answer).toContain('February 8, 2024');
  });

  it('answers for each of two organizations without a record asked about together', () => {
    const r = answer('are acme robotics and northwind labs members of the ai alliance?', index);
    expect(r.answer).toMatch(/^Yes — the records name Acme Robotics and Northwind Labs among the members/);
  });

  it('finds a listed name that begins with a word the question reads as a cue', () => {
    expect(answer('is weights & widgets one of the ai alliance members?', index).answer).toMatch(
      /^Yes — the records name Weights & Widgets among the members/,
    );
  });

  it('does not take a month in the question for a name the list holds', () => {
    const q = readQuestion('which labs came aboard in the feb 2024 round?');
    const mentions = linkEntities(q.raw, index);
    const alliance = index.kb.byId.get('ai-alliance') as Rec<'initiative'>;
    const names = listedNames({ index, q, ask: readAsk(q, mentions), mentions }, alliance);
    expect(names.map((n) => n.name)).toEqual([]);
  });

  it('says no when the statement naming it says it is missing', () => {
    expect(answer('is globex in the ai alliance', index).answer).toMatch(
      /^No — Globex is not on the member lists/,
    );
  });

  it('adds the statement about a category to the members whose records say it', () => {
    const r = answer('which japanese organizations belong to the ai alliance', index);
    expect(r.answer).toContain('Quantadex');
    expect(r.answer).toContain('Lakeside University');
  });

  it('lists the organizations the records say are not members', () => {
    const r = answer('which companies never joined the ai alliance', index);
    expect(r.answer).toContain('Nvidia');
    expect(r.answer).not.toContain('IBM');
  });
});

describe('honest confidence', () => {
  it('refuses a private detail no statement speaks of, even for a known person', () => {
    expect(answer('how old is ada stone', index).answered).toBe(false);
  });

  it('answers a detail a statement does speak of', () => {
    const r = answer('where is lakeside university based', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Boston-based');
  });

  it('refuses a version of a project the records do not have, naming the project', () => {
    const r = answer('when is pixel diffusion 7 coming out', index);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('Pixel Diffusion');
  });

  it('gives no sure answer when it leaves out a record the question names', () => {
    const r = answer('when did nvidia get into the model forum', index);
    expect(r.confidence).toBeLessThan(0.8);
  });

  it('gives no sure yes or no where a reason was asked and the records hold none', () => {
    const r = answer('why is lakeside university in the ai alliance', index);
    expect(r.confidence).toBeLessThan(0.8);
  });
});
