import type { APIEmbedField } from 'discord.js';
import type { Fact, Initiative, KbRecord, RelationRole } from '../knowledge/schema.js';
import type { Membership, SearchIndex } from '../search/index.js';
import { shortName, withArticle } from '../search/render.js';
import { formatDate } from '../text/dates.js';
import type { InitiativeTopic } from './card-state.js';
import { escapeText } from './escape.js';
import { compactNames, cutProse, forSeveral, joinNames, nameList, repeats, SaidOnce } from './prose.js';
import {
  atFounding,
  byPerson,
  commaNames,
  laterCount,
  type MemberGroups,
  memberGroups,
  onDate,
  relationNote,
  roleSpan,
} from './relations.js';
import { citedSources, sourceLine } from './sources.js';
import { showsFact } from './visible.js';

type InitiativeRecord = Initiative & { kind: 'initiative' };

/** The content of one topic of an initiative card, before paging. */
export interface TopicView {
  /** Shown after the initiative's name in the title. */
  heading: string;
  /** Markdown lines, paged into the description. */
  lines: string[];
  /** Extra fields, shown on the first page only. */
  fields: APIEmbedField[];
  /** Shown when `lines` is empty. */
  empty: string;
  /** Page size for this topic, when it differs from the card's default (source links show much shorter). */
  page?: { chars: number; lines: number };
  /**
   * Lines from this index on are statements that may be left off, last first, when the topic would not fit in
   * {@link MAX_PAGES} pages otherwise.
   */
  trimFrom?: number;
}

/** A topic never takes more pages than this; past it, members are better served by asking. */
export const MAX_PAGES = 3;

const bold = (text: string) => `**${escapeText(text)}**`;
const bullet = (text: string) => `• ${text}`;
/** Statements in a topic's lists: whole sentences, short enough that a page holds several. */
const STATEMENT_MAX = 320;

/** Where a long list of an initiative's members can be read in full. */
const membersPage = (initiative: InitiativeRecord) => `/initiative ${initiative.name} → Members`;

/** A record's name for a comma-separated list: short, and without commas of its own. */
function listName(r: KbRecord): string {
  const short = shortName(r);
  if (!short.includes(', ')) return short;
  const alias = r.aliases.find((a): a is string => typeof a === 'string' && !a.includes(','));
  return alias ?? short.replace(/,/g, '');
}

/** Renders one fact for a list, or '' when every sentence of it was already said on this card. */
function factLine(f: Fact, said: SaidOnce, initiative: InitiativeRecord, index: SearchIndex): string {
  const list = nameList(f.text, commaNames(index));
  if (list) {
    const names = compactNames(list.names, { seeAll: membersPage(initiative) });
    return said.add(f.text)
      ? bullet(`${escapeText(list.lead)} (${list.names.length}): ${escapeText(names)}`)
      : '';
  }
  const text = said.fresh(cutProse(f.text, STATEMENT_MAX));
  if (!text) return '';
  const quote =
    f.quote && !f.text.includes(f.quote) ? `“${escapeText(cutProse(f.quote, STATEMENT_MAX))}” — ` : '';
  return bullet(`${quote}${escapeText(text)}`);
}

function factLines(
  facts: readonly Fact[],
  said: SaidOnce,
  initiative: InitiativeRecord,
  index: SearchIndex,
): string[] {
  return facts.map((f) => factLine(f, said, initiative, index)).filter(Boolean);
}

/** Facts of some topics, without corrections meant only for members who typed a garbled spelling. */
const factsOf = (r: KbRecord, ...topics: Fact['topic'][]) =>
  r.facts.filter((f) => topics.includes(f.topic) && showsFact(f, undefined));

/** The organization behind an initiative, unless it only shares the initiative's name (saying so adds nothing). */
function runner(initiative: InitiativeRecord, index: SearchIndex): KbRecord | undefined {
  const org = index.runBy.get(initiative.id);
  return org && normalizeName(org.name) !== normalizeName(initiative.name)
    ? { ...org, kind: 'organization' }
    : undefined;
}
const normalizeName = (name: string) => name.toLowerCase().replace(/^the\s+/, '');

