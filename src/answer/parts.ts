import type { Mention } from '../search/link.js';
import { asks, readAsk } from './ask.js';
import { dedupeSentences, MAX_ANSWER_CHARS } from './compose.js';
import type { Ctx } from './context.js';
import { coverage } from './coverage.js';
import { uniqueRecords } from './handlers/shared.js';
import { MIN_COVERAGE } from './judge.js';
import { namesShare } from './naming.js';
import { type Question, readQuestion } from './question.js';
import type { Answer } from './types.js';

/** At most this many questions in one message are answered. */
const MAX_PARTS = 2;
/** At most this many organizations or people in one question are answered. */
const MAX_RECORDS = 3;

/** Where a second question starts (global: every place is tried in turn). */
const SECOND_QUESTIONS =
  /(?:\?\s+|[,;]\s*(?:and\s+|also\s+|plus\s+)?|\s+(?:and|also|plus)\s+)(?:(?:roughly|approximately|about|so|then)\s+)?(?=(?:when|who|whos|what|whats|how|why|where|which|is|are|was|were|did|does|do|has|have|can|could|would|will|should)\b)|\s+\+\s+(?:also\s+)?(?=(?:when|who|whos|what|whats|how|why|where|which|is|are|was|were|did|does|do|their|his|her|its|any)\b)|\?\s+(?:also\s+|and\s+|plus\s+)?(?=\S+\s+\S)|,?\s+and\s+(?=(?:its|their|his|her)\s+\S+)/gi;

/**
 * Splits a message holding two questions ("when did X start, and who leads it?") into its parts; a message
 * holding one question is returned whole.
 */
export function splitQuestion(q: Question): Question[] {
  // What the message reads as when no place splits it: a lead-in found first joins the question after it.
  let whole = q;
  // The first place that starts a second question; a place that only ends a lead-in ("Speaking of X, who…,
  // and how…") or a name too short to be a question leaves the later places to try.
  for (const m of q.raw.matchAll(SECOND_QUESTIONS)) {
    const first = q.raw.slice(0, m.index);
    const second = q.raw.slice(m.index + m[0].length);
    // "cohere ceo + his background": a name and an ask word joined by "+" are a question already.
    // "whats X, and when did it launch?": a question word and a name ask a question of their own.
    const shortest = m[0].includes('+') || WH_START.test(first) ? 2 : 3;
    if (first.trim().split(/\s+/).length < shortest || !second.trim()) continue;
    // "…on some podcast, which one?": a bare "which" closing the message asks which of what came before ("…? when"
    // still asks a question of its own).
    if (BARE_TAIL.test(second)) continue;
    // "who was the guy who, when asked …, said …": a part that stops on a word needing more is no question yet.
    // ("…was quoted - who, and …" asks who: a question word alone is the question.)
    if (ARTICLE_END.test(first) || (RELATIVE_END.test(first) && WH_START.test(first))) continue;
    // "ok so I keep seeing X everywhere, when did it launch?": a lead-in that asks nothing is context, not a part.
    // A part that ends in "?" or is joined by "+" ("X's CEO + their angle") asked something of its own.
    // "X launch date and its director": after a terse ask, "and its …" asks the next thing of the same name; in a
    // question ("what did X and its partners announce") it is one more name.
    if (
      POSSESSIVE_START.test(second) &&
      /^,?\s+and\s+$/i.test(m[0]) &&
      (WH_WORD.test(first) || !terseAsk(first))
    )
      continue;
    const asked = /[?+]/.test(m[0]) || /[?]/.test(first);
    if (!asked && !WH_WORD.test(first) && !YES_NO_START.test(first) && !terseAsk(first)) {
      if (whole === q) whole = readQuestion(`${first} ${second}`);
      continue;
    }
    return [readQuestion(first), readQuestion(second)].slice(0, MAX_PARTS);
  }
  return [whole];
}

/** Words that tell of the member, as a lead-in does ("I keep seeing …", "speaking of …"), not of an ask. */
const SPEAKER = /\b(?:i|im|ive|me|my|we|our|you|your|speaking|talking|reading|seeing|hearing|question)\b/i;

/**
 * A fragment that asks on its own ("first director of the Forum, and how much …"): the cue table reads an ask
 * in it beyond an overview, and nothing in it tells of the member.
 */
function terseAsk(text: string): boolean {
  if (SPEAKER.test(text)) return false;
  // "A vs B, what sets them apart?": a comparison named first is the topic the question after asks about.
  const { types } = readAsk(readQuestion(text), []);
  return !types.includes('compare') && types.some((t) => t !== 'overview' && t !== 'context');
}

const BARE_TAIL = /^\s*(?:which|what)(?:\s+(?:one|ones|of them|exactly))?\s*[?!.]*\s*$/i;

const POSSESSIVE_START = /^(?:its|their|his|her)\b/i;

/** A last word that needs what follows: an article, or a relative pronoun after a question word. */
const ARTICLE_END = /\b(?:the|a|an)\s*$/i;
const RELATIVE_END = /\s(?:who|whom|whose|that|which)\s*$/i;

