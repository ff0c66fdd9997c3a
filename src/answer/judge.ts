import type { KbRecord } from '../knowledge/schema.js';
import { type FactDoc, indexTerms } from '../search/index.js';
import { wordsUsed } from '../search/lexicon.js';
import { informativeness } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';
import { asks } from './ask.js';
import type { Draft } from './compose.js';
import type { Ctx } from './context.js';
import { type Coverage, coverage } from './coverage.js';
import { asksSum, detailCovered } from './details.js';
import { formMisfit } from './form.js';
import { unknownLicenceVersion, unknownVersionAsked, versionFit } from './handlers/project.js';
import { type Rec, rankDocs, visibleTo } from './handlers/shared.js';
import { namesEvery, namesOf, namesShare, paddedText } from './naming.js';
import { departureUntold } from './premise.js';
import { namedRecords } from './route.js';
import { WH_WORDS } from './rules.js';
import { slotFit, TYPED_FIT } from './slots.js';
import { comingEventUntold, howToUntold, schoolingUntold } from './unanswerable.js';

/** What to do with a question: answer it with a draft, or refuse (naming the record it knows, if any). */
export type Plan =
  | { kind: 'answer'; draft: Draft }
  | { kind: 'refuse'; about: KbRecord | undefined; missing: readonly string[] };

/** Below this share of the ask's content covered, the knowledge base is taken not to answer the question. */
export const MIN_COVERAGE = 0.5;
/** A link score this high is a name typed as written (or a known alias), not a loose or partial match. */
const EXACT_LINK = 0.95;

/** A statement that covers this much more of the ask than the routed answer replaces it. */
const BETTER_BY = 0.15;

interface Scored {
  doc: FactDoc;
  cov: Coverage;
  /** Share of the ask's cue words the statement covers ("misused", "licence"). */
  cues: number;
  /** How well its typed slots fit the ask (see {@link slotFit}). */
  fit: number;
  /** The statement belongs to, or names, one of the named records. */
  related: boolean;
  /** It names only another version of a project than the one asked about. */
  otherVersion: boolean;
}

/**
 * The statements that cover the most of the ask, best first: the named records' own statements, and statements
 * elsewhere that name one of them ("TechCrunch noted…" lives under the initiative it is about).
 */
