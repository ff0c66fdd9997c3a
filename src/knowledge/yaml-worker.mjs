// Checks knowledge files off the main thread for reloads (`loadKnowledge(dir, { parser })`), so a /reload never
// stalls the answers the bot is serving meanwhile: decoding, YAML parsing, schema checks and the lines of every
// problem all happen here. Plain JavaScript, because a worker thread may start without the TypeScript loader:
// under `node --import tsx` it inherits it, elsewhere (vitest) it registers tsx itself before loading the checker.
import { parentPort } from 'node:worker_threads';

async function loadChecker() {
  try {
    return await import('./parse-file.js');
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return await import('./parse-file.js');
  }
}

const { checkKnowledgeFile } = await loadChecker();
parentPort?.on('message', ({ id, file, bytes }) => {
  let check;
  try {
    check = checkKnowledgeFile(file, bytes);
  } catch (error) {
    check = {
      ok: false,
      problems: [{ file, line: 1, field: '', message: `could not be checked: ${String(error)}` }],
    };
  }
  parentPort?.postMessage({ id, check });
});
parentPort?.postMessage({ ready: true });
