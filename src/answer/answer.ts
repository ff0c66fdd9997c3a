import type { KbRecord } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { spellingLexicon } from '../search/lexicon.js';
import { linkEntities, type Mention } from '../search/link.js';
import { informativeness } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import { correctSpelling } from '../text/spelling.js';
import { asks, readAsk } from './ask.js';
import { CONFIDENT, composeAnswer, type Draft, echoCompounds } from './compose.js';
import type { Ctx } from './context.js';
import { withoutDeparted } from './departed.js';
import { describedRecords } from './described.js';
import { withoutSetAside } from './excluded.js';
import { asksAboutLeaving, strangerBeside, tellsOfLeaving, unknownMember } from './handlers/membership.js';
import type { Rec } from './handlers/shared.js';
import { judge } from './judge.js';
import { namesShare } from './naming.js';
import { mergeAnswers, recordTargets, splitQuestion } from './parts.js';
import { type Question, readQuestion } from './question.js';
import { refuse } from './refuse.js';
import { withoutOutlets, withoutReporter, withPieceTitles, withPublishers } from './reporters.js';
import { withRoleHolders } from './role-described.js';
import { route } from './route.js';
import type { Answer } from './types.js';
import { asksOpinion } from './unanswerable.js';

export type { Answer, AnswerSource, Subject, Suggestion } from './types.js';

/**
 * Answers a free question from the knowledge base. Pure and synchronous: the same index and question give the
 * same answer. Never throws for any input string. The pipeline: read the question once → link the names → read
 * the ask → route to a typed handler → judge whether the draft covers the ask → compose, part by part.
 */
export function answer(question: string, index: SearchIndex): Answer {
  // A word that is no word at all ("jion") is read as the known word one slip away, before anything else reads it.
  const q = readQuestion(correctSpelling(String(question ?? ''), spellingLexicon(index)));
  if (!q.norm)
    return refuse(index, [], undefined, 'Ask me about an AI initiative, an organization or a person.');
  // "Will it last? honest opinion": the bot has records, not views — whichever part asks for one.
  if (asksOpinion(q)) return refuse(index, linkEntities(q.raw, index));
  const parts = splitQuestion(q);
  const answers: Answer[] = [];
  let previous: readonly Mention[] = [];
  let unanswered: readonly string[] = [];
  for (const part of parts) {
    const named = linkEntities(part.raw, index);
    const reported = withoutReporter(named, part, index);
    // "…according to TC": the outlet's words stay in the ask, in the name statements write it with.
    const outletWords = new Map(
      named
        .filter((m) => !reported.includes(m))
        .flatMap((m) => {
          const name = m.surfaces[0] ? normalize(m.surfaces[0].record.name).split(' ') : [];
          return part.words.slice(m.start, m.end).map((w) => [w, name] as const);
        }),
    );
    const found = withoutSetAside(withoutDeparted(reported, part), part);
    // "…after Joelle Pineau left": the person who left is context, so their name is no content to cover either.
    const departed = new Set(
      reported.filter((m) => !found.includes(m)).flatMap((m) => part.words.slice(m.start, m.end)),
    );
    // "the Toronto enterprise AI company": a record described instead of named.
    const described = [...found, ...describedRecords(part, found, index)].sort((a, b) => a.start - b.start);
    // "…where does the lab's old research chief lecture now": a person named by their role.
    const linked = withRoleHolders(part, described, index);
    // "…and who leads it?": a part that names nothing, or points back with "it" or "they", is about what the
    // part before named.
    const pointsBack = part.words.some((w) => BACK_REFERENCES.has(w));
    // What a part takes from the one before stands where its pronoun is ("what did he answer"), or nowhere: its
    // places in the part before are those of another text.
    const pronoun = part.words.findIndex((w) => BACK_REFERENCES.has(w));
    const at = pronoun >= 0 ? { start: pronoun, end: pronoun + 1 } : { start: 0, end: 0 };
    // "…and which paper did he co-write?": a personal pronoun after a person was picked out points to them alone.
    // ("…and what is it best known for?": "it" is still what the part before named.)
    const pickedPerson = (m: Mention) =>
      m.start === 0 && m.end === 0 && m.surfaces[0]?.record.kind === 'person';
    const person = PERSONAL_PRONOUNS.has(part.words[pronoun] ?? '') ? previous.find(pickedPerson) : undefined;
    const carried = (person ? [person] : previous.filter((m) => !pickedPerson(m))).map((m) => ({
      ...m,
      ...at,
    }));
    const mentions = !carried.length
      ? linked
      : !linked.length
        ? inherited(carried, part)
        : pointsBack || ownersOnly(linked, carried)
          ? [...carried.filter((m) => !linked.some((l) => sameRecords(l, m))), ...linked]
          : linked;
    const read = withoutOutlets(readAsk(part, mentions), part, index);
    const kept = departed.size ? read.content.filter((w) => !departed.has(w)) : read.content;
    const content = outletWords.size ? [...new Set(kept.flatMap((w) => outletWords.get(w) ?? [w]))] : kept;
    // "Which city hosts the next summit, and when?": a bare follow-up that names nothing asks about what the part
    // before asked; when that was refused, answering it from the record alone would answer something else.
    const refusedBefore = answers.length > 0 && !answers[answers.length - 1]?.answered;
    // "Did it hold a congress in 2029? where was it": what the refused part asked is what "it" stands for, so the
    // part pointing back must cover it too.
    // ("…hog the conversation, what'd he say": "he" is the person named, not what went unanswered.)
    const owed =
      refusedBefore && pointsBack && !linked.length && !PERSONAL_PRONOUNS.has(part.words[pronoun] ?? '')
        ? unanswered
        : [];
    const asked = owed.length ? [...new Set([...content, ...owed])] : content;
    const ask = asked === read.content ? read : { ...read, content: asked };
    if (refusedBefore && !linked.length && !pointsBack && part.words.length <= 3 && !ask.content.length)
      continue;
    // Each question of a message gets the budget of one answer; together they stay within the hard limit.
    const { answer: given, picked, missing } = answerPart({ index, q: part, ask, mentions });
    // Only its telling words ("summit", "2027"): an everyday one ("focus", "deal") was likely just put another way.
    unanswered = given.answered
      ? []
      : (missing ?? []).filter((w) => /\d/.test(w) || informativeness(w) >= 0.85);
    // "…? how big was it": a part that points back to a question the records couldn't answer means what that one
    // asked; a guess from the record alone would be about something else.
    // One that names nothing ("any news this week?") is as unsure of what it is about unless its answer is sure.
    if (refusedBefore && !linked.length && given.confidence < (pointsBack ? CONFIDENT : SURE)) continue;
    answers.push(given);
    // "Which hospital is in it, and who is its CEO?": the one member the answer picked out is what "its" means.
    previous = picked ? [...mentions, pickedMention(picked)] : mentions;
  }
  const merged = mergeAnswers(answers);
  return { ...merged, answer: echoCompounds(merged.answer, q.raw) };
}