function bestStatements(ctx: Ctx, records: readonly KbRecord[], cues: readonly string[]): Scored[] {
  const { index, ask } = ctx;
  const scope = neighbourhood(records, ctx);
  // Own statements (and those about or naming a named record) are related; a neighbour's other statements are
  // candidates, but only as strong as an unrelated statement.
  const own = new Set(records.map((r) => r.id));
  const names = namesOf(records);
  // Each candidate's share of the named records, worked out once (it decides both relatedness and fit).
  const shares = new Map<FactDoc, number>();
  const shareOf = (doc: FactDoc) => {
    let share = shares.get(doc);
    if (share === undefined) {
      share = namesShare(doc, records, index);
      shares.set(doc, share);
    }
    return share;
  };
  // A statement of another record speaks to the question only when it names what the question names: all of it
  // when the question names several ("how is A connected to B" is not answered by C's link to B).
  const related = (doc: FactDoc) => {
    if (own.has(doc.recordId)) return true;
    if (records.length < 2 && doc.about.some((a) => own.has(a))) return true;
    if (records.length < 2) {
      const text = paddedText(doc);
      return names.some((n) => text.includes(` ${n} `));
    }
    return shareOf(doc) >= 1;
  };
  // A body named in full is the one asked about: another body's statement covering the words is about the wrong thing.
  const exact = ctx.mentions.some(
    (m) => m.score >= 1 && m.surfaces.some((s) => s.record.kind === 'initiative' && own.has(s.record.id)),
  );
  const versions = records
    .filter((r): r is Rec<'project'> => r.kind === 'project')
    .map((p) => versionFit(ctx, p));
  const docs = new Map<FactDoc, boolean>();
  for (const d of rankDocs(ctx, scope, { limit: 12 })) docs.set(d, related(d));
  // A named record's own statements are all candidates (a description rarely repeats the name it describes).
  for (const r of records) {
    const own = (index.docsByRecord.get(r.id) ?? []).filter((d) => d.recordId === r.id && visibleTo(ctx, d));
    for (const d of own.slice(0, OWN_LIMIT)) if (!docs.has(d)) docs.set(d, true);
  }
  // The records' own names too: a part that points back ("…and who directs it?") typed only a pronoun.
  const nameWords = records.flatMap((r) => normalize(r.name).split(' '));
  const query = [...new Set([...ask.content, ...cues, ...ask.named, ...nameWords])].join(' ');
  for (const hit of index.facts.search(query, FUZZY, 30)) {
    const doc = index.factDocs[hit.id] as FactDoc;
    if (!docs.has(doc) && visibleTo(ctx, doc)) docs.set(doc, related(doc));
  }
  return [...docs]
    .map(([doc, related]) => {
      const cov = coverage(ask.content, [doc], [], index, ctx.q.norm);
      // A statement about none of the named records only counts when it covers nearly all of the ask.
      const cueRatio = coverage(cues, [doc], [], index).ratio;
      const otherBody = exact && index.kb.byId.get(doc.recordId)?.kind === 'initiative';
      const counted = related || (!otherBody && cov.ratio >= UNRELATED_COVERAGE && ask.content.length > 1);
      const version = versions.length ? Math.max(...versions.map((fitOf) => fitOf(doc))) : 0;
      const fit =
        slotFit(doc, ask, ctx.q, own.has(doc.recordId)) +
        NAMES_WEIGHT * shareOf(doc) +
        VERSION_WEIGHT * version;
      // …and even then weighs a little less than the named record's own statement covering as much.
      const ratio = counted ? cov.ratio * (related ? 1 : UNRELATED_WEIGHT) : cov.ratio * 0.4;
      return { doc, cov: { ...cov, ratio }, cues: cueRatio, fit, related, otherVersion: version < 0 };
    })
    .sort((a, b) => value(b.cov.ratio, b.cues, b.fit) - value(a.cov.ratio, a.cues, a.fit));
}

const UNRELATED_COVERAGE = 0.8;
/** What a counted statement about none of the named records is worth beside one of theirs. */
const UNRELATED_WEIGHT = 0.9;

/** At most this many of a named record's own statements are weighed beside the ranked ones. */
const OWN_LIMIT = 40;

/** How much naming the version asked for (or only another one) counts when picking a statement. */
const VERSION_WEIGHT = 0.3;

/** How much naming every named record counts when picking a statement ("Jeff Boudreau (…, Dell)" for Dell). */
const NAMES_WEIGHT = 0.6;

/** How an organization takes part in a body it doesn't run. */
const MEMBER_ROLES = new Set(['member', 'founding-member', 'partner']);

/** Whether `body` is an initiative that one of the named organizations is a member of. */
function placedIn(records: readonly KbRecord[], body: KbRecord): boolean {
  return (
    body.kind === 'initiative' &&
    records.some(
      (o) =>
        o.kind === 'organization' &&
        o.involvement.some((i) => i.initiative === body.id && MEMBER_ROLES.has(i.role)),
    )
  );
}

/**
 * "How did Engadget describe the Alliance?": a route's answer that leaves out a record the question names gives
 * way to the best statement that names them all (one record's statement naming the other).
 */
