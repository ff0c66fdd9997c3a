import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Answer, answer } from '../answer/answer.js';
import { CONFIDENT } from '../present/answer-embed.js';
import type { SearchIndex } from '../search/index.js';
import type { FeedbackLog } from '../storage/feedback-log.js';
import type { MissGroup } from '../storage/misses.js';

/** Days of misses a reload checks against the new knowledge. */
export const LOOP_DAYS = 14;

/** Distinct recent misses a reload re-asks at most (the most missed first); each costs two answers. */
const LOOP_LIMIT = 500;

/** What a reload did for recent misses: how many distinct ones were checked and which are now answered. */
export type NowAnsweredSummary =
  | { state: 'checked'; checked: number; days: number; answered: { question: string; subject: string }[] }
  | { state: 'unavailable' };

// Answering is synchronous: a reload checking many misses yields between slices so replies keep flowing.
const SLICE = 25;

const confident = (a: Answer) => a.answered && a.confidence >= CONFIDENT;

/**
 * The misses the new knowledge base now answers confidently where the old one did not (refused or unsure), or
 * now answers differently (a 👎'd answer that changed). A miss the old index already answered the same way,
 * say one fixed by an earlier reload, is not counted again.
 */
export async function nowAnswered(
  misses: readonly MissGroup[],
  before: SearchIndex,
  after: SearchIndex,
): Promise<{ question: string; subject: string }[]> {
  const out: { question: string; subject: string }[] = [];
  if (before === after) return out;
  for (const [i, miss] of misses.entries()) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    const now = answer(miss.question, after);
    if (!confident(now)) continue;
    const then = answer(miss.question, before);
    if (confident(then) && then.answer === now.answer && then.subject?.id === now.subject?.id) continue;
    out.push({ question: miss.question, subject: now.subject?.name ?? '' });
  }
  return out;
}

/**
 * After a reload: which of the server's distinct misses of the last {@link LOOP_DAYS} days the new index
 * answers. `undefined` when feedback is off or outside a server (nothing to report).
 */
export async function recentMissesNowAnswered(
  feedback: FeedbackLog,
  guildId: string | null,
  before: SearchIndex,
  after: SearchIndex,
): Promise<NowAnsweredSummary | undefined> {
  if (feedback.status.state === 'off' || !guildId) return undefined;
  const misses = await feedback.misses({ guildId, days: LOOP_DAYS, limit: LOOP_LIMIT });
  if (!misses) return { state: 'unavailable' };
  const answered = await nowAnswered(misses, before, after);
  return { state: 'checked', checked: misses.length, days: LOOP_DAYS, answered };
}
