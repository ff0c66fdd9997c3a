import type { Mention } from '../search/link.js';
import { MONTH_NAMES } from '../text/dates.js';
import { STOPWORDS } from '../text/vocabulary.js';
import type { Question } from './question.js';
import {
  ASK_RULES,
  type AskType,
  FILLER_WORDS,
  GENERIC_CATEGORY,
  OUTLET_WORDS,
  PIECE_WORDS,
  REPORTING_VERBS,
  ROLE_WORDS,
  SAID_NOUNS,
  WH_WORDS,
} from './rules.js';

/** What a question asks, read from its cue words; handlers read this, never the raw question. */
export interface Ask {
  /** Every ask whose cues occur, in the table's precedence order (empty: a bare name, read as `overview`). */
  types: readonly AskType[];
  /** A yes/no question ("is…", "did…"). */
  yesNo: boolean;
  negated: boolean;
  /** Role-title words wanted ("who runs" → lead, head…). */
  roleWords: readonly string[];
  /**
   * The content terms: words that are neither names, cues, filler nor stopwords. A confident answer must cover
   * them; a question whose content no statement covers is not answered.
   */
  content: readonly string[];
  /** Words that named records (they still help rank statements, with less weight). */
  named: readonly string[];
  /** Words the question spends on cues. */
  cueWords: readonly string[];
  /** The question picks among several ("which…"). */
  which: boolean;
  /** How many things a "which two …" question asks for (0 when it names no number of them). */
  several: number;
  /** The category a "which <kind> are in…" question names ("hardware chip" companies), generic words left out. */
  category: readonly string[];
}

/** True when the ask includes `type`. */
export function asks(ask: Ask, ...types: AskType[]): boolean {
  return types.some((t) => ask.types.includes(t));
}

/** One word of a cue, compiled once: exact, a prefix (`found*`), or any one word (`?`). */
type CueWord = { exact: string } | { prefix: string } | { any: true };

interface CompiledCue {
  /** The cue as the table writes it. */
  text: string;
  words: readonly CueWord[];
  /** The first word when it must be typed exactly (no `*` or `?`): a cue whose first word the question lacks can't occur. */
  first?: string;
}

function compileWord(pattern: string): CueWord {
  if (pattern === '?') return { any: true };
  return pattern.endsWith('*') ? { prefix: pattern.slice(0, -1) } : { exact: pattern };
}

const COMPILED: readonly {
  ask: AskType;
  consumes: boolean;
  content: boolean;
  cues: readonly CompiledCue[];
}[] = ASK_RULES.map((r) => ({
  ask: r.ask,
  consumes: r.consumes ?? false,
  content: r.content ?? false,
  cues: r.cues.map((c) => {
    const words = c.split(' ').map(compileWord);
    const head = words[0] as CueWord;
    return 'exact' in head ? { text: c, words, first: head.exact } : { text: c, words };
  }),
}));

/** A cue word against a typed word; compiled so that matching, run for every cue at every place, allocates nothing. */
function wordMatches(pattern: CueWord, word: string): boolean {
  if ('exact' in pattern) return pattern.exact === word;
  return 'prefix' in pattern ? word.startsWith(pattern.prefix) : true;
}

/** Word positions where the cue occurs (not on taken words), or undefined. */
function findCue(cue: CompiledCue, words: readonly string[], taken: ReadonlySet<number>): number | undefined {
  const n = cue.words.length;
  for (let i = 0; i + n <= words.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++)
      ok = !taken.has(i + j) && wordMatches(cue.words[j] as CueWord, words[i + j] as string);
    if (ok) return i;
  }
  return undefined;
}

/** Words that end a claim to make it a question: "…she left, right?" */
const TAG_WORDS = new Set(['right', 'correct', 'huh', 'yeah', 'eh', 'innit']);

/** Membership cues that only say where ("in the alliance"): beside an aim they ask nothing of joining. */
const PLACE_CUES = new Set(['in the', 'in it', 'inside', 'among', 'part']);

/** Words that set two names side by side; never part of a name even when a loose match takes them in. */
const COMPARE_WORDS = new Set(['vs', 'versus']);

