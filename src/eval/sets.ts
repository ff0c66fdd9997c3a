import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { EvalFile } from './score.js';

/** A question set read from disk: its name (the file name without `.yaml`) and its questions. */
export interface EvalSet {
  name: string;
  file: string;
  data: EvalFile;
}

/** A question file that can't be used, with a one-line reason that names it. */
export class EvalSetError extends Error {
  override readonly name = 'EvalSetError';
}

/** The `.yaml` files of an eval directory, sorted by name. */
export async function listEvalFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new EvalSetError(`${dir}: can't read the folder (${reason(error)})`);
  }
  const files = entries.filter((f) => /\.ya?ml$/i.test(f)).sort();
  if (!files.length) throw new EvalSetError(`${dir}: no .yaml question files`);
  return files.map((f) => path.join(dir, f));
}

/** Reads and validates one question file; every failure is an {@link EvalSetError} naming the file. */
export async function readEvalSet(file: string): Promise<EvalSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new EvalSetError(`${file}: can't read the file (${reason(error)})`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new EvalSetError(`${file}: not valid YAML (${reason(error).split('\n')[0]})`);
  }
  const parsed = EvalFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new EvalSetError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  if (!parsed.data.questions.length && !parsed.data.out_of_scope.length)
    throw new EvalSetError(`${file}: no questions (expected 'questions:' and/or 'out_of_scope:' lists)`);
  return { name: path.basename(file).replace(/\.ya?ml$/i, ''), file, data: parsed.data };
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.message : String(error);
}
