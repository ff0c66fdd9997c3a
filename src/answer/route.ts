import { aliasName } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import type { Mention } from '../search/link.js';
import { withArticle } from '../search/render.js';
import { normalize } from '../text/normalize.js';
import { asks } from './ask.js';
import type { Draft } from './compose.js';
import type { Ctx } from './context.js';
import { coverage } from './coverage.js';
import { compare, distinctBodies } from './handlers/compare.js';
import { initiativeAnswer, membersAnswer } from './handlers/initiative.js';
import {
  asksAboutLeaving,
  listedMember,
  listedNames,
  listedOnly,
  membership,
  orgFromMentions,
  sharedInitiative,
  unknownMember,
  unknownName,
} from './handlers/membership.js';
import { orgAnswer, orgQuotes } from './handlers/organization.js';
import { personCareer, personOverview, personQuotes, personRolesAt, roleLookup } from './handlers/person.js';
import { projectAnswer } from './handlers/project.js';
import {
  describedSources,
  quotedPhrases,
  quotedRareWords,
  quotedSources,
  sourceAnswer,
  statementsQuoting,
} from './handlers/quoted.js';
import { globalSearch } from './handlers/search.js';
import { asksNow, capitalise, joinList, type Rec, topicsFor, uniqueRecords } from './handlers/shared.js';
import { publisherTells } from './reporters.js';
import {
  HEADLINE_WORDS,
  PUBLISHING_WORDS,
  REPORTING_VERBS,
  ROLE_WORDS,
  SOMEONE_WORDS,
  WH_WORDS,
} from './rules.js';
import { slotFit } from './slots.js';

/** The records a question names, by kind, and the weakest link score among them. */
export interface Named {
  records: readonly KbRecord[];
  initiatives: readonly Rec<'initiative'>[];
  orgs: readonly Rec<'organization'>[];
  people: readonly Rec<'person'>[];
  projects: readonly Rec<'project'>[];
  /** An organization asked about as a member (not the body behind a named initiative). */
  member: Rec<'organization'> | undefined;
  score: number;
}

/** One row of the route table: when it applies, and the handler (which may still decline with undefined). */
interface Route {
  name: string;
  applies(ctx: Ctx, n: Named): boolean;
  handle(ctx: Ctx, n: Named): Draft | undefined;
}

/**
 * The question passes on what someone reported ("TechCrunch says Google is out — is it?"), rather than asking for
 * their words ("what did X say", "how did X put it"): a reporting word with no "what" or "how" before it.
 */
function reports(words: readonly string[]): boolean {
  const at = words.findIndex((w) => REPORTING_VERBS.has(w));
  return at >= 0 && !words.slice(0, at).some((w) => ASKS_FOR_WORDS.has(w));
}

const ASKS_FOR_WORDS = new Set(['what', 'whats', 'how']);

const FOUNDER_ROLE = new Set(['founder', 'founded', 'creator']);

/** Minor words an acronym may skip ("Partnership on AI" is PAI). */
const ACRONYM_SKIPS = new Set(['of', 'on', 'for', 'and', 'the', 'in', '&']);

/**
 * The names an acronym spells: their words' initials ("Facebook AI Research" for FAIR; an all-capitals word such
 * as "AI" gives all its letters).
 */
function expansions(acronym: string, names: readonly string[]): string[] {
  const letters = acronym.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return names.filter((name) => {
    const words = name
      .replace(/\([^)]*\)/g, ' ')
      .split(/[\s-]+/)
      .filter(Boolean);
    if (words.length < 2) return false;
    const initials = words
      .filter((w) => !ACRONYM_SKIPS.has(w.toLowerCase()))
      .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : (w[0] ?? '')))
      .join('')
      .toUpperCase();
    return initials === letters;
  });
}

/** Words typed in capitals that aren't a name the question links ("HAI" in "stanford HAI"). */
function typedAcronyms(ctx: Ctx): string[] {
  const typed = ctx.q.raw.match(/\b[A-Z]{2,6}\b/g) ?? [];
  return [...new Set(typed)].filter((a) => ctx.ask.content.includes(a.toLowerCase()));
}

/** The last words of a name whose initials (a hyphenated word counts once) spell the acronym. */
function tailExpansion(acronym: string, name: string): string | undefined {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !ACRONYM_SKIPS.has(w.toLowerCase()));
  for (let start = 0; start + acronym.length <= words.length; start++) {
    const run = words.slice(start, start + acronym.length);
    if (run.map((w) => w[0]?.toUpperCase()).join('') === acronym) {
      const first = name.indexOf(run[0] as string);
      const last = name.lastIndexOf(run.at(-1) as string) + (run.at(-1) as string).length;
      return name.slice(first, last);
    }
  }
  return undefined;
}