const PROFILE_WORDS = new Set(['what', 'whats', 'who', 'whos']);

/** A yes/no question, after a chat lead-in ("so is it…", "ok but did they…"). */
const YES_NO =
  /^(?:(?:so|ok|okay|but|and|wait|hmm|hey|also|then|sorry|lol)\s+)*(is|are|was|were|did|does|do|has|have|had|can|will|would|isn|isnt|didn|didnt|wasn|wasnt|weren|werent|aren|arent|doesn|doesnt|don|dont|hasn|hasnt|haven|havent)\b/;

/** A request put as a question ("can you give me…", "could someone explain…"): it asks for the thing, not a yes. */
const REQUEST =
  /^(?:(?:so|ok|okay|but|and|hey|also|then|sorry)\s+)*(?:can|could|would|will)\s+(?:you|u|someone|somebody|anyone|anybody)\s+(?:please\s+|pls\s+|plz\s+|just\s+|quickly\s+)?(?:give|tell|explain|summarize|summarise|list|describe|share|show|walk|break|sum|outline|name|remind|point|recap|clarify|help)\b/;

/** Reads the asks and the content terms of a question, given the places that name records. */
export function readAsk(q: Question, mentions: readonly Mention[]): Ask {
  const { words } = q;
  const named = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) named.add(i);
  // Words of a name typed in full; a loosely matched span ("vs meta's research community") may hold a cue.
  const exact = new Set<number>();
  for (const m of mentions) if (m.score >= 0.95) for (let i = m.start; i < m.end; i++) exact.add(i);
  const cue = new Set<number>();
  const taken = new Set<number>();
  const types: AskType[] = [];
  // The kinds asked outside a "when" clause.
  const outside = new Set<AskType>();
  const present = new Set(words);
  // "…when it launched": a clause that only says when, whose words ask nothing of their own.
  const clause = whenClause(words);
  // "why isn't X in it when it's the biggest chip maker": what the member grants in passing asks nothing.
  const conceded = new Set(asksWhy(words) ? concessiveClause(words) : []);
  // "the first new members after launch": a start said as a point in time asks for no founding.
  // "What risks does the essay list?": a source listing something asks for what it lists, not for members.
  const since = new Set([...sinceStart(words), ...listedBySource(words)]);
  // Whether membership was asked by more than a word of place ("in the", "among").
  let joined = false;
  for (const rule of COMPILED) {
    let hit = false;
    for (const c of rule.cues) {
      if (c.first !== undefined && !present.has(c.first)) continue;
      const at = findCue(c, words, taken);
      if (at === undefined) continue;
      // A cue inside a name ("Open Innovation AI Research Community" holds "research") is part of the name.
      if (exact.has(at) || (named.has(at) && c.words.length === 1 && !COMPARE_WORDS.has(words[at] as string)))
        continue;
      // (Its words of starting or a date — "when it launched" — say when; joining or saying still count.)
      const inClause = clause && at >= clause.start && at < clause.end;
      if ((!inClause || !CLAUSE_TYPES.has(rule.ask)) && !conceded.has(at) && !since.has(at)) {
        hit = true;
        if (!inClause) outside.add(rule.ask);
        if (rule.ask === 'membership' && !PLACE_CUES.has(c.text)) joined = true;
      }
      if (rule.content) continue;
      for (let j = 0; j < c.words.length; j++) {
        cue.add(at + j);
        if (rule.consumes) taken.add(at + j);
      }
    }
    if (hit && rule.ask !== 'context' && !types.includes(rule.ask)) types.push(rule.ask);
  }
  // "What was her title when she gave the launch statement?": words said only inside the "when" clause tell
  // which time is meant, once the question asks for another kind outside it.
  const asked = [...outside].some((t) => t !== 'overview' && t !== 'quote');
  if (clause && asked && !outside.has('quote') && types.includes('quote'))
    types.splice(types.indexOf('quote'), 1);
  // "Clegg's line at launch": a noun of something said right after a person's name asks for their words.
  for (const m of mentions)
    if (m.surfaces.every((s) => s.record.kind === 'person') && SAID_NOUNS.has(words[m.end] ?? '')) {
      cue.add(m.end);
      if (!types.includes('quote')) types.push('quote');
    }
  // "what's Roadzen…", "who Lisa Su is": a question word right before a name asks what or who it is.
  if (!types.includes('overview') && mentions.some((m) => PROFILE_WORDS.has(words[m.start - 1] ?? '')))
    types.push('overview');
  const content: string[] = [];
  const namedWords: string[] = [];
  const cueWords: string[] = [];
  // "…per the japanese blog coverage": a closing clause that only says where the member read it.
  for (const i of sourceClause(words)) cue.add(i);
  // "the translated article says …": an opening that only says where the member read the claim.
  for (const i of pieceLeadIn(words)) cue.add(i);
  for (const i of conceded) cue.add(i);
  // "what did she say in the launch announcement": where words were said, not what they are about.
  if (types.includes('quote')) for (const i of occasionClause(words)) cue.add(i);
  // "the techcrunch article", "the axios scoop": a word for a piece right after a name points to the piece.
  words.forEach((w, i) => {
    if (PIECE_NOUNS.has(w) && mentions.some((m) => m.end === i)) cue.add(i);
  });
  // "in the AI Alliance context": the frame the member asks in — neither a fact to find nor a cue to match.
  const framing = new Set(
    words.flatMap((w, i) => (w === 'context' && mentions.some((m) => m.end === i) ? [i] : [])),
  );
  // "which two universities…": the number of things asked for, not a word a statement must hold.
  const several = severalAsked(words);
  if (several) cue.add(several.at);
  // A cue word said twice ("A vs B vs C") is a cue both times.
  const cueSet = new Set([...cue].map((i) => words[i] as string));
  words.forEach((w, i) => {
    if (framing.has(i)) return;
    if (named.has(i)) namedWords.push(w);
    // "companies", "organizations": the kind of thing asked about, never a fact to cover.
    else if (cue.has(i) || cueSet.has(w) || GENERIC_CATEGORY.has(w)) cueWords.push(w);
    // "…she left, right": a tag asking the member's claim be confirmed, at the end of the question.
    else if (i === words.length - 1 && i > 2 && TAG_WORDS.has(w)) cueWords.push(w);
    else if (w.length > 1 && !STOPWORDS.has(w) && !FILLER_WORDS.has(w) && !namesARole(words, i))
      content.push(w);
    // "gpt-5", "gemini 2": a version number after a word no name took is part of what is asked about.
    else if (/^\d$/.test(w) && content.at(-1) === words[i - 1]) content.push(w);
  });
  // "which research labs are in…": the category is a slot the member list is filtered by, not content to cover.
  // (A question about a person names no kind of members: "what award has she received" asks for an award.)
  const aboutPeople =
    mentions.length > 0 && mentions.every((m) => m.surfaces.every((s) => s.record.kind === 'person'));
  const category = aboutPeople ? [] : categoryWords(words, named);
  const slot = new Set(category);
  // "when did X come out — 2023?": a date in a question about when is the member's guess, which the answer's
  // date confirms or corrects, not content a statement must repeat.
  // "joined in feb 24": a short year after a month is read into the month; no statement writes it so.
  if (q.months.length)
    words.forEach((w, i) => {
      if (
        MONTH_NAMES.includes((words[i - 1] ?? '') as (typeof MONTH_NAMES)[number]) &&
        /^\d{2}$/.test(w) &&
        q.months.some((m) => m.startsWith(`20${w}-`))
      )
        slot.add(w);
    });
  if (types.includes('when'))
    words.forEach((w, i) => {
      // "may 3 2026": a day number next to a month is part of the guessed date.
      const byMonth = DATE_WORD.test(words[i - 1] ?? '') || DATE_WORD.test(words[i + 1] ?? '');
      if (DATE_WORD.test(w) || (byMonth && /^\d{1,2}$/.test(w))) slot.add(w);
    });
  // "What bodies was it going to set up first?": creating something planned is a plan, not the founding.
  const planned = PLANNED_FOUNDING.test(q.norm);
  // "What is X hoping to do in the alliance": a word of place beside an aim asks what X is there for.
  const placeOnly = !joined && types.includes('goals');
  return {
    types: types.filter((t) => !(planned && t === 'founders') && !(placeOnly && t === 'membership')),
    yesNo: YES_NO.test(q.norm) && !REQUEST.test(q.norm),
    negated: q.negated,
    roleWords: [...new Set(words.flatMap((w) => ROLE_WORDS[w] ?? []))],
    content: [...new Set(content)].filter((w) => !slot.has(w)),
    named: namedWords,
    cueWords,
    // "what Japanese orgs are in it" picks among several as "which" does.
    which: words.includes('which') || category.length > 0,
    several: several?.count ?? 0,
    category,
  };
}

