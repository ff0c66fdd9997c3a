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
  const [a, b] = bodies as [KbRecord, KbRecord];
  const describe = (r: KbRecord) => {
    if (r.kind === 'initiative') {
      const founders = foundersOf(ctx, r);
      const when = r.launched ? formatDate(r.launched.date) : undefined;
      return `${r.name}: ${r.summary}${when && !r.summary.includes(when) ? ` Launched ${when}.` : ''}${founders.length && !founders.every((f) => r.summary.includes(f)) ? ` Founders: ${joinList(founders)}.` : ''}`;
    }
    return `${r.name}: ${r.summary}`;
  };
  const lead = bodies.map(describe).join('\n');
  const docs = rankDocs(
    ctx,
    bodies.map((r) => r.id),
    { topics: ['comparison'], limit: 3 },
  ).filter(
    (d) =>
      d.topic !== 'summary' &&
      (d.topic === 'comparison' ||
        d.about.length > 0 ||
        normalize(d.text).includes(normalize(shortName(a.id === d.recordId ? b : a)))),
  );
  return {
    subject: a,
    lead,
    leadSources: bodies.flatMap((r) => r.sources),
    docs,
    confidence: score,
    list: true,
  };
}
