import type { KbRecord } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import { LOCATION_WORDS, PLACE_WORDS } from '../text/vocabulary.js';
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
  return HOW_MUCH.test(q.norm) && sumVerbs(q.words).length > 0;
}

/** The question's verbs of money: "put together" combines, it puts nothing in. */
function sumVerbs(words: readonly string[]): string[] {
  return words.filter((w, i) => SUM_VERBS.has(w) && words[i + 1] !== 'together');
}

const HOW_MUCH = /\bhow much\b/;

/** Some statement of the named records (or the route's answer) speaks of the detail asked ("Toronto-based"). */
export function detailCovered(ctx: Ctx, draft: Draft | undefined, records: readonly KbRecord[]): boolean {
  // "How much did it pay to join?" asks for a sum as "what did it cost" does; "who pays for it" does not.
  const sum = HOW_MUCH.test(ctx.q.norm);
  const verbs = sum ? sumVerbs(ctx.q.words) : [];
  const words = ctx.q.words.filter((w) => DETAIL_WORDS.has(w) || verbs.includes(w));
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
  // Where an organization is based is told by the country its own description places it in ("a Swiss
  // university"); nothing else the records say of it does.
  const placed = records.some(
    (r) =>
      r.kind === 'organization' &&
      normalize(`${r.summary} ${r.description ?? ''}`)
        .split(' ')
        .some((w) => PLACE_WORDS.has(w)),
  );
  return words.every(
    (w) =>
      (LOCATION_WORDS.has(w) && placed) ||
      (SUM_VERBS.has(w)
        ? paid.some((t) => toldWith(w).some((f) => t.includes(` ${f} `)))
        : coverage([w], [], MONEY_WORDS.has(w) ? amounts : all, ctx.index).missing.length === 0),
  );
}

/** Detail words that ask for a sum of money. */
const MONEY_WORDS: ReadonlySet<string> = new Set(
  'price prices cost costs fee fees revenue revenues profit profits valuation salary budget budgets'.split(
    ' ',
  ),
);

/**
 * Verbs of money that, after "how much", ask for a sum paid or given ("how much did IBM put into it") — each with
 * the verbs a text telling that sum uses: a fee is paid or charged; what is put in is given, committed, pledged.
 */
const SUM_VERB_FAMILIES: readonly (readonly [asked: string, told: string])[] = [
  [
    'pay pays paid paying charge charges charged charging',
    'pay pays paid paying charge charges charged charging',
  ],
  [
    'put invest invested contribute contributed give gave donate donated',
    'put invested contributed gave given donated committed commits pledged pledges',
  ],
  // "How much has Sakana raised": a sum raised, not an R&D total.
  ['raise raised raising', 'raise raised raises raising'],
  // "How much did it spend on data centers": a sum spent, told beside spending or funding.
  ['spend spends spent spending', 'spend spends spent spending fund funds funded funding'],
];

const SUM_VERBS: ReadonlySet<string> = new Set(SUM_VERB_FAMILIES.flatMap(([asked]) => asked.split(' ')));

/** The verbs a text telling the sum that `verb` asks for uses. */
function toldWith(verb: string): readonly string[] {
  return SUM_VERB_FAMILIES.find(([asked]) => asked.split(' ').includes(verb))?.[1].split(' ') ?? [];
}

/** A sum of money in a text: "$80 billion", "€5", "10 million dollars". */
const AMOUNT = /[$€£¥]\s?\d|\d[\d,.]*\s?(?:million|billion|thousand|dollars|euros|usd)\b/i;
