import { garbledAliases } from '../knowledge/model.js';
import type { Initiative, KbRecord, Organization, Person, RecordKind, Topic } from '../knowledge/schema.js';
import type { FactDoc, SearchIndex } from '../search/index.js';
import { indexTerms } from '../search/index.js';
import { detectIntent, type Intent } from '../search/intent.js';
import { linkEntities, type Mention } from '../search/link.js';
import {
  involvementSentence,
  nameWithAcronym,
  roleSentence,
  roleSpan,
  shortName,
  withArticle,
} from '../search/render.js';
import { formatDate, MONTH_NAMES } from '../text/dates.js';
import { normalize } from '../text/normalize.js';
import { INTENT_WORDS, MONTH_ABBREVIATIONS, SYNONYMS } from '../text/vocabulary.js';
import { composeAnswer, type Draft } from './compose.js';

/** The record an answer is about. */
export interface Subject {
  id: string;
  name: string;
  kind: RecordKind;
}

/** A source cited by an answer. `url` is null when the source has no web address (e.g. a repository path). */
export interface AnswerSource {
  id: string;
  title: string;
  url: string | null;
}

/** A record the user may have meant. */
export interface Suggestion {
  id: string;
  name: string;
}

/** What `answer()` returns: plain text plus everything a front end needs to present and cite it. */
export interface Answer {
  answered: boolean;
  /** Plain text, at most 1500 characters, direct answer first. */
  answer: string;
  /** 0..1; below 0.6 front ends should offer the suggestions. */
  confidence: number;
  subject: Subject | null;
  sources: AnswerSource[];
  suggestions: Suggestion[];
}

/** Questions longer than this are read only up to here; nobody asks a useful question in more. */
const MAX_QUESTION_CHARS = 600;

type Rec<K extends RecordKind> = Extract<KbRecord, { kind: K }>;

interface Ctx {
  index: SearchIndex;
  q: string;
  intent: Intent;
  mentions: Mention[];
  /** Content words of the question, minus the words that named records. */
  terms: string[];
  /** The words that named records; they still help rank facts, with less weight. */
  namedTerms: string[];
}

/**
 * Answers a free question from the knowledge base. Pure and synchronous: the same index and question give the
 * same answer. Never throws for any input string.
 */
export function answer(question: string, index: SearchIndex): Answer {
  const text = String(question ?? '').slice(0, MAX_QUESTION_CHARS);
  const q = expandMonths(normalize(text));
  if (!q) return refuse(index, 'Ask me about an AI initiative, an organization or a person.', []);
  const mentions = linkEntities(text, index);
  const intent = detectIntent(q);
  const named = new Set(mentions.flatMap((m) => m.typed.split(' ')));
  const all = indexTerms(q);
  const ctx: Ctx = {
    index,
    q,
    intent,
    mentions,
    terms: all.filter((w) => !named.has(w)),
    namedTerms: all.filter((w) => named.has(w)),
  };
  const draft = route(ctx);
  if (!draft) return refuse(index, undefined, mentions);
  return composeAnswer(draft, ctx.index, suggestionsFor(ctx, draft.subject));
}

function expandMonths(q: string): string {
  return q
    .split(' ')
    .map((w) => MONTH_ABBREVIATIONS[w] ?? w)
    .join(' ');
}

