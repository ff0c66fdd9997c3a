import Fuse from 'fuse.js';
import type { KbRecord } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import type { SearchIndex, Surface } from './index.js';
import { correctWord, MAX_CANDIDATE_WORD_FREQUENCY } from './link.js';

/** What an autocomplete offers: `initiative` for /initiative, `entity` (organizations and people) for /whois. */
export type SuggestKind = 'initiative' | 'entity' | 'any';

/** One autocomplete choice, within Discord's limits (name 1–100 characters, value at most 100). */
export interface Choice {
  name: string;
  value: string;
}

/** Discord allows at most 25 autocomplete choices. */
export const MAX_CHOICES = 25;

const accepts = (kind: SuggestKind, r: KbRecord) =>
  kind === 'any' ||
  (kind === 'initiative' ? r.kind === 'initiative' : r.kind === 'organization' || r.kind === 'person');

/** First index in a sorted array whose value is >= `prefix`. */
function lowerBound(sorted: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted values that start with `prefix`, at most `limit`. */
function withPrefix(sorted: readonly string[], prefix: string, limit: number): string[] {
  const out: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && out.length < limit; i++) {
    const v = sorted[i] as string;
    if (!v.startsWith(prefix)) break;
    out.push(v);
  }
  return out;
}

function toChoice(r: KbRecord, via?: Surface): Choice {
  const label =
    via && !via.isName && !via.garbled && !via.surname && normalize(r.name) !== via.key
      ? `${r.name} (${via.original})`
      : r.name;
  return { name: label.length > 100 ? `${label.slice(0, 99)}…` : label, value: r.id };
}

/**
 * Autocomplete: at most 25 choices ranked exact > prefix > fuzzy. Empty input gives the featured initiatives
 * (for `initiative`) or the most referenced organizations and people. Uses prefix ranges over sorted keys and
 * a typo index, so its cost doesn't grow with the size of the knowledge base.
 */
export function suggest(input: string, kind: SuggestKind, index: SearchIndex): Choice[] {
  const q = normalize(String(input ?? '').slice(0, 200));
  const picked = new Map<string, Choice>();
  const add = (r: KbRecord, via?: Surface) => {
    if (picked.size < MAX_CHOICES && accepts(kind, r) && !picked.has(r.id))
      picked.set(r.id, toChoice(r, via));
  };

  if (!q) {
    for (const r of index.featured) add(r);
    for (const r of index.byReferences) {
      if (picked.size >= MAX_CHOICES) break;
      add(r);
    }
    return [...picked.values()];
  }

  // 1. exact name or alias.
  for (const s of index.surfaces.get(q) ?? []) add(s.record, s);
  // 2. names that start with the input, then names with a word that starts with its last word.
  for (const key of withPrefix(index.sortedKeys, q, 200))
    for (const s of index.surfaces.get(key) ?? []) add(s.record, s);
  const words = q.split(' ');
  const last = words[words.length - 1] as string;
  const earlier = words.slice(0, -1);
  if (picked.size < MAX_CHOICES && last.length >= 1) {
    const holdsEarlier = (key: string) => {
      for (const w of earlier) if (!key.includes(w)) return false;
      return true;
    };
    for (const word of withPrefix(index.sortedVocab, last, 200)) {
      if (picked.size >= MAX_CHOICES) break;
      for (const s of index.wordSurfaces.get(word) ?? []) {
        if (picked.size >= MAX_CHOICES) break;
        if (holdsEarlier(s.key)) add(s.record, s);
      }
    }
  }
  // 3. fuzzy: typo-corrected words give candidates, fuse.js ranks them against what was typed.
  if (picked.size < MAX_CHOICES) {
    const pool = new Set<Surface>();
    for (const w of words) {
      const fixed = correctWord(w, index) ?? w;
      const list = index.wordSurfaces.get(fixed) ?? [];
      // A word in hundreds of names ("national", "lab") narrows nothing: of its names, take those that also hold
      // another typed word ("naional pe" → National Pe…), instead of scoring the first few hundred at random.
      const others = words.filter((o) => o !== w);
      const narrow = list.length > MAX_CANDIDATE_WORD_FREQUENCY && others.length > 0;
      for (const s of list) {
        if (pool.size >= 300) break;
        if (!narrow || others.some((o) => s.key.includes(o))) pool.add(s);
      }
    }
    const compactHits = index.compact.get(q.replace(/ /g, '')) ?? [];
    for (const s of compactHits) pool.add(s);
    const ranked = [...pool]
      .filter((s) => accepts(kind, s.record) && !picked.has(s.record.id))
      .map((s) => ({
        s,
        score: Fuse.match(q.slice(0, 32), s.key, {
          includeScore: true,
          ignoreLocation: true,
          threshold: 0.5,
        }),
      }))
      .filter((x) => x.score.isMatch)
      .sort((a, b) => a.score.score - b.score.score);
    for (const { s } of ranked) add(s.record, s);
  }
  return [...picked.values()];
}
