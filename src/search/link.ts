import Fuse from 'fuse.js';
import { aliasName } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import { englishRank, informativeness } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import { COMMON_WORDS, STOPWORDS } from '../text/vocabulary.js';
import { deletions, type SearchIndex, type Surface, stemRoot } from './index.js';

/** A place in the question that names one or more records. */
export interface Mention {
  /** The surfaces matched; several when records share a name (an organization and the initiative it runs). */
  surfaces: readonly Surface[];
  /** Word positions [start, end) in the normalised question. */
  start: number;
  end: number;
  /** 1 for an exact name or alias, lower for typos and partial names. */
  score: number;
  /** The words as the user typed them. */
  typed: string;
}

/** Three reusable rows for {@link editDistance} (answers are synchronous, so never shared). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau–Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) {
    const size = 2 * (b.length + 1);
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  // Rows i - 2, i - 1 and i of the distance matrix.
  let [older, prev, row] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, (older[j - 2] as number) + 1);
      }
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [older, prev, row] = [prev, row, older];
  }
  return prev[b.length] as number;
}

/** The closest vocabulary word within one edit (a typo, a dropped or doubled letter, a swap), if any. */
export function correctWord(word: string, index: SearchIndex): string | undefined {
  if (word.length < 4 || STOPWORDS.has(word) || index.vocab.has(word)) return undefined;
  // An everyday word spelt right ("want") is not a misspelt name ("Wang").
  if (informativeness(word) <= 0.6) return undefined;
  // …nor is a word the statements themselves use ("user" is not a misspelt "Uber").
  if (index.facts.has(word)) return undefined;
  let best: string | undefined;
  let bestRefs = -1;
  for (const d of deletions(word)) {
    for (const candidate of index.typos.lookup(d)) {
      if (editDistance(word, candidate, 1) > 1) continue;
      const refs = index.wordSurfaces.get(candidate)?.length ?? 0;
      if (refs > bestRefs) {
        best = candidate;
        bestRefs = refs;
      }
    }
  }
  return best;
}

/** "intels rep", "metas model": a one-word name with the possessive typed without its apostrophe. */
function possessive(word: string, index: SearchIndex): string | undefined {
  if (word.length < 4 || !word.endsWith('s') || word.endsWith('ss') || index.surfaces.has(word))
    return undefined;
  const name = word.slice(0, -1);
  return index.surfaces.has(name) ? name : undefined;
}

/** Words the user capitalised (not at the start of a sentence), for names that are also ordinary words. */
function capitalisedWords(raw: string): Set<string> {
  const out = new Set<string>();
  const parts = raw.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  parts.forEach((p, i) => {
    if (i > 0 && /^\p{Lu}/u.test(p)) out.add(normalize(p));
    if (/^\p{Lu}{2,}$/u.test(p)) out.add(normalize(p));
  });
  return out;
}

/** A word listed by more names than this is no evidence of which one is meant ("ai", "lab", "university"). */
export const MAX_CANDIDATE_WORD_FREQUENCY = 300;

/**
 * Finds the records a question names: exact names and aliases first (longest span wins), then typo-corrected
 * words, then fuse.js scoring of partial names against the surfaces that share words with the question.
 */
