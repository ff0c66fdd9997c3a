import type { Candidate } from '../lookup/resolve.js';
import { escapeText } from './escape.js';
import { cut } from './fit.js';

/** The ❌ message for a name that matches nothing, with what the user could try instead. */
export function notFoundMessage(typed: string, what: string, suggestions: readonly Candidate[]): string {
  const tries = suggestions.map((s) => `**${escapeText(s.name)}**`).join(', ');
  return `I couldn't find ${what} called “${escapeText(cut(typed.trim(), 100))}” in the knowledge base.${
    tries ? ` Try ${tries} — or start typing and pick a suggestion.` : ' Start typing and pick a suggestion.'
  }`;
}
