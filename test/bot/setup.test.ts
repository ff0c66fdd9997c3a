import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CommandDefinitionError } from '../../src/bot/command.js';
import { deployCommands } from '../../src/bot/deploy.js';
import { startBot } from '../../src/bot/start.js';
import { loadConfig } from '../../src/config.js';
import { KnowledgeError } from '../../src/knowledge/problems.js';
import { createLogger } from '../../src/log.js';
import { formatDate } from '../../src/text/dates.js';
import { type DiscordTest, startDiscord } from '../support/bot-harness.js';
import { DEFAULT_GUILD_ID, type DiscordEmulator, startEmulator } from '../support/emulator.js';
import { writeKnowledgeDir } from '../support/kb-fixture.js';

const NAMES = ['ask', 'initiative', 'whois', 'reload', 'misses', 'help', 'Ask Initiatives Bot'];
const EVERYWHERE = { integration_types: [0, 1], contexts: [0, 1, 2] };
const silent = createLogger('silent');
// The bots started here keep their feedback database and last good knowledge base out of the repository.
const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'bot-data-setup-'));
afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

function configFor(emulator: DiscordEmulator, extra: Record<string, string> = {}) {
  return loadConfig({
    DISCORD_TOKEN: emulator.token,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    DISCORD_API_URL: emulator.apiUrl,
    // Its own: the npm start tests leave a last good copy in DATA_DIR, which a refused start must not find.
    DATA_DIR: path.join(DATA_DIR, 'in-process'),
    ...extra,
  });
}