const names = (list: readonly Membership[]) => joinNames(list.map((m) => escapeText(listName(m.org))));

/** "Launched on December 5, 2023 by IBM and Meta." — only those that were there at the founding. */
function launchLine(initiative: InitiativeRecord, groups: MemberGroups): string | undefined {
  if (!initiative.launched) return undefined;
  const by = groups.founders.length > 0 ? ` by ${names(groups.founders)}` : '';
  return `Launched ${onDate(initiative.launched.date)}${by}.`;
}

/** "57 organizations · 57 founding, 28 joined later · 2 partners · 10 notable non-members" */
function memberCount(groups: MemberGroups): string | undefined {
  const founding = groups.founders.length + groups.founding.length;
  const later = laterCount(groups);
  const total = founding + later;
  if (total === 0 && groups.partners.length === 0) return undefined;
  const parts = [`${total} organization${total === 1 ? '' : 's'}`];
  if (founding > 0 && later > 0) parts.push(`${founding} founding, ${later} joined later`);
  else if (founding > 0) parts.push(`${founding} founding`);
  if (groups.partners.length > 0)
    parts.push(`${groups.partners.length} partner${groups.partners.length === 1 ? '' : 's'}`);
  if (groups.outsiders.length > 0) parts.push(`${groups.outsiders.length} notable non-members`);
  return parts.join(' · ');
}

function overview(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const said = new SaidOnce();
  const groups = memberGroups(initiative, index);
  said.add(initiative.summary);
  const lines = [escapeText(initiative.summary)];
  const launched = launchLine(initiative, groups);
  if (launched) lines.push('', launched);
  const facts = factLines(factsOf(initiative, 'overview'), said, initiative, index).slice(0, 2);
  if (facts.length > 0) lines.push('', ...facts);
  const fields: APIEmbedField[] = [];
  // The type is a few words; when the summary already says them, a Type line would only repeat it.
  if (!repeats(initiative.type, initiative.summary, 0.6))
    fields.push({ name: 'Type', value: escapeText(cutProse(initiative.type, 300)), inline: false });
  const count = memberCount(groups);
  if (count) fields.push({ name: 'Members', value: count, inline: false });
  const runBy = runner(initiative, index);
  if (runBy) fields.push({ name: 'Run by', value: escapeText(runBy.name), inline: true });
  const related = initiative.related
    .map((id) => index.kb.byId.get(id))
    .filter((r): r is KbRecord => r !== undefined)
    .map((r) => escapeText(r.name));
  if (related.length > 0) fields.push({ name: 'Related', value: compactNames(related), inline: false });
  const projects = (index.projectsOf.get(initiative.id) ?? []).map((p) => escapeText(p.name));
  if (projects.length > 0) fields.push({ name: 'Projects', value: compactNames(projects), inline: false });
  if (initiative.website)
    fields.push({ name: 'Website', value: escapeText(initiative.website), inline: true });
  return { heading: 'Overview', lines, fields, empty: '' };
}