function namingAll(
  ctx: Ctx,
  draft: Draft,
  records: readonly KbRecord[],
  ranked: () => readonly Scored[],
): Draft | undefined {
  // Profiles set side by side name every record by construction; one statement naming three or more of them
  // together ("Meta's focus is consumers, while Wang sees Anthropic and OpenAI …") is what links them.
  const members = ctx.mentions.filter((m) => m.surfaces.every((s) => s.record.kind !== 'initiative'));
  const sideBySide = draft.via === 'compare' && members.length >= 3;
  // A sure yes or no ("Yes — A is a member…") stands; the confidence cap marks what it leaves out. So does the
  // holder of a role at a company placed in a body ("who founded that insurer in the Alliance?"): …
  if (
    records.length < 2 ||
    draft.list ||
    (draft.sure &&
      (ctx.ask.yesNo ||
        // …and, for another role, a body it is a member of, left out of the answer, is where the question placed
        // the company; the body it co-founded, or a person, left out is not.
        (draft.via === 'role' &&
          (asks(ctx.ask, 'founders') ||
            records.every(
              (r) => placedIn(records, r) || namesEvery(draft, [draft.subject, r], ctx.index),
            ))))) ||
    (!sideBySide && namesEvery(draft, records, ctx.index))
  )
    return undefined;
  // Everyday words alone (what a company "gets" from a body) don't narrow the statements that name them all.
  const floor = ctx.ask.content.some((w) => informativeness(w) > 0.3) ? MIN_COVERAGE : 0;
  // Three names asked together are met by a statement naming two of them, when none names all three.
  const scored = ranked()
    .filter((s) => s.cov.ratio >= floor)
    .map((s) => ({ s, share: namesShare(s.doc, records, ctx.index) }));
  const most = Math.max(0, ...scored.map((x) => x.share));
  if (most < (records.length > 2 && !sideBySide ? 2 / 3 : 1) - 1e-9) return undefined;
  const all = scored.filter((x) => x.share >= most).map((x) => x.s);
  const top = all[0];
  if (!top) return undefined;
  return {
    subject: ctx.index.kb.byId.get(top.doc.recordId) ?? draft.subject,
    lead: '',
    docs: all.slice(0, 2).map((s) => s.doc),
    confidence: Math.min(draft.confidence, UNSURE_CAP),
    alternatives: draft.alternatives,
    via: 'statement',
  };
}

/** The named records and their neighbours in the graph: what an organization takes part in, a person's employers, a project's owner, an initiative's projects. */
function neighbourhood(records: readonly KbRecord[], ctx: Ctx): string[] {
  const out = new Set<string>();
  for (const r of records) {
    out.add(r.id);
    for (const p of ctx.index.projectsOf.get(r.id) ?? []) out.add(p.id);
    if (r.kind === 'organization') {
      for (const inv of r.involvement) out.add(inv.initiative);
      if (r.runs) out.add(r.runs);
    } else if (r.kind === 'person') {
      for (const role of r.roles) for (const id of [role.organization, role.initiative]) if (id) out.add(id);
    } else if (r.kind === 'project') {
      if (r.owner) out.add(r.owner);
    }
  }
  return [...out];
}

const FUZZY = (t: string) => (t.length > 6 ? 0.2 : false);

/** Cue words that only shape the question ("who", "did") and so never pick a statement. */
const QUESTION_WORDS = new Set(
  'who whom whos whose what whats when where why how which is are was were did does do has have had the a an in about ai of'.split(
    ' ',
  ),
);

/** A routed answer that answers the ask's type may leave this much of the content uncovered; a profile may not. */
const MIN_TYPED_COVERAGE = 0.3;

/**
 * Answerability: a reply is kept only when it covers what was asked. The routed draft is checked against the
 * ask's content terms; a statement of the named records (or one that names them) that covers the ask clearly
 * better takes its place; when nothing covers enough, the question is refused. Confidence then combines the
 * link score, the coverage and the margin over the runner-up statement.
 */
