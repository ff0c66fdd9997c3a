/**
 * People a question names by their role instead of their name ("the company's previous research head", "the CEO of
 * Cohere"), when it asks something about that person rather than who holds the role: the role's holder stands
 * where the role was written, so the rest of the question is asked of the person.
 */
import type { SearchIndex, Staffing } from '../search/index.js';
import type { Mention } from '../search/link.js';
import { pastRole } from '../search/render.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/vocabulary.js';
import { readAsk } from './ask.js';
import type { Question } from './question.js';
import { ROLE_WORDS } from './rules.js';

/**
 * Role nouns, and the title words each may be written as ("boss" → CEO, head…). Nouns only: a verb ("the
 * Alliance running") names no one. Not a reporter or writer: what an outlet's writer wrote is told as the
 * outlet's ("TechCrunch says…"), so the outlet stays the one asked about.
 */
const TITLE_NOUNS: Readonly<Record<string, readonly string[]>> = (() => {
  const out: Record<string, readonly string[]> = {};
  for (const w of 'ceo chairman chairwoman chair president director founder founders cofounder head boss lead leader vp scientist officer executive analyst'.split(
    ' ',
  ))
    out[w] = ROLE_WORDS[w] ?? [w];
  out.cofounder = ROLE_WORDS.founder ?? [];
  out.chief = ['chief', 'head', 'lead', 'president'];
  out.professor = ['professor'];
  return out;
})();

/** Words that date a role, said beside it. */
const FORMER = new Set(['former', 'ex', 'old', 'previous', 'then']);
const CURRENT = new Set(['current', 'new', 'now']);
/** Words that join a role to the organization written after it ("the head of FAIR", "CEO at IBM"). */
const JOINERS = new Set(['of', 'at', 'for']);
/** What the question asks when it only wants the holder: nothing to re-ask of the person. */
const HOLDER_ONLY = new Set(['role', 'overview']);

/** A role's holder standing in a mention's place. */
const ROLE_SCORE = 0.9;

/**
 * The span of role words written right after a name ("ibm's former research director") or right before it
 * with a joiner ("the former head of fair"), and the words of it.
 */
function roleSpan(
  words: readonly string[],
  m: Mention,
  titleWords: ReadonlySet<string>,
): { start: number; end: number; words: string[] } | undefined {
  const fits = (w: string) => titleWords.has(w) || !!TITLE_NOUNS[w] || FORMER.has(w) || CURRENT.has(w);
  const hasRole = (ws: readonly string[]) => ws.some((w) => TITLE_NOUNS[w]);
  // After: "IBM's CEO", "the lab's previous research head".
  let end = m.end;
  while (end < words.length && end - m.end < 6 && (fits(words[end] as string) || words[end] === 'of')) end++;
  while (end > m.end && words[end - 1] === 'of') end--;
  const after = words.slice(m.end, end);
  if (hasRole(after)) return { start: m.start, end, words: after };
  // Before: "the CEO of Cohere", "former chief scientist at Meta".
  if (!JOINERS.has(words[m.start - 1] ?? '')) return undefined;
  let start = m.start - 1;
  while (start > 0 && m.start - start < 7 && fits(words[start - 1] as string)) start--;
  const before = words.slice(start, m.start - 1);
  if (hasRole(before)) return { start, end: m.end, words: before };
  return undefined;
}

/** How well a staffing fits the role words: its title nouns count most, then shared title words, then dating. */
function titleFit(s: Staffing, span: readonly string[]): number {
  const title = normalize(s.role.title);
  const titleSet = new Set(title.split(' '));
  const nouns = span.filter((w) => TITLE_NOUNS[w]);
  // "chief AI scientist": each role noun the title holds counts, so the title with both beats one with "lead".
  const held = nouns.filter((w) => (TITLE_NOUNS[w] ?? []).some((t) => title.includes(t))).length;
  if (!held) return 0;
  let score = 2 * held;
  score += span.filter((w) => !TITLE_NOUNS[w] && !STOPWORDS.has(w) && titleSet.has(w)).length;
  if (span.some((w) => FORMER.has(w))) score += pastRole(s.role) ? 1 : -1;
  else if (span.some((w) => CURRENT.has(w)) || !pastRole(s.role)) score += 0.5;
  return score;
}

/**
 * Replaces an organization's or body's mention followed (or preceded) by a role with the person holding it, when
 * the question asks more of that person than who they are. One holder must fit best; otherwise nothing changes.
 */
export function withRoleHolders(
  q: Question,
  mentions: readonly Mention[],
  index: SearchIndex,
): readonly Mention[] {
  if (!q.words.some((w) => TITLE_NOUNS[w])) return mentions;
  let out: Mention[] | undefined;
  for (const m of mentions) {
    const records = m.surfaces.map((s) => s.record).filter((r) => r.kind !== 'person');
    if (!records.length) continue;
    const staff = records.flatMap((r) => [
      ...(index.staffOfOrg.get(r.id) ?? []),
      ...(index.staffOfInitiative.get(r.id) ?? []),
    ]);
    if (!staff.length) continue;
    const titleWords = new Set(
      staff.flatMap((s) => normalize(s.role.title).split(' ')).filter((w) => !STOPWORDS.has(w)),
    );
    const span = roleSpan(q.words, m, titleWords);
    if (!span) continue;
    // "IBM Research's director": the words of the name may be title words too.
    const said = [...span.words, ...q.words.slice(m.start, m.end)];
    const ranked = staff.map((s) => ({ s, score: titleFit(s, said) })).sort((a, b) => b.score - a.score);
    const [best, next] = ranked;
    if (!best || best.score < 2) continue;
    if (next && next.score === best.score && next.s.person.id !== best.s.person.id) continue;
    const person = best.s.person;
    // "Meta CEO Mark Zuckerberg": the person is named as well, and the organization stays context.
    if (mentions.some((x) => x.surfaces.some((s) => s.record.id === person.id))) continue;
    const holder: Mention = {
      surfaces: [
        { key: normalize(person.name), original: person.name, record: person, garbled: false, isName: true },
      ],
      start: span.start,
      end: span.end,
      score: ROLE_SCORE,
      typed: q.words.slice(span.start, span.end).join(' '),
    };
    const next2 = (out ?? [...mentions]).map((x) => (x === m ? holder : x));
    // "Who is IBM's CEO?": only the holder is asked for, which the role answer gives with the title.
    const ask = readAsk(q, next2);
    if (ask.types.includes('who') || (ask.types.every((t) => HOLDER_ONLY.has(t)) && !ask.content.length))
      continue;
    out = next2;
  }
  return out ?? mentions;
}
