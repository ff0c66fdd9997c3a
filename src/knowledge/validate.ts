import { runToEnd } from '../steps.js';
import { normalize } from '../text/normalize.js';
import { lintMemberTextSteps } from './lint-text.js';
import { aliasName, type KnowledgeBase } from './model.js';
import type { ParsedFile } from './parse-file.js';
import { formatPath, type Problem } from './problems.js';
import type { KbRecord, RecordKind, Source } from './schema.js';

const SECTION_KIND = {
  initiatives: 'initiative',
  organizations: 'organization',
  people: 'person',
  projects: 'project',
} as const satisfies Record<string, RecordKind>;

type Located = { record: KbRecord; file: ParsedFile; path: (string | number)[] };

/**
 * Checks rules that span records and files: unique ids, aliases that name one record only, references to
 * records and sources that exist. Returns the merged knowledge base (without version) and every problem.
 */
export function crossCheck(
  files: readonly ParsedFile[],
  /** Ids declared in files that failed validation: references to them are not reported again. */
  declaredElsewhere: ReadonlySet<string> = new Set(),
): CrossChecked {
  return runToEnd(crossCheckSteps(files, declaredElsewhere));
}

/** What {@link crossCheck} returns. */
export interface CrossChecked {
  kb: Omit<KnowledgeBase, 'version' | 'files'>;
  problems: Problem[];
}

/** Records between two points where a sliced check may pause. */
const STEP = 512;

/** {@link crossCheck} as steps that pause now and then (see `src/steps.ts`), for reloads of large directories. */
export function* crossCheckSteps(
  files: readonly ParsedFile[],
  declaredElsewhere: ReadonlySet<string> = new Set(),
): Generator<void, CrossChecked> {
  let work = 0;
  const problems: Problem[] = [];
  const at = (f: ParsedFile, p: (string | number)[], message: string) =>
    problems.push({ file: f.file, line: f.lineOf(p), field: formatPath(p), message });

  const sources = new Map<string, Source>();
  // Where each id was first defined, formatted only when a duplicate needs it (finding lines has a cost).
  const sourceAt = new Map<string, () => string>();
  const located: Located[] = [];
  const byId = new Map<string, KbRecord>();
  const recordAt = new Map<string, () => string>();

  for (const f of files) {
    f.data.sources?.forEach((s, i) => {
      if (!isWebAddress(s.url))
        at(f, ['sources', i, 'url'], 'must be a web address starting with http:// or https://');
      const prev = sourceAt.get(s.id);
      if (prev) at(f, ['sources', i, 'id'], `duplicate source id "${s.id}" (first defined at ${prev()})`);
      else {
        sources.set(s.id, s);
        sourceAt.set(s.id, () => `${f.file}:${f.lineOf(['sources', i])}`);
      }
    });
    for (const [section, kind] of Object.entries(SECTION_KIND)) {
      const list = f.data[section as keyof typeof SECTION_KIND] ?? [];
      for (const [i, raw] of list.entries()) {
        if (++work % STEP === 0) yield;
        const record = { ...raw, kind } as KbRecord;
        const p = [section, i];
        const prev = recordAt.get(record.id);
        if (prev) at(f, [...p, 'id'], `duplicate id "${record.id}" (first defined at ${prev()})`);
        else {
          byId.set(record.id, record);
          recordAt.set(record.id, () => `${f.file}:${f.lineOf(p)}`);
        }
        located.push({ record, file: f, path: p });
      }
    }
  }

  const ref = (l: Located, p: (string | number)[], id: string | undefined, kinds: RecordKind[] | 'any') => {
    if (id === undefined) return;
    const target = byId.get(id);
    if (!target) {
      if (!declaredElsewhere.has(id)) at(l.file, [...l.path, ...p], `unknown id "${id}"`);
    } else if (kinds !== 'any' && !kinds.includes(target.kind))
      at(l.file, [...l.path, ...p], `"${id}" is ${target.kind}, expected ${kinds.join(' or ')}`);
  };
  const src = (l: Located, p: (string | number)[], ids: readonly string[] | undefined) =>
    ids?.forEach((id, i) => {
      if (!sources.has(id) && !declaredElsewhere.has(id))
        at(l.file, [...l.path, ...p, i], `unknown source id "${id}"`);
    });

  for (const l of located) {
    if (++work % STEP === 0) yield;
    const r = l.record;
    src(l, ['sources'], r.sources);
    r.facts.forEach((fact, i) => {
      src(l, ['facts', i, 'sources'], fact.sources);
    });
    r.aliases.forEach((a, i) => {
      if (typeof a !== 'string') src(l, ['aliases', i, 'sources'], a.sources);
    });
    if (r.kind === 'initiative') {
      if (r.launched) src(l, ['launched', 'sources'], r.launched.sources);
      r.related.forEach((id, i) => {
        ref(l, ['related', i], id, 'any');
      });
    } else if (r.kind === 'organization') {
      ref(l, ['runs'], r.runs, ['initiative']);
      r.involvement.forEach((inv, i) => {
        ref(l, ['involvement', i, 'initiative'], inv.initiative, ['initiative']);
        src(l, ['involvement', i, 'sources'], inv.sources);
      });
    } else if (r.kind === 'person') {
      r.roles.forEach((role, i) => {
        ref(l, ['roles', i, 'organization'], role.organization, ['organization']);
        ref(l, ['roles', i, 'initiative'], role.initiative, ['initiative']);
        src(l, ['roles', i, 'sources'], role.sources);
      });
    } else {
      ref(l, ['owner'], r.owner, ['organization', 'initiative']);
      r.related.forEach((id, i) => {
        ref(l, ['related', i], id, 'any');
      });
    }
  }

  yield* checkNameCollisions(located, at);
  yield* lintMemberTextSteps(files, new Set([...sources.keys(), ...byId.keys()]), at);
  return { kb: { records: located.map((l) => l.record), byId, sources }, problems };
}