/** Picks the handler for the question; returns undefined when nothing in the knowledge base fits. */
function route(ctx: Ctx): Draft | undefined {
  const { intent, mentions } = ctx;
  const records = uniqueRecords(mentions);
  const score = Math.min(1, ...mentions.map((m) => m.score));

  if (records.length === 0) return globalSearch(ctx);

  const initiatives = records.filter((r): r is Rec<'initiative'> => r.kind === 'initiative');
  const orgs = records.filter((r): r is Rec<'organization'> => r.kind === 'organization');
  const people = records.filter((r): r is Rec<'person'> => r.kind === 'person');
  const projects = records.filter((r): r is Rec<'project'> => r.kind === 'project');

  // Comparison of two bodies: "AI Alliance vs Frontier Model Forum".
  if (intent.compare) {
    const bodies = distinctBodies(mentions);
    if (bodies.length >= 2) return compare(ctx, bodies[0] as KbRecord, bodies[1] as KbRecord, score);
  }

  // A person: career ("still at Meta?"), quotes, or who they are.
  const person = people[0];
  if (person && (initiatives.length === 0 || intent.who || intent.career || intent.quote)) {
    if (intent.career && !intent.quote) return personCareer(ctx, person, orgs[0], score);
    if (intent.quote) return personQuotes(ctx, person, score);
    return personOverview(ctx, person, score);
  }

  // Role look-up: "who was IBM's CEO", "who wrote the TechCrunch piece", "who is leading meta's new models".
  const nonFounderRole = intent.roleWords.some((w) => !['founder', 'founded', 'creator'].includes(w));
  if (intent.who && intent.roleWords.length > 0 && (nonFounderRole || !intent.founders)) {
    const draft = roleLookup(ctx, [...initiatives, ...orgs, ...projects], score);
    if (draft) return draft;
  }

  // Membership: "is nvidia in the ai alliance", "did the NSF join?", "why isn't OpenAI in the AI Alliance?".
  const memberOrg = orgs.find((o) => !o.runs || !initiatives.some((i) => i.id === o.runs));
  const orgLike = memberOrg ?? orgFromMentions(mentions, initiatives);
  if (orgLike && !intent.founders && !intent.members) {
    const target = initiatives.find((i) => i.id !== orgLike.runs);
    const whyNot = intent.why && /\b(not|isn|aren|didn|doesn|hasn|wasn|weren|never)\b/.test(ctx.q);
    // A bare "nvidia ai alliance?" names an organization and an initiative and asks nothing else: membership.
    const bare =
      target !== undefined &&
      ctx.terms.every((t) => INTENT_WORDS.has(t)) &&
      topicsFor(intent).length === 0 &&
      !intent.when &&
      !intent.quote &&
      !intent.who &&
      !intent.whatIs &&
      !intent.career;
    const asksMembership = intent.membership || bare || (whyNot && target !== undefined);
    if (asksMembership && (target || orgLike.involvement.length > 0))
      return membership(ctx, orgLike, target, score);
  }

  // Several organizations and no initiative named: "Meta + IBM teamed up on something in Dec 2023".
  if (initiatives.length === 0 && orgs.length >= 2 && projects.length === 0) {
    const shared = sharedInitiative(ctx, orgs);
    if (shared) return initiativeAnswer(ctx, shared, score * 0.95);
  }

  const initiative = initiatives[0];
  if (initiative) return initiativeAnswer(ctx, initiative, score);
  const project = projects[0];
  if (project) return projectAnswer(ctx, project, score);
  if (orgLike) {
    // An organization plus a topic that belongs to something it runs ("meta's research community").
    return orgAnswer(ctx, orgLike, score);
  }
  if (person) return personOverview(ctx, person, score);
  return globalSearch(ctx);
}

function uniqueRecords(mentions: readonly Mention[]): KbRecord[] {
  const seen = new Map<string, KbRecord>();
  for (const m of mentions)
    for (const s of m.surfaces) if (!seen.has(s.record.id)) seen.set(s.record.id, s.record);
  return [...seen.values()];
}

/** One record per mention, preferring initiatives: the bodies a comparison is between. */
function distinctBodies(mentions: readonly Mention[]): KbRecord[] {
  const out: KbRecord[] = [];
  for (const m of mentions) {
    const r = m.surfaces.find((s) => s.record.kind === 'initiative')?.record ?? m.surfaces[0]?.record;
    if (r && !out.some((o) => o.id === r.id)) out.push(r);
  }
  return out;
}

/** An organization named together with the initiative it runs (the Partnership on AI is both). */
function orgFromMentions(
  mentions: readonly Mention[],
  initiatives: readonly KbRecord[],
): Rec<'organization'> | undefined {
  if (initiatives.length < 2) return undefined;
  for (const m of mentions) {
    const org = m.surfaces.find((s) => s.record.kind === 'organization')?.record;
    if (org?.kind === 'organization') return org;
  }
  return undefined;
}

