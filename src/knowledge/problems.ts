import path from 'node:path';

/** One thing wrong with the knowledge directory, located as precisely as the file allows. */
export interface Problem {
  /** Path of the file as given to the loader (e.g. `knowledge/organizations.yaml`). */
  file: string;
  /** 1-based line, when the problem can be pinned to one. */
  line?: number;
  /** Field path such as `organizations[31].involvement[0].initiative`; empty for whole-file problems. */
  field: string;
  message: string;
}

/** Formats a problem as `file:line field: message`, the form editors and CI logs make clickable. */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.field ? `${where} ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** Problem paths relative to the knowledge directory's parent: `knowledge/people.yaml:12`, not an absolute path. */
export function relativeTo(dir: string): (p: Problem) => Problem {
  const base = path.dirname(path.resolve(dir));
  return (p) => ({ ...p, file: path.relative(base, path.resolve(p.file)) || p.file });
}

/** Renders a zod/YAML path as `organizations[31].involvement[0].initiative`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Thrown by `loadKnowledge` when anything is wrong. It carries every problem found, not just the first, so a
 * moderator fixes a file in one pass.
 */
export class KnowledgeError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const lines = problems.map(formatProblem);
    super(
      `The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
    this.name = 'KnowledgeError';
    this.problems = problems;
  }
}