/** A mention typed as an acronym alias ("PAI", "OTDI"). */
function isAcronym(m: Mention): boolean {
  const s = m.surfaces[0];
  return !!s && !s.isName && /^[A-Z][A-Z0-9*&.-]{1,7}$/.test(s.original);
}

/**
 * "Who founded that insurance company in the Alliance?": the organization named first, before the body it is in,
 * is the one whose founders are asked for, when the records name a founder of it.
 */
function foundedMemberFirst(ctx: Ctx): boolean {
  const first = [...ctx.mentions].sort((a, b) => a.start - b.start)[0];
  const org = first?.surfaces.find((s) => s.record.kind === 'organization')?.record;
  if (!org || first?.surfaces.some((s) => s.record.kind === 'initiative')) return false;
  return (ctx.index.staffOfOrg.get(org.id) ?? []).some((s) => /\bfound/i.test(s.role.title));
}

/** One initiative and no record of the organization asked about: a membership question about a stranger. */
/** The question opens by asking what a name is or does ("what does the X do", "whats X"): X is its subject. */
function profileAsked(words: readonly string[], name: string): boolean {
  const at = words.indexOf(normalize(name).split(' ')[0] ?? '');
  const before = words.slice(0, Math.max(0, at)).filter((w) => w !== 'the' && w !== 'a' && w !== 'an');
  return at >= 0 && PROFILE_OPENINGS.has(before.join(' '));
}

const PROFILE_OPENINGS = new Set(['what does', 'what do', 'what is', 'whats', 'what s', 'who is', 'who are']);

function asksAboutUnrecorded(ctx: Ctx, n: Named): boolean {
  return (
    n.member === undefined &&
    n.initiatives.length === 1 &&
    n.people.length === 0 &&
    n.projects.length === 0 &&
    !asks(ctx.ask, 'founders', 'count', 'compare') &&
    // "Are A and B members?" asks about them, not for the member list.
    (!asks(ctx.ask, 'members') || ctx.ask.yesNo)
  );
}

function asksMembership(ctx: Ctx, n: Named): boolean {
  const { ask } = ctx;
  const org = n.member;
  // "Did Amazon help found it?" is a yes/no question about the organization's relation.
  // "Are IBM and Meta members of it?" asks about them; "who are its members?" for the list.
  // "The member count an outlet reported?" asks for a number, not whether the outlet is a member.
  if (
    !org ||
    (asks(ask, 'members') && !ask.yesNo) ||
    (asks(ask, 'founders') && !ask.yesNo) ||
    (asks(ask, 'count') && !ask.yesNo)
  )
    return false;
  const target = n.initiatives.find((i) => i.id !== org.runs);
  // "nvidia ai alliance?" names an organization and an initiative and asks nothing else: membership.
  // ("did anybody from X sign it?" asks about someone from it, not about X itself.)
  const bare =
    target !== undefined &&
    !ctx.q.words.some((w) => WH_WORDS.has(w) || SOMEONE_WORDS.has(w)) &&
    ask.content.length === 0 &&
    topicsFor(ask).length === 0 &&
    ask.types.every((t) => t === 'overview' || t === 'membership');
  const whyNot = asks(ask, 'whyNot') || (asks(ask, 'why') && ask.negated);
  return (
    (asks(ask, 'membership', 'members') ||
      bare ||
      (whyNot && target !== undefined) ||
      // "Does IBM lead the Alliance?": how the two are linked.
      (roleBetween(ctx) && target !== undefined) ||
      // "When did Microsoft leave it?": leaving a body the records say it stayed out of.
      // (…or one it belongs to: "did Stability AI quit it?")
      (target !== undefined &&
        asksAboutLeaving(ctx) &&
        org.involvement.some((i) => i.initiative === target.id)) ||
      (ask.yesNo && asks(ask, 'founders'))) &&
    (target !== undefined || org.involvement.length > 0)
  );
}

/** The record and spelling of a garbled name the member typed ("Laminedex"), if any. */
function garbledTyped(ctx: Ctx): { record: KbRecord; spelling: string; score: number }[] {
  const out: { record: KbRecord; spelling: string; score: number }[] = [];
  for (const m of ctx.mentions) {
    const s = m.surfaces.find((x) => x.garbled && x.key === m.typed);
    if (s && !out.some((o) => o.record.id === s.record.id))
      out.push({ record: s.record, spelling: s.original, score: m.score });
  }
  return out;
}

