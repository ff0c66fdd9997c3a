import type { KbRecord, Person } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import { pastRole, roleSentence, roleSpan, shortName, withArticle } from '../../search/render.js';
import { normalize } from '../../text/normalize.js';
import { asks } from '../ask.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { coverage } from '../coverage.js';
import { LEAVING as WORDS_OF_LEAVING } from '../departed.js';
import { ROLE_WORDS } from '../rules.js';
import { rolesInText, type TextRole } from '../text-roles.js';
import { tellsOfLeaving } from './membership.js';
import { asksNow, foundersOf, joinList, type Rec, rankDocs, spellingNote, visibleTo } from './shared.js';

export function personOverview(ctx: Ctx, person: Rec<'person'>, score: number): Draft {
  // A role held at an organization and at the body it runs reads the same: said once.
  const roles = [
    ...new Set(
      person.roles.map((r) => roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, '')),
    ),
  ];
  const lead = `${person.name} — ${person.summary}${spellingNote(ctx, person)}`;
  const docs = rankDocs(ctx, [person.id], { topics: ['quote', 'career', 'role'], limit: 3 });
  const extra = roles.length > 1 ? `\nRoles: ${roles.join(' ')}` : '';
  return {
    generic: true,
    subject: person,
    lead: lead + extra,
    leadSources: person.sources,
    docs: docs.filter((d) => d.topic !== 'summary' && d.topic !== 'role'),
    confidence: score,
  };
}

/** A statement of the person's own that speaks of leaving. */
function toldLeaving(ctx: Ctx, person: Rec<'person'>): boolean {
  return (ctx.index.docsByRecord.get(person.id) ?? []).some(
    (d) => d.recordId === person.id && tellsOfLeaving(d.text),
  );
}

