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

/** The internal ids in `text`: anything named like a source id, plus any existing id given in `ids`. */
export function internalIds(text: string, ids: ReadonlySet<string> = new Set()): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(SOURCE_ID)) found.add(m[0]);
  if (ids.size > 0) for (const m of text.matchAll(ID_TOKEN)) if (ids.has(m[0])) found.add(m[0]);
  return [...found];
}

/** The editors' phrases in `text`, as written there. */
export function editorPhrases(text: string, options: Pick<TextIssueOptions, 'correction'> = {}): string[] {
  const found: string[] = [];
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

/** Every field of a knowledge file that members may read: what the cards, answers and source lists show. */
export function* memberFields(data: KnowledgeFile): Generator<MemberField> {
  const at = (path: (string | number)[], text: string | undefined, options: MemberField['options'] = {}) =>
    text === undefined ? [] : [{ path, text, options }];
  for (const [i, s] of (data.sources ?? []).entries()) {
    yield* at(['sources', i, 'title'], s.title);
    yield* at(['sources', i, 'publisher'], s.publisher);
    yield* at(['sources', i, 'date'], s.date);
  }
  for (const section of SECTIONS) {
    for (const [i, r] of (data[section] ?? []).entries()) {
      const p = [section, i];
      yield* at([...p, 'name'], r.name);
      for (const [j, a] of r.aliases.entries())
        yield* at(typeof a === 'string' ? [...p, 'aliases', j] : [...p, 'aliases', j, 'name'], aliasName(a), {
          correction: typeof a !== 'string' && a.garbled === true,
        });
      yield* at([...p, 'summary'], r.summary);
      for (const [j, f] of r.facts.entries()) {
        const correction = f.spellings !== undefined;
        yield* at([...p, 'facts', j, 'text'], f.text, { correction });
        yield* at([...p, 'facts', j, 'quote'], f.quote, { quote: true });
      }
      if ('type' in r && typeof r.type === 'string') yield* at([...p, 'type'], r.type);
      if ('description' in r) yield* at([...p, 'description'], r.description);
      if ('launched' in r) yield* at([...p, 'launched', 'note'], r.launched?.note);
      if ('involvement' in r)
        for (const [j, inv] of r.involvement.entries()) {
          yield* at([...p, 'involvement', j, 'note'], inv.note);
          yield* at([...p, 'involvement', j, 'reason'], inv.reason);
        }
      if ('roles' in r)
        for (const [j, role] of r.roles.entries()) yield* at([...p, 'roles', j, 'title'], role.title);
    }
  }
}

/** Fields checked between two points where a sliced check may pause. */
const STEP = 2048;

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
    for (const field of memberFields(f.data)) {
      if (++work % STEP === 0) yield;
      for (const message of textIssues(field.text, { ...field.options, ids })) at(f, field.path, message);
    }
    for (const section of SECTIONS) {
      for (const [i, r] of (f.data[section] ?? []).entries()) {
        if (!r.facts.some((fact) => fact.spellings)) continue;
        const garbled = garbledKeys(r as KbRecord);
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