export function judge(ctx: Ctx, routedDraft: Draft | undefined): Plan {
  // A version no release statement names is unknown, whichever route answered ("Meta's releases" for Llama 3.4);
  // so is a version whose licence no statement tells.
  const releaseAsked = asks(ctx.ask, 'when', 'release') && !asks(ctx.ask, 'why');
  // (Only when the licence is all that is asked: "after the Llama 4 thing, will it open source …" asks a plan.)
  const licenceAsked =
    asks(ctx.ask, 'licence') &&
    ctx.ask.types.every((t) => t === 'licence' || t === 'overview' || t === 'membership');
  const unknown = namedRecords(ctx).projects.find(
    (p) => (releaseAsked && unknownVersionAsked(ctx, p)) || (licenceAsked && unknownLicenceVersion(ctx, p)),
  );
  if (unknown) return { kind: 'refuse', about: unknown, missing: [] };
  // "…since leaving X", while the records still list them at X.
  const untold = departureUntold(ctx);
  if (untold) return { kind: 'answer', draft: untold };
  // "How did Jane Roe react to it?": a person or company typed by name that no record or statement holds is
  // what the question is about; the named body's statements are about something else.
  // (A route that names the stranger itself — "I can't tell whether X is a member" — has said so already.)
  // "Which chip won this year?", "what is it working on right now?": the present, which dated records can't tell.
  if (!routedDraft?.declines && PRESENT.test(ctx.q.norm))
    return { kind: 'refuse', about: namedRecords(ctx).records[0], missing: [] };
  const stranger = routedDraft?.declines ? undefined : unrecordedName(ctx);
  if (stranger) return { kind: 'refuse', about: namedRecords(ctx).records[0], missing: [] };
  const plan = judgeDraft(ctx, routedDraft);
  if (plan.kind !== 'answer') return plan;
  // An answer that covers the ask's words but not its form ("how many" with no number) is no answer.
  const misfit = formMisfit(ctx, plan.draft);
  return misfit ? { kind: 'refuse', about: misfit, missing: [] } : plan;
}

