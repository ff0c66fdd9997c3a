// Runs the feedback database's statements off the main thread for sqlite-worker.ts, so a write, a WAL checkpoint,
// a wait for another process's lock or a long /misses query never holds up the bot's replies. Plain JavaScript on
// purpose: a worker thread starts without the TypeScript loader. It knows no SQL of its own: the statements come
// in workerData, by name, from the TypeScript side.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, busyTimeoutMs, statements } = workerData;

function failure(error) {
  return {
    ok: false,
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}

let db;
let prepared;
try {
  db = new Database(file, { timeout: busyTimeoutMs, fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  prepared = new Map(Object.entries(statements).map(([name, sql]) => [name, db.prepare(sql)]));
  parentPort.postMessage({ id: 'ready', ok: true });
} catch (error) {
  db?.close();
  db = undefined;
  parentPort.postMessage({ id: 'ready', ...failure(error) });
}

function statement(name) {
  const found = prepared?.get(name);
  if (!found) throw new Error(`no statement named ${name}`);
  return found;
}

parentPort.on('message', ({ id, op, items, name, params }) => {
  try {
    if (!db) throw new Error('the database is not open');
    if (op === 'write') {
      const started = performance.now();
      // One immediate transaction per batch: it takes the write lock first, so it either all lands or none does.
      const changes = db.transaction(() => items.map(([n, p]) => statement(n).run(p).changes)).immediate();
      parentPort.postMessage({ id, ok: true, changes, tookMs: performance.now() - started });
    } else if (op === 'all') {
      parentPort.postMessage({ id, ok: true, rows: statement(name).all(params) });
    } else if (op === 'close') {
      db.close();
      db = undefined;
      parentPort.postMessage({ id, ok: true });
    } else throw new Error(`unknown operation ${op}`);
  } catch (error) {
    parentPort.postMessage({ id, ...failure(error) });
  }
});
