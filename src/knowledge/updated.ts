import { stat } from 'node:fs/promises';

/**
 * The day (UTC, `YYYY-MM-DD`) the newest of `files` was last changed: when the knowledge members read was last
 * updated. `undefined` when none can be read.
 */
export async function lastChanged(files: readonly string[]): Promise<string | undefined> {
  let newest = 0;
  for (const file of files) {
    try {
      newest = Math.max(newest, (await stat(file)).mtimeMs);
    } catch {
      // A file that vanished between reading and here changes nothing about the others.
    }
  }
  return newest > 0 ? new Date(newest).toISOString().slice(0, 10) : undefined;
}