/** Number words a member asks for several things with ("which two…"). */
const SEVERAL_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
};

/** Words after a number that make it an amount or a time, not a count of things asked for ("two years"). */
const AMOUNT_WORDS = new Set(
  'year years month months week weeks day days hour hours million billion thousand hundred percent times'.split(
    ' ',
  ),
);

/** "which two …", "what three …", "name the two …": a number of things asked for, just after the question word. */
function severalAsked(words: readonly string[]): { at: number; count: number } | undefined {
  for (let i = 1; i < words.length - 1; i++) {
    const count = SEVERAL_WORDS[words[i] as string];
    if (!count || AMOUNT_WORDS.has(words[i + 1] as string)) continue;
    const before = words.slice(Math.max(0, i - 2), i);
    if (before.some((w) => SEVERAL_LEADS.has(w))) return { at: i, count };
  }
  return undefined;
}

const SEVERAL_LEADS = new Set(['which', 'what', 'whats', 'name', 'list']);

/** A word of planning right before a verb of creating: "will form", "was going to set up", "plans to launch". */
const PLANNED_FOUNDING =
  /\b(?:will|would|gonna|going to|plans? to|planned to|planning to|intends? to|intended to|wants? to|wanted to|hopes? to|hoped to|hoping to|trying to|tries to|aims? to|aiming to|seeks? to|seeking to)\s+(?:\w+\s+){0,3}(?:found|founded|create|form|launch|start|establish|build)\b/;

