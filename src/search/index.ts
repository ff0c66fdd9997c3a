import type { KnowledgeBase } from '../knowledge/model.js';
import { runSliced, runToEnd } from '../steps.js';
import { graphSteps, type KnowledgeGraph } from './graph.js';
import { type NameIndex, nameSteps } from './names.js';
import { type StatementIndex, statementSteps } from './statements.js';

export type { KnowledgeGraph, Membership, Staffing } from './graph.js';
export { deletions, type NameIndex, type Surface } from './names.js';
export { type FactDoc, indexTerms, type StatementIndex, stem, stemRoot } from './statements.js';

/**
 * Everything the answer engine, the presenters and autocomplete need: the knowledge graph, the name index and the
 * statement index together, built once per knowledge base load (`buildIndex`), never per query. Each part can be
 * asked for on its own by code that needs only that job.
 */
export type SearchIndex = KnowledgeGraph & NameIndex & StatementIndex;

/** Builds the search index for a knowledge base. Pure: the same knowledge base gives the same index. */
export function buildIndex(kb: KnowledgeBase): SearchIndex {
  return runToEnd(buildSteps(kb));
}

/**
 * The same index as {@link buildIndex}, built in slices of about `sliceMs` of work with the event loop free in
 * between, so a reload never stalls the answers being served meanwhile.
 */
export function buildIndexAsync(kb: KnowledgeBase, sliceMs = 8): Promise<SearchIndex> {
  return runSliced(buildSteps(kb), sliceMs);
}

function* buildSteps(kb: KnowledgeBase): Generator<void, SearchIndex> {
  const names = yield* nameSteps(kb);
  yield;
  const graph = yield* graphSteps(kb);
  yield;
  const statements = yield* statementSteps(kb);
  return { ...graph, ...names, ...statements };
}
