import type { APIEmbed } from 'discord.js';
import type { NowAnsweredSummary } from '../feedback/now-answered.js';
import type { KnowledgeCounts } from '../knowledge/model.js';
import { formatProblem, type Problem } from '../knowledge/problems.js';
import type { ReloadResult } from '../knowledge/store.js';
import { COLORS, quotedQuestion } from './answer-embed.js';
import { escapeText } from './escape.js';
import { cut, fitEmbed, fitLines, LIMITS } from './fit.js';
import { lastGoodReloadNote, RECOVERED_NOTE } from './last-good.js';

function countLine(c: KnowledgeCounts): string {
  return `${c.initiatives} initiatives, ${c.organizations} organizations, ${c.people} people, ${c.projects} projects, ${c.sources} sources`;
}

function idList(ids: readonly string[]): string {
  return fitLines(
    ids.map((id) => `\`${id}\``),
    LIMITS.fieldValue,
  );
}

/** Most recent misses a reload report lists as now answered; the rest are counted. */
export const NOW_ANSWERED_SHOWN = 5;

/** The "Now answered" field: which of the recent misses the new knowledge base answers confidently. */
export function nowAnsweredField(summary: NowAnsweredSummary): { name: string; value: string } {
  if (summary.state === 'unavailable')
    return {
      name: 'Now answered',
      value: 'Feedback storage is unavailable, so recent misses could not be checked.',
    };
  const { checked, answered, days } = summary;
  if (checked === 0) return { name: 'Now answered', value: `No misses in the last ${days} days to check.` };
  const name = `Now answered: ${answered.length} of ${checked} distinct misses of the last ${days} days`;
  if (answered.length === 0) return { name, value: 'None of them is answered confidently yet.' };
  const lines = answered
    .slice(0, NOW_ANSWERED_SHOWN)
    .map(
      (a) => `${quotedQuestion(cut(a.question, 120))}${a.subject ? ` → **${escapeText(a.subject)}**` : ''}`,
    );
  if (answered.length > NOW_ANSWERED_SHOWN) lines.push(`…and ${answered.length - NOW_ANSWERED_SHOWN} more`);
  return { name, value: fitLines(lines, LIMITS.fieldValue) };
}

/**
 * The /reload reply. Success: time taken, version change, counts and the ids added, removed and changed.
 * Failure: the version still being served and each problem as `file:line field: problem`, cut to fit.
 * `display` rewrites problem file paths for readers (e.g. relative to the knowledge directory's parent).
 * `nowAnswered`, after a success, says which recent misses the new knowledge answers.
 */
export function reloadReport(
  result: ReloadResult,
  display: (p: Problem) => Problem = (p) => p,
  nowAnswered?: NowAnsweredSummary,
): APIEmbed {
  if (!result.ok) {
    // A code block shows paths and field names exactly as in the editor, with nothing to escape but fences.
    const lines = result.problems.map((p) => formatProblem(display(p)).replace(/```/g, "'''"));
    return fitEmbed({
      title: `❌ Reload failed — still serving knowledge base ${result.version}`,
      description: `${result.lastGoodSavedAt ? `${lastGoodReloadNote(result.lastGoodSavedAt)}\n` : ''}Nothing was changed: the last good knowledge base keeps answering. Fix ${
        result.problems.length === 1 ? 'this problem' : `these ${result.problems.length} problems`
      } and run /reload again.\n\`\`\`\n${fitLines(lines, 3500)}\n\`\`\``,
      color: COLORS.failed,
      footer: { text: `Checked in ${result.tookMs} ms` },
    });
  }
  const same = result.version === result.previousVersion;
  const fields = [
    { name: `Added (${result.added.length})`, value: result.added.length ? idList(result.added) : 'none' },
    {
      name: `Removed (${result.removed.length})`,
      value: result.removed.length ? idList(result.removed) : 'none',
    },
    {
      name: `Changed (${result.changed.length})`,
      value: result.changed.length ? idList(result.changed) : 'none',
    },
    ...(nowAnswered ? [nowAnsweredField(nowAnswered)] : []),
  ];
  return fitEmbed({
    title: '✅ Knowledge base reloaded',
    description: `${
      same
        ? `No changes: still version ${result.version}.`
        : `Version ${result.previousVersion} → ${result.version}.`
    }\n${countLine(result.counts)}.${result.recovered ? `\n${RECOVERED_NOTE}` : ''}`,
    color: COLORS.ok,
    fields,
    footer: { text: `Reloaded in ${result.tookMs} ms` },
  });
}
