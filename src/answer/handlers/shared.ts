import { aliasName, garbledAliases } from '../../knowledge/model.js';
import type { Involvement, KbRecord, Organization, RecordKind, Topic } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import type { Mention } from '../../search/link.js';
import { withArticle } from '../../search/render.js';
import { formatDate, formatDateWithWeekday } from '../../text/dates.js';
import { normalize } from '../../text/normalize.js';
import { SYNONYMS } from '../../text/vocabulary.js';
import { type Ask, asks } from '../ask.js';
import type { Ctx } from '../context.js';

export type Rec<K extends RecordKind> = Extract<KbRecord, { kind: K }>;

export function uniqueRecords(mentions: readonly Mention[]): KbRecord[] {
  const seen = new Map<string, KbRecord>();
  for (const m of mentions)
    for (const s of m.surfaces) if (!seen.has(s.record.id)) seen.set(s.record.id, s.record);
  return [...seen.values()];
}

/** Facts of the subject (and what it is about) ranked for the question. */
export function rankDocs(
  ctx: Ctx,
  scope: readonly string[],
  opts: {
    topics?: readonly (Topic | FactDoc['topic'])[];
    limit?: number;
    exclude?: ReadonlySet<number>;
    /** Leave out relation and role sentences (for topic answers about an initiative). */
    noRelations?: boolean;
    /** Keep only statements that pass this test (before the limit is applied). */
    only?: (d: FactDoc) => boolean;
  } = {},
): FactDoc[] {
  const { index } = ctx;
  const inScope = new Set<number>();
  for (const id of scope) for (const d of index.docsByRecord.get(id) ?? []) inScope.add(d.id);
  const topics = new Set(opts.topics ?? []);
  const { scores, byName } = scopeScores(ctx, scope, inScope);
  const maxName = Math.max(1e-9, ...byName.values());
  const docs = [...inScope]
    .map((id) => index.factDocs[id] as FactDoc)
    .filter((d) => visibleTo(ctx, d))
    .filter((d) => !opts.exclude?.has(d.id) && (scores.has(d.id) || topics.has(d.topic)))
    .filter((d) => !opts.noRelations || (d.topic !== 'relation' && d.topic !== 'role'))
    .filter((d) => !opts.only || opts.only(d));
  const max = Math.max(1, ...scores.values());
  const value = (d: FactDoc) =>
    (scores.get(d.id) ?? 0) / max +
    (topics.has(d.topic) ? 0.5 : 0) +
    (0.4 * (byName.get(d.id) ?? 0)) / maxName -
    d.id * 1e-6;
  return docs.sort((a, b) => value(b) - value(a)).slice(0, opts.limit ?? 4);
}

/** Statement scores of one ask over one scope, for the index they were computed on. */
interface ScopeScores {
  index: Ctx['index'];
  scores: Map<number, number>;
  byName: Map<number, number>;
}

/** Scores per ask, by scope and named records: the routes and the judge rank the same scope many times over. */
const scoreCache = new WeakMap<Ctx['ask'], Map<string, ScopeScores>>();

function scopeScores(ctx: Ctx, scope: readonly string[], inScope: ReadonlySet<number>): ScopeScores {
  const key = `${scope.join(' ')}|${ctx.mentions.map((m) => `${m.typed}:${m.surfaces.map((x) => x.record.id).join(',')}`).join(' ')}`;
  let byAsk = scoreCache.get(ctx.ask);
  if (!byAsk) {
    byAsk = new Map();
    scoreCache.set(ctx.ask, byAsk);
  }
  const cached = byAsk.get(key);
  if (cached?.index === ctx.index) return cached;
  const { index } = ctx;
  const terms = ctx.ask.content;
  let scores = new Map<number, number>();
  if (terms.length > 0) {
    const expanded = [...new Set(terms.flatMap((t) => SYNONYMS.get(t) ?? []))].filter(
      (t) => !terms.includes(t),
    );
    const named = ctx.ask.named;
    // Only the subject's own statements are scored (with the whole index's statistics), so the cost depends on
    // the subject, not on the size of the knowledge base.
    scores = index.facts.scoreScope(
      {
        queries: [
          { queries: terms },
          ...(expanded.length ? [{ queries: expanded, boost: 0.5 }] : []),
          ...(named.length ? [{ queries: named, boost: 0.3 }] : []),
        ],
      },
      inScope,
      (term) => (term.length > 5 ? 0.2 : false),
    );
  }
  // With no content words, the other records the question names still order the statements: a question about
  // one member's words at a launch puts that member's quote first among the launch quotes.
  const others = ctx.mentions.filter((m) => m.surfaces.every((s) => !scope.includes(s.record.id)));
  const otherWords = others.flatMap((m) => m.typed.split(' '));
  const byName =
    terms.length === 0 && otherWords.length
      ? index.facts.scoreScope({ queries: [{ queries: otherWords }] }, inScope, () => false)
      : new Map<number, number>();
  const out = { index, scores, byName };
  byAsk.set(key, out);
  return out;
}