function judgeDraft(ctx: Ctx, routedDraft: Draft | undefined): Plan {
  const { ask, index } = ctx;
  const specific = ask.types.some((t) => t !== 'overview' && t !== 'who' && t !== 'why');
  const named = namedRecords(ctx);
  // A refusal says what is known of the record the member named, not of one whose statement merely names it.
  const routedSubject = routedDraft?.subject;
  const about =
    routedSubject && (!named.records.length || named.records.some((r) => r.id === routedSubject.id))
      ? routedSubject
      : (named.records[0] ?? routedSubject);
  if (routedDraft?.unknown) return { kind: 'refuse', about, missing: [] };
  // "total budget of the members?": nothing named, but one featured body's statement holds every word.
  if (!named.records.length && !routedDraft) {
    const found = unnamedBodyStatement(ctx);
    return found ? { kind: 'answer', draft: found } : { kind: 'refuse', about, missing: ask.content };
  }
  if (routedDraft?.complete) return { kind: 'answer', draft: routedDraft };
  // A route that found the records can't tell ("who is CEO now") says so; a statement sharing a word doesn't.
  // (An organization a body's lists don't name may still be answered by a statement about it.)
  if (routedDraft?.declines && !routedDraft.docs.length && routedDraft.subject.kind !== 'initiative')
    return { kind: 'answer', draft: routedDraft };
  // "How much did it pay to join?" asks for a sum without a detail cue.
  if ((asks(ask, 'detail') || asksSum(ctx.q)) && !detailCovered(ctx, routedDraft, named.records))
    return { kind: 'refuse', about, missing: [] };
  // "What GPU cluster is the project trained on?": a kind of thing no statement anywhere names, asked of
  // something that has no members to pick by kind.
  if (!named.initiatives.length && ask.category.some((w) => unknownThing(w, index)))
    return { kind: 'refuse', about, missing: [] };
  if (
    comingEventUntold(ctx, named.records) ||
    howToUntold(ctx, named.records) ||
    schoolingUntold(ctx, named.records)
  )
    return { kind: 'refuse', about, missing: [] };
  const cues = ask.cueWords.filter((w) => !QUESTION_WORDS.has(w));
  // The statements that cover the ask best, ranked once and only if needed.
  const records = named.records.length ? named.records : routedDraft ? [routedDraft.subject] : [];
  let rankedOnce: Scored[] | undefined;
  const ranked = () => {
    rankedOnce ??= records.length ? bestStatements(ctx, records, cues) : [];
    return rankedOnce;
  };
  const draft = routedDraft && (namingAll(ctx, routedDraft, named.records, ranked) ?? routedDraft);
  // Content made only of everyday words ("at the time") doesn't outweigh what a typed route answers; statements
  // a route merely ranked by topic still compete with the rest on the ask's cue words.
  const light = ask.content.every((w) => informativeness(w) <= 0.3);
  // "What ever happened to Adept?": everyday words the knowledge base uses elsewhere ask for no fact of their
  // own, so a profile may answer; one it never uses ("age", "price") asks for what it doesn't hold.
  const everyday = light && ask.content.every((w) => index.facts.has(w) || index.vocab.has(w));
  if (
    (ask.content.length === 0 || (light && draft && !draft.generic && draft.sure)) &&
    !(draft?.generic && specific && cues.length)
  ) {
    if (!draft) return { kind: 'refuse', about, missing: [] };
    const kept = supportingOnly(ctx, draft, cues);
    return {
      kind: 'answer',
      draft:
        kept.sure && namesEvery(kept, named.records, index)
          ? kept
          : { ...kept, confidence: Math.min(kept.confidence, UNSURE_CAP) },
    };
  }
  const routed = draft
    ? coverage(ask.content, draft.docs, [draft.lead], index, ctx.q.norm)
    : { ratio: ask.content.length ? 0 : 1, missing: ask.content };
  const routedCues = draft ? coverage(cues, draft.docs, [draft.lead], index).ratio : 0;
  // A route built for the ask's kind fits it by construction; another is as good as the statements it holds.
  const routedFit =
    !draft || draft.sure || draft.lead
      ? TYPED_FIT
      : Math.max(0, ...draft.docs.map((d) => slotFit(d, ask, ctx.q, d.recordId === draft.subject.id)));
  const best = ranked();
  // "What did <person> say …": only their own words, or a statement naming them, answer it.
  const speakers = asks(ask, 'quote') ? named.records.filter((r) => r.kind === 'person') : [];
  const bySpeaker = (doc: FactDoc) =>
    !speakers.length ||
    speakers.some((p) => {
      const text = ` ${normalize(`${doc.text} ${doc.quote ?? ''}`)} `;
      return (
        doc.recordId === p.id || doc.about.includes(p.id) || namesOf([p]).some((n) => text.includes(` ${n} `))
      );
    });
  // The best-ranked statement that answers enough of the ask: one that names every record but covers too little
  // doesn't hide the next one that covers it.
  const qualifies = (s: Scored) =>
    s.cov.ratio >= MIN_COVERAGE &&
    bySpeaker(s.doc) &&
    (ask.content.length > 0 || s.cues >= 0.5) &&
    // A statement must share something telling with the ask, not only an everyday word ("grow", "year").
    (ask.content.length === 0 ||
      ask.content.some((w) => informativeness(w) >= 0.6 && !s.cov.missing.includes(w)) ||
      // …or, against a profile, all of several everyday words ("who did he tell open would win").
      (draft?.generic && everyday && ask.content.length >= 2 && s.cov.ratio >= 0.99));
  const top = best.find(qualifies);
  let chosen: Draft | undefined = draft;
  let ratio = routed.ratio;
  if (
    top &&
    // A profile loses to any statement that answers the ask's type at least as well; a typed answer only to a
    // clearly better one.
    (draft?.generic
      ? value(top.cov.ratio, top.cues, top.fit) >= value(routed.ratio, routedCues, 0)
      : value(top.cov.ratio, top.cues, top.fit) > value(routed.ratio, routedCues, routedFit) + BETTER_BY &&
        // An answer built for the ask's kind yields only over a telling word it leaves out, or when it covers
        // none of several content words that a statement covers in full — and only to a statement of, or about,
        // a named record, unless the name was matched only loosely.
        (!draft?.sure ||
          ((top.related || named.score < EXACT_LINK) &&
            (routed.missing.some((w) => informativeness(w) >= TELLING || /\d/.test(w)) ||
              (routed.ratio < MIN_TYPED_COVERAGE && top.cov.ratio >= 0.99 && ask.content.length >= 2)))))
  ) {
    const subject = index.kb.byId.get(top.doc.recordId) ?? (draft?.subject as KbRecord);
    // "Which two universities…": the statements that say the same of other records come first.
    const alike = ask.several > 1 ? siblings(top, best, index).slice(0, ask.several - 1) : [];
    const supporting = [
      ...alike,
      ...best
        .slice(1)
        .filter((s) => s.cov.ratio >= MIN_COVERAGE && s.related && !s.otherVersion && !alike.includes(s.doc))
        .slice(0, 3 - alike.length)
        .map((s) => s.doc),
    ];
    // A yes or no the route is sure of still answers a yes/no question ("is PAI actually in it? seems
    // redundant"): it leads, and the statement that covers the rest of the message follows it.
    const keepsYes = draft?.sure && ask.yesNo && YES_OR_NO.test(draft.lead);
    chosen = {
      subject: keepsYes && draft ? draft.subject : subject,
      lead: keepsYes && draft ? draft.lead : '',
      leadSources: keepsYes ? draft?.leadSources : undefined,
      docs: [top.doc, ...supporting],
      alike,
      confidence: named.score * (top.related ? 1 : 0.8),
      alternatives: draft?.alternatives,
      via: 'statement',
      // Asked for someone's words: their own wording, where the record has it, beside the summary.
      quoteStyle: asks(ask, 'quote'),
    };
    ratio = top.cov.ratio;
  } else if (draft?.generic && specific && ask.content.length === 0) {
    // "When will they release the weights?": a plan or date to come that no statement gives; a profile of the
    // name would answer something else.
    if (asks(ask, 'plans') && asks(ask, 'when')) return { kind: 'refuse', about, missing: [] };
    // A profile given for a specific ask that no statement answers better: shown, but not as a sure answer.
    return { kind: 'answer', draft: { ...draft, confidence: draft.confidence * 0.55 } };
  }
  const floor = chosen === draft && draft && !draft.generic ? MIN_TYPED_COVERAGE : MIN_COVERAGE;
  // A typed answer is only refused over a telling word it leaves out ("revenue"), not everyday ones ("kicked").
  const telling = routed.missing.some((w) => informativeness(w) >= TELLING || /\d/.test(w));
  // A rare word no statement anywhere contains ("vram", "hometown") is an ask the knowledge base can't answer.
  const unknownAsk = chosen === draft && routed.missing.some((w) => unknownThing(w, index));
  // A profile whose statements, not its opening, hold what was asked ("the demo Meta withdrew") leads with them:
  // the opening would use up the length they need. So does a list of projects read from a word of work ("help
  // its speech work"): a list the question never asked for is no answer.
  const unaskedList = draft?.list && !asks(ask, 'count', 'members', 'membership', 'whyNot');
  if (
    chosen === draft &&
    (draft?.generic || unaskedList) &&
    draft.lead &&
    draft.docs.length &&
    ask.content.length
  ) {
    const opening = coverage(ask.content, [], [draft.lead], index).ratio;
    const statements = coverage(ask.content, draft.docs, [], index).ratio;
    if (statements >= opening + DOCS_BETTER_BY)
      chosen = { ...draft, lead: '', leadSources: undefined, list: false };
  }
  // A profile met only by everyday words the knowledge base uses ("what ever happened to Adept") stands, unsure.
  // A person's profile lists their roles, so it answers a role asked in everyday words ("what happened to X").
  const rolesOnly = ask.types.every((t) => ['role', 'career', 'who', 'overview'].includes(t));
  const profileStands =
    chosen === draft &&
    draft?.generic &&
    everyday &&
    (!specific || (draft.subject.kind === 'person' && rolesOnly));
  if (
    !chosen ||
    unknownAsk ||
    (ratio < floor && !profileStands && (chosen !== draft || draft.generic || telling))
  )
    return { kind: 'refuse', about, missing: routed.missing };
  const runnerUp = best.find((s) => s.doc !== top?.doc && s.doc.recordId !== top?.doc.recordId);
  const margin = top && runnerUp && runnerUp.cov.ratio >= top.cov.ratio && chosen !== draft ? 0.85 : 1;
  const confidence = Math.min(
    chosen.confidence * (0.4 + 0.6 * ratio) * margin,
    // Only a typed answer that covers the whole ask is a sure one; a statement picked for some of its words
    // may be about something near it.
    chosen === draft && draft.sure && ratio >= 1 ? 1 : UNSURE_CAP,
    // "When did Apple join it?" answered with the initiative's own launch date leaves Apple out: not sure.
    namesEvery(chosen, named.records, index) ? 1 : UNSURE_CAP,
  );
  const kept = supportingOnly(ctx, chosen, cues);
  // An answer that isn't sure brings the next statements that cover the ask as well as it does: the fact asked
  // for is often in a neighbour of the one ranked first.
  if (confidence < 0.8 && !kept.listStyle && !kept.list && ask.content.length > 0) {
    const extra = best
      .filter(
        (s) => s.related && !s.otherVersion && s.cov.ratio >= MIN_COVERAGE && !kept.docs.includes(s.doc),
      )
      .slice(0, 2)
      .map((s) => s.doc);
    if (extra.length)
      return { kind: 'answer', draft: { ...kept, docs: [...kept.docs, ...extra], confidence } };
  }
  return { kind: 'answer', draft: { ...kept, confidence } };
}

