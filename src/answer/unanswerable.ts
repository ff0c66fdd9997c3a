/**
 * Questions the records cannot answer by their kind, whatever record they name: a gathering still to come, a
 * how-to for the member's own hands, someone's schooling, the bot's own opinion. Each is refused unless a
 * statement speaks to it.
 */
import type { KbRecord } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import { asks } from './ask.js';
import type { Ctx } from './context.js';
import { coverage } from './coverage.js';
import type { Question } from './question.js';

/** Gatherings a body may hold: asked about as coming ("the next summit"), they are dated events to come. */
const EVENT_NOUNS = new Set(
  'summit summits conference conferences meetup meetups event events hackathon hackathons keynote workshop workshops webinar webinars gathering convention expo'.split(
    ' ',
  ),
);

const COMING = new Set(['next', 'upcoming']);
/** How many words after "next" say what comes next. */
const COMING_SPAN = 5;
/** The share of those words a statement of something to come must hold to tell of it. */
const COMING_COVERED = 0.5;

/** Words with which a statement tells of something to come ("plans to hold", "will host"). */
const TO_COME = /\b(?:will|plans?|planned|scheduled|upcoming|next)\b/;

/**
 * "When is the next summit?", "who hosts the annual conference next year?": a gathering still to come is told
 * only by a named record's statement that speaks of that kind of gathering as something to come. Past events
 * ("on the day of the AI Safety Summit") or aims to hold events say nothing of the next one. So is the date of
 * anything else asked as next ("when is the next results round published?"): a statement of something to come
 * must hold half of what the question says comes next.
 */
export function comingEventUntold(ctx: Ctx, records: readonly KbRecord[]): boolean {
  const { words } = ctx.q;
  const at = words.findIndex((w) => COMING.has(w));
  if (at < 0) return false;
  const events = words.filter((w) => EVENT_NOUNS.has(w));
  const docs = records.flatMap((r) => ctx.index.docsByRecord.get(r.id) ?? []);
  const told = (things: readonly string[], share: number) =>
    docs.some(
      (d) => TO_COME.test(normalize(d.text)) && coverage(things, [], [d.text], ctx.index).ratio >= share,
    );
  if (events.length) return !events.some((e) => told([e], 1));
  // "When is the next results round published?": whatever comes next is told only as something to come.
  const content = new Set(ctx.ask.content);
  const coming = words.slice(at + 1, at + 1 + COMING_SPAN).filter((w) => content.has(w));
  return asks(ctx.ask, 'when') && coming.length > 0 && !told(coming, COMING_COVERED);
}

/** "Which college did she attend?", "what did he study", "has she got a PhD": someone's schooling. */
const SCHOOLING =
  /\b(?:go|goes|went|gone|going) to (?:college|school|uni|university|grad school)\b|\balma mater\b|\b(?:his|her|their|a|an) (?:degree|degrees|phd|doctorate|bachelors?|masters?)\b|\b(?<!to )what degrees?\b|\b(?:phd|doctorate|graduated|graduate from)\b|\b(?:where|what) did (?:\w+ ){1,3}(?:study|major in)\b|\b(?:which|what) (?:college|school|uni|university) did (?:\w+ ){1,3}(?:go|attend|study|graduate)\b|\battended (?:college|school|uni|university)\b/;

/** Words with which a statement tells of schooling. */
const SCHOOLING_TOLD =
  /\b(?:studied|studies|study|degree|phd|ph d|graduated|graduate|alma mater|doctorate|bachelor|master s|masters|majored)\b/;

/**
 * Someone's schooling is told only by a statement of the person asked about that speaks of study or a degree;
 * their roles, a professorship among them, don't say where they studied.
 */
export function schoolingUntold(ctx: Ctx, records: readonly KbRecord[]): boolean {
  const people = records.filter((r) => r.kind === 'person');
  if (!people.length || !SCHOOLING.test(ctx.q.norm)) return false;
  const texts = people.flatMap((p) => [
    p.summary,
    ...(ctx.index.docsByRecord.get(p.id) ?? []).map((d) => d.text),
  ]);
  return !texts.some((t) => SCHOOLING_TOLD.test(normalize(t)));
}

/** "How do I…", "where can we…": steps for the member to take, which records of who did what don't give. */
const HOW_TO = /\b(?:how|where) (?:do|can|could|should|would) (?:i|we|u|you)\b/;

/**
 * A how-to ("how do I submit a dataset to it", "where can we download the weights") is told only by a statement of a
 * named record that holds every content word of it.
 */
export function howToUntold(ctx: Ctx, records: readonly KbRecord[]): boolean {
  if (!HOW_TO.test(ctx.q.norm)) return false;
  if (!ctx.ask.content.length) return true;
  const docs = records.flatMap((r) => ctx.index.docsByRecord.get(r.id) ?? []);
  return !docs.some((d) => coverage(ctx.ask.content, [d], [], ctx.index).ratio >= 0.99);
}

/** "Do you think…", "in your opinion", "what's your take": the bot's own view, which it doesn't have. */
const OPINION =
  /\b(?:do|would|did) (?:you|u|ya) (?:think|reckon|believe)\b|\bin your (?:opinion|view)\b|\byour (?:take|opinion|view|thoughts)\b|\bhonest (?:opinion|take)\b/;

/** The message asks the bot for its own opinion, in any of its parts. */
export function asksOpinion(q: Question): boolean {
  return OPINION.test(q.norm);
}
