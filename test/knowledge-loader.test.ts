import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type LoadOptions, loadKnowledge, YamlParser } from '../src/knowledge/load.js';
import { MAX_ALIASES, MAX_FIELD_LENGTH } from '../src/knowledge/parse-file.js';
import { formatProblem, KnowledgeError } from '../src/knowledge/problems.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});
const parser = new YamlParser();
afterAll(() => parser.close());

const valid = (name: string) => VALID_FILES[name] ?? '';

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

async function fixture(files: Record<string, string | Uint8Array | undefined>): Promise<string> {
  // Text files through the shared fixture (undefined leaves a file out); byte files written as they are.
  const strings = Object.fromEntries(
    Object.entries(files).filter(([, v]) => !(v instanceof Uint8Array)),
  ) as Record<string, string | undefined>;
  const { dir, cleanup } = await writeKnowledgeDir(strings);
  cleanups.push(cleanup);
  for (const [name, bytes] of Object.entries(files))
    if (bytes instanceof Uint8Array) await writeFile(path.join(dir, name), bytes);
  return dir;
}

/**
 * The formatted problems of loading `dir`, paths relative to it; the same on the main thread and on the reload
 * worker (which must never disagree).
 */
async function problemsIn(dir: string, options: LoadOptions = {}): Promise<string[]> {
  const run = async (o: LoadOptions) => {
    const error = await loadKnowledge(dir, o).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).problems.map((p) =>
      formatProblem(p).replaceAll(`${dir}${path.sep}`, 'kb/'),
    );
  };
  const main = await run(options);
  expect(await run({ ...options, parser })).toEqual(main);
  return main;
}

const problemsWith = async (files: Record<string, string | Uint8Array | undefined>, options?: LoadOptions) =>
  problemsIn(await fixture(files), options);

