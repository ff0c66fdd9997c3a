import type { KnowledgeBase } from '../knowledge/model.js';
import type {
  Involvement,
  KbRecord,
  Organization,
  Person,
  PersonRole,
  Project,
} from '../knowledge/schema.js';
import { push, STEP } from './build.js';

/**
 * An organization's relation to an initiative, with the organization. Read by the presenters' relation lists and
 * by the answer handlers for membership questions.
 */
export interface Membership {
  org: Organization & { kind: 'organization' };
  inv: Involvement;
}

/**
 * A person's role, with the person. Read by the presenters (who works where) and by the answer handlers for
 * questions about people and the staff of organizations and initiatives.
 */
export interface Staffing {
  person: Person & { kind: 'person' };
  role: PersonRole;
}

/**
 * The knowledge graph: the records and the relations between them, walked in both directions. Everything the
 * presenters (cards, relation lists, help) need, and what the answer handlers read to answer who-is-in-what
 * questions; empty autocomplete ranks by it. Built once per knowledge base load, never per query.
 */
export interface KnowledgeGraph {
  kb: KnowledgeBase;
  /** Initiative id → the organizations involved in it, in file order. */
  membersOf: ReadonlyMap<string, readonly Membership[]>;
  /** Organization id → the people with a role there. */
  staffOfOrg: ReadonlyMap<string, readonly Staffing[]>;
  /** Initiative id → the people with a role in it. */
  staffOfInitiative: ReadonlyMap<string, readonly Staffing[]>;
  /** Owner id → the projects it owns. */
  projectsOf: ReadonlyMap<string, readonly Project[]>;
  /** Initiative id → the organization that is the body behind it. */
  runBy: ReadonlyMap<string, Organization>;
  /** How many other records point at a record; ranks empty autocomplete. */
  refCount: ReadonlyMap<string, number>;
  /** Featured initiatives, in file order. */
  featured: readonly KbRecord[];
  /** Every record, most referenced first (file order among equals), so empty autocomplete never sorts. */
  byReferences: readonly KbRecord[];
}

/** Builds the knowledge graph, yielding every {@link STEP} records so a sliced build can pause. */
export function* graphSteps(kb: KnowledgeBase): Generator<void, KnowledgeGraph> {
  let work = 0;
  const membersOf = new Map<string, Membership[]>();
  const staffOfOrg = new Map<string, Staffing[]>();
  const staffOfInitiative = new Map<string, Staffing[]>();
  const projectsOf = new Map<string, Project[]>();
  const runBy = new Map<string, Organization>();
  const refCount = new Map<string, number>();
  const ref = (id: string | undefined) => {
    if (id) refCount.set(id, (refCount.get(id) ?? 0) + 1);
  };

  for (const r of kb.records) {
    if (++work % STEP === 0) yield;
    if (r.kind === 'organization') {
      if (r.runs) runBy.set(r.runs, r);
      for (const inv of r.involvement) {
        push(membersOf, inv.initiative, { org: r, inv });
        ref(inv.initiative);
        ref(r.id);
      }
    } else if (r.kind === 'person') {
      for (const role of r.roles) {
        if (role.organization) {
          push(staffOfOrg, role.organization, { person: r, role });
          ref(role.organization);
        }
        if (role.initiative) {
          push(staffOfInitiative, role.initiative, { person: r, role });
          ref(role.initiative);
        }
      }
    } else if (r.kind === 'project') {
      if (r.owner) {
        push(projectsOf, r.owner, r);
        ref(r.owner);
      }
      for (const id of r.related) ref(id);
    } else {
      for (const id of r.related) ref(id);
    }
  }

  yield;
  const byReferences = [...kb.records].sort((a, b) => (refCount.get(b.id) ?? 0) - (refCount.get(a.id) ?? 0));

  return {
    kb,
    membersOf,
    staffOfOrg,
    staffOfInitiative,
    projectsOf,
    runBy,
    refCount,
    featured: kb.records.filter((r) => r.kind === 'initiative' && r.featured),
    byReferences,
  };
}