export function linkEntities(question: string, index: SearchIndex): Mention[] {
  const words = normalize(question).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const capitalised = capitalisedWords(question);
  const corrected = words.map((w) => correctWord(w, index) ?? possessive(w, index) ?? w);
  const found: Mention[] = [];
  const bare: Mention[] = [];
  // Spans are looked up as substrings of the joined words (no per-span arrays).
  const typedText = new Joined(words);
  const fixedText = new Joined(corrected);

  let contentWords = 0;
  for (const w of words) if (!STOPWORDS.has(w)) contentWords++;
  const plausible = (surfaces: readonly Surface[], spanWords: readonly string[], i: number, len: number) => {
    let allStop = true;
    for (let k = i; k < i + len; k++) if (!STOPWORDS.has(spanWords[k] as string)) allStop = false;
    if (allStop) return false;
    if (len === 1) {
      const w = spanWords[i] as string;
      // One-word names that are also ordinary words count only when capitalised ("Together", "FAIR"), or when
      // they are all the question is about ("what is hf").
      // (A two-letter name no frequent word spells, "fb" or "hf", is a name however it is typed.)
      const everyday = COMMON_WORDS.has(w) || (w.length <= 2 && englishRank(w) !== undefined);
      if (everyday && !capitalised.has(w) && contentWords > 1) return false;
      // A surname that is also an everyday word ("Chase", "Murphy") names a person only when capitalised.
      if (surfaces.every((s) => s.surname) && informativeness(w) <= 0.6 && !capitalised.has(w)) return false;
      if (surfaces.every((s) => s.key.includes(' ')) && STOPWORDS.has(w)) return false;
    }
    return true;
  };
  const lookup = (key: string, len: number) =>
    index.surfaces.get(key) ?? (len > 1 || key.length > 5 ? index.compact.get(key) : undefined);

  for (let len = Math.min(index.maxWords, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const typed = typedText.span(i, len);
      const hits = lookup(typed, len);
      if (hits && plausible(hits, words, i, len)) {
        found.push({ surfaces: hits, start: i, end: i + len, score: 1, typed });
        continue;
      }
      // "the Alliance" typed without its article.
      const short =
        len === 1 && COMMON_WORDS.has(typed) ? (hits ?? index.surfaces.get(`the ${typed}`)) : undefined;
      if (short?.every((h) => h.record.kind === 'initiative'))
        bare.push({ surfaces: short, start: i, end: i + 1, score: BARE_SCORE, typed });
      let changed = 0;
      for (let k = i; k < i + len; k++) if (corrected[k] !== words[k]) changed++;
      if (changed === 0) continue;
      const fixedHits = lookup(fixedText.span(i, len), len);
      if (fixedHits && plausible(fixedHits, corrected, i, len))
        found.push({ surfaces: fixedHits, start: i, end: i + len, score: 1 - 0.08 * changed, typed });
    }
  }

  fuzzySpans(words, corrected, typedText, fixedText, index, found);
  ownedThings(words, index, found);
  employers(words, index, found);
  // "which alliance objective…": a bare everyday word that is an initiative's short name names it when nothing
  // else in the question is a name.
  return withGivenNames(resolveOverlaps(found.length ? found : bare), words);
}

/**
 * "joel pineau": a person found by their surname takes in the word before it when that is their given name
 * misspelt or cut short, so it isn't read as a word of the question.
 */
function withGivenNames(mentions: Mention[], words: readonly string[]): Mention[] {
  return mentions.map((m) => {
    const surface = m.surfaces[0];
    const before = words[m.start - 1];
    if (surface?.record.kind !== 'person' || m.surfaces.length > 1 || m.end - m.start !== 1) return m;
    if (!before || before.length < 3) return m;
    if (mentions.some((o) => o !== m && o.end > m.start - 1 && o.start <= m.start - 1)) return m;
    const parts = normalize(surface.record.name).split(' ');
    const given = parts[0] ?? '';
    if (parts.length < 2 || parts[parts.length - 1] !== surface.key) return m;
    const close = given.startsWith(before) || editDistance(before, given, 2) <= 2;
    if (!close || before === given) return m;
    return { ...m, start: m.start - 1, score: Math.min(m.score, 0.92), typed: `${before} ${m.typed}` };
  });
}

/** The link score of an initiative named only by an everyday word ("alliance") in lowercase. */
const BARE_SCORE = 0.8;

