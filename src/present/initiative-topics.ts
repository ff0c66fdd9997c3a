import type { APIEmbedField } from 'discord.js';
import type { Fact, Initiative, Involvement, KbRecord, RelationRole } from '../knowledge/schema.js';
import type { Membership, SearchIndex } from '../search/index.js';
import { roleSpan, shortName } from '../search/render.js';
import { formatDate } from '../text/dates.js';
import type { InitiativeTopic } from './card-state.js';
import { escapeText, markdownLink } from './escape.js';
import { cut } from './fit.js';

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
}

const bold = (text: string) => `**${escapeText(text)}**`;
const bullet = (text: string) => `• ${text}`;
/** Statements from the knowledge base are kept short in lists so a page holds several. */
const statement = (text: string, max = 400) => escapeText(cut(text, max));

function factLine(f: Fact): string {
  const quote = f.quote && !f.text.includes(f.quote) ? `“${statement(f.quote, 250)}” — ` : '';
  return bullet(`${quote}${statement(f.text)}`);
}

const factsOf = (r: KbRecord, ...topics: Fact['topic'][]) => r.facts.filter((f) => topics.includes(f.topic));

function membersByRole(index: SearchIndex, id: string): Record<RelationRole, Membership[]> {
  const groups: Record<RelationRole, Membership[]> = {
    'co-founder': [],
    'founding-member': [],
    member: [],
    partner: [],
    critic: [],
    'not-a-member': [],
  };
  for (const m of index.membersOf.get(id) ?? []) groups[m.inv.role].push(m);
  return groups;
}

const when = (inv: Involvement) => (inv.date ? formatDate(inv.date) : undefined);

