import type { KbRecord } from '../knowledge/schema.js';
import type { FactDoc, SearchIndex } from '../search/index.js';
import type { Mention } from '../search/link.js';
import { normalize } from '../text/normalize.js';
import { coverage } from './coverage.js';
import type { Answer, AnswerSource } from './types.js';

/** What a handler found, before it is fitted to size. */
export interface Draft {
  subject: KbRecord;
  /** The direct answer; may be empty when the supporting statements answer by themselves. */
  lead: string;
  leadSources?: readonly string[] | undefined;
  /** Supporting statements, most relevant first. */
  docs: readonly FactDoc[];
  confidence: number;
  /** Render statements with their verbatim quotes. */
  quoteStyle?: boolean;
  /** Render statements as a list even when there are few. */
  listStyle?: boolean;
  /** Other records the question may have meant, offered when confidence is low. */
  alternatives?: readonly KbRecord[];
  /** A profile of the subject rather than an answer to the ask's type (what a handler falls back to). */
  generic?: boolean;
  /** The ask is for a list (members, releases): the longer budget applies. */
  list?: boolean;
  /** Built for exactly the ask's kind (a membership, a launch date, a role): may be answered with full confidence. */
  sure?: boolean;
  /** Answers the question whatever its other words say (what a garbled name the member typed stands for). */
  complete?: boolean;
  /** The ask names something of the subject the records don't have ("version 9"): refused, naming the subject. */
  unknown?: boolean;
  /** Says the bot can't tell (a stranger asked about as a member): kept, it is a refusal in the lead's words. */
  declines?: boolean;
  /** Which route produced it ("membership", "statement" when the judge chose a statement instead). */
  via?: string;
  /**
   * The records it picks out as what was asked ("which hospital is in it" narrowed to one member): what a next
   * question's "its" stands for.
   */
  picked?: readonly KbRecord[];
  /**
   * Statements that say of other records what the lead statement says of its own ("which two universities…"):
   * kept though their words repeat it, since the record they name is the news.
   */
  alike?: readonly FactDoc[];
}

/** What the member asked, as the composer needs it: the content terms. */
export interface Asked {
  content: readonly string[];
}

const NOTHING_ASKED: Asked = { content: [] };

/** The budget of an answer that isn't a list, in characters: readable at a glance. */
export const SHORT_ANSWER_CHARS = 700;

/** The longest answer text, in characters (fits an embed description with room for everything else). */
export const MAX_ANSWER_CHARS = 1500;
const MAX_SOURCES = 5;
/** Below this confidence an answer is a guess: it comes with suggestions of what the member may have meant. */
export const CONFIDENT = 0.6;

/** Cuts text at the last sentence or word boundary before `max`, with an ellipsis when it cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 2);
  // At the end of a line or a sentence when one is near; else between words, with a spaced ellipsis so no word
  // looks cut in half.
  const line = cut.lastIndexOf('\n');
  if (line > max * 0.5) return cut.slice(0, line).trimEnd();
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : max - 2).trimEnd()} …`;
}

/** Supporting statements longer than this are cut to their first sentence, so more of them fit. */
const LONG_STATEMENT = 240;
/** Up to this length a sentence and the next one that goes on about the same thing are kept together. */
const TIED_STATEMENT = 340;

/**
 * A long statement shortened to the sentence that bears on the ask: the one covering most of the ask's content
 * terms, the first when none covers more (a later sentence often holds the detail asked for).
 */
function keySentence(text: string, focus: readonly string[], index: SearchIndex): string {
  if (text.length <= LONG_STATEMENT) return text;
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z“"'(])/).filter((s) => s.length >= 40);
  if (sentences.length < 2) return text;
  let at = 0;
  let bestRatio = focus.length ? coverage(focus, [], [sentences[0] as string], index).ratio : 1;
  sentences.forEach((s, i) => {
    const ratio = i ? coverage(focus, [], [s], index).ratio : bestRatio;
    if (ratio > bestRatio) [at, bestRatio] = [i, ratio];
  });
  const best = sentences[at] as string;
  // "… withdraw an AI demo … The demo meant is likely Galactica …": a next sentence that goes on about the same
  // thing ("the demo", "this demo") belongs with it when the two are not much longer than a long statement.
  const next = sentences[at + 1];
  const thing = next?.match(/^(?:The|This|That|These|Those) (\w+)/)?.[1]?.toLowerCase();
  if (
    next &&
    thing &&
    normalize(best).split(' ').includes(thing) &&
    best.length + next.length < TIED_STATEMENT
  )
    return `${best} ${next}`;
  return best;
}

