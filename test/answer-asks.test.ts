/**
 * Specifications of asks read from their words — who stayed out of a body, sums asked in other words, a
 * version's facts told by another record, what someone told a paper, the bodies a body sets up — each on a tiny
 * corpus written here (not the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { readAsk } from '../src/answer/ask.js';
import { composeAnswer } from '../src/answer/compose.js';
import { coverage } from '../src/answer/coverage.js';
import { mergeAnswers, splitQuestion } from '../src/answer/parts.js';
import { readQuestion } from '../src/answer/question.js';
import type { FactDoc, SearchIndex } from '../src/search/index.js';
import { linkEntities } from '../src/search/link.js';
import { fixtureIndex, VALID_FILES } from './support/kb-fixture.js';

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
      - topic: quote
        text: "Ada Lin (Head of research, IBM): open science builds trust."
        sources: [src-a]
      - topic: membership
        text: Members contribute compute and data to open projects.
        sources: [src-a]
      - topic: governance
        text: As a first step, members will set up a governing board and a technical committee.
        sources: [src-a]
      - topic: membership
        text: "Taken together, the members represent more than $40 billion in annual R&D funding."
        sources: [src-a]
      - topic: membership
        text: "Partners named at launch: Sora Labs, Kyo University, Orbit Institute for Robotics, IBM, Kite Labs, Cloudy, Daily Byte."
        sources: [src-a]
      - topic: quote
        text: "Mia Ono (Dean, Kyo University): Kyo University hopes to create robot models that walk on ice."
        sources: [src-a]
      - topic: goals
        text: The launch release listed the Alliance's objectives beside its partners.
        sources: [src-a]
      - topic: goals
        text: "Objective 1: publish open benchmarks for robots."
        sources: [src-a]
      - topic: goals
        text: "Objective 2: train open models for science labs."
        sources: [src-a]
  - id: kite-open
    name: Kite open model releases
    summary: Kite Labs' releases of open image models.
    sources: [src-a]
    type: program
    launched: { date: "2023-01-10", sources: [src-a] }
    facts:
      - topic: note
        text: A report of a 2024 panel says Kite Labs' Rosa Vance described its approach as sharing weights but not training data.
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
${outside('org-vela', 'Vela', 'A search company.', 'A long-time critic of open models, it has argued for years that weights should stay private, that open releases help bad actors, and that safety research needs closed labs with strict access rules, a view it repeated in several essays, talks and interviews over the past year.')}${outside('org-corvid', 'Corvid', 'A software giant.', 'It works closely with Orbit, has invested heavily in it, and sells the models of Orbit through its own cloud, so joining a body that promotes open models would sit uneasily with the partnership it has built, as several commentators pointed out in the weeks after the launch.')}  - id: org-sora
    name: Sora Labs
    summary: A Japanese AI lab.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
  - id: org-kyo
    name: Kyo University
    summary: A Japanese university.
    sources: [src-a]
    type: university
    facts:
      - topic: note
        text: Kyo University is home to four robotics institutes.
        sources: [src-a]
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
  - id: org-byte
    name: Daily Byte
    aliases: [DY]
    summary: A technology news site.
    sources: [src-a]
    type: company
  - id: org-kite
    name: Kite Labs
    summary: A company that makes image models.
    sources: [src-a]
    type: company
    involvement:
      - initiative: kite-open
        role: co-founder
        date: "2023-01-10"
        sources: [src-a]
  - id: org-cloudy
    name: Cloudy
    summary: A cloud provider.
    sources: [src-a]
    type: company
    facts:
      - topic: note
        text: For the Pixel 2 launch Kite Labs' preferred partner was Cloudy, which hosted the model.
        sources: [src-a]
      - topic: criticism
        text: Cloudy had to pull a chatbot demo that produced inaccurate content, and its ethics work drew criticism.
        sources: [src-a]
      - topic: note
        text: Cloudy points to its new hosting credits for students.
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
  - id: person-bo
    name: Bo Kim
    summary: Former head of policy at IBM.
    sources: [src-a]
    roles:
      - title: Head of policy
        organization: org-ibm
        from: "2019"
        to: "2024-01"
        sources: [src-a]
  - id: person-eve
    name: Eve Stone
    summary: The AI Alliance's first executive director, named in 2024.
    sources: [src-a]
    roles:
      - title: Executive director
        initiative: ai-alliance
        from: "2024-03"
        sources: [src-a]
  - id: person-gil
    name: Gil Moss
    summary: Robotics researcher and co-recipient of the 2019 Golden Gear Prize.
    sources: [src-a]
    roles:
      - title: Researcher
        organization: org-ibm
        sources: [src-a]
    facts:
      - topic: quote
        text: Said robots must learn to walk on ice. The first trials ran in a cold lab, and a second round was planned.
        sources: [src-a]
  - id: person-cy
    name: Cy Dune
    summary: Former lab lead at IBM, now at Cloudy.
    sources: [src-a]
    roles:
      - title: Lab lead
        organization: org-ibm
        from: "2018"
        to: "2023-06"
        sources: [src-a]
      - title: Chief scientist
        organization: org-cloudy
        from: "2023-07"
        sources: [src-a]
`,
  'projects.yaml': `projects:
  - id: proj-pixel
    name: Pixel
    aliases: [Pixel 2, Pixel 3]
    summary: Kite Labs' family of image models.
    sources: [src-a]
    type: model
    owner: org-kite
    facts:
      - topic: release
        text: Pixel 2 launched on July 18, 2023 in 1B and 4B sizes with a 2K context window.
        sources: [src-a]
      - topic: release
        text: Pixel 3 was released on May 1, 2024 in 2B and 8B sizes with a 32K context window.
        sources: [src-a]
`,
};

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await fixtureIndex(FILES));
});
afterAll(() => cleanup());

describe('who stayed out of a body', () => {
  it('lists the organizations the records say stayed out when asked who was left out', () => {
    const r = answer('who was left out when the AI Alliance launched?', index);
    expect(r.answered).toBe(true);
    for (const name of ['Nvidia', 'Orbit', 'Vela', 'Corvid']) expect(r.answer).toContain(name);
    expect(r.answer).not.toContain('IBM');
  });

  it('lists only those who stayed out whose record says what the question adds', () => {
    const r = answer('which software giant stayed away from the AI Alliance', index);
    expect(r.answer).toMatch(/^Not in the AI Alliance, per the records: Corvid\./);
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

describe('what someone said, asked in other words', () => {
  it('reads "spokespeople" as asking who spoke for an organization, no content to cover', () => {
    const q = readQuestion("who were IBM's spokespeople at the launch?");
    const ask = readAsk(q, linkEntities(q.raw, index));
    expect(ask.types).toContain('quote');
    expect(ask.content).not.toContain('spokespeople');
    expect(answer(q.raw, index).answer).toContain('Ada Lin');
  });

  it('reads "anybody" in "did anybody from IBM speak" as the person asked about, no content to cover', () => {
    for (const [text, word] of [
      ['did anybody from IBM speak at the launch?', 'anybody'],
      ['did somebody from IBM speak at the launch?', 'somebody'],
    ] as const) {
      const q = readQuestion(text);
      expect(readAsk(q, linkEntities(q.raw, index)).content, text).not.toContain(word);
    }
  });

  it('reads "in the launch announcement" as where words were said, not what they must be about', () => {
    const r = answer('What did Ada Lin say in the launch announcement?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('just the beginning');
  });

  it('reads a body named inside the occasion ("in the alliance launch announcement") the same way', () => {
    const q = readQuestion("what were Ada Lin's words in the alliance launch announcement?");
    const ask = readAsk(q, linkEntities(q.raw, index));
    expect(ask.content).not.toContain('announcement');
  });

  it('does not take the record\'s own name in its profile for a person a "who at" question asks for', () => {
    expect(answer('Who at Kite Labs makes image models?', index).answered).toBe(false);
  });

  it('takes a name before "described" as the person a "who at" question asks for', () => {
    const r = answer('Who at Kite Labs said the company shares weights but not training data?', index);
    expect(r.answer).toContain('Rosa Vance');
  });
});

describe('a version asked about', () => {
  it("answers with the named version's statement, not another version's", () => {
    const r = answer('what context window and sizes did Pixel 2 launch with?', index);
    expect(r.answer).toContain('2K');
    expect(r.answer).not.toContain('32K');
    expect(r.answer).not.toContain('is made by');
  });
});

describe('an organization asked whether it runs a body', () => {
  it('tells how the two are linked without claiming the role, after a chat lead-in', () => {
    const r = answer('so does IBM actually lead the AI Alliance?', index);
    expect(r.answer).toContain('co-founded');
    expect(r.answer).not.toMatch(/^Yes/);
  });
});

describe('members of a kind', () => {
  it('answers which organizations of a kind were in a body from the start with those members', () => {
    const r = answer('Which Japanese organizations have been in the AI Alliance since the start?', index);
    expect(r.answer).toContain('Sora Labs');
    expect(r.answer).toContain('Kyo University');
    expect(r.answer).not.toContain('Nvidia');
  });
});

describe('a short question before a second one', () => {
  it('splits "whats X and when was it released" into its two questions', () => {
    const parts = splitQuestion(readQuestion('whats Pixel and when was it released'));
    expect(parts.map((p) => p.norm)).toEqual(['whats pixel', 'when was it released']);
  });
});

describe('parts joined', () => {
  const part = (text: string) => ({
    answered: true,
    answer: text,
    confidence: 1,
    subject: null,
    sources: [],
    suggestions: [],
  });

  it('leaves no space before the comma where a repeated parenthesis was dropped', () => {
    const merged = mergeAnswers([
      part('Lee Park founded Kite Labs (Kite Image Models Labs) in 2020.'),
      part('Roles: Founder of Kite Labs (Kite Image Models Labs), an image-model startup.'),
    ]).answer;
    expect(merged).toContain('Founder of Kite Labs, an image-model startup.');
  });
});

describe('statements of several records in one answer', () => {
  it("names the record of a statement that doesn't name it, when statements stand on their own", () => {
    const of = (id: string) => (index.docsByRecord.get(id) ?? []).filter((d) => d.recordId === id);
    const kite = index.kb.byId.get('org-kite');
    const cloudy = of('org-cloudy').find((d) => d.topic === 'summary');
    if (!kite || !cloudy) throw new Error('fixture records missing');
    const draft = { subject: kite, lead: '', docs: [...of('org-kite').slice(0, 1), cloudy], confidence: 0.5 };
    expect(composeAnswer(draft, index, []).answer).toContain('Cloudy: A cloud provider.');
  });
});

describe('what someone did after leaving', () => {
  it('declines when nothing after their leaving is recorded', () => {
    const r = answer('what did Bo Kim go on to do once out of IBM, after leaving?', index);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain("can't tell what Bo Kim did next");
  });

  it('tells the role recorded since', () => {
    const r = answer('what did Cy Dune do after leaving IBM?', index);
    expect(r.answer).toContain('Since then');
    expect(r.answer).toContain('Chief scientist');
  });
});

describe('what someone did before a body', () => {
  it('is refused when the records hold only their role there, the body named after a pronoun and a verb', () => {
    expect(answer('what did Eve Stone do before she had joined the AI Alliance?', index).answered).toBe(
      false,
    );
  });
});

describe('words that only colour a question', () => {
  it('reads "a ton" and an "-era" after a name as no content to cover', () => {
    const q = readQuestion('does Kite Labs share a ton of its Lee-era models openly?');
    const ask = readAsk(q, linkEntities(q.raw, index));
    expect(ask.content).not.toContain('ton');
    expect(ask.content).not.toContain('era');
    expect(ask.content).toContain('share');
  });

  it('reads "originally", "initially" and "in a nutshell" as no content to cover', () => {
    const q = readQuestion('in a nutshell, what did Kite Labs initially and originally share?');
    const ask = readAsk(q, linkEntities(q.raw, index));
    expect(ask.content).toEqual(['share']);
  });
});

describe('words of the same thing', () => {
  it('meets "wrong output" in a statement of inaccurate content', () => {
    const doc = (index.docsByRecord.get('org-cloudy') ?? []).find((d) => d.topic === 'criticism');
    if (!doc) throw new Error('fixture statement missing');
    expect(coverage(['wrong', 'output'], [doc], [], index).missing).toEqual([]);
  });

  it('meets "wary" in a statement of criticism and "bankrolling" in one of funding', () => {
    const critic = (index.docsByRecord.get('org-cloudy') ?? []).find((d) => d.topic === 'criticism');
    const funding = (index.docsByRecord.get('ai-alliance') ?? []).find((d) => d.text.includes('R&D funding'));
    if (!critic || !funding) throw new Error('fixture statement missing');
    expect(coverage(['wary'], [critic], [], index).missing).toEqual([]);
    expect(coverage(['bankrolling'], [funding], [], index).missing).toEqual([]);
  });

  it('meets "highlighted" and "emphasized" in a statement of what someone points to', () => {
    const doc = (index.docsByRecord.get('org-cloudy') ?? []).find((d) => d.text.includes('points to'));
    if (!doc) throw new Error('fixture statement missing');
    expect(coverage(['highlighted', 'emphasized'], [doc], [], index).missing).toEqual([]);
  });
});

describe('an award someone received', () => {
  it('reads "what prize has <person> received" as asking for the prize, met by "recipient"', () => {
    const q = readQuestion('What big prize has Gil Moss received?');
    expect(readAsk(q, linkEntities(q.raw, index)).content).toContain('prize');
    expect(answer(q.raw, index).answer).toContain('Golden Gear Prize');
  });
});

describe('idioms of giving', () => {
  it('reads "chip in" as contributing, not as chips', () => {
    const q = readQuestion('what do members chip in once they are in the AI Alliance?');
    expect(q.words).toContain('contribute');
    expect(q.words).not.toContain('chip');
    expect(answer(q.raw, index).answer).toContain('contribute compute and data');
  });
});

describe('what a question counts, aims at or numbers', () => {
  it('answers "how many … does X have" with the statement giving a number, not a member list naming X', () => {
    const reply = answer('how many robotics institutes does Kyo University have', index);
    expect(reply.answer).toMatch(/^Kyo University is home to four robotics institutes/);
  });

  it('reads "hoping to build in the AI Alliance" as an aim of the member, not as joining or founding', () => {
    const q = readQuestion('what is Kyo University hoping to build in the AI Alliance');
    const ask = readAsk(q, linkEntities(q.raw, index));
    expect(ask.types).toContain('goals');
    expect(ask.types).not.toContain('membership');
    expect(ask.types).not.toContain('founders');
    expect(answer(q.raw, index).answer).toContain('robot models that walk on ice');
  });

  it('still reads "in the AI Alliance" as membership when nothing else is asked', () => {
    const q = readQuestion('is Kyo University in the AI Alliance');
    expect(readAsk(q, linkEntities(q.raw, index)).types).toContain('membership');
  });

  it('meets an ordinal in a numbered statement ("the second objective" is Objective 2)', () => {
    const doc = (index.docsByRecord.get('ai-alliance') ?? []).find((d) => d.text.startsWith('Objective 2'));
    if (!doc) throw new Error('fixture statement missing');
    expect(coverage(['second', 'objective'], [doc], [], index).missing).toEqual([]);
    expect(coverage(['third'], [doc], [], index).missing).toEqual(['third']);
  });

  it('does not read the day of a date as an ordinal ("May 1" is no "first")', () => {
    const doc = (index.docsByRecord.get('proj-pixel') ?? []).find((d) => d.text.includes('May 1, 2024'));
    if (!doc) throw new Error('fixture statement missing');
    expect(coverage(['first'], [doc], [], index).missing).toEqual(['first']);
  });
});

describe('chat shorthand for a name, and a tag at the end', () => {
  it('links a two-letter name no everyday word spells, typed in lowercase', () => {
    const names = linkEntities('did Cy Dune ever talk to dy about models', index).map(
      (m) => m.surfaces[0]?.record.id,
    );
    expect(names).toContain('org-byte');
  });

  it('reads a closing "right" as asking to confirm, not as content to cover', () => {
    const q = readQuestion('where does Cy Dune work now, he left IBM right');
    expect(readAsk(q, linkEntities(q.raw, index)).content).not.toContain('right');
    expect(answer(q.raw, index).answer).toContain('Cloudy');
  });
});

describe('a departure the question assumes', () => {
  it('refuses "since leaving X" when the records still list the person at X, naming the role they list', () => {
    const reply = answer('what has Gil Moss been working on since leaving IBM', index);
    expect(reply.answered).toBe(false);
    expect(reply.answer).toContain('still list Gil Moss as Researcher at IBM');
  });

  it('answers "since leaving X" from the records when they tell of the move', () => {
    const reply = answer('what has Cy Dune been doing since leaving IBM', index);
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain('Cloudy');
  });
});

describe('why someone left', () => {
  it('is refused when the records hold only the roles, naming them, not answered with the roles', () => {
    const reply = answer('why did Bo Kim step down from IBM', index);
    expect(reply.answered).toBe(false);
    expect(reply.answer).toContain("I can't tell why Bo Kim left IBM");
  });
});

describe('shorthand for several words', () => {
  it('keeps a name that follows it linked at the words where it stands', () => {
    const q = readQuestion('did the wg at Kite Labs publish anything');
    const kite = linkEntities(q.raw, index).find((m) => m.surfaces[0]?.record.id === 'org-kite');
    if (!kite) throw new Error('Kite Labs not linked');
    expect(q.words.slice(kite.start, kite.end)).toEqual(['kite', 'labs']);
  });

  it('spells out "mau" so a statement of monthly active users covers it', () => {
    const q = readQuestion("what's the MAU limit");
    expect(q.words).toEqual(expect.arrayContaining(['monthly', 'active', 'users']));
  });
});

describe('which outlet carried what someone said', () => {
  it('names the publisher right after the first sentence, where cutting a long statement cannot drop it', () => {
    expect(answer('which outlet quoted Gil Moss', index).answer).toContain(
      'Said robots must learn to walk on ice (per Example News).',
    );
  });
});

describe('a word and another form of it', () => {
  const statement = (text: string): FactDoc => ({
    id: -1,
    recordId: 'ai-alliance',
    about: [],
    topic: 'note',
    text,
    sources: ['src-a'],
  });

  it('does not read a word that adds a word of its own as another form ("startups" is not "starting")', () => {
    expect(
      coverage(['startups'], [statement('They called it just the starting point.')], [], index).missing,
    ).toEqual(['startups']);
  });

  it('still meets a form made by an ending ("directs" meets "director", "presides" meets "president")', () => {
    const doc = statement('Its director and its president spoke of a competition between the two bodies.');
    expect(coverage(['directs', 'presides', 'competitor'], [doc], [], index).missing).toEqual([]);
  });
});
