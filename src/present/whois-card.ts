import {
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { KIND_LABEL } from '../knowledge/model.js';
import type { Fact, Involvement, KbRecord, Organization, Person, Project } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { nameWithAcronym, shortName } from '../search/render.js';
import { formatDate } from '../text/dates.js';
import { COLORS, type ComponentRow } from './answer-embed.js';
import { recordRef } from './card-state.js';
import { escapeText } from './escape.js';
import { fitEmbed, LIMITS, paginate } from './fit.js';
import { footerText, knowledgeFooter } from './footer.js';
import { compactNames, cutProse, repeats, SaidOnce, sentences } from './prose.js';
import { byPerson, relationNote, relationPhrase, roleSpan } from './relations.js';
import { citedSources, sourceLine } from './sources.js';
import { showsFact } from './visible.js';

const bold = (text: string) => `**${escapeText(text)}**`;
/** Statements in a card's lists stay short: whole sentences up to `max` characters. */
const statement = (text: string, max = 300) => escapeText(cutProse(text, max));

function field(name: string, lines: readonly string[]): APIEmbedField[] {
  return lines.length > 0 ? [{ name, value: wholeLines(lines, LIMITS.fieldValue) }] : [];
}

/** As many whole lines as fit, then "…and N more" (lines are never cut in the middle). */
function wholeLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? ` \n…and ${rest} more`.length : 0;
    if (used + line.length + 1 + tail > max) {
      if (out.length === 0) out.push(cutProse(line, max - tail));
      out.push(`…and ${lines.length - out.length} more`);
      return out.join('\n');
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}

function factLines(facts: readonly Fact[], said: SaidOnce, max = 300): string[] {
  const lines: string[] = [];
  for (const f of facts) {
    const text = said.fresh(cutProse(f.text, max));
    if (!text) continue;
    const quote = f.quote && !f.text.includes(f.quote) ? `“${escapeText(cutProse(f.quote, 200))}” — ` : '';
    lines.push(`• ${quote}${escapeText(text)}`);
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

/** "• **AI Alliance** — co-founder, launched December 5, 2023", with the note or the reason when there is one. */
export function involvementLine(inv: Involvement, initiative: KbRecord | undefined): string {
  const name = bold(initiative?.name ?? inv.initiative);
  const phrase = relationPhrase(inv, initiative?.kind === 'initiative' ? initiative : {});
  if (inv.role === 'not-a-member' && inv.reason)
    return `• ${name} — ${escapeText(phrase)}: ${statement(inv.reason, 260)}`;
  const note = relationNote(inv, phrase);
  return `• ${name} — ${escapeText(phrase)}${note ? ` (${statement(note, 160)})` : ''}`;
}

/** The note shown when someone typed a garbled spelling of a name. */
export function garbledNote(typed: string, record: KbRecord): string {
  return `*“${escapeText(typed)}” is a garbled spelling of ${escapeText(record.name)}.*`;
}

function intro(
  record: KbRecord,
  extra: string | undefined,
  garbledSpelling: string | undefined,
  said: SaidOnce,
): string {
  said.add(record.summary);
  const parts = [escapeText(record.summary)];
  if (extra) {
    // A description often restates the summary; keep only the sentences that add something.
    const fresh = sentences(extra).filter((s) => !repeats(s, record.summary));
    const text = said.fresh(fresh.join(' '));
    if (text) parts.push(escapeText(text));
  }
  if (garbledSpelling) {
    parts.push(garbledNote(garbledSpelling, record));
    for (const f of record.facts)
      if (f.spellings && showsFact(f, garbledSpelling) && said.add(f.text))
        parts.push(statement(f.text, 600));
  }
  return parts.join('\n\n');
}

/** Facts for a card's Notes: not the quotes and career moves (shown apart), nor corrections meant for others. */
const notes = (facts: readonly Fact[], typed: string | undefined) =>
  facts.filter((f) => f.topic !== 'quote' && f.topic !== 'career' && !f.spellings && showsFact(f, typed));
const statements = (facts: readonly Fact[]) =>
  facts.filter((f) => f.topic === 'quote' || f.topic === 'career');

function organizationFields(
  org: Organization & { kind: 'organization' },
  index: SearchIndex,
  said: SaidOnce,
  typed: string | undefined,
): APIEmbedField[] {
  const involvement = org.involvement
    // The initiative it runs gets its own line; a relation to it would only say so again.
    .filter((inv) => inv.initiative !== org.runs)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const initiatives = involvement.map((inv) => involvementLine(inv, index.kb.byId.get(inv.initiative)));
  const runs = org.runs ? index.kb.byId.get(org.runs) : undefined;
  if (runs) initiatives.unshift(`• ${bold(runs.name)} — the organization behind it`);
  const people = byPerson(index.staffOfOrg.get(org.id) ?? []).map(
    ({ person, roles }) =>
      `• ${bold(person.name)} — ${roles.map((r) => `${statement(r.title, 150)}${escapeText(roleSpan(r))}`).join('; ')}`,
  );
  const projects = (index.projectsOf.get(org.id) ?? []).map(
    (p) => `• ${bold(p.name)} — ${statement(p.type, 80)}${p.released ? ` (${formatDate(p.released)})` : ''}`,
  );
  return [
    ...field('Initiatives', initiatives),
    ...field('People', people),
    ...field('Projects', projects),
    ...field('Key statements', factLines(statements(org.facts), said)),
    ...field('Notes', factLines(notes(org.facts, typed), said).slice(0, 4)),
  ];
}

function personFields(
  person: Person & { kind: 'person' },
  index: SearchIndex,
  said: SaidOnce,
  typed: string | undefined,
): APIEmbedField[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const role of person.roles) {
    const where = [role.organization, role.initiative]
      .map((id) => (id ? index.kb.byId.get(id) : undefined))
      .filter((r): r is KbRecord => r !== undefined && !role.title.includes(shortName(r)))
      .map((r) => r.name)
      .filter((name, i, all) => all.indexOf(name) === i);
    const line = `• ${bold(role.title)}${where.length ? ` — ${escapeText(where.join(', '))}` : ''}${escapeText(roleSpan(role))}`;
    // The same title at an organization and at the initiative it runs reads as one role.
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return [
    ...field('Roles', lines),
    ...field('Key statements', factLines(statements(person.facts), said)),
    ...field('Notes', factLines(notes(person.facts, typed), said).slice(0, 4)),
  ];
}

function projectFields(
  project: Project & { kind: 'project' },
  index: SearchIndex,
  said: SaidOnce,
  typed: string | undefined,
): APIEmbedField[] {
  const owner = project.owner ? index.kb.byId.get(project.owner) : undefined;
  const related = project.related
    .map((id) => index.kb.byId.get(id))
    .filter((r): r is KbRecord => r !== undefined)
    .map((r) => escapeText(r.name));
  return [
    // The type is a few words; when the summary already says them, a Type line would only repeat it.
    ...(repeats(project.type, project.summary, 0.6)
      ? []
      : [{ name: 'Type', value: statement(project.type, 200), inline: true }]),
    ...(owner ? [{ name: 'Owner', value: escapeText(owner.name), inline: true }] : []),
    ...(project.released ? [{ name: 'Released', value: formatDate(project.released), inline: true }] : []),
    ...(related.length > 0 ? [{ name: 'Related', value: compactNames(related) }] : []),
    ...field('Notes', factLines(notes(project.facts, typed), said).slice(0, 4)),
  ];
}

/** Every source behind a record's card: the record, its facts, relations and roles. */
export function recordSourceIds(record: KbRecord): string[] {
  const ids = [...record.sources, ...record.facts.flatMap((f) => f.sources)];
  if (record.kind === 'organization') ids.push(...record.involvement.flatMap((i) => i.sources));
  if (record.kind === 'person') ids.push(...record.roles.flatMap((r) => r.sources));
  if (record.kind === 'initiative') ids.push(...(record.launched?.sources ?? []));
  return ids;
}

/** Custom id prefix of the "All sources" button and its pages. */
export const WHOIS_SOURCES = 'whois:s';

/** `whois:s:<page>:<ref>` */
export function sourcesButtonId(recordId: string, page: number): string {
  return `${WHOIS_SOURCES}:${page}:${recordRef(recordId, '')}`;
}

/** Reads a sources button's custom id; `undefined` when malformed. */
export function decodeSourcesButton(customId: string): { page: number; ref: string } | undefined {
  const m = /^whois:s:(\d{1,3}):([#a-z0-9-]+)$/.exec(customId);
  return m ? { page: Number(m[1]), ref: m[2] as string } : undefined;
}

/** A /whois reply: the card and, when its sources don't all fit, a button that lists them all. */
export interface WhoisCard {
  embed: APIEmbed;
  components: ComponentRow[];
}

/**
 * The /whois card for an organization or a person (projects and initiatives get a short card too): who or what
 * it is, its role in each initiative with dates, its people or roles, key statements, and sources. A correction
 * of a garbled spelling shows only when `garbledSpelling` (what the member typed) is that spelling.
 */
export function whoisCard(record: KbRecord, index: SearchIndex, garbledSpelling?: string): WhoisCard {
  const said = new SaidOnce();
  let extra: string | undefined;
  let kindLabel: string = KIND_LABEL[record.kind];
  if (record.kind === 'organization') {
    extra = record.description;
    kindLabel = `${kindLabel} · ${record.type}`;
  } else if (record.kind === 'initiative') {
    extra = `For its members, goals and timeline, run /initiative name: ${record.name}`;
  }
  const description = intro(record, extra, garbledSpelling, said);
  let fields: APIEmbedField[] = [];
  if (record.kind === 'organization') fields = organizationFields(record, index, said, garbledSpelling);
  else if (record.kind === 'person') fields = personFields(record, index, said, garbledSpelling);
  else if (record.kind === 'project') fields = projectFields(record, index, said, garbledSpelling);

  const sources = citedSources(recordSourceIds(record), index);
  const lines = sources.map((s) => sourceLine(s, 80));
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > LIMITS.fieldValue) break;
    shown.push(line);
    used += line.length + 1;
  }
  const allShown = shown.length === lines.length;
  if (shown.length > 0)
    fields.push({
      name: allShown ? 'Sources' : `Sources (${shown.length} of ${lines.length})`,
      value: shown.join('\n'),
    });
  const components: ComponentRow[] = [];
  if (!allShown) {
    const button: APIButtonComponent = {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: `All ${lines.length} sources`,
      custom_id: sourcesButtonId(record.id, 0),
    };
    components.push({ type: ComponentType.ActionRow, components: [button] });
  }
  const embed = fitEmbed({
    title: nameWithAcronym(record),
    description,
    color: COLORS.answer,
    fields,
    footer: { text: footerText(kindLabel, knowledgeFooter(index.kb)) },
  });
  return { embed, components };
}

/** Sources per page of the "All sources" list: a link line shows far shorter than it is long. */
export const SOURCE_PAGE_LINES = 20;
export const SOURCE_PAGE_CHARS = 3800;

/** One page of a record's sources, with ◀ ▶ buttons when there are several (an ephemeral reply). */
export function sourcesPage(
  record: KbRecord,
  index: SearchIndex,
  page: number,
): WhoisCard & { pages: number } {
  const lines = citedSources(recordSourceIds(record), index).map((s) => sourceLine(s));
  const pages = paginate(lines, SOURCE_PAGE_CHARS, SOURCE_PAGE_LINES);
  const at = Math.min(Math.max(0, Math.trunc(page)), pages.length - 1);
  const embed = fitEmbed({
    title: `Sources — ${record.name}`,
    description: (pages[at] ?? []).join('\n') || 'No sources are recorded.',
    color: COLORS.answer,
    footer: {
      text: footerText(
        `${lines.length} source${lines.length === 1 ? '' : 's'}`,
        pages.length > 1 ? `page ${at + 1} of ${pages.length}` : undefined,
        knowledgeFooter(index.kb),
      ),
    },
  });
  const components: ComponentRow[] = [];
  if (pages.length > 1) {
    const pageButton = (label: string, to: number, disabled: boolean): APIButtonComponent => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label,
      // With two or more pages, ◀ and ▶ always lead to different pages, so their ids differ.
      custom_id: sourcesButtonId(record.id, to),
      disabled,
    });
    components.push({
      type: ComponentType.ActionRow,
      components: [
        pageButton('◀ Previous', Math.max(0, at - 1), at === 0),
        pageButton('Next ▶', Math.min(pages.length - 1, at + 1), at === pages.length - 1),
      ],
    });
  }
  return { embed, components, pages: pages.length };
}
