import type { MissGroup } from '../storage/misses.js';

/** The formats `npm run misses` writes. */
export const FORMATS = ['table', 'csv', 'jsonl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** One miss group as the CLI exports it: plain values, the time as ISO 8601 (UTC). */
interface ExportRow {
  misses: number;
  asked: number;
  refused: number;
  unsure: number;
  down: number;
  up: number;
  lastAsked: string;
  lastOutcome: string;
  subject: string;
  question: string;
  normalized: string;
}

function row(g: MissGroup): ExportRow {
  return {
    misses: g.refused + g.unsure + g.down,
    asked: g.asked,
    refused: g.refused,
    unsure: g.unsure,
    down: g.down,
    up: g.up,
    lastAsked: new Date(g.lastAt).toISOString(),
    lastOutcome: g.lastOutcome,
    subject: g.subjectId ?? '',
    question: g.question,
    normalized: g.normalized,
  };
}

const COLUMNS = [
  'misses',
  'asked',
  'refused',
  'unsure',
  'down',
  'up',
  'lastAsked',
  'lastOutcome',
  'subject',
  'question',
  'normalized',
] as const satisfies readonly (keyof ExportRow)[];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet would run as
 * a formula (starting with = + - @ or a tab) gets a leading apostrophe, since members wrote these questions.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(rows: readonly ExportRow[]): string {
  const heads = [
    'misses',
    'asked',
    'refused',
    'unsure',
    'down',
    'up',
    'last asked (UTC)',
    'subject',
    'question',
  ];
  const cells = rows.map((r) => [
    String(r.misses),
    String(r.asked),
    String(r.refused),
    String(r.unsure),
    String(r.down),
    String(r.up),
    r.lastAsked.slice(0, 16).replace('T', ' '),
    r.subject || '—',
    // One line per group, and no terminal control codes, whatever the member typed.
    r.question.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim(),
  ]);
  const widths = heads.map((h, i) => Math.max([...h].length, ...cells.map((c) => [...(c[i] ?? '')].length)));
  const pad = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd((widths[i] ?? 0) + v.length - [...v].length)))
      .join('  ');
  return [pad(heads), ...cells.map(pad)].join('\n');
}

/** The miss groups in `format`, ending with a newline (nothing but the table's header when there are none). */
export function exportMisses(groups: readonly MissGroup[], format: ExportFormat): string {
  const rows = groups.map(row);
  if (format === 'jsonl') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  if (format === 'csv')
    return `${[COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))].join('\r\n')}\r\n`;
  return `${table(rows)}\n`;
}
