import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadOfflineConfig, processEnv } from '../config.js';
import { type ExportFormat, exportMisses, FORMATS } from '../feedback/export.js';
import { openDatabase } from '../storage/database.js';
import { FeedbackLog } from '../storage/feedback-log.js';
import { findMisses } from '../storage/misses.js';

const USAGE = `Usage: npm run misses -- [--since 30d] [--format table|csv|jsonl] [--guild ID] [--limit N]
  --since   how far back: a number of days (30 or 30d), hours (12h) or weeks (2w); default 14d
  --format  table (default), csv or jsonl
  --guild   one server's questions only; default every server
  --limit   at most this many question groups, most missed first; default 10000
Reads DATA_DIR/initiatives.db (read-only; the bot may keep running).`;

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

const Args = z.object({
  since: z
    .string()
    .regex(/^\d{1,5}[hdw]?$/, 'must be a number of days, or hours/days/weeks like 12h, 30d, 2w')
    .transform((s) => {
      const unit = (/[hdw]$/.exec(s)?.[0] ?? 'd') as keyof typeof UNIT_MS;
      return Number.parseInt(s, 10) * UNIT_MS[unit];
    }),
  format: z.enum(FORMATS, { error: `must be one of ${FORMATS.join(', ')}` }),
  guild: z
    .string()
    .regex(/^\d{17,20}$/, 'must be a server id (17–20 digits)')
    .optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1'),
});

interface Options {
  since: number;
  format: ExportFormat;
  guild: string | undefined;
  limit: number;
}

function readArgs(argv: string[]): Options | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        since: { type: 'string', default: '14d' },
        format: { type: 'string', default: 'table' },
        guild: { type: 'string' },
        limit: { type: 'string', default: '10000' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.help) return '';
  const parsed = Args.safeParse(values);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `--${String(i.path[0])} ${i.message}`).join('\n');
  return { ...parsed.data, guild: parsed.data.guild };
}

/**
 * `npm run misses`: the questions the bot refused, was unsure about or got 👎 on, grouped by normalised wording,
 * from the same database the bot writes, offline. Exit 0 with the report on stdout; 2 for bad arguments;
 * 1 when there is no database to read.
 */
function main(argv: string[]): number {
  const options = readArgs(argv);
  if (typeof options === 'string') {
    if (options) console.error(`misses: ${options}\n${USAGE}`);
    else console.log(USAGE);
    return options ? 2 : 0;
  }
  const config = loadOfflineConfig(processEnv());
  const file = FeedbackLog.file(config.dataDir);
  if (!existsSync(file)) {
    console.error(
      `misses: no feedback database at ${file} yet. The bot creates it on its first start with FEEDBACK=on; set DATA_DIR if it keeps its data elsewhere.`,
    );
    return 1;
  }
  let groups: ReturnType<typeof findMisses>;
  try {
    const db = openDatabase(file, { readonly: true });
    try {
      groups = findMisses(db, {
        guildId: options.guild,
        since: Date.now() - options.since,
        limit: options.limit,
      });
    } finally {
      db.close();
    }
  } catch (error) {
    console.error(`misses: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  process.stdout.write(exportMisses(groups, options.format));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
