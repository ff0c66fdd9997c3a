import { mkdir, readdir, readFile, readlink, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { LoadedFile } from './load.js';

/**
 * The last good knowledge base, kept on disk in the data directory: every load that passes validation is copied
 * there, byte for byte, so a restart with broken files in `KNOWLEDGE_DIR` (a /reload that was refused, a bad
 * deploy) can still serve what worked, instead of crash-looping under a supervisor.
 *
 *   DATA_DIR/last-good-knowledge -> .knowledge-<version>-<time>   (a symlink, replaced atomically)
 *   DATA_DIR/.knowledge-<version>-<time>/saved.json                (version, when, from where)
 *   DATA_DIR/.knowledge-<version>-<time>/knowledge/…               (the YAML files as they were read)
 *
 * A new copy is written next to the old one and the symlink is renamed over, so a crash mid-write never leaves a
 * half-written copy in use.
 */
export const LAST_GOOD_LINK = 'last-good-knowledge';

/** What `saved.json` records about a copy. */
export interface LastGoodInfo {
  version: string;
  savedAt: Date;
  /** The knowledge directory the copy came from. */
  from: string;
}

const SavedJson = z.object({ version: z.string(), savedAt: z.iso.datetime(), from: z.string() });

/** The data directory's last good copy of the knowledge base. */
export class LastGoodKnowledge {
  readonly dataDir: string;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  /** The knowledge directory inside the current copy (load it like any knowledge directory). */
  get knowledgeDir(): string {
    return path.join(this.dataDir, LAST_GOOD_LINK, 'knowledge');
  }

  /** What the current copy is, or `undefined` when there is none (or it is unreadable). */
  async info(): Promise<LastGoodInfo | undefined> {
    try {
      const saved = SavedJson.parse(
        JSON.parse(await readFile(path.join(this.dataDir, LAST_GOOD_LINK, 'saved.json'), 'utf8')),
      );
      return { version: saved.version, savedAt: new Date(saved.savedAt), from: saved.from };
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps `files` (version `version`, loaded from `from`) as the last good copy, unless that version is already
   * kept. Throws on a write failure; callers log it and carry on, since serving matters more than the copy.
   */
  async save(files: readonly LoadedFile[], version: string, from: string): Promise<boolean> {
    if ((await this.info())?.version === version) return false;
    await mkdir(this.dataDir, { recursive: true });
    const name = `.knowledge-${version}-${Date.now()}-${process.pid}`;
    const copy = path.join(this.dataDir, name);
    try {
      for (const file of files) {
        const target = path.join(copy, 'knowledge', ...file.name.split('/'));
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, file.bytes);
        // The copy says when the knowledge was last changed, not when it was copied.
        if (file.mtimeMs > 0) await utimes(target, new Date(), new Date(file.mtimeMs));
      }
      const saved = { version, savedAt: new Date().toISOString(), from: path.resolve(from) };
      await writeFile(path.join(copy, 'saved.json'), `${JSON.stringify(saved, null, 2)}\n`);
      const link = path.join(this.dataDir, `.${LAST_GOOD_LINK}-${process.pid}.tmp`);
      await rm(link, { force: true });
      await symlink(name, link);
      await rename(link, path.join(this.dataDir, LAST_GOOD_LINK));
    } catch (error) {
      await rm(copy, { recursive: true, force: true });
      throw error;
    }
    // Older copies are no longer linked; a failure to remove one costs disk space only. Another process sharing
    // the data directory may have linked its own copy meanwhile: that one stays.
    const linked = await readlink(path.join(this.dataDir, LAST_GOOD_LINK)).catch(() => name);
    for (const entry of await readdir(this.dataDir))
      if (entry.startsWith('.knowledge-') && entry !== name && entry !== linked && !beingWritten(entry))
        await rm(path.join(this.dataDir, entry), { recursive: true, force: true }).catch(() => undefined);
    return true;
  }
}

/** How long another process's new copy is left alone: it may still be writing it (shards save at once). */
const WRITE_GRACE_MS = 60_000;

/** True for a copy another process started in the last minute (`.knowledge-<version>-<time>-<pid>`). */
function beingWritten(entry: string): boolean {
  const m = /-(\d+)-(\d+)$/.exec(entry);
  if (!m) return false;
  return Number(m[2]) !== process.pid && Date.now() - Number(m[1]) < WRITE_GRACE_MS;
}
