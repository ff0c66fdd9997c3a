import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from './model.js';
import { type ParsedFile, parseKnowledgeFile } from './parse-file.js';
import { KnowledgeError, type Problem } from './problems.js';
import { crossCheck } from './validate.js';

/** Files that may sit in the knowledge directory without being knowledge files. */
const COMPANION_FILES = new Set(['readme.md', 'schema.json']);

/**
 * Reads every YAML file in `dir`, validates each against the schema, and cross-checks the whole set
 * (unique ids and aliases, references that exist, sources on every fact).
 *
 * @throws {KnowledgeError} listing every problem found (file, line, field), never just the first.
 */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the directory does not exist' : String(err);
    throw new KnowledgeError([
      { file: dir, field: '', message: `cannot read the knowledge directory: ${reason}` },
    ]);
  }

  const problems: Problem[] = [];
  const parsed: ParsedFile[] = [];
  const declaredElsewhere = new Set<string>();
  const hash = createHash('sha256');
  const yamlFiles = entries.filter((name) => /\.ya?ml$/i.test(name));

  for (const name of entries) {
    if (/\.ya?ml$/i.test(name) || COMPANION_FILES.has(name.toLowerCase())) continue;
    problems.push({
      file: path.join(dir, name),
      field: '',
      message:
        'not a knowledge file: only .yaml files (plus README.md and schema.json) belong in this directory',
    });
  }
  if (yamlFiles.length === 0) {
    problems.push({ file: dir, field: '', message: 'no .yaml knowledge files found' });
  }

  for (const name of yamlFiles) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    hash.update(name).update('\0').update(text).update('\0');
    const result = parseKnowledgeFile(file, text);
    if (Array.isArray(result)) {
      problems.push(...result);
      for (const id of result.declaredIds ?? []) declaredElsewhere.add(id);
    } else parsed.push(result);
  }

  const { kb, problems: crossProblems } = crossCheck(parsed, declaredElsewhere);
  problems.push(...crossProblems);
  if (problems.length > 0) throw new KnowledgeError(problems);

  return { ...kb, version: hash.digest('hex').slice(0, 8), files: yamlFiles };
}
