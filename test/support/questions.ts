import { answer } from '../../src/answer/answer.js';
import type { SearchIndex } from '../../src/search/index.js';

/**
 * A question the answer engine answers with low confidence and alternatives. Searched for, not hard-coded, so
 * edits to the knowledge base don't silently turn a test of the unsure path into a test of the confident one.
 */
export function unsureQuestion(index: SearchIndex): string {
  const isUnsure = (q: string) => {
    const a = answer(q, index);
    return a.answered && a.confidence < 0.6 && a.suggestions.length > 0;
  };
  const known = ['meta open model', 'partnership ai', 'llama index', 'langchain'];
  const found = known.find(isUnsure);
  if (found) return found;
  for (const key of index.surfaces.keys()) {
    const words = key.split(' ');
    for (const q of [key, words.slice(0, -1).join(' '), words.slice(1).join(' ')])
      if (q && isUnsure(q)) return q;
  }
  throw new Error('No question in the knowledge base yields a low-confidence answer with suggestions');
}