function founders(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const said = new SaidOnce();
  const groups = memberGroups(initiative, index);
  const lines: string[] = [];
  const launched = launchLine(initiative, groups);
  if (launched) lines.push(launched);
  if (initiative.launched?.note) lines.push(`*${escapeText(cutProse(initiative.launched.note, 300))}*`);
  // Without a launch date the line above can't name them, so every founder gets a bullet; otherwise only those
  // with something to add.
  const founderLines = groups.founders
    .map(({ org, inv }) => {
      const note = relationNote(inv, 'co-founder');
      if (launched && !note) return '';
      return bullet(`${bold(listName(org))}${note ? ` — ${escapeText(cutProse(note, 200))}` : ''}`);
    })
    .filter(Boolean);
  if (founderLines.length > 0)
    lines.push('', bold(groups.founders.length === 1 ? 'Founder' : 'Co-founders'), ...founderLines);
  const lateFounders = groups.later.flatMap((g) =>
    g.members.filter((m) => m.inv.role === 'co-founder' || m.inv.role === 'founding-member'),
  );
  for (const { org, inv } of lateFounders)
    lines.push(
      '',
      `${bold(org.name)} joined ${onDate(inv.date ?? '')}, as a ${inv.role === 'co-founder' ? 'co-founder' : 'founding member'}.`,
    );
  const runBy = runner(initiative, index);
  if (runBy) lines.push('', `Run by ${bold(runBy.name)}.`);
  const people = byPerson(index.staffOfInitiative.get(initiative.id) ?? []);
  if (people.length > 0) {
    lines.push('', bold('People'));
    for (const { person, roles } of people)
      lines.push(
        bullet(
          `${bold(person.name)} — ${roles
            .map((r) => `${escapeText(cutProse(r.title, 200))}${escapeText(roleSpan(r))}`)
            .join('; ')}`,
        ),
      );
  }
  const founding = groups.founding.length;
  if (founding > 0)
    lines.push(
      '',
      `${founding} founding member${founding === 1 ? '' : 's'}${groups.founders.length > 0 ? ' besides the co-founders' : ''} (see Members).`,
    );
  const history = factLines(
    factsOf(initiative, 'history').filter(
      // "IBM and Meta launched the Alliance on Tuesday, December 5, 2023" only restates the launch line.
      (f) => !groups.listFacts.has(f) && !(launched && repeats(f.text, launched, 0.7)),
    ),
    said,
    initiative,
    index,
  );
  if (history.length > 0) lines.push('', bold('History'), ...history);
  return { heading: 'Founders', lines, fields: [], empty: '' };
}

/** True when a list fact only names again (most of) the members this page lists anyway. */
function coveredBy(f: Fact, shown: readonly Membership[], index: SearchIndex): boolean {
  const list = nameList(f.text, commaNames(index));
  if (!list) return false;
  const shownNames = new Set(shown.flatMap((m) => [m.org.name, listName(m.org)]));
  const hits = list.names.filter((n) => shownNames.has(n) || [...shownNames].some((s) => n.startsWith(s)));
  return hits.length >= list.names.length * 0.8;
}

function members(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const said = new SaidOnce();
  const groups = memberGroups(initiative, index);
  const lines: string[] = [];
  const section = (title: string, body: string[]) => {
    if (body.length === 0) return;
    if (lines.length > 0) lines.push('');
    lines.push(bold(title), ...body);
  };
  const founding = [...groups.founders, ...groups.founding];
  if (groups.founding.length === 0 && groups.founders.length > 0) {
    // Only founders: no membership to speak of beyond them.
    section(groups.founders.length === 1 ? 'Founder' : `Co-founders (${groups.founders.length})`, [
      names(groups.founders),
    ]);
  } else if (founding.length > 0) {
    const founderNames = groups.founders.map((m) => escapeText(listName(m.org)));
    const rest = groups.founding.map((m) => escapeText(listName(m.org)));
    const head =
      founderNames.length > 0
        ? `${joinNames(founderNames)} (co-founder${founderNames.length === 1 ? '' : 's'})`
        : undefined;
    const when = initiative.launched ? `, at the launch ${onDate(initiative.launched.date)}` : '';
    section(`Founding members (${founding.length})${when}`, [[head, ...rest].filter(Boolean).join(', ')]);
  }
  const later = laterCount(groups);
  section(
    `Joined later (${later})`,
    groups.later.map((g) => {
      const list = g.list ? g.names.map(escapeText) : g.members.map((m) => escapeText(listName(m.org)));
      return g.date ? `${formatDate(g.date)}: ${list.join(', ')}` : `Date not recorded: ${list.join(', ')}`;
    }),
  );
  // Partners that take part the same way (e.g. through one member) read as one line.
  const byNote = new Map<string, Membership[]>();
  for (const m of groups.partners) byNote.set(m.inv.note ?? '', [...(byNote.get(m.inv.note ?? '') ?? []), m]);
  section(
    `Partners (${groups.partners.length})`,
    [...byNote].map(([note, list]) =>
      bullet(
        `${names(list)}${note ? ` — ${escapeText(cutProse(list.length > 1 ? forSeveral(note) : note, 200))}` : ''}`,
      ),
    ),
  );
  section(
    `Notable non-members (${groups.outsiders.length})`,
    groups.outsiders.map(({ org, inv }) =>
      bullet(`${bold(org.name)} — ${escapeText(cutProse(inv.reason ?? inv.note ?? 'not a member', 200))}`),
    ),
  );
  const about = factsOf(initiative, 'membership').filter(
    (f) => !groups.listFacts.has(f) && !coveredBy(f, founding, index),
  );
  const trimFrom = lines.length + 2;
  section('About the membership', factLines(about, said, initiative, index));
  return { heading: 'Members', lines, fields: [], empty: '', trimFrom };
}

