import { normalize } from '../text/normalize.js';
import { aliasName } from './model.js';
import type { ParsedFile } from './parse-file.js';
import type { KbRecord, KnowledgeFile } from './schema.js';

/**
 * Checks the text members read (summaries, facts, relation notes, role titles, source titles…) for what belongs
 * only in editors' fields: internal ids such as `seed-002`, and editors' phrases such as "answers should…" or
 * "has not been checked". Such notes go in `editor_note` (or a source's `notes`), which members never see.
 */

/** An editors' phrase: what to look for, and what to call it in the problem message. */
interface EditorPhrase {
  pattern: RegExp;
  /** Allowed in a correction that explains a garbled spelling (a fact with `spellings`). */
  inCorrections?: boolean;
}

/**
 * Phrases that talk about the knowledge base, its sources' provenance or what the bot should do, rather than about
 * the world. Kept narrow: each one has turned up in a member-visible field at least once.
 */
const EDITOR_PHRASES: readonly EditorPhrase[] = [
  { pattern: /\bseeds?\b(?!-)(?!\s+(?:round|funding|stage|money|investment|investor))/i },
  { pattern: /\bmachine[- ]translat\w*/i, inCorrections: true },
  { pattern: /\bgarbl(?:e[sd]?|ing)\b/i, inCorrections: true },
  { pattern: /\bdebris\b/i },
  { pattern: /\banswers? (?:should|must)\b/i },
  { pattern: /\bthe bot\b/i },
  { pattern: /\bwhen asked\b/i },
  { pattern: /\bmention the discrepancy\b/i },
  { pattern: /\bshould be (?:dropped|ignored|removed|deleted)\b/i },
  { pattern: /\b(?:has|have|had) not been (?:checked|verified|seen|confirmed)\b/i },
  { pattern: /\b(?:was|were) not (?:seen|checked|verified)\b/i },
  { pattern: /\bunverified\b/i },
  { pattern: /\b(?:that|which) (?:was|were) checked\b/i },
  { pattern: /\bno independent confirmation\b/i },
  { pattern: /\bnot an independent source\b/i },
  { pattern: /\bno second source\b/i },
  { pattern: /\b(?:classed|used|recorded|kept|listed) here\b/i },
  { pattern: /\bthis record\b/i },
  { pattern: /\b(?:initiative|organization|person|project) record\b/i },
  { pattern: /\bfact sheet\b/i },
  { pattern: /\bstored copy\b/i },
  { pattern: /\brepo(?:sitory)? snapshot\b/i },
  { pattern: /\b(?:TODO|FIXME|TBD)\b/ },
];

/** `seed-002`, `Seed-001`, `pub-techcrunch-aia`: the naming convention of source ids. */
const SOURCE_ID = /\b(?:seed|pub)-[a-z0-9]+(?:-[a-z0-9]+)*\b/gi;
/** Hyphenated lowercase tokens not inside a path or address, to compare with the ids that exist. */
const ID_TOKEN = /(?<![\w./@-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/@-])/g;

/** Options of {@link textIssues}. */
export interface TextIssueOptions {
  /** Ids that exist in the knowledge base (sources and records); any of them in the text is reported. */
  ids?: ReadonlySet<string>;
  /** The text explains a garbled spelling, so it may speak of machine translation and garbles. */
  correction?: boolean;
  /** A verbatim quote: only ids are checked, since a quote's wording is never edited. */
  quote?: boolean;
}

/** One pass over a text tells whether any phrase may be in it; most texts have none, so most stop here. */
const ANY_PHRASE = new RegExp(EDITOR_PHRASES.map((p) => p.pattern.source).join('|'), 'i');

/** The internal ids in `text`: anything named like a source id, plus any existing id given in `ids`. */
export function internalIds(text: string, ids: ReadonlySet<string> = new Set()): string[] {
  // Every id has a hyphen.
  if (!text.includes('-')) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(SOURCE_ID)) found.add(m[0]);
  if (ids.size > 0) for (const m of text.matchAll(ID_TOKEN)) if (ids.has(m[0])) found.add(m[0]);
  return [...found];
}