/**
 * Whether the value opens with an http(s) URL that has a host: what members can follow. `javascript:`, `file:` or
 * prose ("GitHub org/repo, file …") are refused; a note after the address (`… (original)`) is tolerated.
 */
function isWebAddress(url: string): boolean {
  const first = url.split(/\s/, 1)[0] ?? '';
  if (!/^https?:\/\//i.test(first)) return false;
  try {
    const parsed = new URL(first);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Two records may share a name or alias only when they are explicitly the same body (an organization that
 * `runs` the initiative) or one owns the other (a project named after its maker). Anything else would make
 * "who is X" ambiguous, so it is an error on the later alias.
 */
function* checkNameCollisions(
  located: readonly Located[],
  at: (f: ParsedFile, p: (string | number)[], message: string) => void,
): Generator<void, void> {
  let work = 0;
  const linked = (a: KbRecord, b: KbRecord) =>
    (a.kind === 'organization' && a.runs === b.id) ||
    (b.kind === 'organization' && b.runs === a.id) ||
    (a.kind === 'project' && a.owner === b.id) ||
    (b.kind === 'project' && b.owner === a.id);

  const seen = new Map<string, Located & { where: () => string }>();
  for (const l of located) {
    if (++work % STEP === 0) yield;
    const names: [string, (string | number)[]][] = [
      [l.record.name, ['name']],
      ...l.record.aliases.map((a, i): [string, (string | number)[]] => [
        aliasName(a),
        typeof a === 'string' ? ['aliases', i] : ['aliases', i, 'name'],
      ]),
    ];
    const own = new Set<string>();
    for (const [name, p] of names) {
      const key = normalize(name);
      if (!key || own.has(key)) continue;
      own.add(key);
      const prev = seen.get(key);
      if (!prev) {
        seen.set(key, { ...l, where: () => `${l.file.file}:${l.file.lineOf([...l.path, ...p])}` });
      } else if (prev.record.id !== l.record.id && !linked(prev.record, l.record)) {
        at(
          l.file,
          [...l.path, ...p],
          `"${name}" also names "${prev.record.id}" (${prev.where()}); an alias must point at one record`,
        );
      }
    }
  }
}