export function personCareer(
  ctx: Ctx,
  person: Rec<'person'>,
  org: Rec<'organization'> | undefined,
  score: number,
): Draft {
  const at = org ? person.roles.filter((r) => r.organization === org.id) : person.roles;
  // "Why did she step down?": roles say when, never why; unless a statement of theirs tells of the leaving,
  // the reason is nothing the records hold.
  if (asks(ctx.ask, 'why') && ctx.q.words.some((w) => WORDS_OF_LEAVING.has(w)) && !toldLeaving(ctx, person))
    return {
      subject: person,
      lead: `I can't tell why ${person.name} left${org ? ` ${org.name}` : ''}: the records only list these roles: ${roleList(person, ctx)}.`,
      docs: [],
      confidence: 0,
      declines: true,
    };
  const current = person.roles.filter((r) => !r.to);
  const ended = at.filter((r) => r.to);
  let lead: string;
  if (at.length > 0 && ended.length === at.length) {
    const last = [...ended].sort((a, b) =>
      (b.to ?? '').localeCompare(a.to ?? ''),
    )[0] as (typeof ended)[number];
    // No organization typed ("is he still at it?"): the one they left is the last role's.
    const left = org ?? (last.organization ? ctx.index.kb.byId.get(last.organization) : undefined);
    const leftName = left ? left.name : 'that organization';
    const now = current
      .filter((r) => r.organization !== org?.id)
      .map((r) => roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, ''));
    // A yes/no question ("is she still at Meta?") gets its "No"; "when did she leave?" only the facts.
    const no = ctx.ask.yesNo ? 'No — according' : 'According';
    // Roles that ended the same day went together ("Head of FAIR" beside her Meta titles): all are what she left.
    const together = person.roles
      .filter((r) => r.to === last.to)
      .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''))
      .map((r) => `${r.title}${roleSpan(r)}`);
    // "What is she doing now?", "where did she go after quitting?" with nothing recorded since: that she left is
    // no answer to what came after.
    const after = asksNow(ctx.q.words) ? 'is doing now' : asksAfter(ctx.q.words) ? 'did next' : undefined;
    if (after && !now.length)
      return {
        subject: person,
        lead: `I can't tell what ${person.name} ${after}: the records only say that they left ${leftName} (${together.join('; ')}).`,
        docs: [],
        confidence: 0,
        declines: true,
      };
    lead = `${no} to the sources, ${person.name} left ${leftName}: ${together.join('; ')}.${now.length ? ` Since then: ${now.join(' ')}` : ''}`;
  } else if (!org || (!ctx.ask.yesNo && at.some((r) => !r.to))) {
    // "Which company did he found before he joined Meta?" asks no yes or no: every role answers it.
    const describe = (r: (typeof person.roles)[number]) =>
      roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, '');
    // A title dated to an event ("CEO (at the launch)") is no current role either.
    const past = person.roles.filter((r) => (r.to && r.from !== r.to) || (!r.to && pastRole(r)));
    const nowRoles = current.filter((r) => !r.initiative && !pastRole(r));
    // "What is he working on these days?": founding something long ago says nothing of now.
    if (person.roles.length && asksNow(ctx.q.words) && nowRoles.every((r) => /\bfound/i.test(r.title)))
      return {
        subject: person,
        lead: `I can't tell what ${person.name} is doing now: the records only list these roles: ${roleList(person, ctx)}.`,
        docs: [],
        confidence: 0,
        declines: true,
      };
    // "What did he do after he left?": with no role since, the roles he held are no answer to what came next.
    if (person.roles.length && !nowRoles.length && asksAfter(ctx.q.words))
      return {
        subject: person,
        lead: `I can't tell what ${person.name} did next: the records only list these roles: ${roleList(person, ctx)}.`,
        docs: [],
        confidence: 0,
        declines: true,
      };
    const now = nowRoles.map(describe);
    lead = `According to the sources, ${person.name}'s current roles: ${now.join(' ') || 'none recorded.'}${past.length ? `\nEarlier: ${past.map(describe).join(' ')}` : ''}`;
  } else if (at.some((r) => !r.to)) {
    const role = at.find((r) => !r.to) as (typeof at)[number];
    // "Is she still at it?": a role with no end recorded says she was there when the sources wrote, not now.
    if (ctx.q.words.includes('still') || asksNow(ctx.q.words))
      return {
        subject: person,
        lead: `I can't tell whether ${person.name} is still there: the records only say ${person.name} was ${role.title}${roleSpan(role)}${org ? ` at ${org.name}` : ''} when their sources were written.`,
        docs: [],
        confidence: 0,
        declines: true,
      };
    lead = `As far as the sources go, yes — ${person.name} is ${role.title}${roleSpan(role)}. The records may lag behind recent changes.`;
  } else {
    lead = `${person.name} — ${person.summary}`;
  }
  const docs = rankDocs(ctx, [person.id], { topics: ['career'], limit: 3 }).filter(
    (d) => d.topic !== 'summary' && d.topic !== 'role',
  );
  return {
    sure: true,
    subject: person,
    lead,
    leadSources: [...person.sources, ...at.flatMap((r) => r.sources)],
    docs,
    confidence: score,
  };
}

/**
 * A person's role asked at a named initiative or organization: their roles there, when the records hold any;
 * undefined otherwise, so a statement naming both may answer.
 */
export function personRolesAt(
  ctx: Ctx,
  person: Rec<'person'>,
  at: readonly KbRecord[],
  score: number,
): Draft | undefined {
  const ids = new Set(at.map((r) => r.id));
  const roles = person.roles.filter(
    (r) => (r.organization && ids.has(r.organization)) || (r.initiative && ids.has(r.initiative)),
  );
  if (!roles.length) return undefined;
  return {
    sure: true,
    subject: person,
    lead: roles.map((r) => roleSentence(person, r, ctx.index.kb)).join(' '),
    leadSources: roles.flatMap((r) => r.sources),
    docs: [],
    confidence: score,
  };
}

