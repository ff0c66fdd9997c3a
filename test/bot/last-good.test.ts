import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, readlink, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/knowledge/problems.js';
import { LAST_GOOD_LINK } from '../../src/knowledge/snapshot.js';
import { type DiscordTest, LEVEL, MODERATOR_PERMISSIONS, startDiscord } from '../support/bot-harness.js';
import { startEmulator } from '../support/emulator.js';
import { VALID_FILES, writeKnowledgeDir } from '../support/kb-fixture.js';

const moderator = { permissions: MODERATOR_PERMISSIONS };
const ORGANIZATIONS = VALID_FILES['organizations.yaml'] ?? '';
// An unclosed quote: the file can't be read at all.
const BROKEN = ORGANIZATIONS.replace('summary: A chip maker.', 'summary: "A chip maker.');
const brokenLine = BROKEN.split('\n').findIndex((l) => l.includes('summary: "A chip')) + 1;

describe('the last good knowledge base', () => {
  let kb: { dir: string; cleanup: () => Promise<void> };
  let dataDir: string;
  let goodVersion: string;
  beforeAll(async () => {
    kb = await writeKnowledgeDir();
    // Files last edited long ago: the copy must keep that date, not the day it was made.
    for (const name of Object.keys(VALID_FILES))
      await utimes(path.join(kb.dir, name), new Date(), new Date('2024-01-02T12:00:00Z'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'last-good-'));
  });
  afterAll(async () => {
    await kb?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const start = (env: Record<string, string> = {}) =>
    startDiscord({ knowledgeDir: kb.dir, env: { DATA_DIR: dataDir, ...env } });

  it('is kept in DATA_DIR after every successful load, byte for byte', async () => {
    const discord = await start();
    try {
      goodVersion = discord.bot.store.current.kb.version;
      const saved = JSON.parse(await readFile(path.join(dataDir, LAST_GOOD_LINK, 'saved.json'), 'utf8'));
      expect(saved).toMatchObject({ version: goodVersion, from: path.resolve(kb.dir) });
      for (const [name, text] of Object.entries(VALID_FILES))
        expect(await readFile(path.join(dataDir, LAST_GOOD_LINK, 'knowledge', name), 'utf8')).toBe(text);
    } finally {
      await discord.close();
    }
  });

  describe('when the files on disk are broken at start-up', () => {
    let discord: DiscordTest;
    beforeAll(async () => {
      await writeFile(path.join(kb.dir, 'organizations.yaml'), BROKEN);
      discord = await start();
    });
    afterAll(async () => {
      await discord?.close();
    });

    it('starts from the last good copy and logs a warning with every problem', async () => {
      expect(discord.bot.store.current.kb.version).toBe(goodVersion);
      expect(discord.bot.store.current.kb.updated).toBe('2024-01-02');
      const warning = discord.logsMatching(/serving the last good copy until a \/reload passes$/)[0];
      expect(warning).toMatchObject({
        level: LEVEL.warn,
        msg: 'the knowledge base on disk has 1 problem: serving the last good copy until a /reload passes',
        problems: [
          expect.stringMatching(new RegExp(`organizations\\.yaml:${brokenLine}: YAML syntax error`)),
        ],
        serving: { version: goodVersion },
      });
      const card = await discord.run('/whois', { name: 'Nvidia' });
      expect(card.embed?.description).toContain('A chip maker.');
    });

    it('tells moderators in /help, and only moderators', async () => {
      const forModerator = await discord.run('/help', {}, moderator);
      const notice = forModerator.embed?.fields?.[0];
      expect(notice?.name).toBe('⚠️ For moderators');
      expect(notice?.value).toMatch(
        new RegExp(
          `^Serving an older version \\(${goodVersion}, the last good copy, saved <t:\\d+:R>\\): the knowledge files on disk have 1 problem, so they were not loaded at start-up\\. Fix it and run /reload`,
        ),
      );
      expect(notice?.value).toContain(
        `${path.basename(kb.dir)}/organizations.yaml:${brokenLine}: YAML syntax error`,
      );
      const forMember = await discord.run('/help');
      expect(forMember.text).not.toContain('older version');
      expect(forMember.embed?.fields?.[0]?.name).toBe('Featured initiatives');
    });

    it('says so in a refused /reload, and a passing /reload replaces the copy', async () => {
      const refused = await discord.run('/reload', {}, moderator);
      expect(refused.embed?.title).toBe(`❌ Reload failed — still serving knowledge base ${goodVersion}`);
      expect(refused.embed?.description).toMatch(
        /^This is the last good copy of the knowledge base \(saved <t:\d+:R>\), served because the files on disk were broken at start-up\./,
      );

      const fixed = ORGANIZATIONS.replace('A chip maker.', 'A chip maker, fixed.');
      await writeFile(path.join(kb.dir, 'organizations.yaml'), fixed);
      const reloaded = await discord.run('/reload', {}, moderator);
      expect(reloaded.embed?.title).toBe('✅ Knowledge base reloaded');
      expect(reloaded.embed?.description).toContain(
        'The knowledge files on disk are served again, instead of the last good copy.',
      );
      expect(discord.bot.store.current.lastGood).toBeUndefined();
      const help = await discord.run('/help', {}, moderator);
      expect(help.text).not.toContain('older version');
      const saved = JSON.parse(await readFile(path.join(dataDir, LAST_GOOD_LINK, 'saved.json'), 'utf8'));
      expect(saved.version).toBe(discord.bot.store.current.kb.version);
      expect(saved.version).not.toBe(goodVersion);
      // The copy it replaced is gone: one copy is kept.
      const linked = await readlink(path.join(dataDir, LAST_GOOD_LINK));
      expect(linked).toMatch(new RegExp(`^\\.knowledge-${saved.version}-`));
      expect((await readdir(dataDir)).filter((e) => e.startsWith('.knowledge-'))).toEqual([linked]);
    });
  });

  it('is not used with KNOWLEDGE_STRICT_START=true: start-up refuses, as before', async () => {
    await writeFile(path.join(kb.dir, 'organizations.yaml'), BROKEN);
    const failure = await start({ KNOWLEDGE_STRICT_START: 'true' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KnowledgeError);
    expect((failure as KnowledgeError).problems).toHaveLength(1);
  });

  it('carries `npm start` through a broken file: the bot process answers from the copy and says so', async () => {
    await writeFile(path.join(kb.dir, 'organizations.yaml'), BROKEN);
    const emulator = await startEmulator();
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: emulator.token,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_API_URL: emulator.apiUrl,
        DISCORD_GUILD_ID: '',
        KNOWLEDGE_DIR: kb.dir,
        DATA_DIR: dataDir,
        KNOWLEDGE_STRICT_START: '',
        MODERATOR_ROLE_IDS: '',
        LOG_LEVEL: 'info',
      },
    });
    let output = '';
    bot.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    bot.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    try {
      await emulator.waitFor(() => output.includes('"bot ready"'), 15_000, 'the bot to be ready');
      const warning = output.split('\n').find((l) => l.includes('serving the last good copy'));
      expect(JSON.parse(warning ?? '{}')).toMatchObject({
        level: LEVEL.warn,
        problems: [expect.stringContaining(`organizations.yaml:${brokenLine}: YAML syntax error`)],
      });
      const card = await emulator.command({ name: 'whois', options: { name: 'Nvidia' } }).reply();
      expect(card.embeds[0]?.title).toBe('Nvidia');
      bot.kill('SIGTERM');
      const [code] = (await once(bot, 'exit')) as [number];
      expect(code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await emulator.close();
    }
  });
});