function names(list: readonly { name: string }[]): string {
  const shown = list.map((r) => escapeText(r.name));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function launchLine(initiative: InitiativeRecord, founders: readonly Membership[]): string | undefined {
  const by = founders.length > 0 ? ` by ${names(founders.map((m) => m.org))}` : '';
  if (initiative.launched) return `Launched on ${formatDate(initiative.launched.date)}${by}.`;
  return by ? `Founded${by}.` : undefined;
}

function memberCount(groups: Record<RelationRole, Membership[]>): string | undefined {
  const founding = groups['co-founder'].length + groups['founding-member'].length;
  const later = groups.member.length;
  const total = founding + later;
  if (total === 0 && groups.partner.length === 0) return undefined;
  const parts = [`${total} organization${total === 1 ? '' : 's'}`];
  if (founding > 0 && later > 0) parts.push(`${founding} founding, ${later} joined later`);
  else if (founding > 0) parts.push(`${founding} founding`);
  if (groups.partner.length > 0) parts.push(`${groups.partner.length} partners`);
  if (groups['not-a-member'].length > 0) parts.push(`${groups['not-a-member'].length} notable non-members`);
  return parts.join(' · ');
}

function overview(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const groups = membersByRole(index, initiative.id);
  const founders = groups['co-founder'];
  const lines = [escapeText(initiative.summary)];
  const launched = launchLine(initiative, founders);
  if (launched) lines.push('', launched);
  const facts = factsOf(initiative, 'overview').slice(0, 2);
  if (facts.length > 0) lines.push('', ...facts.map(factLine));
  const fields: APIEmbedField[] = [
    { name: 'Type', value: escapeText(cut(initiative.type, 300)), inline: false },
  ];
  const count = memberCount(groups);
  if (count) fields.push({ name: 'Members', value: count, inline: false });
  const runBy = index.runBy.get(initiative.id);
  if (runBy) fields.push({ name: 'Run by', value: escapeText(runBy.name), inline: true });
  const related = initiative.related
    .map((id) => index.kb.byId.get(id))
    .filter((r): r is KbRecord => r !== undefined);
  if (related.length > 0)
    fields.push({ name: 'Related', value: related.map((r) => escapeText(r.name)).join(', '), inline: false });
  const projects = index.projectsOf.get(initiative.id) ?? [];
  if (projects.length > 0)
    fields.push({
      name: 'Projects',
      value: projects.map((p) => escapeText(p.name)).join(', '),
      inline: false,
    });
  if (initiative.website)
    fields.push({ name: 'Website', value: escapeText(initiative.website), inline: true });
  return { heading: 'Overview', lines, fields, empty: '' };
}

function founders(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const groups = membersByRole(index, initiative.id);
  const lines: string[] = [];
  const launched = launchLine(initiative, groups['co-founder']);
  if (launched) lines.push(launched);
  if (initiative.launched?.note) lines.push(`*${statement(initiative.launched.note, 300)}*`);
  if (groups['co-founder'].length > 0) {
    lines.push('', bold('Co-founders'));
    for (const { org, inv } of groups['co-founder']) {
      const date = when(inv);
      const note = inv.note ? ` — ${statement(inv.note, 200)}` : '';
      lines.push(bullet(`${bold(org.name)} co-founded it${date ? ` (${date})` : ''}${note}`));
    }
  }
  const runBy = index.runBy.get(initiative.id);
  if (runBy) lines.push('', `Run by ${bold(runBy.name)}.`);
  const people = index.staffOfInitiative.get(initiative.id) ?? [];
  if (people.length > 0) {
    lines.push('', bold('People'));
    for (const { person, role } of people)
      lines.push(bullet(`${bold(person.name)} — ${statement(role.title, 200)}${escapeText(roleSpan(role))}`));
  }
  const founding = groups['founding-member'].length;
  if (founding > 0) lines.push('', `${founding} founding members besides the co-founders (see Members).`);
  const history = factsOf(initiative, 'history');
  if (history.length > 0) lines.push('', bold('History'), ...history.map(factLine));
  return { heading: 'Founders', lines, fields: [], empty: '' };
}

function members(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const groups = membersByRole(index, initiative.id);
  const lines: string[] = [];
  const section = (title: string, list: readonly Membership[], line: (m: Membership) => string) => {
    if (list.length === 0) return;
    if (lines.length > 0) lines.push('');
    lines.push(bold(`${title} (${list.length})`), ...list.map(line));
  };
  const founding = [...groups['co-founder'], ...groups['founding-member']];
  section('Founding members', founding, ({ org, inv }) =>
    bullet(`${bold(org.name)}${inv.role === 'co-founder' ? ' — co-founder' : ''}`),
  );
  section('Joined later', groups.member, ({ org, inv }) =>
    bullet(`${bold(org.name)}${inv.date ? ` — joined ${formatDate(inv.date)}` : ''}`),
  );
  section('Partners', groups.partner, ({ org, inv }) =>
    bullet(`${bold(org.name)}${inv.note ? ` — ${statement(inv.note, 200)}` : ''}`),
  );
  section('Notable non-members', groups['not-a-member'], ({ org, inv }) =>
    bullet(`${bold(org.name)} — ${statement(inv.reason ?? inv.note ?? 'not a member', 350)}`),
  );
  const notes = factsOf(initiative, 'membership');
  if (notes.length > 0) lines.push('', bold('About the membership'), ...notes.map(factLine));
  return { heading: 'Members', lines, fields: [], empty: '' };
}

function goals(initiative: InitiativeRecord): TopicView {
  const goalFacts = factsOf(initiative, 'goals');
  const activities = factsOf(initiative, 'activities', 'governance');
  const lines = goalFacts.map(factLine);
  if (activities.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(bold('Activities and governance'), ...activities.map(factLine));
  }
  return { heading: 'Goals', lines, fields: [], empty: '' };
}

function criticism(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const lines = factsOf(initiative, 'criticism').map(factLine);
  const critics = membersByRole(index, initiative.id).critic;
  if (critics.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(bold('Critics'));
    for (const { org, inv } of critics)
      lines.push(bullet(`${bold(org.name)}${inv.note ? ` — ${statement(inv.note, 300)}` : ''}`));
  }
  return { heading: 'Criticism', lines, fields: [], empty: '' };
}

function timeline(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const entries: { date: string; text: string }[] = [];
  if (initiative.launched) {
    const note = initiative.launched.note ? ` (${statement(initiative.launched.note, 200)})` : '';
    entries.push({ date: initiative.launched.date, text: `Launched${note}.` });
  }
  for (const f of initiative.facts) if (f.date) entries.push({ date: f.date, text: statement(f.text, 300) });
  for (const { org, inv } of index.membersOf.get(initiative.id) ?? []) {
    // Founders share the launch date; only later events belong on the timeline.
    if (!inv.date || inv.date === initiative.launched?.date) continue;
    if (inv.role === 'member') entries.push({ date: inv.date, text: `${bold(org.name)} joined.` });
    if (inv.role === 'partner' || inv.role === 'critic')
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
  return [...new Set(ids)];
}

function sources(initiative: InitiativeRecord, index: SearchIndex): TopicView {
  const lines: string[] = [];
  for (const id of sourceIds(initiative, index)) {
    const s = index.kb.sources.get(id);
    if (!s) continue;
    const url = s.url.match(/https?:\/\/[^\s;,]+/)?.[0];
    lines.push(
      bullet(`${markdownLink(cut(s.title, 120), url)} — ${escapeText(cut(`${s.publisher}, ${s.date}`, 80))}`),
    );
  }
  return { heading: `Sources (${lines.length})`, lines, fields: [], empty: '' };
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
  const has = (...topics: Fact['topic'][]) => initiative.facts.some((f) => topics.includes(f.topic));
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
      return members.length > 0 || has('membership');
    case 'goals':
      return has('goals', 'activities', 'governance');
    case 'criticism':
      return has('criticism') || withRole('critic');
    case 'timeline':
      return (
        initiative.launched !== undefined ||
        initiative.facts.some((f) => f.date) ||
        members.some(
          (m) =>
            m.inv.date &&
            m.inv.date !== initiative.launched?.date &&
            ['member', 'partner', 'critic'].includes(m.inv.role),
        )
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
    goals: () => goals(initiative),
    criticism: () => criticism(initiative, index),
    timeline: () => timeline(initiative, index),
    sources: () => sources(initiative, index),
  }[topic];
  const view = build();
  // Drop leading blank lines left by empty sections.
  while (view.lines[0] === '') view.lines.shift();
  const name = escapeText(shortName(initiative));
  view.empty = `The knowledge base has nothing on the ${topic} of ${name} yet.`;
  return view;
}
