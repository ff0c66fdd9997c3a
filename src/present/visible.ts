import type { Fact } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';

/**
 * Whether a fact may be shown to a member. A correction of a garbled spelling (a fact with `spellings`) is for
 * whoever used that spelling only: to everyone else it would be noise about a typo they never saw.
 */
export function showsFact(fact: Pick<Fact, 'spellings'>, typed: string | undefined): boolean {
  if (!fact.spellings) return true;
  const key = typed ? normalize(typed) : '';
  return key !== '' && fact.spellings.some((s) => normalize(s) === key);
}