/** How alike two statements' words must be, names left out, to say the same thing of two records. */
const ALIKE = 0.4;
/** How much less of the ask a statement saying the same of another record may cover (its name differs). */
const ALIKE_SLACK = 0.35;

/**
 * The statements that say of other records what the top one says of its own ("MIT was not a member … TechCrunch
 * lists it as a curious omission" beside the same of Stanford), most alike first: a question asking for two or
 * three things wants each of them.
 */
function siblings(top: Scored, best: readonly Scored[], index: Ctx['index']): FactDoc[] {
  const wordsOf = (doc: FactDoc) => {
    const record = index.kb.byId.get(doc.recordId);
    const names = new Set(record ? namesOf([record]).flatMap((n) => n.split(' ')) : []);
    return new Set(indexTerms(doc.text).filter((w) => !names.has(w)));
  };
  const mine = wordsOf(top.doc);
  const alike = (doc: FactDoc) => {
    const theirs = wordsOf(doc);
    let shared = 0;
    for (const w of theirs) if (mine.has(w)) shared++;
    return shared / (mine.size + theirs.size - shared || 1);
  };
  return best
    .filter(
      (s) => s.doc.recordId !== top.doc.recordId && s.related && s.cov.ratio >= top.cov.ratio - ALIKE_SLACK,
    )
    .map((s) => ({ doc: s.doc, score: alike(s.doc) }))
    .filter((s) => s.score >= ALIKE)
    .sort((a, b) => b.score - a.score)
    .map((s) => s.doc);
}

