import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { answer } from '../answer/answer.js';
import { loadOfflineConfig, processEnv } from '../config.js';
import { EvalFile, type EvalResult, scoreAnswer } from '../eval/score.js';
import { loadKnowledge } from '../knowledge/load.js';
import { buildIndex } from '../search/index.js';

/**
 * `npm run eval -- <file> [--verbose]`: scores a question file shaped like questions.dev.yaml and prints the
 * score and every miss. Exits 1 when the file can't be read.
 */
async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--')) ?? '../shared/eval/questions.dev.yaml';
  const verbose = argv.includes('--verbose');
  const data = EvalFile.parse(parse(await readFile(file, 'utf8')));
  const index = buildIndex(await loadKnowledge(loadOfflineConfig(processEnv()).knowledgeDir));

  const results: EvalResult[] = [
    ...data.questions.map((q) => scoreAnswer(q, false, answer(q.question, index))),
    ...data.out_of_scope.map((q) => scoreAnswer(q, true, answer(q.question, index))),
  ];
  for (const r of results) {
    if (r.ok && !verbose) continue;
    console.log(
      `${r.ok ? '✔' : '✖'} ${r.id} ${JSON.stringify(r.question)}${r.ok ? '' : ` — ${r.problems.join('; ')}`}`,
    );
    if (!r.ok || verbose) {
      console.log(`    subject: ${r.answer.subject?.name ?? '(none)'} · confidence ${r.answer.confidence}`);
      console.log(`    ${r.answer.answer.replace(/\n/g, '\n    ')}`);
    }
  }
  const inScope = results.filter((r) => !r.outOfScope);
  const oos = results.filter((r) => r.outOfScope);
  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '100.0');
  const okIn = inScope.filter((r) => r.ok).length;
  const okOut = oos.filter((r) => r.ok).length;
  console.log(`\nIn scope: ${okIn}/${inScope.length} correct (${pct(okIn, inScope.length)}%)`);
  console.log(`Out of scope: ${okOut}/${oos.length} refused (${pct(okOut, oos.length)}%)`);
  console.log(`Overall: ${okIn + okOut}/${results.length} (${pct(okIn + okOut, results.length)}%)`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