/**
 * Asks that only want to know what a name is ("what company is 'Laminedex'?", "who is 'Lacan' in the article?"):
 * cues of where the name was read ("says", "in the") don't make them ask more.
 */
function asksWhatItIs(ctx: Ctx): boolean {
  // "Is Foghere part of it?" asks about membership; "who is Lacan in the article?" only reads "in the" as one,
  // and "it lists Rodzen as a member, what is it really?" names the list it was read in.
  return ctx.ask.types.every((t) => WHAT_IT_IS.has(t) || (t === 'membership' && !ctx.ask.yesNo));
}

const WHAT_IT_IS: ReadonlySet<string> = new Set(['overview', 'who', 'context', 'quote', 'career', 'members']);

/** The routes in precedence order; the first that applies and answers wins, global search is the catch-all. */
const ROUTES: readonly Route[] = [
  {
    name: 'garbled name',
    applies: asksWhatItIs,
    handle: (ctx) => {
      const garbled = garbledTyped(ctx);
      const first = garbled[0];
      if (!first) return undefined;
      // "What are 'Laminedex' and 'Rodzen'?": each garbled name typed is told; one told alone keeps its correction.
      const lead =
        garbled.length === 1
          ? `"${first.spelling}" is a garbled spelling of ${first.record.name} in a machine translation of an article. ${first.record.summary}`
          : `${joinList(garbled.map((g) => `"${g.spelling}"`))} are garbled spellings of ${joinList(garbled.map((g) => g.record.name))}, in that order, in a machine translation of an article.`;
      const correction = (ctx.index.docsByRecord.get(first.record.id) ?? []).filter(
        (d) => d.recordId === first.record.id && d.spellings?.includes(normalize(first.spelling)),
      );
      return {
        subject: first.record,
        lead,
        leadSources: garbled.flatMap((g) => g.record.sources),
        docs: garbled.length === 1 ? correction.slice(0, 1) : [],
        confidence: Math.min(...garbled.map((g) => g.score)),
        sure: true,
        complete: true,
      };
    },
  },
  {
    name: 'compare',
    applies: (ctx) => asks(ctx.ask, 'compare') && distinctBodies(ctx.mentions).length >= 2,
    handle: (ctx, n) => compare(ctx, distinctBodies(ctx.mentions).slice(0, 3), n.score),
  },
  {
    name: 'acronym',
    applies: (ctx) => asks(ctx.ask, 'acronym') && ctx.mentions.some(isAcronym),
    handle: (ctx) => {
      const m = ctx.mentions.find(isAcronym) as Mention;
      const s = m.surfaces[0] as NonNullable<(typeof m.surfaces)[number]>;
      const record = s.record;
      const names = [
        record.name,
        ...record.aliases.filter((a) => typeof a === 'string' || !a.garbled).map(aliasName),
      ];
      const spelled = expansions(s.original, names);
      // "Partnership on AI" is short for a longer formal name the record also holds.
      const first = normalize(spelled[0] ?? record.name).split(' ')[0];
      const formal = names
        .filter(
          (n) => !spelled.includes(n) && n.split(' ').length >= 5 && normalize(n).split(' ')[0] === first,
        )
        .sort((a, b) => b.length - a.length)[0];
      return {
        subject: record,
        lead: `${s.original} stands for ${spelled.length ? spelled.join(', later ') : withArticle(record.name)}${formal ? `; its full name is ${formal}` : ''}. ${record.summary}`,
        leadSources: record.sources,
        docs: [],
        confidence: m.score,
        sure: true,
      };
    },
  },
  {
    // An acronym typed beside a name ("Stanford HAI", asked what HAI means), spelled out by the tail of one of
    // that record's names ("… for Human-Centered Artificial Intelligence").
    name: 'acronym in a name',
    applies: (ctx) => asks(ctx.ask, 'acronym') && typedAcronyms(ctx).length > 0,
    handle: (ctx) => {
      for (const acronym of typedAcronyms(ctx))
        for (const record of uniqueRecords(ctx.mentions)) {
          const names = [record.name, ...record.aliases.filter((a) => typeof a === 'string').map(aliasName)];
          const spelled = names.map((n) => tailExpansion(acronym, n)).find(Boolean);
          if (spelled)
            return {
              subject: record,
              lead: `${acronym} stands for ${spelled}, as in ${names.find((n) => n.includes(spelled))}. ${record.summary}`,
              leadSources: record.sources,
              docs: [],
              confidence: Math.min(...ctx.mentions.map((m) => m.score)),
              sure: true,
            };
        }
      return undefined;
    },
  },
  {
    name: 'person',
    applies: (ctx, n) =>
      n.people.length > 0 &&
      (n.initiatives.length === 0 || asks(ctx.ask, 'who', 'career', 'quote', 'role')) &&
      // "Thurai said Databricks was missing — did it join later?": the person reports; the organizations are asked.
      !(n.orgs.length > 0 && asks(ctx.ask, 'membership') && reports(ctx.q.words)),
    handle: (ctx, n) => {
      const person = n.people[0] as Rec<'person'>;
      // A person "joining" an organization is a career step, not a membership.
      // "When did she say she's leaving?" asks when the career step was announced, not for her words.
      // "What is she doing now?" asks for the roles she holds today, which her career tells (or can't tell).
      const now = asksNow(ctx.q.words) && !asks(ctx.ask, 'quote');
      if (
        now ||
        (asks(ctx.ask, 'career', 'membership') && (!asks(ctx.ask, 'quote') || ctx.q.words[0] === 'when'))
      )
        return personCareer(ctx, person, n.orgs[0], n.score);
      if (asks(ctx.ask, 'quote')) return personQuotes(ctx, person, n.score);
      // A person's role asked at a named body or company: the roles there, not the whole profile.
      const at = [...n.initiatives, ...n.orgs];
      const roleThere =
        asks(ctx.ask, 'role') && !asks(ctx.ask, 'who') && !ctx.ask.content.length && at.length;
      const there = roleThere ? personRolesAt(ctx, person, at, n.score) : undefined;
      return there ?? personOverview(ctx, person, n.score);
    },
  },
  {
    name: 'role',
    applies: (ctx) =>
      asks(ctx.ask, 'who', 'role') &&
      ctx.ask.roleWords.length > 0 &&
      !roleBetween(ctx) &&
      // "Who founded Stability AI?" asks for a person; "who founded the AI Alliance?" for its founding members.
      (ctx.ask.roleWords.some((w) => !FOUNDER_ROLE.has(w)) ||
        !asks(ctx.ask, 'founders') ||
        namedRecords(ctx).initiatives.length === 0 ||
        foundedMemberFirst(ctx)),
    handle: (ctx, n) => roleLookup(ctx, [...n.initiatives, ...n.orgs, ...n.projects], n.score),
  },
  {
    // Who talked on a company's behalf: its words come before its membership.
    name: 'organization quotes',
    applies: (ctx, n) =>
      asks(ctx.ask, 'quote') &&
      n.member !== undefined &&
      n.people.length === 0 &&
      // "TechCrunch says Google is pulling out — did it?" reports a claim; it doesn't ask for anyone's words.
      (asks(ctx.ask, 'who') || !reports(ctx.q.words)) &&
      // "Why did the paper call MIT's absence curious?" asks the reason for its absence, as the paper saw it.
      !(asks(ctx.ask, 'whyNot') && n.initiatives.length > 0) &&
      // "How did the paper label that startup?" asks for the outlet's words about it, not the company's own.
      !publisherTells(ctx.q, ctx.index),
    handle: (ctx, n) => orgQuotes(ctx, n.member as Rec<'organization'>, n.score),
  },
  {
    // "What does <a name only a member list holds> do?": the list is all the records say of it.
    name: 'listed name',
    applies: (ctx, n) =>
      n.member === undefined &&
      n.initiatives.length === 1 &&
      n.people.length === 0 &&
      n.projects.length === 0 &&
      !ctx.ask.yesNo &&
      asks(ctx.ask, 'overview') &&
      !asks(ctx.ask, 'membership', 'when', 'count', 'founders', 'compare', 'quote'),
    handle: (ctx, n) => {
      const initiative = n.initiatives[0] as Rec<'initiative'>;
      const [found] = listedNames(ctx, initiative);
      return found && profileAsked(ctx.q.words, found.name) ? listedOnly(found, initiative) : undefined;
    },
  },
  {
    // "Is Northeastern University in it?": no record of its own, but a member list of the initiative names it.
    name: 'listed member',
    applies: (ctx, n) =>
      asksAboutUnrecorded(ctx, n) &&
      (asks(ctx.ask, 'membership') ||
        ctx.ask.yesNo ||
        // "northeastern university ai alliance": a name and an initiative, nothing else asked.
        (!ctx.q.words.some((w) => WH_WORDS.has(w)) && ctx.ask.types.every((t) => t === 'overview'))),
    handle: (ctx, n) => {
      const initiative = n.initiatives[0] as Rec<'initiative'>;
      const found = listedNames(ctx, initiative);
      return found.length ? listedMember(found, initiative) : undefined;
    },
  },
  {
    name: 'unknown member',
    applies: (ctx, n) =>
      asksAboutUnrecorded(ctx, n) &&
      (asks(ctx.ask, 'membership') || ctx.ask.yesNo) &&
      unknownName(ctx) !== undefined,
    handle: (ctx, n) => unknownMember(unknownName(ctx) as string, n.initiatives[0] as Rec<'initiative'>),
  },
  {
    name: 'membership',
    applies: asksMembership,
    handle: (ctx, n) => {
      const org = n.member as Rec<'organization'>;
      const draft = membership(
        ctx,
        org,
        n.initiatives.find((i) => i.id !== org.runs),
        n.score,
      );
      // "Does IBM lead it?" is not answered by "yes" to a membership: the link is told, the role not claimed.
      return draft && roleBetween(ctx) && draft.lead.startsWith(YES)
        ? { ...draft, lead: capitalise(draft.lead.slice(YES.length)) }
        : draft;
    },
  },
  {
    name: 'shared initiative',
    applies: (_ctx, n) => n.initiatives.length === 0 && n.orgs.length >= 2 && n.projects.length === 0,
    handle: (ctx, n) => {
      const shared = sharedInitiative(ctx, n.orgs);
      return shared ? initiativeAnswer(ctx, shared, n.score * 0.95) : undefined;
    },
  },
  {
    name: 'initiative',
    // A project's licence and releases are its own, even when the question also names the initiative it is in.
    // …and so is what a project is, asked right after "what is" ("what is <project> in <body>").
    applies: (ctx, n) =>
      n.initiatives.length > 0 &&
      !(n.projects.length > 0 && (asks(ctx.ask, 'licence', 'release') || profiled(ctx)?.kind === 'project')),
    handle: (ctx, n) => initiativeAnswer(ctx, n.initiatives[0] as Rec<'initiative'>, n.score),
  },
  {
    name: 'project',
    applies: (_ctx, n) => n.projects.length > 0,
    handle: (ctx, n) => projectAnswer(ctx, n.projects[0] as Rec<'project'>, n.score),
  },
  {
    name: 'organization',
    applies: (_ctx, n) => n.member !== undefined,
    handle: (ctx, n) => orgAnswer(ctx, n.member as Rec<'organization'>, n.score),
  },
  {
    name: 'person overview',
    applies: (_ctx, n) => n.people.length > 0,
    handle: (ctx, n) => personOverview(ctx, n.people[0] as Rec<'person'>, n.score),
  },
  { name: 'search', applies: () => true, handle: (ctx) => globalSearch(ctx) },
];

