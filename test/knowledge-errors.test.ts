import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import { formatProblem, KnowledgeError } from '../src/knowledge/problems.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** Loads a fixture directory with some files replaced and returns the formatted problems (dir made relative). */
async function problemsWith(overrides: Record<string, string | undefined>): Promise<string[]> {
  const { dir, cleanup } = await writeKnowledgeDir(overrides);
  cleanups.push(cleanup);
  const error = await loadKnowledge(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KnowledgeError);
  return (error as KnowledgeError).problems.map((p) =>
    formatProblem(p).replaceAll(`${dir}${path.sep}`, 'kb/'),
  );
}

describe('loadKnowledge on broken knowledge files', () => {
  it('loads the valid fixture without problems', async () => {
    const { dir, cleanup } = await writeKnowledgeDir();
    cleanups.push(cleanup);
    const kb = await loadKnowledge(dir);
    expect(kb.records.map((r) => r.id)).toEqual(['ai-alliance', 'org-ibm', 'org-nvidia']);
    expect(kb.version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('reports YAML syntax errors with file and line', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace(
      '    type: company\n    involvement:',
      '    type: [company\n    involvement:',
    );
    const problems = await problemsWith({ 'organizations.yaml': broken });
    expect(problems[0]).toMatch(/^kb\/organizations\.yaml:\d+: YAML syntax error: /);
  });

  it('names the field and the allowed values for a wrong type', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace('type: company', 'type: startup');
    expect(await problemsWith({ 'organizations.yaml': broken })).toEqual([
      'kb/organizations.yaml:7 organizations[0].type: must be one of "company", "university", "lab", "nonprofit", "government"',
    ]);
  });

  it('names file, line and field for an unknown reference', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace(
      'initiative: ai-alliance',
      'initiative: ai-aliance',
    );
    expect(await problemsWith({ 'organizations.yaml': broken })).toEqual([
      'kb/organizations.yaml:9 organizations[0].involvement[0].initiative: unknown id "ai-aliance"',
    ]);
  });

  it('rejects a duplicate id and says where the first one is', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace('id: org-nvidia', 'id: org-ibm');
    expect(await problemsWith({ 'organizations.yaml': broken })).toEqual([
      'kb/organizations.yaml:13 organizations[1].id: duplicate id "org-ibm" (first defined at kb/organizations.yaml:2)',
    ]);
  });

  it('rejects an alias that points at two records', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace(
      'name: Nvidia',
      'name: Nvidia\n    aliases: [the ai alliance]',
    );
    const problems = await problemsWith({ 'organizations.yaml': broken });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^kb\/organizations\.yaml:15 organizations\[1\]\.aliases\[0\]: "the ai alliance" also names "ai-alliance" \(.*initiatives\.yaml:4\); an alias must point at one record$/,
    );
  });

  it('rejects a fact without a source', async () => {
    const broken = VALID_FILES['initiatives.yaml']?.replace(
      '        text: Foster an open community.\n        sources: [src-a]',
      '        text: Foster an open community.\n        sources: []',
    );
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      'kb/initiatives.yaml:13 initiatives[0].facts[0].sources: every fact needs at least one source id',
    ]);
  });

  it('rejects a fact citing a source that does not exist', async () => {
    const broken = VALID_FILES['initiatives.yaml']?.replace(
      '        sources: [src-a]\n',
      '        sources: [src-missing]\n',
    );
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      'kb/initiatives.yaml:13 initiatives[0].facts[0].sources[0]: unknown source id "src-missing"',
    ]);
  });

  it('rejects empty text', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace('summary: A chip maker.', 'summary: "   "');
    expect(await problemsWith({ 'organizations.yaml': broken })).toEqual([
      'kb/organizations.yaml:15 organizations[1].summary: must not be empty',
    ]);
  });

  it('requires a reason for a not-a-member relation', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace(
      '        reason: Absent from the launch list.\n',
      '',
    );
    expect(await problemsWith({ 'organizations.yaml': broken })).toEqual([
      'kb/organizations.yaml:19 organizations[1].involvement[0].reason: a "not-a-member" relation needs a reason (what the sources say)',
    ]);
  });

  it('reports an empty file', async () => {
    expect(await problemsWith({ 'people.yaml': '# nothing here yet\n' })).toEqual([
      'kb/people.yaml:1: the file is empty; add a section such as "organizations:"',
    ]);
  });

  it('reports a stray non-YAML file', async () => {
    expect(await problemsWith({ 'notes.txt': 'remember to add Nvidia' })).toEqual([
      'kb/notes.txt: not a knowledge file: only .yaml files (plus README.md and schema.json) belong in this directory',
    ]);
  });

  it('points at a misspelled field name', async () => {
    const broken = VALID_FILES['organizations.yaml']?.replace(
      'summary: A technology company.',
      'sumary: A technology company.',
    );
    const problems = await problemsWith({ 'organizations.yaml': broken });
    expect(problems).toContain(
      'kb/organizations.yaml:5 organizations[0].sumary: unknown field "sumary" (check the spelling against knowledge/README.md)',
    );
  });

  it('lists every problem of every file at once, in one error', async () => {
    const problems = await problemsWith({
      'notes.txt': 'x',
      'people.yaml': '',
      'organizations.yaml': VALID_FILES['organizations.yaml']?.replace('type: company', 'type: startup'),
    });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/notes\.txt[\s\S]*organizations\.yaml[\s\S]*people\.yaml/);
  });

  it('reports a missing directory as a knowledge error, not a crash', async () => {
    await expect(loadKnowledge('/nonexistent/knowledge')).rejects.toThrow(
      /cannot read the knowledge directory/,
    );
  });
});

describe('messages that teach the YAML trap', () => {
  it('explains that an unquoted year is read as a number', async () => {
    const { dir, cleanup } = await writeKnowledgeDir({
      'initiatives.yaml': VALID_FILES['initiatives.yaml']?.replace(
        'launched: { date: "2023-12-05"',
        'launched: { date: 2023',
      ),
    });
    cleanups.push(cleanup);
    const error = (await loadKnowledge(dir).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.problems.map((p) => p.message)).toEqual([
      'expected string, got number; put it in quotes: "2023"',
    ]);
  });
});