describe('one YAML mistake is one problem, at its line, with no follow-on errors in other files', () => {
  // initiatives.yaml declares ai-alliance, which organizations.yaml references: a cascade would show there.
  const initiatives = valid('initiatives.yaml');

  it('an unclosed double quote, reported where it opens, not at the end of the file', async () => {
    const broken = initiatives.replace(
      'summary: A community for open AI.',
      'summary: "A community for open AI.',
    );
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      `kb/initiatives.yaml:${lineOf(broken, 'summary:')}: YAML syntax error: the " quote opened on this line is never closed (Missing closing "quote)`,
    ]);
  });

  it('an unclosed single quote', async () => {
    const broken = initiatives.replace('name: AI Alliance', "name: 'AI Alliance");
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      `kb/initiatives.yaml:${lineOf(broken, 'name:')}: YAML syntax error: the ' quote opened on this line is never closed (Missing closing 'quote)`,
    ]);
  });

  it('an unclosed bracket', async () => {
    const broken = initiatives.replace('aliases: [The AI Alliance]', 'aliases: [The AI Alliance');
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      expect.stringMatching(
        new RegExp(
          `^kb/initiatives\\.yaml:${lineOf(broken, 'aliases:')}: YAML syntax error: the \\[ opened on this line is never closed`,
        ),
      ),
    ]);
  });

  it('a key indented too far, reported on its own line', async () => {
    const broken = initiatives.replace('    name: AI Alliance', '      name: AI Alliance');
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      expect.stringMatching(
        new RegExp(
          `^kb/initiatives\\.yaml:${lineOf(broken, 'name: AI Alliance')}: YAML syntax error: this line is indented further`,
        ),
      ),
    ]);
  });

  it('a key indented too little', async () => {
    const broken = initiatives.replace('    name: AI Alliance', '   name: AI Alliance');
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      `kb/initiatives.yaml:${lineOf(broken, 'name: AI Alliance')}: YAML syntax error: Sequence item without - indicator`,
    ]);
  });

  it('a tab used for indentation', async () => {
    const broken = initiatives.replace('    name: AI Alliance', '\tname: AI Alliance');
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      `kb/initiatives.yaml:${lineOf(broken, 'name: AI Alliance')}: YAML syntax error: Tabs are not allowed as indentation`,
    ]);
  });

  it('a duplicate key', async () => {
    const broken = initiatives.replace(
      '    name: AI Alliance\n',
      '    name: AI Alliance\n    name: The Alliance\n',
    );
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      `kb/initiatives.yaml:${lineOf(broken, 'name: The Alliance')}: YAML syntax error: Map keys must be unique`,
    ]);
  });

  it('an empty file that others cite sources from', async () => {
    expect(await problemsWith({ 'sources.yaml': '\n# moved elsewhere\n' })).toEqual([
      'kb/sources.yaml:1: the file is empty; add a section such as "organizations:"',
    ]);
  });

  it('lists nested too deeply to read', async () => {
    const deep = `initiatives: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    expect(await problemsWith({ 'initiatives.yaml': deep })).toEqual([
      'kb/initiatives.yaml:1: YAML syntax error: the file is nested too deeply to read (lists or maps inside each other)',
    ]);
  });

  it('reports the held-back references once the broken file is fixed', async () => {
    const organizations = valid('organizations.yaml').replace('initiative: ai-alliance', 'initiative: nope');
    const broken = initiatives.replace('name: AI Alliance', 'name: "AI Alliance');
    expect(
      await problemsWith({ 'initiatives.yaml': broken, 'organizations.yaml': organizations }),
    ).toHaveLength(1);
    expect(await problemsWith({ 'organizations.yaml': organizations })).toEqual([
      `kb/organizations.yaml:${lineOf(organizations, 'initiative: nope')} organizations[0].involvement[0].initiative: unknown id "nope"`,
    ]);
  });
});

describe('encodings', () => {
  const text = valid('initiatives.yaml');
  const utf16 = (s: string, bigEndian: boolean, bom: boolean) => {
    const le = Buffer.from(`${bom ? '\ufeff' : ''}${s}`, 'utf16le');
    if (bigEndian) le.swap16();
    return new Uint8Array(le);
  };

  it.each([
    ['UTF-16 (little-endian)', utf16(text, false, true)],
    ['UTF-16 (big-endian)', utf16(text, true, true)],
    ['UTF-16 (little-endian)', utf16(text, false, false)],
    ['UTF-32 (little-endian)', new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])],
    ['UTF-32 (big-endian)', new Uint8Array([0, 0, 0, 0x61])],
  ])('names a %s file and how to fix it, as one problem', async (encoding, bytes) => {
    expect(await problemsWith({ 'initiatives.yaml': bytes })).toEqual([
      `kb/initiatives.yaml:1: the file is saved as ${encoding} text; save it as UTF-8`,
    ]);
  });

  it('points at the line of the first byte that is not UTF-8 (a Latin-1 é)', async () => {
    const latin1 = Buffer.from(
      text.replace('A community for open AI.', 'A caf\u00e9 for open AI.'),
      'latin1',
    );
    expect(await problemsWith({ 'initiatives.yaml': new Uint8Array(latin1) })).toEqual([
      `kb/initiatives.yaml:${lineOf(text, 'summary:')}: the file is not valid UTF-8 (first bad byte on this line); save it as UTF-8`,
    ]);
  });

  it('reads a UTF-8 file with a byte-order mark, with the same lines', async () => {
    const dir = await fixture({
      'initiatives.yaml': new Uint8Array(Buffer.from(`\ufeff${valid('initiatives.yaml')}`)),
    });
    expect((await loadKnowledge(dir)).byId.has('ai-alliance')).toBe(true);
    const broken = `\ufeff${valid('organizations.yaml').replace('initiative: ai-alliance', 'initiative: nope')}`;
    expect(
      await problemsIn(await fixture({ 'organizations.yaml': new Uint8Array(Buffer.from(broken)) })),
    ).toEqual([
      `kb/organizations.yaml:${lineOf(broken, 'initiative: nope')} organizations[0].involvement[0].initiative: unknown id "nope"`,
    ]);
  });
});

describe('limits', () => {
  it('refuses more aliases than allowed before expanding any, at the first alias over the limit', async () => {
    const lines = [
      'initiatives: []',
      'x: &x 1',
      ...Array.from({ length: MAX_ALIASES + 5 }, (_, i) => `y${i}: *x`),
    ];
    const problems = await problemsWith({ 'initiatives.yaml': `${lines.join('\n')}\n` });
    expect(problems).toEqual([
      `kb/initiatives.yaml:${MAX_ALIASES + 3}: uses more than ${MAX_ALIASES} YAML aliases (*name); write the values out instead`,
    ]);
  });

  it('refuses an alias bomb (few aliases, billions of values) as one problem', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(7).fill(`*${prev}`).join(', ')}]`,
      );
    }
    const problems = await problemsWith({ 'initiatives.yaml': `${levels.join('\n')}\n` });
    expect(problems).toEqual([
      'kb/initiatives.yaml:2: its YAML aliases expand to too many values (an alias bomb); write the values out instead',
    ]);
  });

  it('refuses a text longer than a field may hold, naming the field', async () => {
    // One character over the limit.
    const long = 'x'.repeat(MAX_FIELD_LENGTH + 1);
    const broken = valid('initiatives.yaml').replace('summary: A community for open AI.', `summary: ${long}`);
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      `kb/initiatives.yaml:${lineOf(broken, 'summary:')} initiatives[0].summary: is 20,001 characters long, more than the 20,000 allowed; split it up`,
    ]);
  });

  it('refuses a knowledge directory over the size limit without reading it', async () => {
    const dir = await fixture({ 'zz-big.yaml': `# ${'x'.repeat(300_000)}\norganizations: []\n` });
    expect(await problemsIn(dir, { maxBytes: 200 * 1024 })).toEqual([
      expect.stringMatching(
        /^kb\/zz-big\.yaml: the knowledge files total 29\d KB, more than the 200 KB allowed \(KNOWLEDGE_MAX_BYTES\): nothing was read$/,
      ),
    ]);
    const total = await problemsIn(await fixture({}), { maxBytes: 1000 });
    expect(total).toEqual([
      expect.stringMatching(
        /: the knowledge files total 2 KB, more than the 1 KB allowed \(KNOWLEDGE_MAX_BYTES\); the largest is organizations\.yaml \(1 KB\): nothing was read$/,
      ),
    ]);
  });

  it('reports a worker that runs out of memory as a problem of that file, and keeps going', async () => {
    // A heap that holds the checker, not the document model of a 3 MB file.
    const small = new YamlParser(32);
    try {
      const records = Array.from(
        { length: 60_000 },
        (_, i) =>
          `  - id: org-wide-${i}\n    name: Wide ${i}\n    summary: s\n    sources: [src-a]\n    type: lab\n`,
      );
      const dir = await fixture({ 'zz-wide.yaml': `organizations:\n${records.join('')}` });
      const error = (await loadKnowledge(dir, { parser: small }).catch((e: unknown) => e)) as KnowledgeError;
      expect(error.problems.map(formatProblem)).toEqual([
        `${dir}${path.sep}zz-wide.yaml:1: needs more than 32 MB of memory to read (the file is too large or too deeply nested)`,
      ]);
      expect((await loadKnowledge(await fixture({}), { parser: small })).byId.has('org-ibm')).toBe(true);
    } finally {
      small.close();
    }
  });
});