/** The share of the ask a statement of a body the question never named must cover (a synonym counts for less). */
const UNNAMED_COVERAGE = 0.9;

/** The confidence of an answer from a body the question never named. */
const UNNAMED_CONFIDENCE = 0.6;

/**
 * A question that names nothing is about a featured body when one of its statements covers every content word,
 * nearly (a synonym counts for less) — of which there are two or more and one is telling: shown, but not as a sure answer, since the body is inferred.
 */
function unnamedBodyStatement(ctx: Ctx): Draft | undefined {
  const { ask, index } = ctx;
  if (ask.content.length < 2 || !ask.content.some((w) => informativeness(w) >= 0.6)) return undefined;
  const featured = new Set(index.featured.map((r) => r.id));
  const query = [...new Set([...ask.content, ...ask.cueWords.filter((w) => !QUESTION_WORDS.has(w))])].join(
    ' ',
  );
  const covering = index.facts
    .search(query, FUZZY, 20)
    .map((h) => index.factDocs[h.id] as FactDoc)
    .filter(
      (d) =>
        featured.has(d.recordId) &&
        visibleTo(ctx, d) &&
        coverage(ask.content, [d], [], index, ctx.q.norm).ratio >= UNNAMED_COVERAGE,
    );
  const doc = covering[0];
  const subject = doc && index.kb.byId.get(doc.recordId);
  if (!doc || !subject) return undefined;
  return { subject, lead: '', docs: [doc], confidence: UNNAMED_CONFIDENCE, via: 'statement' };
}