/** A question word anywhere makes a part a question; "is", "did" only where a question starts with them. */
const WH_WORD = /\b(?:when|who|whos|what|whats|how|why|where|which|whose)\b/i;
const WH_START = /^\W*(?:what|whats|who|whos|where|wheres)\b/i;
const YES_NO_START = /^\W*(?:is|are|was|were|did|does|do|has|have|can|could|would|will|should)\b/i;

/**
 * Several organizations or people asked the same thing ("are A and B both in it?", "who spoke for A, B and C at
 * the launch?"): one set of mentions per record, each with the initiatives named, so each is answered on its own.
 */
export function recordTargets(ctx: Ctx): Mention[][] {
  const { ask, mentions } = ctx;
  // "Are A and B members?" asks about each; "who are the members?" for the list.
  if (asks(ask, 'compare', 'count') || (asks(ask, 'members') && !ask.yesNo)) return [];
  const bodies = mentions.filter((m) => m.surfaces.some((s) => s.record.kind === 'initiative'));
  // "Did A and B found it?" is about the initiative's founders; "who founded A and B?" about each organization.
  if (asks(ask, 'founders') && !ask.yesNo && (bodies.length > 0 || asks(ask, 'joint'))) return [];
  const rest = mentions.filter((m) => !bodies.includes(m));
  for (const kind of ['organization', 'person'] as const) {
    const named = rest.filter((m) => m.surfaces.every((s) => s.record.kind === kind));
    if (named.length >= 2 && named.length === rest.length && !reasonTogether(ctx, named))
      return named.slice(0, MAX_RECORDS).map((o) => [o, ...bodies]);
  }
  return [];
}

/**
 * "Why did A, B and C stay out?": when one statement gives the reason for all of them together, that statement
 * answers them, not a clipped answer for each.
 */
function reasonTogether(ctx: Ctx, named: readonly Mention[]): boolean {
  if (!asks(ctx.ask, 'why') || named.length < 3 || !ctx.ask.content.length) return false;
  const records = uniqueRecords(named);
  const docs = uniqueRecords(ctx.mentions).flatMap((r) => ctx.index.docsByRecord.get(r.id) ?? []);
  // …and holds what else was asked ("according to TechCrunch"): naming them all is not yet giving a reason.
  return docs.some(
    (d) =>
      namesShare(d, records, ctx.index) >= 1 &&
      coverage(ctx.ask.content, [d], [], ctx.index).ratio >= MIN_COVERAGE,
  );
}

/** Joins the answers to the parts of a message, in order, within the length limit; says what didn't fit. */
export function mergeAnswers(answers: readonly Answer[]): Answer {
  if (answers.length === 1) return answers[0] as Answer;
  const answered = answers.filter((a) => a.answered);
  const texts: string[] = [];
  const left: string[] = [];
  for (const a of answers) {
    const next = [...texts, a.answer].join('\n\n');
    if (next.length <= MAX_ANSWER_CHARS) texts.push(a.answer);
    else left.push(a.subject?.name ?? 'the rest');
  }
  if (left.length) texts.push(`(That's all that fits — ask again about ${left.join(' and ')}.)`);
  const sources = answered
    .flatMap((a) => a.sources)
    .filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i);
  const suggestions = answers
    .flatMap((a) => a.suggestions)
    .filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i);
  const confidence = answered.length ? Math.min(...answered.map((a) => a.confidence)) : 0;
  return {
    answered: answered.length > 0,
    answer: dedupeSentences(withoutRepeats(texts).filter(Boolean).join('\n\n')),
    // A part left unanswered makes the whole reply less sure.
    confidence: Number((answered.length < answers.length ? confidence * 0.7 : confidence).toFixed(2)),
    subject: answered[0]?.subject ?? null,
    sources: sources.slice(0, 5),
    suggestions: suggestions.slice(0, 5),
  };
}

/** A whole sentence of its own: what a later part keeps must hold one, or it is a fragment. */
const SENTENCE = /[A-Z“"'(][^.!?]{20,}[.!?]/;

/**
 * The sentences of an answer, 30 characters or longer: cut where a capital starts the next one, so a dot inside a
 * name ("fxis.ai's article") doesn't split one.
 */
function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.replace(/^• /, '').split(/(?<=[.!?])\s+(?=[A-Z“"'(])/))
    .filter((s) => s.length >= 30);
}

/** Later parts drop a parenthesis or sentence an earlier part already said (a spelling note, a launch line). */
function withoutRepeats(texts: readonly string[]): string[] {
  const said: string[] = [];
  return texts.map((text) => {
    let out = text;
    for (const piece of [...(text.match(/\([^()]{20,}\)/g) ?? []), ...sentencesOf(text)]) {
      if (said.some((earlier) => earlier.includes(piece.trim()))) out = out.replace(piece, '');
    }
    said.push(text);
    // A parenthesis dropped leaves no space before the comma or stop that followed it ("AMI , a startup").
    out = out
      .replace(/ {2,}/g, ' ')
      .replace(/ ([,.;:])/g, '$1')
      .trim();
    // What is left of a part said almost whole before may be a fragment ("ai, Fenrir, Inc."), not an answer.
    return out === text || SENTENCE.test(out) ? out : '';
  });
}
