/**
 * Checks any text a member reads (a card page, an answer) for what makes a reply hard to trust at a glance:
 * internal ids, editors' notes, a sentence said twice, a bare bullet, a word cut in half, a name repeated right after itself,
 * or a reply over its length budget. Used for /whois, /initiative and /ask replies alike.
 */
import { editorPhrases, internalIds } from '../../src/knowledge/lint-text.js';
import { sentenceKey, sentences } from '../../src/present/prose.js';

/** Options of {@link memberTextProblems}. */
export interface MemberTextOptions {
  /** Ids that exist in the knowledge base; any of them in the text is reported (source ids always are). */
  ids?: ReadonlySet<string>;
  /** The member typed a garbled spelling, so a note about machine translation is expected. */
  garbled?: boolean;
  /** Length budget in characters, if the reply has one. */
  maxChars?: number;
}

/** Sentences shorter than this ("Launched.", "none") may well repeat; they say nothing twice that matters. */
const MIN_SENTENCE = 24;

/** The text without link targets and addresses, which may contain anything. */
function visible(text: string): string {
  return text.replace(/\]\((?:[^()]|\([^()]*\))*\)/g, ']').replace(/https?:\/\/\S+/g, '');
}

/** Every problem in `text`, each a short sentence naming it; empty when the text is fine. */
export function memberTextProblems(text: string, options: MemberTextOptions = {}): string[] {
  const problems: string[] = [];
  const shown = visible(text);
  for (const id of internalIds(shown, options.ids)) problems.push(`internal id "${id}"`);
  for (const phrase of editorPhrases(shown, { correction: options.garbled === true }))
    problems.push(`editors' phrase "${phrase}"`);

  const seen = new Map<string, string>();
  for (const line of shown.split('\n')) {
    for (const s of sentences(line.replace(/^\s*(?:[•◦>-]|\d+\.)\s+/, ''))) {
      const key = sentenceKey(s);
      if (key.length < MIN_SENTENCE) continue;
      if (seen.has(key)) problems.push(`sentence said twice: "${s.slice(0, 80)}"`);
      else seen.set(key, s);
    }
    if (/^\s*(?:[•◦>-]|\d+\.)\s*$/.test(line)) problems.push('a bullet with nothing after it');
    const repeated = /^(?:•\s*)?(?:\*\*)?([^*—:]{2,60}?)(?:\*\*)?\s+—\s+(?:\*\*)?(.*)$/.exec(line);
    if (repeated?.[1] && repeated[2]?.toLowerCase().startsWith(`${repeated[1].toLowerCase()} `))
      problems.push(`name said twice in a row: "${line.slice(0, 80)}"`);
  }
  // A cut word ends the text or its line ("Abdus…"); "Did you mean…?" is a deliberate ellipsis.
  for (const m of shown.matchAll(/(\S*[\p{L}\p{N}])…(?=\s|$)/gu)) problems.push(`word cut: "${m[0]}"`);
  if (options.maxChars !== undefined && text.length > options.maxChars)
    problems.push(`${text.length} characters, over the budget of ${options.maxChars}`);
  return problems;
}
