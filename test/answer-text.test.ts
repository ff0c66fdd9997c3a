import { describe, expect, it } from 'vitest';
import { answer } from '../src/answer/answer.js';
import { listEvalFiles, readEvalSet } from '../src/eval/sets.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { garbledAliases } from '../src/knowledge/model.js';
import { buildIndex } from '../src/search/index.js';
import { normalize } from '../src/text/normalize.js';
import { memberTextProblems } from './support/member-text.js';

/** An /ask answer is short unless the member asked for a list. */
const ANSWER_BUDGET = 700;
/**
 * A message that holds a second question ("…, and who leads it?", "…, and on what grounds?", "<name> launch date
 * and its CEO") may use a second budget.
 */
const TWO_QUESTIONS =
  /\?\s*\S|(?:[,;]|\s(?:and|also|plus|\+))\s*(?:and\s+)?(?:(?:roughly|approximately|about|so|then|on|in|for|by|from|with)\s+)?(?:when|who|whos|what|whats|how|why|where|which|is|are|was|were|did|does|do|has|have|can)\b|\sand\s+(?:its|their|his|her)\s/i;
/** Plural topics ask for several items: "the criticisms", "its goals", "the projects". */
const PLURAL_TOPIC =
  /\b(?:criticisms|concerns|drawbacks|downsides|problems|risks|goals|objectives|aims|projects|efforts|priorities|activities|plans)\b/i;
/** Words that ask for a list (members, all of them, which ones…), where a longer answer is expected. */
const LIST_ASK = /\b(?:list|lists|all|every|members?|which|who (?:are|were)|names?|joined)\b/i;
/** "What tools is it building", "what open models does it back": a plural asked for, as "which" asks. */
const WHAT_PLURAL =
  /\b(?:what|whats|what's)\s+(?:\w+\s+)?\w{3,}s\s+(?:is|are|was|were|does|do|did|has|have|will|would|can)\b/i;

const kb = await loadKnowledge('knowledge');
const index = buildIndex(kb);
const ids = new Set([...kb.sources.keys(), ...kb.byId.keys()]);
const garbled = kb.records.flatMap(garbledAliases).map(normalize);
const sets = await Promise.all((await listEvalFiles('eval')).map(readEvalSet));

/**
 * Every question of every eval set (the unseen ones included) gets an answer a member can trust at a glance: no
 * internal source id, no editors' note, no sentence twice, no word cut, and at most 700 characters unless the
 * question asks for a list. Its cited source titles must be clean too.
 */
describe.each(sets.map((s) => [s.name, s] as const))(
  'answers to the %s questions read clean',
  (_name, set) => {
    const questions = [...set.data.questions, ...set.data.out_of_scope];
    it.each(questions.map((q) => [q.id, q.question] as const))('%s', (_id, question) => {
      const result = answer(question, index);
      const typedGarble = garbled.some((g) => ` ${normalize(question)} `.includes(` ${g} `));
      const problems = memberTextProblems(result.answer, {
        ids,
        garbled: typedGarble,
        ...(LIST_ASK.test(question) || PLURAL_TOPIC.test(question) || WHAT_PLURAL.test(question)
          ? {}
          : { maxChars: TWO_QUESTIONS.test(question) ? 2 * ANSWER_BUDGET : ANSWER_BUDGET }),
      });
      for (const s of result.sources)
        problems.push(...memberTextProblems(s.title, { ids }).map((p) => `source: ${p}`));
      expect(problems).toEqual([]);
    });
  },
);