/** Facts of the subject (and what it is about) ranked for the question. */
function rankDocs(
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
  const terms = ctx.terms.filter((t) => !INTENT_WORDS.has(t));
  const inScope = new Set<number>();
  for (const id of scope) for (const d of index.docsByRecord.get(id) ?? []) inScope.add(d.id);
  const topics = new Set(opts.topics ?? []);
  let scores = new Map<number, number>();
  if (terms.length > 0) {
    const expanded = [...new Set(terms.flatMap((t) => SYNONYMS.get(t) ?? []))].filter(
      (t) => !terms.includes(t),
    );
    const named = ctx.namedTerms.filter((t) => !INTENT_WORDS.has(t));
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
  const docs = [...inScope]
    .map((id) => index.factDocs[id] as FactDoc)
    .filter((d) => !opts.exclude?.has(d.id) && (scores.has(d.id) || topics.has(d.topic)))
    .filter((d) => !opts.noRelations || (d.topic !== 'relation' && d.topic !== 'role'))
    .filter((d) => !opts.only || opts.only(d));
  const max = Math.max(1, ...scores.values());
  const value = (d: FactDoc) => (scores.get(d.id) ?? 0) / max + (topics.has(d.topic) ? 0.5 : 0) - d.id * 1e-6;
  return docs.sort((a, b) => value(b) - value(a)).slice(0, opts.limit ?? 4);
}

/** The best lexical matches over the whole knowledge base, for questions that name no record. */
function globalSearch(ctx: Ctx): Draft | undefined {
  const { index, terms } = ctx;
  if (terms.length === 0) return undefined;
  const results = index.facts.search(terms.join(' '), (t) => (t.length > 6 ? 0.2 : false), 20);
  const top = results[0];
  if (!top) return undefined;
  // Honesty guard: one shared word ("capital", "cost") is not enough to claim the knowledge base knows.
  if (top.terms < 2 || top.terms / terms.length < 0.5) return undefined;
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

function suggestionsFor(ctx: Ctx, subject: KbRecord): KbRecord[] {
  const out: KbRecord[] = [];
  for (const m of ctx.mentions)
    for (const s of m.surfaces) if (s.record.id !== subject.id) out.push(s.record);
  return out;
}

function refuse(index: SearchIndex, message: string | undefined, mentions: readonly Mention[]): Answer {
  const near = uniqueRecords(mentions);
  const featured = index.featured;
  const suggestions = [...near, ...featured]
    .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
    .slice(0, 5)
    .map((r) => ({ id: r.id, name: r.name }));
  return {
    answered: false,
    answer:
      message ??
      `That isn't in my knowledge base. I know about open AI initiatives such as ${featured
        .slice(0, 3)
        .map((r) => withArticle(r.name))
        .join(', ')}, and the organizations and people around them.`,
    confidence: 0,
    subject: null,
    sources: [],
    suggestions,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers. Each returns a draft: a direct lead sentence plus supporting statements; compose.ts fits it to size.

/** Notes the garbled spelling the user typed, so "Cohear" answers say it means Cohere. */
function spellingNote(ctx: Ctx, record: KbRecord): string {
  const typed = new Set(
    ctx.mentions.filter((m) => m.surfaces.some((s) => s.record.id === record.id)).map((m) => m.typed),
  );
  for (const g of garbledAliases(record)) {
    if (typed.has(normalize(g)))
      return ` ("${g}" is a garbled spelling of ${record.name} in a machine-translated seed article.)`;
  }
  return '';
}

function membership(
  ctx: Ctx,
  org: Rec<'organization'>,
  target: Rec<'initiative'> | undefined,
  score: number,
): Draft {
  const { index } = ctx;
  const relations = org.involvement.filter((inv) => !target || inv.initiative === target.id);
  const initiativeOf = (id: string) => index.kb.byId.get(id) as Rec<'initiative'>;
  const name = nameWithAcronym(org);
  const spelling = spellingNote(ctx, org);

  if (relations.length === 0) {
    const init = target ? withArticle(target.name) : 'any initiative in my records';
    const lead = `The records don't list ${name} as a member of ${init}: the sources neither name it among the members nor say it stayed out.${spelling}`;
    const docs = rankDocs(ctx, [org.id], { topics: ['summary', 'relation'], limit: 3 });
    return { subject: org, lead, docs, confidence: Math.min(score, 0.7) };
  }

  const rank = {
    'co-founder': 0,
    'founding-member': 1,
    member: 2,
    partner: 3,
    'not-a-member': 4,
    critic: 5,
  } as const;
  const inv = [...relations].sort((a, b) => rank[a.role] - rank[b.role])[0] as (typeof relations)[number];
  const initiative = initiativeOf(inv.initiative);
  const init = withArticle(initiative.name);
  const launched = initiative.launched ? formatDate(initiative.launched.date) : undefined;
  const when = inv.date ? formatDate(inv.date) : undefined;
  let lead: string;
  switch (inv.role) {
    case 'co-founder': {
      const partners = (index.membersOf.get(initiative.id) ?? [])
        .filter((m) => m.inv.role === 'co-founder' && m.org.id !== org.id)
        .map((m) => shortName(m.org));
      lead = `Yes — ${name} co-founded ${init}${partners.length ? ` with ${joinList(partners)}` : ''}${when ? ` (${when})` : ''}, so it is a founding member.`;
      break;
    }
    case 'founding-member':
      lead = `Yes — ${name} is a founding member of ${init}${launched ? `, which launched on ${launched}` : ''}.`;
      break;
    case 'member': {
      const later = inv.date && initiative.launched && inv.date > initiative.launched.date;
      lead = `Yes — ${name} is a member of ${init}${when ? `: it joined in the batch announced ${when}` : ''}${later ? ', so it is not a founding member' : ''}.`;
      break;
    }
    case 'partner':
      lead = `Not directly — ${name} is not separately listed as a member of ${init}; it takes part as a partner${inv.note ? ` (${inv.note})` : ''}.`;
      break;
    case 'not-a-member': {
      const at =
        inv.date && inv.date === initiative.launched?.date
          ? ` at its launch on ${formatDate(inv.date)}`
          : when
            ? ` as of ${when}`
            : '';
      lead =
        `No — ${name} is not a member of ${init}: it was not a founding member${at}, and the later member lists in the records don't include it either. ${inv.reason ?? ''}`.trim();
      break;
    }
    case 'critic':
      lead = `No — the records list ${name} as a critic of ${init}, not a member${inv.note ? ` (${inv.note})` : ''}.`;
      break;
  }
  lead += spelling;
  const docs = rankDocs(ctx, [org.id], {
    topics: inv.role === 'not-a-member' ? ['relation', 'note', 'overview'] : ['overview', 'summary', 'note'],
    limit: 3,
  }).filter((d) => !(d.topic === 'relation' && d.about.includes(initiative.id)));
  return { subject: org, lead, leadSources: inv.sources, docs, confidence: score * 0.95 };
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Initiatives that every named organization is related to, best date match first. */
function sharedInitiative(ctx: Ctx, orgs: readonly Rec<'organization'>[]): Rec<'initiative'> | undefined {
  const ids = orgs.map((o) => new Set(o.involvement.map((i) => i.initiative)));
  const common = [...(ids[0] ?? [])].filter((id) => ids.every((s) => s.has(id)));
  const years = ctx.q.match(/\b(19|20)\d{2}\b/g) ?? [];
  const month = MONTH_NAMES.findIndex((m) => ctx.q.split(' ').includes(m));
  const scored = common
    .map((id) => ctx.index.kb.byId.get(id) as Rec<'initiative'>)
    .map((init) => {
      const date = init.launched?.date ?? '';
      let s = 0;
      if (years.some((y) => date.startsWith(y))) s += 2;
      if (month >= 0 && date.slice(5, 7) === String(month + 1).padStart(2, '0')) s += 1;
      return { init, s };
    })
    .sort((a, b) => b.s - a.s);
  return scored[0]?.init;
}

function foundersOf(ctx: Ctx, initiative: Rec<'initiative'>): string[] {
  return (ctx.index.membersOf.get(initiative.id) ?? [])
    .filter((m) => m.inv.role === 'co-founder')
    .map((m) => m.org.name);
}

function launchSentence(ctx: Ctx, initiative: Rec<'initiative'>): string {
  const founders = foundersOf(ctx, initiative);
  const name = initiative.name;
  const when = initiative.launched ? formatDate(initiative.launched.date) : undefined;
  const by = founders.length ? ` by ${joinList(founders)}` : '';
  if (when)
    return `${capitalise(withArticle(name))} was launched${by} ${when.includes(',') ? 'on' : 'in'} ${when}.`;
  return founders.length ? `${capitalise(withArticle(name))} was set up${by}.` : '';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function initiativeAnswer(ctx: Ctx, initiative: Rec<'initiative'>, score: number): Draft {
  const { intent } = ctx;
  const scope = [initiative.id, ...(ctx.index.projectsOf.get(initiative.id) ?? []).map((p) => p.id)];
  const base = { subject: initiative as KbRecord, confidence: score };
  const launch = launchSentence(ctx, initiative);

  if (
    /\bhow many\b/.test(ctx.q) &&
    (intent.members || intent.membership || /\b(organizations|companies|orgs)\b/.test(ctx.q))
  ) {
    return { ...base, ...memberCount(ctx, initiative) };
  }
  if (
    !/\bhow much\b/.test(ctx.q) &&
    (intent.members ||
      (intent.membership && !intent.yesNo && !intent.why && /\b(list|which|who)\b/.test(ctx.q)))
  ) {
    return { ...base, ...membersAnswer(ctx, initiative) };
  }
  if (intent.founders && (intent.who || /\b(which|by whom|what)\b/.test(ctx.q))) {
    const founders = foundersOf(ctx, initiative);
    const when = initiative.launched ? formatDate(initiative.launched.date) : undefined;
    const lead = founders.length
      ? `${capitalise(withArticle(initiative.name))} was co-founded by ${joinList(founders)}${when ? `, who launched it ${when.includes(',') ? 'on' : 'in'} ${when}` : ''}.`
      : launch;
    return {
      ...base,
      lead,
      leadSources: initiative.launched?.sources,
      docs: rankDocs(ctx, scope, { topics: ['history'], limit: 2 }),
    };
  }
  if (intent.projects && !intent.goals) {
    const projects = ctx.index.projectsOf.get(initiative.id) ?? [];
    if (projects.length) {
      const lead = `${capitalise(withArticle(initiative.name))} runs these projects: ${projects.map((p) => `${p.name} — ${p.summary}`).join(' ')}`;
      return {
        ...base,
        lead,
        leadSources: projects.flatMap((p) => p.sources),
        docs: rankDocs(ctx, scope, { topics: ['activities'], limit: 2 }),
      };
    }
  }
  if (intent.when && !intent.why && !intent.criticism) {
    // "When is the deadline to apply" asks about something other than the launch: answer from the facts that
    // mention it, if any do.
    const extra = intent.founders ? [] : ctx.terms.filter((t) => !INTENT_WORDS.has(t));
    const mentions = (d: FactDoc) => {
      const text = normalize(d.text);
      return extra.some((t) => text.includes(t.slice(0, Math.max(4, t.length - 2))));
    };
    const specific = extra.length > 0 ? rankDocs(ctx, scope, { limit: 3, only: mentions }) : [];
    if (specific.length > 0) return { ...base, lead: '', docs: specific };
    const note = initiative.launched?.note ? ` ${initiative.launched.note}` : '';
    return {
      ...base,
      lead: `${launch}${note}`.trim(),
      leadSources: initiative.launched?.sources,
      docs: rankDocs(ctx, scope, { topics: ['history', 'correction'], limit: 3 }),
    };
  }
  const topics = topicsFor(intent);
  if (topics.length > 0 || ctx.terms.length > 0) {
    const docs = rankDocs(ctx, scope, {
      topics,
      limit: topics.includes('criticism') || topics.includes('goals') ? 6 : 4,
      noRelations: !topics.includes('membership'),
    }).filter((d) => d.topic !== 'summary' || topics.length === 0);
    if (docs.length > 0 && (topics.length > 0 || docs.some((d) => d.topic !== 'summary'))) {
      const lead = topics.length === 0 && intent.whatIs ? `${initiative.summary} ${launch}` : '';
      return { ...base, lead, leadSources: lead ? initiative.sources : undefined, docs };
    }
  }
  const lead = `${initiative.summary} ${launch}`.trim();
  return {
    ...base,
    lead,
    leadSources: [...initiative.sources, ...(initiative.launched?.sources ?? [])],
    docs: rankDocs(ctx, scope, { topics: ['overview', 'goals'], limit: 2 }),
  };
}

function topicsFor(intent: Intent): Topic[] {
  const topics: Topic[] = [];
  if (intent.goals || intent.benefits) topics.push('goals');
  if (intent.criticism) topics.push('criticism');
  if (intent.governance) topics.push('governance');
  if (intent.quote) topics.push('quote');
  if (intent.projects || intent.plans) topics.push('activities');
  if (intent.compare) topics.push('comparison');
  if (intent.membership || intent.members) topics.push('membership');
  if (intent.release) topics.push('release');
  return topics;
}

function membersAnswer(
  ctx: Ctx,
  initiative: Rec<'initiative'>,
): Pick<Draft, 'lead' | 'leadSources' | 'docs'> {
  const all = ctx.index.membersOf.get(initiative.id) ?? [];
  const inAny = all.filter((m) => ['co-founder', 'founding-member', 'member'].includes(m.inv.role));
  // A category in the question ("chip companies", "universities") narrows the list to members whose record
  // mentions it.
  // "which <kind> are in…" names a category: an organization type ("universities", "research labs") or words
  // their descriptions use ("chip companies"). Other questions list everyone.
  const categoryTerms = categoryWords(ctx.q);
  const types = new Set(
    categoryTerms.map((t) => ORG_TYPE_WORDS[t]).filter((t): t is Organization['type'] => !!t),
  );
  const expanded = [...new Set(categoryTerms.flatMap((t) => [t, ...(SYNONYMS.get(t) ?? [])]))];
  const describes = (org: Organization) => {
    if (types.size > 0) return types.has(org.type);
    const text = normalize(`${org.description ?? ''} ${org.summary}`);
    return expanded.some((t) => t.length > 2 && new RegExp(`\\b${t}`).test(text));
  };
  const filtered = categoryTerms.length > 0 ? inAny.filter((m) => describes(m.org)) : [];
  const monthFilter = dateFilter(ctx.q);
  const dated = monthFilter ? inAny.filter((m) => m.inv.date?.startsWith(monthFilter)) : [];
  const name = capitalise(withArticle(initiative.name));

  if (dated.length > 0 && monthFilter) {
    const docs = (ctx.index.docsByRecord.get(initiative.id) ?? []).filter(
      (d) => d.recordId === initiative.id && d.topic !== 'relation' && d.date?.startsWith(monthFilter),
    );
    const lead = `Members who joined ${withArticle(initiative.name)} in ${formatDate(monthFilter)} include ${joinList(dated.map((m) => shortName(m.org)))}.`;
    return { lead, leadSources: dated.flatMap((m) => m.inv.sources), docs };
  }
  if (filtered.length > 0 && filtered.length < inAny.length) {
    const lead = `${name} members matching "${categoryTerms.join(' ')}": ${joinList(filtered.map((m) => `${shortName(m.org)} (${ROLE_LABEL[m.inv.role]})`))}.`;
    return { lead, leadSources: filtered.flatMap((m) => m.inv.sources), docs: [] };
  }
  const founders = inAny.filter((m) => m.inv.role === 'co-founder').map((m) => shortName(m.org));
  const founding = inAny.filter((m) => m.inv.role === 'founding-member').map((m) => shortName(m.org));
  const later = inAny.filter((m) => m.inv.role === 'member');
  const parts: string[] = [];
  if (founders.length) parts.push(`Co-founders: ${joinList(founders)}.`);
  if (founding.length)
    parts.push(
      `Founding members (${founding.length + founders.length} with the co-founders): ${founding.join(', ')}.`,
    );
  if (later.length)
    parts.push(
      `Joined later: ${later.map((m) => `${shortName(m.org)}${m.inv.date ? ` (${formatDate(m.inv.date)})` : ''}`).join(', ')}.`,
    );
  const docs = rankDocs(ctx, [initiative.id], { topics: ['membership'], limit: 3 }).filter(
    (d) => d.topic === 'membership' && d.text.length < 600,
  );
  if (parts.length === 0) {
    return {
      lead: `The records list no member organizations for ${withArticle(initiative.name)}.`,
      docs: rankDocs(ctx, [initiative.id], { topics: ['membership'], limit: 3 }),
    };
  }
  return {
    lead: `${name} — ${parts.join(' ')}`,
    leadSources: inAny.slice(0, 3).flatMap((m) => m.inv.sources),
    docs,
  };
}

/** Words that name an organization type in "which … are in" questions. */
const ORG_TYPE_WORDS: Record<string, Organization['type']> = {
  university: 'university',
  universities: 'university',
  college: 'university',
  colleges: 'university',
  school: 'university',
  schools: 'university',
  academic: 'university',
  academics: 'university',
  lab: 'lab',
  labs: 'lab',
  nonprofit: 'nonprofit',
  nonprofits: 'nonprofit',
  foundation: 'nonprofit',
  foundations: 'nonprofit',
  government: 'government',
  governments: 'government',
  agency: 'government',
  agencies: 'government',
};

const GENERIC_CATEGORY = new Set([
  'company',
  'companies',
  'organization',
  'organizations',
  'orgs',
  'groups',
  'members',
  'member',
  'ones',
  'other',
  'others',
  'kind',
  'kinds',
  'type',
  'types',
  'of',
  'the',
  'ai',
]);

const ROLE_LABEL: Record<Organization['involvement'][number]['role'], string> = {
  'co-founder': 'co-founder',
  'founding-member': 'founding member',
  member: 'joined later',
  'not-a-member': 'not a member',
  critic: 'critic',
  partner: 'partner',
};

/** The words between "which/what" and the verb: "which hardware chip companies are in…" → hardware, chip. */
function categoryWords(q: string): string[] {
  const m = q.match(
    /\b(?:which|what)\s+((?:[\p{L}\p{N}]+\s+){0,3}?)(?:are|is|were|was|joined|join|have|has|belong|belongs|from|in)\b/u,
  );
  return (m?.[1] ?? '').split(' ').filter((w) => w && !GENERIC_CATEGORY.has(w));
}

/** "How many members": the count in the records, and what the sources say (they disagree). */
function memberCount(ctx: Ctx, initiative: Rec<'initiative'>): Pick<Draft, 'lead' | 'leadSources' | 'docs'> {
  const all = ctx.index.membersOf.get(initiative.id) ?? [];
  const founding = all.filter((m) => m.inv.role === 'co-founder' || m.inv.role === 'founding-member');
  const later = all.filter((m) => m.inv.role === 'member');
  const name = capitalise(withArticle(initiative.name));
  const docs = (ctx.index.docsByRecord.get(initiative.id) ?? [])
    .filter(
      (d) =>
        d.recordId === initiative.id &&
        d.topic === 'membership' &&
        /\b\d{2,}\b/.test(d.text) &&
        d.text.length < 400,
    )
    // The conflicting counts first: they are what "how many" is really about.
    .sort((a, b) => Number(b.confidence === 'conflicting') - Number(a.confidence === 'conflicting'))
    .slice(0, 5);
  const differ = docs.some((d) => d.confidence === 'conflicting') ? " The sources' counts differ:" : '';
  const lead = `${name}: the records list ${founding.length} founding organizations (co-founders included)${later.length ? ` and ${later.length} later members with records of their own` : ''}.${differ}`;
  return { lead, leadSources: founding.slice(0, 2).flatMap((m) => m.inv.sources), docs };
}

/** "feb 2024" / "february 2024" → "2024-02"; "2024" alone → "2024". */
function dateFilter(q: string): string | undefined {
  const m = q.match(
    /\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b/,
  );
  if (m) return `${m[2]}-${String(MONTH_NAMES.indexOf(m[1] as string) + 1).padStart(2, '0')}`;
  return undefined;
}

function compare(ctx: Ctx, a: KbRecord, b: KbRecord, score: number): Draft {
  const describe = (r: KbRecord) => {
    if (r.kind === 'initiative') {
      const founders = foundersOf(ctx, r);
      const when = r.launched ? formatDate(r.launched.date) : undefined;
      return `${r.name}: ${r.summary}${when && !r.summary.includes(when) ? ` Launched ${when}.` : ''}${founders.length && !founders.every((f) => r.summary.includes(f)) ? ` Founders: ${joinList(founders)}.` : ''}`;
    }
    return `${r.name}: ${r.summary}`;
  };
  const lead = `${describe(a)}\n${describe(b)}`;
  const docs = rankDocs(ctx, [a.id, b.id], { topics: ['comparison'], limit: 3 }).filter(
    (d) =>
      d.topic !== 'summary' &&
      (d.topic === 'comparison' ||
        d.about.length > 0 ||
        normalize(d.text).includes(normalize(shortName(a.id === d.recordId ? b : a)))),
  );
  return { subject: a, lead, leadSources: [...a.sources, ...b.sources], docs, confidence: score };
}

function personOverview(ctx: Ctx, person: Rec<'person'>, score: number): Draft {
  const roles = person.roles.map((r) =>
    roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, ''),
  );
  const lead = `${person.name} — ${person.summary}${spellingNote(ctx, person)}`;
  const docs = rankDocs(ctx, [person.id], { topics: ['quote', 'career', 'role'], limit: 3 });
  const extra = roles.length > 1 ? `\nRoles: ${roles.join(' ')}` : '';
  return {
    subject: person,
    lead: lead + extra,
    leadSources: person.sources,
    docs: docs.filter((d) => d.topic !== 'summary' && d.topic !== 'role'),
    confidence: score,
  };
}

function personCareer(
  ctx: Ctx,
  person: Rec<'person'>,
  org: Rec<'organization'> | undefined,
  score: number,
): Draft {
  const at = org ? person.roles.filter((r) => r.organization === org.id) : person.roles;
  const current = person.roles.filter((r) => !r.to);
  const ended = at.filter((r) => r.to);
  const orgName = org ? org.name : 'that organization';
  let lead: string;
  if (at.length > 0 && ended.length === at.length) {
    const last = [...ended].sort((a, b) =>
      (b.to ?? '').localeCompare(a.to ?? ''),
    )[0] as (typeof ended)[number];
    const now = current
      .filter((r) => r.organization !== org?.id)
      .map((r) => roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, ''));
    lead = `No — according to the sources, ${person.name} left ${orgName}: ${last.title}${roleSpan(last)}.${now.length ? ` Since then: ${now.join(' ')}` : ''}`;
  } else if (!org) {
    const describe = (r: (typeof person.roles)[number]) =>
      roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, '');
    const past = person.roles.filter((r) => r.to && r.from !== r.to);
    const now = current.filter((r) => !r.initiative).map(describe);
    lead = `According to the sources, ${person.name}'s current roles: ${now.join(' ') || 'none recorded.'}${past.length ? `\nEarlier: ${past.map(describe).join(' ')}` : ''}`;
  } else if (at.some((r) => !r.to)) {
    const role = at.find((r) => !r.to) as (typeof at)[number];
    lead = `As far as the sources go, yes — ${person.name} is ${role.title}${roleSpan(role)}. The records may lag behind recent changes.`;
  } else {
    lead = `${person.name} — ${person.summary}`;
  }
  const docs = rankDocs(ctx, [person.id], { topics: ['career'], limit: 3 }).filter(
    (d) => d.topic !== 'summary' && d.topic !== 'role',
  );
  return {
    subject: person,
    lead,
    leadSources: [...person.sources, ...at.flatMap((r) => r.sources)],
    docs,
    confidence: score,
  };
}

function personQuotes(ctx: Ctx, person: Rec<'person'>, score: number): Draft {
  const docs = rankDocs(ctx, [person.id], {
    topics: ['quote'],
    limit: 3,
    only: (d) => d.recordId === person.id && (d.topic === 'quote' || d.quote !== undefined),
  });
  if (docs.length === 0) return personOverview(ctx, person, score);
  return {
    subject: person,
    lead: `What ${person.name} said, per the sources:`,
    docs,
    confidence: score,
    quoteStyle: true,
  };
}

/** People whose role title matches the role words of the question, at the records it names. */
function roleLookup(ctx: Ctx, scopeRecords: readonly KbRecord[], score: number): Draft | undefined {
  const { index, intent } = ctx;
  // A role listed under an initiative whose title names the person's own company ("IBM Chairman and CEO") is a
  // company role, not a role in the initiative.
  const namesOwnOrg = (s: { person: Person; role: { title: string } }) =>
    s.person.roles.some((r) => {
      const org = r.organization ? index.kb.byId.get(r.organization) : undefined;
      return org !== undefined && normalize(s.role.title).includes(normalize(shortName(org)));
    });
  const candidates = scopeRecords.flatMap((r) => [
    ...(index.staffOfOrg.get(r.id) ?? []),
    ...(index.staffOfInitiative.get(r.id) ?? []).filter((s) => !namesOwnOrg(s)),
  ]);
  const qWords = new Set(ctx.terms);
  const scored = candidates
    .map((c) => {
      const title = normalize(c.role.title);
      let s = intent.roleWords.filter((w) => title.includes(w)).length * 2;
      s += title.split(' ').filter((w) => qWords.has(w)).length * 0.5;
      if (!c.role.to) s += 0.2;
      return { c, s };
    })
    .filter((x) => x.s >= 2)
    .sort((a, b) => b.s - a.s);
  const subject = scopeRecords[0];
  if (!subject) return undefined;
  const best = scored[0];
  if (!best) {
    if (!intent.governance) return undefined;
    const founders = subject.kind === 'initiative' ? foundersOf(ctx, subject) : [];
    const lead = `The sources do not name a ${intent.roleWords[0] ?? 'leader'} for ${withArticle(subject.name)} itself${founders.length ? `; it was launched and is represented by its ${founders.length === 1 ? 'founder' : 'co-founders'} ${joinList(founders)}` : ''}.`;
    return {
      subject,
      lead,
      docs: rankDocs(ctx, [subject.id], { topics: ['governance'], limit: 3 }),
      confidence: score * 0.9,
    };
  }
  const { person, role } = best.c;
  const others = scored
    .slice(1, 3)
    .filter((x) => x.s === best.s && x.c.person.id !== person.id)
    .map((x) => x.c.person.name);
  const org = role.organization ? index.kb.byId.get(role.organization) : undefined;
  const at = org && !normalize(role.title).includes(normalize(shortName(org))) ? `, ${org.name}` : '';
  const lead = `${person.name} — ${role.title}${at}${roleSpan(role)}.${others.length ? ` Also: ${joinList(others)}.` : ''}`;
  const docs = rankDocs(ctx, [person.id], { topics: ['quote', 'career'], limit: 2 }).filter(
    (d) => d.topic !== 'role' && d.topic !== 'summary',
  );
  return { subject: person, lead, leadSources: role.sources, docs, confidence: score * 0.95 };
}

function projectAnswer(ctx: Ctx, project: Rec<'project'>, score: number): Draft {
  const { intent } = ctx;
  const owner = project.owner ? ctx.index.kb.byId.get(project.owner) : undefined;
  if ((intent.release || intent.when) && project.facts.some((f) => f.topic === 'release')) {
    const releases = project.facts
      .filter((f) => f.topic === 'release')
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    return {
      subject: project,
      lead: `${project.name} releases, per the sources:`,
      docs: releases
        .map(
          (f) =>
            (ctx.index.docsByRecord.get(project.id) ?? []).find(
              (d) => d.recordId === project.id && d.text === f.text,
            ) as FactDoc,
        )
        .filter(Boolean),
      confidence: score,
      listStyle: true,
    };
  }
  const makes =
    /\b(make|makes|made|maker|build|builds|built|develop|develops|developed|developer|creates?|created|creator|owns?|owner|behind|runs?)\b/;
  if (owner && (intent.who || intent.founders) && makes.test(ctx.q)) {
    return {
      subject: project,
      lead: `${project.name} is made by ${owner.name}. ${project.summary}`,
      leadSources: project.sources,
      docs: rankDocs(ctx, [project.id], { topics: ['history', 'release'], limit: 2 }).filter(
        (d) => d.topic !== 'summary',
      ),
      confidence: score,
    };
  }
  const topics = topicsFor(intent);
  const docs = rankDocs(ctx, [project.id], {
    topics: topics.length ? topics : ['history', 'release', 'note'],
    limit: 3,
  }).filter((d) => d.topic !== 'summary');
  const released = project.released ? ` First released ${formatDate(project.released)}.` : '';
  const by =
    owner && !normalize(project.summary).includes(normalize(shortName(owner)))
      ? ` Run by ${owner.name}.`
      : '';
  const asksSpecific = ctx.terms.length > 0 && docs.length > 0 && !intent.whatIs;
  const lead = asksSpecific
    ? ''
    : `${project.name} — ${project.summary}${released}${by}${spellingNote(ctx, project)}`;
  return { subject: project, lead, leadSources: lead ? project.sources : undefined, docs, confidence: score };
}

function orgAnswer(ctx: Ctx, org: Rec<'organization'>, score: number): Draft {
  const { index, intent } = ctx;
  // "meta's research community": a topic that belongs to an initiative or project the organization runs.
  const owned = [
    ...org.involvement.filter((i) => i.role === 'co-founder').map((i) => i.initiative),
    ...(index.projectsOf.get(org.id) ?? []).map((p) => p.id),
  ];
  const topics = topicsFor(intent);
  const people = (index.staffOfOrg.get(org.id) ?? []).filter((s) => !s.role.to).slice(0, 4);
  const peopleLine = people.length
    ? ` People: ${people.map((s) => `${s.person.name} (${s.role.title})`).join('; ')}.`
    : '';
  const relations = org.involvement.map((inv) => {
    const initiative = index.kb.byId.get(inv.initiative) as Initiative | undefined;
    return initiative ? involvementSentence(org, inv, initiative) : '';
  });
  const lead = `${nameWithAcronym(org)} — ${org.summary}${spellingNote(ctx, org)}${org.description && !org.summary.includes(org.description) ? ` ${org.description}` : ''}${peopleLine}`;
  const docs = rankDocs(ctx, [org.id, ...owned], {
    topics: topics.length ? topics : ['note'],
    limit: 3,
  }).filter((d) => d.topic !== 'summary' && !(d.topic === 'overview' && d.recordId === org.id));
  const extraRelations = relations.filter((r) => r && !lead.includes(r)).slice(0, 3);
  return {
    subject: org,
    lead: `${lead}${extraRelations.length && topics.length === 0 ? `\n${extraRelations.join('\n')}` : ''}`,
    leadSources: [...org.sources, ...org.involvement.flatMap((i) => i.sources)],
    docs,
    confidence: score,
  };
}
