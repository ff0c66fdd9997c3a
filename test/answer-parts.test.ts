/**
 * Specifications of how a message is cut into questions and how each part is read — which record a part is
 * about, which words ask for what — each on a tiny corpus written here (not the live knowledge base).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { readAsk } from '../src/answer/ask.js';
import { echoCompounds } from '../src/answer/compose.js';
import { coverage } from '../src/answer/coverage.js';
import { describedRecords } from '../src/answer/described.js';
import { withoutSetAside } from '../src/answer/excluded.js';
import { formMisfit } from '../src/answer/form.js';
import { judge } from '../src/answer/judge.js';
import { mergeAnswers, splitQuestion } from '../src/answer/parts.js';
import { readQuestion } from '../src/answer/question.js';
import { withRoleHolders } from '../src/answer/role-described.js';
import { schoolingUntold } from '../src/answer/unanswerable.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KbRecord } from '../src/knowledge/schema.js';
import { buildIndex, type SearchIndex } from '../src/search/index.js';
import { linkEntities } from '../src/search/link.js';
import { normalize } from '../src/text/normalize.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const FILES = {
  'sources.yaml': `${VALID_FILES['sources.yaml']}  - id: src-b
    title: Lakeside signs up for the open alliance
    publisher: Morning Tech Review
    date: "2023-12"
    url: https://example.org/morning
    kind: public
  - id: src-c
    title: Our year in research
    publisher: Lakeside University
    date: "2023-12-20"
    url: https://example.org/lakeside
    kind: public
`,
  'initiatives.yaml': `initiatives:
  - id: ai-alliance
    name: AI Alliance
    aliases: [The AI Alliance, the Alliance]
    summary: A community of companies, universities and labs for open AI.
    sources: [src-a]
    website: https://alliance.example.org
    type: consortium
    featured: true
    launched: { date: "2023-12-05", sources: [src-a] }
    facts:
      - topic: goals
        text: Foster an open community of builders.
        sources: [src-a]
      - topic: quote
        text: "Jane Roe (President, Lakeside University): open research is a team effort."
        quote: Open research needs many hands
        sources: [src-a]
      - topic: governance
        text: "On February 8, 2024 the Alliance set up two working groups: Safety Tooling and Policy Advocacy."
        sources: [src-a]
      - topic: goals
        text: It wants more open models to exist, and fewer closed ones.
        sources: [src-a]
      - topic: goals
        text: "Objective 1: publish shared safety benchmarks."
        sources: [src-a]
      - topic: goals
        text: "Objective 2: teach open methods at universities."
        sources: [src-a]
      - topic: goals
        text: "Objective 3: hold summits that show how members use open AI."
        sources: [src-a]
      - topic: activities
        text: Its members created open models such as Pixel Diffusion.
        sources: [src-a]
      - topic: note
        text: Little happened in its first month.
        sources: [src-a]
      - topic: goals
        text: Daily Byte reported that the Alliance wants to balance the power of the largest labs.
        sources: [src-a]
      - topic: note
        text: Daily Byte's piece on the launch only summarizes the launch release.
        sources: [src-a]
      - topic: membership
        text: Members pledge to share tools and compute.
        sources: [src-a]
      - topic: membership
        text: Its members work in health care, finance and robotics.
        sources: [src-a]
      - topic: note
        text: By one estimate its members employ 90,000 researchers.
        sources: [src-a]
      - topic: note
        text: Together its members fund $5 billion of research a year.
        sources: [src-a]
      - topic: goals
        text: Zen Software targets banks, while Mia Chen sees Acme Robotics and Quill Analytics going after factories.
        sources: [src-a]
      - topic: membership
        text: "Members added on February 8, 2024: Zen Software, Hillcrest University, Bay College, Orbit Labs."
        date: "2024-02-08"
        sources: [src-a]
      - topic: overview
        text: The launch release carried 12 quotes from members.
        sources: [src-a]
  - id: pai
    name: Partnership on AI
    aliases: [PAI, Partnership on Artificial Intelligence to Benefit People and Society]
    summary: A non-profit on AI best practices.
    sources: [src-a]
    type: non-profit
    launched: { date: "2016-09-28", sources: [src-a] }
    facts:
      - topic: activities
        text: It offers members a low-cost research cloud.
        sources: [src-a]
      - topic: history
        text: Its board met once a week in the first year.
        sources: [src-a]
      - topic: activities
        text: Its board will hold a members' summit in Lisbon in the spring.
        sources: [src-a]
  - id: letter
    name: Open Letter on Model Access
    aliases: [the open letter]
    summary: A letter calling for open access to AI models.
    sources: [src-a]
    type: letter
    launched: { date: "2023-10-31", sources: [src-a] }
    facts:
      - topic: membership
        text: More than 40 people signed it, among them Dana Frost and Rita Moss.
        sources: [src-a]
      - topic: goals
        text: It says treating secrecy as the only path to safety is 'a pipe dream'.
        sources: [src-a]
`,
  'organizations.yaml': `${VALID_FILES['organizations.yaml']}  - id: org-lakeside
    name: Lakeside University
    summary: A university that does AI research.
    sources: [src-a, src-b, src-c]
    type: university
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
  - id: org-acme
    name: Acme Robotics
    aliases:
      - Acme
      - name: Acme Corp
        note: the company's former name
    summary: A robotics company.
    sources: [src-a]
    type: company
    involvement:
      - initiative: pai
        role: co-founder
        date: "2016-09-28"
        note: co-founded under its former name, Acme Corp
        sources: [src-a]
    facts:
      - topic: criticism
        text: Reviewers recalled that Acme had to withdraw a robot demo that dropped boxes, mislabeled parts and stalled twice on stage, and that its safety work had been criticized by several reviewers. The demo meant is likely Boxer, a warehouse robot taken offline after two days.
        sources: [src-a]
  - id: org-zen
    name: Zen Software
    summary: Zen Software joined the AI Alliance with its February 2024 batch.
    description: Software company; its CEO is Mia Chen.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: member
        date: "2024-02-08"
        sources: [src-a]
  - id: org-byte
    name: Daily Byte
    aliases: [DBN]
    summary: A technology news site.
    description: News site whose pieces carry a warning that their accuracy is unchecked.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: critic
        sources: [src-a]
  - id: org-north
    name: North University
    aliases: [North Institute for Applied Robot Learning]
    summary: A university with a robotics institute.
    sources: [src-a]
    type: university
  - id: org-quill
    name: Quill Analytics
    summary: A data company in the AI Alliance.
    description: Data company led by its CEO Omar Reyes.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
  - id: org-uber
    name: Uber
    summary: A ride-hailing company.
    sources: [src-a]
    type: company
  - id: org-techno
    name: Techno Weekly
    summary: A tech magazine.
    sources: [src-a]
    type: company
  - id: org-fnsa
    name: FNSA
    summary: Norway's government research agency.
    sources: [src-a]
    type: government
    involvement:
      - initiative: ai-alliance
        role: founding-member
        date: "2023-12-05"
        sources: [src-a]
  - id: org-stability
    name: Stability Labs
    aliases: [Stability]
    summary: A company that makes image models.
    sources: [src-a]
    type: company
    involvement:
      - initiative: letter
        role: co-founder
        date: "2023-10-31"
        sources: [src-a]
`,
  'people.yaml': `people:
  - id: person-lee
    name: Lee Park
    summary: Former chief technology officer of Zen Software.
    sources: [src-a]
    roles:
      - title: CTO
        organization: org-zen
        from: 2021-03
        to: 2024-01
        sources: [src-a]
    facts:
      - topic: career
        text: He ended up joining Zen Software in 2021.
        sources: [src-a]
  - id: person-rita
    name: Rita Moss
    summary: Leads the Partnership on AI.
    sources: [src-a]
    roles:
      - title: CEO
        initiative: pai
        sources: [src-a]
    facts:
      - topic: quote
        text: Called the founding a turning point for the field.
        quote: a turning point
        sources: [src-a]
      - topic: quote
        text: Asked which labs would gain most, she said only 'All of us'.
        sources: [src-a]
  - id: person-dana
    name: Dana Frost
    summary: Co-founder and former CEO of Acme Robotics; later head of IBM's robotics lab.
    sources: [src-a]
    roles:
      - title: Co-founder and CEO
        organization: org-acme
        to: 2024-06
        sources: [src-a]
      - title: Chair of the robot safety board
        organization: org-north
        from: 2022-01
        to: 2024-06
        sources: [src-a]
      - title: Head of the robotics lab
        organization: org-ibm
        from: 2024-06
        sources: [src-a]
  - id: person-ken
    name: Ken Ota
    summary: Chairman and CEO of IBM.
    sources: [src-a]
    roles:
      - title: Chairman and CEO
        organization: org-ibm
        sources: [src-a]
  - id: person-sam
    name: Sam Hale
    summary: Founder of Stability Labs.
    sources: [src-a]
    roles:
      - title: Founder
        organization: org-stability
        sources: [src-a]
      - title: CEO (at the letter's launch)
        organization: org-stability
        sources: [src-a]
  - id: person-ivy
    name: Ivy Chao
    summary: Analyst who follows open AI bodies.
    sources: [src-a]
    roles:
      - title: Senior Analyst
        organization: org-byte
        sources: [src-a]
  - id: person-joanna
    name: Joanna Birchwood
    aliases: [Birchwood]
    summary: Research director at Acme Robotics.
    sources: [src-a]
  - id: person-mia
    name: Mia Chen
    summary: Chief executive of Zen Software; a former deputy minister of science.
    sources: [src-a]
    roles:
      - title: CEO
        organization: org-zen
        sources: [src-a]
    facts:
      - topic: note
        text: She studied physics at Lakeside University.
        sources: [src-a]
      - topic: career
        text: She joined Zen Software as its chief executive in 2019.
        sources: [src-a]
      - topic: quote
        text: Said small banks deserve the same software as big ones.
        sources: [src-a]
`,
  'projects.yaml': `projects:
  - id: proj-quillkit
    name: QuillKit
    summary: A data-cleaning library for spreadsheets.
    sources: [src-a]
    type: library
    owner: org-quill
  - id: proj-pixel
    name: Pixel Diffusion
    aliases: [Pixel Diffusion Image Model]
    summary: An open image model.
    sources: [src-a]
    type: text-to-image model
    owner: org-stability
    released: "2022-08-22"
    facts:
      - topic: release
        text: Released on August 22, 2022, with its weights under the Pixel Open License.
        date: "2022-08-22"
        sources: [src-a]
      - topic: note
        text: It was made because open image models were scarce.
        sources: [src-a]
      - topic: note
        text: Its license caps the number of monthly users at one million.
        sources: [src-a]
      - topic: criticism
        text: Critics say the user cap means it is not open source by the OSI definition.
        sources: [src-a]
      - topic: note
        text: Training it cost $600,000 in compute.
        sources: [src-a]
      - topic: release
        text: Pixel Diffusion 3 was released on May 1, 2024.
        date: "2024-05-01"
        sources: [src-a]
      - topic: release
        text: Pixel Diffusion 3.1 was released on June 2, 2024.
        date: "2024-06-02"
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

describe('cutting a message into questions', () => {
  it('cuts a name and an ask word joined by "+" from the question after it', () => {
    expect(splitQuestion(readQuestion('acme ceo + their angle on it')).map((p) => p.raw)).toEqual([
      'acme ceo',
      'their angle on it',
    ]);
  });

  it('takes a part that ends in a question mark as a question of its own', () => {
    const r = answer("lakeside university's in it? what did their president tell reporters", index);
    expect(r.answer).toMatch(/^Yes/);
    expect(r.answer).toContain('Jane Roe');
  });

  it('takes parts joined by "+" as two questions', () => {
    const r = answer('zen software ceo + when did it join the alliance', index);
    expect(r.answer).toContain('Mia Chen');
    expect(r.answer).toContain('February 8, 2024');
  });

  it('keeps a question whole when the place that would cut it follows a relative "who" or an article', () => {
    for (const q of [
      'who was the acme engineer who, when asked about rivals, said nothing?',
      'which is the, when you think about it, oldest member?',
    ])
      expect(splitQuestion(readQuestion(q)), q).toHaveLength(1);
  });

  it('still cuts after a bare "who" that is the question itself', () => {
    const parts = splitQuestion(readQuestion("acme's ceo was quoted - who, and what did she say?"));
    expect(parts).toHaveLength(2);
  });

  it('starts a second question after a filler word such as "roughly"', () => {
    const parts = splitQuestion(
      readQuestion('when did pai launch, and roughly how many founders did it have'),
    );
    expect(parts).toHaveLength(2);
  });

  it('keeps "A & B" and "A + B" inside one question', () => {
    expect(splitQuestion(readQuestion('when did IBM & Acme launch the alliance'))).toHaveLength(1);
    expect(splitQuestion(readQuestion('when did IBM + Acme launch the alliance'))).toHaveLength(1);
  });

  it('starts a second question at "could" as at "can"', () => {
    const parts = splitQuestion(readQuestion('when did pixel diffusion come out and could anyone use it'));
    expect(parts.map((p) => p.norm)).toEqual(['when did pixel diffusion come out', 'could anyone use it']);
  });

  it('a lead-in before two questions keeps the second one apart, with the lead-in on the first', () => {
    const parts = splitQuestion(readQuestion('Talking of PAI, who runs it, and when did it start?'));
    expect(parts.map((p) => p.raw)).toEqual(['Talking of PAI, who runs it', 'when did it start?']);
  });

  it('a name said before "…, what?" keeps the question after the question mark apart', () => {
    const r = answer('Pixel Diffusion has a licence, which one? and what did it cost to train', index);
    expect(r.answer).toContain('Pixel Open License');
    expect(r.answer).toContain('$600,000');
  });

  it('a terse ask before a comma ("<firm> ceo, and when …") is a question of its own, not a lead-in', () => {
    const r = answer("zen software's ceo, and when did it join the alliance?", index);
    expect(r.answer).toContain('Mia Chen');
    expect(r.answer).toContain('February 8, 2024');
  });

  it('"<name> launch date and its ceo" asks two things of the name; "what did A and its partners …" is one question', () => {
    const r = answer('zen software join date and its ceo', index);
    expect(r.answer).toContain('Mia Chen');
    expect(r.answer).toContain('February 8, 2024');
    expect(splitQuestion(readQuestion('what did zen software and its partners announce'))).toHaveLength(1);
  });

  it('a lead-in that tells of the member stays context ("i keep seeing X, when …")', () => {
    expect(
      splitQuestion(readQuestion('i keep seeing zen software everywhere, when did it join?')),
    ).toHaveLength(1);
  });

  it('asks a part that names nothing about the member named before, not the body it joined', () => {
    const r = answer('Does Zen Software belong to the Alliance, and who heads it?', index);
    expect(r.answer).toContain('Mia Chen');
  });
});

describe('sentences said twice', () => {
  it('drops a sentence a later part repeats whole, a dot inside a name and all', () => {
    const part = (answer: string) => ({
      answered: true,
      answer,
      confidence: 1,
      subject: null,
      sources: [],
      suggestions: [],
    });
    const repeated = "Entries closed on May 1. site.ai's page gives no year, so it was likely May 1, 2023.";
    const merged = mergeAnswers([
      part(`Lakeside: ${repeated}`),
      part(
        `Lakeside University — a university.\n• ${repeated}\n• It hosts a yearly robot race for students.`,
      ),
    ]).answer;
    expect(merged.split(repeated).length).toBe(2);
    expect(merged).not.toMatch(/May 1\. site\.(?!ai)/);
    expect(merged).toContain('It hosts a yearly robot race for students.');
  });
});

describe('parts said before', () => {
  it('keeps the one new sentence of a later part whose other lines were said already', () => {
    expect(answer('when did PAI launch? and which weekday was it', index).answer).toContain('Wednesday');
  });
});

describe('which record a part names', () => {
  it('never reads a common English word spelt right as a misspelt name ("bite" is not Byte)', () => {
    const ids = linkEntities('how big a bite did the alliance take', index).flatMap((m) =>
      m.surfaces.map((s) => s.record.id),
    );
    expect(ids).not.toContain('org-byte');
  });

  const linked = (q: string) => linkEntities(q, index).map((m) => m.surfaces[0]?.record.id);

  it('names what an organization founded by the organization and words of its name', () => {
    expect(linked('what did the Stability letter on access call for?')).toEqual(['letter']);
  });

  it("names an organization's thing by an everyday word that is its head noun", () => {
    expect(linked('what did the Stability letter say?')).toEqual(['letter']);
  });

  it('names the company a person leads by their name and a word for a company', () => {
    expect(linked("when did mia chen's company join the ai alliance?")).toEqual(['org-zen', 'ai-alliance']);
  });

  it('takes a misspelt given name before a surname into the name, not the question', () => {
    const [person] = linkEntities('what did joan birchwood do at acme?', index);
    expect(person?.typed).toBe('joan birchwood');
    expect(
      readAsk(
        readQuestion('what did joan birchwood do at acme?'),
        linkEntities('what did joan birchwood do at acme?', index),
      ).content,
    ).not.toContain('dan');
  });

  it("doesn't take a company for one a person no longer leads", () => {
    expect(linked("what is dana frost's company?")).toEqual(['person-dana']);
  });

  it("doesn't name an organization's thing by an everyday word of its name alone", () => {
    expect(linked("what is Stability's open approach?")).toEqual(['org-stability']);
  });
});

describe('echoing what the member typed', () => {
  it('does not echo a name typed with its article as if it were another name', () => {
    const r = answer('according to daily byte, what is the AI Alliance trying to do', index);
    expect(r.answer).toContain('balance the power');
    expect(r.answer).not.toContain('(The AI Alliance)');
  });

  it('never echoes an alias between a name and its version number', () => {
    const r = answer('what happened with the pixel diffusion image model in 2024', index).answer;
    expect(r).toContain('Pixel Diffusion 3 was released');
    expect(r).not.toContain('(Pixel Diffusion Image Model) 3');
  });

  it('writes compounds the member typed as two words their way, each pair of a chain too, and keeps their hyphens', () => {
    const asked = 'a member driven style group? open source, and co-founded';
    expect(echoCompounds('A Member-driven-style, Open-Source, well-run, co-founded group.', asked)).toBe(
      'A Member driven style, Open Source, well-run, co-founded group.',
    );
  });

  it('leaves a compound inside quotation marks as it was said', () => {
    const asked = 'what did she say about a first come first served rule';
    expect(
      echoCompounds(
        'She wants no first-come-first-served rule: “There is no first-come-first-served”.',
        asked,
      ),
    ).toBe('She wants no first come first served rule: “There is no first-come-first-served”.');
    expect(echoCompounds("It called it 'a first-come-first-served deal'.", asked)).toBe(
      "It called it 'a first-come-first-served deal'.",
    );
  });
});

describe('a part that points back', () => {
  it('finds what another record says of the record it points to', () => {
    const r = answer('what kind of place is lakeside university, and who presides over it?', index);
    expect(r.answer).toContain('Jane Roe');
  });
});

describe('reading the words', () => {
  it('reads "besides", "alongside" and "else" as shaping the question, not as words a statement must hold', () => {
    expect(readAsk(readQuestion('who else signed it besides him, alongside them?'), []).content).toEqual([]);
  });

  it('reads "their angle on" or "stance on" something as asking for what they said', () => {
    expect(readAsk(readQuestion('their angle on joining'), []).types).toContain('quote');
    expect(readAsk(readQuestion('her stance on open models'), []).types).toContain('quote');
  });

  it('reads "claim to fame" as what someone is known for, not a claim they made', () => {
    expect(readQuestion("what's her claim to fame").norm).toBe('what her known for');
  });

  it('spells out "wg" as a working group', () => {
    expect(readQuestion('the safety wg and other wgs').norm).toBe(
      'the safety working group and other working groups',
    );
  });

  it('reads a verb of leading ("directs", "chaired") as asking for that role', () => {
    expect(readAsk(readQuestion('who directs it'), []).roleWords).toEqual(['director']);
    expect(readAsk(readQuestion('who chaired it'), []).roleWords).toEqual(['chair']);
  });

  it('keeps "R&D" one word rather than two stopwords', () => {
    expect(normalize('R&D budget, Q&A')).toBe('rd budget qa');
    expect(normalize('Johnson & Johnson')).toBe('johnson and johnson');
  });

  it('reads everyday phrasal verbs in the words the records use, whatever stands between their words', () => {
    expect(readQuestion('when did it kick-off').norm).toBe('when did it launch');
    expect(readQuestion('her quote, tl;dr').norm).toBe('her quote summary');
    expect(readQuestion('what it used to be called').norm).toBe('what it formerly called');
  });

  it('does not read a word the statements use as a misspelt name ("user" is not "Uber")', () => {
    const r = answer('is there a user cap on pixel diffusion', index);
    expect(r.subject?.id).toBe('proj-pixel');
    expect(r.answer).not.toContain('Uber');
  });

  it('spells out "og" as original', () => {
    expect(readQuestion('the og release').norm).toBe('the original release');
  });

  it('reads "running" as asking for who leads', () => {
    const r = answer("who's running PAI these days", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Rita Moss');
  });

  it('names an initiative by its everyday short name when nothing else is named', () => {
    const r = answer('which alliance goal is about builders', index);
    expect(r.answered).toBe(true);
    expect(r.subject?.id).toBe('ai-alliance');
    expect(r.answer).toContain('open community of builders');
  });

  it('reads a project maker named in everyday words as covered by the project', () => {
    const r = answer("under what licence did stability publish pixel diffusion's weights", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Pixel Open License');
  });
});

describe('what each ask is answered with', () => {
  it('takes the outlet a question cites ("according to X") as the source, not the subject', () => {
    const r = answer('according to daily byte, what is the alliance trying to do', index);
    expect(r.subject?.id).toBe('ai-alliance');
    expect(r.answer).toContain('balance the power');
  });

  it('takes an outlet whose opinion is asked about another record as the source, not the subject', () => {
    const r = answer('why does daily byte think zen software joined the ai alliance?', index);
    expect(r.subject?.id).not.toBe('org-byte');
    expect(r.answer).not.toMatch(/^Daily Byte —/);
  });

  it('counts a statement of something an organization founded alone as naming that organization', () => {
    const r = answer('how are stability labs and dana frost connected?', index);
    expect(r.answer).toContain('among them Dana Frost');
  });

  it("keeps a person's words about the body they hold a role in, not a statement that merely names both", () => {
    const r = answer('what did Rita Moss say about the Partnership on AI at its founding?', index);
    expect(r.answer).toContain('turning point');
  });

  it('reads "in the <body> launch announcement" as where words were said, not a word to find', () => {
    const r = answer(
      "who spoke for Lakeside University at the open AI Alliance's launch announcement",
      index,
    );
    expect(r.answer).toContain('Jane Roe');
  });

  it("shows the speaker's own words when asked what someone said", () => {
    const r = answer("what did lakeside university's president say", index);
    expect(r.answer).toContain('“Open research needs many hands”');
  });

  it("answers a person's role at a named organization with the roles there, not the whole profile", () => {
    const r = answer('what role did dana frost have at ibm?', index);
    expect(r.answer).toContain('Head of the robotics lab');
    expect(r.answer).not.toContain('Co-founder and CEO');
  });

  it("lets statements share a ranked route's place when the ask's content is everyday words", () => {
    const q = readQuestion('which open models, per the alliance, did its members make?');
    const mentions = linkEntities(q.raw, index);
    const ctx = { index, q, ask: readAsk(q, mentions), mentions };
    const alliance = index.kb.byId.get('ai-alliance') as KbRecord;
    const goals = (index.docsByRecord.get('ai-alliance') ?? []).filter((d) => d.topic === 'goals');
    // A route that ranked the goals first, as a topic route may: not a typed answer built for the ask.
    const plan = judge(ctx, { subject: alliance, lead: '', docs: goals, confidence: 1 });
    const said = plan.kind === 'answer' ? plan.draft.docs.map((d) => d.text) : [];
    expect(said.some((t) => t.includes('Pixel Diffusion'))).toBe(true);
  });

  it("answers a list of a body's goals with the goals, not the member list", () => {
    const r = answer('ai alliance goals - like the actual list', index);
    expect(r.answer).toContain('Foster an open community');
    expect(r.answer).not.toContain('Co-founders');
  });

  it('does not answer why a body was founded with who founded it', () => {
    const r = answer('why did acme co-found pai?', index);
    expect(r.answer).not.toMatch(/was co-founded by/);
    expect(r.confidence).toBeLessThan(0.8);
  });

  it('answers when a body was founded and by whom with the launch sentence naming both', () => {
    const r = answer('When was PAI started, and which firms were behind it?', index);
    expect(r.answer).toContain('September 28, 2016');
    expect(r.answer).toContain('Acme');
  });

  it('answers which groups a body launched from the statement about them, not its founding', () => {
    const r = answer('what working groups has the alliance launched', index);
    expect(r.answer).toContain('Policy Advocacy');
    expect(r.answer).not.toContain('co-founded');
  });

  it('answers which things members made from the statement about them, not the member list', () => {
    const r = answer('which open models did AI Alliance members create', index);
    expect(r.answer).toContain('Pixel Diffusion');
    expect(r.answer).not.toContain('Co-founders');
  });

  it('answers why a project was released with the reason, not the list of releases', () => {
    const r = answer('why did stability release pixel diffusion', index);
    expect(r.answer).toContain('scarce');
  });

  it('tells a point release from the version it extends ("3.1" is not "3")', () => {
    const point = answer('when did pixel diffusion 3.1 come out', index).answer;
    expect(point).toContain('June 2, 2024');
    expect(point).not.toContain('May 1, 2024');
    const major = answer('when did pixel diffusion 3 come out', index).answer;
    expect(major).toContain('May 1, 2024');
    expect(major).not.toContain('June 2, 2024');
  });

  it('spells out an acronym typed beside a name from the tail of one of its names', () => {
    const r = answer('north university ARL - what is ARL short for', index);
    expect(r.answer).toContain('ARL stands for Applied Robot Learning');
  });

  it('gives the formal name an acronym is short for', () => {
    const r = answer('what does PAI stand for', index);
    expect(r.answer).toContain('Partnership on Artificial Intelligence to Benefit People and Society');
  });

  it("answers what became of a person, asked in everyday words, from the person's roles", () => {
    const r = answer("what happened to acme's former ceo dana frost", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('IBM');
  });
});

describe('members and what they do', () => {
  it('answers what kinds of organizations join from the summary, not the member list', () => {
    const r = answer('what kinds of organizations can join the alliance', index);
    expect(r.answer).toContain('companies, universities and labs');
    expect(r.answer).not.toContain('Founding members');
  });

  it('answers what members do from a statement, not the member list', () => {
    const r = answer('what do alliance members pledge to do', index);
    expect(r.answer).toContain('share tools and compute');
    expect(r.answer).not.toContain('Founding members');
  });

  it('names a founder that took part under a former name as it was then called', () => {
    const r = answer('which companies started PAI', index);
    expect(r.answer).toContain('Acme Robotics (then Acme Corp)');
  });

  it('answers how many signed a body with almost no organizations on record from the statement that counts', () => {
    const r = answer('how many people signed the open letter', index);
    expect(r.answer).toContain('More than 40 people');
  });

  it('counts what the question counts when a verb like "got" follows the counted thing', () => {
    expect(answer('how many member quotes got into the alliance launch release', index).answer).toContain(
      '12 quotes',
    );
  });

  it('counts what the question counts, not the members, when it counts quotes', () => {
    const r = answer('how many quotes from members did the alliance launch release carry', index);
    expect(r.answer).toContain('12 quotes');
    expect(r.answer).not.toContain('founding organizations');
  });

  it("gives a member's own launch quote beside the yes", () => {
    const r = answer('is lakeside university in the alliance?', index);
    expect(r.answer).toMatch(/^Yes — Lakeside University is a founding member/);
    expect(r.answer).toContain('Jane Roe (President, Lakeside University)');
  });

  it('refuses a membership question about an organization the records never name, naming it', () => {
    const r = answer('is Globex Dynamics a member of the ai alliance?', index);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain("I can't tell whether Globex Dynamics is a member of the AI Alliance");
  });

  it('takes a rare word typed in lower case beside a membership cue for an organization the records lack', () => {
    expect(answer('globex in the ai alliance?', index).answer).toContain("I can't tell whether globex");
  });

  it('never takes a word of a who-question for a stranger asked about as a member', () => {
    expect(answer('who is eligible for joining the ai alliance', index).answer).not.toContain(
      'whether eligible',
    );
  });

  it('never takes an everyday word for the name of an organization asked about as a member', () => {
    expect(answer('is the guy in the alliance release a member', index).answer).not.toContain('whether guy');
  });

  it('never reads a lower-case word of a member statement as the name of a member', () => {
    expect(answer('is finance part of the alliance', index).answer).not.toContain('name finance among');
  });

  it('takes only a name joined by a list word or comma, not any rare word next to a member, for a stranger', () => {
    expect(answer('did lakeside university flourish in the alliance', index).answer).not.toContain(
      'whether flourish',
    );
    expect(answer('are lakeside university, globex in the alliance', index).answer).toContain(
      'whether globex',
    );
  });

  it('answers each of a recorded and an unrecorded organization asked about as members', () => {
    const r = answer('are lakeside university and globex members of the alliance', index);
    expect(r.answer).toMatch(/^Yes — Lakeside University/);
    expect(r.answer).toContain("I can't tell whether globex is a member");
    expect(r.answer).not.toContain('Founding members');
  });

  it('answers "are A and B members" for each organization, not with the member list', () => {
    const r = answer('are lakeside university and zen software members of the ai alliance', index);
    expect(r.answer).toContain('Lakeside University');
    expect(r.answer).toContain('Yes — Zen Software is a member');
    expect(r.answer).not.toContain('Founding members');
  });

  it('reads "connected to" as asking how an organization takes part', () => {
    const r = answer('how is lakeside university connected to the alliance', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('founding member');
  });
});

describe('dates and words for them', () => {
  it('reads two digits after a month typed short as a short year', () => {
    expect(readQuestion('who joined in feb 24').months).toEqual(['2024-02']);
    expect(readQuestion('launched on february 24').months).toEqual([]);
  });

  it("lists the universities among a month's joiners from the dated member list, with or without records", () => {
    const r = answer('which of the universities joined the alliance during the feb 24 wave', index);
    expect(r.answer).toContain('Hillcrest University');
    expect(r.answer).toContain('Bay College');
    expect(r.answer).not.toContain('Orbit Labs');
  });

  it('reads "announced" as the launch', () => {
    expect(answer('when was PAI announced', index).answer).toContain('September 28, 2016');
  });

  it('gives the weekday when asked what day of the week something launched', () => {
    expect(answer('PAI launched on which day of the week', index).answer).toContain(
      'Wednesday, September 28, 2016',
    );
  });

  it('answers the weekday of the launch, not a statement about a week, whatever verb asks it', () => {
    expect(answer('which day of the week did PAI drop', index).answer).toContain(
      'Wednesday, September 28, 2016',
    );
  });

  it('reads "what did X call …" as asking for their words', () => {
    expect(answer('what did rita moss call the founding', index).answer).toContain('turning point');
  });
});

describe('records described instead of named', () => {
  it('links the one organization whose profile holds the kind and traits described', () => {
    expect(answer('is the data company led by omar reyes in the alliance?', index).answer).toMatch(
      /^Yes — Quill Analytics is a founding member/,
    );
  });

  it('links an agency described by its country and field', () => {
    expect(answer("is norway's research agency in the alliance?", index).answer).toMatch(
      /^Yes — FNSA is a founding member/,
    );
  });

  it('links a project described by its kind and traits', () => {
    const q = readQuestion('who makes that spreadsheet cleaning library?');
    expect(
      describedRecords(q, linkEntities(q.raw, index), index).map((m) => m.surfaces[0]?.record.id),
    ).toEqual(['proj-quillkit']);
  });

  it('reads "big tech" as the largest companies, not a company whose profile says tech', () => {
    const q = readQuestion('did a big tech company join the alliance?');
    expect(describedRecords(q, linkEntities(q.raw, index), index)).toEqual([]);
  });

  it('links a person described by their past office', () => {
    const q = readQuestion('which company does the former deputy science minister run?');
    expect(
      describedRecords(q, linkEntities(q.raw, index), index).map((m) => m.surfaces[0]?.record.id),
    ).toEqual(['person-mia']);
  });

  it('links no single record for a plural kind, which asks for several', () => {
    const q = readQuestion('which data companies led by omar reyes joined?');
    expect(describedRecords(q, linkEntities(q.raw, index), index)).toEqual([]);
  });

  it('links nothing for a kind described only in everyday words', () => {
    const q = readQuestion('is the big company in the alliance?');
    expect(describedRecords(q, linkEntities(q.raw, index), index)).toEqual([]);
  });
});

describe('answers built for the ask', () => {
  it('keeps a membership answer over a statement about someone the question never names', () => {
    expect(answer('had nvidia finally joined the ai alliance by 2021?', index).answer).not.toContain(
      'Zen Software',
    );
  });

  it("reads a version after a project's name as no count, and a capitalised word before a number as none", () => {
    const q = readQuestion('how many pixel diffusion users are there');
    const mentions = linkEntities(q.raw, index);
    const subject = index.kb.byId.get('proj-pixel') as KbRecord;
    const doc = { id: 0, recordId: subject.id, about: [], topic: 'release' as const, sources: [] };
    const draft = (text: string) => ({ subject, lead: '', confidence: 1, docs: [{ ...doc, text }] });
    const ctx = { index, q, ask: readAsk(q, mentions), mentions };
    expect(formMisfit(ctx, draft('Pixel Diffusion 3 was released on May 1, 2024.'))?.id).toBe('proj-pixel');
    expect(formMisfit(ctx, draft('It has 40 users.'))).toBeUndefined();
    expect(formMisfit(ctx, draft('About 40 labs use it.'))).toBeUndefined();
  });
});

describe('careers', () => {
  it('answers when someone said they were leaving with the career step, and says "No" only to a yes/no', () => {
    const when = answer('when did dana frost say she was leaving acme robotics', index).answer;
    expect(when).toMatch(/^According to the sources, Dana Frost left Acme Robotics/);
    expect(answer('is dana frost still at acme robotics', index).answer).toMatch(
      /^No — according to the sources/,
    );
  });
});

describe('several records compared', () => {
  it('answers a comparison of three or more members with the one statement that names them all', () => {
    const r = answer(
      'who does mia chen think acme robotics and quill analytics are going after, vs zen software?',
      index,
    );
    expect(r.answer).toContain('going after factories');
  });
});

describe('roles', () => {
  it('reads who leads or heads a body as asking for its chief executive, director or chair too', () => {
    expect(answer('who leads the partnership on ai', index).answer).toContain('Rita Moss');
    expect(answer("who's in charge of pai", index).answer).toContain('Rita Moss');
  });

  it('answers who leads a body, not the profile of someone named only as having left it', () => {
    const r = answer('who leads the partnership on ai now that rita moss is gone', index);
    expect(r.answered).toBe(true);
    // The records still give her as its CEO: the role is the answer, not her list of roles.
    expect(r.answer).toMatch(/^Rita Moss — CEO/);
  });

  it("asks the rest of a question of the person a role names, not of the role's organization", () => {
    const r = answer('was the ceo of zen software ever in government', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('deputy minister of science');
  });

  it('reads a past tense ending in -ied as the word it was made from', () => {
    expect(answer('what did mia chen study?', index).answer).toContain('physics');
  });

  it("answers who founded an organization placed in a body with the organization's founder, not the body's", () => {
    expect(answer('who founded acme robotics that is in the ai alliance', index).answer).toMatch(
      /^Dana Frost — Co-founder/,
    );
  });

  it('counts each role word asked once, so a title holding two readings of it does not outrank a closer one', () => {
    expect(answer("who was the boss of ibm's robotics lab", index).answer).toMatch(/^Dana Frost — Head/);
  });

  it('answers which company someone founded before a later role with their roles, never a yes', () => {
    const r = answer('which company did dana frost co-found before she joined ibm?', index).answer;
    expect(r).toContain('Acme Robotics');
    expect(r).not.toMatch(/\byes\b/i);
  });

  it('refuses what someone did before joining a body when their only recorded role is there', () => {
    expect(answer('what did rita moss do before joining the partnership on ai?', index).answered).toBe(false);
  });

  it('declines what someone does now when the records hold only a founding and roles dated to the past', () => {
    const r = answer('what is sam hale working on these days', index);
    expect(r.answered).toBe(false);
    expect(r.answer).toMatch(/^I can't tell what Sam Hale is doing now/);
  });

  it('names the organization someone left when the question names none', () => {
    expect(answer('what is lee park doing these days', index).answer).toContain('left Zen Software');
  });

  it("says the records name no holder of a body's role in the role words the member used", () => {
    expect(answer('name the ai alliance executive director', index).answer).toMatch(
      /^The sources do not name an executive director for the AI Alliance/,
    );
  });

  it('never lists an empty set of roles for someone the records give none', () => {
    expect(answer('what is joanna birchwood doing these days', index).answer).not.toContain('these roles: .');
  });

  it("reads someone's last day somewhere as when they left", () => {
    expect(answer("when was lee park's last day at zen software", index).answer).toContain('January 2024');
  });

  it("reads an organization's analyst as the person holding that role", () => {
    const q = readQuestion("daily byte's analyst: what was the verdict on the alliance");
    expect(withRoleHolders(q, linkEntities(q.raw, index), index)[0]?.surfaces[0]?.record.id).toBe(
      'person-ivy',
    );
  });

  it('keeps asking who holds a role as the role, with its title', () => {
    expect(answer("who is zen software's ceo", index).answer).toMatch(/^Mia Chen — CEO/);
  });

  it('leaves the organization named when none of its people holds the role', () => {
    const q = readQuestion("what did the alliance's president think");
    const mentions = linkEntities(q.raw, index);
    expect(withRoleHolders(q, mentions, index)).toBe(mentions);
  });

  it("reads a role's name asked for as the role, not a fact about names", () => {
    expect(answer('quill analytics ceo name', index).answer).toContain('Omar Reyes');
    expect(answer("what's the name of quill analytics's ceo", index).answer).toContain('Omar Reyes');
  });
});

describe("someone's words", () => {
  it('reads who represented an organization in the quotes as who spoke for it', () => {
    expect(
      answer('who represented lakeside university in the alliance launch quotes', index).answer,
    ).toContain('Jane Roe');
  });

  it('reads "what phrase did X use" as asking for their words, a way as a path and safe as safety', () => {
    expect(
      answer('what phrase did the open letter use for secrecy being the only way to stay safe', index).answer,
    ).toContain('a pipe dream');
  });

  it('reads "what word did X use" as asking for their words, and "dunk on" as criticism', () => {
    const ask = readAsk(readQuestion('what single word did daily byte use to dunk on the alliance'), []);
    expect(ask.types).toEqual(expect.arrayContaining(['quote', 'criticism']));
  });

  it("reads a noun of something said right after a person's name as asking for their words", () => {
    expect(answer("what was rita moss's line at the founding", index).answer).toContain('turning point');
  });
});

describe('words for what people were', () => {
  it('meets a politician asked about with the minister a summary names', () => {
    expect(answer('mia chen was a politician before zen software right', index).answer).toContain('minister');
    expect(answer("what was mia chen's political background", index).answer).toContain('minister');
  });

  it('reads "the face of" something as the one who presented it', () => {
    expect(readQuestion('who was the face of the launch').words).toContain('presenter');
  });

  it('reads "took place" as "happened"', () => {
    expect(readQuestion('what took place that day').words).toContain('happened');
  });

  it('reads "deals with" and "has to do with" as "about"', () => {
    expect(readQuestion('which goal deals with chips').words).toContain('about');
    expect(readQuestion('what has to do with chips').words).toContain('about');
  });
});

describe('schooling', () => {
  it('refuses where someone went to college when no statement of theirs speaks of study', () => {
    expect(answer('where did lee park go to college', index).answered).toBe(false);
    expect(answer('what college did lee park go to?', index).answered).toBe(false);
  });

  it('reads "to what degree" and a deadline\'s "last day" as no schooling and no departure', () => {
    const lee = index.kb.byId.get('person-lee') as KbRecord;
    const ctxOf = (text: string) => {
      const q = readQuestion(text);
      const mentions = linkEntities(q.raw, index);
      return { index, q, ask: readAsk(q, mentions), mentions };
    };
    expect(schoolingUntold(ctxOf('what degree does lee park hold'), [lee])).toBe(true);
    expect(schoolingUntold(ctxOf('to what degree did lee park shape zen software'), [lee])).toBe(false);
    expect(readQuestion('what was the last day to apply to lee park’s team').words).toContain('day');
    expect(readQuestion("when was lee park's last day at zen software").words).not.toContain('day');
  });

  it('answers it from a statement of theirs that tells what they studied', () => {
    expect(answer('what did mia chen study at university', index).answer).toContain('physics');
  });
});

describe("someone's view of a record", () => {
  it('refuses what someone thinks of a record none of their words speak of', () => {
    expect(answer('what does rita moss think of pixel diffusion', index).answered).toBe(false);
  });

  it('answers what someone thinks of the body they have a role in with their words', () => {
    expect(answer('what does rita moss think of the partnership on ai', index).answer).toContain(
      'a turning point',
    );
  });
});

describe('words for joining', () => {
  it('reads who can apply to a body as who can join it', () => {
    const q = readQuestion('who could apply to the partnership on ai');
    expect(readAsk(q, linkEntities(q.raw, index)).types).toContain('membership');
  });
});

describe('filler words', () => {
  it('reads "even" and "etc" as filler, not content a statement must cover', () => {
    const q = readQuestion('how did daily byte even learn of the robot race etc');
    expect(readAsk(q, linkEntities(q.raw, index)).content).toEqual(['learn', 'robot', 'race']);
  });

  it('reads "wise" after a word ("politics wise") as filler: the word before it is the content', () => {
    const q = readQuestion('what did daily byte learn, robot wise');
    expect(readAsk(q, linkEntities(q.raw, index)).content).toEqual(['learn', 'robot']);
  });

  it('reads size words ("huge", "massive") and a trivia lead-in as filler', () => {
    const q = readQuestion('random trivia: what huge massive robot race did daily byte learn of');
    expect(readAsk(q, linkEntities(q.raw, index)).content).toEqual(['robot', 'race', 'learn']);
  });
});

describe('a part that repeats the part before', () => {
  it('drops the repeated statement with its bullet, leaving no bare bullet', () => {
    const a = answer('when did Pixel Diffusion come out, and why did Stability Labs make the model?', index);
    expect(a.answer).not.toMatch(/^•\s*$/m);
    expect(a.answer).toContain('August 22, 2022');
  });
});

describe('a part that names only the maker', () => {
  it("is still about the model the part before asked of, not the maker's profile", () => {
    const a = answer('When was Pixel Diffusion released, and what did training cost Stability Labs?', index);
    expect(a.answer).toContain('Pixel Diffusion: Training it cost $600,000');
    expect(a.answer).not.toContain('Stability Labs: Pixel Diffusion');
    expect(a.answer).not.toContain('monthly users');
  });
});

describe('an outlet typed by its nickname', () => {
  it('answers "according to <nickname>" from what the outlet reported, as its full name would', () => {
    for (const q of [
      'what does the Alliance want, according to DBN?',
      'what does the Alliance want, according to Daily Byte?',
    ]) {
      expect(answer(q, index).answer, q).toContain('Daily Byte reported that the Alliance wants to balance');
    }
  });
});

describe('names set aside', () => {
  it('a name set aside with "apart from" or "besides" is context: the others are asked for', () => {
    for (const q of [
      'apart from QuillKit, which open models did the members create?',
      'besides QuillKit, what open models have members created?',
    ]) {
      const a = answer(q, index);
      expect(a.answer, q).toContain('Pixel Diffusion');
      expect(a.subject?.name, q).not.toBe('QuillKit');
    }
  });

  it('names listed after the one set aside are set aside with it', () => {
    const q = readQuestion('other than Dana Frost and Rita Moss, how many signed the open letter?');
    const kept = withoutSetAside(linkEntities(q.raw, index), q).map((m) => m.surfaces[0]?.record.id);
    expect(kept).toEqual(['letter']);
  });
});

describe('words for sums and budgets', () => {
  it('reads "a budget, combined" as what members fund together', () => {
    const r = answer("what's the alliance members' combined research budget?", index);
    expect(r.answer).toContain('$5 billion');
  });

  it("another body's sum is no answer to the body named in full, though it covers the words", () => {
    for (const q of [
      "how much research a year do the Partnership on AI's members fund together?",
      'what is the combined research budget of Partnership on AI members?',
    ]) {
      expect(answer(q, index).answer, q).not.toContain('$5 billion');
    }
  });
});

describe('counts', () => {
  it("answers a member count an outlet gave with the counts, not the outlet's own membership", () => {
    const r = answer('what member count did daily byte give for the alliance', index).answer;
    expect(r).not.toMatch(/^No — /);
    expect(r).toContain('4 founding organizations (co-founders included) and 1 later member with');
  });
});

describe('founders', () => {
  it('answers which companies co-founded a body with its co-founders, not its member list', () => {
    expect(answer('which companies co-founded the ai alliance?', index).answer).toMatch(
      /^The AI Alliance was co-founded by IBM/,
    );
  });
});

describe('which ones of a kind', () => {
  it('refuses which governments back something when the answer names no government', () => {
    expect(answer('which governments fund pixel diffusion?', index).answered).toBe(false);
  });

  it('answers which governments are in a body with the government members', () => {
    expect(answer('which governments are in the ai alliance?', index).answer).toContain('FNSA');
  });
});

describe('words for criticism', () => {
  it('reads chat words for running something down as criticism', () => {
    expect(answer('why do people trash pixel diffusion', index).answer).toMatch(/^Critics say/);
  });
});

describe('words for containing', () => {
  it('meets a word for what a piece held ("stuffed into") with the statement of what it carried', () => {
    expect(
      answer("how many quotes from members got stuffed in the alliance's launch release", index).answer,
    ).toContain('12 quotes');
  });
});

describe('licences', () => {
  it('answers whether a project is truly open from the licence statement closest to the ask first', () => {
    const first = answer(
      'does pixel diffusion count as open source under the osi definition',
      index,
    ).answer.split('\n')[0];
    expect(first).toContain('not open source by the OSI definition');
  });
});

describe('things the members made', () => {
  it('leads "which open models did its members build" with the statement naming what members made', () => {
    const first = answer('which open models does the alliance credit to its members', index).answer.split(
      '\n',
    )[0];
    expect(first).toContain('Pixel Diffusion');
  });
});

describe('words for pieces', () => {
  it('meets an announcement asked about with the statement about the release', () => {
    expect(answer('what did the alliance launch announcement carry from members', index).answer).toContain(
      '12 quotes',
    );
  });
});

describe('words for copies', () => {
  it('meets a rehash asked about with a statement that a piece only summarizes another', () => {
    expect(answer('is the daily byte piece on the alliance just a rehash', index).answer).toContain(
      'summarizes',
    );
  });
});

describe('words for trust', () => {
  it('meets a question whether a site is reliable with what the records say of its accuracy', () => {
    expect(answer('is daily byte even a legit site', index).answer).toContain('accuracy is unchecked');
  });
});

describe('words for talk', () => {
  it('meets a conversation or convo asked about with a statement about a debate', () => {
    expect(coverage(['convo'], [], ['The debate had centered on a few labs.'], index).ratio).toBeGreaterThan(
      0.5,
    );
    expect(coverage(['convo'], [], ['The labs had centered on a few models.'], index).ratio).toBe(0);
  });
});

describe('words for surprise', () => {
  it('meets an ask why something is weird with a statement that found it confusing', () => {
    const found = 'A reviewer found it confusing that the body is a member.';
    expect(coverage(['weird'], [], [found], index).ratio).toBeGreaterThan(0.5);
    expect(coverage(['weird'], [], ['A reviewer found that the body is a member.'], index).ratio).toBe(0);
  });
});

describe('words for a gap and for pointing it out', () => {
  it('meets a gap asked about with an omission, and flagging with pointing out', () => {
    const said = 'A reviewer pointed to the lab as a curious omission.';
    expect(coverage(['gap'], [], [said], index).ratio).toBeGreaterThan(0.5);
    expect(coverage(['flagged'], [], [said], index).ratio).toBeGreaterThan(0.5);
    expect(coverage(['gap'], [], ['A reviewer pointed to the lab.'], index).ratio).toBe(0);
  });
});

describe('words for a case made', () => {
  it("meets someone's argument or reasoning asked for with a statement of their view", () => {
    const said = "The move matches the founder's view that open models widen access.";
    expect(coverage(['argument'], [], [said], index).ratio).toBeGreaterThan(0.5);
    expect(coverage(['reasoning'], [], ['The move widens access.'], index).ratio).toBe(0);
  });
});

describe('a sum spent', () => {
  it('how much was spent is refused when no statement gives a sum spent or funded', () => {
    expect(answer('how much did Acme Robotics spend on its robot demo?', index).answered).toBe(false);
  });

  it('how much is spent is answered by the sum a statement says was funded', () => {
    const a = answer("how much does the alliance's membership spend on research in a year?", index);
    expect(a.answer).toContain('$5 billion');
  });
});

describe('words for figures', () => {
  it('meets a statistic asked for with a statement that gives an estimate', () => {
    expect(answer('that alliance stat — what are the raw numbers behind it', index).answer).toContain(
      '90,000 researchers',
    );
  });
});

describe('web addresses', () => {
  it("gives a body's website when nothing else is asked, and not when what is on it is asked", () => {
    expect(answer("whats the alliance's website", index).answer).toContain('https://alliance.example.org');
    expect(answer('alliance url?', index).answer).toContain('https://alliance.example.org');
    expect(answer('what goals does the alliance website list', index).answer).not.toContain('website is');
  });
});

describe('who reported it', () => {
  it('finds the headline of the longest publisher named, not of the organization the piece is about', () => {
    const r = answer("morning tech review's headline on lakeside university", index);
    expect(r.answer).toContain(
      '"Lakeside signs up for the open alliance" was published by Morning Tech Review in',
    );
  });

  it('reads "which outlet" as asking who reported it, not as a word the statement must hold', () => {
    const r = answer("which outlet called its members 'researchers' at the alliance", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('90,000 researchers (per Example News)');
  });

  it('names the publisher of the statement that answers "which outlet said …"', () => {
    expect(answer('which outlet said alliance members employ 90,000 researchers', index).answer).toContain(
      '(per Example News)',
    );
  });
});

describe('where the member read it', () => {
  it('reads a closing "per the … coverage" as where the member read it, not words to cover', () => {
    const r = answer('which universities are in the alliance per the local blog coverage', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Lakeside University');
  });
});

describe('words of saying', () => {
  it('reads a boast as saying: what a body bragged about is what it said', () => {
    expect(answer('the alliance brags about which open models its members created?', index).answer).toContain(
      'Pixel Diffusion',
    );
  });
});

describe('phrases the member quotes', () => {
  it('finds the statement of the named person holding a quoted phrase of short everyday words', () => {
    const r = answer("rita moss 'all of us' quote context?", index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('which labs would gain most');
  });
});

describe('honest refusals', () => {
  it("doesn't say a body has no analyst or reporter as if that were a role in it", () => {
    expect(answer('which analyst wrote about the ai alliance?', index).answer).not.toMatch(
      /do not name an? analyst/,
    );
  });

  it('refuses a plan to come (when will they release …) that only a profile of the name would meet', () => {
    expect(answer('when will stability labs release the model weights?', index).answered).toBe(false);
  });

  it('refuses "how much did a member pay to join" when no sum is said to be paid, even with a yes at hand', () => {
    expect(answer('how much did zen software pay to join the alliance', index).answered).toBe(false);
    expect(answer("what's the alliance's annual budget", index).answered).toBe(false);
  });

  it('refuses a price no statement puts a sum on, even when one speaks of cost', () => {
    expect(answer('what is the cost of a pai membership?', index).answered).toBe(false);
  });

  it('answers a price a statement gives a sum for', () => {
    expect(answer('how much did pixel diffusion cost to train?', index).answer).toContain('$600,000');
  });

  it('refuses a private detail asked in a second part that points back with "she"', () => {
    const r = answer('how old is rita moss, and where does she live', index);
    expect(r.answered).toBe(false);
  });

  it('does not read the words after an exact name as part of it', () => {
    const r = answer('will pixel diffusion beat gpt-5', index);
    expect(r.answered).toBe(false);
  });

  it('refuses a question that names nothing when one of its words is one the knowledge base never uses', () => {
    const r = answer('should i pledge to share my snacks', index);
    expect(r.answered).toBe(false);
  });
});

describe('reading names and quotes', () => {
  it('reads a one-word name with the possessive typed without its apostrophe', () => {
    const [mention] = linkEntities('acmes research director?', index);
    expect(mention?.surfaces.map((s) => s.record.id)).toEqual(['org-acme']);
  });

  it("reads an organization's rep as who spoke for it", () => {
    expect(answer("who was Lakeside University's rep at the launch", index).answer).toContain('Jane Roe');
  });

  it("answers what a named person said with their words only, not another speaker's", () => {
    expect(answer('what did Rita Moss say open research is', index).answer).not.toContain('team effort');
  });

  it('keeps a version number typed after a word as part of what is asked about', () => {
    const q = readQuestion('what does Rita Moss think about gpt-5');
    expect(readAsk(q, linkEntities(q.raw, index)).content).toContain('5');
  });

  it('finds the statement that holds a rare word the member quotes alone', () => {
    const r = answer("why did the alliance call it 'tooling'?", index);
    expect(r.answer).toContain('Safety Tooling');
    expect(r.answer).not.toContain('pledge to share');
  });

  it('refuses with what it knows of the record the member named, not of the one a route reached', () => {
    const q = readQuestion('what did Zen Software say about its revenue');
    const mentions = linkEntities(q.raw, index);
    const ctx = { index, q, ask: readAsk(q, mentions), mentions };
    // A route that reached a person whose statement names the company, as a quotes route may.
    const mia = index.kb.byId.get('person-mia') as KbRecord;
    const plan = judge(ctx, { subject: mia, lead: '', docs: [], confidence: 1, sure: true });
    expect(plan.kind === 'refuse' && plan.about?.id).toBe('org-zen');
  });

  it('keeps with a sentence the next one that goes on about the same thing', () => {
    expect(answer('what criticism has Acme Robotics faced over its demo', index).answer).toContain('Boxer');
  });
});

describe('a no for a membership', () => {
  it('names the dates of the later member lists it checked', () => {
    expect(answer('did nvidia sign up for the ai alliance afterwards?', index).answer).toContain(
      "the members added on February 8, 2024 don't include it",
    );
  });
});

describe('a role asked about now', () => {
  it('is declined when the records only date its holder to the past, naming who held it then', () => {
    const r = answer('who is the CEO of Acme Robotics today?', index);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('Dana Frost');
    expect(r.answer).toMatch(/can't tell who holds that role/);
  });

  it('stays declined when a statement shares a word of the ask ("after Dana")', () => {
    expect(answer("who is acme robotics' ceo now, after dana?", index).answered).toBe(false);
  });

  it('is answered when nothing asks about the present', () => {
    const r = answer('who was the CEO of Acme Robotics?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Dana Frost');
  });
});

describe("a body's aims in the member's word", () => {
  it('puts the statements that use the word asked for ("objectives") first, in the records\' order', () => {
    const lines = answer('what are the main objectives of the ai alliance?', index).answer.split('\n');
    expect(lines[0]).toContain('Objective 1: publish shared safety benchmarks');
    expect(lines[1]).toContain('Objective 2');
  });
});

describe('a gathering still to come', () => {
  it('is refused when no statement speaks of one to come, however the aims mention events', () => {
    expect(answer('when does the ai alliance hold its next summit?', index).answered).toBe(false);
  });

  it('is answered by a statement that tells of one to come', () => {
    expect(answer('where will the partnership on ai hold its next summit?', index).answer).toContain(
      'Lisbon',
    );
  });

  it('refuses a bare follow-up ("and when?") to a refused question too', () => {
    const r = answer('which city hosts the next ai alliance conference, and when?', index);
    expect(r.answered).toBe(false);
    expect(r.answer).not.toContain('December 5, 2023');
  });
});

describe('what the records cannot answer by its kind', () => {
  it('refuses a how-to for the member to follow that no statement holds in full', () => {
    expect(answer('how can we get compute from the partnership on ai research cloud?', index).answered).toBe(
      false,
    );
  });

  it("refuses to give the bot's own opinion, whichever part of the message asks for it", () => {
    expect(answer('in your opinion is the open letter right about secrecy?', index).answered).toBe(false);
    expect(answer('will the alliance last? honest opinion', index).answered).toBe(false);
  });

  it('refuses a sum someone put in when the records tell only a sum of another kind', () => {
    expect(answer('how much funding did IBM put into the alliance?', index).answered).toBe(false);
    expect(answer('how much funding have alliance members raised?', index).answered).toBe(false);
    expect(answer('how much research do alliance members fund?', index).answer).toContain('$5 billion');
  });

  it('refuses "how many" when the statement found holds no number but a date', () => {
    expect(answer("how many members signed the open letter's call on secrecy?", index).answered).toBe(false);
    expect(answer('how many people signed the open letter?', index).answer).toContain('More than 40');
  });

  it('reads no three-letter abbreviation into a longer word ("api" is not "april")', () => {
    expect(coverage(['api'], [], ['It was released in April 2024.'], index).ratio).toBe(0);
  });

  it('reads showing up at an event as attending it, and "ppl" as people', () => {
    expect(readQuestion('how many ppl showed up').words).toEqual(['how', 'many', 'people', 'attended']);
  });

  it('reads taking over a job as succeeding its holder', () => {
    expect(readQuestion('who took over the lab after she left').words).toContain('succeeded');
  });

  it('reads question words spelt as they sound in chat, and a market cap as a valuation', () => {
    expect(readQuestion('wen did it launch').words[0]).toBe('when');
    expect(readQuestion("whats meta's market cap").words).toContain('valuation');
  });
});

describe('someone who left', () => {
  it('is context in a question about who took over, their name no content a statement must cover', () => {
    expect(answer('who took over as ceo of acme robotics after dana frost left', index).answered).toBe(false);
  });

  it('is declined when asked what they do now and nothing since is recorded, saying what they left', () => {
    const r = answer('what is lee park doing now after leaving zen software?', index);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('left Zen Software');
    expect(answer('when did lee park leave zen software?', index).answer).toContain('January 2024');
  });

  it('is said to have left every role that ended the same day', () => {
    const r = answer('what was dana frost doing at acme robotics before she left?', index);
    expect(r.answer).toContain('Co-founder and CEO');
    expect(r.answer).toContain('Chair of the robot safety board');
  });
});

describe('what a thing can do', () => {
  it('is read as asking what it is, with its statements beside its profile', () => {
    const r = answer('what can pixel diffusion actually do', index);
    expect(r.answer).toContain('An open image model');
    expect(r.answer).toContain('Pixel Open License');
  });
});

describe('someone asked for at an organization', () => {
  it('is refused when the answer names organizations only', () => {
    expect(answer('who at IBM came up with the ai alliance idea?', index).answered).toBe(false);
  });

  it('is answered by a speaker written with their role', () => {
    expect(answer('who from lakeside university was quoted at the launch?', index).answer).toContain(
      'Jane Roe',
    );
  });
});

describe("someone's work before a body", () => {
  it('is refused when the records give them only their role there', () => {
    expect(answer('what did rita moss do before the partnership on ai?', index).answered).toBe(false);
  });

  it('is answered when their summary tells of earlier work', () => {
    expect(answer('what did mia chen do before zen software?', index).answer).toContain(
      'former deputy minister',
    );
  });
});

describe('someone asked for beside a person', () => {
  it('is refused when the answer names nobody but that person', () => {
    expect(answer('who led the partnership on ai with rita moss?', index).answered).toBe(false);
  });

  it('is answered by a statement that names another person', () => {
    expect(answer('who signed the open letter with rita moss?', index).answer).toContain('Dana Frost');
  });
});

describe('a piece a question points to', () => {
  it('reads a word for a piece right after a name as pointing to it, not content to cover', () => {
    const q = readQuestion('how does the daily byte article end');
    expect(readAsk(q, linkEntities(q.raw, index)).content).not.toContain('article');
  });
});

describe('a name only a member list holds', () => {
  it('"what does <it> do" is refused in words naming it, not answered with the list', () => {
    const r = answer("what does Bay College (one of the alliance's new members) actually do?", index);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('Bay College');
  });

  it('asked whether it is a member, the list still answers', () => {
    const r = answer('is Bay College in the alliance?', index);
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/^Yes/);
  });
});
