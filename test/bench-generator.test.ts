import { describe, expect, it } from 'vitest';
import { generateKnowledge, mixFor, toKnowledgeFiles } from '../bench/generate.js';
import { makeQueries } from '../bench/queries.js';
import { aliasName, countKnowledge } from '../src/knowledge/model.js';
import { KnowledgeFile } from '../src/knowledge/schema.js';
import { normalize } from '../src/text/normalize.js';

describe('benchmark knowledge generator', () => {
  it('gives the same records for the same seed, and different ones for another seed', () => {
    const a = generateKnowledge(300, 7);
    const b = generateKnowledge(300, 7);
    const c = generateKnowledge(300, 8);
    expect(JSON.stringify(a.records)).toBe(JSON.stringify(b.records));
    expect(JSON.stringify([...a.sources.values()])).toBe(JSON.stringify([...b.sources.values()]));
    expect(a.version).toBe(b.version);
    expect(JSON.stringify(a.records)).not.toBe(JSON.stringify(c.records));
  });

  it('makes the requested number of records in the real knowledge base’s proportions', () => {
    const kb = generateKnowledge(400, 1);
    const counts = countKnowledge(kb);
    const mix = mixFor(400);
    expect(kb.records).toHaveLength(400);
    expect(counts).toMatchObject({
      initiatives: mix.initiatives,
      organizations: mix.organizations,
      people: mix.people,
      projects: mix.projects,
      sources: mix.sources,
    });
    expect(counts.facts).toBeGreaterThan(400);
  });

  it('makes valid knowledge files: every file passes the schema, ids and names are unique', () => {
    const kb = generateKnowledge(500, 3);
    for (const [name, file] of Object.entries(toKnowledgeFiles(kb, 100))) {
      const parsed = KnowledgeFile.safeParse(JSON.parse(JSON.stringify(file)));
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
    const ids = kb.records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const names = kb.records.flatMap((r) => [r.name, ...r.aliases.map(aliasName)].map(normalize));
    expect(new Set(names).size).toBe(names.length);
  });

  it('links records the way real ones are: involvements, roles, owners and sources all resolve', () => {
    const kb = generateKnowledge(500, 4);
    const exists = (id: string | undefined) => id === undefined || kb.byId.has(id);
    for (const r of kb.records) {
      for (const s of [...r.sources, ...r.facts.flatMap((f) => f.sources)])
        expect(kb.sources.has(s)).toBe(true);
      if (r.kind === 'organization') {
        for (const inv of r.involvement) expect(kb.byId.get(inv.initiative)?.kind).toBe('initiative');
        expect(exists(r.runs)).toBe(true);
      }
      if (r.kind === 'person') {
        expect(r.roles.length).toBeGreaterThan(0);
        for (const role of r.roles) expect(exists(role.organization) && exists(role.initiative)).toBe(true);
      }
      if (r.kind === 'project') expect(exists(r.owner)).toBe(true);
    }
    expect(kb.records.some((r) => r.kind === 'organization' && r.involvement.length > 0)).toBe(true);
    expect(kb.records.some((r) => r.aliases.some((a) => typeof a !== 'string' && a.garbled))).toBe(true);
  });

  it('makes a seeded, mixed query stream', () => {
    const kb = generateKnowledge(200, 5);
    const a = makeQueries(kb, 300, 11);
    const b = makeQueries(kb, 300, 11);
    expect(a).toEqual(b);
    expect(a.ask).toHaveLength(300);
    expect(a.suggest).toHaveLength(300);
    const kinds = new Set(a.ask.map((q) => q.kind));
    for (const kind of ['name', 'typo-name', 'is-member', 'founders', 'what-is', 'when', 'out-of-scope'])
      expect(kinds).toContain(kind);
  });
});
