import type { Database } from 'better-sqlite3';

/** What the bot made of a question: a confident answer, an unsure one, or "not in the knowledge base". */
export type Outcome = 'answered' | 'unsure' | 'refused';

/** Asks of one normalised question that went wrong: refused, unsure, or voted down. */
export interface MissGroup {
  normalized: string;
  /** The wording of the latest ask. */
  question: string;
  /** Times asked in the window, whatever the outcome. */
  asked: number;
  refused: number;
  unsure: number;
  /** 👎 votes on its answers (current votes: a vote changed to 👍 no longer counts). */
  down: number;
  up: number;
  /** Epoch milliseconds of the latest ask. */
  lastAt: number;
  /** The subject the bot picked the latest time, if any. */
  subjectId: string | null;
  /** Outcome of the latest ask. */
  lastOutcome: Outcome;
}

/** Which asks {@link findMisses} looks at. */
export interface MissQuery {
  /** One server's asks; `undefined` for every server and direct messages (the offline CLI). */
  guildId?: string | undefined;
  /** Epoch milliseconds: asks at or after this. */
  since: number;
  /** At most this many groups, worst first. */
  limit: number;
}

/** A row of {@link missesSql}. */
export interface MissRow {
  normalized: string;
  question: string;
  asked: number;
  refused: number;
  unsure: number;
  down: number;
  up: number;
  last_at: number;
  subject_id: string | null;
  last_outcome: Outcome;
}

/**
 * The query behind {@link findMisses}, with named parameters `@since`, `@limit` and (when `byGuild`) `@guild`.
 * Votes are summed per ask first, so a question asked twice with one 👎 counts one 👎, not one per ask row.
 */
export const missesSql = (byGuild: boolean) => `
  WITH recent AS (
    SELECT a.id, a.at, a.question, a.normalized, a.outcome, a.subject_id,
           COALESCE(v.down, 0) AS down, COALESCE(v.up, 0) AS up,
           ROW_NUMBER() OVER (PARTITION BY a.normalized ORDER BY a.at DESC, a.id DESC) AS newest
    FROM asks a
    LEFT JOIN (
      SELECT ask_id, SUM(vote = -1) AS down, SUM(vote = 1) AS up FROM votes GROUP BY ask_id
    ) v ON v.ask_id = a.id
    WHERE a.at >= @since ${byGuild ? 'AND a.guild_id = @guild' : ''}
  ),
  groups AS (
    SELECT normalized, COUNT(*) AS asked, SUM(outcome = 'refused') AS refused,
           SUM(outcome = 'unsure') AS unsure, SUM(down) AS down, SUM(up) AS up, MAX(at) AS last_at
    FROM recent GROUP BY normalized
  )
  SELECT g.normalized, r.question, g.asked, g.refused, g.unsure, g.down, g.up, g.last_at,
         r.subject_id, r.outcome AS last_outcome
  FROM groups g JOIN recent r ON r.normalized = g.normalized AND r.newest = 1
  WHERE g.refused + g.unsure + g.down > 0
  ORDER BY g.refused + g.unsure + g.down DESC, g.last_at DESC, g.normalized
  LIMIT @limit
`;

/** The named parameters of {@link missesSql} for `query`. */
export function missesParams(query: MissQuery): Record<string, unknown> {
  return {
    since: query.since,
    limit: query.limit,
    ...(query.guildId !== undefined ? { guild: query.guildId } : {}),
  };
}

/** A {@link MissRow} as the rest of the bot reads it. */
export function toMissGroup(r: MissRow): MissGroup {
  return {
    normalized: r.normalized,
    question: r.question,
    asked: r.asked,
    refused: r.refused,
    unsure: r.unsure,
    down: r.down,
    up: r.up,
    lastAt: r.last_at,
    subjectId: r.subject_id,
    lastOutcome: r.last_outcome,
  };
}

/** The questions that went wrong since `since`, grouped by normalised wording, most misses first. */
export function findMisses(db: Database, query: MissQuery): MissGroup[] {
  const rows = db.prepare(missesSql(query.guildId !== undefined)).all(missesParams(query)) as MissRow[];
  return rows.map(toMissGroup);
}
