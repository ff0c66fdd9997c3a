import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { KnowledgeStore } from '../src/knowledge/store.js';
import { embedSize, LIMITS } from '../src/present/fit.js';
import { reloadReport } from '../src/present/reload-report.js';
import { withShardReport } from '../src/present/shard-reload.js';
import { formatShardIds, planShards, spawnDelayMs } from '../src/shard/plan.js';
import type { ShardReloadOutcome } from '../src/shard/reload.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const success = reloadReport({
  ok: true,
  tookMs: 40,
  version: 'bbbb2222',
  previousVersion: 'aaaa1111',
  counts: { initiatives: 1, organizations: 2, people: 3, projects: 4, sources: 5, facts: 6 },
  added: [],
  removed: [],
  changed: ['org-ibm'],
});

const loaded = (shard: number, version = 'bbbb2222'): ShardReloadOutcome => ({
  shard,
  ok: true,
  version,
  previousVersion: 'aaaa1111',
  tookMs: 30,
});

describe('shard plan', () => {
  it('runs every shard of the count here unless SHARD_IDS names a share; auto takes the recommended count', () => {
    expect(planShards({ count: 'auto', ids: undefined }, 3)).toEqual({
      count: 3,
      here: [0, 1, 2],
      elsewhere: [],
    });
    expect(planShards({ count: 4, ids: [3, 1] }, 9)).toEqual({ count: 4, here: [1, 3], elsewhere: [0, 2] });
  });

  it('spaces shard starts so each max_concurrency bucket identifies once per 5.5 s', () => {
    expect(spawnDelayMs(1)).toBe(5500);
    expect(spawnDelayMs(16)).toBe(344);
    expect(spawnDelayMs(0)).toBe(5500);
  });

  it('writes shard ids as short ranges', () => {
    expect(formatShardIds([5, 0, 1, 2, 3, 8, 9])).toBe('0–3, 5, 8–9');
    expect(formatShardIds([2])).toBe('2');
  });
});

describe('the /reload reply of a sharded bot', () => {
  it('groups the shards by the version they serve, and lists a failed shard with the version it keeps', () => {
    const embed = withShardReport(success, {
      version: 'bbbb2222',
      count: 4,
      outcomes: [
        loaded(0),
        loaded(1),
        { shard: 3, ok: false, version: undefined, reason: 'no answer within 60 s' },
        {
          shard: 2,
          ok: false,
          version: 'aaaa1111',
          reason: 'found version cccc3333 instead of bbbb2222: the files changed after they were checked',
        },
      ],
      elsewhere: [],
    });
    expect(embed.title).toBe('⚠️ Knowledge base reloaded on 2 of 4 shards');
    expect(embed.fields?.at(-1)).toEqual({
      name: 'Shards on this machine (4 of 4)',
      value: [
        '✅ Shards 0–1: version bbbb2222',
        '❌ Shard 2 keeps serving aaaa1111: found version cccc3333 instead of bbbb2222: the files changed after they were checked',
        '❌ Shard 3 keeps serving its last good version: no answer within 60 s',
      ].join('\n'),
    });
  });

  it('keeps the success title when every shard loaded the version, and names the shards on other machines', () => {
    const embed = withShardReport(success, {
      version: 'bbbb2222',
      count: 3,
      outcomes: [loaded(2)],
      elsewhere: [0, 1],
    });
    expect(embed.title).toBe(success.title);
    expect(embed.fields?.slice(-2).map((f) => f.value)).toEqual([
      '✅ Shard 2: version bbbb2222',
      'Shards 0–1 did not get this reload: run /reload in a server on each of those machines.',
    ]);
  });

  it('fits Discord’s limits with a thousand failing shards', () => {
    const outcomes = Array.from(
      { length: 1000 },
      (_, shard): ShardReloadOutcome => ({
        shard,
        ok: false,
        version: 'aaaa1111',
        reason: 'no answer within 60 s',
      }),
    );
    const embed = withShardReport(success, {
      version: 'bbbb2222',
      count: 1000,
      outcomes,
      elsewhere: [],
    });
    const field = embed.fields?.at(-1)?.value ?? '';
    expect(field.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(field).toMatch(/…and \d+ more$/);
    expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});

describe('a shard asked to load a validated version', () => {
  it('swaps in only that content hash, and otherwise keeps serving its last good knowledge base', async () => {
    const kb = await writeKnowledgeDir();
    onTestFinished(kb.cleanup);
    const store = await KnowledgeStore.open(kb.dir);
    const served = store.current;
    const edited = (VALID_FILES['initiatives.yaml'] ?? '').replace(
      'A community for open AI.',
      'An edited summary.',
    );
    await writeFile(path.join(kb.dir, 'initiatives.yaml'), edited);

    const refused = await store.reload(kb.dir, { expectVersion: served.kb.version });
    expect(refused).toMatchObject({ ok: false, version: served.kb.version });
    expect(refused.ok ? '' : refused.problems[0]?.message).toMatch(
      new RegExp(
        `^found version [0-9a-f]{8} instead of ${served.kb.version}: the files changed after they were checked$`,
      ),
    );
    expect(store.current).toBe(served);

    const validated = (await KnowledgeStore.open(kb.dir)).current.kb.version;
    const loaded = await store.reload(kb.dir, { expectVersion: validated });
    expect(loaded).toMatchObject({ ok: true, version: validated, previousVersion: served.kb.version });
    expect(store.current.kb.version).toBe(validated);
  });
});
