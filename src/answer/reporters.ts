/**
 * Who a claim comes from, as opposed to what it is about: an outlet that reports ("according to TechCrunch",
 * "TechCrunch said the Alliance…") is the source of the answer, not its subject, and an outlet with no record
 * ("did Ars Technica say…") is where a claim was read, not words a statement must hold.
 */
import { publisherName } from '../knowledge/model.js';
import type { SearchIndex } from '../search/index.js';
import type { Mention } from '../search/link.js';
import { informativeness } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import type { Ask } from './ask.js';
import type { Draft } from './compose.js';
import { joinList } from './handlers/shared.js';
import type { Question } from './question.js';
import { OPINION_VERBS, OUTLET_WORDS, SOURCE_VERBS } from './rules.js';

/**
 * "Which startups did TechCrunch name as absent?": the outlet that reports is the source, not what is asked
 * about, when the question names something else too.
 */
export function withoutReporter(
  mentions: readonly Mention[],
  part: Question,
  index: SearchIndex,
): readonly Mention[] {
  const { words } = part;
  // "Which … did X say": X names the source of a list; "why did X say …" asks for X's own words.
  const which = (m: Mention) => words.slice(0, m.start).some((w) => w === 'which');
  const reporter = (m: Mention) =>
    m.surfaces.every((s) => s.record.kind === 'organization') &&
    ((SOURCE_VERBS.has(words[m.end] ?? '') && which(m)) ||
      // "why did X think Y stayed out": X's opinion about Y.
      (OPINION_VERBS.has(words[m.end] ?? '') && mentions.some((o) => o.start > m.end)) ||
      // "TechCrunch said the Alliance overlaps with…": an outlet reporting on another record.
      (SOURCE_VERBS.has(words[m.end] ?? '') && isOutlet(m, index) && mentions.some((o) => o.start > m.end)) ||
      (words[m.start - 1] === 'to' && words[m.start - 2] === 'according') ||
      words[m.start - 1] === 'per');
  const kept = mentions.filter((m) => !reporter(m));
  return kept.length ? kept : mentions;
}

/**
 * "Did <an outlet> report that A joined?": an outlet the records cite but hold no record of is where a claim
 * was read, not words a statement must repeat.
 */
export function withoutOutlets(ask: Ask, part: Question, index: SearchIndex): Ask {
  // The question's word runs looked up, so the cost doesn't grow with the number of publishers.
  const { names, longest } = outletNames(index);
  const { words } = part;
  const outlet = new Set<string>();
  for (let i = 0; i < words.length; i++)
    for (let len = 1; len <= longest && i + len <= words.length; len++) {
      const run = words.slice(i, i + len);
      if (names.has(run.join(' '))) for (const w of run) outlet.add(w);
    }
  if (!outlet.size) return ask;
  const content = ask.content.filter((w) => !outlet.has(w));
  return content.length === ask.content.length ? ask : { ...ask, content };
}

const outlets = new WeakMap<SearchIndex, { names: ReadonlySet<string>; longest: number }>();
const publishers = new WeakMap<SearchIndex, ReadonlySet<string>>();

/** The publishers of the sources the records cite, normalised. */
function publisherNames(index: SearchIndex): ReadonlySet<string> {
  let names = publishers.get(index);
  if (!names) {
    names = new Set([...index.kb.sources.values()].map((s) => normalize(publisherName(s))));
    publishers.set(index, names);
  }
  return names;
}

/**
 * "How did the paper label that startup?": a publisher's name right before a verb of telling makes
 * the words asked for the publisher's, about what follows — not the words of the record it names.
 */
export function publisherTells(q: Question, index: SearchIndex): boolean {
  const names = publisherNames(index);
  // (A company that takes part publishes its own posts: "what did IBM say" asks for IBM's words.)
  const outlet = (name: string) =>
    names.has(name) &&
    !(index.surfaces.get(name) ?? []).some(
      (s) => s.record.kind === 'organization' && s.record.involvement.some((i) => i.role !== 'critic'),
    );
  const { words } = q;
  return words.some(
    (w, i) =>
      SOURCE_VERBS.has(w) && [1, 2, 3].some((len) => len <= i && outlet(words.slice(i - len, i).join(' '))),
  );
}

