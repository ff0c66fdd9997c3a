import type { KbRecord } from '../../knowledge/schema.js';
import type { Mention } from '../../search/link.js';
import { shortName } from '../../search/render.js';
import { formatDate } from '../../text/dates.js';
import { normalize } from '../../text/normalize.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { foundersOf, joinList, rankDocs } from './shared.js';

/** One record per mention, preferring initiatives: the bodies a comparison is between. */
export function distinctBodies(mentions: readonly Mention[]): KbRecord[] {
  const out: KbRecord[] = [];
  for (const m of mentions) {
    const r = m.surfaces.find((s) => s.record.kind === 'initiative')?.record ?? m.surfaces[0]?.record;
    if (r && !out.some((o) => o.id === r.id)) out.push(r);
  }
  return out;
}

export function compare(ctx: Ctx, bodies: readonly KbRecord[], score: number): Draft {
  const a = bodies[0] as KbRecord;
  // Each body in a line (its summary, launch and founders when the summary lacks them)…
  const describe = (r: KbRecord) => {
    if (r.kind === 'initiative') {
      const founders = foundersOf(ctx, r);
      const when = r.launched ? formatDate(r.launched.date) : undefined;
      const summary = normalize(r.summary);
      const launch =
        when && !summary.includes(normalize(when).split(' ').at(-1) ?? '') ? ` Launched ${when}.` : '';
      const by =
        founders.length && !founders.every((f) => summary.includes(normalize(f)))
          ? ` Founders: ${joinList(founders)}.`
          : '';
      return `${r.name}: ${r.summary}${launch}${by}`;
    }
    return `${r.name}: ${r.summary}`;
  };
  const lead = bodies.map(describe).join('\n');
  // …then the statements that set them side by side: each names another body of the comparison.
  const names = bodies.map((r) => [r.id, normalize(shortName(r))] as const);
  const docs = rankDocs(
    ctx,
    bodies.map((r) => r.id),
    { topics: ['comparison'], limit: 6 },
  )
    .filter(
      (d) =>
        d.topic !== 'summary' &&
        names.some(
          ([id, name]) => id !== d.recordId && (d.about.includes(id) || normalize(d.text).includes(name)),
        ),
    )
    .slice(0, 3);
  return {
    subject: a,
    lead,
    leadSources: bodies.flatMap((r) => r.sources),
    docs,
    confidence: score,
  };
}
