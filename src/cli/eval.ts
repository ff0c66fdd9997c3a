import { answer } from '../answer/answer.js';
import { loadOfflineConfig, processEnv } from '../config.js';
import { type EvalResult, type SetSummary, scoreAnswer, summarize } from '../eval/score.js';
import { type EvalSet, EvalSetError, listEvalFiles, readEvalSet } from '../eval/sets.js';
import { loadKnowledge } from '../knowledge/load.js';
import { KnowledgeError } from '../knowledge/problems.js';
import { buildIndex, type SearchIndex } from '../search/index.js';

const USAGE = `Usage: npm run eval -- [file.yaml …] [--show NAME[,NAME]] [--show-all] [--no-table]
  no file      score every question set in eval/
  --show NAME  print the misses of that set (e.g. --show tune); --show-all prints every set's misses
  --no-table   leave out each set's reliability table (confidence band → share right)`;

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '—';
}

function summaryLine(name: string, width: number, s: SetSummary): string {
  const total = s.inScope + s.outOfScope;
  return [
    name.padEnd(width),
    `in scope ${`${s.inScopeRight}/${s.inScope}`.padStart(7)} ${pct(s.inScopeRight, s.inScope).padStart(6)}`,
    `out of scope refused ${`${s.refused}/${s.outOfScope}`.padStart(5)}`,
    `wrong at confidence ≥ 0.8: ${s.confidentWrong}/${total} (${pct(s.confidentWrong, total)})`,
  ].join('  ·  ');
}

function reliabilityTable(name: string, s: SetSummary): string[] {
  const lines = [`${name} — reliability (confidence band → share right)`];
  for (const b of s.bands)
    lines.push(
      `  ${b.low.toFixed(1)}–${b.high.toFixed(1)}  ${String(b.count).padStart(4)} answers  ${pct(b.right, b.count).padStart(6)} right`,
    );
  return lines;
}

function missLines(results: readonly EvalResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    if (r.ok) continue;
    lines.push(`✖ ${r.id} ${JSON.stringify(r.question)} — ${r.problems.join('; ')}`);
    lines.push(`    subject: ${r.answer.subject?.name ?? '(none)'} · confidence ${r.answer.confidence}`);
    lines.push(`    ${r.answer.answer.replace(/\n/g, '\n    ')}`);
  }
  return lines;
}

function score(set: EvalSet, index: SearchIndex): EvalResult[] {
  return [
    ...set.data.questions.map((q) => scoreAnswer(q, false, answer(q.question, index))),
    ...set.data.out_of_scope.map((q) => scoreAnswer(q, true, answer(q.question, index))),
  ];
}

/**
 * `npm run eval`: scores every question set in `eval/` (or the files named) and prints one line per set — in
 * scope correct, out of scope refused, wrong answers given with confidence ≥ 0.8 — then the misses of the sets
 * named with `--show`. A missing or malformed file is one line naming it, exit 2.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const showAt = argv.indexOf('--show');
  const show = new Set(showAt >= 0 ? (argv[showAt + 1] ?? '').split(',').filter(Boolean) : []);
  const showAll = argv.includes('--show-all');
  const table = !argv.includes('--no-table');
  const files = argv.filter((a, i) => !a.startsWith('--') && !(showAt >= 0 && i === showAt + 1));
  if (showAt >= 0 && !show.size) {
    console.error(`eval: --show needs a set name\n${USAGE}`);
    return 2;
  }

  const sets = await Promise.all((files.length ? files : await listEvalFiles('eval')).map(readEvalSet));
  const index = buildIndex(await loadKnowledge(loadOfflineConfig(processEnv()).knowledgeDir));
  const unknown = [...show].filter((n) => !sets.some((s) => s.name === n));
  if (unknown.length) {
    console.error(
      `eval: no question set named ${unknown.join(', ')} (have: ${sets.map((s) => s.name).join(', ')})`,
    );
    return 2;
  }

  const width = Math.max(...sets.map((s) => s.name.length));
  const scored = sets.map((set) => ({ set, results: score(set, index) }));
  for (const { set, results } of scored) console.log(summaryLine(set.name, width, summarize(results)));
  for (const { set, results } of scored) {
    if (table) console.log(`\n${reliabilityTable(set.name, summarize(results)).join('\n')}`);
    if (showAll || show.has(set.name)) {
      const misses = missLines(results);
      console.log(`\n${set.name} — misses${misses.length ? '' : ': none'}`);
      if (misses.length) console.log(misses.join('\n'));
    }
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof EvalSetError || error instanceof KnowledgeError) {
    console.error(`eval: ${error.message}`);
    process.exitCode = 2;
  } else throw error;
}
