import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { knowledgeJsonSchemaText } from '../src/knowledge/json-schema.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { aliasName, countKnowledge, type KnowledgeBase } from '../src/knowledge/model.js';
import { normalize } from '../src/text/normalize.js';

let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await loadKnowledge('knowledge');
});

describe('the real knowledge base', () => {
  it('loads with no errors and holds every initiative, organization, person and project of the fact sheet', () => {
    const counts = countKnowledge(kb);
    expect(counts.initiatives).toBe(6);
    expect(counts.organizations).toBeGreaterThanOrEqual(84);
    expect(counts.people).toBeGreaterThanOrEqual(25);
    expect(counts.projects).toBeGreaterThanOrEqual(11);
    expect(kb.sources.size).toBeGreaterThanOrEqual(68);
  });

  it('names every organization, person, project and initiative of the seed articles as a record or alias', async () => {
    const names = new Set<string>();
    for (const r of kb.records)
      for (const n of [r.name, ...r.aliases.map(aliasName)]) names.add(normalize(n));
    // The seed articles are third-party texts, so the project keeps only the list of names they use.
    const entities = (await readFile('test/fixtures/seed-entities.txt', 'utf8'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(entities.length).toBeGreaterThan(50);
    expect(entities.filter((e) => !names.has(normalize(e)))).toEqual([]);
  });

  it('keeps the garbled seed spellings as aliases of the right records', () => {
    const garbled: Record<string, string> = {
      Laminedex: 'org-llamaindex',
      Cohear: 'org-cohere',
      Foghere: 'org-cohere',
      Lacan: 'person-yann-lecun',
      Rodzen: 'org-roadzen',
      Adapt: 'org-adept',
    };
    for (const [spelling, id] of Object.entries(garbled)) {
      const owners = kb.records.filter((r) =>
        r.aliases.some((a) => normalize(aliasName(a)) === normalize(spelling)),
      );
      expect(owners.map((r) => r.id)).toContain(id);
    }
  });

  it('cites a known source on every fact, relation and role', () => {
    let cited = 0;
    for (const r of kb.records) {
      const lists = [
        r.sources,
        ...r.facts.map((f) => f.sources),
        ...(r.kind === 'organization' ? r.involvement.map((i) => i.sources) : []),
        ...(r.kind === 'person' ? r.roles.map((x) => x.sources) : []),
      ];
      for (const list of lists) {
        expect(list.length).toBeGreaterThan(0);
        for (const id of list) expect(kb.sources.has(id)).toBe(true);
        cited++;
      }
    }
    expect(cited).toBeGreaterThan(400);
  });

  it('has knowledge/schema.json in sync with the zod schemas (run npm run kb:schema after changing them)', async () => {
    expect(await readFile('knowledge/schema.json', 'utf8')).toBe(knowledgeJsonSchemaText());
  });

  it('points every YAML file at the JSON schema so editors validate while moderators type', async () => {
    for (const file of kb.files) {
      const first = (await readFile(path.join('knowledge', file), 'utf8')).split('\n')[0];
      expect(first, file).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });
});