/**
 * What a part that names nothing is about. "Did A join the body? And its CEO?": a question about a person or
 * organization ("its CEO", "their quote") is about the member named, not the body it is in.
 */
function inherited(previous: readonly Mention[], part: Question): readonly Mention[] {
  const body = (m: Mention) => m.surfaces.every((s) => s.record.kind === 'initiative');
  const members = previous.filter((m) => !body(m));
  if (!members.length || members.length === previous.length) return previous;
  const ask = readAsk(part, members);
  return asks(ask, 'role', 'quote', 'career', 'detail', 'who') ? members : previous;
}

/**
 * "When did the model come out, and who was its maker's partner?": a part that names only the owner of what the
 * part before asked about is still about that project.
 */
function ownersOnly(linked: readonly Mention[], carried: readonly Mention[]): boolean {
  const projects = carried
    .flatMap((m) => m.surfaces.map((s) => s.record))
    .filter((r): r is Rec<'project'> => r.kind === 'project');
  return (
    projects.length > 0 &&
    linked.length > 0 &&
    linked.every((m) => m.surfaces.some((s) => projects.some((p) => p.owner === s.record.id)))
  );
}

/** The confidence of an answer that covers all the ask (see the judge's cap on unsure answers). */
const SURE = 0.8;
const BACK_REFERENCES = new Set(['it', 'its', 'they', 'them', 'their', 'he', 'she', 'his', 'her', 'him']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'his', 'her', 'him']);

function sameRecords(a: Mention, b: Mention): boolean {
  return a.surfaces.some((s) => b.surfaces.some((t) => t.record.id === s.record.id));
}

/** A question's answer, and the one record it picked out as what was asked, if it did. */
interface PartAnswer {
  answer: Answer;
  picked?: KbRecord | undefined;
  /** The words of the ask no statement covered, when the part was refused. */
  missing?: readonly string[];
}

