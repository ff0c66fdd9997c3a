/**
 * Specifications of how a question's wording is read before anything is looked up — a request put as a question,
 * words about the bot's own knowledge, a clause granted while asking why, verbs of mentioning, someone named by
 * their post telling an outlet — each on a tiny corpus written here (not the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { readAsk } from '../src/answer/ask.js';
import { coverage } from '../src/answer/coverage.js';
import { splitQuestion } from '../src/answer/parts.js';
import { readQuestion } from '../src/answer/question.js';
import { namedRecords } from '../src/answer/route.js';
import type { SearchIndex } from '../src/search/index.js';
import { linkEntities } from '../src/search/link.js';
import { fixtureIndex } from './support/kb-fixture.js';

const FILES = {
  'sources.yaml': `sources:
  - id: src-a
    title: Guild launch release
    publisher: Harbor Wire
    date: "2022-06-01"
    url: https://example.org/guild
    kind: public
  - id: src-b
    title: Who is missing from the Guild
    publisher: Atlas Daily
    date: "2022-06-03"
    url: https://example.org/missing
    kind: public
  - id: src-c
    title: Maps for everyone, with Tomas Berg (Deep Water podcast)
    publisher: Sounding Line
    date: "2023-04-01"
    url: https://example.org/podcast
    kind: public
`,
  'initiatives.yaml': `initiatives:
  - id: guild
    name: Data Commons Guild
    aliases: [the Guild, Tessel-Fathom Data Guild, Open Map Data Commons Guild]
    summary: A non-profit body of firms that pool public map data.
    sources: [src-a]
    type: consortium
    featured: true
    website: https://guild.example.org
    launched: { date: "2022-06-01", sources: [src-a] }
    facts:
      - topic: activities
        text: "In early 2023 the website named three focus areas: tile formats, shared place names and open survey data."
        sources: [src-a]
      - topic: criticism
        text: Atlas Daily's essay lists these risks of pooled maps - stale tiles, leaked survey data and unclear licences.
        sources: [src-b]
      - topic: criticism
        text: Nimbus Charts has criticized the Guild's pooling as careless with survey data.
        sources: [src-b]
      - topic: quote
        text: "Omar Reyes (CTO, Kelp Atlas): unlike Nimbus Charts, Kelp Atlas shares its survey data with everyone."
        sources: [src-a]
      - topic: membership
        text: Any firm that publishes open map data may apply; eligibility is checked by the review board.
        sources: [src-a]
      - topic: history
        text: The Guild opened while the Harbor Map Summit met in Oslo.
        sources: [src-a]
      - topic: governance
        text: The Guild's inaugural board (2022) included Ines Roe (Tessel Works) and Piet Smit (Fathom Maps).
        sources: [src-a]
      - topic: activities
        text: The launch release of June 1, 2022 carried statements from 3 firms.
        sources: [src-a]
      - topic: goals
        text: The Guild's mission is to make public map data easy to find and reuse.
        sources: [src-a]
      - topic: membership
        text: As of March 1, 2023 the member page still did not list Nimbus Charts.
        sources: [src-b]
      - topic: membership
        text: Its founding firms come from Japan, Italy and Switzerland.
        sources: [src-a]
      - topic: membership
        text: On February 1, 2023 the Guild announced 12 new members.
        sources: [src-a]
      - topic: criticism
        text: Harbor Wire called the membership of Fathom Maps redundant, since Tessel Works already shares its maps.
        sources: [src-a]
      - topic: correction
        text: Nimbus Charts and Gale Survey were never members of the Guild, so they did not pull out of it.
        sources: [src-b]
`,
  'organizations.yaml': `organizations:
  - id: org-tessel
    name: Tessel Works
    aliases: [Tessel Research]
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
    description: Swiss mapping company that publishes open street maps.
    involvement:
      - initiative: guild
        role: founding-member
        date: "2022-06-01"
        sources: [src-a]
  - id: org-tidewater
    name: Tidewater Charts
    summary: Tidewater Charts joined the Data Commons Guild at its launch.
    sources: [src-a]
    type: company
    involvement:
      - initiative: guild
        role: founding-member
        date: "2022-06-01"
        sources: [src-a]
    facts:
      - topic: quote
        text: "Lea Graf (CEO, Tidewater Charts): the firm that drew the first open sea chart, in 1911, backs the Guild."
        sources: [src-a]
  - id: org-nimbus
    name: Nimbus Charts
    summary: Nimbus Charts, the largest seller of sea charts, was not in the Data Commons Guild at its launch and was
      still missing from the member page as of March 2023.
    sources: [src-b]
    type: company
    involvement:
      - initiative: guild
        role: not-a-member
        date: "2022-06-01"
        reason: Harbor Wire and Atlas Daily name Nimbus Charts as missing; Atlas Daily guesses its licences forbid sharing.
        sources: [src-b]
    facts:
      - topic: note
        text: Nimbus Charts sells its sea charts through a paid service.
        sources: [src-b]
      - topic: note
        text: Fathom Maps and Nimbus Charts sat on a sea-data forum's founding board.
        sources: [src-b]
  - id: org-gale
    name: Gale Survey
    summary: Gale Survey, a weather-mapping firm, was not in the Data Commons Guild at its launch.
    sources: [src-b]
    type: company
    involvement:
      - initiative: guild
        role: not-a-member
        date: "2022-06-01"
        reason: Atlas Daily names it as a curious omission and gives no reason.
        sources: [src-b]
  - id: org-fjord
    name: Fjord Charts
    summary: Fjord Charts, a sea-chart maker, was not in the Data Commons Guild at its launch.
    sources: [src-b]
    type: company
    involvement:
      - initiative: guild
        role: not-a-member
        date: "2022-06-01"
        reason: Atlas Daily names it as a curious omission, as a leader in sea charts.
        sources: [src-b]
  - id: org-kelp
    name: Kelp Atlas
    summary: Kelp Atlas, which Atlas Daily describes as a seabed-survey specialist, joined the Data Commons Guild in
      February 2023.
    sources: [src-a]
    type: company
    involvement:
      - initiative: guild
        role: member
        date: "2023-02-01"
        sources: [src-a]
`,
  'projects.yaml': `projects:
  - id: proj-tiles
    name: Open Tile Index
    aliases: [OTX]
    summary: The Guild's shared index of open map tiles.
    sources: [src-a]
    type: Guild project (map tile index)
    owner: guild
    facts: []
  - id: proj-chartkit
    name: Chart Kit
    summary: Open charting toolkit of the Guild, formerly called Plotbox.
    sources: [src-a]
    type: Guild project (charting toolkit)
    owner: guild
    facts: []
`,
  'people.yaml': `people:
  - id: person-vera
    name: Vera Lind
    summary: Vice president of data at Tessel Research.
    sources: [src-a]
    roles:
      - title: Vice President, Tessel Research Data
        organization: org-tessel
        sources: [src-a]
    facts:
      - topic: quote
        text: Told Atlas Daily by email that the Guild would first admit firms that already publish open map data, calling this only the first round.
        sources: [src-b]
  - id: person-tomas
    name: Tomas Berg
    summary: Co-founder and CEO of Kelp Atlas.
    sources: [src-a]
    roles:
      - title: Co-founder and CEO
        organization: org-kelp
        sources: [src-a]
    facts:
      - topic: note
        text: Co-wrote 'Tiles All The Way Down', the paper that introduced shared tile indexes.
        sources: [src-a]
      - topic: quote
        text: On a podcast he said 'No chart is finished.'
        quote: No chart is finished.
        sources: [src-c]
  - id: person-ruth
    name: Ruth Okafor
    summary: Head of research at Fathom Maps until 2023, when she left to teach.
    sources: [src-a]
    roles:
      - title: Head of research
        organization: org-fathom
        to: "2023"
        sources: [src-a]
    facts:
      - topic: career
        text: Hired in March 2019 to lead the newly created Fathom Maps research lab.
        sources: [src-a]
  - id: person-ivo
    name: Ivo Marsh
    summary: Leads the new survey effort at Fathom Maps.
    sources: [src-a]
    roles:
      - title: Leads the new Fathom Maps survey effort
        organization: org-fathom
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await fixtureIndex(FILES));
});
afterAll(() => cleanup());

/** How a question is read: its ask, given the names it links. */
function askOf(text: string) {
  return readAsk(readQuestion(text), linkEntities(text, index));
}