/** Nouns for a piece someone wrote. */
const PIECE_NOUNS = new Set(
  'article articles piece pieces story stories post posts writeup column essay report coverage op ed'.split(
    ' ',
  ),
);

/** Words of a piece or of where it ran: a clause of them after "per" only says where something was read. */
const SOURCE_NOUNS = new Set([
  ...PIECE_WORDS,
  ...OUTLET_WORDS,
  'coverage',
  'report',
  'reports',
  'reporting',
  'press',
  'media',
]);

/**
 * The places of a closing "per …" or "according to …" clause that describes a piece or an outlet ("per the
 * japanese blog coverage"): cue words that may pick a statement, not content one must cover.
 */
function sourceClause(words: readonly string[]): number[] {
  const at = words.findIndex(
    (w, i) => i >= 3 && (w === 'per' || (w === 'according' && words[i + 1] === 'to')),
  );
  if (at < 0) return [];
  const rest = words.slice(at);
  if (rest.length > 7 || !rest.some((w) => SOURCE_NOUNS.has(w))) return [];
  return rest.map((_, k) => at + k);
}

/** Words of a start that "after", "since" or "before" make a point in time. */
const START_WORDS = new Set(['launch', 'launching', 'founding', 'start', 'debut', 'kickoff', 'inception']);
const TIME_PREPOSITIONS = new Set(['after', 'since', 'before', 'post']);

/** The places of "after (its|the) launch", "since the founding": when something else happened, not a founding. */
function sinceStart(words: readonly string[]): number[] {
  const out: number[] = [];
  words.forEach((w, i) => {
    if (!START_WORDS.has(w)) return;
    const before = words[i - 1] ?? '';
    if (TIME_PREPOSITIONS.has(before)) out.push(i);
    else if (['its', 'the', 'their'].includes(before) && TIME_PREPOSITIONS.has(words[i - 2] ?? ''))
      out.push(i);
  });
  return out;
}