/** Runs a CLI entry point the way npm does (`tsx <file>`) with exactly these bot variables. */
function runCli(file: string, env: Record<string, string>): ChildProcess & { output: () => string } {
  const variables = {
    DISCORD_TOKEN: '',
    DISCORD_APPLICATION_ID: '',
    DISCORD_GUILD_ID: '',
    DISCORD_API_URL: '',
    KNOWLEDGE_DIR: 'knowledge',
    MODERATOR_ROLE_IDS: '',
    LOG_LEVEL: 'info',
    ASK_COOLDOWN_SECONDS: '',
    DATA_DIR,
    KNOWLEDGE_STRICT_START: '',
    ...env,
  };
  const child = spawn('node_modules/.bin/tsx', [file], { env: { ...process.env, ...variables } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return Object.assign(child, { output: () => output });
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('npm run deploy', () => {
  let emulator: DiscordEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('registers every command to the guild when DISCORD_GUILD_ID is set', async () => {
    const result = await deployCommands(configFor(emulator, { DISCORD_GUILD_ID: DEFAULT_GUILD_ID }));
    expect(result).toMatchObject({ scope: 'guild', guildId: DEFAULT_GUILD_ID });
    expect(result.commands.map((c) => c.name)).toEqual(NAMES);
    // Stored only if the emulator's validation of names, descriptions and options passed.
    expect(emulator.commands.guilds.get(DEFAULT_GUILD_ID)?.map((c) => c.name)).toEqual(NAMES);
    expect(emulator.commands.global).toEqual([]);
    expect(emulator.rejected).toEqual([]);
    const ask = emulator.commands.guilds.get(DEFAULT_GUILD_ID)?.find((c) => c.name === 'ask');
    expect(ask?.options).toMatchObject([
      { name: 'question', type: 3, required: true, max_length: 300 },
      { name: 'private', type: 5 },
    ]);
    const initiative = emulator.commands.guilds.get(DEFAULT_GUILD_ID)?.find((c) => c.name === 'initiative');
    expect(initiative?.options).toMatchObject([
      { name: 'name', autocomplete: true, required: true },
      { name: 'topic', choices: expect.arrayContaining([{ name: 'Overview', value: 'overview' }]) },
      { name: 'mention', type: 6 },
    ]);
  });

  it('registers them globally when no guild is configured', async () => {
    const result = await deployCommands(configFor(emulator));
    expect(result.scope).toBe('global');
    expect(emulator.commands.global.map((c) => c.name)).toEqual(NAMES);
  });

  it('registers member commands for guild and user installs everywhere, and /reload and /misses for servers only', async () => {
    await deployCommands(configFor(emulator));
    expect(emulator.rejected).toEqual([]);
    const registered = Object.fromEntries(emulator.commands.global.map((c) => [c.name, c]));
    for (const name of ['ask', 'initiative', 'whois', 'help'])
      expect(registered[name]).toMatchObject(EVERYWHERE);
    expect(registered['Ask Initiatives Bot']).toMatchObject({ type: 3, description: '', ...EVERYWHERE });
    expect(registered.reload).toMatchObject({ integration_types: [0], contexts: [0] });
    expect(registered.misses).toMatchObject({ integration_types: [0], contexts: [0] });
    // A server registration is for that server only: install contexts don't apply, so they are left out.
    await deployCommands(configFor(emulator, { DISCORD_GUILD_ID: DEFAULT_GUILD_ID }));
    for (const command of emulator.commands.guilds.get(DEFAULT_GUILD_ID) ?? [])
      expect(command).toMatchObject({ contexts: null, integration_types: [0] });
  });

  it('prints what it registered and where, from the command line', async () => {
    const cli = runCli('src/cli/deploy.ts', {
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_URL: emulator.apiUrl,
      DISCORD_GUILD_ID: DEFAULT_GUILD_ID,
    });
    expect(await exitCode(cli)).toBe(0);
    expect(cli.output()).toContain(
      `Registered 7 commands to server ${DEFAULT_GUILD_ID} (available there immediately): /ask, /initiative, /whois, /reload, /misses, /help, "Ask Initiatives Bot" (message menu)`,
    );
    expect(cli.output()).not.toContain(emulator.token);
  });
});

describe('npm start', () => {
  let emulator: DiscordEmulator;
  let child: (ChildProcess & { output: () => string }) | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exitCode(child);
    }
    child = undefined;
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('logs in, logs ready as JSON with guild and knowledge counts, answers, and exits 0 on SIGTERM', async () => {
    child = runCli('src/main.ts', {
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_URL: emulator.apiUrl,
    });
    const started = child;
    const ready = await emulator.waitFor(
      () =>
        started
          .output()
          .split('\n')
          .find((l) => l.includes('"bot ready"')),
      10_000,
      'the bot to log ready',
    );
    expect(JSON.parse(ready)).toMatchObject({
      level: 30,
      guilds: 1,
      knowledge: { initiatives: expect.any(Number) },
    });
    // Commands were never deployed to this emulator, so options arrive with inferred types; /help has none.
    const help = await emulator.command({ name: 'help' }).reply();
    expect(help.embeds[0]?.title).toMatch(/help/);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
    expect(child.output()).toContain('"bot stopped"');
    expect(child.output()).not.toContain(emulator.token);
  });

  it('writes the feedback still queued before it exits on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bot-data-sigterm-'));
    try {
      child = runCli('src/main.ts', {
        DISCORD_TOKEN: emulator.token,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_API_URL: emulator.apiUrl,
        DATA_DIR: dataDir,
      });
      const started = child;
      await emulator.waitFor(() => started.output().includes('"bot ready"'), 10_000, 'the bot to log ready');
      await emulator
        .command({ name: 'ask', options: { question: 'who runs the Quibblix Foundation?' } })
        .reply();
      // Well inside the 200 ms the ask waits for its batch: only the shutdown's flush can write it.
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
      const db = new BetterSqlite3(path.join(dataDir, 'initiatives.db'), { readonly: true });
      try {
        expect(db.prepare('SELECT question, outcome FROM asks').all()).toEqual([
          { question: 'who runs the Quibblix Foundation?', outcome: 'refused' },
        ]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 1 without a token and points to the offline `npm run ask`', async () => {
    child = runCli('src/main.ts', {});
    expect(await exitCode(child)).toBe(1);
    expect(child.output()).toMatch(/DISCORD_TOKEN is missing/);
    expect(child.output()).toContain('npm run ask -- "');
  });

  it('exits 1 listing file:line problems when the knowledge base is invalid and there is no last good copy', async () => {
    const kb = await writeKnowledgeDir({
      'organizations.yaml': 'organizations:\n  - id: Not An Id\n    name: X\n',
    });
    const connections = emulator.gateway.connections;
    try {
      child = runCli('src/main.ts', {
        DISCORD_TOKEN: emulator.token,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_API_URL: emulator.apiUrl,
        KNOWLEDGE_DIR: kb.dir,
        DATA_DIR: path.join(DATA_DIR, 'never-used'),
      });
      expect(await exitCode(child)).toBe(1);
      expect(child.output()).toMatch(/is invalid; fix these and start again/);
      expect(child.output()).toContain('There is no last good copy in');
      expect(child.output()).toMatch(/organizations\.yaml:\d+ organizations\[0\]\.id: /);
      expect(emulator.gateway.connections).toBe(connections);
    } finally {
      await kb.cleanup();
    }
  });
});

describe('startBot refuses to start', () => {
  let emulator: DiscordEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('with a malformed command module, naming the module and the problem', async () => {
    const config = configFor(emulator);
    const good = {
      data: { toJSON: () => ({ name: 'fine', description: 'ok' }), name: 'fine' },
      execute: async () => {},
    };
    const noExecute = { data: good.data, execute: 'not a function' };
    await expect(startBot({ config, logger: silent, commands: [good, noExecute] })).rejects.toThrow(
      /command module #2 is malformed: execute must be a function/,
    );
    const noDescription = { ...good, data: { name: 'x', toJSON: () => ({ name: 'x', description: '' }) } };
    await expect(startBot({ config, logger: silent, commands: [noDescription] })).rejects.toThrow(
      CommandDefinitionError,
    );
    expect(emulator.requests).toEqual([]);
  });

  it('with an invalid knowledge base, before connecting to Discord', async () => {
    const kb = await writeKnowledgeDir({ 'sources.yaml': 'sources:\n  - id: src-a\n    title: ""\n' });
    try {
      const config = configFor(emulator, { KNOWLEDGE_DIR: kb.dir });
      const failure = await startBot({ config, logger: silent }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(KnowledgeError);
      expect((failure as KnowledgeError).problems.length).toBeGreaterThan(0);
      expect(emulator.requests).toEqual([]);
    } finally {
      await kb.cleanup();
    }
  });
});

describe('/help', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('lists the featured initiatives, counts, when the knowledge was updated and how to use every command', async () => {
    const help = await discord.run('/help');
    const { kb, counts } = discord.bot.store.current;
    expect(help.ephemeral).toBe(true);
    expect(help.embed?.description).toContain(
      `${counts.initiatives} initiatives, ${counts.organizations} organizations`,
    );
    expect(help.embed?.footer?.text).toBe(`Knowledge updated ${formatDate(kb.updated ?? '')}`);
    const featured = help.embed?.fields?.find((f) => f.name === 'Featured initiatives')?.value ?? '';
    expect(featured).toContain('AI Alliance');
    const commands = help.embed?.fields?.find((f) => f.name === 'Commands')?.value ?? '';
    expect(commands).toContain('`/ask question [private]`');
    expect(commands).toContain('`/initiative name [topic] [mention]`');
    expect(commands).toContain('`/whois name [mention]`');
    expect(commands).toMatch(/`\/reload` — .*\(moderators\)/);
    expect(commands).toContain('`/help`');
    expect(discord.emulator.rejected).toEqual([]);
  });
});
