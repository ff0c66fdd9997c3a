/**
 * End to end: `SHARD_COUNT=N npm start` runs discord.js's ShardingManager with one real process per shard against
 * the Discord emulator. Each describe block starts its processes once; the tests in it run in order.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import { LAST_GOOD_LINK } from '../../src/knowledge/snapshot.js';
import { FeedbackLog } from '../../src/storage/feedback-log.js';
import { MODERATOR_PERMISSIONS, messageText } from '../support/bot-harness.js';
import { type DiscordEmulator, startEmulator } from '../support/emulator.js';
import {
  deployGlobally,
  guildOnShard,
  guildsForShards,
  type ManagerProcess,
  startManager,
} from '../support/shard-harness.js';

/**
 * A reload rebuilds the index on every shard before the reply lists their versions: on a busy two-core machine
 * running the whole suite that has taken almost four seconds, so the reply gets longer than the default wait.
 */
const RELOAD_WAIT_MS = 12_000;

const moderator = { permissions: MODERATOR_PERMISSIONS };
const STARTUP_MS = 120_000;

/** Rewrites one organization's summary in a knowledge directory, keeping the rest of the file as it was. */
async function setSummary(dir: string, id: string, summary: string): Promise<void> {
  const file = path.join(dir, 'organizations.yaml');
  const doc = parseDocument(await readFile(file, 'utf8'));
  const list = doc.get('organizations');
  if (!isSeq(list)) throw new Error('organizations.yaml has no organizations list');
  const item = list.items.find((i) => isMap(i) && i.get('id') === id);
  if (!isMap(item)) throw new Error(`no organization ${id}`);
  item.set('summary', summary);
  await writeFile(file, doc.toString({ lineWidth: 0 }));
}

async function copyKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kb-shards-'));
  await cp('knowledge', dir, { recursive: true });
  return dir;
}

/** The /help footer in `guildId`: it names the shard that answered. */
async function helpFooter(emu: DiscordEmulator, guildId: string): Promise<string> {
  const reply = await emu.command({ name: 'help', guildId }).reply(10_000);
  return reply.embeds[0]?.footer?.text ?? '';
}

/** What /whois IBM shows in `guildId`: which summary, so which knowledge base, the shard serves. */
async function ibmCard(emu: DiscordEmulator, guildId: string): Promise<string> {
  return messageText(await emu.command({ name: 'whois', guildId, options: { name: 'IBM' } }).reply(10_000));
}