/** Groups the named records by kind. */
export function namedRecords(ctx: Ctx): Named {
  const records = uniqueRecords(ctx.mentions);
  // The initiative named most surely first: "open source" loosely naming Meta's releases doesn't outrank a
  // name typed in full.
  const linkScore = (r: KbRecord) =>
    Math.max(
      0,
      ...ctx.mentions.filter((m) => m.surfaces.some((s) => s.record.id === r.id)).map((m) => m.score),
    );
  const initiatives = records
    .filter((r): r is Rec<'initiative'> => r.kind === 'initiative')
    .sort((a, b) => linkScore(b) - linkScore(a));
  const orgs = records.filter((r): r is Rec<'organization'> => r.kind === 'organization');
  // "Meta's research community": an organization typed right before a body it founded names the body, and is
  // no member asked about.
  const owner = (o: Rec<'organization'>) =>
    ctx.mentions.some(
      (m) =>
        m.surfaces.some((s) => s.record.id === o.id) &&
        ctx.mentions.some(
          (b) =>
            b.start === m.end &&
            b.surfaces.some(
              (s) =>
                s.record.kind === 'initiative' &&
                o.involvement.some((i) => i.initiative === s.record.id && i.role === 'co-founder'),
            ),
        ),
    );
  return {
    records,
    initiatives,
    orgs,
    people: records.filter((r): r is Rec<'person'> => r.kind === 'person'),
    projects: records.filter((r): r is Rec<'project'> => r.kind === 'project'),
    member:
      orgs.find((o) => (!o.runs || !initiatives.some((i) => i.id === o.runs)) && !owner(o)) ??
      orgFromMentions(ctx.mentions, initiatives),
    score: Math.min(1, ...ctx.mentions.map((m) => m.score)),
  };
}

