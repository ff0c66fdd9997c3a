import type { Alias, KbRecord, RecordKind, Source } from './schema.js';

/** A validated, cross-checked knowledge base, as loaded from one directory. */
export interface KnowledgeBase {
  /** Every record, in file order. */
  records: readonly KbRecord[];
  byId: ReadonlyMap<string, KbRecord>;
  sources: ReadonlyMap<string, Source>;
  /** Short content hash: changes whenever any file changes, so replies can say which knowledge they used. */
  version: string;
  /** The files it was loaded from, relative to the directory. */
  files: readonly string[];
  /** The day (`YYYY-MM-DD`) its newest file was last changed, shown to members as "Knowledge updated …". */
  updated?: string;
}

/** Records per kind plus sources, for `kb:check`, `/help` and logs. */
export interface KnowledgeCounts {
  initiatives: number;
  organizations: number;
  people: number;
  projects: number;
  sources: number;
  facts: number;
}

/** Counts records of each kind, sources and facts (relations included). */
export function countKnowledge(kb: KnowledgeBase): KnowledgeCounts {
  const counts: KnowledgeCounts = {
    initiatives: 0,
    organizations: 0,
    people: 0,
    projects: 0,
    sources: kb.sources.size,
    facts: 0,
  };
  for (const r of kb.records) {
    counts.facts += r.facts.length;
    if (r.kind === 'initiative') counts.initiatives++;
    else if (r.kind === 'organization') {
      counts.organizations++;
      counts.facts += r.involvement.length;
    } else if (r.kind === 'person') {
      counts.people++;
      counts.facts += r.roles.length;
    } else counts.projects++;
  }
  return counts;
}

/** The plain name of an alias entry. */
export function aliasName(a: Alias): string {
  return typeof a === 'string' ? a : a.name;
}

/** A source's publisher without a parenthetical ("Example News (Kim Park)" → "Example News"). */
export function publisherName(source: Source): string {
  return source.publisher.replace(/\s*\(.*\)\s*$/, '');
}

/** The aliases of a record that are garbled spellings from the seed articles. */
export function garbledAliases(r: KbRecord): string[] {
  return r.aliases.filter((a) => typeof a !== 'string' && a.garbled).map(aliasName);
}

/** Human label of a record kind. */
export const KIND_LABEL: Record<RecordKind, string> = {
  initiative: 'Initiative',
  organization: 'Organization',
  person: 'Person',
  project: 'Project',
};
