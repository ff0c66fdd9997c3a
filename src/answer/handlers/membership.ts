import { aliasName } from '../../knowledge/model.js';
import type { KbRecord } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import type { Mention } from '../../search/link.js';
import { nameWithAcronym, shortName, withArticle } from '../../search/render.js';
import { formatDate, MONTH_NAMES } from '../../text/dates.js';
import { informativeness } from '../../text/english.js';
import { normalize } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/vocabulary.js';
import { asks } from '../ask.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { SOMEONE_WORDS, WH_WORDS } from '../rules.js';
import { asksNow, joinedAfterLaunch, joinList, type Rec, rankDocs, spellingNote } from './shared.js';

/** Informativeness from which a word typed in lower case may be an organization's name. */
const NAME_LIKE = 0.6;

/** Words of leaving a body ("left out" is being kept out, not leaving). */
const LEAVING = new Set(
  'leave leaves leaving left quit quits quitting exit exits exited withdraw withdraws withdrew withdrawn'.split(
    ' ',
  ),
);

/** The question asks when or why someone left, or whether they did ("did Google quit it?"). */
export function asksAboutLeaving(ctx: Ctx): boolean {
  return ctx.q.words.some((w, i) => LEAVING.has(w) && ctx.q.words[i + 1] !== 'out');
}

/** Words asking for the latest state, beside those of {@link asksNow} ("still", "yet", "the latest"). */
const LATEST_WORDS: ReadonlySet<string> = new Set(
  'still yet anymore latest newest recent recently'.split(' '),
);

/** How an organization belongs to a body. */
const MEMBER_ROLES: ReadonlySet<string> = new Set(['co-founder', 'founding-member', 'member']);

/** The confidence of a yes or no given where a reason was asked. */
const UNSURE = 0.7;

