// Parses knowledge YAML off the main thread for `loadKnowledge(dir, { offThread: true })`, so a /reload never
// stalls the answers the bot is serving meanwhile. Plain JavaScript on purpose: a worker thread starts without the
// TypeScript loader. Same options as parse-file.ts; anything short of a clean parse is left to the main thread,
// which re-parses the file there to report problems with their lines.
import { parentPort } from 'node:worker_threads';
import { parseDocument } from 'yaml';

parentPort?.on('message', ({ id, text }) => {
  try {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) parentPort?.postMessage({ id, ok: false });
    else parentPort?.postMessage({ id, ok: true, value: doc.toJS() });
  } catch {
    parentPort?.postMessage({ id, ok: false });
  }
});
