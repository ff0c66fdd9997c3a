/**
 * A seeded generator of realistic knowledge bases for the benchmark: initiatives, organizations, people and
 * projects with names, aliases (acronyms, short forms, garbled spellings), summaries, facts with topics, dates
 * and sources, involvements with roles, and people's roles at organizations and initiatives.
 *
 * The same seed and size always give the same records. Records are built as the schema types in
 * `src/knowledge/schema.ts` and merged with `crossCheck` from `src/knowledge/validate.ts`, exactly as
 * `loadKnowledge` does after parsing, so the result is a valid `KnowledgeBase` (unique ids, unique names,
 * references that exist). `toKnowledgeFiles` gives the same records as knowledge files for writing YAML.
 */
import { createHash } from 'node:crypto';
import { aliasName, type KnowledgeBase } from '../src/knowledge/model.js';
import type { ParsedFile } from '../src/knowledge/parse-file.js';
import type {
  Alias,
  Fact,
  Initiative,
  Involvement,
  KbRecord,
  KnowledgeFile,
  Organization,
  Person,
  PersonRole,
  Project,
  RelationRole,
  Source,
  Topic,
} from '../src/knowledge/schema.js';
import { crossCheck } from '../src/knowledge/validate.js';
import { formatDate } from '../src/text/dates.js';
import { normalize } from '../src/text/normalize.js';

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }
  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `k` distinct items (fewer if there are fewer). */
  sample<T>(items: readonly T[], k: number): T[] {
    const out = new Set<T>();
    const want = Math.min(k, items.length);
    while (out.size < want) out.add(this.pick(items));
    return [...out];
  }
}

const ONSETS = [
  'b',
  'br',
  'c',
  'cl',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'qu',
  'r',
  's',
];
const ONSETS2 = [...ONSETS, 'st', 't', 'tr', 'v', 'z', 'th', 'sh', 'pl', 'fl', 'sk'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'x', 'm', 'th', 'nd', 'rt', 'ck', 'sh'];
const FIRST_NAMES =
  `Ada Alan Amara Anika Arvind Aya Bashir Bea Camila Chen Dario Dmitri Elena Emeka Farah Felix Grace Hana
  Hiro Ibrahim Ines Ivan Jae Jana Joelle Jonas Kai Kavya Lars Lea Leila Lin Lucia Malik Mara Mateo Mei Mira Nadia
  Nia Nikhil Noor Omar Oskar Paula Priya Rafael Rania Ravi Rosa Sami Sana Sofia Tariq Tess Theo Uma Vera Wen Yara
  Yusuf Zara Zoe`.split(/\s+/);
const INITIATIVE_KINDS = [
  'Alliance',
  'Forum',
  'Collective',
  'Coalition',
  'Consortium',
  'Network',
  'Initiative',
  'Commons',
  'Partnership',
  'Compact',
];
const INITIATIVE_TYPES = [
  'industry alliance',
  'research community',
  'open letter',
  'industry body',
  'non-profit foundation programme',
  'standards forum',
];
const COMPANY_SUFFIXES = ['AI', 'Labs', 'Systems', 'Technologies', 'Robotics', 'Compute', 'Data', 'Cloud'];
const DOMAINS = [
  'safety evaluation',
  'open datasets',
  'model benchmarks',
  'hardware acceleration',
  'climate modelling',
  'drug discovery',
  'multilingual models',
  'agent tooling',
  'model licensing',
  'red teaming',
  'responsible release',
  'trust and safety',
  'compute sharing',
  'education',
  'speech recognition',
  'robotics',
  'open weights',
  'chip design',
  'privacy',
  'scientific computing',
];
const GOALS = [
  'build shared infrastructure for open models',
  'publish common safety benchmarks',
  'make open datasets easier to audit',
  'lower the cost of training for universities',
  'advocate for open innovation in public policy',
  'support responsible release of model weights',
  'create tools for evaluating frontier systems',
  'train a new generation of researchers',
];
const CRITIQUES = [
  'is a lobbying vehicle for its largest members',
  'moves too slowly to matter',
  'lacks independent oversight',
  'uses the word open too loosely',
  'leaves out smaller labs from the global south',
  'has not published its funding',
];
const TITLES = [
  'Chief Executive Officer',
  'CEO',
  'Chief Scientist',
  'Chief AI Officer',
  'Director of Research',
  'Head of Policy',
  'VP of Engineering',
  'Executive Director',
  'Board Chair',
  'Professor',
  'Research Lead',
  'Reporter',
  'President',
  'Co-founder',
];
const PUBLISHERS = ['Example News', 'TechWire', 'The Open Review', 'Data Daily', 'Press release', 'GitHub'];
const REASONS = [
  'It was absent from the launch list and has not announced joining since.',
  'It said it prefers to keep its models closed.',
  'It runs a rival initiative of its own.',
];
const ORG_TYPES = ['company', 'company', 'company', 'university', 'lab', 'nonprofit', 'government'] as const;