/** Notes the garbled spelling the user typed, so "Cohear" answers say it means Cohere. */
export function spellingNote(ctx: Ctx, record: KbRecord): string {
  const typed = new Set(
    ctx.mentions.filter((m) => m.surfaces.some((s) => s.record.id === record.id)).map((m) => m.typed),
  );
  for (const g of garbledAliases(record)) {
    if (typed.has(normalize(g)))
      return ` ("${g}" is a garbled spelling of ${record.name} in a machine translation of an article.)`;
  }
  return '';
}

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** True when a co-founder relation dates from after the launch (a founding partner that joined later). */
export function joinedAfterLaunch(initiative: Rec<'initiative'>, date: string | undefined): boolean {
  return !!(date && initiative.launched && date > initiative.launched.date);
}

/** The organizations that founded an initiative: co-founders present at its launch. */
export function foundersOf(ctx: Ctx, initiative: Rec<'initiative'>): string[] {
  return (ctx.index.membersOf.get(initiative.id) ?? [])
    .filter((m) => m.inv.role === 'co-founder' && !joinedAfterLaunch(initiative, m.inv.date))
    .map((m) => `${m.org.name}${thenCalled(m.org, m.inv)}`);
}

/**
 * " (then Facebook)" for an organization that took part under a former name: its involvement says so and one of
 * its aliases is marked as the former name. Empty otherwise.
 */
export function thenCalled(org: Organization, inv: Involvement): string {
  if (!inv.note || !/former name/i.test(inv.note)) return '';
  const former = org.aliases.find((a) => typeof a !== 'string' && /former name/i.test(a.note ?? ''));
  return former ? ` (then ${aliasName(former)})` : '';
}

const WEEKDAY_ASKED = /\b(?:day of the week|weekday|what day|which day)\b/;

export function launchSentence(ctx: Ctx, initiative: Rec<'initiative'>): string {
  const founders = foundersOf(ctx, initiative);
  const name = initiative.name;
  // "Which weekday was the launch?": the weekday, which the date gives.
  const day = WEEKDAY_ASKED.test(ctx.q.norm) ? formatDateWithWeekday : formatDate;
  const when = initiative.launched ? day(initiative.launched.date) : undefined;
  const by = founders.length ? ` by ${joinList(founders)}` : '';
  if (when)
    return `${capitalise(withArticle(name))} was launched${by} ${when.includes(',') ? 'on' : 'in'} ${when}.`;
  return founders.length ? `${capitalise(withArticle(name))} was set up${by}.` : '';
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function topicsFor(ask: Ask): Topic[] {
  const topics: Topic[] = [];
  if (asks(ask, 'goals') || asks(ask, 'benefits')) topics.push('goals');
  if (asks(ask, 'criticism')) topics.push('criticism');
  if (asks(ask, 'governance')) topics.push('governance');
  if (asks(ask, 'quote')) topics.push('quote');
  if (asks(ask, 'projects') || asks(ask, 'plans')) topics.push('activities');
  if (asks(ask, 'compare')) topics.push('comparison');
  if (asks(ask, 'membership', 'whyNot') || asks(ask, 'members')) topics.push('membership');
  if (asks(ask, 'release')) topics.push('release');
  return topics;
}

/** A correction of a garbled spelling is shown only to a member who typed that spelling. */
export function visibleTo(ctx: Ctx, doc: FactDoc): boolean {
  if (!doc.spellings) return true;
  const q = ` ${ctx.q.norm} `;
  return doc.spellings.some((s) => q.includes(` ${s} `));
}

const NOW_WORDS = new Set(['now', 'today', 'currently', 'current', 'nowadays', 'presently']);

/** The question asks about the present ("today", "right now", "these days"). */
export function asksNow(words: readonly string[]): boolean {
  return words.some((w, i) => NOW_WORDS.has(w) || (w === 'days' && words[i - 1] === 'these'));
}