describe('source addresses', () => {
  const sources = valid('sources.yaml');

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<b>hi</b>',
    'GitHub example/repo, file src/x.ts',
    'https://',
  ])('refuses %s as a source url, at its line', async (url) => {
    const broken = sources.replace('url: https://example.org/launch', `url: "${url}"`);
    expect(await problemsWith({ 'sources.yaml': broken })).toEqual([
      `kb/sources.yaml:${lineOf(broken, 'url:')} sources[0].url: must be a web address starting with http:// or https://`,
    ]);
  });

  it('accepts an http(s) address, also with a note after it', async () => {
    for (const url of ['http://example.org/a', 'https://example.org/launch (original)']) {
      const dir = await fixture({
        'sources.yaml': sources.replace('url: https://example.org/launch', `url: ${url}`),
      });
      expect((await loadKnowledge(dir)).sources.get('src-a')?.url).toBe(url);
    }
  });
});

describe('symlinks', () => {
  it('follows a Kubernetes ConfigMap layout (files are symlinks into a hidden ..data directory)', async () => {
    const plain = await fixture({});
    const mount = await mkdtemp(path.join(tmpdir(), 'kb-configmap-'));
    cleanups.push(() => rm(mount, { recursive: true, force: true }));
    await mkdir(path.join(mount, '..2026_01_01_00_00_00.123'));
    for (const [name, text] of Object.entries(VALID_FILES)) {
      await writeFile(path.join(mount, '..2026_01_01_00_00_00.123', name), text);
      await symlink(path.join('..data', name), path.join(mount, name));
    }
    await symlink('..2026_01_01_00_00_00.123', path.join(mount, '..data'));
    const kb = await loadKnowledge(mount);
    expect(kb.version).toBe((await loadKnowledge(plain)).version);
    expect(kb.files).toEqual(Object.keys(VALID_FILES).sort());
  });

  it('follows a symlinked file anywhere, and a symlinked directory inside the tree', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'kb-outside-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    await writeFile(path.join(outside, 'people.yaml'), 'people: []\n');
    const dir = await fixture({ 'organizations.yaml': undefined });
    await mkdir(path.join(dir, 'more'));
    await writeFile(path.join(dir, 'more', 'organizations.yaml'), valid('organizations.yaml'));
    await symlink(path.join(dir, 'more'), path.join(dir, 'the-same-again'));
    await symlink(path.join(outside, 'people.yaml'), path.join(dir, 'people.yaml'));
    const kb = await loadKnowledge(dir);
    // The same directory through a second name is read once.
    expect(kb.files).toEqual(['initiatives.yaml', 'more/organizations.yaml', 'people.yaml', 'sources.yaml']);
  });

  it('refuses a symlinked directory that leads outside the tree, and names a broken symlink', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'kb-outside-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    const dir = await fixture({});
    await symlink(outside, path.join(dir, 'elsewhere'));
    await symlink(path.join(dir, 'gone.yaml'), path.join(dir, 'dangling.yaml'));
    const problems = await problemsIn(dir);
    expect(problems).toEqual([
      'kb/dangling.yaml: cannot read the file (a broken symlink?): it does not exist',
      expect.stringMatching(
        /^kb\/elsewhere: a symlink to a directory outside the knowledge directory \(.+\); link the files instead$/,
      ),
    ]);
  });
});

