/**
 * The form of an ask an answer must have, beyond covering its words: "how many" wants a number, "who … with
 * LeCun" someone besides LeCun, "who at Meta" a person, "before the Forum" a role before it. An ordered table:
 * the first check that applies and fails refuses the answer.
 */
import { aliasName } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { linkEntities } from '../search/link.js';
import { asks } from './ask.js';
import type { Draft } from './compose.js';
import type { Ctx } from './context.js';

interface FormCheck {
  /** The form checked, so the table reads as a list of them. */
  name: string;
  /** The record a refusal speaks of when the draft lacks the form, or undefined when it has it or no form applies. */
  misfit: (ctx: Ctx, draft: Draft) => KbRecord | undefined;
}

/** The record a refusal speaks of, from the first form check the draft fails; undefined when it fails none. */
export function formMisfit(ctx: Ctx, draft: Draft): KbRecord | undefined {
  for (const check of FORM_CHECKS) {
    const about = check.misfit(ctx, draft);
    if (about) return about;
  }
  return undefined;
}

const FORM_CHECKS: readonly FormCheck[] = [
  {
    // "How many people showed up?": an answer with no number in it doesn't tell how many.
    name: 'a number',
    misfit: (ctx, draft) =>
      HOW_MANY.test(ctx.q.norm) && !tellsANumber(draft, ctx.index) ? draft.subject : undefined,
  },
  {
    // "Who shared the award with LeCun?": an answer that names nobody but LeCun doesn't say who.
    name: 'someone beside',
    misfit: (ctx, draft) => {
      const other = personSetApart(ctx);
      return other && !namesAnotherPerson(draft, other, ctx.index) ? draft.subject : undefined;
    },
  },
  {
    // "What did Meserole do before the Forum?": earlier work, when the records hold only their role there.
    name: 'earlier work',
    misfit: (ctx) => onlyRoleBefore(ctx),
  },
  {
    // "What does Clegg think of Llama 4?": their view of it; their words about something else are no answer.
    name: 'a view of it',
    misfit: (ctx, draft) => {
      const view = viewAsked(ctx);
      return view && !bearsOn(draft, view.of, view.holder, ctx) ? view.holder : undefined;
    },
  },
  {
    // "Which governments back the project?", "which investors put money in?": an answer that names none of
    // that kind doesn't say which.
    name: 'ones of the kind asked',
    misfit: (ctx, draft) => {
      const kind = kindAskedFor(ctx);
      return kind && !namesOfKind(draft, kind, ctx) ? draft.subject : undefined;
    },
  },
  {
    // "Who got grants from the fund?": an answer that tells of nobody receiving one doesn't say who did.
    name: 'who received it',
    misfit: (ctx, draft) =>
      RECEIVING_ASKED.test(ctx.q.norm) && !tellsWhatIs(draft, RECEIVING_TOLD) ? draft.subject : undefined,
  },
  {
    // "When will the project release its model?": a date to come; the dates of what already happened are none.
    name: 'a date to come',
    misfit: (ctx, draft) =>
      FUTURE_WHEN.test(ctx.q.norm) && !leadTells(draft, FUTURE_TOLD) ? draft.subject : undefined,
  },
  {
    // "What was the first product the startup shipped?": an answer that tells of nothing coming out doesn't say
    // what did.
    name: 'a release',
    misfit: (ctx, draft) =>
      RELEASE_ASKED.test(ctx.q.norm) && !tellsWhatIs(draft, RELEASE_TOLD) ? draft.subject : undefined,
  },
  {
    // "Who at Meta came up with the idea?": a person; the organizations that founded it are no answer.
    name: 'a person',
    misfit: (ctx, draft) =>
      asksPersonAt(ctx) && !namesSomeone(draft, ctx.index) ? draft.subject : undefined,
  },
];

/** A question asking what products came out: a product named, or a verb of shipping. */
const RELEASE_ASKED = /\b(?:products?|ship|ships|shipped|shipping)\b/;
/** Words an answer tells something coming out with. */
const RELEASE_TOLD =
  /\b(?:releas\w*|launch\w*|ship\w*|came out|unveil\w*|debut\w*|open[- ]?sourc\w*|available)\b/i;

/** Whether the draft's text, names in brackets left out ("(Meta's open model releases)"), matches `told`. */
function tellsWhatIs(draft: Draft, told: RegExp): boolean {
  return [draft.lead, ...draft.docs.map((d) => d.text)].some((t) => told.test(t.replace(/\([^)]*\)/g, '')));
}

