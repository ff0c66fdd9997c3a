/**
 * Text normalisation shared by validation (alias collisions) and search (matching what people type).
 * Folds case and accents, turns punctuation into spaces, and drops invisible characters, so
 * "Joëlle", "joelle" and "JOELLE!" all become "joelle".
 */
export function normalize(text: string): string {
  // The same statement texts are normalised again and again while answering: remember the recent ones.
  const known = cache.get(text);
  if (known !== undefined) return known;
  const out = fold(text);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, out);
  return out;
}

const CACHE_SIZE = 20_000;
const cache = new Map<string, string>();

function fold(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Combining marks (accents) and zero-width/format characters carry no meaning for matching.
      .replace(/[\u0300-\u036f\u200b-\u200f\u2060-\u206f\ufeff]/g, '')
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      // "Meta's" → "meta": a possessive never changes which record is meant.
      .replace(/'s\b/g, '')
      // "R&D", "Q&A": one letter each side is a word of its own, not "r and d" (two stopwords).
      .replace(/\b(\p{L})&(\p{L})\b/gu, '$1$2')
      .replace(/&/g, ' and ')
      .replace(/[^\p{L}\p{N}$%]+/gu, ' ')
      .trim()
  );
}

/** Words of a normalised string. */
export function words(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(' ') : [];
}
