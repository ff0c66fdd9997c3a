import { isMap, LineCounter, parseDocument } from 'yaml';
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

/**
 * Parses and schema-checks one YAML knowledge file.
 * Returns the file or the list of its problems; never throws for bad input.
 */
export function parseKnowledgeFile(
  file: string,
  text: string,
): ParsedFile | (Problem[] & { declaredIds?: string[] }) {
  if (text.trim() === '' || text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) {
    return [
      { file, line: 1, field: '', message: 'the file is empty; add a section such as "organizations:"' },
    ];
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({
      file,
      line: lineCounter.linePos(e.pos[0]).line,
      field: '',
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
    }));
  }

  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
      // A key whose value is null has no value node; point at the key itself.
      if (n > 0) {
        const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find(
            (it) => (it.key as { value?: unknown } | null)?.value === path[n - 1],
          );
          const keyNode = pair?.key as { range?: [number, number, number] } | undefined;
          if (keyNode?.range) return lineCounter.linePos(keyNode.range[0]).line;
        }
      }
    }
    return undefined;
  };

  const raw: unknown = doc.toJS();
  const parsed = KnowledgeFile.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const problems: Problem[] & { declaredIds?: string[] } = parsed.error.issues.map((issue) =>
      issueToProblem(file, issue, lineOf),
    );
    problems.declaredIds = declaredIds(raw);
    return problems;
  }
  return { file, data: parsed.data, lineOf };
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
