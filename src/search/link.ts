import Fuse from 'fuse.js';
import { normalize } from '../text/normalize.js';
import { COMMON_WORDS, STOPWORDS } from '../text/vocabulary.js';
import { deletions, type SearchIndex, type Surface } from './index.js';

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

/** Damerau–Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++)
    rows.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : 0)));
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The closest vocabulary word within one edit (a typo, a dropped or doubled letter, a swap), if any. */
export function correctWord(word: string, index: SearchIndex): string | undefined {
  if (word.length < 4 || STOPWORDS.has(word) || index.vocab.has(word)) return undefined;
  let best: string | undefined;
  let bestRefs = -1;
  for (const d of deletions(word)) {
    for (const candidate of index.deletes.get(d) ?? []) {
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

const MAX_CANDIDATE_WORD_FREQUENCY = 300;

/**
 * Finds the records a question names: exact names and aliases first (longest span wins), then typo-corrected
 * words, then fuse.js scoring of partial names against the surfaces that share words with the question.
 */
export function linkEntities(question: string, index: SearchIndex): Mention[] {
  const words = normalize(question).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const capitalised = capitalisedWords(question);
  const corrected = words.map((w) => correctWord(w, index) ?? w);
  const found: Mention[] = [];

  const plausible = (surfaces: readonly Surface[], spanWords: string[]) => {
    if (spanWords.every((w) => STOPWORDS.has(w))) return false;
    if (spanWords.length === 1) {
      const w = spanWords[0] as string;
      // One-word names that are also ordinary words count only when capitalised ("Together", "FAIR").
      if ((COMMON_WORDS.has(w) || w.length <= 2) && !capitalised.has(w)) return false;
      if (surfaces.every((s) => s.key.split(' ').length > 1) && STOPWORDS.has(w)) return false;
    }
    return true;
  };

  for (let len = Math.min(index.maxWords, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const typed = words.slice(i, i + len);
      const fixed = corrected.slice(i, i + len);
      for (const [variant, penalty] of [
        [typed, 0],
        [fixed, 0.08 * fixed.filter((w, k) => w !== typed[k]).length],
      ] as const) {
        if (penalty > 0 && variant === typed) continue;
        const key = variant.join(' ');
        const hits =
          index.surfaces.get(key) ?? (len > 1 || key.length > 5 ? index.compact.get(key) : undefined);
        if (hits && plausible(hits, [...variant])) {
          found.push({ surfaces: hits, start: i, end: i + len, score: 1 - penalty, typed: typed.join(' ') });
          break;
        }
      }
    }
  }

  fuzzySpans(words, corrected, index, found);
  return resolveOverlaps(found);
}

/** Partial and misspelled multi-word names, scored with fuse.js against surfaces sharing words with the span. */
function fuzzySpans(words: string[], corrected: string[], index: SearchIndex, found: Mention[]) {
  const covered = (i: number) => found.some((m) => m.score === 1 && i >= m.start && i < m.end);
  for (let i = 0; i < words.length; i++) {
    for (let len = Math.min(5, words.length - i); len >= 2; len--) {
      const span = corrected.slice(i, i + len);
      const first = span[0] as string;
      const last = span[len - 1] as string;
      if (STOPWORDS.has(first) || STOPWORDS.has(last)) continue;
      if (covered(i) && covered(i + len - 1)) continue;
      const content = span.filter((w) => !STOPWORDS.has(w));
      const pool = new Map<Surface, string[]>();
      for (const w of content) {
        const list = index.wordSurfaces.get(w);
        if (!list || list.length > MAX_CANDIDATE_WORD_FREQUENCY) continue;
        for (const s of list) pool.set(s, [...(pool.get(s) ?? []), w]);
      }
      const spanText = span.join(' ');
      const best = [...pool.entries()]
        .map(([s, shared]) => ({
          s,
          shared,
          overlap: shared.length / Math.max(content.length, s.key.split(' ').length),
        }))
        // Sharing only generic words ("ai foundation" vs "Linux Foundation") is not evidence of a name.
        .filter((c) => c.overlap >= 0.5 && c.shared.some((w) => !COMMON_WORDS.has(w)))
        .sort((a, b) => b.overlap - a.overlap)
        .slice(0, 6);
      for (const { s } of best) {
        const result = Fuse.match(spanText, s.key, {
          includeScore: true,
          ignoreLocation: true,
          threshold: 0.4,
        });
        if (!result.isMatch) continue;
        // Square root: a span that is the first half of a long name ("mozilla open letter") still counts.
        const coverage = Math.sqrt(
          Math.min(spanText.length, s.key.length) / Math.max(spanText.length, s.key.length),
        );
        const score = (1 - result.score) * coverage;
        if (score >= 0.6) {
          found.push({
            surfaces: index.surfaces.get(s.key) ?? [s],
            start: i,
            end: i + len,
            score: Math.min(0.9, score),
            typed: words.slice(i, i + len).join(' '),
          });
        }
      }
    }
  }
}

/** Keeps the best non-overlapping mentions: higher score first, then longer spans. */
function resolveOverlaps(found: Mention[]): Mention[] {
  // Longer spans win over a shorter exact word inside them: "meta open sourcing its models" is the initiative,
  // not just "meta".
  const weight = (m: Mention) => m.score * (1 + 0.3 * (m.end - m.start - 1));
  const ranked = [...found].sort((a, b) => weight(b) - weight(a));
  const taken: Mention[] = [];
  for (const m of ranked) {
    if (taken.some((t) => m.start < t.end && t.start < m.end)) continue;
    taken.push(m);
  }
  return taken.sort((a, b) => a.start - b.start);
}