/** Whether the draft's lead, or its first statement when it has none, matches `told`: the time of another plan is no answer. */
function leadTells(draft: Draft, told: RegExp): boolean {
  return told.test((draft.lead || draft.docs[0]?.text || '').replace(/\([^)]*\)/g, ''));
}

/** "Who got grants", "which teams received funding", "the recipients". */
const RECEIVING_ASKED =
  /\b(?:(?:got|get|gets|received|receive|receives|won|awarded)\s+(?:\w+\s+)?(?:grants?|funding|money|awards?)|(?:grants?|funding|money)\s+(?:went\s+)?to|recipients?|grantees?)\b/;
const RECEIVING_TOLD = /\b(?:receiv\w*|recipients?|grantees?|awarded|granted|went to|given to|won)\b/i;
/** "When will …", "when exactly will …", "on what exact date will …", "when is it going to …", "when is … expected". */
const FUTURE_WHEN =
  /\b(?:when(?:\s+exactly)?|(?:what|which)\s+(?:exact\s+|precise\s+)?(?:date|day|month|year))\s+(?:will|would|shall)\b|\bwhen\s+(?:is|are)\b.*\b(?:going to|expected|due|scheduled|planned)\b/;
// ("Will" alone is no date to come: "members will set up a board" tells a plan made at the launch.)
/**
 * A plan told with its time ("plans to hold it in 2025", "scheduled for March", "expected later this year"): a
 * plan with no time ("plans eventually to offer …") says nothing of when.
 */
const FUTURE_TOLD = new RegExp(
  `\\b(?:plans?|planned|planning|expected|expects|scheduled|due|upcoming|intends?)\\b(?:\\W+\\w+){0,8}?\\W+(?:${[
    '(?:in|by|for|on|until)\\s+(?:early\\s+|late\\s+|mid-?)?(?:19|20)\\d\\d',
    '(?:january|february|march|april|may|june|july|august|september|october|november|december)',
    '(?:next|later\\s+this|this|coming)\\s+(?:week|month|year|spring|summer|fall|autumn|winter|quarter)',
    'soon',
  ].join('|')})\\b|\\b(?:soon|upcoming)\\b`,
  'i',
);

/**
 * The person a "before <body>" question asks about, when every role the records give them is at that body: what
 * they did before it is not recorded.
 */
function onlyRoleBefore(ctx: Ctx): KbRecord | undefined {
  const { words } = ctx.q;
  const at = words.indexOf('before');
  if (at < 0) return undefined;
  // "before the Forum", "before joining the Forum", "before she joined the Forum", "before he was made its
  // chair at the Forum".
  const body = ctx.mentions.find((m) => m.start > at && m.start <= at + 6);
  const person = ctx.mentions.find((m) => m.end <= at && m.surfaces.every((s) => s.record.kind === 'person'));
  const record = person?.surfaces[0]?.record;
  if (!body || record?.kind !== 'person' || !record.roles.length) return undefined;
  // The organization that runs a body is the body too ("the Guild" and the company behind it).
  const ids = new Set(
    body.surfaces.flatMap((s) => [s.record.id, ctx.index.runBy.get(s.record.id)?.id ?? s.record.id]),
  );
  const there = (r: (typeof record.roles)[number]) =>
    (r.organization !== undefined && ids.has(r.organization)) ||
    (r.initiative !== undefined && ids.has(r.initiative));
  if (!record.roles.every(there)) return undefined;
  // "…; a former deputy minister": a summary or statement that tells of earlier work answers it.
  const texts = [record.summary, ...(ctx.index.docsByRecord.get(record.id) ?? []).map((d) => d.text)];
  return texts.some((t) => EARLIER.test(t)) ? undefined : record;
}

const EARLIER = /\b(?:former|formerly|previously|earlier|before|until|joined|left|ex)\b/i;

/** Words that ask for someone's view of something named after them. */
const VIEW_WORDS = new Set([
  'think',
  'thinks',
  'thought',
  'feel',
  'feels',
  'felt',
  'opinion',
  'view',
  'take',
]);

/** "What does <person> think of <record>": the person and the record their view is asked of. */
function viewAsked(ctx: Ctx): { holder: KbRecord; of: KbRecord } | undefined {
  const { words } = ctx.q;
  for (const p of ctx.mentions) {
    const holder = p.surfaces[0]?.record;
    if (holder?.kind !== 'person' || !p.surfaces.every((s) => s.record.kind === 'person')) continue;
    for (const r of ctx.mentions) {
      const of = r.surfaces[0]?.record;
      if (!of || r.start < p.end || r.start - p.end > 5 || of.id === holder.id) continue;
      if (words.slice(p.end, r.start).some((w) => VIEW_WORDS.has(w))) return { holder, of };
    }
  }
  return undefined;
}