type Rec<K extends KbRecord['kind']> = Extract<KbRecord, { kind: K }>;

/** How many records of each kind a knowledge base of `n` records has (shaped like the real one). */
export function mixFor(n: number): {
  initiatives: number;
  organizations: number;
  people: number;
  projects: number;
  sources: number;
} {
  const initiatives = Math.max(2, Math.round(n * 0.05));
  const projects = Math.max(1, Math.round(n * 0.12));
  const people = Math.max(1, Math.round(n * 0.25));
  const organizations = Math.max(1, n - initiatives - projects - people);
  return { initiatives, organizations, people, projects, sources: Math.max(5, Math.round(n * 0.3)) };
}

/** Builds the records of a generated knowledge base as knowledge-file sections. */
function generateSections(n: number, seed: number): Required<KnowledgeFile> {
  const rng = new Rng(seed);
  const mix = mixFor(n);
  const taken = new Set<string>();
  const syllable = (onsets: readonly string[]) => rng.pick(onsets) + rng.pick(VOWELS) + rng.pick(CODAS);
  const word = () => {
    const w = syllable(ONSETS) + syllable(ONSETS2) + (rng.chance(0.35) ? syllable(ONSETS2) : '');
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  /** A name no record uses yet (normalised), reserving it. */
  const unique = (make: () => string): string => {
    for (let i = 0; ; i++) {
      const name = i < 30 ? make() : `${make()} ${i}`;
      const key = normalize(name);
      if (key && !taken.has(key)) {
        taken.add(key);
        return name;
      }
    }
  };
  /** Reserves an alias if it is free; undefined when another record already uses it. */
  const alias = (name: string): string | undefined => {
    const key = normalize(name);
    if (!key || taken.has(key)) return undefined;
    taken.add(key);
    return name;
  };
  const acronym = (name: string) =>
    name
      .split(/\s+/)
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join('');
  const garble = (name: string) => {
    const chars = [...name];
    const i = rng.int(1, Math.max(1, chars.length - 2));
    const c = chars[i] ?? 'a';
    chars[i] = c === 'e' ? 'a' : c === 'a' ? 'e' : c === 'o' ? 'u' : 'o';
    return chars.join('');
  };
  const date = (from = 2015, to = 2026, precision: 'day' | 'month' | 'any' = 'any') => {
    const y = rng.int(from, to);
    const m = String(rng.int(1, 12)).padStart(2, '0');
    const d = String(rng.int(1, 28)).padStart(2, '0');
    const p = precision === 'any' ? rng.pick(['day', 'day', 'month', 'year'] as const) : precision;
    return p === 'day' ? `${y}-${m}-${d}` : p === 'month' ? `${y}-${m}` : `${y}`;
  };
  // Month precision, as people write dates in prose: "July 2023".
  const spoken = (iso: string) => formatDate(iso.slice(0, 7));

  const sources: Source[] = [];
  for (let i = 0; i < mix.sources; i++) {
    const publisher = rng.pick(PUBLISHERS);
    sources.push({
      id: `src-${i}`,
      title: `${word()} ${rng.pick(['announces', 'joins', 'launches', 'explains', 'criticises'])} ${rng.pick(DOMAINS)}`,
      publisher,
      date: date(2015, 2026, 'day'),
      url: `https://example.org/${publisher.toLowerCase().replace(/\W+/g, '-')}/${i}`,
      kind: rng.chance(0.2) ? 'seed' : 'public',
    });
  }
  const refs = () => rng.sample(sources, rng.int(1, 2)).map((s) => s.id);

  // Names first, so facts and relations can mention any record.
  const initiatives: Initiative[] = [];
  for (let i = 0; i < mix.initiatives; i++) {
    const name = unique(() =>
      rng.chance(0.3)
        ? `Open ${word()} ${rng.pick(INITIATIVE_KINDS)}`
        : rng.chance(0.2)
          ? `${word()} ${rng.pick(INITIATIVE_KINDS)} for ${rng.pick(DOMAINS).replace(/^\w/, (c) => c.toUpperCase())}`
          : `${word()} ${rng.pick(INITIATIVE_KINDS)}`,
    );
    const aliases: Alias[] = [];
    const acr = acronym(name);
    if (acr.length >= 3) {
      const a = alias(acr);
      if (a) aliases.push(a);
    }
    const the = alias(`The ${name}`);
    if (the) aliases.push(the);
    const launched = date(2015, 2025);
    initiatives.push({
      id: `init-${i}`,
      name,
      aliases,
      summary: '',
      sources: refs(),
      facts: [],
      type: rng.pick(INITIATIVE_TYPES),
      featured: i < 5,
      launched: { date: launched, sources: refs() },
      ...(rng.chance(0.7) ? { website: `https://example.org/init-${i}` } : {}),
      related: [],
    });
  }

  const organizations: Organization[] = [];
  for (let i = 0; i < mix.organizations; i++) {
    const type = rng.pick(ORG_TYPES);
    const name = unique(() => {
      const w = word();
      switch (type) {
        case 'university':
          return rng.chance(0.5) ? `University of ${w}` : `${w} Institute of Technology`;
        case 'lab':
          return `${w} Research Lab`;
        case 'nonprofit':
          return `${w} Foundation`;
        case 'government':
          return `National ${w} Agency`;
        default:
          return rng.chance(0.3) ? w : `${w} ${rng.pick(COMPANY_SUFFIXES)}`;
      }
    });
    const aliases: Alias[] = [];
    const acr = acronym(name);
    if (acr.length >= 3 && rng.chance(0.6)) {
      const a = alias(acr);
      if (a) aliases.push(a);
    }
    const first = name.split(' ')[0] as string;
    if (type === 'company' && first !== name && first.length > 4 && rng.chance(0.5)) {
      const a = alias(first);
      if (a) aliases.push(a);
    }
    if (rng.chance(0.05)) {
      const g = alias(garble(name));
      if (g) aliases.push({ name: g, garbled: true, note: 'machine-translation garble', sources: refs() });
    }
    organizations.push({
      id: `org-${i}`,
      name,
      aliases,
      summary: '',
      sources: refs(),
      facts: [],
      type,
      ...(rng.chance(0.4) ? { description: '' } : {}),
      involvement: [],
    });
  }

  const people: Person[] = [];
  for (let i = 0; i < mix.people; i++) {
    const name = unique(() => `${rng.pick(FIRST_NAMES)} ${word()}`);
    const aliases: Alias[] = [];
    const last = name.split(' ').slice(1).join(' ');
    if (rng.chance(0.3)) {
      const a = alias(last);
      if (a) aliases.push(a);
    }
    if (rng.chance(0.05)) {
      const g = alias(garble(name));
      if (g) aliases.push({ name: g, garbled: true, sources: refs() });
    }
    people.push({ id: `person-${i}`, name, aliases, summary: '', sources: refs(), facts: [], roles: [] });
  }

  const projects: Project[] = [];
  for (let i = 0; i < mix.projects; i++) {
    const name = unique(() =>
      rng.chance(0.4)
        ? `${word()}-${rng.pick([3, 7, 8, 13, 34, 70])}B`
        : rng.chance(0.5)
          ? `${word()} ${rng.pick(['Bench', 'Kit', 'Hub', 'Stack', 'Eval', 'Set'])}`
          : word(),
    );
    const aliases: Alias[] = [];
    if (rng.chance(0.4)) {
      const a = alias(`${name} 2`);
      if (a) aliases.push(a);
    }
    projects.push({
      id: `proj-${i}`,
      name,
      aliases,
      summary: '',
      sources: refs(),
      facts: [],
      type: rng.pick(['model family', 'library', 'benchmark', 'dataset effort', 'toolkit']),
      released: date(2016, 2026),
      related: [],
    });
  }

  // Relations: organizations join initiatives; a few co-found them.
  const coFounders = new Map<string, number>();
  for (const org of organizations) {
    const count = rng.chance(0.25) ? 0 : rng.int(1, 3);
    for (const init of rng.sample(initiatives, count)) {
      let role: RelationRole = rng.pick([
        'member',
        'member',
        'member',
        'member',
        'founding-member',
        'founding-member',
        'partner',
        'not-a-member',
        'critic',
        'co-founder',
      ]);
      if (role === 'co-founder' && (coFounders.get(init.id) ?? 0) >= 3) role = 'member';
      if (role === 'co-founder') coFounders.set(init.id, (coFounders.get(init.id) ?? 0) + 1);
      const inv: Involvement = {
        initiative: init.id,
        role,
        ...(role === 'not-a-member'
          ? { reason: rng.pick(REASONS), date: init.launched?.date ?? date() }
          : role === 'founding-member' || role === 'co-founder'
            ? { date: init.launched?.date ?? date() }
            : rng.chance(0.7)
              ? { date: date(2016, 2026) }
              : {}),
        ...(role === 'partner' && rng.chance(0.5) ? { note: `supports its ${rng.pick(DOMAINS)} work` } : {}),
        sources: refs(),
      };
      org.involvement.push(inv);
    }
    if (org.type === 'nonprofit' && rng.chance(0.03)) {
      const run = rng.pick(initiatives);
      if (!organizations.some((o) => o.runs === run.id)) org.runs = run.id;
    }
  }
  for (const p of people) {
    for (let k = rng.int(1, 3); k > 0; k--) {
      const atInitiative = rng.chance(0.2);
      const from = date(2010, 2025, 'month');
      const role: PersonRole = {
        title: rng.pick(TITLES),
        ...(atInitiative
          ? { initiative: rng.pick(initiatives).id }
          : { organization: rng.pick(organizations).id }),
        from,
        ...(rng.chance(0.3) ? { to: `${Math.min(2026, Number(from.slice(0, 4)) + rng.int(1, 5))}` } : {}),
        sources: refs(),
      };
      p.roles.push(role);
    }
  }
  for (const proj of projects) {
    proj.owner = rng.chance(0.8) ? rng.pick(organizations).id : rng.pick(initiatives).id;
    proj.related = rng.chance(0.3) ? [rng.pick(projects).id].filter((id) => id !== proj.id) : [];
  }
  for (const init of initiatives) {
    init.related = rng.chance(0.3) ? [rng.pick(initiatives).id].filter((id) => id !== init.id) : [];
  }

  // Text: summaries and facts that mention other records by name, as real facts do.
  const nameOf = new Map<string, string>();
  for (const r of [...initiatives, ...organizations, ...people, ...projects]) nameOf.set(r.id, r.name);
  const members = new Map<string, string[]>();
  for (const org of organizations)
    for (const inv of org.involvement) {
      if (inv.role === 'not-a-member' || inv.role === 'critic') continue;
      const list = members.get(inv.initiative) ?? [];
      list.push(org.name);
      members.set(inv.initiative, list);
    }
  const fact = (topic: Topic, text: string, extra: Partial<Fact> = {}): Fact => ({
    topic,
    text,
    ...extra,
    ...(rng.chance(0.3) ? { confidence: rng.pick(['confirmed', 'public-single-source'] as const) } : {}),
    sources: refs(),
  });
  const anyOrg = () => rng.pick(organizations).name;
  const anyPerson = () => rng.pick(people).name;

  for (const init of initiatives) {
    const m = members.get(init.id) ?? [];
    const founders = m.slice(0, 2);
    const when = init.launched ? spoken(init.launched.date) : 'recent years';
    const domain = rng.pick(DOMAINS);
    init.summary = `The ${init.name} is ${/^[aeiou]/.test(init.type) ? 'an' : 'a'} ${init.type} working on ${domain}${founders.length ? `, launched by ${founders.join(' and ')}` : ''} in ${when}.`;
    const facts: Fact[] = [
      fact('overview', `The ${init.name} brings together companies, universities and labs around ${domain}.`),
      fact('goals', `The ${init.name} aims to ${rng.pick(GOALS)} and to ${rng.pick(GOALS)}.`),
      fact(
        'history',
        `The ${init.name} was announced in ${when} with ${rng.int(5, 80)} founding members.`,
        init.launched ? { date: init.launched.date } : {},
      ),
      fact(
        'governance',
        `A governing board chaired by ${anyPerson()} oversees the ${init.name}; working groups cover ${rng.pick(DOMAINS)} and ${rng.pick(DOMAINS)}.`,
      ),
      fact(
        'membership',
        `By ${spoken(date(2016, 2026, 'month'))} the ${init.name} counted ${m.length + rng.int(0, 40)} members${m.length ? `, including ${m.slice(0, 4).join(', ')}` : ''}.`,
      ),
      fact('criticism', `Critics such as ${anyOrg()} argue that the ${init.name} ${rng.pick(CRITIQUES)}.`),
      fact('activities', `The ${init.name} runs projects on ${rng.pick(DOMAINS)} and ${rng.pick(DOMAINS)}.`),
    ];
    for (let k = rng.int(0, 6); k > 0; k--) {
      const who = anyPerson();
      const said = `We want to ${rng.pick(GOALS)}.`;
      facts.push(
        fact('quote', `${who} said the ${init.name} exists to ${rng.pick(GOALS)}.`, { quote: said }),
      );
    }
    if (rng.chance(0.3))
      facts.push(
        fact(
          'comparison',
          `Unlike the ${rng.pick(initiatives).name}, the ${init.name} focuses on ${rng.pick(DOMAINS)}.`,
        ),
      );
    if (rng.chance(0.3))
      facts.push(
        fact(
          'correction',
          `Some coverage misspells the ${init.name} as "${garble(init.name)}"; it is one body.`,
        ),
      );
    init.facts = facts;
  }
  for (const org of organizations) {
    const domain = rng.pick(DOMAINS);
    const label =
      org.type === 'company'
        ? `A technology company working on ${domain}`
        : org.type === 'university'
          ? `A research university with a strong programme in ${domain}`
          : org.type === 'lab'
            ? `An independent research lab focused on ${domain}`
            : org.type === 'nonprofit'
              ? `A non-profit that funds work on ${domain}`
              : `A government agency that funds research on ${domain}`;
    const inv = org.involvement[0];
    org.summary = `${label}${inv ? `; ${inv.role.replace('-', ' ')} of the ${nameOf.get(inv.initiative)}` : ''}.`;
    if (org.description !== undefined)
      org.description = `${org.name} was founded in ${rng.int(1950, 2022)} and employs about ${rng.int(10, 90000)} people.`;
    for (let k = rng.int(0, 2); k > 0; k--) {
      org.facts.push(
        rng.chance(0.5)
          ? fact(
              'note',
              `${org.name} partnered with ${anyOrg()} on ${rng.pick(DOMAINS)} in ${date(2016, 2026, 'day').slice(0, 4)}.`,
            )
          : fact(
              'history',
              `${org.name} released its first open model for ${rng.pick(DOMAINS)} in ${spoken(date(2016, 2026, 'month'))}.`,
            ),
      );
    }
  }
  for (const p of people) {
    const role = p.roles[0] as PersonRole;
    const at = nameOf.get(role.organization ?? role.initiative ?? '') ?? 'an AI lab';
    p.summary = `${role.title} at ${at}, known for work on ${rng.pick(DOMAINS)}.`;
    for (let k = rng.int(0, 3); k > 0; k--) {
      p.facts.push(
        rng.chance(0.5)
          ? fact('quote', `${p.name} said that open research makes ${rng.pick(DOMAINS)} safer.`, {
              quote: `Open research makes ${rng.pick(DOMAINS)} safer.`,
            })
          : (() => {
              const joined = date(2010, 2026, 'month');
              return fact('career', `${p.name} joined ${anyOrg()} in ${spoken(joined)}.`, { date: joined });
            })(),
      );
    }
  }
  for (const proj of projects) {
    const owner = nameOf.get(proj.owner ?? '') ?? 'an open community';
    proj.summary = `A ${proj.type} for ${rng.pick(DOMAINS)} made by ${owner}.`;
    for (let k = rng.int(1, 3); k > 0; k--) {
      const released = date(2016, 2026, 'day');
      proj.facts.push(
        rng.chance(0.6)
          ? fact(
              'release',
              `${proj.name} ${rng.int(1, 4)}.${rng.int(0, 9)} was released in ${spoken(released)}.`,
              {
                date: released,
              },
            )
          : fact('note', `${proj.name} is used by ${anyOrg()} for ${rng.pick(DOMAINS)}.`),
      );
    }
  }

  return { sources, initiatives, organizations, people, projects };
}

const noLines = { lineOf: () => undefined };

/**
 * A generated knowledge base of `n` records (plus about 0.3 n sources), built the way `loadKnowledge` builds the
 * real one (sections → `crossCheck`). Deterministic: the same `n` and `seed` give the same records.
 * @throws when the generated records fail the cross-record checks (a generator bug).
 */
export function generateKnowledge(n: number, seed = 1): KnowledgeBase {
  const sections = generateSections(n, seed);
  const file: ParsedFile = { file: `generated-${n}-${seed}.yaml`, data: sections, ...noLines };
  const { kb, problems } = crossCheck([file]);
  if (problems.length > 0)
    throw new Error(
      `generated knowledge base is invalid: ${problems
        .slice(0, 5)
        .map((p) => `${p.field} ${p.message}`)
        .join('; ')}`,
    );
  const version = createHash('sha256').update(`${n}:${seed}`).digest('hex').slice(0, 8);
  return { ...kb, version, files: [file.file] };
}

/**
 * The records of a knowledge base as knowledge files, each section split into files of at most `perFile`
 * records (moderators may split a long list over several files).
 */
export function toKnowledgeFiles(kb: KnowledgeBase, perFile = 2500): Record<string, KnowledgeFile> {
  const strip = <T extends KbRecord>(r: T) => {
    const { kind: _kind, ...rest } = r;
    return rest;
  };
  const files: Record<string, KnowledgeFile> = {};
  const chunked = <T>(section: keyof KnowledgeFile, items: T[]) => {
    for (let i = 0; i * perFile < items.length || i === 0; i++) {
      const part = items.slice(i * perFile, (i + 1) * perFile);
      if (part.length === 0) break;
      files[`${section}-${String(i).padStart(3, '0')}.yaml`] = { [section]: part } as KnowledgeFile;
    }
  };
  chunked('sources', [...kb.sources.values()]);
  const of = <K extends KbRecord['kind']>(kind: K) =>
    kb.records.filter((r): r is Rec<K> => r.kind === kind).map(strip);
  chunked('initiatives', of('initiative'));
  chunked('organizations', of('organization'));
  chunked('people', of('person'));
  chunked('projects', of('project'));
  return files;
}

/** Every name and alias of a record. */
export function namesOf(r: KbRecord): string[] {
  return [r.name, ...r.aliases.map(aliasName)];
}
