import { z } from 'zod';
import type { Answer } from '../answer/answer.js';
import { MAX_ANSWER_CHARS } from '../answer/compose.js';

/** The shape of an evaluation file such as `eval/dev.yaml`. */
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

/** Answers at or above this confidence are "confident": a wrong one is the worst kind of miss. */
export const CONFIDENT = 0.8;

/** One row of a reliability table: the answers whose confidence falls in `[low, high)`. */
export interface ReliabilityBand {
  low: number;
  high: number;
  count: number;
  right: number;
}

/** The figures `npm run eval` prints for one question set. */
export interface SetSummary {
  inScope: number;
  inScopeRight: number;
  outOfScope: number;
  refused: number;
  /** Scored questions that went wrong although the answer's confidence was at least {@link CONFIDENT}. */
  confidentWrong: number;
  bands: ReliabilityBand[];
}

const BAND_EDGES = [0, 0.2, 0.4, 0.6, 0.8, 1.000001];

/** Adds up scored questions into the set's line and its reliability table (confidence band → share right). */
export function summarize(results: readonly EvalResult[]): SetSummary {
  const inScope = results.filter((r) => !r.outOfScope);
  const outOfScope = results.filter((r) => r.outOfScope);
  const bands = BAND_EDGES.slice(0, -1).map((low, i) => {
    const high = BAND_EDGES[i + 1] as number;
    const inBand = results.filter((r) => r.answer.confidence >= low && r.answer.confidence < high);
    return { low, high: Math.min(1, high), count: inBand.length, right: inBand.filter((r) => r.ok).length };
  });
  return {
    inScope: inScope.length,
    inScopeRight: inScope.filter((r) => r.ok).length,
    outOfScope: outOfScope.length,
    refused: outOfScope.filter((r) => r.ok).length,
    confidentWrong: results.filter((r) => !r.ok && r.answer.confidence >= CONFIDENT).length,
    bands,
  };
}