function goals(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const said = new SaidOnce();
  const lines = factLines(factsOf(initiative, 'goals'), said, initiative, index);
  const activities = factLines(factsOf(initiative, 'activities', 'governance'), said, initiative, index);
  const trimFrom = lines.length + 2;
  if (activities.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(bold('Activities and governance'), ...activities);
  }
  return { heading: 'Goals', lines, fields: [], empty: '', trimFrom };
}

function criticism(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const said = new SaidOnce();
  const lines = factLines(factsOf(initiative, 'criticism'), said, initiative, index);
  const trimFrom = 1;
  const critics = memberGroups(initiative, index).critics;
  if (critics.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(bold('Critics'));
    // Critics who say the same thing share a line; a note the statements above already make is left out.
    const shown = lines.join(' ');
    const groups: { note: string | undefined; who: Membership[] }[] = [];
    for (const m of critics) {
      const note = m.inv.note && !repeats(m.inv.note, shown, 0.7) ? m.inv.note : undefined;
      const same = groups.find(
        (g) => (g.note ?? '') === (note ?? '') || (g.note && note && repeats(note, g.note, 0.8)),
      );
      if (same) same.who.push(m);
      else groups.push({ note, who: [m] });
    }
    for (const g of groups) {
      const note = g.note && g.who.length > 1 ? forSeveral(g.note) : g.note;
      lines.push(bullet(`${names(g.who)}${note ? ` — ${escapeText(cutProse(note, 300))}` : ''}`));
    }
  }
  return { heading: 'Criticism', lines, fields: [], empty: '', trimFrom };
}

