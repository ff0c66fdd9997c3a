/**
 * A name set aside by the question ("besides LeCun, who signed it?", "apart from Llama 2, which models…"): the
 * member already knows about it and asks for the others, so it is context, not the subject.
 */
import type { Mention } from '../search/link.js';
import type { Question } from './question.js';

/** One-word and two-word ways of setting something aside, read just before the name (an article may sit between). */
const SETTING_ASIDE = new Set([
  'besides',
  'except',
  'excluding',
  'apart from',
  'aside from',
  'other than',
  'not counting',
]);

/** Words that join a name to the one before it in a list ("besides IBM and Meta"). */
const JOINERS = new Set(['and', 'or', 'nor', 'the']);

/** Drops the names the question sets aside, with any listed after them; a question that sets aside nothing keeps every name. */
export function withoutSetAside(mentions: readonly Mention[], part: Question): readonly Mention[] {
  const { words } = part;
  const before = (m: Mention) => {
    const at = words[m.start - 1] === 'the' ? m.start - 1 : m.start;
    return SETTING_ASIDE.has(words[at - 1] ?? '') || SETTING_ASIDE.has(words.slice(at - 2, at).join(' '));
  };
  const aside = new Set<Mention>();
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  sorted.forEach((m, i) => {
    const prev = sorted[i - 1];
    const listed =
      prev !== undefined &&
      aside.has(prev) &&
      m.start > prev.end &&
      words.slice(prev.end, m.start).every((w) => JOINERS.has(w));
    if (before(m) || listed) aside.add(m);
  });
  return aside.size ? mentions.filter((m) => !aside.has(m)) : mentions;
}
