import type { KbRecord, Organization } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import { shortName, withArticle } from '../../search/render.js';
import { formatDate } from '../../text/dates.js';
import { informativeness } from '../../text/english.js';
import { normalize } from '../../text/normalize.js';
import { SYNONYMS } from '../../text/vocabulary.js';
import { asks } from '../ask.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { coverage } from '../coverage.js';
import { GENERIC_CATEGORY, ORG_TYPE_WORDS } from '../rules.js';
import {
  asksNow,
  capitalise,
  foundersOf,
  joinList,
  launchSentence,
  type Rec,
  rankDocs,
  thenCalled,
  topicsFor,
  uniqueRecords,
} from './shared.js';

export function initiativeAnswer(ctx: Ctx, initiative: Rec<'initiative'>, score: number): Draft {
  const { ask } = ctx;
  const scope = [initiative.id, ...(ctx.index.projectsOf.get(initiative.id) ?? []).map((p) => p.id)];
  const base = { subject: initiative as KbRecord, confidence: score };
  const launch = launchSentence(ctx, initiative);
  // What a "how many …" counts, and the kind of thing a "which …" asks for, when they aren't the members.
  const counted = countsThings(ctx.q.words);
  const things = thingsAsked(ctx.q.words);

  // "What's its website?": the address the record gives.
  // Only when nothing else is asked: "what did its website list" asks for what is on it.
  // "…list on its site": the site is where something else is read.
  const { words } = ctx.q;
  const onSite = words.some((w, i) => {
    const before = ['its', 'the', 'their'].includes(words[i - 1] ?? '') ? words[i - 2] : words[i - 1];
    return WEBSITE_WORDS.has(w) && ['on', 'at', 'from', 'in'].includes(before ?? '');
  });
  const forAddress =
    !onSite && words.some((w) => WEBSITE_WORDS.has(w)) && ask.content.every((w) => WEBSITE_WORDS.has(w));
  if (initiative.website && forAddress && !asks(ask, 'when', 'count', 'goals', 'members', 'membership')) {
    return {
      ...base,
      lead: `${capitalise(withArticle(initiative.name))}'s website is ${initiative.website}.`,
      leadSources: initiative.sources.slice(0, 1),
      docs: [],
      sure: true,
      // Asked for nothing but the address ("url?", "its site"), which the lead gives in any words.
      complete: true,
    };
  }
  if (
    asks(ask, 'count') &&
    (asks(ask, 'members', 'membership') || ask.cueWords.some((w) => GENERIC_CATEGORY.has(w))) &&
    !counted
  ) {
    return { ...base, ...memberCount(ctx, initiative), list: true, sure: true };
  }
  // "How many quotes were in the release?": the statements that give a number for the thing counted.
  if (counted) {
    // A number (not a year or a day of the month) with the thing counted beside it: "49 quotes", "statements
    // from 49 members".
    const counts = (d: FactDoc) => {
      const words = normalize(d.text.replace(MONTH_DAY, '')).split(' ');
      return words.some(
        (w, i) =>
          /^\d+$/.test(w) &&
          !/^(?:19|20)\d\d$/.test(w) &&
          [...words.slice(Math.max(0, i - 2), i), ...words.slice(i + 1, i + 4)].some(
            (near) => coverage([counted], [], [near], ctx.index).ratio > 0,
          ),
      );
    };
    const docs = scope
      .flatMap((id) => ctx.index.docsByRecord.get(id) ?? [])
      .filter(counts)
      .slice(0, 2);
    if (docs.length) return { ...base, lead: '', docs };
  }
  if (
    !asks(ask, 'measure') &&
    // "When did it start, and which firms set it up?": the launch sentence names both.
    !asks(ask, 'when') &&
    !things.length &&
    !asksForKinds(ctx.q.norm) &&
    !asksWhatMembersDo(ctx.q.norm) &&
    !counted &&
    // "its objectives — the actual list", "the bodies members would set up": a list of something else.
    !asks(ask, 'goals', 'governance') &&
    // "Which companies co-founded it?" picks among its founders, not every member (of one body: those that
    // co-founded two bodies are found in both lists).
    // A kind named ("which Japanese organizations were in it from the start") picks among the members.
    !(
      asks(ask, 'founders') &&
      !/\bmembers?\b/.test(ctx.q.norm) &&
      !ask.category.length &&
      uniqueRecords(ctx.mentions).filter((r) => r.kind === 'initiative').length === 1
    ) &&
    (asks(ask, 'members') ||
      // "Who was left out?", "which startups stayed away?": the list of those the records say stayed out. With
      // more asked ("which chip company…"), the statements that hold it answer instead.
      (asks(ask, 'whyNot') &&
        !asks(ask, 'why') &&
        !ask.yesNo &&
        (!ask.content.length || absenteesOfKind(ctx, initiative).length > 0) &&
        (ask.which || asks(ask, 'who'))) ||
      (asks(ask, 'membership') &&
        !ask.yesNo &&
        !asks(ask, 'why', 'whyNot') &&
        (ask.which || asks(ask, 'who'))))
  ) {
    return { ...base, list: true, sure: true, ...membersAnswer(ctx, initiative) };
  }
  // "Which working groups did it launch?": something else launched is asked about, not the body's founding;
  // "why did they found it?" asks for the reason, not the names.
  if (
    asks(ask, 'founders') &&
    !ask.yesNo &&
    !asks(ask, 'when', 'goals', 'projects', 'governance', 'why', 'whyNot') &&
    !things.length &&
    !counted
  ) {
    const founders = foundersOf(ctx, initiative);
    const when = initiative.launched ? formatDate(initiative.launched.date) : undefined;
    const lead = founders.length
      ? `${capitalise(withArticle(initiative.name))} was co-founded by ${joinList(founders)}${when ? `, who launched it ${when.includes(',') ? 'on' : 'in'} ${when}` : ''}.`
      : launch;
    return {
      ...base,
      sure: true,
      lead,
      leadSources: initiative.launched?.sources,
      docs: rankDocs(ctx, scope, { topics: ['history'], limit: 2 }),
    };
  }
  // "What kinds of projects do its governance rules allow?" asks about the rules, not for the project list.
  if (asks(ask, 'projects') && !asks(ask, 'goals', 'governance', 'criticism', 'compare')) {
    const projects = ctx.index.projectsOf.get(initiative.id) ?? [];
    if (projects.length) {
      const lead = `${capitalise(withArticle(initiative.name))} runs these projects: ${projects.map((p) => `${p.name} — ${p.summary}`).join(' ')}`;
      return {
        ...base,
        lead,
        leadSources: projects.flatMap((p) => p.sources),
        list: true,
        docs: rankDocs(ctx, scope, { topics: ['activities'], limit: 2 }),
      };
    }
  }
  if (asks(ask, 'when') && !asks(ask, 'why', 'whyNot') && !asks(ask, 'criticism')) {
    // "When is the deadline to apply" asks about something other than the launch: answer from the facts that
    // mention it, if any do.
    // "When was it announced?" asks for the launch, in other words.
    const launchWords = new Set(SYNONYMS.get('launch') ?? []);
    const extra = asks(ask, 'founders') ? [] : ask.content.filter((w) => !launchWords.has(w));
    const mentions = (d: FactDoc) => {
      const text = normalize(d.text);
      return extra.some((t) => text.includes(t.slice(0, Math.max(4, t.length - 2))));
    };
    const specific = extra.length > 0 ? rankDocs(ctx, scope, { limit: 3, only: mentions }) : [];
    if (specific.length > 0) return { ...base, lead: '', docs: specific };
    const note = initiative.launched?.note ? ` ${initiative.launched.note}` : '';
    return {
      ...base,
      sure: true,
      lead: `${launch}${note}`.trim(),
      leadSources: initiative.launched?.sources,
      docs: rankDocs(ctx, scope, { topics: ['history', 'correction'], limit: 3 }),
    };
  }
  const topics = topicsFor(ask);
  if (topics.length > 0 || ask.content.length > 0) {
    // "Which open models did its members create?": the statements that name the kind of thing asked for first.
    const naming = (d: FactDoc) => coverage(things, [d], [], ctx.index).ratio > 0;
    // Among them, those that hold more of the ask's other words ("the launch release", "members") first.
    const cues = ask.cueWords.filter((w) => !things.includes(w) && informativeness(w) > 0.3);
    const byCues = (d: FactDoc) => (cues.length ? coverage(cues, [d], [], ctx.index).ratio : 0);
    // "its main objectives": of a body's aims, those in the member's own word for them ("Objective 3: …") come
    // first, in the records' order. (A criticism's word says little: critics rarely say "criticism".)
    const topicCues = ask.cueWords.filter((w) => AIM_PLURALS.test(w));
    const inTheirWords = (d: FactDoc) =>
      topicCues.length ? coverage(topicCues, [d], [], ctx.index).ratio : 0;
    const ranked = rankDocs(ctx, scope, {
      topics,
      limit: 20,
      noRelations: !topics.includes('membership'),
    })
      .filter((d) => d.topic !== 'summary' || topics.length === 0)
      .map((d, i) => ({ d, i, own: inTheirWords(d) }))
      .sort((a, b) => b.own - a.own || a.i - b.i)
      .slice(0, topics.includes('criticism') || topics.includes('goals') ? 6 : 4)
      .map((x) => x.d);
    const namingDocs = rankDocs(ctx, scope, { limit: 20, only: naming })
      // The body's own statements before its members' relations, which also say "member" and "launch".
      .map((d, i) => ({ d, score: byCues(d) + (d.recordId === initiative.id ? 0.2 : 0) - i * 0.01 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 2)
      .map((x) => x.d);
    const docs = things.length
      ? [...new Set([...namingDocs, ...ranked])].slice(0, ranked.length + 1)
      : ranked;
    if (docs.length > 0 && (topics.length > 0 || docs.some((d) => d.topic !== 'summary'))) {
      // "What kinds of organizations join it?": the summary says who it brings together.
      const profile = (topics.length === 0 && asks(ask, 'overview')) || asksForKinds(ctx.q.norm);
      const lead = profile ? `${initiative.summary} ${launch}` : '';
      // "What are the criticisms / goals / projects": a plural topic asks for several, so the list budget applies.
      // "criticizes" is a verb, not a plural.
      const list = ask.cueWords.some(
        (w) => w.length > 4 && w.endsWith('s') && !/[iy][sz]es$/.test(w) && TOPIC_PLURALS.test(w),
      );
      // Statements found by the ask's words alone, with no typed topic, are judged like a profile: by how much
      // of the ask they cover.
      return {
        ...base,
        lead,
        leadSources: lead ? initiative.sources : undefined,
        docs,
        list,
        generic: topics.length === 0,
      };
    }
  }
  const lead = `${initiative.summary} ${launch}`.trim();
  return {
    ...base,
    generic: true,
    lead,
    leadSources: [...initiative.sources, ...(initiative.launched?.sources ?? [])],
    docs: rankDocs(ctx, scope, { topics: ['overview', 'goals'], limit: 2 }),
  };
}

export function membersAnswer(
  ctx: Ctx,
  initiative: Rec<'initiative'>,
): Pick<Draft, 'lead' | 'leadSources' | 'docs' | 'picked'> {
  const all = bodyMembers(ctx, initiative);
  const inAny = all.filter((m) => ['co-founder', 'founding-member', 'member'].includes(m.inv.role));
  // A category in the question ("chip companies", "universities") narrows the list to members whose record
  // mentions it.
  // "which <kind> are in…" names a category: an organization type ("universities", "research labs") or words
  // their descriptions use ("chip companies"). Other questions list everyone.
  const categoryTerms = ctx.ask.category;
  const types = new Set(
    categoryTerms.map((t) => ORG_TYPE_WORDS[t]).filter((t): t is Organization['type'] => !!t),
  );
  // Words of the category beside a type ("hospital system", "Israeli university") each say something: the
  // members matching the most telling of them (by rarity: "hospital" over "system") are the ones asked for.
  const words = categoryTerms.filter((t) => !ORG_TYPE_WORDS[t] && t.length > 2);
  const textHas = (text: string, t: string) =>
    [t, ...(SYNONYMS.get(t) ?? [])].some((x) => x.length > 2 && new RegExp(`\\b${x}`).test(text));
  const kindFit = (org: Organization) => {
    if (types.size > 0 && !types.has(org.type)) return -1;
    const text = normalize(`${org.description ?? ''} ${org.summary}`);
    return words.filter((t) => textHas(text, t)).reduce((sum, t) => sum + ctx.index.facts.rarity(t), 0);
  };
  const best = Math.max(0, ...all.map((m) => kindFit(m.org)));
  // The rarest word of the kind that the records use ("organisations", spelt as they never do, says nothing).
  const telling = words
    .filter((w) => [w, ...(SYNONYMS.get(w) ?? [])].some((x) => ctx.index.facts.has(x)))
    .sort((a, b) => ctx.index.facts.rarity(b) - ctx.index.facts.rarity(a))[0];
  const describes = (org: Organization) => {
    const f = kindFit(org);
    return types.size > 0 && best === 0 ? f >= 0 : f > 0 && f >= best - 1e-9;
  };
  // "Which big labs are not in it?", "who stayed out": the organizations the records say stayed out, in the
  // category if any match.
  if (ctx.ask.negated || asks(ctx.ask, 'whyNot')) {
    const out = all.filter((m) => m.inv.role === 'not-a-member' || m.inv.role === 'critic');
    const outFiltered = categoryTerms.length > 0 ? out.filter((m) => describes(m.org)) : [];
    // "Which high-profile startups were left out?": those whose record or reason says what the question does.
    const ofKind = asks(ctx.ask, 'whyNot') ? absenteesOfKind(ctx, initiative) : [];
    const shown = ofKind.length ? ofKind : outFiltered.length ? outFiltered : out;
    if (shown.length)
      return {
        lead: `Not in ${withArticle(initiative.name)}, per the records: ${joinList(shown.map((m) => `${shortName(m.org)}${m.inv.role === 'critic' ? ' (a critic)' : ''}`))}.`,
        leadSources: shown.slice(0, 3).flatMap((m) => m.inv.sources),
        // Picked for what their reasons say, they are shown with them — and weighed against other statements.
        ...(ofKind.length ? { sure: false } : {}),
        docs: ofKind.slice(0, 3).flatMap((m) => whyOut(ctx, m.org, initiative)),
      };
  }
  const filtered = categoryTerms.length > 0 ? inAny.filter((m) => describes(m.org)) : [];
  const monthFilter = ctx.q.months[0];
  const dated = monthFilter ? inAny.filter((m) => m.inv.date?.startsWith(monthFilter)) : [];
  const name = capitalise(withArticle(initiative.name));

  // "Which universities joined in Feb 2024?": the kind asked for among that month's joiners, those with a record
  // of their own and those only a dated member list names.
  if (monthFilter && types.size > 0) {
    const lists = (ctx.index.docsByRecord.get(initiative.id) ?? []).filter(
      (d) => d.recordId === initiative.id && d.topic === 'membership' && d.date?.startsWith(monthFilter),
    );
    const named = [
      ...dated.filter((m) => describes(m.org)).map((m) => shortName(m.org)),
      ...lists.flatMap((d) => listedKinds(d.text, types)),
    ].filter((n, i, all) => all.indexOf(n) === i);
    if (named.length)
      return {
        lead: `${capitalise(categoryTerms.join(' '))} among those who joined ${withArticle(initiative.name)} in ${formatDate(monthFilter)}: ${joinList(named)}.`,
        leadSources: [...dated.flatMap((m) => m.inv.sources), ...lists.flatMap((d) => d.sources)],
        docs: [],
      };
  }
  if (dated.length > 0 && monthFilter) {
    const docs = (ctx.index.docsByRecord.get(initiative.id) ?? []).filter(
      (d) => d.recordId === initiative.id && d.topic !== 'relation' && d.date?.startsWith(monthFilter),
    );
    const lead = `Members who joined ${withArticle(initiative.name)} in ${formatDate(monthFilter)} include ${joinList(dated.map((m) => shortName(m.org)))}.`;
    return { lead, leadSources: dated.flatMap((m) => m.inv.sources), docs };
  }
  if (filtered.length > 0 && filtered.length < inAny.length) {
    const lead = `${name} members matching "${categoryTerms.join(' ')}": ${joinList(filtered.map((m) => `${shortName(m.org)} (${ROLE_LABEL[m.inv.role]})`))}.`;
    // A statement of the initiative about the category ("the Japanese participants included…") may name
    // members whose own records don't say it.
    const about = types.size
      ? []
      : (ctx.index.docsByRecord.get(initiative.id) ?? [])
          .filter((d) => d.recordId === initiative.id && d.topic !== 'relation')
          .filter((d) => !!telling && textHas(normalize(d.text), telling))
          .slice(0, 1);
    return {
      lead,
      leadSources: filtered.flatMap((m) => m.inv.sources),
      docs: about,
      picked: filtered.map((m) => m.org),
    };
  }
  const founders = inAny
    .filter((m) => m.inv.role === 'co-founder')
    .map((m) => `${shortName(m.org)}${thenCalled(m.org, m.inv)}`);
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

/** How the name of an organization of a kind is written, where its kind shows in its name. */
const KIND_IN_NAME: Partial<Record<Organization['type'], RegExp>> = {
  university: /\b(?:Universit|College|School|Institut|Polytechni|Academy)/,
};

/** The names in a member list ("Members added on …: A, B, C.") whose wording shows they are of a kind. */
function listedKinds(text: string, types: ReadonlySet<Organization['type']>): string[] {
  const list = text.slice(text.indexOf(':') + 1);
  const patterns = [...types].map((t) => KIND_IN_NAME[t]).filter((p): p is RegExp => !!p);
  return list
    .split(/,\s*/)
    .map((n) => n.trim().replace(/\.$/, ''))
    .filter((n) => n && patterns.some((p) => p.test(n)));
}

const ROLE_LABEL: Record<Organization['involvement'][number]['role'], string> = {
  'co-founder': 'co-founder',
  'founding-member': 'founding member',
  member: 'joined later',
  'not-a-member': 'not a member',
  critic: 'critic',
  partner: 'partner',
};

/** "How many members": the count in the records, and what the sources say (they disagree). */
export function memberCount(
  ctx: Ctx,
  initiative: Rec<'initiative'>,
): Pick<Draft, 'lead' | 'leadSources' | 'docs' | 'declines'> {
  const all = bodyMembers(ctx, initiative);
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
    // The conflicting counts first: they are what "how many" is really about — a few of them, readable at a
    // glance (a count is no list).
    .sort((a, b) => Number(b.confidence === 'conflicting') - Number(a.confidence === 'conflicting'))
    .slice(0, 3);
  // "How many people signed the letter?": a body whose records name one or two organizations is counted in
  // people; the statement that gives a number for what was asked answers.
  if (founding.length + later.length <= 2) {
    const words = [...ctx.ask.content, ...ctx.ask.cueWords.filter((w) => w.length > 3)];
    const counted = (ctx.index.docsByRecord.get(initiative.id) ?? []).filter(
      (d) =>
        d.recordId === initiative.id &&
        d.topic !== 'relation' &&
        /\b\d{2,}\b/.test(d.text) &&
        coverage(words, [d], [], ctx.index).ratio > 0,
    );
    if (counted.length) return { lead: '', docs: counted.slice(0, 2) };
  }
  const differ = docs.some((d) => d.confidence === 'conflicting') ? " The sources' counts differ:" : '';
  // "How many members does it have today?": with no count from the sources (a year is none), the records' own
  // lists are no count of today's members.
  if (asksNow(ctx.q.words) && !docs.some((d) => /\b(?!(?:19|20)\d\d\b)\d{2,}\b/.test(d.text)))
    return {
      lead: `I can't tell how many members ${withArticle(initiative.name)} has now: the records only list ${founding.length} founding ${founding.length === 1 ? 'organization' : 'organizations'}${later.length ? ` and ${later.length} later` : ''}.`,
      docs: [],
      declines: true,
    };
  const lead = `${name}: the records list ${founding.length} founding ${founding.length === 1 ? 'organization' : 'organizations'} (co-founders included)${later.length ? ` and ${later.length} later ${later.length === 1 ? 'member' : 'members'} with records of their own` : ''}.${differ}`;
  return { lead, leadSources: founding.slice(0, 2).flatMap((m) => m.inv.sources), docs };
}

/** The organizations taking part in a body, less the one that runs it ("Partnership on AI" in its own list). */
function bodyMembers(ctx: Ctx, initiative: Rec<'initiative'>) {
  return (ctx.index.membersOf.get(initiative.id) ?? []).filter((m) => m.org.runs !== initiative.id);
}

/**
 * The statement of an organization that stayed out which best holds what the question adds: the one saying it
 * stayed out, unless its description holds more ("a software giant").
 */
function whyOut(
  ctx: Ctx,
  org: Organization & { kind: 'organization' },
  initiative: Rec<'initiative'>,
): FactDoc[] {
  const own = (ctx.index.docsByRecord.get(org.id) ?? []).filter(
    (d) =>
      d.recordId === org.id &&
      ((d.topic === 'relation' && d.about.includes(initiative.id)) ||
        d.topic === 'summary' ||
        d.topic === 'overview'),
  );
  const score = (d: FactDoc) =>
    coverage(ctx.ask.content, [d], [], ctx.index).ratio + (d.topic === 'relation' ? 0.01 : 0);
  const best = [...own].sort((a, b) => score(b) - score(a))[0];
  return best ? [best] : [];
}

/**
 * Those the records say stayed out of the body whose record or reason holds every content word of the question
 * ("high-profile AI startups", "chip maker"), when some do but not all.
 */
function absenteesOfKind(ctx: Ctx, initiative: Rec<'initiative'>) {
  const out = bodyMembers(ctx, initiative).filter((m) => m.inv.role === 'not-a-member');
  if (!ctx.ask.content.length) return [];
  const covering = out.filter(
    (m) =>
      coverage(
        ctx.ask.content,
        [],
        [m.inv.reason ?? '', m.inv.note ?? '', m.org.description ?? '', m.org.summary],
        ctx.index,
      ).ratio >= 0.99,
  );
  return covering.length < out.length ? covering : [];
}

/** Plural topic words: criticisms, concerns, drawbacks, goals, objectives, aims, projects, efforts. */
const TOPIC_PLURALS =
  /^(critic|concern|drawback|downside|problem|risk|weakness|flaw|goal|objective|aim|project|effort|program|priorit|activit|plan)/;

/** Plural words for what a body means to do, which its statements may use as labels ("Objective 1: …"). */
const AIM_PLURALS = /^(goal|objective|aim|priorit|plan|mission)s?$/;

/** Words that ask for a body's web address. */
const WEBSITE_WORDS = new Set(['website', 'homepage', 'url', 'webpage', 'web', 'site', 'link']);

/** Kinds of things, not organizations, that a "which …" question may ask members' work for. */
const THING_WORDS = new Set(
  'model models tool tools framework frameworks project projects dataset datasets benchmark benchmarks library libraries paper papers objective objectives goal goals area areas'.split(
    ' ',
  ),
);

/**
 * The kind of thing a "which …" question asks for ("models"), if it is one of {@link THING_WORDS}: "which open
 * models did its members build?" asks for things the members made, not for the members.
 */
function thingsAsked(words: readonly string[]): string[] {
  const at = words.findIndex((w) => w === 'which' || w === 'what');
  return at >= 0 ? words.slice(at + 1, at + 3).filter((w) => THING_WORDS.has(w)) : [];
}

/** "What kinds of organizations can join?": the kinds of members, which the summary names, not the list. */
function asksForKinds(norm: string): boolean {
  return /\b(?:what|which) (?:kinds?|types?|sorts?) of\b/.test(norm);
}

/** "What do members commit to?": what the members do, which a statement answers, not the list of names. */
function asksWhatMembersDo(norm: string): boolean {
  return /\bwhat (?:do|does|did|must|should|can|will) (?:the )?(?:\S+ ){0,3}members? \S+/.test(norm);
}

/**
 * "How many quotes did the release carry?": what is counted is the last word before the verb ("quotes"),
 * and it is not the members.
 */
function countsThings(words: readonly string[]): string | undefined {
  const at = words.findIndex((w, i) => w === 'many' && words[i - 1] === 'how');
  if (at < 0) return undefined;
  let head: string | undefined;
  for (const w of words.slice(at + 1, at + 5)) {
    if (COUNT_END.has(w)) break;
    head = w;
  }
  return head !== undefined && COUNTED_THINGS.has(head) ? head : undefined;
}

const MONTH_DAY =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b/g;

const COUNT_END = new Set(
  'are is were was did do does have has had got get gets went in on at into joined signed there of from for'.split(
    ' ',
  ),
);

/** Things a launch or a list holds that aren't members: counted from the statement that gives their number. */
const COUNTED_THINGS = new Set(
  'quotes statements names pages people signatures signatories words'.split(' '),
);
