import { z } from 'zod';
import type { Answer } from '../answer/answer.js';
import { MAX_ANSWER_CHARS } from '../answer/compose.js';

/** The shape of an evaluation file such as `../shared/eval/questions.dev.yaml`. */
export const EvalFile = z.object({
  questions: z
    .array(z.object({ id: z.string(), question: z.string(), must_contain: z.array(z.string()).default([]) }))
    .default([]),
  out_of_scope: z.array(z.object({ id: z.string(), question: z.string() })).default([]),
});
export type EvalFile = z.infer<typeof EvalFile>;

/** One scored question. */
export interface EvalResult {
  id: string;
  question: string;
  ok: boolean;
  outOfScope: boolean;
  /** Why it failed: missing strings, too long, not answered, or answered when it should refuse. */
  problems: string[];
  answer: Answer;
}

/**
 * Scores one answer by the eval rules: an in-scope question counts when it is answered, at most 1500 characters,
 * and contains every `must_contain` string (case-insensitive); an out-of-scope one counts when it is refused.
 */
export function scoreAnswer(
  item: { id: string; question: string; must_contain?: string[] },
  outOfScope: boolean,
  result: Answer,
): EvalResult {
  const problems: string[] = [];
  if (outOfScope) {
    if (result.answered) problems.push('answered an out-of-scope question');
  } else {
    if (!result.answered) problems.push('not answered');
    if (result.answer.length > MAX_ANSWER_CHARS)
      problems.push(`answer is ${result.answer.length} characters`);
    const text = result.answer.toLowerCase();
    const missing = (item.must_contain ?? []).filter((s) => !text.includes(s.toLowerCase()));
    if (missing.length) problems.push(`missing ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
  }
  return {
    id: item.id,
    question: item.question,
    ok: problems.length === 0,
    outOfScope,
    problems,
    answer: result,
  };
}