/** The place of "list" as a source's verb: "what risks does the essay list", "which names did it list". */
function listedBySource(words: readonly string[]): number[] {
  const at = words.indexOf('list');
  if (at < 2) return [];
  const verb = words
    .slice(Math.max(0, at - 5), at)
    .findIndex((w) => w === 'does' || w === 'do' || w === 'did');
  return verb >= 0 && words[at + 1] !== 'of' ? [at] : [];
}

/** A why question: "why", or "how come". */
function asksWhy(words: readonly string[]): boolean {
  return words.some((w, i) => w === 'why' || (w === 'how' && words[i + 1] === 'come'));
}

/** Words that open a clause granting something ("even though…", "when it's…"). */
const CONCEDING = new Set(['although', 'despite', 'considering']);
const CONCEDING_PAIRS = new Set(['even though', 'even if', 'given that', 'seeing as', 'seeing that']);
/**
 * The places of a clause, after the question proper, that grants something while asking why ("…when it's the
 * largest maker of chips", "…even though they're in PAI"): up to the next "and", its words need no statement.
 * (A "when" that opens a question of its own — "…and when did it leave?" — is no such clause.)
 */
function concessiveClause(words: readonly string[]): number[] {
  let at = -1;
  for (let i = 2; i < words.length && at < 0; i++) {
    const w = words[i] as string;
    if (CONCEDING.has(w) || CONCEDING_PAIRS.has(`${w} ${words[i + 1] ?? ''}`)) at = i;
    else if (w === 'when' && !ASKING_AFTER_WHEN.has(words[i + 1] ?? '') && !JOINING.has(words[i - 1] ?? ''))
      at = i;
  }
  if (at < 0) return [];
  const end = words.findIndex((w, i) => i > at && JOINING.has(w));
  return words.slice(at, end < 0 ? words.length : end).map((_, k) => at + k);
}

/**
 * The places of an opening "the (translated) article says", "that piece claimed": where the member read what
 * follows, not what they ask about.
 */
function pieceLeadIn(words: readonly string[]): number[] {
  const at = words.findIndex(
    (w, i) => i <= 4 && PIECE_NOUNS.has(w) && REPORTING_VERBS.has(words[i + 1] ?? ''),
  );
  if (at < 0 || words.slice(0, at).some((w) => WH_WORDS.has(w))) return [];
  return words.slice(0, at + 2).map((_, k) => k);
}

/** Nouns for an occasion words are said in. */
const OCCASION_NOUNS = new Set(['announcement', 'announcements', 'release']);
/** How far before its noun an occasion clause may start: "in the Data Commons Guild launch announcement". */
const OCCASION_SPAN = 6;

/**
 * The places of "in/at/during the (launch|press) announcement" and the like: the occasion someone spoke at, which
 * statements of their words rarely name.
 */
function occasionClause(words: readonly string[]): number[] {
  const out: number[] = [];
  words.forEach((w, i) => {
    if (!OCCASION_NOUNS.has(w)) return;
    // "in the launch announcement", "in the alliance launch announcement".
    const from = Math.max(0, i - OCCASION_SPAN);
    // The nearest "in" before the noun opens the clause: an earlier one belongs to the question.
    const start = words.slice(from, i).findLastIndex((x) => x === 'in' || x === 'at' || x === 'during');
    if (start < 0) return;
    for (let k = from + start + 1; k <= i; k++) out.push(k);
  });
  return out;
}

/** "the CEO's name", "name of the founder": the name asked for is a role's holder, no fact of its own. */
function namesARole(words: readonly string[], i: number): boolean {
  if (words[i] !== 'name') return false;
  // "name of cerebras's ceo": a role word within the next few words, after "of".
  const ofRole = words[i + 1] === 'of' && words.slice(i + 2, i + 6).some((w) => !!ROLE_WORDS[w]);
  return !!ROLE_WORDS[words[i - 1] ?? ''] || ofRole;
}

const DATE_WORD =
  /^(?:(?:19|20)\d{2}|january|february|march|april|may|june|july|august|september|october|november|december)$/;