/** The organization a question asks about as a member, if any. */
function memberAsked(text: string) {
  const q = readQuestion(text);
  const mentions = linkEntities(text, index);
  return namedRecords({ index, q, ask: readAsk(q, mentions), mentions }).member;
}

describe('a request put as a question', () => {
  it('a request ("could somebody give the gist …") is answered, not read as a yes or no about an unknown name', () => {
    const a = answer("could somebody give the gist of the Guild's mission?", index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('easy to find and reuse');
    expect(a.answer).not.toMatch(/gist is a member/i);
  });
});

describe('a long name typed short', () => {
  it('a long name typed with words of its middle left out is named by every word typed, none left as content', () => {
    const text = 'when did the open map guild launch?';
    const mentions = linkEntities(text, index);
    expect(mentions.map((m) => [m.typed, m.surfaces[0]?.record.name])).toEqual([
      ['open map guild', 'Data Commons Guild'],
    ]);
    expect(askOf(text).content).toEqual([]);
    expect(answer(text, index).answer).toContain('June 1, 2022');
  });
});

describe("words about the bot's own knowledge", () => {
  it('"based on the most recent data you have" asks nothing of its own: the question after it is answered', () => {
    const a = answer('based on the most recent data you have, who co-founded the Guild?', index);
    expect(a.answered).toBe(true);
    expect(a.confidence).toBeGreaterThanOrEqual(0.8);
    expect(a.answer).toContain('Tessel Works');
  });

  it('"to the best of your knowledge" is no doubt about the answer: it stays sure', () => {
    const a = answer('to the best of your knowledge, who co-founded the Guild', index);
    expect(a.confidence).toBeGreaterThanOrEqual(0.8);
    expect(a.answer).toContain('Tessel Works');
  });

  it('asked whether a left-out body is in it now, the reply carries the latest the records say', () => {
    const a = answer('is Nimbus Charts in the Guild now?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('as of March 2023');
  });
});

describe('a clause granted while asking why', () => {
  it('"how come X is not in it when it is the top pick of …" is answered by the reason, not refused over the clause', () => {
    const a = answer("how come Nimbus Charts isn't in the Guild when it's the top pick of sailors?", index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('licences forbid sharing');
  });

  it('"even though …" words make no ask of their own: the reason still leads', () => {
    const a = answer('why did Nimbus Charts stay out of the Guild even though sailors love it', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('licences forbid sharing');
  });
});

describe('verbs of mentioning', () => {
  it('"which outlets pointed out that X was missing" is answered by who named it missing', () => {
    const a = answer('Which outlets pointed out that Nimbus Charts was missing from the Guild?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Harbor Wire and Atlas Daily name Nimbus Charts as missing');
  });
});

describe('someone named by their post', () => {
  it('an exact alias inside a loose match of another name keeps its own record', () => {
    const a = answer("who is Tessel Research's data VP", index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Vera Lind');
  });

  it('"what did <post> tell <outlet>" asks for their words, not whether the outlet is a member', () => {
    const a = answer("what did Tessel Research's data VP tell Atlas Daily about who gets in?", index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('first round');
    expect(a.answer).not.toMatch(/not a member/);
  });
});

describe('where an organization is based', () => {
  it('is answered from the country its own description names', () => {
    const a = answer('where is Fathom Maps based?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Swiss mapping company');
  });

  it('is answered when the question ends by asking which country', () => {
    const a = answer('Fathom Maps is from which country', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Swiss mapping company');
  });

  it("is refused for a body whose statements only name its members' countries", () => {
    const a = answer('where is the Guild headquartered?', index);
    expect(a.answered).toBe(false);
  });
});

describe('a yes or no the records settle', () => {
  it('still leads when a statement covers the rest of the message', () => {
    const a = answer('is Fathom Maps actually a member of the Guild lol, that seems redundant', index);
    expect(a.answer).toMatch(/^Yes — Fathom Maps/);
    expect(a.answer).toContain('Tessel Works already shares its maps');
  });

  it('is asked by a question opening with a negative ("wasnt it …")', () => {
    const a = answer('wasnt the Guild basically a Tessel Works + Nimbus Charts team-up?', index);
    expect(a.answer).toContain('Yes — Tessel Works co-founded');
    expect(a.answer).toContain('Nimbus Charts');
    expect(a.answer).toMatch(/No — Nimbus Charts/);
  });
});

describe('leaving a body one never joined', () => {
  it('"when did X leave it" corrects the premise: X never left, it was never a member', () => {
    const a = answer('when did Nimbus Charts leave the Guild?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/^Nimbus Charts never left the Data Commons Guild/);
  });

  it('two asked together also get the body statement that says they did not pull out', () => {
    const a = answer('did Nimbus Charts and Gale Survey pull out of the Guild?', index);
    expect(a.answer).toMatch(/^No — Nimbus Charts never left/);
    expect(a.answer).toContain('so they did not pull out of it');
  });

  it('an opening that says which article the member read, with a quoted phrase, asks nothing more', () => {
    const a = answer(
      "the translated article says Gale Survey is 'pulling out of the guild' - did it quit?",
      index,
    );
    expect(a.answer).toMatch(/^Gale Survey never left/);
  });
});

describe('a start named as a point in time', () => {
  it('"the first new members after launch" asks when members came, not when the body was founded', () => {
    const a = answer('when did the Guild add its first new members after launch', index);
    expect(a.answer).toContain('February 1, 2023');
    expect(a.answer).not.toContain('June 1, 2022');
  });
});

describe('what is asked about, and what only frames it', () => {
  it('"what is <project> in <body>" describes the project, not the body', () => {
    const a = answer("what's OTX in the Guild", index);
    expect(a.answer).toContain('shared index of open map tiles');
  });

  it('"in the <body> context" only frames the question', () => {
    const a = answer("what's OTX in the Guild context", index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('shared index of open map tiles');
  });

  it('"former" asks for the holder of a role that has ended', () => {
    const a = answer("who was Fathom Maps' former head of research", index);
    expect(a.answer).toMatch(/^Ruth Okafor/);
  });

  it('"on what grounds" asks for the reasons', () => {
    const a = answer('who has criticized the Guild, and on what grounds?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('careless with survey data');
  });

  it('"what does the essay list" asks for what it lists, not for members', () => {
    const q = "what risks does Atlas Daily's essay list for the Guild?";
    expect(askOf(q).types).not.toContain('members');
    expect(answer(q, index).answer).toContain('stale tiles');
  });

  it('"the list of …" still asks for members', () => {
    const q = 'show me the list of firms in the Guild';
    expect(askOf(q).types).toContain('members');
  });

  it('"… on its site" asks for what the site says, not for its address; focus areas are no project list', () => {
    const a = answer('what focus areas does the Guild name on its site', index);
    expect(a.answer).toContain('tile formats');
    expect(a.answer).not.toContain('runs these projects');
    expect(a.answer).not.toContain('guild.example.org');
  });

  it("the site's address is still given when that is all that is asked", () => {
    const a = answer("what's the Guild website", index);
    expect(a.answer).toContain('https://guild.example.org');
  });
});

describe('what the records do not name', () => {
  it('a title no source names for a body is declined, saying who represents it', () => {
    const a = answer("Who chairs the Guild's governing board?", index);
    expect(a.answered).toBe(false);
    expect(a.answer).toContain('do not name a chair');
    expect(a.answer).toContain('Tessel Works');
  });

  it('who runs a body with no named leader is still answered by its founders', () => {
    const a = answer('who runs the Guild?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Tessel Works');
  });

  it('a kind of thing no statement anywhere names, asked of a project, is refused', () => {
    const a = answer('What GPU cluster is OTX shared on?', index);
    expect(a.answered).toBe(false);
  });
});

describe('a press release', () => {
  it('is the release the records speak of: the word "press" is no fact to find', () => {
    const q = 'how many statements did the press release carry';
    expect(askOf(q).content).not.toContain('press');
    expect(answer(q, index).answer).toContain('statements from 3 firms');
  });
});

describe('what an outlet called something', () => {
  it('"why did <outlet> call X\'s absence odd" asks why X stayed out, not for quotes naming X', () => {
    const a = answer("Why did Atlas Daily call Nimbus Charts' absence from the Guild odd?", index);
    expect(a.answer).toContain('licences forbid sharing');
    expect(a.answer).not.toContain('Omar Reyes');
  });
});

describe('a board', () => {
  it('"who sat on its first board" is answered by the inaugural board, not another board the member sat on', () => {
    const a = answer('which person sat on the first Guild board for Fathom Maps', index);
    expect(a.answer).toMatch(/^The Guild's inaugural board/);
  });
});

describe('a pronoun after a person was named in the answer before', () => {
  it('"who runs X, and what paper did he co-write?" asks about the person the first answer named', () => {
    const a = answer('Who runs Kelp Atlas, and what paper did he co-write?', index);
    expect(a.answer).toContain('Tomas Berg');
    expect(a.answer).toContain('Tiles All The Way Down');
  });

  it('"…and what is it known for?" after a person was named still asks about the organization', () => {
    const a = answer('Who runs Kelp Atlas, and when did it join the Guild?', index);
    expect(a.answer).toContain('February');
  });
});

describe('an event asked for', () => {
  it('is met by a summit the records name', () => {
    const doc = index.factDocs.find((d) => d.text.includes('Harbor Map Summit'));
    expect(doc && coverage(['event'], [doc], [], index).ratio).toBeGreaterThan(0.5);
    expect(answer('which conference was on while the Guild opened?', index).answer).toContain(
      'Harbor Map Summit',
    );
  });
});

describe("a founder's name before its body", () => {
  it('names the body ("Tessel Works\' … Guild"), and is no member asked about', () => {
    const text = "who is eligible to join Tessel Works' Open Map Data Commons Guild?";
    expect(memberAsked(text)).toBeUndefined();
    expect(answer(text, index).answer).toContain('publishes open map data may apply');
  });

  it('an organization named apart from the body is still the member asked about', () => {
    const text = 'is Tessel Works in the Guild?';
    expect(memberAsked(text)?.id).toBe('org-tessel');
  });
});

describe('everyday phrasings of a list', () => {
  it('showing up on a list is appearing on it; showing up at an event is still attending it', () => {
    expect(readQuestion('which firms never showed up on the member list').norm).toContain('appeared on');
    expect(readQuestion('who showed up at the summit').norm).toContain('attended');
  });

  it('having shown up in a list is having appeared in it; "hadn\'t" negates and is no content word', () => {
    const text = "which firms still hadn't shown up in the Guild's member list";
    expect(readQuestion(text).norm).toContain('appeared in');
    expect(readQuestion(text).negated).toBe(true);
    expect(askOf(text).content).not.toContain('hadn');
  });

  it('"a bunch of" is no content word', () => {
    const text = 'Atlas Daily named a bunch of firms missing from the Guild';
    expect(askOf(text).content).not.toContain('bunch');
  });
});

describe("an outlet's words about a record", () => {
  it('"what kind of firm did <outlet> call X" is answered by how the outlet described X, not X\'s own quote', () => {
    const a = answer('what kind of firm did Atlas Daily call Kelp Atlas?', index);
    expect(a.answer).toContain('seabed-survey specialist');
    expect(a.answer).not.toContain('Omar Reyes');
  });
});

describe('taking someone on', () => {
  it('bringing someone aboard is hiring them', () => {
    const a = answer('when did Fathom Maps bring Ruth Okafor aboard to run its lab?', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('March 2019');
  });
});

describe('a follow-up to a question the records cannot answer', () => {
  it('"… how big was it?" after an unanswerable question is no question about the body alone', () => {
    expect(answer('Did the Guild hold its yearly gala in 2031? how big was it', index).answered).toBe(false);
    expect(answer('Open Tile Index 5 ships when? and what size will it have', index).answered).toBe(false);
  });

  it('a follow-up that names a record of its own is still answered', () => {
    const a = answer('Did the Guild hold its yearly gala in 2031? and who is the CEO of Kelp Atlas', index);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Tomas Berg');
  });
});

describe('words of history', () => {
  it('a "historic claim" in a quote asks for its date, not for the word "historic"', () => {
    for (const q of [
      'what historic claim did Tidewater Charts make in its quote?',
      'Tidewater Charts quote: what historical year?',
    ]) {
      const a = answer(q, index);
      expect(a.answered, q).toBe(true);
      expect(a.answer, q).toContain('1911');
    }
  });
});

describe('a list nobody asked for', () => {
  it('a word of work read as projects gives way to the statement that holds the ask', () => {
    const a = answer('how did Tessel Works think the Guild would help its tile format work?', index);
    expect(a.answer).toContain('tile formats');
    expect(a.answer).not.toContain('runs these projects');
  });
});

describe('words typed with a slip', () => {
  it('a misspelt word of the ask ("jion") is read as the word meant, so the joining date is answered', () => {
    const reply = answer('when did Kelp Atlas jion the Guild', index);
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain('February 1, 2023');
  });

  it('"hop on" a body is joining it', () => {
    const reply = answer('when did kelp atlas hop on', index);
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain('February 1, 2023');
  });

  it("a thing's old name is asked as its former name", () => {
    const reply = answer("what was chart kit's old name", index);
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain('Plotbox');
  });
});

describe('asking for several things', () => {
  it('"which two firms did <outlet> call …" names both records the same statement is made of', () => {
    const reply = answer('which two firms did atlas daily call curious omissions from the guild?', index);
    expect(reply.answer).toContain('Gale Survey');
    expect(reply.answer).toContain('Fjord Charts');
  });
});

describe('asking which piece something was said in', () => {
  it('"… on some podcast, which one?" names the piece the statement comes from', () => {
    const reply = answer("tomas berg said 'no chart is finished' on some podcast, which one?", index);
    expect(reply.answer).toContain('Deep Water podcast');
  });

  it('"…? when" after a question still asks when, as a question of its own', () => {
    expect(splitQuestion(readQuestion('did kelp atlas join the guild? when'))).toHaveLength(2);
    expect(splitQuestion(readQuestion('tomas berg said it on a podcast, which one?'))).toHaveLength(1);
  });
});

describe('a part that points back to one the records could not answer', () => {
  it('"did <body> hold its yearly congress in 2029? where was it" is refused: "it" is the congress, which no statement tells', () => {
    expect(answer('did the guild hold its yearly congress in 2029? where was it', index).answered).toBe(
      false,
    );
  });

  it("still answers what it asks of a named record: its CEO, or a person's words", () => {
    const reply = answer('what does kelp atlas specialise in, and who is its ceo?', index);
    expect(reply.answer).toContain('Tomas Berg');
  });
});
