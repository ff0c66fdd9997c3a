import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { editorPhrases, internalIds, textIssues } from '../src/knowledge/lint-text.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { formatProblem, KnowledgeError } from '../src/knowledge/problems.js';
import { VALID_FILES, writeKnowledgeDir } from './support/kb-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

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

const initiatives = VALID_FILES['initiatives.yaml'] ?? '';
const organizations = VALID_FILES['organizations.yaml'] ?? '';

describe('kb:check keeps internal ids and editors’ notes out of what members read', () => {
  it('reports a source id in a fact, naming file, line and field', async () => {
    const broken = initiatives.replace(
      'text: Foster an open community.',
      'text: Seed-002 says it fosters an open community.',
    );
    expect(await problemsWith({ 'initiatives.yaml': broken })).toEqual([
      'kb/initiatives.yaml:12 initiatives[0].facts[0].text: internal id "Seed-002" in text members read; name the publisher and date instead (e.g. "TechCrunch reported on December 4, 2023 that …")',
    ]);
  });

  it('reports any existing id, such as a record id, in a description', async () => {
    const broken = organizations.replace(
      '    type: company\n    involvement:\n      - initiative: ai-alliance\n        role: co-founder',
      '    type: company\n    description: Its work is covered by ai-alliance.\n    involvement:\n      - initiative: ai-alliance\n        role: co-founder',
    );
    const problems = await problemsWith({ 'organizations.yaml': broken });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^kb\/organizations\.yaml:8 organizations\[0\]\.description: internal id "ai-alliance"/,
    );
  });

  it('reports editors’ phrases in a not-a-member reason and a source title', async () => {
    const reason = organizations.replace(
      'reason: Absent from the launch list.',
      'reason: Absent from the launch list; answers should mention the discrepancy when asked.',
    );
    const sources = (VALID_FILES['sources.yaml'] ?? '').replace(
      'title: Launch release',
      'title: Launch release (stored copy)',
    );
    const problems = await problemsWith({ 'organizations.yaml': reason, 'sources.yaml': sources });
    expect(problems).toEqual([
      `kb/organizations.yaml:21 organizations[1].involvement[0].reason: editors' phrase "answers should", "when asked", "mention the discrepancy" in text members read; move notes for editors to editor_note (never shown)`,
      `kb/sources.yaml:3 sources[0].title: editors' phrase "stored copy" in text members read; move notes for editors to editor_note (never shown)`,
    ]);
  });

  it('accepts the same notes in editor_note and a source’s notes, which members never see', async () => {
    const withNotes = initiatives.replace(
      '        text: Foster an open community.\n',
      '        text: Foster an open community.\n        editor_note: seed-002 garbles this; answers should use the release.\n',
    );
    const sources = (VALID_FILES['sources.yaml'] ?? '').replace(
      '    kind: public\n',
      '    kind: public\n    notes: A stored copy of seed-000.\n',
    );
    const { dir, cleanup } = await writeKnowledgeDir({
      'initiatives.yaml': withNotes,
      'sources.yaml': sources,
    });
    cleanups.push(cleanup);
    await expect(loadKnowledge(dir)).resolves.toBeDefined();
  });

  it('lets a correction marked with spellings speak of the garble, and checks the spellings are garbled aliases', async () => {
    const org = organizations
      .replace(
        '    aliases: [International Business Machines]',
        '    aliases:\n      - International Business Machines\n      - name: IMB\n        garbled: true',
      )
      .replace(
        '    type: company\n    involvement:\n      - initiative: ai-alliance\n        role: co-founder',
        [
          '    type: company',
          '    facts:',
          '      - topic: correction',
          "        text: A machine-translated copy garbles the name as 'IMB' and 'IBN'.",
          '        spellings: [IMB, IBN]',
          '        sources: [src-a]',
          '    involvement:',
          '      - initiative: ai-alliance',
          '        role: co-founder',
        ].join('\n'),
      );
    expect(await problemsWith({ 'organizations.yaml': org })).toEqual([
      'kb/organizations.yaml:14 organizations[0].facts[0].spellings[1]: "IBN" is not a garbled alias of this record; add it to aliases with garbled: true',
    ]);
  });
});

describe('the text checks themselves', () => {
  it('find source-style ids in any case, and known ids only as whole tokens outside addresses', () => {
    expect(internalIds('According to Seed-001 and pub-techcrunch-aia, it grew.')).toEqual([
      'Seed-001',
      'pub-techcrunch-aia',
    ]);
    const ids = new Set(['ai-alliance', 'org-ibm']);
    expect(internalIds('See ai-alliance and org-ibm.', ids)).toEqual(['ai-alliance', 'org-ibm']);
    expect(internalIds('Read thealliance.ai/ai-alliance or the non-ai-alliance-way', ids)).toEqual([]);
  });

  it('find editors’ phrases but not ordinary words that look like them', () => {
    expect(editorPhrases('The seed article has not been checked.')).toEqual(['seed', 'has not been checked']);
    expect(editorPhrases('SeedAI raised a seed round; it was classified as a lab.')).toEqual([]);
    expect(editorPhrases('A machine-translated copy garbles it.', { correction: true })).toEqual([]);
    expect(editorPhrases('A machine-translated copy garbles it.')).toEqual(['machine-translated', 'garbles']);
  });

  it('leave a verbatim quote’s wording alone but still catch ids in it', () => {
    expect(textIssues('We have not been verified yet', { quote: true })).toEqual([]);
    expect(textIssues('as seed-003 said', { quote: true })).toHaveLength(1);
  });
});