const CATEGORY_END = new Set('are is were was joined join have has belong belongs from in'.split(' '));

/** The words between "which/what" and the verb: "which European research labs joined…" → european, research, labs. */
function categoryWords(words: readonly string[], named: ReadonlySet<number>): string[] {
  const start = words.findIndex((w) => w === 'which' || w === 'what');
  if (start < 0) return [];
  const out: string[] = [];
  // "which founding member of the Circle is a hospital?": words that only say which members (a body's name,
  // "founding", "member") leave the kind to be said after "is a".
  const onlyMembers = () => out.every((x, j) => named.has(start + 1 + j) || MEMBER_WORDS.has(x));
  for (let i = start + 1; i < words.length && (i <= start + 4 || (i <= start + 8 && onlyMembers())); i++) {
    const w = words[i] as string;
    if (CATEGORY_END.has(w)) {
      const kind = out.filter((x) => !GENERIC_CATEGORY.has(x));
      if (onlyMembers() && (w === 'is' || w === 'was') && ARTICLES.has(words[i + 1] ?? '')) {
        const after = words.slice(i + 2, i + 6);
        const end = after.findIndex((x) => CATEGORY_END.has(x) || KIND_STOP.has(x));
        return (end < 0 ? after : after.slice(0, end)).filter((x) => !GENERIC_CATEGORY.has(x));
      }
      return kind;
    }
    out.push(w);
  }
  // "…is from which country?", "…joined in what year": a "which" phrase that ends the question names the kind.
  const tail =
    start + 1 + out.length === words.length && out.length <= 2 && TAIL_LEADS.has(words[start - 1] ?? '');
  if (tail && out.every((x) => !STOPWORDS.has(x))) return out.filter((x) => !GENERIC_CATEGORY.has(x));
  return [];
}

/** Words a question-final "which <kind>" follows: a preposition or a form of "be" ("is from which country"). */
const TAIL_LEADS = new Set('from in of at on by to is are was were'.split(' '));

const QUESTION_STARTS = new Set(['what', 'which', 'who', 'whom', 'whose', 'how', 'why', 'where', 'whats']);
/** Words that, after "when", make it a question of its own ("… and when did it start?"). */
const ASKING_AFTER_WHEN = new Set(
  'did does do was were is are will would has have had exactly roughly approximately'.split(' '),
);
/** Other words that ask for a date, beside "when". */
const DATE_WORDS = new Set(['year', 'years', 'date', 'dates', 'day', 'timeline', 'history', 'long', 'since']);

/**
 * The clause that the only "when" of a question starting with another question word opens ("what did she say
 * when it launched"), up to the next "and" — it says when, and asks no date.
 */
function whenClause(words: readonly string[]): { start: number; end: number } | undefined {
  const at = words.indexOf('when');
  if (at <= 0 || words.lastIndexOf('when') !== at || !QUESTION_STARTS.has(words[0] ?? '')) return undefined;
  if (words.some((w) => DATE_WORDS.has(w))) return undefined;
  const before = words[at - 1] ?? '';
  const after = words[at + 1];
  if (after === undefined || ASKING_AFTER_WHEN.has(after) || JOINING.has(before)) return undefined;
  const next = words.findIndex((w, i) => i > at && JOINING.has(w));
  return { start: at, end: next < 0 ? words.length : next };
}

const JOINING = new Set(['and', 'or', 'but', 'also']);
/** The asks a "when" clause's words don't make: it says when something started. */
const CLAUSE_TYPES: ReadonlySet<string> = new Set(['when', 'founders']);

/** Words that say which members without saying what kind ("which founding member …"). */
const MEMBER_WORDS = new Set([
  'member',
  'members',
  'founding',
  'one',
  'of',
  'the',
  'its',
  'their',
  'partner',
]);
const ARTICLES = new Set(['a', 'an']);
/** Where a kind said after "is a" ends: "…is a hospital and who…", "…is a hospital or clinic". */
const KIND_STOP = new Set(['and', 'or', 'who', 'what', 'that', 'which', 'with', 'whose']);