export function membership(
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
    // Absence is not a fact: asked only whether it is in, the bot can't tell. (Asked why an outlet found its
    // place odd, or whether anyone from it signed, the statements about it still answer.)
    const someone = ctx.q.words.some((w) => SOMEONE_WORDS.has(w));
    if (ctx.ask.yesNo && !someone && !asks(ctx.ask, 'why', 'whyNot', 'who', 'quote')) {
      const unsure = `I can't tell whether ${name} is a member of ${init}: the records don't list it — the sources neither name it among the members nor say it stayed out.${spelling}`;
      return { subject: org, lead: unsure, docs: [], confidence: Math.min(score, 0.7), declines: true };
    }
    const docs = rankDocs(ctx, [org.id], { topics: ['summary', 'relation'], limit: 3 });
    return { subject: org, lead, docs, confidence: Math.min(score, 0.7) };
  }

  const whyAsk = asks(ctx.ask, 'why', 'whyNot');
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
  // "Did X quit it?" of a member: the records tell when it joined, never that it is still in, so a leaving they
  // don't tell of is one they can't rule out either.
  if (asksAboutLeaving(ctx) && MEMBER_ROLES.has(inv.role)) {
    const since = inv.role === 'member' ? when : (launched ?? when);
    const as =
      inv.role === 'co-founder'
        ? 'a co-founder'
        : inv.role === 'founding-member'
          ? 'a founding member'
          : 'a member';
    return {
      subject: org,
      lead: `I can't tell whether ${name} has left ${init}: the records list it as ${as}${since ? ` (${since})` : ''} and tell of no departure.`,
      leadSources: inv.sources,
      docs: [],
      confidence: score * 0.9,
      declines: true,
    };
  }
  let lead: string;
  switch (inv.role) {
    case 'co-founder': {
      if (joinedAfterLaunch(initiative, inv.date)) {
        lead = `Yes — ${name} is one of the founding partners of ${init}, but it joined on ${when}, after the launch${launched ? ` on ${launched}` : ''}.`;
        break;
      }
      const partners = (index.membersOf.get(initiative.id) ?? [])
        .filter(
          (m) =>
            m.inv.role === 'co-founder' && m.org.id !== org.id && !joinedAfterLaunch(initiative, m.inv.date),
        )
        .map((m) => shortName(m.org));
      // "co-founded under its former name, Facebook": the relation's note is part of the answer.
      const aside = [when, inv.note].filter(Boolean).join('; ');
      lead = `Yes — ${name} co-founded ${init}${partners.length ? ` with ${joinList(partners)}` : ''}${aside ? ` (${aside})` : ''}, so it is a founding member.`;
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
      // "When did X leave it?": a body it never joined, it never left — the premise is corrected.
      if (asksAboutLeaving(ctx)) {
        const atLaunch =
          inv.date && inv.date === initiative.launched?.date
            ? ` at its launch on ${formatDate(inv.date)}`
            : '';
        const reason = whyAsk && inv.reason ? ` ${inv.reason}` : '';
        lead = `${ctx.ask.yesNo ? 'No — ' : ''}${name} never left ${init}: it was never a member — not a founding member${atLaunch}, and ${laterLists(index, initiative)} don't include it either.${reason}`;
        break;
      }
      const at =
        inv.date && inv.date === initiative.launched?.date
          ? ` at its launch on ${formatDate(inv.date)}`
          : when
            ? ` as of ${when}`
            : '';
      // "Why did X stay out?" is answered by the reason; the member lists only matter to "is X in it?".
      lead =
        whyAsk && inv.reason
          ? `${name} was not a member of ${init}${at}. ${inv.reason}`
          : `No — ${name} is not a member of ${init}: it was not a founding member${at}, and ${laterLists(index, initiative)} don't include it either. ${inv.reason ?? ''}`.trim();
      break;
    }
    case 'critic':
      lead = `No — the records list ${name} as a critic of ${init}, not a member${inv.note ? ` (${inv.note})` : ''}.`;
      break;
  }
  lead += spelling;
  // A member's own words at the body's launch say more than its summary repeating the yes.
  const quoted = ['co-founder', 'founding-member', 'member'].includes(inv.role)
    ? (index.docsByRecord.get(initiative.id) ?? []).filter(
        (d) => d.recordId === initiative.id && d.topic === 'quote' && quoteSpeaksFor(d.text, org),
      )
    : [];
  // "Is X in it now?": the latest the records say of an organization left out is in its summary ("still missing
  // from the member pages as of …"), which a reply about today has to carry.
  const latest =
    inv.role === 'not-a-member' && (asksNow(ctx.q.words) || ctx.q.words.some((w) => LATEST_WORDS.has(w)))
      ? (index.docsByRecord.get(org.id) ?? []).filter((d) => d.recordId === org.id && d.topic === 'summary')
      : [];
  // "Did X quit it?": the body's own statement that X never left, where the records have one, says it best.
  const neverLeft =
    inv.role === 'not-a-member' && asksAboutLeaving(ctx)
      ? (index.docsByRecord.get(initiative.id) ?? []).filter(
          (d) => d.recordId === initiative.id && tellsOfLeaving(d.text) && namesOrg(d.text, org),
        )
      : [];
  const docs = [
    ...quoted.slice(0, 1),
    ...neverLeft.slice(0, 1),
    ...latest,
    ...rankDocs(ctx, [org.id], {
      topics:
        inv.role === 'not-a-member' ? ['relation', 'note', 'overview'] : ['overview', 'summary', 'note'],
      limit: 3,
    }).filter((d) => !(d.topic === 'relation' && d.about.includes(initiative.id))),
  ].slice(0, 3);
  // A yes or no is not an answer to "why": a sure one only when the records give the reason.
  const reasoned = !whyAsk || (inv.role === 'not-a-member' && !!inv.reason);
  const confidence = reasoned ? score * 0.95 : Math.min(score * 0.95, UNSURE);
  return { subject: org, lead, leadSources: inv.sources, docs, confidence, sure: true };
}

/** A text that speaks of leaving ("did not pull out of it", "joined and left"). */
export function tellsOfLeaving(text: string): boolean {
  return normalize(text)
    .split(' ')
    .some((w) => LEAVING.has(w) || w === 'pull' || w === 'pulled');
}

/** A text that names the organization by its name, short name or an alias. */
function namesOrg(text: string, org: Rec<'organization'>): boolean {
  const said = ` ${normalize(text)} `;
  return [org.name, shortName(org), ...org.aliases.map(aliasName)].some(
    (n) => n.length > 1 && said.includes(` ${normalize(n)} `),
  );
}

/** A quote statement whose speaker speaks for the organization: "Matt Hicks (President and CEO, Red Hat): …". */
function quoteSpeaksFor(text: string, org: Rec<'organization'>): boolean {
  const speaker = text.match(/^[^:(]{3,60}\(([^)]*)\):/)?.[1];
  if (!speaker) return false;
  return namesOrg(speaker, org);
}

