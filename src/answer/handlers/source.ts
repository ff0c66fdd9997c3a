import type { KbRecord, Source } from '../../knowledge/schema.js';
import { formatDate } from '../../text/dates.js';
import { normalize } from '../../text/normalize.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';

/** A quoted title in a question: at least three words between quotation marks. */
const QUOTED = /["'‘’“”]([^"‘’“”]{12,}?)["'‘’“”](?=\W|$)/g;

/** The source whose title a question quotes ("who published 'IBM, Meta form AI Alliance…'"), if any. */
export function quotedSource(ctx: Ctx): Source | undefined {
  const spans = [...ctx.q.raw.matchAll(QUOTED)]
    .map((m) => normalize(m[1] ?? ''))
    .filter((s) => s.split(' ').length >= 3);
  if (!spans.length) return undefined;
  let best: { source: Source; overlap: number } | undefined;
  for (const source of ctx.index.kb.sources.values()) {
    const title = normalize(source.title);
    for (const span of spans) {
      const overlap = title.includes(span) || span.includes(title) ? 1 : wordOverlap(span, title);
      if (overlap >= MIN_OVERLAP && (!best || overlap > best.overlap)) best = { source, overlap };
    }
  }
  return best?.source;
}

/** Share of the quoted words the title has, so a misremembered word or two still finds it. */
function wordOverlap(span: string, title: string): number {
  const words = span.split(' ');
  const have = new Set(title.split(' '));
  return words.filter((w) => have.has(w)).length / words.length;
}

const MIN_OVERLAP = 0.75;

/** Who published a source, and when: the answer to a question that quotes its title. */
export function sourceAnswer(ctx: Ctx, source: Source): Draft | undefined {
  const subject = citing(ctx, source.id);
  if (!subject) return undefined;
  const date = /^\d{4}(-\d{2}){0,2}$/.test(source.date) ? ` on ${formatDate(source.date)}` : '';
  return {
    subject,
    lead: `"${source.title}" was published by ${source.publisher}${date}.`,
    leadSources: [source.id],
    docs: [],
    confidence: 0.9,
    sure: true,
    complete: true,
  };
}

/** A record that cites the source: one the question names first, else any. */
function citing(ctx: Ctx, id: string): KbRecord | undefined {
  const named = ctx.mentions.flatMap((m) => m.surfaces.map((s) => s.record));
  const cites = (r: KbRecord) => r.sources.includes(id) || r.facts.some((f) => f.sources.includes(id));
  return named.find(cites) ?? ctx.index.kb.records.find(cites);
}
