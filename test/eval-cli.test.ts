import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs `npm run eval`'s script with the given arguments; resolves with the exit code and output. */
async function evalCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/eval.ts', ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run eval', () => {
  it('scores a question file and prints one line for the set', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eval-'));
    const file = path.join(dir, 'tiny.yaml');
    await writeFile(
      file,
      'questions:\n  - id: t1\n    question: who launched the AI Alliance?\n    must_contain: [IBM]\nout_of_scope:\n  - id: t2\n    question: zqxv wibble frobnicate\n',
    );
    const { code, stdout } = await evalCli(file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^tiny\s+·\s+in scope\s+1\/1 100\.0%\s+·\s+out of scope refused\s+1\/1/m);
    expect(stdout).toMatch(/tiny — reliability/);
  }, 30_000);

  it('names a missing file in one line and exits 2, without a stack trace', async () => {
    const { code, stderr } = await evalCli('no-such-set.yaml');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe("eval: no-such-set.yaml: can't read the file (ENOENT)");
  }, 30_000);

  it('names a malformed file and the field in one line and exits 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eval-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'questions:\n  - id: t1\n    must_contain: [IBM]\n');
    const { code, stderr } = await evalCli(file);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${file}: questions.0.question:`);
  }, 30_000);
});
