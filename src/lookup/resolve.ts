import { garbledAliases } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { type SuggestKind, suggest } from '../search/suggest.js';
import { normalize } from '../text/normalize.js';

/** A record a user may have meant. */
export interface Candidate {
  id: string;
  name: string;
}

/** What a typed name (or an autocomplete value) refers to. */
export type Resolution =
  | {
      found: true;
      record: KbRecord;
      /** Set when the user typed a garbled spelling of the record's name from a seed article. */
      garbledSpelling?: string;
    }
  | { found: false; suggestions: Candidate[] };

/** Whether a record may be shown by a command that looks up `kind`. */
export function acceptsKind(kind: SuggestKind, record: KbRecord): boolean {
  if (kind === 'any') return true;
  if (kind === 'initiative') return record.kind === 'initiative';
  return record.kind === 'organization' || record.kind === 'person';
}

function found(record: KbRecord, typed: string): Resolution {
  const key = normalize(typed);
  const garbled = garbledAliases(record).find((g) => normalize(g) === key);
  return garbled ? { found: true, record, garbledSpelling: typed.trim() } : { found: true, record };
}

/**
 * Resolves what the user put in a `name` option: a record id (what autocomplete sends), an exact name or alias,
 * or else the best autocomplete match for the text. Unknown names come back with up to five suggestions.
 */
export function resolveRecord(input: string, kind: SuggestKind, index: SearchIndex): Resolution {
  const typed = input.trim();
  const byId = index.kb.byId.get(typed);
  if (byId && acceptsKind(kind, byId)) return { found: true, record: byId };

  const exact = (index.surfaces.get(normalize(typed)) ?? []).filter((s) => acceptsKind(kind, s.record));
  const best = exact.find((s) => s.isName) ?? exact.find((s) => !s.garbled) ?? exact[0];
  if (best) return found(best.record, typed);

  // suggest() ranks prefix and typo matches and returns nothing for unrelated text, so its first hit is safe.
  const top = typed ? suggest(typed, kind, index)[0] : undefined;
  const record = top ? index.kb.byId.get(top.value) : undefined;
  if (record) return found(record, typed);

  const nearby = suggest('', kind, index).slice(0, 5);
  return { found: false, suggestions: nearby.map((c) => ({ id: c.value, name: c.name })) };
}

/**
 * Resolution for /whois: organizations and people first, but an exact record id or name of a project or
 * initiative still resolves to it (so a card exists for every record).
 */
export function resolveEntity(input: string, index: SearchIndex): Resolution {
  const byId = index.kb.byId.get(input.trim());
  if (byId) return { found: true, record: byId };
  const entity = resolveRecord(input, 'entity', index);
  if (entity.found) return entity;
  const any = resolveRecord(input, 'any', index);
  return any.found ? any : entity;
}