/**
 * The draft speaks of the record: a statement of it or about it, its name in the text, or the words of someone
 * with a role in it (a CEO's words are about their company).
 */
function bearsOn(draft: Draft, record: KbRecord, holder: KbRecord, ctx: Ctx): boolean {
  if (draft.subject.id === record.id) return true;
  const inside =
    holder.kind === 'person' &&
    holder.roles.some((r) => r.organization === record.id || r.initiative === record.id);
  if (inside && draft.docs.some((d) => d.recordId === holder.id)) return true;
  if (draft.docs.some((d) => d.recordId === record.id || d.about.includes(record.id))) return true;
  const text = [draft.lead, ...draft.docs.map((d) => `${d.text} ${d.quote ?? ''}`)].join(' ');
  return linkEntities(text, ctx.index).some((m) => m.surfaces.some((s) => s.record.id === record.id));
}

/** The records of a kind a question asks for, and what a clause naming one must tell of it, if anything. */
interface AskedKind {
  is: (r: KbRecord) => boolean;
  /** "Which investors …": a name beside the money it put in, not any company in the same answer. */
  told?: RegExp;
}

/** Words that tell of putting money in, read in the clause that names the one who did. */
const MONEY_TOLD =
  /\b(?:invest(?:s|ed|ing|or|ors|ment|ments)?|backed|backer|backers|backing|funded|funder|funders|funding|donated|donor|donors|donation|donations|sponsored|sponsor|sponsors|financed|financing|raised from|led (?:the|its) (?:\w+ )?round)\b/i;

/** Plural kinds a "which …" or "who …" question may ask for. */
const ASKED_KINDS: Readonly<Record<string, AskedKind>> = (() => {
  const anyone = (r: KbRecord) => r.kind === 'organization' || r.kind === 'person';
  const ofType = (type: string) => (r: KbRecord) => r.kind === 'organization' && r.type === type;
  const money: AskedKind = { is: anyone, told: MONEY_TOLD };
  return {
    investors: money,
    backers: money,
    funders: money,
    donors: money,
    sponsors: money,
    partners: { is: anyone },
    recipients: { is: anyone },
    grantees: { is: anyone },
    governments: { is: ofType('government') },
  };
})();

/**
 * "Which governments …", "who are the main investors …": the kind of records a "which" or "who" question asks
 * for, when it is one of those above.
 */
function kindAskedFor(ctx: Ctx): AskedKind | undefined {
  const { words } = ctx.q;
  const at = words.indexOf('which');
  const asked = at >= 0 ? words.slice(at + 1, at + 3) : WHO.has(words[0] ?? '') ? words.slice(1, 6) : [];
  const noun = asked.find((w) => ASKED_KINDS[w]);
  if (noun) return ASKED_KINDS[noun];
  // "What's the name of its first model?": a model the records hold, named.
  const named = words.findIndex((w, i) => w === 'name' && words[i + 1] === 'of');
  return named >= 0 && words.slice(named + 2, named + 6).some((w) => MODEL_WORDS.has(w))
    ? A_MODEL
    : undefined;
}

const WHO = new Set(['who', 'whos']);

const MODEL_WORDS = new Set(['model', 'models']);
const A_MODEL: AskedKind = { is: (r) => r.kind === 'project' };

/** The draft names a record of the kind, other than the records the question named, in a clause that tells what the kind must. */
function namesOfKind(draft: Draft, kind: AskedKind, ctx: Ctx): boolean {
  const asked = new Set(ctx.mentions.flatMap((m) => m.surfaces.map((s) => s.record.id)));
  const text = [draft.lead, ...draft.docs.map((d) => `${d.text} ${d.quote ?? ''}`)].join(' ');
  const { told } = kind;
  if (!told) {
    if (kind.is(draft.subject) && !asked.has(draft.subject.id)) return true;
    return linkEntities(text, ctx.index).some((m) =>
      m.surfaces.some((s) => kind.is(s.record) && !asked.has(s.record.id)),
    );
  }
  return text
    .split(/[.;]\s+/)
    .filter((clause) => told.test(clause))
    .some((clause) =>
      linkEntities(clause, ctx.index).some((m) =>
        m.surfaces.some((s) => kind.is(s.record) && !asked.has(s.record.id)),
      ),
    );
}

