import type { APIEmbed, APIEmbedField } from 'discord.js';
import { KIND_LABEL } from '../knowledge/model.js';
import type {
  Fact,
  Involvement,
  KbRecord,
  Organization,
  Person,
  PersonRole,
  Project,
} from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { nameWithAcronym, roleSpan, shortName } from '../search/render.js';
import { formatDate } from '../text/dates.js';
import { COLORS } from './answer-embed.js';
import { escapeText, markdownLink } from './escape.js';
import { cut, fitEmbed, fitLines, LIMITS } from './fit.js';

const bold = (text: string) => `**${escapeText(text)}**`;
const statement = (text: string, max = 300) => escapeText(cut(text, max));

function field(name: string, lines: readonly string[]): APIEmbedField[] {
  return lines.length > 0 ? [{ name, value: fitLines(lines, LIMITS.fieldValue) }] : [];
}

function factLines(facts: readonly Fact[]): string[] {
  return facts.map((f) => {
    const quote = f.quote && !f.text.includes(f.quote) ? `“${statement(f.quote, 200)}” — ` : '';
    return `• ${quote}${statement(f.text)}`;
  });
}

function sourceLines(ids: readonly string[], index: SearchIndex): string[] {
  const lines: string[] = [];
  for (const id of new Set(ids)) {
    const s = index.kb.sources.get(id);
    if (!s) continue;
    lines.push(`• ${markdownLink(cut(s.title, 90), s.url.match(/https?:\/\/[^\s;,]+/)?.[0])}`);
  }
  return lines;
}

// Co-founders first, non-members last: the order people read a profile in.
const ROLE_ORDER: Involvement['role'][] = [
  'co-founder',
  'founding-member',
  'member',
  'partner',
  'critic',
  'not-a-member',
];

/** "co-founder (December 5, 2023)", "member (joined March 2024)", "not a member (as of …): why". */
export function involvementLine(inv: Involvement, initiativeName: string): string {
  const date = inv.date ? formatDate(inv.date) : undefined;
  const name = bold(initiativeName);
  const note = inv.note ? ` — ${statement(inv.note, 160)}` : '';
  switch (inv.role) {
    case 'co-founder':
      return `• ${name}: co-founder${date ? ` (${date})` : ''}${note}`;
    case 'founding-member':
      return `• ${name}: founding member${date ? ` (${date})` : ''}${note}`;
    case 'member':
      return `• ${name}: member${date ? ` (joined ${date})` : ''}${note}`;
    case 'partner':
      return `• ${name}: partner${date ? ` (since ${date})` : ''}${note}`;
    case 'critic':
      return `• ${name}: critic${date ? ` (${date})` : ''}${note}`;
    case 'not-a-member':
      return `• ${name}: not a member${date ? ` (as of ${date})` : ''}${inv.reason ? ` — ${statement(inv.reason, 260)}` : note}`;
  }
}

function roleLine(role: PersonRole, index: SearchIndex): string {
  const where = [role.organization, role.initiative]
    .map((id) => (id ? index.kb.byId.get(id) : undefined))
    .filter((r): r is KbRecord => r !== undefined && !role.title.includes(shortName(r)))
    .map((r) => escapeText(r.name));
  return `• ${bold(role.title)}${where.length ? ` — ${where.join(', ')}` : ''}${escapeText(roleSpan(role))}`;
}

/** Note for a name typed with a garbled spelling from a seed article. */
export function garbledNote(typed: string, record: KbRecord): string {
  return `*“${escapeText(typed)}” is a garbled spelling of ${escapeText(record.name)} in a machine-translated seed article.*`;
}

function intro(record: KbRecord, extra: string | undefined, garbledSpelling: string | undefined): string {
  const parts = [escapeText(record.summary)];
  if (extra && !record.summary.includes(extra)) parts.push(escapeText(extra));
  if (garbledSpelling) parts.push(garbledNote(garbledSpelling, record));
  return parts.join('\n\n');
}

