import type { Fact, Initiative, Involvement, KbRecord, PersonRole } from '../knowledge/schema.js';
import type { Membership, SearchIndex, Staffing } from '../search/index.js';
import { formatDate } from '../text/dates.js';
import { nameList, repeats } from './prose.js';

/**
 * Relations and roles as members should read them, decided by their type *and* their dates: a co-founder is one
 * that was there at the founding; one that came later (even if the sources call it a "founding member") joined on
 * its date; an undated role gets no "since".
 */

type InitiativeRecord = Initiative & { kind: 'initiative' };

/** "on December 5, 2023", "in July 2023", "in 2016". */
export function onDate(iso: string): string {
  return `${iso.length === 10 ? 'on' : 'in'} ${formatDate(iso)}`;
}

/** Whether a founding relation (co-founder, founding member) was there at the launch, judged by its date. */
export function atFounding(inv: Involvement, initiative: Pick<Initiative, 'launched'>): boolean {
  const launched = initiative.launched?.date;
  if (!launched || !inv.date) return true;
  // Compare at the precision both have: "2023-07" was at a launch on "2023-07-18".
  const n = Math.min(launched.length, inv.date.length);
  return inv.date.slice(0, n) <= launched.slice(0, n);
}

/** An initiative's relations, grouped the way members read them. */
export interface MemberGroups {
  /** Co-founders that were there at the launch. */
  founders: Membership[];
  /** Founding members that were there at the launch. */
  founding: Membership[];
  /** Everyone who joined after the launch, by date (undated last), each group perhaps from a list fact. */
  later: LaterGroup[];
  partners: Membership[];
  critics: Membership[];
  outsiders: Membership[];
  /** List facts shown as a group of joiners, so they need not be shown again. */
  listFacts: Set<Fact>;
}

/** Members who joined on one date. */
export interface LaterGroup {
  date: string | undefined;
  /** Names in the order shown; from a dated list fact when it names every joiner with a record. */
  names: string[];
  members: Membership[];
  /** The fact the names come from, if any. */
  list?: Fact;
}

/** Names that contain a comma ("Fenrir, Inc."), so name lists are not split inside them. */
export function commaNames(index: SearchIndex): string[] {
  const names: string[] = [];
  for (const r of index.kb.records)
    for (const n of [r.name, ...r.aliases.map((a) => (typeof a === 'string' ? a : a.name))])
      if (n.includes(', ')) names.push(n);
  return names.sort((a, b) => b.length - a.length);
}

/**
 * Groups an initiative's relations by what they mean at its dates. A membership fact dated like a group of
 * joiners that lists all of them ("Members added on February 8, 2024: …") supplies the group's full list, so the
 * count shown is the announcement's, not just the joiners that have records of their own.
 */
export function memberGroups(initiative: InitiativeRecord, index: SearchIndex): MemberGroups {
  const groups: MemberGroups = {
    founders: [],
    founding: [],
    later: [],
    partners: [],
    critics: [],
    outsiders: [],
    listFacts: new Set(),
  };
  const joiners = new Map<string | undefined, Membership[]>();
  const runner = index.runBy.get(initiative.id)?.id;
  for (const m of index.membersOf.get(initiative.id) ?? []) {
    const { role } = m.inv;
    // The body behind an initiative is not one of its members, whatever relation it records.
    if (m.org.id === runner && role !== 'critic' && role !== 'not-a-member') continue;
    if ((role === 'co-founder' || role === 'founding-member') && atFounding(m.inv, initiative))
      (role === 'co-founder' ? groups.founders : groups.founding).push(m);
    else if (role === 'co-founder' || role === 'founding-member' || role === 'member') {
      const list = joiners.get(m.inv.date) ?? [];
      list.push(m);
      joiners.set(m.inv.date, list);
    } else if (role === 'partner') groups.partners.push(m);
    else if (role === 'critic') groups.critics.push(m);
    else groups.outsiders.push(m);
  }
  const known = commaNames(index);
  const dates = [...joiners.keys()].sort((a, b) => (a ?? '9999').localeCompare(b ?? '9999'));
  for (const date of dates) {
    const members = joiners.get(date) ?? [];
    const group: LaterGroup = { date, names: members.map((m) => m.org.name), members };
    if (date) {
      for (const fact of initiative.facts) {
        if (fact.topic !== 'membership' || fact.date !== date) continue;
        const list = nameList(fact.text, known);
        if (list && members.every((m) => list.names.some((n) => namesMatch(n, m.org)))) {
          group.names = list.names;
          group.list = fact;
          groups.listFacts.add(fact);
          break;
        }
      }
    }
    groups.later.push(group);
  }
  return groups;
}