/**
 * Supporting statements under a lead stay only when they bear on the ask: they share its words or cue words,
 * their topic is the kind asked for, or they name another record the question names. A list keeps its items.
 */
function supportingOnly(ctx: Ctx, draft: Draft, cues: readonly string[]): Draft {
  if (!draft.lead || draft.listStyle) return draft;
  const words = [...ctx.ask.content, ...cues];
  const others = namedRecords(ctx).records.filter((r) => r.id !== draft.subject.id);
  // "What is X…?" asks for X's profile too: X's own statements bear on it.
  const profile = asks(ctx.ask, 'overview');
  const docs = draft.docs.filter(
    (d) =>
      (profile && d.recordId === draft.subject.id) ||
      (words.length > 0 && coverage(words, [d], [], ctx.index).ratio > 0) ||
      slotFit(d, ctx.ask, ctx.q, false) >= 0.3 ||
      (others.length > 0 && namesShare(d, [draft.subject, ...others], ctx.index) > 0.5),
  );
  return docs.length === draft.docs.length ? draft : { ...draft, docs };
}

/**
 * A word that names a thing no statement anywhere mentions ("vram", "hometown", "valuation"): rare in English and
 * absent from the knowledge base. Verb forms ("bragged") describe how something was said, not what is asked.
 */
function unknownThing(word: string, index: Ctx['index']): boolean {
  if (word.length < 4 || /(?:ed|ing)$/.test(word)) return false;
  return informativeness(word) >= 1 && !index.facts.has(word) && !index.vocab.has(word);
}

/**
 * A name typed as one ("Jane Roe", "Acme Robotics"): two or more capitalised words in a row, none linked to a
 * record, none a question word, and none used anywhere in the knowledge base.
 */
function unrecordedName(ctx: Ctx): string | undefined {
  const used = wordsUsed(ctx.index);
  const linked = new Set(ctx.mentions.flatMap((m) => normalize(m.typed).split(' ')));
  let run: string[] = [];
  const tokens = [...ctx.q.raw.split(/\s+/), ''];
  for (const token of tokens) {
    const word = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const key = normalize(word);
    const nameLike =
      /^\p{Lu}\p{Ll}+$/u.test(word) &&
      !WH_WORDS.has(key) &&
      !STOPWORDS.has(key) &&
      !linked.has(key) &&
      !used.has(key);
    if (nameLike) run.push(word);
    if (!nameLike || /[,.;:?!]$/.test(token)) {
      if (run.length >= 2) return run.join(' ');
      run = [];
    }
  }
  return undefined;
}

/** Words of the present moment or period ("right now", "this year"); "these days" often asks what still holds. */
const PRESENT = /\b(?:right now|this (?:year|month|week|weekend)|today|currently|nowadays|at the moment)\b/;

/** A lead that answers yes or no. */
const YES_OR_NO = /^(?:Yes|No)\b/;

/** The highest confidence of an answer that is not a typed answer covering the whole ask. */
const UNSURE_CAP = 0.75;

/** Informativeness from which a word left uncovered makes a typed answer a refusal. */
const TELLING = 0.85;

/** How much more of the ask a profile's statements must cover than its opening to replace it. */
const DOCS_BETTER_BY = 0.25;

/** How much the ask's cue words count, beside its content, when picking a statement. */
const CUE_WEIGHT = 0.3;

/** A candidate's worth: content covered first, then cue words and typed slots. */
function value(ratio: number, cues: number, fit: number): number {
  return ratio + CUE_WEIGHT * cues + fit;
}