/**
 * "Is Meta AI really running the community?": a yes/no question whose role word stands between an organization
 * and another record asks how the two are linked, not who holds a role at the first.
 */
function roleBetween(ctx: Ctx): boolean {
  if (!ctx.ask.yesNo) return false;
  const { words } = ctx.q;
  const at = words.findIndex((w) => !!ROLE_WORDS[w]);
  if (at < 0) return false;
  const before = ctx.mentions.some(
    (m) => m.end <= at && m.surfaces.every((s) => s.record.kind === 'organization'),
  );
  return before && ctx.mentions.some((m) => m.start > at);
}

const YES = 'Yes — ';

/** The record named right after "what is" / "who is" / "what's": the one the question asks to be described. */
function profiled(ctx: Ctx): KbRecord | undefined {
  const { words } = ctx.q;
  const m = ctx.mentions.find((x) => {
    const [a, b] = [words[x.start - 2], words[x.start - 1]];
    // "what's" reads as "what" before the name.
    return (
      ((b === 'whats' || b === 'what') && x.start === 1) ||
      ((a === 'what' || a === 'who') && (b === 'is' || b === 's' || b === 'was'))
    );
  });
  return m?.surfaces[0]?.record;
}

/** Runs the route table: the first route that applies and answers gives the draft. */
/**
 * "Which Swiss firms signed up at the start?": no body named, and the one featured body with
 * members of that kind is the one asked about — shown, but not as a sure answer, since the body is inferred.
 */
