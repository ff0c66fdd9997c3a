import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RESTARTING } from '../../src/bot/router.js';
import { type DiscordEmulator, type InteractionHandle, startEmulator } from '../support/emulator.js';

/** `npm start` exactly as an operator runs it, in its own process group (as a terminal or supervisor would). */
interface NpmStart {
  npm: ChildProcess;
  output: () => string;
  /** The bot's own pid, from its "bot ready" log line. */
  botPid: number;
}

let dataDir: string;

async function npmStart(emulator: DiscordEmulator): Promise<NpmStart> {
  const npm = spawn('npm', ['start'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_URL: emulator.apiUrl,
      DISCORD_GUILD_ID: '',
      KNOWLEDGE_DIR: 'knowledge',
      MODERATOR_ROLE_IDS: '',
      ASK_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
    },
  });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const ready = await emulator.waitFor(
    () => output.split('\n').find((l) => l.includes('"bot ready"')),
    15_000,
    'the bot to log ready',
  );
  const botPid = (JSON.parse(ready) as { pid: number }).pid;
  return { npm, output: () => output, botPid };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start and signals', () => {
  let emulator: DiscordEmulator;
  let started: NpmStart | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    dataDir = await mkdtemp(path.join(tmpdir(), 'shutdown-data-'));
  });
  afterEach(async () => {
    // Never leave a bot behind, whatever the test did.
    if (started && alive(started.botPid)) process.kill(started.botPid, 'SIGKILL');
    if (started && started.npm.exitCode === null && started.npm.signalCode === null) {
      started.npm.kill('SIGKILL');
      await exitOf(started.npm);
    }
    started = undefined;
  });
  afterAll(async () => {
    await emulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the bot as npm’s direct child, so signals reach it without a shell or tsx in between', async () => {
    started = await npmStart(emulator);
    const { readFileSync } = await import('node:fs');
    const parent = Number(readFileSync(`/proc/${started.botPid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
    expect(parent).toBe(started.npm.pid);
  });

  it('answers a burst of 200 /ask sent before SIGTERM to the process group, then exits 0', async () => {
    started = await npmStart(emulator);
    const { npm } = started;
    const handles: InteractionHandle[] = Array.from({ length: 200 }, (_, i) =>
      emulator.command({ name: 'ask', options: { question: i % 2 ? 'what is IBM?' : 'what is Meta?' } }),
    );
    // The signal lands while the answers are being sent: the first has come back, most have not.
    await handles[0]?.callback;
    const answeredBeforeSignal = handles.filter((h) => h.acknowledged).length;
    process.kill(-(npm.pid as number), 'SIGTERM');

    expect(await exitOf(npm)).toBe(0);
    expect(alive(started.botPid)).toBe(false);
    const replies = await Promise.all(handles.map((h) => h.reply()));
    const answered = replies.filter((m) => m.embeds[0]?.title === 'IBM' || m.embeds[0]?.title === 'Meta');
    const restarting = replies.filter((m) => m.content === RESTARTING);
    expect(answered.length + restarting.length).toBe(200);
    expect(answeredBeforeSignal).toBeLessThan(200);
    // Everything on its way when the signal came is answered in full, also what was still unread on the socket.
    expect(answered.length).toBe(200);
    expect(handles.every((h) => !h.expired && h.rejected.length === 0)).toBe(true);
    expect(started.output()).toContain('"bot stopped"');
    expect(started.output()).not.toMatch(/"level":(50|60)/);
  });

  it('stops the bot too when only the npm process gets SIGTERM', async () => {
    started = await npmStart(emulator);
    const { npm, botPid } = started;
    const handles = Array.from({ length: 20 }, () =>
      emulator.command({ name: 'ask', options: { question: 'what is IBM?' } }),
    );
    npm.kill('SIGTERM');
    expect(await exitOf(npm)).toBe(0);
    await emulator.waitFor(() => !alive(botPid), 5000, 'the bot process to exit');
    expect((await Promise.all(handles.map((h) => h.reply()))).length).toBe(20);
    expect(started.output()).toContain('"bot stopped"');
  });

  it('logs a second signal during the drain and still exits 0', async () => {
    started = await npmStart(emulator);
    const { npm, botPid } = started;
    const handles = Array.from({ length: 50 }, () =>
      emulator.command({ name: 'ask', options: { question: 'what is Meta?' } }),
    );
    await handles[0]?.callback;
    process.kill(botPid, 'SIGTERM');
    process.kill(botPid, 'SIGINT');
    process.kill(botPid, 'SIGTERM');
    expect(await exitOf(npm)).toBe(0);
    await Promise.all(handles.map((h) => h.reply()));
    expect(started.output()).toContain('already shutting down');
    expect(started.output()).toContain('"bot stopped"');
  });
});
