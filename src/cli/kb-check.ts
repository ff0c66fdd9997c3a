import { ConfigError, loadOfflineConfig, processEnv } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
import { countKnowledge } from '../knowledge/model.js';
import { KnowledgeError } from '../knowledge/problems.js';

/**
 * `npm run kb:check [dir]`: validates the knowledge directory and prints counts per kind and source,
 * or every problem with file, line and field. Exits 1 on any problem. Needs no Discord configuration; reads
 * `KNOWLEDGE_MAX_BYTES` so it refuses what the bot would refuse.
 */
async function main(dir: string): Promise<number> {
  let maxBytes: number;
  try {
    maxBytes = loadOfflineConfig(processEnv()).knowledgeMaxBytes;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`✖ ${err.message}`);
    return 1;
  }
  try {
    const started = performance.now();
    const kb = await loadKnowledge(dir, { maxBytes });
    const c = countKnowledge(kb);
    const ms = (performance.now() - started).toFixed(0);
    console.log(`✔ ${dir} is valid (version ${kb.version}, ${kb.files.length} files, ${ms} ms)`);
    console.log(
      `  ${c.initiatives} initiatives, ${c.organizations} organizations, ${c.people} people, ${c.projects} projects`,
    );
    const seeds = [...kb.sources.values()].filter((s) => s.kind === 'seed').length;
    console.log(
      `  ${c.sources} sources (${seeds} seed articles, ${c.sources - seeds} public), ${c.facts} facts and relations`,
    );
    return 0;
  } catch (err) {
    if (err instanceof KnowledgeError) {
      console.error(`✖ ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv[2] ?? 'knowledge');