function organizationFields(
  org: Organization & { kind: 'organization' },
  index: SearchIndex,
): APIEmbedField[] {
  const involvement = [...org.involvement].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role),
  );
  const initiatives = involvement.map((inv) =>
    involvementLine(inv, index.kb.byId.get(inv.initiative)?.name ?? inv.initiative),
  );
  const runs = org.runs ? index.kb.byId.get(org.runs) : undefined;
  if (runs) initiatives.unshift(`• ${bold(runs.name)}: the organization behind it`);
  const people = (index.staffOfOrg.get(org.id) ?? []).map(
    ({ person, role }) =>
      `• ${bold(person.name)} — ${statement(role.title, 150)}${escapeText(roleSpan(role))}`,
  );
  const projects = (index.projectsOf.get(org.id) ?? []).map(
    (p) => `• ${bold(p.name)} — ${statement(p.type, 80)}${p.released ? ` (${formatDate(p.released)})` : ''}`,
  );
  const statements = org.facts.filter((f) => f.topic === 'quote' || f.topic === 'career');
  const notes = org.facts.filter((f) => f.topic !== 'quote' && f.topic !== 'career').slice(0, 4);
  return [
    ...field('Initiatives', initiatives),
    ...field('People', people),
    ...field('Projects', projects),
    ...field('Key statements', factLines(statements)),
    ...field('Notes', factLines(notes)),
  ];
}

function personFields(person: Person & { kind: 'person' }, index: SearchIndex): APIEmbedField[] {
  const statements = person.facts.filter((f) => f.topic === 'quote' || f.topic === 'career');
  return [
    ...field(
      'Roles',
      person.roles.map((r) => roleLine(r, index)),
    ),
    ...field('Key statements', factLines(statements)),
  ];
}

function projectFields(project: Project & { kind: 'project' }, index: SearchIndex): APIEmbedField[] {
  const owner = project.owner ? index.kb.byId.get(project.owner) : undefined;
  const related = project.related
    .map((id) => index.kb.byId.get(id))
    .filter((r): r is KbRecord => r !== undefined);
  return [
    { name: 'Type', value: statement(project.type, 200), inline: true },
    ...(owner ? [{ name: 'Owner', value: escapeText(owner.name), inline: true }] : []),
    ...(project.released ? [{ name: 'Released', value: formatDate(project.released), inline: true }] : []),
    ...field(
      'Related',
      related.map((r) => `• ${escapeText(r.name)}`),
    ),
    ...field('Notes', factLines(project.facts.slice(0, 4))),
  ];
}

/** Every source behind a record's card: the record, its facts, relations and roles. */
function recordSourceIds(record: KbRecord): string[] {
  const ids = [...record.sources, ...record.facts.flatMap((f) => f.sources)];
  if (record.kind === 'organization') ids.push(...record.involvement.flatMap((i) => i.sources));
  if (record.kind === 'person') ids.push(...record.roles.flatMap((r) => r.sources));
  return ids;
}

/**
 * The /whois card for an organization or a person (projects and initiatives get a short card too): who or what
 * it is, its role in each initiative with dates, its people or roles, key statements, and sources.
 */
export function whoisCard(record: KbRecord, index: SearchIndex, garbledSpelling?: string): APIEmbed {
  let fields: APIEmbedField[];
  let extra: string | undefined;
  let kindLabel: string = KIND_LABEL[record.kind];
  if (record.kind === 'organization') {
    fields = organizationFields(record, index);
    extra = record.description;
    kindLabel = `${kindLabel} · ${record.type}`;
  } else if (record.kind === 'person') {
    fields = personFields(record, index);
  } else if (record.kind === 'project') {
    fields = projectFields(record, index);
  } else {
    fields = [];
    extra = `For its members, goals and timeline, run /initiative name: ${record.name}`;
  }
  fields.push(...field('Sources', sourceLines(recordSourceIds(record), index)));
  return fitEmbed({
    title: nameWithAcronym(record),
    description: intro(record, extra, garbledSpelling),
    color: COLORS.answer,
    fields,
    footer: { text: `${kindLabel} · Knowledge base ${index.kb.version}` },
  });
}