/** "Arvind Krishna" from "Arvind Krishna (Chairman and CEO, IBM): …" */
const speaker = (f: Fact) => /^([^(:]{3,60}?)\s*[(:]/.exec(f.text)?.[1]?.trim();

function timeline(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const said = new SaidOnce();
  const groups = memberGroups(initiative, index);
  const entries: { date: string; text: string }[] = [];
  const founding = [...groups.founders, ...groups.founding];
  if (initiative.launched) {
    const by = groups.founders.length > 0 ? ` by ${names(groups.founders)}` : '';
    const members = groups.founding.length > 0 ? `, with ${groups.founding.length} founding members` : '';
    const note = initiative.launched.note ? ` ${cutProse(initiative.launched.note, STATEMENT_MAX)}` : '';
    entries.push({ date: initiative.launched.date, text: `Launched${by}${members}.${escapeText(note)}` });
  }
  // Statements given on one day (49 at the AI Alliance launch) are one entry naming who spoke.
  const quotes = new Map<string, string[]>();
  for (const f of initiative.facts) {
    if (!f.date || groups.listFacts.has(f) || !showsFact(f, undefined) || coveredBy(f, founding, index))
      continue;
    if (f.topic === 'quote') {
      quotes.set(f.date, [...(quotes.get(f.date) ?? []), speaker(f) ?? '']);
      continue;
    }
    const line = factLine(f, said, initiative, index).replace(/^• /, '');
    if (line) entries.push({ date: f.date, text: line });
  }
  for (const [date, who] of quotes) {
    const named = who.filter(Boolean).map(escapeText);
    entries.push({
      date,
      text: `${who.length} statement${who.length === 1 ? '' : 's'}${named.length ? ` by ${compactNames(named)}` : ''}.`,
    });
  }
  for (const g of groups.later) {
    if (!g.date) continue;
    const list = g.list ? g.names.map(escapeText) : g.members.map((m) => escapeText(listName(m.org)));
    const joined = list.length === 1 ? `${list[0]} joined.` : `${list.length} members joined: `;
    entries.push({
      date: g.date,
      text:
        list.length === 1 ? joined : `${joined}${compactNames(list, { seeAll: membersPage(initiative) })}.`,
    });
  }
  for (const { org, inv } of [...groups.partners, ...groups.critics]) {
    if (!inv.date || inv.date === initiative.launched?.date) continue;
    entries.push({ date: inv.date, text: `${bold(org.name)} became a ${inv.role}.` });
  }
  entries.sort((a, b) => a.date.localeCompare(b.date));
  const lines = entries.map((e) => `**${formatDate(e.date)}** — ${e.text}`);
  return { heading: 'Timeline', lines, fields: [], empty: '' };
}

/** Every source behind the card: the record, its launch, facts, memberships and people. */
function sourceIds(initiative: InitiativeRecord, index: SearchIndex): string[] {
  const ids = [...initiative.sources, ...(initiative.launched?.sources ?? [])];
  for (const f of initiative.facts) ids.push(...f.sources);
  for (const { inv } of index.membersOf.get(initiative.id) ?? []) ids.push(...inv.sources);
  for (const { role } of index.staffOfInitiative.get(initiative.id) ?? []) ids.push(...role.sources);
  return ids;
}

/** Source lines page by count: a markdown link is long to send but shows as its title only. */
export const SOURCE_PAGE = { chars: 3800, lines: 20 };

function sources(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const lines = citedSources(sourceIds(initiative, index), index).map((s) => sourceLine(s, 100));
  return { heading: `Sources (${lines.length})`, lines, fields: [], empty: '', page: SOURCE_PAGE };
}

/**
 * Whether a topic has anything to show, decided from the data without rendering (the card asks for every topic
 * on every render to disable empty topic buttons). Kept in step with `topicView` by a unit test.
 */
export function topicHasContent(
  initiative: InitiativeRecord,
  topic: InitiativeTopic,
  index: SearchIndex,
): boolean {
  const has = (...topics: Fact['topic'][]) =>
    initiative.facts.some((f) => topics.includes(f.topic) && showsFact(f, undefined));
  const members = index.membersOf.get(initiative.id) ?? [];
  const withRole = (...roles: RelationRole[]) => members.some((m) => roles.includes(m.inv.role));
  switch (topic) {
    case 'overview':
    case 'sources':
      return true;
    case 'founders':
      return (
        initiative.launched !== undefined ||
        withRole('co-founder', 'founding-member') ||
        index.runBy.has(initiative.id) ||
        (index.staffOfInitiative.get(initiative.id)?.length ?? 0) > 0 ||
        has('history')
      );
    case 'members':
      return members.some((m) => m.inv.role !== 'critic') || has('membership');
    case 'goals':
      return has('goals', 'activities', 'governance');
    case 'criticism':
      return has('criticism') || withRole('critic');
    case 'timeline':
      return (
        initiative.launched !== undefined ||
        initiative.facts.some((f) => f.date && showsFact(f, undefined)) ||
        members.some((m) => {
          if (!m.inv.date || m.inv.date === initiative.launched?.date) return false;
          if (m.inv.role === 'co-founder' || m.inv.role === 'founding-member')
            return !atFounding(m.inv, initiative);
          return m.inv.role !== 'not-a-member';
        })
      );
  }
}

/** The content of one topic; the `empty` text says so honestly when the knowledge base has nothing on it. */
export function topicView(
  initiative: InitiativeRecord,
  topic: InitiativeTopic,
  index: SearchIndex,
): TopicView {
  const build = {
    overview: () => overview(initiative, index),
    founders: () => founders(initiative, index),
    members: () => members(initiative, index),
    goals: () => goals(initiative, index),
    criticism: () => criticism(initiative, index),
    timeline: () => timeline(initiative, index),
    sources: () => sources(initiative, index),
  }[topic];
  const view = build();
  // Drop leading blank lines left by empty sections.
  while (view.lines[0] === '') view.lines.shift();
  const name = escapeText(withArticle(shortName(initiative)));
  view.empty = `The knowledge base has nothing on the ${topic} of ${name} yet.`;
  return view;
}