/** Words joined by single spaces, with each word's offsets, so any span is one `slice`. */
class Joined {
  readonly text: string;
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  constructor(words: readonly string[]) {
    this.text = words.join(' ');
    let at = 0;
    for (const w of words) {
      this.#starts.push(at);
      this.#ends.push(at + w.length);
      at += w.length + 1;
    }
  }
  /** Words [i, i + len) joined by spaces. */
  span(i: number, len: number): string {
    return this.text.slice(this.#starts[i], this.#ends[i + len - 1]);
  }
}

/** Number of words in a surface key. */
const wordCount = (key: string) => {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
};

/** Partial and misspelled multi-word names, scored with fuse.js against surfaces sharing words with the span. */
function fuzzySpans(
  words: readonly string[],
  corrected: readonly string[],
  typedText: Joined,
  fixedText: Joined,
  index: SearchIndex,
  found: Mention[],
) {
  const covered = (i: number) => found.some((m) => m.score === 1 && i >= m.start && i < m.end);
  const shared = new Map<Surface, number>();
  const uncommon = new Set<Surface>();
  for (let i = 0; i < words.length; i++) {
    for (let len = Math.min(5, words.length - i); len >= 2; len--) {
      const first = corrected[i] as string;
      const last = corrected[i + len - 1] as string;
      if (STOPWORDS.has(first) || STOPWORDS.has(last)) continue;
      if (covered(i) && covered(i + len - 1)) continue;
      // Surfaces sharing content words with the span (a word listed by too many names is no evidence).
      let content = 0;
      shared.clear();
      uncommon.clear();
      for (let k = i; k < i + len; k++) {
        const w = corrected[k] as string;
        if (STOPWORDS.has(w)) continue;
        content++;
        // A number alone ("may 3") is no evidence of a versioned name ("Llama 3").
        const list = /^\d+$/.test(w) ? undefined : index.wordSurfaces.get(w);
        if (!list || list.length > MAX_CANDIDATE_WORD_FREQUENCY) continue;
        const common = COMMON_WORDS.has(w);
        for (const s of list) {
          shared.set(s, (shared.get(s) ?? 0) + 1);
          if (!common) uncommon.add(s);
        }
      }
      const candidates: { s: Surface; overlap: number }[] = [];
      for (const [s, count] of shared) {
        const overlap = count / Math.max(content, wordCount(s.key));
        // Sharing only generic words ("ai foundation" vs "Linux Foundation") is not evidence of a name, unless
        // they make up most of it ("ai research community" vs "Meta AI Research Community").
        if (overlap >= 0.5 && (uncommon.has(s) || overlap >= 0.75)) candidates.push({ s, overlap });
      }
      if (candidates.length === 0) continue;
      const best = candidates.sort((a, b) => b.overlap - a.overlap).slice(0, 6);
      const spanText = fixedText.span(i, len);
      for (const { s } of best) {
        const result = Fuse.match(spanText, s.key, {
          includeScore: true,
          ignoreLocation: true,
          threshold: 0.4,
        });
        // Square root: a span that is the first half of a long name ("mozilla open letter") still counts.
        const coverage = Math.sqrt(
          Math.min(spanText.length, s.key.length) / Math.max(spanText.length, s.key.length),
        );
        const score = Math.max(
          result.isMatch ? (1 - (result.score ?? 1)) * coverage : 0,
          skippedWordsScore(corrected.slice(i, i + len), s.key),
        );
        if (score >= 0.6) {
          found.push({
            surfaces: index.surfaces.get(s.key) ?? [s],
            start: i,
            end: i + len,
            score: Math.min(0.9, score),
            typed: typedText.span(i, len),
          });
        }
      }
    }
  }
}

/**
 * A long name typed with words left out of its middle ("open innovation community"): every typed word is a word
 * of the name, in its order, from its first word to its last (the head noun). Scored by the share of the name
 * typed, below an exact name; 0 when the span is no such shortening.
 */
function skippedWordsScore(span: readonly string[], key: string): number {
  const name = key.split(' ');
  if (span.length < 2 || name.length <= span.length) return 0;
  if (span[0] !== name[0] || span[span.length - 1] !== name[name.length - 1]) return 0;
  let at = 0;
  for (const w of span) {
    while (at < name.length && name[at] !== w) at++;
    if (at === name.length) return 0;
    at++;
  }
  return Math.min(0.85, Math.sqrt(span.length / name.length));
}

const WEB_ADDRESS = /^[\w-]+(?:\.[\w-]+)+$/;

/** The link score of something named by its organization and words of its name ("the Mozilla letter"). */
const OWNED_SCORE = 0.9;

/**
 * "The Mozilla joint statement", "IBM's alliance": an organization's exact name followed by words of the name of
 * something it founded, runs or owns names that thing (the span as a whole outweighs the organization alone).
 */
function ownedThings(words: readonly string[], index: SearchIndex, found: Mention[]) {
  const exactOrgs = found.filter(
    (m) => m.score === 1 && m.surfaces.every((s) => s.record.kind === 'organization'),
  );
  for (const m of exactOrgs) {
    const org = m.surfaces[0]?.record;
    if (org?.kind !== 'organization') continue;
    const things = [
      ...org.involvement
        .filter((inv) => inv.role === 'co-founder')
        .map((inv) => index.kb.byId.get(inv.initiative)),
      ...(org.runs ? [index.kb.byId.get(org.runs)] : []),
      ...(index.projectsOf.get(org.id) ?? []).map((p) => index.kb.byId.get(p.id)),
    ].filter((r): r is KbRecord => !!r);
    if (!things.length) continue;
    for (let len = Math.min(3, words.length - m.end); len >= 1; len--) {
      const after = words.slice(m.end, m.end + len);
      if (STOPWORDS.has(after[0] as string) || STOPWORDS.has(after[len - 1] as string)) continue;
      const asked = after.filter((w) => !STOPWORDS.has(w)).map(stemRoot);
      // Everyday words name the thing only with its head noun ("the Mozilla letter"); "Meta's open approach"
      // is no name of the Open Innovation community.
      // Nor does a word most names hold ("IBM Research AI" is no name of the AI Alliance).
      const everyday = after.every((w) => informativeness(w) <= 0.3 || COMMON_WORDS.has(w));
      const thing = things.find((t) =>
        // A web address ("thealliance.ai") is no name whose last word is its head noun.
        [t.name, ...t.aliases.map(aliasName)]
          .filter((name) => !WEB_ADDRESS.test(name))
          .some((name) => {
            const nameWords = normalize(name).split(' ');
            const own = new Set(nameWords.map(stemRoot));
            return (
              asked.every((w) => own.has(w)) && (!everyday || asked.includes(stemRoot(headNoun(nameWords))))
            );
          }),
      );
      if (!thing) continue;
      const surfaces = index.surfaces.get(normalize(thing.name)) ?? [];
      if (!surfaces.length) continue;
      found.push({
        surfaces,
        start: m.start,
        end: m.end + len,
        score: OWNED_SCORE,
        typed: words.slice(m.start, m.end + len).join(' '),
      });
      break;
    }
  }
}

/** Words that, after a person's name, mean the organization they work for ("Zuckerberg's company"). */
const EMPLOYER_WORDS = new Set(['company', 'firm', 'startup', 'business']);

/** Titles of someone whose company it is: its founder, CEO, president or chair. */
const OWNER_TITLE = /\b(?:ceo|chief executive|founder|co-founder|president|chair)/i;

/**
 * "Zuckerberg's company": a person's exact name followed by a word for a company names the organization they
 * lead now (a current founder, CEO, president or chair role); nothing when the records have none.
 */
function employers(words: readonly string[], index: SearchIndex, found: Mention[]) {
  for (const m of found.filter((f) => f.score === 1 && f.surfaces.every((s) => s.record.kind === 'person'))) {
    const person = m.surfaces[0]?.record;
    if (person?.kind !== 'person' || !EMPLOYER_WORDS.has(words[m.end] ?? '')) continue;
    const role = person.roles.find((r) => r.organization && !r.to && OWNER_TITLE.test(r.title));
    const org = role?.organization ? index.kb.byId.get(role.organization) : undefined;
    const surfaces = org ? index.surfaces.get(normalize(org.name)) : undefined;
    if (!surfaces?.length) continue;
    found.push({
      surfaces,
      start: m.start,
      end: m.end + 1,
      score: OWNED_SCORE,
      typed: words.slice(m.start, m.end + 1).join(' '),
    });
  }
}

/** The head noun of a name: its last word before "on", "of", "for" or "in" ("Joint Statement on AI Safety"). */
function headNoun(words: readonly string[]): string {
  const cut = words.findIndex((w, i) => i > 0 && HEAD_ENDS.has(w));
  const head = cut > 0 ? words.slice(0, cut) : words;
  return head[head.length - 1] ?? '';
}

const HEAD_ENDS = new Set(['on', 'of', 'for', 'in']);

/** Keeps the best non-overlapping mentions: higher score first, then longer spans. */
function resolveOverlaps(found: Mention[]): Mention[] {
  // Longer spans win over a shorter exact word inside them: "meta open sourcing its models" is the initiative,
  // not just "meta".
  // Ties go to a record's own name over an alias: "meta ai alliance" is Meta + the AI Alliance, not "Meta AI".
  const weight = (m: Mention) =>
    m.score * (1 + 0.3 * (m.end - m.start - 1)) + (m.surfaces.some((s) => s.isName) ? 0.01 : 0);
  // A loose span that only stretches an exact name over the words after it ("project tapestry beat gpt") is
  // that name: the extra words are the question's, not the name's.
  const exact = found.filter((e) => e.score === 1);
  const stretched = (m: Mention) =>
    m.score < 1 &&
    exact.some(
      (e) =>
        e.start === m.start &&
        e.end <= m.end &&
        e.end - e.start < m.end - m.start &&
        e.surfaces.some((s) => m.surfaces.some((t) => t.record.id === s.record.id)),
    );
  const ranked = found.filter((m) => !stretched(m)).sort((a, b) => weight(b) - weight(a));
  const taken: Mention[] = [];
  for (const m of ranked) {
    if (taken.some((t) => m.start < t.end && t.start < m.end)) continue;
    taken.push(m);
  }
  return taken.sort((a, b) => a.start - b.start);
}
