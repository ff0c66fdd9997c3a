import { writeFile } from 'node:fs/promises';
import { knowledgeJsonSchemaText } from '../knowledge/json-schema.js';

/** `npm run kb:schema`: regenerates knowledge/schema.json from the zod schemas. */
const target = process.argv[2] ?? 'knowledge/schema.json';
await writeFile(target, knowledgeJsonSchemaText());
console.log(`wrote ${target}`);
