import { aliasName } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import type { FactDoc } from '../search/index.js';
import { normalize } from '../text/normalize.js';
import type { Draft } from './compose.js';
import type { Ctx } from './context.js';

/** Names of the records, normalised, for finding statements elsewhere that speak of them. */
export function namesOf(records: readonly KbRecord[]): string[] {
  return records.flatMap(recordNames);
}

/** A record's names, normalised once: they are matched against many statements for every question. */
const normalisedNames = new WeakMap<KbRecord, readonly string[]>();
function recordNames(r: KbRecord): readonly string[] {
  let names = normalisedNames.get(r);
  if (!names) {
    names = [r.name, ...r.aliases.map(aliasName)].map(normalize).filter((n) => n.length >= 3);
    normalisedNames.set(r, names);
  }
  return names;
}

/** A statement's text, normalised once and padded with spaces for whole-word matching. */
const paddedTexts = new WeakMap<FactDoc, string>();
export function paddedText(doc: FactDoc): string {
  let text = paddedTexts.get(doc);
  if (text === undefined) {
    text = ` ${normalize(doc.text)} `;
    paddedTexts.set(doc, text);
  }
  return text;
}

/**
 * Share of the named records a statement belongs to, is about, names in its text, or speaks for through one of
 * its people (a TechCrunch reporter's words are TechCrunch's piece).
 */
export function namesShare(doc: FactDoc, records: readonly KbRecord[], index: Ctx['index']): number {
  if (records.length < 2) return 0;
  const text = paddedText(doc);
  const hit = records.filter(
    (r) =>
      r.id === doc.recordId ||
      doc.about.includes(r.id) ||
      recordNames(r).some((n) => text.includes(` ${n} `)) ||
      speaksFor(doc.recordId, r, index),
  ).length;
  return hit / records.length;
}

/**
 * A record that speaks for an organization: one of its people, one of its projects, or an initiative it founded
 * alone; for an initiative, a person in a role there (what IBM's Annunziata said of the working groups is the
 * Alliance's matter too).
 */
export function speaksFor(recordId: string, org: KbRecord, index: Ctx['index']): boolean {
  if (org.kind === 'initiative')
    return (index.staffOfInitiative.get(org.id) ?? []).some((s) => s.person.id === recordId);
  if (org.kind !== 'organization') return false;
  // An initiative the organization founded alone is its own ("Meta's open model releases").
  const founders = (index.membersOf.get(recordId) ?? []).filter((m) => m.inv.role === 'co-founder');
  if (founders.length === 1 && founders[0]?.org.id === org.id) return true;
  return (
    (index.staffOfOrg.get(org.id) ?? []).some((s) => s.person.id === recordId) ||
    (index.projectsOf.get(org.id) ?? []).some((p) => p.id === recordId)
  );
}

/** The answer speaks of every record the question names: as its subject, a statement's record, or by name. */
export function namesEvery(draft: Draft, records: readonly KbRecord[], index: Ctx['index']): boolean {
  if (records.length < 2) return true;
  const text = ` ${normalize([draft.lead, ...draft.docs.map((d) => d.text)].join(' '))} `;
  return records.every(
    (r) =>
      r.id === draft.subject.id ||
      speaksFor(draft.subject.id, r, index) ||
      draft.docs.some((d) => d.recordId === r.id || d.about.includes(r.id)) ||
      namesOf([r]).some((n) => text.includes(` ${n} `)),
  );
}
