/**
 * Someone named only to say they left ("who runs the community now that Pineau left?"): the question asks about
 * the body, and the person is its context, not its subject.
 */
import type { Mention } from '../search/link.js';
import type { Question } from './question.js';

/** Words that say someone has left (read by the premise check too). */
export const LEAVING: ReadonlySet<string> = new Set(
  'left leave leaves leaving gone quit quits departed departs departure exited exit stepped retired'.split(
    ' ',
  ),
);

/** Words that make what follows a point in time. */
const TIME_WORDS = new Set(['after', 'since', 'once', 'when']);

/**
 * Drops a person named after the body a "who …" question asks about when a word of leaving follows them within
 * three words: "who leads X after P left", "who runs X now that P is gone".
 */
export function withoutDeparted(mentions: readonly Mention[], part: Question): readonly Mention[] {
  const { words } = part;
  const asksWho = words[0] === 'who' || words[0] === 'whos';
  const bodies = mentions.filter((m) => m.surfaces.some((s) => s.record.kind !== 'person'));
  // "…did the firm leave after P stepped down?": a person after a word of time is when, whatever is asked.
  const departed = (m: Mention) =>
    m.surfaces.every((s) => s.record.kind === 'person') &&
    bodies.some((b) => b.end <= m.start) &&
    (asksWho || TIME_WORDS.has(words[m.start - 1] ?? '')) &&
    words.slice(m.end, m.end + 3).some((w) => LEAVING.has(w));
  return mentions.some(departed) ? mentions.filter((m) => !departed(m)) : mentions;
}
