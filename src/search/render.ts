import type { KnowledgeBase } from '../knowledge/model.js';
import type {
  Initiative,
  Involvement,
  KbRecord,
  Organization,
  Person,
  PersonRole,
} from '../knowledge/schema.js';
import { formatDate } from '../text/dates.js';

/** "the AI Alliance", but "Meta's open model releases" and "The University of Tokyo" as they are. */
export function withArticle(name: string): string {
  return /^the\s/i.test(name) || /'s\s/.test(name) ? name : `the ${name}`;
}

/**
 * A short form for lists: the acronym in "Mohamed bin Zayed University … (MBZUAI)", or a record's first alias
 * when its name is very long.
 */
export function shortName(r: KbRecord): string {
  const m = r.name.match(/^(.*?)\s*\(([^)]*)\)\s*$/);
  if (m?.[1]) {
    const inner = m[2]?.trim() ?? '';
    if (/^[A-Z0-9*&.-]{2,10}$/.test(inner) && r.name.length > 30) return inner;
    return m[1];
  }
  if (r.name.length > 40) {
    const alias = r.aliases.find((a) => typeof a === 'string' && a.length >= 4);
    if (typeof alias === 'string') return alias;
  }
  return r.name;
}

/** The name plus a well-known acronym users may look for: "U.S. National Science Foundation (NSF)". */
export function nameWithAcronym(r: KbRecord): string {
  if (/\([^)]*\)/.test(r.name)) return r.name;
  const acronym = r.aliases.find(
    (a): a is string =>
      typeof a === 'string' &&
      /^[A-Z][A-Z0-9*&]{1,7}$/.test(a) &&
      !r.name.includes(a) &&
      a.toLowerCase() !== r.name.toLowerCase(),
  );
  return acronym ? `${r.name} (${acronym})` : r.name;
}

/** One sentence for an organization's relation to an initiative, in the words the answers use. */
export function involvementSentence(org: Organization, inv: Involvement, initiative: Initiative): string {
  const init = withArticle(initiative.name);
  const when = inv.date ? formatDate(inv.date) : undefined;
  const note = inv.note ? ` (${inv.note})` : '';
  switch (inv.role) {
    case 'co-founder':
      return `${org.name} co-founded ${init}${when ? ` (${when})` : ''}${note}.`;
    case 'founding-member':
      return `${org.name} was a founding member of ${init}${when ? `, launched ${when}` : ''}${note}.`;
    case 'member': {
      const later = when && initiative.launched && inv.date && inv.date > initiative.launched.date;
      return `${org.name} is a member of ${init}${when ? `; it joined ${when.includes(',') ? 'on' : 'in'} ${when}` : ''}${later ? ', so it was not a founding member' : ''}${note}.`;
    }
    case 'not-a-member': {
      const at =
        when && inv.date === initiative.launched?.date
          ? ` at its launch on ${when}`
          : when
            ? ` as of ${when}`
            : '';
      return `${org.name} was not a member of ${init}${at}. ${inv.reason ?? ''}`.trim();
    }
    case 'critic':
      return `${org.name} is a critic of ${init}${note}.`;
    case 'partner':
      return `${org.name} takes part in ${init} as a partner${note}.`;
  }
}

/** A role the records limit to the past: an end date, or a title that says when it held ("at the launch"). */
export function pastRole(role: { title: string; to?: string | undefined }): boolean {
  return !!role.to || /\((?:at|until|then|former)\b/i.test(role.title);
}

/** When a role ran, e.g. " (2018 – January 2025)" or " (since November 2025)". */
export function roleSpan(role: PersonRole): string {
  if (role.from && role.to && role.from === role.to) return ` (${formatDate(role.from)})`;
  if (role.from && role.to) return ` (${formatDate(role.from)} – ${formatDate(role.to)})`;
  if (role.to) return ` (until ${formatDate(role.to)})`;
  if (role.from) return ` (since ${formatDate(role.from)})`;
  return '';
}

/** One sentence for a person's role. */
export function roleSentence(person: Person, role: PersonRole, kb: KnowledgeBase): string {
  const org = role.organization ? kb.byId.get(role.organization) : undefined;
  const initiative = role.initiative ? kb.byId.get(role.initiative) : undefined;
  const where = [org, initiative]
    .filter((r): r is KbRecord => r !== undefined && !role.title.includes(shortName(r)))
    .map((r) => r.name);
  return `${person.name}: ${role.title}${where.length ? ` (${where.join(', ')})` : ''}${roleSpan(role)}.`;
}