/** Initiatives that every named organization is related to, best date match first. */
export function sharedInitiative(
  ctx: Ctx,
  orgs: readonly Rec<'organization'>[],
): Rec<'initiative'> | undefined {
  const ids = orgs.map((o) => new Set(o.involvement.map((i) => i.initiative)));
  const common = [...(ids[0] ?? [])].filter((id) => ids.every((s) => s.has(id)));
  const years = ctx.q.years;
  const month = Number(ctx.q.months[0]?.slice(5, 7) ?? 0) - 1;
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

/** An organization named together with the initiative it runs (the Partnership on AI is both). */
export function orgFromMentions(
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

/**
 * The name of an organization the question asks about that the knowledge base has no record or word of
 * ("is Tesla in the AI Alliance?"), as the member typed it; undefined when every content word is known.
 */
export function unknownName(ctx: Ctx): string | undefined {
  const { ask, index } = ctx;
  const unknown = new Set(ask.content.filter((w) => !index.facts.has(w) && !index.vocab.has(w)));
  if (unknown.size === 0 || unknown.size > 3) return undefined;
  const typed = ctx.q.raw
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w && unknown.has(normalize(w)));
  // A name: capitalised as typed, or all the content of a yes/no or membership question ("tesla in it?").
  const capitalised = typed.filter((w) => /^\p{Lu}/u.test(w));
  if (capitalised.length) return capitalised.join(' ');
  // Typed in lower case, a name is a word English doesn't use every day ("guy" is no organization).
  // "who's eligible to join it?" asks a question of its own; "tesla in it?" only asks about the name.
  const wh = ctx.q.words.some((w) => WH_WORDS.has(w));
  const membershipAsk = ask.yesNo || (asks(ask, 'membership') && !wh);
  const nameLike = [...unknown].every((w) => informativeness(w) >= NAME_LIKE);
  return membershipAsk && nameLike && unknown.size === ask.content.length && typed.length
    ? typed.join(' ')
    : undefined;
}

/**
 * Absence is not a fact: an organization with no record is named, and the reply says the records don't list it —
 * a refusal (the bot can't tell whether it is a member), not an answer.
 */
export function unknownMember(name: string, initiative: Rec<'initiative'>): Draft {
  const lead = `I can't tell whether ${name} is a member of ${withArticle(initiative.name)}: the records don't list it, neither among the members the sources name nor among those they say stayed out, and I have no record of ${name} at all.`;
  return { subject: initiative, lead, docs: [], confidence: 0, declines: true };
}

/** An organization without a record typed in a list beside recorded ones, in a membership question. */
export interface Stranger {
  /** As the member typed it. */
  name: string;
  /** Its words, as content terms: the recorded organizations' answers leave them out. */
  words: ReadonlySet<string>;
  initiative: Rec<'initiative'>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The raw text in lower case with accents folded, so its words meet the normalised ones. */
function normalizeSeparators(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Words that join the names of a list ("IBM and Tesla", "IBM or Tesla"); commas are gone once normalised. */
const LIST_JOINS = new Set(['and', 'or', 'nor', 'plus']);

/**
 * "Are IBM and Tesla in it?": an organization the records don't hold, typed next to one they do (or with only a
 * list word between them) in a membership question about one initiative. Each is answered on its own: the
 * recorded one from its relations, the stranger by saying the records don't list it.
 */
export function strangerBeside(ctx: Ctx): Stranger | undefined {
  const { ask, mentions, q } = ctx;
  if (!ask.yesNo && !asks(ask, 'membership')) return undefined;
  const bodies = mentions.filter((m) => m.surfaces.some((s) => s.record.kind === 'initiative'));
  const initiative = bodies[0]?.surfaces.find((s) => s.record.kind === 'initiative')?.record;
  const orgs = mentions.filter((m) => m.surfaces.every((s) => s.record.kind === 'organization'));
  if (bodies.length !== 1 || !orgs.length || initiative?.kind !== 'initiative') return undefined;
  const name = unknownName(ctx);
  if (!name) return undefined;
  const words = new Set(normalize(name).split(' ').filter(Boolean));
  const at = q.words.findIndex((w) => words.has(w));
  const end = at + words.size;
  // A list word between them, or (normalising drops commas) a comma, slash or "&" as typed.
  const typedJoin = (a: string, b: string) =>
    new RegExp(`${escapeRegExp(a)}\\s*[,/&+]\\s*${escapeRegExp(b)}`, 'i').test(normalizeSeparators(q.raw));
  const gap = (from: number, to: number) =>
    to - from === 1
      ? LIST_JOINS.has(q.words[from] as string)
      : to === from && typedJoin(q.words[from - 1] as string, q.words[from] as string);
  const listed = orgs.some((m) => (m.end <= at && gap(m.end, at)) || (m.start >= end && gap(end, m.start)));
  return at >= 0 && listed ? { name, words, initiative } : undefined;
}

/** Words in a statement that say the organizations it names are out ("missing", "none of them appears"). */
const ABSENCE = /\b(?:not|none|missing|absent|without|left out|stayed out|outside|never)\b/i;

/** An organization without a record, as a membership statement of the initiative writes it. */
export interface ListedName {
  name: string;
  doc: FactDoc;
}

/**
 * Organizations with no record of their own that a membership statement of the initiative names ("Members added
 * on February 8, 2024: …, Northeastern University, …"): the longest runs of the question's words found in such a
 * statement, as the statement writes them, in the order asked ("are A and B members?" finds both).
 */
export function listedNames(ctx: Ctx, initiative: Rec<'initiative'>): ListedName[] {
  const { words } = ctx.q;
  const content = new Set(ctx.ask.content);
  const inMention = new Set<number>();
  for (const m of ctx.mentions) for (let i = m.start; i < m.end; i++) inMention.add(i);
  const docs = (ctx.index.docsByRecord.get(initiative.id) ?? []).filter(
    (d) => d.recordId === initiative.id && d.topic === 'membership',
  );
  const found: (ListedName & { start: number; end: number })[] = [];
  for (let len = Math.min(5, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const last = i + len - 1;
      if (inMention.has(i) || inMention.has(last) || found.some((f) => i < f.end && f.start <= last))
        continue;
      const span = words.slice(i, i + len);
      // A name holds a content word, starts with a word that isn't a stopword ("Weights & Biases" starts with
      // a cue word), and may end in a short one ("Scale AI").
      if (!span.some((w) => content.has(w)) || STOPWORDS.has(words[i] as string)) continue;
      // "…in the feb 2024 batch": a date in the list's heading is no name in it.
      if (span.every((w) => /^\d+$/.test(w) || MONTH_NAMES.some((m) => m.startsWith(w)))) continue;
      if (len === 1 && !content.has(words[i] as string)) continue;
      if (!content.has(words[last] as string) && (words[last] as string).length > 3) continue;
      const text = span.join(' ');
      if (text.length < 4) continue;
      for (const doc of docs) {
        const name = findWritten(doc.text, text);
        // A name is written capitalised: "care" in "health care" is no organization.
        if (!name || !/^[\p{Lu}\d]/u.test(name)) continue;
        // An everyday word alone ("health") names a list's item only when it is the whole item, not the first
        // word of one ("Health Platforms").
        if (len === 1 && informativeness(text) < 0.85 && !wholeItem(doc.text, name)) continue;
        // …and a word capitalised only because a sentence starts with it ("Applications were due …") is none.
        if (startsSentence(doc.text, name) && !wholeItem(doc.text, name)) continue;
        found.push({ name, doc, start: i, end: i + len });
        break;
      }
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ name, doc }) => ({ name, doc }));
}

/** Whether `name` is written only at the start of a sentence of `text`. */
function startsSentence(text: string, name: string): boolean {
  let at = text.indexOf(name);
  if (at < 0) return false;
  while (at >= 0) {
    if (!(at === 0 || /[.!?:]\s+$/.test(text.slice(Math.max(0, at - 3), at)))) return false;
    at = text.indexOf(name, at + name.length);
  }
  return true;
}

/** Whether `name` stands alone between a list's separators in `text` ("…, Uber, …"). */
function wholeItem(text: string, name: string): boolean {
  const at = text.indexOf(name);
  if (at < 0) return false;
  const before = text.slice(0, at).trimEnd();
  const after = text.slice(at + name.length).trimStart();
  return (!before || /[,:;]$/.test(before)) && (!after || /^[,;.]/.test(after));
}

/** A text's tokens and the first normalised word of each, cached: the same statements are read for every name. */
const tokenCache = new Map<string, { tokens: readonly string[]; firsts: readonly string[] }>();
const TOKEN_CACHE_LIMIT = 4096;

function tokensOf(text: string): { tokens: readonly string[]; firsts: readonly string[] } {
  let entry = tokenCache.get(text);
  if (!entry) {
    const tokens = text.split(/[\s,;:()]+/).filter(Boolean);
    entry = { tokens, firsts: tokens.map((t) => normalize(t).split(' ')[0] ?? '') };
    // Bounded: statement texts are few, but a caller may pass others.
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(text, entry);
  }
  return entry;
}

/** The words of `text` that normalise to `span`, as written there ("Northeastern University"), if any. */
function findWritten(text: string, span: string): string | undefined {
  const n = span.split(' ').length;
  const { tokens, firsts } = tokensOf(text);
  const first = span.split(' ')[0];
  for (let i = 0; i + n <= tokens.length; i++) {
    // A piece normalises to the span only if its first word does to the span's first word.
    if (firsts[i] !== first) continue;
    const piece = tokens.slice(i, i + n).join(' ');
    if (normalize(piece) === span) return piece.replace(/[.'"]+$/, '');
  }
  return undefined;
}

/** Organizations without a record, answered from the membership statements that name them. */
export function listedMember(found: readonly ListedName[], initiative: Rec<'initiative'>): Draft {
  const init = withArticle(initiative.name);
  const verdict = (names: readonly string[], listed: boolean) =>
    listed
      ? `Yes — the records name ${joinList(names)} among the members of ${init}:`
      : `No — ${joinList(names)} ${names.length > 1 ? 'are' : 'is'} not on the member lists of ${init} in the records:`;
  // Names one statement holds are answered together, under it once.
  const byDoc = new Map<FactDoc, string[]>();
  for (const f of found) byDoc.set(f.doc, [...(byDoc.get(f.doc) ?? []), f.name]);
  const lead = [...byDoc]
    .map(([doc, names]) => `${verdict(names, !ABSENCE.test(doc.text))}\n${excerpt(doc.text, names)}`)
    .join('\n\n');
  return {
    subject: initiative,
    lead,
    leadSources: [...byDoc.keys()].flatMap((d) => d.sources),
    docs: [],
    confidence: 0.7,
  };
}

/**
 * "What does <a listed name> do?": a name only a member list holds has nothing told of it beyond the listing, so
 * the reply says so (a refusal, in words naming it) rather than showing the list as if it answered.
 */
export function listedOnly(found: ListedName, initiative: Rec<'initiative'>): Draft {
  const lead = `I don't know more about ${found.name} than that the records name it on a member list of ${withArticle(initiative.name)}.`;
  // Complete: the list statement holds the name's words, but saying them back is no answer.
  return { subject: initiative, lead, docs: [], confidence: 0, declines: true, complete: true };
}

/** A long list cut to its heading and the name asked about: "Members added on …: …, Uber, …". */
function excerpt(text: string, names: readonly string[]): string {
  if (text.length <= 300) return text;
  const colon = text.indexOf(':');
  if (colon < 0 || colon > 160) return text;
  const at = names.map((name) => ({ name, at: text.indexOf(name) }));
  if (at.some((x) => x.at < colon)) return text;
  const pieces = at
    .sort((a, b) => a.at - b.at)
    .map(({ name, at }) => `${name}${text.slice(at + name.length).match(/^[^,.;]*/)?.[0] ?? ''}`);
  return `${text.slice(0, colon + 1)} …, ${pieces.join(', …, ')}, …`;
}

/**
 * "the members added on February 8, 2024": the later member lists by their dates, so a member reads which lists
 * were checked; the records' later lists without dates are named as such.
 */
function laterLists(index: Ctx['index'], initiative: KbRecord): string {
  const launch = initiative.kind === 'initiative' ? initiative.launched?.date : undefined;
  const dates = [
    ...new Set(
      (index.membersOf.get(initiative.id) ?? [])
        .map((m) => m.inv.date)
        .filter((d): d is string => !!d && !!launch && d > launch),
    ),
  ].sort();
  if (!dates.length || dates.length > 3) return 'the later member lists in the records';
  return `the members added on ${joinList(dates.map((d) => formatDate(d)))}`;
}
