import type { KbRecord } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import type { Draft } from './compose.js';
import type { Ctx } from './context.js';
import { coverage } from './coverage.js';
import { ASK_RULES } from './rules.js';

/** The words of a question that ask for a detail (see the `detail` rule): "age", "born", "revenue". */
const DETAIL_WORDS: ReadonlySet<string> = new Set(
  (ASK_RULES.find((r) => r.ask === 'detail')?.cues ?? [])
    .flatMap((c) => c.split(' '))
    .filter((w) => w.length > 2 && w !== 'how'),
);

/** "How much did it pay / charge": a sum asked for with a verb of money rather than a detail word. */
export function asksSum(q: Ctx['q']): boolean {
  return HOW_MUCH.test(q.norm) && q.words.some((w) => SUM_VERBS.has(w));
}

const HOW_MUCH = /\bhow much\b/;

/** Some statement of the named records (or the route's answer) speaks of the detail asked ("Toronto-based"). */
export function detailCovered(ctx: Ctx, draft: Draft | undefined, records: readonly KbRecord[]): boolean {
  // "How much did it pay to join?" asks for a sum as "what did it cost" does; "who pays for it" does not.
  const sum = HOW_MUCH.test(ctx.q.norm);
  const words = ctx.q.words.filter((w) => DETAIL_WORDS.has(w) || (sum && SUM_VERBS.has(w)));
  if (!words.length) return true;
  const docs = records.flatMap((r) =>
    (ctx.index.docsByRecord.get(r.id) ?? []).filter((d) => d.recordId === r.id),
  );
  const texts = draft ? [draft.lead, ...draft.docs.map((d) => d.text)] : [];
  const summaries = records.map((r) => `${r.summary} ${'description' in r ? (r.description ?? '') : ''}`);
  // Every detail word must be spoken of: "low-cost" doesn't tell a membership fee. What statements say, not how
  // members ask for them: a phrasing that mentions revenue is no revenue figure.
  const said = docs.map((d) => `${d.text} ${d.quote ?? ''}`);
  const all = [...said, ...texts, ...summaries];
  // A sum asked for ("how much does it cost", "a fee") is told only by a text with an amount in it: "a low-cost
  // platform" speaks of cost, but names none.
  const amounts = all.filter((t) => AMOUNT.test(t));
  // What was paid or charged is told by a sum beside that verb: R&D funding is no fee someone paid.
  const paid = amounts.map((t) => ` ${normalize(t)} `);
  return words.every((w) =>
    SUM_VERBS.has(w)
      ? paid.some((t) => [...SUM_VERBS].some((f) => t.includes(` ${f} `)))
      : coverage([w], [], MONEY_WORDS.has(w) ? amounts : all, ctx.index).missing.length === 0,
  );
}

/** Detail words that ask for a sum of money. */
const MONEY_WORDS: ReadonlySet<string> = new Set(
  'price prices cost costs fee fees revenue revenues profit profits valuation salary budget budgets'.split(
    ' ',
  ),
);

/** Verbs of money that, after "how much", ask for a sum — and that a text telling the sum paid uses. */
const SUM_VERBS: ReadonlySet<string> = new Set(
  'pay pays paid paying charge charges charged charging'.split(' '),
);

/** A sum of money in a text: "$80 billion", "€5", "10 million dollars". */
const AMOUNT = /[$€£¥]\s?\d|\d[\d,.]*\s?(?:million|billion|thousand|dollars|euros|usd)\b/i;

/** Gatherings a body may hold: asked about as coming ("the next summit"), they are dated events to come. */
const EVENT_NOUNS = new Set(
  'summit summits conference conferences meetup meetups event events hackathon hackathons keynote workshop workshops webinar webinars gathering convention expo'.split(
    ' ',
  ),
);

const COMING = new Set(['next', 'upcoming']);

/** Words with which a statement tells of something to come ("plans to hold", "will host"). */
const TO_COME = /\b(?:will|plans?|planned|scheduled|upcoming|next)\b/;

/**
 * "When is the next summit?", "who hosts the annual conference next year?": a gathering still to come is told
 * only by a named record's statement that speaks of that kind of gathering as something to come. Past events
 * ("on the day of the AI Safety Summit") or aims to hold events say nothing of the next one.
 */
export function comingEventUntold(ctx: Ctx, records: readonly KbRecord[]): boolean {
  const { words } = ctx.q;
  const events = words.filter((w) => EVENT_NOUNS.has(w));
  if (!events.length || !words.some((w) => COMING.has(w))) return false;
  const docs = records.flatMap((r) => ctx.index.docsByRecord.get(r.id) ?? []);
  return !docs.some((d) => {
    const text = normalize(d.text);
    return TO_COME.test(text) && events.some((e) => coverage([e], [], [d.text], ctx.index).ratio >= 1);
  });
}