/** A record an answer picked out, standing where a later part's pronoun points back. */
function pickedMention(record: KbRecord): Mention {
  const surface = {
    key: normalize(record.name),
    original: record.name,
    record,
    garbled: false,
    isName: true,
  };
  return { surfaces: [surface], start: 0, end: 0, score: 1, typed: record.name };
}

/** One question: several organizations or people asked the same thing are answered one by one. */
function answerPart(ctx: Ctx): PartAnswer {
  const stranger = strangerBeside(ctx);
  if (stranger) {
    const content = ctx.ask.content.filter((w) => !stranger.words.has(w));
    const known = answerPart({ ...ctx, ask: { ...ctx.ask, content }, share: (ctx.share ?? 1) / 2 });
    const { lead, subject } = unknownMember(stranger.name, stranger.initiative);
    return { answer: mergeAnswers([known.answer, refuse(ctx.index, ctx.mentions, subject, lead)]) };
  }
  const targets = recordTargets(ctx);
  if (targets.length >= 2) {
    const joint = jointStatement(ctx, targets);
    // The statement naming them all takes a share of the answer's budget like each one's answer.
    const share = (ctx.share ?? 1) / (targets.length + (joint ? 1 : 0));
    const each = targets.map((mentions) => answerOne({ ...ctx, mentions, share }).answer);
    const together = joint && composeAnswer(joint, ctx.index, [], ctx.mentions, share);
    return { answer: mergeAnswers(together ? [...each, together] : each) };
  }
  return answerOne(ctx);
}

const JOINT_MAX_CHARS = 300;

/**
 * "Had A, B or C joined by early 2024?": a statement naming every one of them in the body's records, of the
 * year asked if one was, says it for all of them at once — after each one's own answer.
 */
function jointStatement(ctx: Ctx, targets: readonly (readonly Mention[])[]): Draft | undefined {
  const leaving = asksAboutLeaving(ctx);
  if (!(asks(ctx.ask, 'membership') || leaving) || ctx.ask.negated) return undefined;
  const records = targets.map((t) => t[0]?.surfaces[0]?.record).filter((r): r is KbRecord => !!r);
  const bodies = ctx.mentions
    .flatMap((m) => m.surfaces.map((s) => s.record))
    .filter((r) => r.kind === 'initiative');
  if (records.length < 2 || !bodies.length) return undefined;
  const candidates = bodies
    .flatMap((b) => ctx.index.docsByRecord.get(b.id) ?? [])
    .filter(
      (d) =>
        bodies.some((b) => b.id === d.recordId) &&
        d.topic !== 'relation' &&
        // A long member list names everyone; it says nothing of these ones together.
        d.text.length <= JOINT_MAX_CHARS &&
        (!ctx.q.years.length || ctx.q.years.some((y) => d.text.includes(y) || d.date?.startsWith(y))) &&
        namesShare(d, records, ctx.index) >= 1,
    );
  // "Did A and B pull out?": the statement that speaks of leaving, if one names them all.
  const doc = (leaving && candidates.find((d) => tellsOfLeaving(d.text))) || candidates[0];
  if (!doc) return undefined;
  return { subject: ctx.index.kb.byId.get(doc.recordId) as KbRecord, lead: '', docs: [doc], confidence: 1 };
}

function answerOne(ctx: Ctx): PartAnswer {
  const plan = judge(ctx, route(ctx));
  if (plan.kind === 'refuse')
    return { answer: refuse(ctx.index, ctx.mentions, plan.about), missing: plan.missing };
  const draft = withPieceTitles(withPublishers(plan.draft, ctx.q, ctx.index), ctx.q, ctx.index);
  if (draft.declines && !draft.docs.length)
    return { answer: refuse(ctx.index, ctx.mentions, draft.subject, draft.lead) };
  const picked = draft.picked?.length === 1 ? draft.picked[0] : undefined;
  return {
    picked,
    answer: composeAnswer(
      // Statements the judge found answer by themselves: "I can't tell whether…" would misread the ask.
      draft.declines ? { ...draft, lead: '' } : draft,
      ctx.index,
      otherRecords(ctx, draft.subject),
      ctx.mentions,
      ctx.share,
      { content: ctx.ask.content },
    ),
  };
}

function otherRecords(ctx: Ctx, subject: KbRecord): KbRecord[] {
  const out: KbRecord[] = [];
  for (const m of ctx.mentions)
    for (const s of m.surfaces) if (s.record.id !== subject.id) out.push(s.record);
  return out;
}
