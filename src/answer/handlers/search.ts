import type { KbRecord } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { usesWord } from '../coverage.js';
import { visibleTo } from './shared.js';

/** The best lexical matches over the whole knowledge base, for questions that name no record. */
export function globalSearch(ctx: Ctx): Draft | undefined {
  const { index } = ctx;
  const terms = ctx.q.terms;
  if (terms.length === 0) return undefined;
  const results = index.facts
    .search(terms.join(' '), (t) => (t.length > 6 ? 0.2 : false), 20)
    .filter((r) => visibleTo(ctx, index.factDocs[r.id] as FactDoc));
  const top = results[0];
  if (!top) return undefined;
  // Honesty guard: one shared word ("capital", "cost") is not enough to claim the knowledge base knows.
  if (top.terms < 2 || top.terms / terms.length < 0.5) return undefined;
  // …nor is a question with a word the knowledge base never uses ("a name for my cat"): with no name linked,
  // the words are all the evidence there is.
  if (ctx.ask.content.some((w) => !usesWord(index, w))) return undefined;
  const doc = index.factDocs[top.id] as FactDoc;
  const record = index.kb.byId.get(doc.recordId);
  if (!record) return undefined;
  const docs = results
    .slice(0, 3)
    .map((r) => index.factDocs[r.id] as FactDoc)
    .filter((d) => d.recordId === doc.recordId);
  const alternatives = results
    .slice(0, 20)
    .map((r) => index.kb.byId.get((index.factDocs[r.id] as FactDoc).recordId))
    .filter((r): r is KbRecord => r !== undefined);
  return { subject: record, lead: '', docs, confidence: 0.45, alternatives };
}
