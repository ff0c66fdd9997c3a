import { type Answer, type AnswerSource, answer } from '../answer/answer.js';
import { truncate } from '../answer/compose.js';
import type { KbRecord } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';

function sourcesOf(ids: readonly string[], index: SearchIndex): AnswerSource[] {
  const out: AnswerSource[] = [];
  for (const id of ids) {
    const s = index.kb.sources.get(id);
    if (s && !out.some((x) => x.id === id))
      out.push({ id, title: s.title, url: s.url.match(/https?:\/\/[^\s;,]+/)?.[0] ?? null });
  }
  return out.slice(0, 5);
}

/**
 * The answer about one record the user picked (from "Did you mean…?"). Asks the answer engine about the record's
 * name and keeps the result only if it is about that very record; otherwise answers from the record's summary.
 */
export function answerAbout(record: KbRecord, index: SearchIndex): Answer {
  for (const question of [record.name, `what is ${record.name}`]) {
    const result = answer(question, index);
    if (result.answered && result.subject?.id === record.id) return { ...result, suggestions: [] };
  }
  const description = record.kind === 'organization' && record.description ? ` ${record.description}` : '';
  return {
    answered: true,
    answer: truncate(`${record.summary}${description}`, 1500),
    confidence: 1,
    subject: { id: record.id, name: record.name, kind: record.kind },
    sources: sourcesOf(record.sources, index),
    suggestions: [],
  };
}
