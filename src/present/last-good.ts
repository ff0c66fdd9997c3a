import { formatProblem, type Problem } from '../knowledge/problems.js';
import { cut } from './fit.js';

/** A Discord timestamp that shows as "3 hours ago" in each reader's language. */
const ago = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:R>`;

/**
 * For moderators, in /help: the bot is serving the last good copy of the knowledge base because the files on disk
 * were broken at start-up. Says since when, how many problems, the first one, and what to do.
 */
export function lastGoodNotice(
  version: string,
  lastGood: { savedAt: Date; problems: readonly Problem[] },
  display: (p: Problem) => Problem = (p) => p,
): string {
  const n = lastGood.problems.length;
  const first = lastGood.problems[0];
  const example = first
    ? `\n\`\`\`\n${cut(formatProblem(display(first)).replace(/```/g, "'''"), 500)}\n\`\`\``
    : '';
  return cut(
    `Serving an older version (${version}, the last good copy, saved ${ago(lastGood.savedAt)}): the knowledge files on disk have ${n} problem${n === 1 ? '' : 's'}, so they were not loaded at start-up. Fix ${n === 1 ? 'it' : 'them'} and run /reload, which lists ${n === 1 ? 'it' : 'them all'}.${example}`,
    1024,
  );
}

/** For the /reload report: why the version still served is an older one. */
export function lastGoodReloadNote(savedAt: Date): string {
  return `This is the last good copy of the knowledge base (saved ${ago(savedAt)}), served because the files on disk were broken at start-up.`;
}

/** For the /reload report after a successful reload that replaced the last good copy. */
export const RECOVERED_NOTE = 'The knowledge files on disk are served again, instead of the last good copy.';