function membersOfUnnamedBody(ctx: Ctx): Draft | undefined {
  if (ctx.ask.category.length === 0 || !asks(ctx.ask, 'members', 'membership')) return undefined;
  // The featured bodies are the ones members ask about without naming them.
  const bodies = ctx.index.featured
    .filter((r): r is Rec<'initiative'> => r.kind === 'initiative')
    .map((initiative) => ({ initiative, members: membersAnswer(ctx, initiative) }))
    .filter((b) => b.members.picked?.length);
  const only = bodies.length === 1 ? bodies[0] : undefined;
  return only && { subject: only.initiative, ...only.members, list: true, confidence: 0.7 };
}

export function route(ctx: Ctx): Draft | undefined {
  const named = namedRecords(ctx);
  // A quoted title with a word about publishing ("which outlet ran '…'") names a source.
  const quoted = ctx.q.words.some((w) => PUBLISHING_WORDS.has(w)) ? quotedSources(ctx) : [];
  // …or describes it: the outlet that ran a headline on some subject, or the headline of a named outlet.
  // ("X's headline on Y" asks for it without a question word.)
  if (!quoted.length && ctx.q.words.some((w) => WH_WORDS.has(w) || HEADLINE_WORDS.has(w)))
    quoted.push(...describedSources(ctx));
  if (quoted.length) {
    const draft = sourceAnswer(ctx, quoted);
    if (draft) return { ...draft, via: 'source title' };
  }
  // A phrase the member quotes from an article: the statement that holds it answers.
  const phrases = quotedPhrases(ctx);
  if (phrases.length) {
    const docs = statementsQuoting(
      ctx,
      phrases,
      (d) => coverage(ctx.ask.content, [d], [], ctx.index).ratio + slotFit(d, ctx.ask, ctx.q, false),
    );
    const first = docs[0];
    const subject = first && ctx.index.kb.byId.get(first.recordId);
    if (first && subject)
      return {
        subject,
        lead: '',
        docs: docs.slice(0, 2),
        confidence: 0.7,
        via: 'quoted phrase',
        complete: true,
      };
  }
  const rare = quotedRareWords(ctx);
  const held = rare[0] && ctx.index.kb.byId.get(rare[0].recordId);
  if (held && rare.length <= 2)
    return { subject: held, lead: '', docs: rare, confidence: 0.7, via: 'quoted word', complete: true };
  if (named.records.length === 0) {
    const members = membersOfUnnamedBody(ctx);
    if (members) return { ...members, via: 'members of an unnamed body' };
    const found = globalSearch(ctx);
    return found && { ...found, via: 'search' };
  }
  for (const r of ROUTES) {
    if (!r.applies(ctx, named)) continue;
    const draft = r.handle(ctx, named);
    if (draft) return { ...draft, via: r.name };
  }
  return undefined;
}
