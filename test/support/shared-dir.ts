import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's `shared/` folder (seed articles, fact sheet, eval questions). It sits beside the project root;
 * in a throwaway clone made elsewhere (`git clone . /tmp/x`), it sits beside the repository that was cloned.
 */
export function sharedDir(): string {
  const candidates = [path.resolve('../shared')];
  try {
    const origin = execFileSync('git', ['remote', 'get-url', 'origin'], { encoding: 'utf8' }).trim();
    if (origin && !/^[a-z]+:\/\//i.test(origin)) candidates.push(path.resolve(origin, '../shared'));
  } catch {
    // Not a clone: only the folder beside the project counts.
  }
  const found = candidates.find((dir) => existsSync(path.join(dir, 'seeds')));
  if (!found) throw new Error(`shared/ with the seed articles not found; looked in ${candidates.join(', ')}`);
  return found;
}