function namesMatch(listed: string, record: KbRecord): boolean {
  const candidates = [record.name, ...record.aliases.map((a) => (typeof a === 'string' ? a : a.name))];
  return candidates.some((c) => listed === c || listed.startsWith(`${c} `) || listed.startsWith(`${c},`));
}

/** How many joined after the launch, counting a list fact's names where one gives the full list. */
export function laterCount(groups: MemberGroups): number {
  return groups.later.reduce((n, g) => n + g.names.length, 0);
}

/**
 * An organization's relation to an initiative as a short phrase: "co-founder, launched December 5, 2023",
 * "joined January 27, 2017, as a founding member", "not a member at its launch on December 5, 2023".
 */
export function relationPhrase(inv: Involvement, initiative: Pick<Initiative, 'launched'>): string {
  const date = inv.date ? formatDate(inv.date) : undefined;
  const launch = initiative.launched?.date;
  switch (inv.role) {
    case 'co-founder':
    case 'founding-member': {
      const label = inv.role === 'co-founder' ? 'co-founder' : 'founding member';
      if (inv.date && !atFounding(inv, initiative)) return `joined ${onDate(inv.date)}, as a ${label}`;
      return launch ? `${label}, launched ${formatDate(launch)}` : label;
    }
    case 'member':
      return inv.date ? `member, joined ${onDate(inv.date)}` : 'member';
    case 'partner':
      return date ? `partner since ${date}` : 'partner';
    case 'critic':
      return date ? `critic (${date})` : 'critic';
    case 'not-a-member':
      if (inv.date && inv.date === launch) return `not a member at its launch ${onDate(inv.date)}`;
      return date ? `not a member as of ${date}` : 'not a member';
  }
}

/** The note of a relation when it adds something to the phrase it goes with. */
export function relationNote(inv: Involvement, phrase: string): string | undefined {
  if (!inv.note) return undefined;
  return repeats(inv.note, phrase, 0.8) ? undefined : inv.note;
}

/** When a role ran: " (2018 – January 2025)", " (since November 2025)", " (until May 30, 2025)"; '' if undated. */
export function roleSpan(role: Pick<PersonRole, 'from' | 'to'>): string {
  if (role.from && role.to && role.from === role.to) return ` (${formatDate(role.from)})`;
  if (role.from && role.to) return ` (${formatDate(role.from)} – ${formatDate(role.to)})`;
  if (role.to) return ` (until ${formatDate(role.to)})`;
  if (role.from) return ` (since ${formatDate(role.from)})`;
  return '';
}

/** One person with every role they hold in one place, in the order the knowledge base lists them. */
export interface PersonRoles {
  person: Staffing['person'];
  roles: PersonRole[];
}

/** Groups (person, role) pairs so each person appears once, with their roles as a list. */
export function byPerson(staff: readonly Staffing[]): PersonRoles[] {
  const out: PersonRoles[] = [];
  const at = new Map<string, PersonRoles>();
  for (const { person, role } of staff) {
    let entry = at.get(person.id);
    if (!entry) {
      entry = { person, roles: [] };
      at.set(person.id, entry);
      out.push(entry);
    }
    if (!entry.roles.some((r) => r.title === role.title && roleSpan(r) === roleSpan(role)))
      entry.roles.push(role);
  }
  return out;
}
