import { z } from 'zod';

/**
 * zod schemas for the knowledge files in `knowledge/`.
 *
 * The files are edited by hand by moderators and reviewed in pull requests, so the shapes stay flat and the
 * field names read like English. Cross-record rules (unique ids, references that exist) live in `validate.ts`;
 * these schemas check one file at a time.
 */

/** A stable record id: lowercase words joined by hyphens, e.g. `org-ibm`, `ai-alliance`. */
export const Id = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and single hyphens (e.g. "org-ibm")',
  );

/** Text that must say something: no empty or whitespace-only strings. */
export const Text = z.string().trim().min(1, 'must not be empty');

/** A calendar date as precise as the sources allow: `2023`, `2023-07` or `2023-12-05`. */
export const IsoDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'must be a date like 2023-12-05, 2023-07 or 2023',
  );

/** The source ids that back a statement; at least one. */
export const SourceRefs = z.array(Id).min(1, 'every fact needs at least one source id');

/** How well a fact is supported, using the fact sheet's legend. */
export const Confidence = z.enum(['confirmed', 'seed-only', 'public-single-source', 'conflicting']);

/** What a fact is about; the answer engine uses it to pick facts for a question's intent. */
export const Topic = z.enum([
  'overview',
  'history',
  'goals',
  'activities',
  'governance',
  'membership',
  'criticism',
  'quote',
  'comparison',
  'release',
  'career',
  'correction',
  'note',
]);

/** For editors and reviewers only (provenance, caveats, what still needs checking); never shown to members. */
const EditorNote = Text.describe(
  'For editors only (provenance, caveats, what still needs checking); never shown to members.',
).optional();

/** Phrasings members ask with, in words the statement doesn't use ("can faculty take part" for "open to professors"). */
const AskedAs = z
  .array(Text)
  .min(1, 'list at least one phrasing, or leave the field out')
  .describe(
    "Phrasings members use when asking for this, in words its text doesn't use; searched, never shown.",
  );

/** One sourced statement about a record. */
export const Fact = z.strictObject({
  topic: Topic,
  text: Text,
  /** A verbatim quote, when the fact reports what someone said. */
  quote: Text.optional(),
  /** When it happened, if the fact is about an event. */
  date: IsoDate.optional(),
  confidence: Confidence.optional(),
  /**
   * The garbled spellings this correction explains (each one a garbled alias of the record). A fact with
   * `spellings` is shown only to members who used one of them.
   */
  spellings: z
    .array(Text)
    .min(1, 'list at least one spelling, or leave the field out')
    .describe('Garbled spellings this correction explains; the fact is shown only to members who used one.')
    .optional(),
  /**
   * How members ask for this fact in words its text doesn't use ("can faculty take part" for "open to professors").
   * Searched and counted as the statement's words; never shown to members.
   */
  asked_as: AskedAs.optional(),
  editor_note: EditorNote,
  sources: SourceRefs,
});

/** Another name for a record; an object form marks garbled spellings from the seed articles. */
export const Alias = z.union([
  Text,
  z.strictObject({
    name: Text,
    /** True when this is a misspelling (e.g. a machine-translation garble), not a real name. */
    garbled: z.boolean().optional(),
    note: Text.optional(),
    sources: SourceRefs.optional(),
  }),
]);

/** Fields every record shares. */
const RecordBase = {
  id: Id,
  name: Text,
  aliases: z.array(Alias).default([]),
  /** One line that answers "what is this?". */
  summary: Text,
  /** Sources for the summary and description. */
  sources: SourceRefs,
  /** How members ask for what the summary (and description) say, in other words; searched, never shown. */
  asked_as: AskedAs.optional(),
  facts: z.array(Fact).default([]),
  editor_note: EditorNote,
};

/** A source document: an article, release or repository that facts cite. */
export const Source = z.strictObject({
  id: Id,
  title: Text,
  publisher: Text,
  /** Publication date as the source gives it; free text because many sources are approximate. */
  date: Text,
  url: Text,
  kind: z.enum(['seed', 'public']),
  /** For editors only (copies, where it was read, caveats); never shown to members. */
  notes: Text.optional(),
});

