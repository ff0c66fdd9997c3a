/**
 * Records a question describes instead of naming ("the Toronto enterprise AI company", "the chipmaker that
 * Lisa Su runs"): a kind noun with a few describing words that only one record's profile holds.
 */
import type { KbRecord } from '../knowledge/schema.js';
import { type SearchIndex, stem } from '../search/index.js';
import type { Mention } from '../search/link.js';
import { informativeness } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS, SYNONYMS } from '../text/vocabulary.js';
import { coverage } from './coverage.js';
import type { Question } from './question.js';
import { FILLER_WORDS, GENERIC_CATEGORY } from './rules.js';

/** Nouns of a kind of record, and which records they can describe. */
const KIND_NOUNS: Readonly<Record<string, (r: KbRecord) => boolean>> = (() => {
  const org = (r: KbRecord) => r.kind === 'organization';
  const university = (r: KbRecord) => r.kind === 'organization' && r.type === 'university';
  const body = (r: KbRecord) => r.kind === 'initiative';
  const out: Record<string, (r: KbRecord) => boolean> = {};
  for (const w of 'company firm startup maker provider vendor developer outlet site publication newspaper foundation nonprofit agency institute lab laboratory hospital clinic network'.split(
    ' ',
  ))
    out[w] = org;
  for (const w of 'university college school'.split(' ')) out[w] = university;
  for (const w of 'club forum partnership coalition consortium body letter statement community'.split(' '))
    out[w] = body;
  const person = (r: KbRecord) => r.kind === 'person';
  for (const w of 'minister politician researcher scientist professor analyst reporter journalist executive investor entrepreneur engineer economist'.split(
    ' ',
  ))
    out[w] = person;
  const project = (r: KbRecord) => r.kind === 'project';
  for (const w of 'library framework toolkit dataset benchmark suite'.split(' ')) out[w] = project;
  return out;
})();

/** Words after the kind noun that go on describing it ("a maker led by its founder", "the lab based in Paris"). */
const TRAILING = new Set(['led', 'run', 'based', 'headquartered', 'from', 'behind']);
const TRAILING_SKIP = new Set(['by', 'in', 'out', 'of']);

/** Only a describing word English doesn't use every day tells records apart ("Toronto", "chip", not "big"). */
const TELLING = 0.6;
/** How far ahead of the runner-up a record's profile must be to be the one described. */
const MARGIN = 0.15;
/** Share of the describing words (weighted by rarity) a profile must hold. */
const MIN_SHARE = 0.75;
/** The link score of a described record: below a typed name. */
const DESCRIBED_SCORE = 0.75;

function profile(r: KbRecord): string {
  const extra =
    r.kind === 'organization' ? `${r.description ?? ''} ${r.type}` : r.kind === 'initiative' ? r.type : '';
  return `${r.name} ${r.summary} ${extra}`;
}

const profileWords = new WeakMap<SearchIndex, Map<string, KbRecord[]>>();

/**
 * The records whose profile holds a telling describing word, or a synonym of one: the only ones that can be
 * described by it. The word → records map is built once per index, so the scan stays small at any size.
 */
function candidates(index: SearchIndex, describing: readonly string[]): KbRecord[] {
  let byWord = profileWords.get(index);
  if (!byWord) {
    byWord = new Map();
    for (const r of index.kb.records)
      for (const w of new Set(normalize(profile(r)).split(' ').map(stem))) {
        const list = byWord.get(w) ?? [];
        list.push(r);
        byWord.set(w, list);
      }
    profileWords.set(index, byWord);
  }
  const out = new Set<KbRecord>();
  for (const d of describing)
    if (informativeness(d) >= TELLING)
      for (const w of [d, ...(SYNONYMS.get(d) ?? [])]) for (const r of byWord.get(stem(w)) ?? []) out.add(r);
  return [...out];
}

/**
 * Mentions of records the question describes by kind and traits rather than by name, when one record's own
 * summary and description hold most of the describing words, well ahead of the next. Records already named are
 * left out.
 */
export function describedRecords(q: Question, mentions: readonly Mention[], index: SearchIndex): Mention[] {
  const { words } = q;
  const taken = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) taken.add(i);
  const named = new Set(mentions.flatMap((m) => m.surfaces.map((s) => s.record.id)));
  const out: Mention[] = [];
  words.forEach((w, i) => {
    // Singular only: "the AI startups that stayed out" asks for several, not the one record they best fit.
    const fits = KIND_NOUNS[w];
    if (!fits || taken.has(i)) return;
    const describing: string[] = [];
    let start = i;
    for (let j = i - 1; j >= 0 && i - j <= 4 && !taken.has(j); j--) {
      const d = words[j] as string;
      if (STOPWORDS.has(d) || FILLER_WORDS.has(d)) break;
      start = j;
      // "a big tech company": the largest technology companies as a group, not one whose profile says tech.
      const bigTech = (d === 'tech' && words[j - 1] === 'big') || (d === 'big' && words[j + 1] === 'tech');
      if (!GENERIC_CATEGORY.has(d) && !KIND_NOUNS[d] && !bigTech) describing.push(d);
    }
    let end = i + 1;
    if (TRAILING.has(words[i + 1] ?? '')) {
      let k = i + 2;
      while (TRAILING_SKIP.has(words[k] ?? '')) k++;
      // A name there ("led by Rita Moss") is taken whole; other words, two at most ("based in Toronto").
      const name = mentions.find((m) => m.start === k);
      const last = name ? name.end : Math.min(words.length, k + 2);
      for (; k < last; k++) {
        const d = words[k] as string;
        if (!name && (STOPWORDS.has(d) || FILLER_WORDS.has(d))) break;
        describing.push(d);
        end = k + 1;
      }
    }
    if (!describing.some((d) => informativeness(d) >= TELLING)) return;
    const scored = candidates(index, describing)
      .filter((r) => fits(r) && !named.has(r.id))
      .map((r) => ({ r, ratio: coverage(describing, [], [profile(r)], index).ratio }))
      .sort((a, b) => b.ratio - a.ratio);
    const [best, next] = scored;
    if (!best || best.ratio < MIN_SHARE || (next && next.ratio > best.ratio - MARGIN)) return;
    out.push({
      surfaces: [
        { key: normalize(best.r.name), original: best.r.name, record: best.r, garbled: false, isName: true },
      ],
      start,
      end,
      score: DESCRIBED_SCORE,
      typed: words.slice(start, end).join(' '),
    });
    named.add(best.r.id);
  });
  return out;
}
