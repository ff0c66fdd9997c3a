import { isUtf8 } from 'node:buffer';
import {
  type Document,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { formatPath, type Problem } from './problems.js';
import { KnowledgeFile } from './schema.js';

/** A parsed, schema-valid knowledge file plus a way to find the line of any field in it. */
export interface ParsedFile {
  file: string;
  data: KnowledgeFile;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** The longest text one field may hold: several times the longest a card can show (Discord: 4,096), far from harm. */
export const MAX_FIELD_LENGTH = 20_000;
/**
 * The most YAML aliases (`*name`) one file may use. Knowledge files don't need them; a handful of aliases nested in
 * each other expands to billions of values (an "alias bomb"), so they are counted before anything is expanded.
 */
export const MAX_ALIASES = 50;

/**
 * Where one top-level list and its items sit in the text: the key's line, and for item i its start offset, end
 * offset and line at `items[3i]`, `items[3i + 1]`, `items[3i + 2]` (flat, so a worker hands it over cheaply).
 */
export interface SectionLines {
  line: number;
  items: number[];
}

/** {@link SectionLines} per top-level key: enough to find any field's line later without keeping the parse. */
export type Sections = Record<string, SectionLines>;

/**
 * The outcome of checking one file: its contents and where its records are, or its problems. Plain data, so a
 * worker thread can hand it over. `declaredIds` lists the ids a schema-invalid file declares; it is absent when the
 * file could not be read as YAML at all (nobody can tell which ids it declares).
 */
export type FileCheck =
  | { ok: true; data: KnowledgeFile; sections: Sections }
  | { ok: false; problems: Problem[]; declaredIds?: string[] };

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

/** A byte-order mark or NUL pattern that says the file is UTF-16 or UTF-32 (the YAML spec's own detection). */
function wideEncoding(b: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32 (little-endian)';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32 (big-endian)';
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16 (little-endian)';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16 (big-endian)';
  if (b.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return 'UTF-32 (big-endian)';
  if (b.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return 'UTF-32 (little-endian)';
  if (b.length >= 2 && b0 === 0 && b1 !== 0) return 'UTF-16 (big-endian)';
  if (b.length >= 2 && b0 !== 0 && b1 === 0) return 'UTF-16 (little-endian)';
  return undefined;
}

/** Offset of the first byte that isn't part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const need =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return b.length;
}

function lineAtByte(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

/**
 * The file's text, if it is UTF-8 (a UTF-8 byte-order mark is dropped); otherwise where and why it isn't. UTF-16
 * and UTF-32 files are named as such, since editors on Windows save them and YAML would read garbage.
 */
export function decodeKnowledgeText(bytes: Uint8Array): { text: string } | { line: number; message: string } {
  const wide = wideEncoding(bytes);
  if (wide) return { line: 1, message: `the file is saved as ${wide} text; save it as UTF-8` };
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return { line: lineAtByte(bytes, nul), message: 'the file contains NUL bytes: it is not a text file' };
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    return {
      line: lineAtByte(bytes, at),
      message: 'the file is not valid UTF-8 (first bad byte on this line); save it as UTF-8',
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString('utf8') };
}

type Ranged = { range?: [number, number, number] | null };

/** 1-based line of the node at `path` in `doc`, or of its nearest existing ancestor (or key, for a null value). */
function lineIn(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as Ranged | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    // A key whose value is null has no value node; point at the key itself.
    if (n > 0) {
      const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true);
      if (isMap(parent)) {
        const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === path[n - 1]);
        const keyNode = pair?.key as Ranged | undefined;
        if (keyNode?.range) return lines.linePos(keyNode.range[0]).line;
      }
    }
  }
  return undefined;
}

/**
 * The one problem a YAML syntax error is reported as: the parser's first error (the rest follow from it), at the
 * line the mistake is on. An unclosed quote or bracket is reported where it opens, not where the parser gave up
 * (often the end of the file); a key indented too far is reported on its own line, not the line above.
 */
function syntaxProblem(
  file: string,
  doc: Document,
  lines: LineCounter,
  errors: readonly YAMLError[],
): Problem {
  const first = errors[0] as YAMLError;
  const summary = first.message.split('\n')[0] ?? first.message;
  const at = first.pos[0];
  const problem = (offset: number, message: string): Problem => ({
    file,
    line: lines.linePos(offset).line,
    field: '',
    message: `YAML syntax error: ${message}`,
  });
  if (/Maximum call stack/.test(summary))
    return problem(at, 'the file is nested too deeply to read (lists or maps inside each other)');

  // An unterminated quoted text or [ ] / { } list ends where the parser gave up: find the one that opened it.
  let opened: { start: number; what: string } | undefined;
  visit(doc, (_key, node) => {
    const range = (node as Ranged).range;
    if (!range || range[0] >= at || Math.abs(range[1] - at) > 1) return;
    if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'))
      opened = { start: range[0], what: node.type === 'QUOTE_DOUBLE' ? 'the " quote' : "the ' quote" };
    else if (isCollection(node) && node.flow)
      opened = { start: range[0], what: isSeq(node) ? 'the [' : 'the {' };
  });
  if (opened && lines.linePos(opened.start).line < lines.linePos(at).line)
    return problem(opened.start, `${opened.what} opened on this line is never closed (${summary})`);
  const quote = /^Missing closing (["'])quote/.exec(summary)?.[1];
  if (quote) return problem(at, `the ${quote} quote opened on this line is never closed (${summary})`);

  const next = errors[1];
  if (
    first.code === 'BLOCK_AS_IMPLICIT_KEY' &&
    next?.code === 'MULTILINE_IMPLICIT_KEY' &&
    next.pos[0] === at
  ) {
    const end = lines.linePos(next.pos[1]).line;
    if (end > lines.linePos(at).line)
      return problem(
        next.pos[1],
        `this line is indented further than the lines around it allow (${summary})`,
      );
  }
  return problem(at, summary);
}

/** True when every line is blank or a comment; stops at the first line that says something. */
function onlyComments(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    if (line !== '' && !line.startsWith('#')) return false;
    if (end < 0) break;
    start = end + 1;
  }
  return true;
}

/** Where each top-level list item starts and ends, so lines can be found later from the text alone. */
function sectionsOf(doc: Document, lines: LineCounter): Sections {
  const sections: Sections = {};
  if (!isMap(doc.contents)) return sections;
  for (const pair of doc.contents.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    const keyRange = (pair.key as Ranged | null)?.range;
    if (typeof key !== 'string' || !keyRange) continue;
    const items: number[] = [];
    if (isSeq(pair.value))
      for (const item of pair.value.items) {
        const range = (item as Ranged | null)?.range ?? keyRange;
        items.push(range[0], range[1], lines.linePos(range[0]).line);
      }
    sections[key] = { line: lines.linePos(keyRange[0]).line, items };
  }
  return sections;
}

/** The first too-long text, depth first; knowledge files are small trees, so this is one quick pass. */
function* longTexts(value: unknown, path: PropertyKey[]): Generator<PropertyKey[]> {
  if (typeof value === 'string') {
    if (value.length > MAX_FIELD_LENGTH) yield path;
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* longTexts(v, [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* longTexts(v, [...path, k]);
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], value);
}

/**
 * Decodes, parses and schema-checks one knowledge file. Never throws for bad input: every failure (encoding,
 * syntax, alias bombs, nesting, sizes, schema) comes back as problems with file, line and field.
 */
export function checkKnowledgeFile(file: string, bytes: Uint8Array): FileCheck {
  const decoded = decodeKnowledgeText(bytes);
  if (!('text' in decoded))
    return { ok: false, problems: [{ file, line: decoded.line, field: '', message: decoded.message }] };
  const { text } = decoded;
  if (onlyComments(text)) {
    return {
      ok: false,
      problems: [
        { file, line: 1, field: '', message: 'the file is empty; add a section such as "organizations:"' },
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  if (doc.errors.length > 0) return { ok: false, problems: [syntaxProblem(file, doc, lines, doc.errors)] };

  // Count aliases before expanding any: expansion is where a bomb goes off.
  if (text.includes('*')) {
    let aliases = 0;
    let over: Node | undefined;
    visit(doc, {
      Alias(_key, node) {
        aliases++;
        if (aliases > MAX_ALIASES) {
          over = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (over)
      return {
        ok: false,
        problems: [
          {
            file,
            line: lines.linePos((over as Ranged).range?.[0] ?? 0).line,
            field: '',
            message: `uses more than ${MAX_ALIASES} YAML aliases (*name); write the values out instead`,
          },
        ],
      };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    let first = 0;
    visit(doc, {
      Alias(_key, node) {
        first = (node as Ranged).range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? 'its YAML aliases expand to too many values (an alias bomb); write the values out instead'
        : `could not be read as YAML: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ file, line: lines.linePos(first).line, field: '', message }] };
  }

  const problems: Problem[] = [];
  for (const path of longTexts(raw, [])) {
    const length = (valueAt(raw, path) as string).length;
    problems.push({
      file,
      line: lineIn(doc, lines, path),
      field: formatPath(path),
      message: `is ${length.toLocaleString('en-US')} characters long, more than the ${MAX_FIELD_LENGTH.toLocaleString('en-US')} allowed; split it up`,
    });
  }
  const parsed = KnowledgeFile.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      problems.push(issueToProblem(file, issue, (p) => lineIn(doc, lines, p)));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems, declaredIds: declaredIds(raw) };
  return { ok: true, data: parsed.data, sections: sectionsOf(doc, lines) };
}

/**
 * A checked file whose lines are found from the text when a cross-file check needs one: the record's own lines
 * are parsed again (a few lines, not the whole file), so nothing large stays in memory and nothing large is
 * parsed twice.
 */
export function locatedFile(
  file: string,
  text: () => string,
  data: KnowledgeFile,
  sections: Sections,
): ParsedFile {
  const records = new Map<string, { doc: Document; lines: LineCounter; base: number } | null>();
  const record = (section: string, index: number, start: number, end: number, line: number) => {
    const key = `${section}\0${index}`;
    if (!records.has(key)) {
      const source = text();
      // The item at its own column, so the text parses as the same map it was in the file.
      const column = start - (source.lastIndexOf('\n', start - 1) + 1);
      const lines = new LineCounter();
      const doc = parseDocument(' '.repeat(column) + source.slice(start, end), {
        ...YAML_OPTIONS,
        lineCounter: lines,
      });
      records.set(key, doc.errors.length > 0 ? null : { doc, lines, base: line - 1 });
    }
    return records.get(key);
  };
  return {
    file,
    data,
    lineOf(path) {
      const [section, index, ...rest] = path;
      const lines = typeof section === 'string' ? sections[section] : undefined;
      if (!lines) return path.length === 0 ? 1 : undefined;
      if (typeof index !== 'number' || 3 * index + 2 >= lines.items.length) return lines.line;
      const [start, end, line] = lines.items.slice(3 * index, 3 * index + 3) as [number, number, number];
      if (rest.length === 0) return line;
      const parsed = record(section as string, index, start, end, line);
      const local = parsed ? lineIn(parsed.doc, parsed.lines, rest) : undefined;
      return local === undefined || !parsed ? line : parsed.base + local;
    },
  };
}

/**
 * The ids a file declares even when it fails validation, so one bad file doesn't make every reference to its
 * records elsewhere look unknown.
 */
function declaredIds(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  return Object.values(raw as Record<string, unknown>).flatMap((section) =>
    Array.isArray(section)
      ? section.flatMap((item) =>
          item && typeof item === 'object' && typeof item.id === 'string' ? [item.id] : [],
        )
      : [],
  );
}

function issueToProblem(
  file: string,
  issue: z.core.$ZodIssue,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): Problem {
  if (issue.code === 'unrecognized_keys') {
    // Point at the stray key, which is what the moderator has to rename or delete.
    const key = issue.keys[0] ?? '';
    return {
      file,
      line: lineOf([...issue.path, key]),
      field: formatPath([...issue.path, key]),
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against knowledge/README.md)`,
    };
  }
  return { file, line: lineOf(issue.path), field: formatPath(issue.path), message: describeIssue(issue) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received =
      issue.input === undefined ? 'nothing' : Array.isArray(issue.input) ? 'a list' : typeof issue.input;
    if (issue.input === undefined) return `is required (expected ${issue.expected})`;
    // YAML reads an unquoted 2023 as a number: say how to write it.
    const hint =
      typeof issue.input === 'number' && issue.expected === 'string'
        ? `; put it in quotes: "${issue.input}"`
        : '';
    return `expected ${issue.expected}, got ${received}${hint}`;
  }
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}`;
  if (issue.code === 'invalid_union')
    return 'must be a name, or an object with "name" (and optional garbled, note, sources)';
  return issue.message;
}
