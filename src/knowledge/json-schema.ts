import { z } from 'zod';
import { KnowledgeFile } from './schema.js';

/**
 * The JSON Schema of one knowledge file, generated from the zod schema so the two can't drift.
 * Editors that understand `# yaml-language-server: $schema=./schema.json` validate while moderators type.
 * `io: 'input'` because fields with defaults (aliases, facts…) may be left out when writing a file.
 */
export function knowledgeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(KnowledgeFile, { io: 'input', target: 'draft-7' }),
    title: 'Initiatives Bot knowledge file',
    description: 'One YAML file in knowledge/. See knowledge/README.md for the format and examples.',
  };
}

/** The exact text written to `knowledge/schema.json`. */
export function knowledgeJsonSchemaText(): string {
  return `${JSON.stringify(knowledgeJsonSchema(), null, 2)}\n`;
}
