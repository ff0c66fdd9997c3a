import { createInterface } from 'node:readline';
import { type Answer, answer } from '../answer/answer.js';
import { loadOfflineConfig, processEnv } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
import { KnowledgeError } from '../knowledge/problems.js';
import { buildIndex } from '../search/index.js';

/**
 * `npm run ask -- "question"`: the bot's answer engine in the terminal, no Discord needed.
 *   --json    print exactly one JSON object
 *   --jsonl   read one question per line on stdin, write one JSON object per line (index built once)
 */
function format(result: Answer): string {
  const lines: string[] = [];
  if (result.subject) lines.push(`# ${result.subject.name} (${result.subject.kind})`);
  lines.push(result.answer);
  if (result.sources.length) {
    lines.push('', 'Sources:');
    for (const s of result.sources) lines.push(`  - ${s.title}${s.url ? ` <${s.url}>` : ''}`);
  }
  if (result.suggestions.length)
    lines.push('', `Did you mean: ${result.suggestions.map((s) => s.name).join(' · ')}`);
  lines.push('', `(confidence ${result.confidence.toFixed(2)})`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const jsonl = argv.includes('--jsonl');
  const question = argv.filter((a) => !a.startsWith('--')).join(' ');
  const config = loadOfflineConfig(processEnv());
  const index = buildIndex(await loadKnowledge(config.knowledgeDir));

  if (jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) process.stdout.write(`${JSON.stringify(answer(line, index))}\n`);
    return 0;
  }
  if (!question.trim()) {
    console.error(
      'Usage: npm run ask -- "what is the AI Alliance?"   (add --json for JSON, --jsonl for stdin)',
    );
    return 2;
  }
  const result = answer(question, index);
  console.log(json ? JSON.stringify(result) : format(result));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof KnowledgeError ? err.message : err);
  process.exitCode = 1;
}
