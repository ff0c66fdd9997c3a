import type { ShardingConfig } from '../config.js';

/** Discord lets each `max_concurrency` bucket IDENTIFY once per 5 s; a little slack covers clock drift. */
const IDENTIFY_WINDOW_MS = 5500;

/** Which shards exist, which of them this machine runs, and which run on other machines. */
export interface ShardPlan {
  count: number;
  /** Shard ids this machine's manager runs, ascending. */
  here: number[];
  /** Shard ids other machines run (`SHARD_IDS` covers only part of `SHARD_COUNT`), ascending. */
  elsewhere: number[];
}

/**
 * Resolves `SHARD_COUNT`/`SHARD_IDS` against the count Discord recommends (GET /gateway/bot `shards`), used only
 * when `SHARD_COUNT=auto`.
 */
export function planShards(sharding: ShardingConfig, recommended: number): ShardPlan {
  const count = sharding.count === 'auto' ? Math.max(1, recommended) : sharding.count;
  const all = Array.from({ length: count }, (_, id) => id);
  const here = sharding.ids ? [...sharding.ids].sort((a, b) => a - b) : all;
  const mine = new Set(here);
  return { count, here, elsewhere: all.filter((id) => !mine.has(id)) };
}

/**
 * The pause between starting two shard processes. The manager starts shards one after another, so with
 * `max_concurrency` buckets two shards of the same bucket (`id % max_concurrency`) are `max_concurrency` starts
 * apart: a pause of 5.5 s / `max_concurrency` keeps each bucket to one IDENTIFY per window. Discord gives most
 * bots `max_concurrency` 1, which is discord.js's default pause of 5.5 s.
 */
export function spawnDelayMs(maxConcurrency: number): number {
  return Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, Math.floor(maxConcurrency)));
}

/** `0–3, 6, 8–9`: shard ids as short ranges, for replies and logs. */
export function formatShardIds(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