/** The editors' phrases in `text`, as written there. */
export function editorPhrases(text: string, options: Pick<TextIssueOptions, 'correction'> = {}): string[] {
  const found: string[] = [];
  if (!ANY_PHRASE.test(text)) return found;
  for (const phrase of EDITOR_PHRASES) {
    if (options.correction && phrase.inCorrections) continue;
    const m = phrase.pattern.exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}

const quoted = (list: readonly string[]) => list.map((x) => `"${x}"`).join(', ');

/** What is wrong with one text members read, as problem messages (empty when it is clean). */
export function textIssues(text: string, options: TextIssueOptions = {}): string[] {
  const issues: string[] = [];
  const ids = internalIds(text, options.ids);
  if (ids.length > 0)
    issues.push(
      `internal id ${quoted(ids)} in text members read; name the publisher and date instead (e.g. "TechCrunch reported on December 4, 2023 that …")`,
    );
  const phrases = options.quote ? [] : editorPhrases(text, options);
  if (phrases.length > 0)
    issues.push(
      `editors' phrase ${quoted(phrases)} in text members read; move notes for editors to editor_note (never shown)`,
    );
  return issues;
}

/** One field members read, by its path in the file. */
export interface MemberField {
  path: (string | number)[];
  text: string;
  options: Omit<TextIssueOptions, 'ids'>;
}

const SECTIONS = ['initiatives', 'organizations', 'people', 'projects'] as const;
type Section = (typeof SECTIONS)[number];
type SectionRecord = NonNullable<KnowledgeFile[Section]>[number];

/** Visits one field: its text, how to check it, and its path (built only when asked for, e.g. for a problem). */
type Visit = (text: string, options: MemberField['options'], path: () => (string | number)[]) => void;

const PLAIN: MemberField['options'] = {};
const CORRECTION: MemberField['options'] = { correction: true };
const QUOTE: MemberField['options'] = { quote: true };

function visitSource(data: KnowledgeFile, i: number, visit: Visit): void {
  const s = data.sources?.[i];
  if (!s) return;
  visit(s.title, PLAIN, () => ['sources', i, 'title']);
  visit(s.publisher, PLAIN, () => ['sources', i, 'publisher']);
  visit(s.date, PLAIN, () => ['sources', i, 'date']);
}

function visitRecord(section: Section, i: number, r: SectionRecord, visit: Visit): void {
  const at = (text: string | undefined, options: MemberField['options'], ...rest: (string | number)[]) => {
    if (text !== undefined) visit(text, options, () => [section, i, ...rest]);
  };
  at(r.name, PLAIN, 'name');
  for (const [j, a] of r.aliases.entries())
    if (typeof a === 'string') at(a, PLAIN, 'aliases', j);
    else at(a.name, a.garbled ? CORRECTION : PLAIN, 'aliases', j, 'name');
  at(r.summary, PLAIN, 'summary');
  for (const [j, f] of r.facts.entries()) {
    at(f.text, f.spellings ? CORRECTION : PLAIN, 'facts', j, 'text');
    at(f.quote, QUOTE, 'facts', j, 'quote');
  }
  if ('type' in r && typeof r.type === 'string') at(r.type, PLAIN, 'type');
  if ('description' in r) at(r.description, PLAIN, 'description');
  if ('launched' in r) at(r.launched?.note, PLAIN, 'launched', 'note');
  if ('involvement' in r)
    for (const [j, inv] of r.involvement.entries()) {
      at(inv.note, PLAIN, 'involvement', j, 'note');
      at(inv.reason, PLAIN, 'involvement', j, 'reason');
    }
  if ('roles' in r) for (const [j, role] of r.roles.entries()) at(role.title, PLAIN, 'roles', j, 'title');
}

/** Every field of a knowledge file that members may read: what cards, answers and source lists show. */
export function memberFields(data: KnowledgeFile): MemberField[] {
  const out: MemberField[] = [];
  const visit: Visit = (text, options, path) => out.push({ path: path(), text, options });
  for (let i = 0; i < (data.sources?.length ?? 0); i++) visitSource(data, i, visit);
  for (const section of SECTIONS)
    for (const [i, r] of (data[section] ?? []).entries()) visitRecord(section, i, r, visit);
  return out;
}

/** Records and sources checked between two points where a sliced check may pause. */
const STEP = 256;

/**
 * Reports internal ids and editors' phrases in every field members read, and `spellings` that are not garbled
 * aliases of their record (the bot could never match them). Runs as steps, like the other cross-file checks.
 */
export function* lintMemberTextSteps(
  files: readonly ParsedFile[],
  ids: ReadonlySet<string>,
  at: (f: ParsedFile, p: (string | number)[], message: string) => void,
): Generator<void, void> {
  let work = 0;
  for (const f of files) {
    const visit: Visit = (text, options, path) => {
      const issues = textIssues(text, { ...options, ids });
      if (issues.length > 0) for (const message of issues) at(f, path(), message);
    };
    for (let i = 0; i < (f.data.sources?.length ?? 0); i++) {
      if (++work % STEP === 0) yield;
      visitSource(f.data, i, visit);
    }
    for (const section of SECTIONS) {
      for (const [i, r] of (f.data[section] ?? []).entries()) {
        if (++work % STEP === 0) yield;
        visitRecord(section, i, r, visit);
        if (!r.facts.some((fact) => fact.spellings)) continue;
        const garbled = garbledKeys(r);
        for (const [j, fact] of r.facts.entries())
          for (const [k, spelling] of (fact.spellings ?? []).entries())
            if (!garbled.has(normalize(spelling)))
              at(
                f,
                [section, i, 'facts', j, 'spellings', k],
                `"${spelling}" is not a garbled alias of this record; add it to aliases with garbled: true`,
              );
      }
    }
  }
}

function garbledKeys(r: Pick<KbRecord, 'aliases'>): Set<string> {
  return new Set(
    r.aliases.filter((a) => typeof a !== 'string' && a.garbled).map((a) => normalize(aliasName(a))),
  );
}
