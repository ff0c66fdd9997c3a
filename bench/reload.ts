/**
 * /reload: how long `KnowledgeStore.reload` takes, and whether answers keep coming while it runs.
 *
 *   node --expose-gc --import tsx bench/reload.ts --out <file.json> [--records 10000] [--per-file 1000]
 *     [--keep-dir <dir>]   (leaves the generated YAML directory there, for the start-up benchmark)
 *
 * For the real knowledge base and for a generated one written as YAML files (at most `per-file` records per
 * file, as moderators split long lists), it times: opening the store (start-up load), a reload with nothing
 * changed, a reload after editing one record, and a reload after every file changed. During each reload a
 * client keeps calling `answer()` on the store's current snapshot (one question per event-loop turn) and records
 * the longest gap between two answers (the pause) and which knowledge version answered.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { answer } from '../src/answer/answer.js';
import { KnowledgeStore } from '../src/knowledge/store.js';
import { generateKnowledge, toKnowledgeFiles } from './generate.js';
import { makeQueries } from './queries.js';
import { mib, progress } from './stats.js';

/** One timed reload. */
export interface ReloadRun {
  what: string;
  ok: boolean;
  /** What the store reports (`tookMs`) and the wall-clock time of the call. */
  tookMs: number;
  wallMs: number;
  /** Answers served while the reload ran, and how many came from the old and the new version. */
  answers: number;
  fromOld: number;
  fromNew: number;
  /** The longest time between two answers during the reload (how long the event loop was blocked). */
  maxPauseMs: number;
}

export interface ReloadResult {
  knowledge: string;
  records: number;
  files: number;
  yamlMiB: number;
  openMs: number;
  runs: ReloadRun[];
  heapUsedMiB: number;
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    records: { type: 'string', default: '10000' },
    'per-file': { type: 'string', default: '1000' },
    'keep-dir': { type: 'string' },
    seed: { type: 'string', default: '2026' },
  },
});

/** Runs `reload` while a client answers questions back to back; reports the pause and versions seen. */
async function timedReload(store: KnowledgeStore, dir: string, what: string, questions: string[]) {
  const oldVersion = store.current.kb.version;
  let answers = 0;
  let fromOld = 0;
  let fromNew = 0;
  let maxPause = 0;
  let last = performance.now();
  let running = true;
  let i = 0;
  const client = (async () => {
    while (running) {
      // One answer per event-loop turn, as interactions arrive: a blocked loop shows as a long gap.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const now = performance.now();
      maxPause = Math.max(maxPause, now - last);
      const snapshot = store.current;
      answer(questions[i++ % questions.length] as string, snapshot.index);
      answers++;
      if (snapshot.kb.version === oldVersion) fromOld++;
      else fromNew++;
      last = performance.now();
    }
  })();
  const started = performance.now();
  const result = await store.reload(dir);
  const wallMs = performance.now() - started;
  running = false;
  await client;
  const run: ReloadRun = {
    what,
    ok: result.ok,
    tookMs: result.tookMs,
    wallMs: Math.round(wallMs),
    answers,
    fromOld,
    fromNew,
    maxPauseMs: Math.round(maxPause * 10) / 10,
  };
  progress(
    `reload (${what}): ${run.tookMs} ms, ${answers} answers meanwhile (longest pause ${run.maxPauseMs} ms)`,
  );
  return run;
}

async function measure(
  label: string,
  dir: string,
  edit: (dir: string) => void,
  touchAll: (dir: string) => void,
) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const bytes = files.reduce((s, f) => s + readFileSync(path.join(dir, f)).length, 0);
  progress(`${label}: opening the store (${files.length} files, ${mib(bytes)} MiB of YAML)`);
  let started = performance.now();
  const store = await KnowledgeStore.open(dir);
  const openMs = performance.now() - started;
  const questions = makeQueries(store.current.kb, 300, 77).ask.map((q) => q.text);
  for (const q of questions) answer(q, store.current.index);
  const runs: ReloadRun[] = [];
  runs.push(await timedReload(store, dir, 'nothing changed', questions));
  edit(dir);
  runs.push(await timedReload(store, dir, 'one record edited', questions));
  touchAll(dir);
  runs.push(await timedReload(store, dir, 'every file changed', questions));
  started = performance.now();
  const result: ReloadResult = {
    knowledge: label,
    records: store.current.kb.records.length,
    files: files.length,
    yamlMiB: mib(bytes),
    openMs: Math.round(openMs),
    runs,
    heapUsedMiB: mib(process.memoryUsage().heapUsed),
  };
  return result;
}

/** Changes one record's summary in the first organizations file (or the first YAML file). */
function editOne(dir: string) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const file = files.find((f) => f.startsWith('organizations')) ?? (files[0] as string);
  const text = readFileSync(path.join(dir, file), 'utf8');
  writeFileSync(path.join(dir, file), text.replace(/summary: /, 'summary: Edited for the benchmark. '));
}

/** Appends a comment to every file, so every file's content (and the version hash) changes. */
function touchEvery(dir: string) {
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
    const file = path.join(dir, f);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# touched by the benchmark ${Date.now()}\n`);
  }
}

async function main() {
  const results: ReloadResult[] = [];

  // The real knowledge base, copied so the edits never touch knowledge/.
  const realDir = mkdtempSync(path.join(os.tmpdir(), 'kb-real-'));
  for (const f of readdirSync('knowledge').filter((name) => name.endsWith('.yaml')))
    writeFileSync(path.join(realDir, f), readFileSync(path.join('knowledge', f)));
  results.push(await measure('real', realDir, editOne, touchEvery));
  rmSync(realDir, { recursive: true, force: true });

  const n = Number(values.records);
  progress(`reload: generating ${n} records and writing them as YAML`);
  const kb = generateKnowledge(n, Number(values.seed));
  const dir = values['keep-dir'] ?? mkdtempSync(path.join(os.tmpdir(), 'kb-generated-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, file] of Object.entries(toKnowledgeFiles(kb, Number(values['per-file']))))
    writeFileSync(path.join(dir, name), stringify(file));
  results.push(await measure(`${n.toLocaleString('en-US')} generated`, dir, editOne, touchEvery));
  if (!values['keep-dir']) rmSync(dir, { recursive: true, force: true });
  else {
    // Leave it valid and unedited for the start-up benchmark.
    for (const [name, file] of Object.entries(toKnowledgeFiles(kb, Number(values['per-file']))))
      writeFileSync(path.join(dir, name), stringify(file));
  }

  const json = JSON.stringify(results, null, 2);
  if (values.out) writeFileSync(values.out, json);
  else process.stdout.write(`${json}\n`);
}

await main();
