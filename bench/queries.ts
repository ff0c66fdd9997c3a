/**
 * A seeded, mixed stream of what people send the bot, built from the records of a knowledge base: names with
 * typos, name prefixes, membership / founder / "what is" / launch / role questions, misspelled names, questions
 * that name no record, and questions the knowledge base can't answer. Autocomplete inputs are partial names as
 * someone types them (a third with a typo). The same knowledge base and seed always give the same stream.
 */
import type { KnowledgeBase } from '../src/knowledge/model.js';
import type { KbRecord } from '../src/knowledge/schema.js';
import type { SuggestKind } from '../src/search/suggest.js';
import { namesOf, Rng } from './generate.js';

/** One /ask question and the template it came from. */
export interface AskQuery {
  kind: string;
  text: string;
}

/** One autocomplete request. */
export interface SuggestQuery {
  input: string;
  kind: SuggestKind;
}

const OUT_OF_SCOPE = [
  "what's the capital of France?",
  'best pizza recipe with sourdough',
  'how can I change my discord login',
  'what will the weather be tomorrow',
  'who won the world cup in 2018',
  'suggest a fantasy book to read',
  'calories in one banana, roughly',
  'what is the meaning of life',
  'compose a short verse about dogs',
  'will tokyo get rain this weekend',
  'what time is it in new york',
  'how do I cook rice without a rice cooker',
];

const TOPIC_QUESTIONS = [
  'which alliance works on safety evaluation and open datasets',
  'who is building shared infrastructure for open models',
  'which groups publish common safety benchmarks',
  'anyone working on climate modelling with open weights?',
  'what initiatives cover red teaming and trust and safety',
  'who funds research on drug discovery',
];

/** One plausible typo in a word of five letters or more: a swap, a dropped, doubled or wrong letter. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
  if (candidates.length === 0) return text;
  const [w, at] = rng.pick(candidates);
  const i = rng.int(1, w.length - 2);
  let out: string;
  switch (rng.int(0, 3)) {
    case 0:
      out = w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2);
      break;
    case 1:
      out = w.slice(0, i) + w.slice(i + 1);
      break;
    case 2:
      out = w.slice(0, i) + (w[i] ?? '') + w.slice(i);
      break;
    default:
      out = w.slice(0, i) + rng.pick([...'aeioulnrst'].filter((c) => c !== w[i])) + w.slice(i + 1);
  }
  words[at] = out;
  return words.join(' ');
}

const casual = (s: string, rng: Rng) => (rng.chance(0.5) ? s.toLowerCase() : s);

/** `count` /ask questions and `count` autocomplete inputs for `kb`, from `seed`. */
export function makeQueries(
  kb: KnowledgeBase,
  count: number,
  seed: number,
): { ask: AskQuery[]; suggest: SuggestQuery[] } {
  const rng = new Rng(seed);
  const of = (kind: KbRecord['kind']) => kb.records.filter((r) => r.kind === kind);
  const initiatives = of('initiative');
  const orgs = of('organization');
  const people = of('person');
  const projects = of('project');
  const any = kb.records;
  const name = (r: KbRecord) => (rng.chance(0.8) ? r.name : rng.pick(namesOf(r)));
  const maybeTypo = (s: string, p: number) => (rng.chance(p) ? typo(s, rng) : s);

  const templates: [number, string, () => string][] = [
    [8, 'name', () => casual(name(rng.pick(any)), rng)],
    [8, 'typo-name', () => typo(casual(rng.pick(any).name, rng), rng)],
    [4, 'prefix', () => rng.pick(any).name.slice(0, rng.int(4, 12))],
    [
      12,
      'is-member',
      () =>
        casual(
          rng.pick([
            `is ${maybeTypo(name(rng.pick(orgs)), 0.3)} in the ${name(rng.pick(initiatives))}?`,
            `did ${name(rng.pick(orgs))} join the ${maybeTypo(rng.pick(initiatives).name, 0.3)}`,
            `is ${name(rng.pick(orgs))} a member of ${name(rng.pick(initiatives))}`,
            `${name(rng.pick(orgs))} ${name(rng.pick(initiatives))}?`,
          ]),
          rng,
        ),
    ],
    [
      8,
      'founders',
      () =>
        casual(
          rng.pick([
            `who founded the ${maybeTypo(name(rng.pick(initiatives)), 0.3)}?`,
            `who started ${name(rng.pick(initiatives))}`,
          ]),
          rng,
        ),
    ],
    [
      10,
      'what-is',
      () =>
        casual(
          rng.pick([
            `what is ${maybeTypo(name(rng.pick(any)), 0.3)}?`,
            `tell me about ${maybeTypo(name(rng.pick(any)), 0.3)}`,
            `whats the ${name(rng.pick(initiatives))}??`,
          ]),
          rng,
        ),
    ],
    [
      8,
      'when',
      () =>
        casual(
          rng.pick([
            `when did the ${maybeTypo(name(rng.pick(initiatives)), 0.3)} launch?`,
            `when was ${name(rng.pick(projects))} released`,
          ]),
          rng,
        ),
    ],
    [
      8,
      'who',
      () =>
        casual(
          rng.pick([
            `who is ${maybeTypo(name(rng.pick(people)), 0.3)}`,
            `who is the ceo of ${name(rng.pick(orgs))}`,
            `who makes ${name(rng.pick(projects))}?`,
            `is ${rng.pick(people).name} still at ${rng.pick(orgs).name}?`,
          ]),
          rng,
        ),
    ],
    [
      8,
      'topic',
      () =>
        casual(
          rng.pick([
            `what are the criticisms of the ${name(rng.pick(initiatives))}`,
            `${name(rng.pick(initiatives))} members list`,
            `what is the purpose of the ${maybeTypo(name(rng.pick(initiatives)), 0.3)}`,
            `how is the ${name(rng.pick(initiatives))} governed, is there a board?`,
            `${rng.pick(initiatives).name} vs ${rng.pick(initiatives).name}`,
          ]),
          rng,
        ),
    ],
    [4, 'no-name', () => rng.pick(TOPIC_QUESTIONS)],
    [8, 'out-of-scope', () => rng.pick(OUT_OF_SCOPE)],
  ];
  const total = templates.reduce((s, [w]) => s + w, 0);
  const ask: AskQuery[] = [];
  for (let i = 0; i < count; i++) {
    let roll = rng.next() * total;
    for (const [w, kind, make] of templates) {
      roll -= w;
      if (roll < 0) {
        ask.push({ kind, text: make() });
        break;
      }
    }
  }

  const suggestQueries: SuggestQuery[] = [];
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.04)) {
      suggestQueries.push({ input: '', kind: rng.pick(['initiative', 'entity'] as const) });
      continue;
    }
    const r = rng.pick(any);
    const kind: SuggestKind =
      r.kind === 'initiative'
        ? 'initiative'
        : r.kind === 'organization' || r.kind === 'person'
          ? 'entity'
          : 'any';
    const full = casual(name(r), rng);
    let input = full.slice(0, Math.min(full.length, rng.int(1, 14)));
    if (input.length >= 5 && rng.chance(0.33)) input = typo(input, rng);
    suggestQueries.push({ input, kind });
  }
  return { ask, suggest: suggestQueries };
}
