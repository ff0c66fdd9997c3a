// Checks knowledge files off the main thread for reloads (`loadKnowledge(dir, { parser })`), so a /reload never
// stalls the answers the bot is serving meanwhile: decoding, YAML parsing, schema checks and the lines of every
// problem all happen here. Plain JavaScript, because a worker thread may start without the TypeScript loader:
// under `node --import tsx` it inherits it, elsewhere (vitest) it registers tsx itself before loading the checker.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

// Checking is background work: at the lowest CPU priority, the answers being served win a busy or small machine's
// CPU. On Linux a thread has its own id (/proc/thread-self → <pid>/task/<tid>) and its own nice value; elsewhere
// this does nothing.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
} catch {}

async function loadChecker() {
  try {
    return await import('./parse-file.js');
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return await import('./parse-file.js');
  }
}

// Records per message. The main thread decodes every queued message in one go, so a large file comes over in
// parts, each sent only when the main thread asks for the next: between parts it serves answers.
const PART = 500;
/** Parts waiting to be asked for, by request id; the last one is the reply itself. */
const outbox = new Map();

function send(id) {
  const queue = outbox.get(id);
  const next = queue?.shift();
  if (queue && queue.length === 0) outbox.delete(id);
  if (next) parentPort?.postMessage(next);
}

const { checkKnowledgeFile } = await loadChecker();
parentPort?.on('message', (message) => {
  if (message.more !== undefined) {
    send(message.more);
    return;
  }
  const { id, file, bytes } = message;
  let check;
  try {
    check = checkKnowledgeFile(file, bytes);
  } catch (error) {
    check = {
      ok: false,
      problems: [{ file, line: 1, field: '', message: `could not be checked: ${String(error)}` }],
    };
  }
  const queue = [];
  if (check.ok) {
    const rest = {};
    for (const [section, value] of Object.entries(check.data)) {
      if (!Array.isArray(value) || value.length <= PART) {
        rest[section] = value;
        continue;
      }
      for (let i = 0; i < value.length; i += PART)
        queue.push({ id, part: { section, items: value.slice(i, i + PART) } });
    }
    check = { ...check, data: rest };
  }
  queue.push({ id, check });
  outbox.set(id, queue);
  send(id);
});