/** "Who at X …", "who from X …": someone in an organization the question names right after. */
function asksPersonAt(ctx: Ctx): boolean {
  const { words } = ctx.q;
  return ctx.mentions.some(
    (m) =>
      m.surfaces.some((s) => s.record.kind === 'organization') &&
      (words[m.start - 1] === 'at' || words[m.start - 1] === 'from') &&
      (words[m.start - 2] === 'who' || words[m.start - 2] === 'whos'),
  );
}

/**
 * A name as the records write a speaker: before their role in brackets ("Jane Roe (CEO, …)"), a dash, a comma
 * ("its VP, Ann Lavin, was quoted") or a verb of saying ("said", "described", "told").
 */
const NAME_WITH_ROLE =
  /\p{Lu}[\p{L}'’-]+ (?:\p{Lu}\.? )?\p{Lu}[\p{L}'’-]+(?: \(|,| —| (?:said|says|described|describes|told|tells|called|argued|wrote|explained)\b)/u;

/** The draft names a person: a person record, or a name with its role beside it. */
function namesSomeone(draft: Draft, index: Ctx['index']): boolean {
  // A profile opens with the record's own name and a dash ("Acme Labs — a company …"): no speaker.
  const lead = draft.lead.startsWith(`${draft.subject.name} — `)
    ? draft.lead.slice(draft.subject.name.length + 3)
    : draft.lead;
  const text = [lead, ...draft.docs.map((d) => `${d.text} ${d.quote ?? ''}`)].join(' ');
  if (NAME_WITH_ROLE.test(text) || index.kb.byId.get(draft.subject.id)?.kind === 'person') return true;
  return linkEntities(text, index).some((m) => m.surfaces.some((s) => s.record.kind === 'person'));
}

/**
 * Words before a person that ask for someone beside them: "shared it with LeCun", "who became CEO after her",
 * "who replaced him". ("Besides LeCun, who signed" is answered by a list of signatories the records name only in
 * text, so it is left to coverage.)
 */
const SET_APART = new Set([
  'with',
  'alongside',
  'after',
  'replace',
  'replaced',
  'replacing',
  'succeed',
  'succeeded',
  'succeeding',
]);

/** The person a "who" question sets apart ("who … with LeCun"), if any. */
function personSetApart(ctx: Ctx): KbRecord | undefined {
  if (!asks(ctx.ask, 'who')) return undefined;
  const m = ctx.mentions.find(
    (x) =>
      x.surfaces.every((s) => s.record.kind === 'person') && SET_APART.has(ctx.q.words[x.start - 1] ?? ''),
  );
  return m?.surfaces[0]?.record;
}

/** The draft names a person other than `person`. */
function namesAnotherPerson(draft: Draft, person: KbRecord, index: Ctx['index']): boolean {
  const text = [draft.lead, ...draft.docs.map((d) => `${d.text} ${d.quote ?? ''}`)].join(' ');
  return linkEntities(text, index).some((m) =>
    m.surfaces.some((s) => s.record.kind === 'person' && s.record.id !== person.id),
  );
}

/** A count asked for ("does it count as open" asks no number). */
const HOW_MANY = /\bhow many\b|\bnumber of\b/;

const NUMBER_WORDS =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|several|both|no one|none)\b/i;

/** A date's numbers ("September 10", "2023"), which count nothing. */
const DATE_NUMBERS =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b|\b(?:19|20)\d\d\b/gi;

const versionPatterns = new WeakMap<SearchIndex, RegExp>();

/**
 * A version after a project's name or alias ("Llama 2", "Stable Diffusion 3.5"), which counts nothing either.
 * Built once per index; a capitalised word before a number elsewhere ("About 45") is a count.
 */
function versionPattern(index: SearchIndex): RegExp {
  let re = versionPatterns.get(index);
  if (!re) {
    const names = index.kb.records
      .flatMap((r) => (r.kind === 'project' ? [r.name, ...r.aliases.map(aliasName)] : []))
      .filter((n) => /^\p{L}/u.test(n))
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`\\b(?:${names.join('|') || '(?!)'}) \\d+(?:\\.\\d+)*\\b`, 'giu');
    versionPatterns.set(index, re);
  }
  return re;
}

/** The draft's text holds a number, in digits or words, that is not part of a date or a version. */
function tellsANumber(draft: Draft, index: SearchIndex): boolean {
  const versions = versionPattern(index);
  return [draft.lead, ...draft.docs.map((d) => d.text)].some((t) =>
    NUMBER_WORDS.test(t.replace(DATE_NUMBERS, ' ').replace(versions, ' ')),
  );
}