/**
 * True when most of the distinctive words of `piece` are already in `text`: a record's summary and description
 * often say the same thing in other words, and saying it twice wastes the reader's time.
 */
function mostlyRepeats(piece: string, text: string): boolean {
  const have = new Set(normalize(text).split(' '));
  const words = normalize(piece)
    .split(' ')
    .filter((w) => w.length > 3);
  if (words.length < 4) return false;
  return words.filter((w) => have.has(w)).length / words.length >= 0.75;
}

function firstUrl(url: string): string | null {
  return url.match(/https?:\/\/[^\s;,]+/)?.[0] ?? null;
}

function docText(doc: FactDoc, quoteStyle: boolean): string {
  if (quoteStyle && doc.quote && !doc.text.includes(doc.quote)) return `“${doc.quote}” — ${doc.text}`;
  return doc.text;
}

/** Fits a draft into the answer limits and gathers its sources and suggestions. */
export function composeAnswer(
  draft: Draft,
  index: SearchIndex,
  alternatives: readonly KbRecord[],
  mentions: readonly Mention[] = [],
  share = 1,
  asked: Asked = NOTHING_ASKED,
): Answer {
  const focus = asked.content;
  const used: FactDoc[] = [];
  const budget = Math.floor((draft.list || draft.listStyle ? MAX_ANSWER_CHARS : SHORT_ANSWER_CHARS) * share);
  let text = withoutRepeatedName(draft.lead.trim(), draft.subject);
  const seen = new Set<string>([text]);
  const bullets = draft.listStyle || (draft.docs.length > 1 && text !== '');
  for (const doc of draft.docs) {
    const said = (
      text
        ? keySentence(docText(doc, draft.quoteStyle ?? false), focus, index)
        : docText(doc, draft.quoteStyle ?? false)
    ).trim();
    // Another record's statement that doesn't name it ("AI-compute chip maker, led by …") says whose it is,
    // where statements stand on their own (under a profile, the bullets' room is too short for the name).
    const owner =
      draft.lead || doc.recordId === draft.subject.id ? undefined : index.kb.byId.get(doc.recordId);
    const piece = owner && said ? namingSubject(said, owner) : said;
    const repeats = !draft.listStyle && !draft.alike?.includes(doc) && mostlyRepeats(piece, text);
    if (!piece || seen.has(piece) || text.includes(piece) || repeats) continue;
    const next = text ? `${text}\n${bullets ? '• ' : ''}${piece}` : piece;
    if (next.length > budget && (used.length > 0 || text !== '')) break;
    text = next;
    seen.add(piece);
    used.push(doc);
  }
  text = truncate(
    echoTyped(
      draft.complete && draft.lead
        ? dedupeSentences(text)
        : namingSubject(dedupeSentences(text), draft.subject),
      mentions,
    ),
    budget,
  );

  const sourceIds = [...(draft.leadSources ?? []), ...used.flatMap((d) => d.sources)];
  const sources: AnswerSource[] = [];
  for (const id of sourceIds) {
    if (sources.length >= MAX_SOURCES || sources.some((s) => s.id === id)) continue;
    const s = index.kb.sources.get(id);
    if (s) sources.push({ id, title: s.title, url: firstUrl(s.url) });
  }

  const confidence = Math.max(0, Math.min(1, draft.confidence));
  const suggestions =
    confidence < CONFIDENT
      ? [...(draft.alternatives ?? []), ...alternatives]
          .filter((r, i, all) => r.id !== draft.subject.id && all.findIndex((x) => x.id === r.id) === i)
          .slice(0, 5)
          .map((r) => ({ id: r.id, name: r.name }))
      : [];
  return {
    answered: true,
    answer: text,
    confidence: Number(confidence.toFixed(2)),
    subject: { id: draft.subject.id, name: draft.subject.name, kind: draft.subject.kind },
    sources,
    suggestions,
  };
}