/**
 * The unprivileged checker must reach the project (its sources and node_modules) through every folder above it;
 * a clone in a private temp folder (mode 700) would hide them. Adds only the right to pass through.
 */
async function letOthersThrough(from: string): Promise<void> {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
    if (path.dirname(dir) === dir) return;
  }
}

describe('npm run kb:check on files that used to crash it', () => {
  const check = async (dir: string) => {
    // Root reads any file: check as an unprivileged user, so permission errors are real.
    const root = process.getuid?.() === 0;
    if (root) await letOthersThrough(process.cwd());
    const asNobody = root ? { uid: 65534, gid: 65534 } : {};
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/kb-check.ts', dir], {
      ...asNobody,
      env: { ...process.env, KNOWLEDGE_MAX_BYTES: '' },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const [code] = (await once(child, 'exit')) as [number];
    return { code, output };
  };

  it('names an unreadable file (EACCES) as its one problem, never a stack trace', async () => {
    const dir = await fixture({ 'people.yaml': 'people: []\n' });
    await chmod(dir, 0o755);
    await chmod(path.join(dir, 'people.yaml'), 0o000);
    const { code, output } = await check(dir);
    expect(code).toBe(1);
    expect(output).toBe(
      `✖ The knowledge base has 1 problem:\n${path.join(dir, 'people.yaml')}: cannot read the file: permission denied (EACCES)\n`,
    );
  });

  it('names an unreadable knowledge directory as its one problem', async () => {
    const dir = await fixture({});
    await chmod(dir, 0o000);
    const { code, output } = await check(dir);
    await chmod(dir, 0o700);
    expect(code).toBe(1);
    expect(output).toBe(
      `✖ The knowledge base has 1 problem:\n${dir}: cannot read the knowledge directory: permission denied (EACCES)\n`,
    );
  });

  it('names an alias bomb as its one problem, at its line, never a stack trace', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const dir = await fixture({ 'projects.yaml': `${bomb.join('\n')}\n` });
    await chmod(dir, 0o755);
    const { code, output } = await check(dir);
    expect(code).toBe(1);
    expect(output).toBe(
      `✖ The knowledge base has 1 problem:\n${path.join(dir, 'projects.yaml')}:2: its YAML aliases expand to too many values (an alias bomb); write the values out instead\n`,
    );
  });
});
