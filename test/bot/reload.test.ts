import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import reloadCommand from '../../commands/reload.js';
import { notAModerator } from '../../src/bot/permissions.js';
import {
  type DiscordTest,
  LEVEL,
  MODERATOR_PERMISSIONS,
  OTHER_USER,
  startDiscord,
} from '../support/bot-harness.js';
import { DEFAULT_GUILD_ID } from '../support/emulator.js';

const MODERATOR_ROLE = '1300000000000000555';
const OTHER_ROLE = '1300000000000000556';
const moderator = { permissions: MODERATOR_PERMISSIONS };

/** Rewrites one organization's summary in a copied knowledge directory, keeping the rest of the file as it was. */
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

describe('/reload', () => {
  let discord: DiscordTest;
  let dir: string;
  let sourceId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-reload-'));
    await cp('knowledge', dir, { recursive: true });
    discord = await startDiscord({
      knowledgeDir: dir,
      env: { MODERATOR_ROLE_IDS: MODERATOR_ROLE },
      emulator: {
        guilds: [
          {
            id: DEFAULT_GUILD_ID,
            name: 'Emulated Guild',
            roles: [
              { id: MODERATOR_ROLE, name: 'Knowledge moderators' },
              { id: OTHER_ROLE, name: 'Regulars' },
            ],
          },
        ],
      },
    });
    sourceId = [...discord.bot.store.current.kb.sources.keys()][0] ?? '';
  });
  afterAll(async () => {
    await discord?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is registered for servers only and hidden from members without Manage Server by default', () => {
    const reload = discord.emulator.commands.guilds.get(DEFAULT_GUILD_ID)?.find((c) => c.name === 'reload');
    expect(reload?.default_member_permissions).toBe('32');
    // Install contexts only apply to global registrations (checked in setup.test.ts); the definition keeps them.
    expect(reloadCommand.data.toJSON()).toMatchObject({ contexts: [0], integration_types: [0] });
  });

  it('swaps in an edited knowledge base and reports the changed and added ids', async () => {
    await setSummary(dir, 'org-ibm', 'IBM is a test company whose summary was edited for the reload test.');
    await writeFile(
      path.join(dir, 'zz-test-org.yaml'),
      `organizations:\n  - id: org-reload-test\n    name: Reload Test Labs\n    summary: A lab added by the reload test.\n    sources: [${sourceId}]\n    type: lab\n`,
    );
    const before = discord.bot.store.current.kb.version;

    const report = await discord.run('/reload', {}, moderator);
    expect(report.handle.callbacks[0]?.type).toBe(5);
    expect(report.ephemeral).toBe(true);
    expect(report.embed?.title).toBe('✅ Knowledge base reloaded');
    expect(report.embed?.description).toContain(
      `Version ${before} → ${discord.bot.store.current.kb.version}`,
    );
    const field = (name: string) => report.embed?.fields?.find((f) => f.name.startsWith(name))?.value ?? '';
    expect(field('Added (1)')).toBe('`org-reload-test`');
    expect(field('Changed (1)')).toBe('`org-ibm`');
    expect(field('Removed (0)')).toBe('none');
    expect(report.embed?.footer?.text).toMatch(/^Reloaded in \d+ ms$/);

    const ibm = await discord.run('/whois', { name: 'IBM' });
    expect(ibm.embed?.description).toContain('summary was edited for the reload test');
    const added = await discord.run('/whois', { name: 'Reload Test Labs' });
    expect(added.embed?.title).toBe('Reload Test Labs');
    const choices = await discord.autocomplete('/whois', 'name', 'reload test');
    expect(choices[0]?.value).toBe('org-reload-test');
  });

  it('keeps the last good knowledge base when a file is invalid, and lists each problem as file:line field: problem', async () => {
    const good = discord.bot.store.current;
    const broken = path.join(dir, 'zz-broken.yaml');
    await writeFile(
      broken,
      'organizations:\n  - id: org-broken\n    name: Broken Org\n    summary: ""\n    sources: [no-such-source]\n    type: company\n',
    );
    onTestFinished(() => rm(broken, { force: true }));
    const report = await discord.run('/reload', {}, moderator);
    expect(report.ephemeral).toBe(true);
    expect(report.embed?.title).toBe(`❌ Reload failed — still serving knowledge base ${good.kb.version}`);
    const block = /```\n([\s\S]*)\n```$/.exec(report.embed?.description ?? '')?.[1] ?? '';
    const lines = block.split('\n');
    const dirName = path.basename(dir);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${dirName}/zz-broken\\.yaml:\\d+ organizations\\[0\\]\\.summary: \\S`),
      ),
    );
    for (const line of lines) expect(line).toMatch(/^\S+\.yaml:\d+ \S+: \S|^…and \d+ more$/);

    expect(discord.bot.store.current).toBe(good);
    const ibm = await discord.run('/whois', { name: 'IBM' });
    expect(ibm.embed?.description).toContain('summary was edited for the reload test');
    const ask = await discord.run('/ask', { question: 'who co-founded the AI Alliance?' });
    expect(ask.embed?.title).toBe('AI Alliance');
    expect(discord.logsMatching('reload rejected: invalid knowledge base')).toHaveLength(1);
  });

  it('politely refuses a member without Manage Server or a moderator role, and logs it', async () => {
    const version = discord.bot.store.current.kb.version;
    const refused = await discord.run('/reload', {}, { user: OTHER_USER, roles: [OTHER_ROLE] });
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toBe(notAModerator('reload'));
    expect(refused.handle.callbacks[0]?.type).toBe(4);
    const warning = discord.logsMatching('reload refused: not a moderator').at(-1);
    expect(warning).toMatchObject({ level: LEVEL.warn, user: OTHER_USER.id });
    expect(discord.bot.store.current.kb.version).toBe(version);
  });

  it('allows a member whose role is listed in MODERATOR_ROLE_IDS', async () => {
    const report = await discord.run('/reload', {}, { user: OTHER_USER, roles: [MODERATOR_ROLE] });
    expect(report.embed?.title).toBe('✅ Knowledge base reloaded');
    expect(report.embed?.description).toMatch(/^No changes: still version [0-9a-f]{8}\./);
  });

  it('runs two reloads at once one after the other, both succeeding', async () => {
    const [a, b] = await Promise.all([
      discord.run('/reload', {}, moderator),
      discord.run('/reload', {}, moderator),
    ]);
    expect(a.embed?.title).toBe('✅ Knowledge base reloaded');
    expect(b.embed?.title).toBe('✅ Knowledge base reloaded');
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.unknownRoutes).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});