/** An initiative: an alliance, community, forum, open letter or programme. */
export const Initiative = z.strictObject({
  ...RecordBase,
  /** What kind of body it is, in a few words. */
  type: Text,
  /** Whether `/help` and empty autocomplete lead with it. */
  featured: z.boolean().default(false),
  launched: z
    .strictObject({
      date: IsoDate,
      /** Shown to members with the launch date. */
      note: Text.optional(),
      editor_note: EditorNote,
      sources: SourceRefs,
    })
    .optional(),
  website: Text.optional(),
  related: z.array(Id).default([]),
});

export const RelationRole = z.enum([
  'co-founder',
  'founding-member',
  'member',
  'not-a-member',
  'critic',
  'partner',
]);

/** An organization's typed, dated relation to an initiative. */
export const Involvement = z
  .strictObject({
    initiative: Id,
    role: RelationRole,
    /** When the relation started (joined, founded) or was observed. */
    date: IsoDate.optional(),
    /** Short context, shown to members beside the relation. */
    note: Text.optional(),
    /** Why it is not a member, in the sources' words; required for `not-a-member`. */
    reason: Text.optional(),
    confidence: Confidence.optional(),
    editor_note: EditorNote,
    sources: SourceRefs,
  })
  .refine((r) => r.role !== 'not-a-member' || r.reason !== undefined, {
    message: 'a "not-a-member" relation needs a reason (what the sources say)',
    path: ['reason'],
  });

export const Organization = z.strictObject({
  ...RecordBase,
  type: z.enum(['company', 'university', 'lab', 'nonprofit', 'government']),
  description: Text.optional(),
  /** The initiative this organization is the body behind (e.g. the Partnership on AI runs the initiative). */
  runs: Id.optional(),
  involvement: z.array(Involvement).default([]),
});

/** A role a person holds or held, at an organization or in an initiative. */
export const PersonRole = z.strictObject({
  title: Text,
  organization: Id.optional(),
  initiative: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sources: SourceRefs,
});

export const Person = z.strictObject({
  ...RecordBase,
  roles: z.array(PersonRole).default([]),
});

export const Project = z.strictObject({
  ...RecordBase,
  /** What kind of thing it is: model family, library, benchmark, dataset effort. */
  type: Text,
  /** The organization or initiative that owns or runs it. */
  owner: Id.optional(),
  released: IsoDate.optional(),
  related: z.array(Id).default([]),
});

/**
 * One YAML file. A file may hold any of the sections, so moderators can split a long list over several files;
 * at least one section must be present.
 */
export const KnowledgeFile = z
  .strictObject({
    sources: z.array(Source).optional(),
    initiatives: z.array(Initiative).optional(),
    organizations: z.array(Organization).optional(),
    people: z.array(Person).optional(),
    projects: z.array(Project).optional(),
  })
  .refine((f) => Object.values(f).some((v) => v !== undefined), {
    message: 'a knowledge file needs at least one of: sources, initiatives, organizations, people, projects',
  });

export type Source = z.infer<typeof Source>;
export type Fact = z.infer<typeof Fact>;
export type Alias = z.infer<typeof Alias>;
export type Topic = z.infer<typeof Topic>;
export type Initiative = z.infer<typeof Initiative>;
export type Involvement = z.infer<typeof Involvement>;
export type RelationRole = z.infer<typeof RelationRole>;
export type Organization = z.infer<typeof Organization>;
export type PersonRole = z.infer<typeof PersonRole>;
export type Person = z.infer<typeof Person>;
export type Project = z.infer<typeof Project>;
export type KnowledgeFile = z.infer<typeof KnowledgeFile>;

/** The four kinds of record a user can ask about. */
export type RecordKind = 'initiative' | 'organization' | 'person' | 'project';

/** Any record, tagged with its kind. */
export type KbRecord =
  | ({ kind: 'initiative' } & Initiative)
  | ({ kind: 'organization' } & Organization)
  | ({ kind: 'person' } & Person)
  | ({ kind: 'project' } & Project);