/** A mention of an organization that published sources the records cite and takes no part (a news site). */
function isOutlet(m: Mention, index: SearchIndex): boolean {
  const known = publisherNames(index);
  return m.surfaces.some((s) => {
    const r = s.record;
    // Meta publishes its own blog, but a company in the initiatives is a party, not a reporter.
    if (r.kind === 'organization' && r.involvement.some((i) => i.role !== 'critic')) return false;
    return known.has(normalize(r.name)) || known.has(s.key);
  });
}

/** Publishers of the cited sources that no record names, normalised ("ars technica"). */
function outletNames(index: SearchIndex): { names: ReadonlySet<string>; longest: number } {
  let known = outlets.get(index);
  if (!known) {
    const all = [...index.kb.sources.values()].map((s) => normalize(publisherName(s)));
    // A one-word name that is an everyday word ("mint") is left alone.
    const names = new Set(
      all.filter(
        (n) => n.length >= 4 && !index.surfaces.has(n) && (n.includes(' ') || informativeness(n) >= 0.9),
      ),
    );
    const longest = Math.max(0, ...[...names].map((n) => n.split(' ').length));
    known = { names, longest };
    outlets.set(index, known);
  }
  return known;
}

/** "Which … outlet framed it so?": an outlet word within a few words after "which" or "what". */
function asksForOutlet(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      OUTLET_WORDS.has(w) && words.slice(Math.max(0, i - 4), i).some((x) => x === 'which' || x === 'what'),
  );
}

/**
 * "Which outlet cast the Alliance as …?": the statement that says so answers what was said; who reported it is
 * its sources' publishers, which the answer then names.
 */
export function withPublishers(draft: Draft, q: Question, index: SearchIndex): Draft {
  const lead = draft.docs[0];
  if (!lead || !asksForOutlet(q.words)) return draft;
  const names = lead.sources
    .map((id) => index.kb.sources.get(id))
    .filter((s): s is NonNullable<typeof s> => !!s && !/^unknown/i.test(s.publisher))
    .map(publisherName)
    .filter((n, i, all) => all.indexOf(n) === i);
  // A statement that names its publisher already says who reported it.
  const subjectName = index.kb.byId.get(lead.recordId)?.name ?? '';
  if (!names.length || names.some((n) => lead.text.includes(n) || subjectName === n)) return draft;
  // Said after the statement it vouches for: "… models (per MediaNama and VoiceBot.ai)."
  const text = withNote(lead.text, `per ${joinList(names)}`);
  return { ...draft, docs: [{ ...lead, text }, ...draft.docs.slice(1)] };
}

/**
 * A statement with a note in brackets closing its first sentence: a long statement may be cut to its first
 * sentences to fit, and the note answers what was asked.
 */
function withNote(text: string, note: string): string {
  const end = text.search(/[.!?](?=\s+[A-Z“"'(])/);
  if (end < 0) return `${text.replace(/\.$/, '')} (${note}).`;
  return `${text.slice(0, end)} (${note})${text.slice(end)}`;
}

/** Kinds of piece a member may ask the name of ("on some podcast, which one?"). */
const MEDIUM_WORDS: ReadonlySet<string> = new Set(
  'podcast podcasts show episode interview video talk keynote newsletter article piece paper report essay'.split(
    ' ',
  ),
);

/** "Which podcast …", "on some podcast, which one?": the name of the piece is asked for. */
function asksForPiece(words: readonly string[]): boolean {
  const which = (i: number) => words.slice(Math.max(0, i - 3), i).some((x) => x === 'which' || x === 'what');
  const medium = words.findIndex((w) => MEDIUM_WORDS.has(w));
  if (medium < 0) return false;
  return (
    which(medium) ||
    words.some((w, i) => w === 'one' && (words[i - 1] === 'which' || words[i - 1] === 'what'))
  );
}

/**
 * "She said it on some podcast — which one?": the statement that tells what was said answers it, and the piece it
 * was said in is its source's title, which the answer then names.
 */
export function withPieceTitles(draft: Draft, q: Question, index: SearchIndex): Draft {
  const lead = draft.docs[0];
  if (!lead || !asksForPiece(q.words)) return draft;
  const source = lead.sources.map((id) => index.kb.sources.get(id)).find((s) => !!s);
  if (!source || lead.text.includes(source.title)) return draft;
  const text = withNote(lead.text, `in “${source.title}”, ${publisherName(source)}`);
  return { ...draft, docs: [{ ...lead, text }, ...draft.docs.slice(1)] };
}
