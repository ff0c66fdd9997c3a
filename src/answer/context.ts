import type { SearchIndex } from '../search/index.js';
import type { Mention } from '../search/link.js';
import type { Ask } from './ask.js';
import type { Question } from './question.js';

/** What every handler reads: the index, the question as read once, its ask and the names it mentions. */
export interface Ctx {
  index: SearchIndex;
  q: Question;
  ask: Ask;
  mentions: readonly Mention[];
  /** The share of the reply's length this answer may use (a part of a two-part question gets half). */
  share?: number;
}
