import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex, type SearchIndex } from '../../src/search/index.js';

/** A minimal, valid knowledge directory as file name → YAML text; tests break one file at a time. */
export const VALID_FILES: Readonly<Record<string, string>> = {
  'sources.yaml': `sources:
  - id: src-a
    title: Launch release
    publisher: Example News
    date: "2023-12-05"
    url: https://example.org/launch
    kind: public
`,
  'initiatives.yaml': `initiatives:
  - id: ai-alliance
    name: AI Alliance
    aliases: [The AI Alliance]
    summary: A community for open AI.
    sources: [src-a]
    type: consortium
    featured: true
    launched: { date: "2023-12-05", sources: [src-a] }
    facts:
      - topic: goals
        text: Foster an open community.
        sources: [src-a]
`,
  'organizations.yaml': `organizations:
  - id: org-ibm
    name: IBM
    aliases: [International Business Machines]
    summary: A technology company.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: co-founder
        date: "2023-12-05"
        sources: [src-a]
  - id: org-nvidia
    name: Nvidia
    summary: A chip maker.
    sources: [src-a]
    type: company
    involvement:
      - initiative: ai-alliance
        role: not-a-member
        reason: Absent from the launch list.
        sources: [src-a]
`,
};

/** Writes a knowledge directory to a fresh temp dir; `undefined` values leave a file out. */
export async function writeKnowledgeDir(overrides: Record<string, string | undefined> = {}): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kb-'));
  const files = { ...VALID_FILES, ...overrides };
  for (const [name, text] of Object.entries(files)) {
    if (text !== undefined) await writeFile(path.join(dir, name), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The search index of a knowledge directory written from `files` (over the valid base), and the cleanup that
 * removes the directory: what a spec file on a tiny corpus loads once in `beforeAll`.
 */
export async function fixtureIndex(
  files: Record<string, string | undefined>,
): Promise<{ index: SearchIndex; cleanup: () => Promise<void> }> {
  const kb = await writeKnowledgeDir(files);
  return { index: buildIndex(await loadKnowledge(kb.dir)), cleanup: kb.cleanup };
}