export function personQuotes(ctx: Ctx, person: Rec<'person'>, score: number): Draft {
  const own = rankDocs(ctx, [person.id], {
    topics: ['quote'],
    limit: 3,
    only: (d) => d.recordId === person.id && (d.topic === 'quote' || d.quote !== undefined),
  });
  // What they said is often recorded under the initiative they spoke about ("Analyst X said 'the jury is out'"),
  // never under another person: a colleague's profile names them as successor or peer, not as a speaker.
  const name = ` ${normalize(person.name)} `;
  const elsewhere = ctx.index.facts
    .search(person.name, () => false, 20)
    .map((h) => ctx.index.factDocs[h.id] as FactDoc)
    .filter(
      (d) =>
        d.recordId !== person.id &&
        ctx.index.kb.byId.get(d.recordId)?.kind !== 'person' &&
        visibleTo(ctx, d) &&
        (d.topic === 'quote' || d.quote !== undefined || /['‘“"]/.test(d.text)) &&
        ` ${normalize(d.text)} `.includes(name),
    );
  const docs = [...own, ...elsewhere].slice(0, 3);
  if (docs.length === 0) {
    const overview = personOverview(ctx, person, score);
    // Nothing they said or wrote is on record: their profile would answer something else.
    const spoke = (ctx.index.docsByRecord.get(person.id) ?? []).some(
      (d) => d.recordId === person.id && SPEECH.test(d.text),
    );
    // ("Which paper did she co-write?" asks for writing the profile may hold: it stands when it covers the ask.)
    const covered =
      ctx.ask.content.length > 0 &&
      coverage(ctx.ask.content, overview.docs, [overview.lead], ctx.index).ratio >= 0.5;
    return spoke || covered ? overview : { ...overview, unknown: true };
  }
  return {
    subject: person,
    lead: `What ${person.name} said, per the sources:`,
    docs,
    confidence: score,
    quoteStyle: true,
  };
}

/** A statement that reports someone's words. */
const SPEECH =
  /\b(?:said|says|told|tells|wrote|writes|argued|argues|called|calls|warned|stated|noted|posted|questioned|described|answered|replied|quipped)\b/i;

/** Words of leaving a post. */
const LEAVING = new Set([
  'leaving',
  'left',
  'quitting',
  'quit',
  'departing',
  'departure',
  'exit',
  'stepping',
]);

/** The question asks what came after someone left ("after leaving", "went on to", "what next"). */
const PRONOUNS = new Set(['he', 'she', 'they']);

function asksAfter(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      ((w === 'after' || w === 'since') &&
        (LEAVING.has(words[i + 1] ?? '') ||
          (PRONOUNS.has(words[i + 1] ?? '') && LEAVING.has(words[i + 2] ?? '')))) ||
      (w === 'on' && words[i + 1] === 'to' && ['go', 'went', 'gone', 'going'].includes(words[i - 1] ?? '')) ||
      w === 'afterwards' ||
      w === 'afterward' ||
      (w === 'next' && i === words.length - 1),
  );
}

/** A person's roles as a short clause: "Founder (Stability AI); CEO (at the launch) (Stability AI)". */
function roleList(person: Person, ctx: Ctx): string {
  return person.roles
    .map((r) => roleSentence(person, r, ctx.index.kb).replace(`${person.name}: `, '').replace(/\.$/, ''))
    .join('; ');
}

/** Role nouns as they are written in a sentence. */
const ROLE_NOUNS: Readonly<Record<string, string>> = {
  ceo: 'CEO',
  vp: 'VP',
  chair: 'chair',
  chairman: 'chairman',
  chairwoman: 'chairwoman',
  // "Who chairs it?": the verb asks for its chair.
  chairs: 'chair',
  chaired: 'chair',
  president: 'president',
  director: 'director',
  executive: 'executive',
  head: 'head',
  leader: 'leader',
  boss: 'boss',
  officer: 'officer',
};

/** The role as the member wrote it: the first run of role nouns ("executive director", "CEO"). */
function roleAskedFor(words: readonly string[]): string | undefined {
  const at = words.findIndex((w) => ROLE_NOUNS[w]);
  if (at < 0) return undefined;
  let end = at + 1;
  while (end < words.length && ROLE_NOUNS[words[end] as string]) end++;
  return words
    .slice(at, end)
    .map((w) => ROLE_NOUNS[w])
    .join(' ');
}

/** Words that name a title, not only a leading ("who leads it" may be answered by the body's founders). */
const TITLE_WORDS: ReadonlySet<string> = new Set(
  'chair chairs chaired chairman chairwoman chairperson director directors ceo president board secretary treasurer'.split(
    ' ',
  ),
);

/** Roles that lead a body: the ones the records may say nobody holds. */
const LEADING_ROLES = new Set(['lead', 'head', 'director', 'chair', 'ceo', 'president', 'chief executive']);

/** Role words that are verbs as often as titles ("who leads it", "heads it"). */
const VERB_LIKE_TITLES = new Set(['lead', 'head']);

/** Words asking for a role that has ended. */
const FORMER_WORDS: ReadonlySet<string> = new Set([
  'former',
  'formerly',
  'ex',
  'previous',
  'past',
  'onetime',
]);

/**
 * The best-fitting role at a named organization that only a statement's text tells ("its CEO is …", a launch
 * quote's "Jane Roe (CEO, Acme)"), when no person record already holds it there.
 */
function roleInText(
  ctx: Ctx,
  scopeRecords: readonly KbRecord[],
  held: readonly { person: Person; role: { organization?: string | undefined } }[],
  titleFit: (title: string) => number,
): { role: TextRole; s: number } | undefined {
  let best: { role: TextRole; s: number } | undefined;
  // A launch quote is filed under the body it was said for, and heads with the speaker's roles at their own
  // organization: the quotes of the bodies the organizations take part in.
  const bodies = new Set(
    scopeRecords.flatMap((r) =>
      r.kind === 'organization' ? r.involvement.map((i) => i.initiative) : [r.id],
    ),
  );
  const quotes = [...bodies].flatMap((id) =>
    (ctx.index.docsByRecord.get(id) ?? []).filter((d) => d.topic === 'quote' && d.recordId === id),
  );
  for (const org of scopeRecords) {
    if (org.kind !== 'organization') continue;
    for (const role of rolesInText(org, [...quotes, ...(ctx.index.docsByRecord.get(org.id) ?? [])])) {
      // Someone with a record of their own is known by its roles, not by a sentence's.
      const person = ctx.index.surfaces.get(normalize(role.name))?.some((x) => x.record.kind === 'person');
      if (person || held.some((h) => h.person.name === role.name)) continue;
      const s = titleFit(role.title);
      if (s >= 2 && s > (best?.s ?? 0)) best = { role, s };
    }
  }
  return best;
}

/** People whose role title matches the role words of the question, at the records it names. */
export function roleLookup(ctx: Ctx, scopeRecords: readonly KbRecord[], score: number): Draft | undefined {
  const { index, ask } = ctx;
  // A role listed under an initiative whose title names the person's own company ("IBM Chairman and CEO") is a
  // company role, not a role in the initiative.
  const namesOwnOrg = (s: { person: Person; role: { title: string } }) =>
    s.person.roles.some((r) => {
      const org = r.organization ? index.kb.byId.get(r.organization) : undefined;
      return org !== undefined && normalize(s.role.title).includes(normalize(shortName(org)));
    });
  const candidates = scopeRecords.flatMap((r) => [
    ...(index.staffOfOrg.get(r.id) ?? []),
    ...(index.staffOfInitiative.get(r.id) ?? []).filter((s) => !namesOwnOrg(s)),
  ]);
  const roleAsked = ctx.q.words.map((w) => ROLE_WORDS[w]).filter((r) => r !== undefined);
  // Named words count too: "representing OpenAI" answers who represented OpenAI.
  const qWords = new Set([...ctx.ask.content, ...ctx.ask.named]);
  const titleFit = (written: string) => {
    const title = normalize(written);
    // Each role word asked counts once, whichever of its readings the title holds: "boss" met by "CEO and
    // chairman" is one match, as it is by "Director".
    const s = roleAsked.filter((readings) => readings.some((w) => title.includes(w))).length * 2;
    return s + title.split(' ').filter((w) => qWords.has(w)).length * 0.5;
  };
  // "Meta's former head of research": a role that has ended is the one asked for; otherwise the current one.
  const former = ctx.q.words.some((w) => FORMER_WORDS.has(w));
  const tense = (ended: boolean) => (former ? (ended ? 1 : 0) : ended ? 0 : 0.2);
  const scored = candidates
    .map((c) => ({ c, s: titleFit(c.role.title) + tense(!!c.role.to) }))
    .filter((x) => x.s >= 2)
    .sort((a, b) => b.s - a.s);
  const subject = scopeRecords[0];
  if (!subject) return undefined;
  const best = scored[0];
  // "Who runs it?" may be an organization operating it; a title ("its CEO", "the president") is a person's.
  const titleAsked = ctx.q.words.some((w) => ROLE_WORDS[w]?.includes(w) && !VERB_LIKE_TITLES.has(w));
  const told = titleAsked ? roleInText(ctx, scopeRecords, candidates, titleFit) : undefined;
  if (told && told.s > (best?.s ?? 0)) {
    const { name, shown, org, doc } = told.role;
    return {
      subject: org,
      lead: `${name} — ${shown}.`,
      leadSources: doc.sources,
      docs: [doc],
      quoteStyle: asks(ctx.ask, 'quote'),
      // Read from a sentence's shape, not a record's roles: shown, but not as a sure answer.
      confidence: score * 0.75,
      sure: true,
    };
  }
  if (!best) {
    // Only a body (an initiative) is said to have no named leader; an organization's leader may be in its text,
    // and an analyst or reporter who wrote about the body is no role in it.
    if (!asks(ask, 'governance', 'role') || subject.kind !== 'initiative') return undefined;
    if (ask.roleWords.length && !ask.roleWords.some((w) => LEADING_ROLES.has(w))) return undefined;
    const founders = subject.kind === 'initiative' ? foundersOf(ctx, subject) : [];
    const role = roleAskedFor(ctx.q.words) ?? 'leader';
    const lead = `The sources do not name ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} for ${withArticle(subject.name)} itself${founders.length ? `; it was launched and is represented by its ${founders.length === 1 ? 'founder' : 'co-founders'} ${joinList(founders)}` : ''}.`;
    // A title asked for ("who chairs its board", "its executive director") that no source names is not known:
    // the reply says so and who represents the body, as a refusal. "Who runs it?" is answered by the founders.
    if (ctx.q.words.some((w) => TITLE_WORDS.has(w)))
      return { subject, lead, docs: [], confidence: 0, declines: true };
    return {
      subject,
      lead,
      docs: rankDocs(ctx, [subject.id], { topics: ['governance'], limit: 3 }),
      confidence: score * 0.9,
    };
  }
  const { person, role } = best.c;
  // "Who is X's CEO today?": a role the records date to the past ("CEO (at the launch)", an end date) doesn't
  // say who holds it now, unless someone holds the same title without such a limit.
  const current = scored.some((x) => x.s === best.s && !pastRole(x.c.role));
  if (asksNow(ctx.q.words) && pastRole(role) && !current) {
    const where = role.organization ? index.kb.byId.get(role.organization) : undefined;
    const of = where ? ` at ${where.name}` : '';
    return {
      subject,
      lead: `I can't tell who holds that role${of} now: the records only say who held it then — ${person.name}, ${role.title}${roleSpan(role)}.`,
      docs: [],
      confidence: 0,
      declines: true,
    };
  }
  const others = scored
    .slice(1, 3)
    .filter((x) => x.s === best.s && x.c.person.id !== person.id)
    .map((x) => x.c.person.name);
  const org = role.organization ? index.kb.byId.get(role.organization) : undefined;
  const at = org && !normalize(role.title).includes(normalize(shortName(org))) ? `, ${org.name}` : '';
  const lead = `${person.name} — ${role.title}${at}${roleSpan(role)}.${others.length ? ` Also: ${joinList(others)}.` : ''}`;
  const docs = rankDocs(ctx, [person.id], { topics: ['quote', 'career'], limit: 2 }).filter(
    (d) => d.topic !== 'role' && d.topic !== 'summary',
  );
  // One holder named: what a later "he" or "she" means ("who runs Cohere, and which paper did he co-write?").
  const picked = others.length ? undefined : [person];
  return {
    subject: person,
    lead,
    leadSources: role.sources,
    docs,
    confidence: score * 0.95,
    sure: true,
    picked,
  };
}