/** "Cohere — Cohere is…": a lead that repeats the record's name as its first word says it once. */
function withoutRepeatedName(text: string, subject: KbRecord): string {
  const prefix = `${subject.name} — `;
  if (text.startsWith(prefix) && text.slice(prefix.length).startsWith(subject.name))
    return text.slice(prefix.length);
  return text;
}

/** Drops a sentence said a second time, anywhere in the reply. */
export function dedupeSentences(text: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const kept = line
      .split(/(?<=[.!?])\s+(?=[A-Z“"'(])/)
      .filter((sentence) => {
        const key = normalize(sentence);
        if (key.split(' ').length < 4) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .join(' ');
    // A line emptied by the dedupe goes; a blank line between parts stays.
    if (line.trim() === '' || kept.replace(/^•\s*/, '').trim() !== '') out.push(kept);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A span in quotation marks: curly or straight double quotes, or single quotes that open after a space. */
const QUOTED = /“[^”]*”|"[^"]*"|(?<=^|[\s(])'[^']+'(?=$|[\s.,;:!?)])/g;

/**
 * A compound the member wrote as two words ("open source") is written their way, not hyphenated
 * ("open-source"), so the answer reads in the words they search for. Read from the question as typed: one they
 * hyphenated themselves ("co-founded") stays hyphenated, and so does one inside quotation marks (a quote is
 * given as it was said).
 */
export function echoCompounds(text: string, question: string): string {
  if (!text.includes('-')) return text;
  const words = question
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^a-z]+|[^a-z]+$/g, ''));
  const typed = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) typed.add(`${words[i]} ${words[i + 1]}`);
  // One pass over the text's hyphens (a chain "a-b-c" is read pair by pair), not one expression per typed pair.
  // Words in quotation marks are the speaker's or the writer's, as they wrote them.
  const quoted = [...text.matchAll(QUOTED)].map((m) => [m.index, m.index + m[0].length] as const);
  return text.replace(/\b([a-z]{2,})-(?=([a-z]{2,})\b)/gi, (whole, a: string, b: string, at: number) =>
    typed.has(`${a.toLowerCase()} ${b.toLowerCase()}`) && !quoted.some(([s, e]) => at >= s && at < e)
      ? `${a} `
      : whole,
  );
}

/**
 * The member's own spelling: an alias or acronym they typed ("PAI") appears beside the name the first time the
 * answer uses it, so they can tell it is the thing they meant.
 */
function echoTyped(text: string, mentions: readonly Mention[]): string {
  let out = text;
  for (const m of mentions) {
    const surface = m.surfaces[0];
    if (!surface || surface.isName || surface.garbled || surface.surname || m.score < 1) continue;
    const alias = surface.original;
    const name = surface.record.name;
    // "The Linux Foundation" is the name with an article, not another name to echo.
    if (normalize(alias).replace(/^the /, '') === normalize(name).replace(/^the /, '')) continue;
    if (normalize(out).includes(normalize(alias)) || !out.includes(name)) continue;
    // "Llama 2's licence": a name followed by a version is another name; the echo goes after the name alone.
    const at = [...out.matchAll(new RegExp(escapeRegExp(name), 'g'))]
      .map((m) => m.index)
      .find((i) => !/^ ?\d/.test(out.slice(i + name.length)));
    if (at === undefined) continue;
    out = `${out.slice(0, at + name.length)} (${alias})${out.slice(at + name.length)}`;
  }
  return out;
}

/** An answer that never names its subject ("IBM and Meta launched the Alliance…") starts with the name. */
function namingSubject(text: string, subject: KbRecord): string {
  // "FAIR (Meta's AI research lab)" is named by "FAIR".
  const short = subject.name.replace(/\s*\([^)]*\)\s*$/, '');
  if (!text || normalize(text).includes(normalize(short))) return text;
  return `${subject.name}: ${text}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
