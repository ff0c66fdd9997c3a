/**
 * A child process for the multi-process storage test: waits until a shared start time, opens the feedback log
 * in DATA_DIR (racing the others to create the file, its schema and the member key), records asks and votes in
 * many small batches, closes, and prints what it recorded as one JSON line.
 *
 *   node --import tsx test/support/feedback-writer.ts <dataDir> <tag> <asks> <startAtEpochMs>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/log.js';
import { FeedbackLog } from '../../src/storage/feedback-log.js';

const [dataDir = '', tag = '', count = '0', startAt = '0'] = process.argv.slice(2);
await sleep(Math.max(0, Number(startAt) - Date.now()));

const log = await FeedbackLog.open({
  dataDir,
  enabled: true,
  retentionDays: 90,
  logger: createLogger('warn', { destination: process.stderr }),
  batchDelayMs: 1,
});
if (log.status.state !== 'ready') {
  console.error(`feedback log not ready in ${tag}: ${JSON.stringify(log.status)}`);
  process.exit(1);
}
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const id = log.recordAsk({
    guildId: '1300000000000000001',
    userId: `13000000000000${tag.padStart(4, '0')}`,
    question: `question ${i} from writer ${tag}`,
    result: { answered: false, confidence: 0, subject: null },
    knowledgeVersion: 'v1',
  });
  if (id) ids.push(id);
  // Every process votes on the same 20 answers as the same member (their upserts collide) and as itself.
  log.recordVote(`shared-${i % 20}`, '1300000000000000999', i % 2 ? 'up' : 'down');
  log.recordVote(`shared-${i % 20}`, `13000000000000${tag.padStart(4, '0')}`, 'down');
  if (i % 10 === 9) await sleep(1);
}
await log.close();
console.log(JSON.stringify({ tag, ids }));