const sortedShards = (emu: DiscordEmulator) =>
  emu.gateway.identifyPayloads.map((d) => d.shard as number[]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

describe.each([2, 4])('SHARD_COUNT=auto with Discord recommending %i shards', (count) => {
  let emu: DiscordEmulator;
  let manager: ManagerProcess;
  let dir: string;
  const guilds = guildsForShards(count);

  beforeAll(async () => {
    dir = await copyKnowledge();
    // One guild per shard at most: a client that identified with the wrong count would be refused (4011).
    emu = await startEmulator({ shards: count, guilds, maxGuildsPerShard: 1, interactionDeadlineMs: 10_000 });
    await deployGlobally(emu);
    manager = startManager(emu, { SHARD_COUNT: 'auto' }, dir);
    await manager.waitForShards(count, STARTUP_MS);
  }, STARTUP_MS);

  afterAll(async () => {
    await manager?.cleanup();
    await emu?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs one process per shard, each identifying as [shard_id, shard_count] and logging its shard id', () => {
    expect(sortedShards(emu)).toEqual(Array.from({ length: count }, (_, id) => [id, count]));
    const pids = manager.logsMatching('shard process started').map((r) => r.pid);
    expect(new Set(pids).size).toBe(count);
    expect(pids).not.toContain(manager.child.pid);
    const ready = manager.logsMatching('bot ready').map((r) => r.shard);
    expect(ready.sort()).toEqual(Array.from({ length: count }, (_, id) => id));
  });

  it("answers every guild's interactions from the shard Discord routes the guild to", async () => {
    for (const [shard, guild] of guilds.entries()) {
      expect(await helpFooter(emu, guild.id)).toMatch(new RegExp(` · shard ${shard}/${count}$`));
    }
  });

  it('a /reload on shard 0 changes the answers on shard 1, and the reply lists every shard’s version', async () => {
    expect(await ibmCard(emu, guildOnShard(1, count))).not.toContain('edited for the sharding test');
    await setSummary(dir, 'org-ibm', 'IBM is a test company whose summary was edited for the sharding test.');

    const report = await emu
      .command({ name: 'reload', guildId: guildOnShard(0, count), ...moderator })
      .reply(RELOAD_WAIT_MS);
    const embed = report.embeds[0];
    expect(embed?.title).toBe('✅ Knowledge base reloaded');
    const version = /Version \w+ → (\w+)/.exec(embed?.description ?? '')?.[1];
    expect(version).toMatch(/^[0-9a-f]{8}$/);
    const shards = embed?.fields?.find((f) => f.name.startsWith('Shards on this machine'));
    expect(shards).toEqual({
      name: `Shards on this machine (${count} of ${count})`,
      value: `✅ Shards 0–${count - 1}: version ${version}`,
    });
    expect(embed?.fields?.some((f) => f.name === 'Shards on other machines')).toBe(false);

    // Every shard kept the version it loaded as the last good copy, at once: the copy in use must be whole.
    const kept = path.join(manager.dataDir, LAST_GOOD_LINK);
    expect(JSON.parse(await readFile(path.join(kept, 'saved.json'), 'utf8')).version).toBe(version);
    for (const file of await readdir(dir)) {
      if (!file.endsWith('.yaml')) continue;
      expect(await readFile(path.join(kept, 'knowledge', file), 'utf8')).toBe(
        await readFile(path.join(dir, file), 'utf8'),
      );
    }
    // Shard 1 first: the shard that did not receive the /reload.
    expect(await ibmCard(emu, guildOnShard(1, count))).toContain('edited for the sharding test');
    for (const guild of guilds)
      expect(await ibmCard(emu, guild.id)).toContain('edited for the sharding test');
  });

  it('checks an invalid knowledge base once, on the shard that got /reload, and no shard changes', async () => {
    const seen = manager.logs.length;
    const broken = path.join(dir, 'zz-broken.yaml');
    await writeFile(broken, 'organizations:\n  - id: org-broken\n    name: Broken Org\n');
    try {
      const report = await emu
        .command({ name: 'reload', guildId: guildOnShard(0, count), ...moderator })
        .reply(RELOAD_WAIT_MS);
      expect(report.embeds[0]?.title).toMatch(/^❌ Reload failed — still serving knowledge base \w+$/);
    } finally {
      await rm(broken);
    }
    // The reply comes over HTTP, the shard's log line over its stdout pipe: wait for the line, not the race.
    await manager.waitForLog('reload rejected: invalid knowledge base', { shard: 0 }, 10_000);
    const logged = manager.logs.slice(seen);
    expect(
      logged.filter((r) => r.msg === 'reload rejected: invalid knowledge base').map((r) => r.shard),
    ).toEqual([0]);
    expect(logged.filter((r) => /another shard|every shard|some shards/.test(r.msg))).toEqual([]);
    for (const guild of guilds)
      expect(await ibmCard(emu, guild.id)).toContain('edited for the sharding test');
  });

  it(
    'respawns a killed shard, which identifies again and answers its guild',
    async () => {
      const started = manager.logsMatching('shard process started', { shard: 1 });
      const pid = started.at(-1)?.pid as number;
      const identifies = emu.gateway.identifies;
      process.kill(pid, 'SIGKILL');

      await manager.waitForLog('shard process exited; starting it again', { shard: 1 });
      await emu.waitFor(() => emu.gateway.identifies > identifies, STARTUP_MS, 'a new IDENTIFY');
      const again = await emu.waitFor(
        () => manager.logsMatching('shard process started', { shard: 1 })[started.length],
        STARTUP_MS,
        'the respawned shard',
      );
      expect(again.pid).not.toBe(pid);
      expect(emu.gateway.identifyPayloads.at(-1)?.shard).toEqual([1, count]);
      await emu.waitFor(
        () => manager.logsMatching('bot ready', { shard: 1 }).length === 2,
        STARTUP_MS,
        'the respawned shard to be ready',
      );
      // It loaded the files as they are now, so it serves the reloaded knowledge too.
      expect(await ibmCard(emu, guildOnShard(1, count))).toContain('edited for the sharding test');
    },
    STARTUP_MS,
  );

  const ASKS_PER_GUILD = 8;
  const asked = guilds.flatMap((g, shard) =>
    Array.from({ length: ASKS_PER_GUILD }, (_, n) => ({
      guild: g.id,
      question: `who is IBM (shard ${shard}, ask ${n})`,
    })),
  );

  it('answers /ask on every shard at once, each shard process writing to the one feedback database', async () => {
    const replies = await Promise.all(
      asked.map(({ guild, question }) =>
        emu.command({ name: 'ask', guildId: guild, options: { question } }).reply(),
      ),
    );
    expect(replies.every((r) => r.embeds.length > 0)).toBe(true);
  });

  it('on SIGTERM answers the interactions in flight on every shard, stops each shard, and exits 0', async () => {
    // Each first callback gets a 429 for a second, so every shard still has an answer in flight at the signal.
    for (let i = 0; i < count; i++) emu.failNext('POST', '/callback', { status: 429, retryAfter: 1 });
    const handles = guilds.map((g) => emu.command({ name: 'help', guildId: g.id }));
    await emu.waitFor(
      () => emu.requests.filter((r) => r.injected).length === count,
      10_000,
      'a 429 on every shard',
    );

    const code = await manager.stop('SIGTERM');
    expect(code).toBe(0);
    for (const [shard, handle] of handles.entries()) {
      const reply = await handle.reply();
      expect(reply.embeds[0]?.footer?.text).toMatch(new RegExp(` · shard ${shard}/${count}$`));
    }
    const stopped = manager.logsMatching('shard stopped');
    expect(stopped.map((r) => [r.shard, r.code]).sort()).toEqual(
      Array.from({ length: count }, (_, id) => [id, 0]),
    );
    expect(manager.logsMatching('bot stopped')).toHaveLength(count);
  }, 60_000);

  it('kept every shard’s asks in the shared feedback database: none lost, none written twice', () => {
    const db = new BetterSqlite3(FeedbackLog.file(manager.dataDir), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT guild_id AS guild, question FROM asks WHERE question LIKE 'who is IBM (shard %'")
        .all() as { guild: string; question: string }[];
      const key = (r: { guild: string; question: string }) => `${r.guild} ${r.question}`;
      expect(rows.map(key).sort()).toEqual(asked.map(key).sort());
    } finally {
      db.close();
    }
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(emu.rejected).toEqual([]);
    expect(emu.unknownRoutes).toEqual([]);
    expect(emu.missingAllowedMentions).toEqual([]);
  });
});

describe('starting the shard manager', () => {
  it('stops before any shard starts when the knowledge base is invalid, listing each problem', async () => {
    const dir = await copyKnowledge();
    const emu = await startEmulator({ shards: 2 });
    try {
      await writeFile(
        path.join(dir, 'zz-broken.yaml'),
        'organizations:\n  - id: org-broken\n    name: Broken Org\n',
      );
      const manager = startManager(emu, { SHARD_COUNT: '2' }, dir);
      onTestFinished(() => manager.cleanup());
      expect(await manager.exited).toBe(1);
      expect(manager.stderr()).toMatch(
        /^The knowledge base in .+ is invalid; fix these and start again:\n {2}\S*zz-broken\.yaml/,
      );
      expect(manager.logsMatching('shard process started')).toEqual([]);
      expect(emu.gateway.connections).toBe(0);
    } finally {
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 naming DISCORD_TOKEN when Discord rejects the token', async () => {
    const emu = await startEmulator({ shards: 2 });
    try {
      const manager = startManager(emu, {
        SHARD_COUNT: 'auto',
        DISCORD_TOKEN: 'MTIz.not-the-emulator-token.xyz',
      });
      onTestFinished(() => manager.cleanup());
      expect(await manager.exited).toBe(1);
      expect(manager.logs.at(-1)?.msg).toMatch(/^Discord rejected DISCORD_TOKEN/);
      expect(manager.logsMatching('shard process started')).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

describe('a shard whose manager is killed', () => {
  it('stops too, instead of running on unsupervised beside the next manager’s copy of it', async () => {
    const emu = await startEmulator({ shards: 1 });
    try {
      await deployGlobally(emu);
      const manager = startManager(emu, { SHARD_COUNT: '1' });
      onTestFinished(() => manager.cleanup());
      await manager.waitForShards(1);
      const pid = manager.logsMatching('shard process started')[0]?.pid as number;
      await manager.stop('SIGKILL');
      await emu.waitFor(
        () => emu.gateway.sessions.every((s) => s.ended),
        20_000,
        'the shard to close its session',
      );
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      await emu.waitFor(() => !alive(), 20_000, 'the shard process to exit');
    } finally {
      await emu.close();
    }
  }, 60_000);
});

describe('two machines: SHARD_IDS=0,1 and SHARD_IDS=2,3 of SHARD_COUNT=4', () => {
  let emu: DiscordEmulator;
  let machines: ManagerProcess[] = [];
  let dir: string;
  const guilds = guildsForShards(4);

  beforeAll(async () => {
    dir = await copyKnowledge();
    emu = await startEmulator({ shards: 4, guilds, maxGuildsPerShard: 1 });
    await deployGlobally(emu);
    machines = ['0,1', '2,3'].map((ids) => startManager(emu, { SHARD_COUNT: '4', SHARD_IDS: ids }, dir));
    await Promise.all(machines.map((m) => m.waitForShards(2, STARTUP_MS)));
  }, STARTUP_MS);

  afterAll(async () => {
    await Promise.all(machines.map((m) => m.cleanup()));
    await emu?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('together identify all four shards, each machine its own', async () => {
    expect(sortedShards(emu)).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    const [a, b] = machines;
    expect(a?.logsMatching('bot ready').map((r) => r.shard)).toEqual([0, 1]);
    expect(b?.logsMatching('bot ready').map((r) => r.shard)).toEqual([2, 3]);
    for (const [shard, guild] of guilds.entries()) {
      expect(await helpFooter(emu, guild.id)).toMatch(new RegExp(` · shard ${shard}/4$`));
    }
  });

  it('a /reload reaches the shards of its machine and says which shards run elsewhere', async () => {
    await setSummary(dir, 'org-ibm', 'IBM is a test company edited for the two-machine test.');
    const report = await emu
      .command({ name: 'reload', guildId: guildOnShard(3, 4), ...moderator })
      .reply(RELOAD_WAIT_MS);
    const embed = report.embeds[0];
    const version = /Version \w+ → (\w+)/.exec(embed?.description ?? '')?.[1];
    expect(embed?.fields?.slice(-2)).toEqual([
      { name: 'Shards on this machine (2 of 4)', value: `✅ Shards 2–3: version ${version}` },
      {
        name: 'Shards on other machines',
        value: 'Shards 0–1 did not get this reload: run /reload in a server on each of those machines.',
      },
    ]);
    expect(await ibmCard(emu, guildOnShard(2, 4))).toContain('edited for the two-machine test');
    expect(await ibmCard(emu, guildOnShard(1, 4))).not.toContain('edited for the two-machine test');
  });

  it('stops both machines on SIGTERM with exit code 0', async () => {
    expect(await Promise.all(machines.map((m) => m.stop('SIGTERM')))).toEqual([0, 0]);
    expect(emu.rejected).toEqual([]);
    expect(emu.unknownRoutes).toEqual([]);
  });
});
