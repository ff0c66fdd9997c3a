import { randomUUID } from 'node:crypto';
import type { Client } from 'discord.js';
import { z } from 'zod';
import type { ShardingConfig } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Logger } from '../log.js';
import { planShards } from './plan.js';

/** What one shard did when asked to load a version. */
export type ShardReloadOutcome =
  | { shard: number; ok: true; version: string; previousVersion: string; tookMs: number }
  | {
      shard: number;
      ok: false;
      /** The version the shard keeps serving; undefined when the shard did not answer. */
      version: string | undefined;
      reason: string;
    };

/** The result of {@link reloadEveryShard}: one outcome per shard of this machine, and the shards elsewhere. */
export interface ShardReloadReport {
  version: string;
  count: number;
  outcomes: ShardReloadOutcome[];
  /** Shards other machines run; they need their own /reload. */
  elsewhere: number[];
}

/** How long a shard may take to load and index the new version before it is reported as not answering. */
const SHARD_RELOAD_TIMEOUT_MS = 60_000;

// The hook lives on the Client under a registered symbol, because a broadcastEval script runs as source text in
// the shard process and can reach nothing but the client and its JSON context.
const HOOK_KEY = 'initiatives-bot.reloadTo';
type Hook = (version: string) => Promise<ShardReloadOutcome>;

/**
 * Lets other shards' /reload reach this one: `store` loads `dir` and swaps it in only if its content hash is the
 * version the first shard validated; anything else keeps serving the last good knowledge base.
 */
export function exposeShardReload(
  client: Client,
  shard: number,
  store: KnowledgeStore,
  dir: string,
  logger: Logger,
): void {
  const hook: Hook = async (version) => {
    const result = await store.reload(dir, { expectVersion: version });
    if (result.ok) {
      if (result.version !== result.previousVersion) {
        logger.info(
          { version, previousVersion: result.previousVersion, tookMs: result.tookMs },
          'knowledge base reloaded (asked by another shard)',
        );
      }
      return {
        shard,
        ok: true,
        version: result.version,
        previousVersion: result.previousVersion,
        tookMs: result.tookMs,
      };
    }
    const reason =
      result.problems.length === 1 && result.problems[0]?.field === ''
        ? (result.problems[0]?.message ?? 'could not load')
        : `the knowledge base on disk has ${result.problems.length} problems`;
    logger.warn({ version, serving: result.version, reason }, 'reload asked by another shard refused');
    return { shard, ok: false, version: result.version, reason };
  };
  Object.defineProperty(client, Symbol.for(HOOK_KEY), { value: hook });
}

// Runs inside each shard process as source text: no imports, no closures, nothing but the client and context.
const reloadOnShard = (client: Client, context: { key: string; version: string; request: string }) => {
  const hook = (client as unknown as Record<symbol, Hook | undefined>)[Symbol.for(context.key)];
  return hook ? hook(context.version) : null;
};

const Outcome = z.union([
  z.object({
    shard: z.number(),
    ok: z.literal(true),
    version: z.string(),
    previousVersion: z.string(),
    tookMs: z.number(),
  }),
  z.object({ shard: z.number(), ok: z.literal(false), version: z.string(), reason: z.string() }),
]);

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** A reason a moderator can act on, for a shard that could not be asked. */
function unreachable(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ShardingNoChildExists') return 'its process is restarting';
  if (code === 'ShardingShardNotFound') return 'this machine does not run it';
  return error instanceof Error ? error.message : String(error);
}

/**
 * After this shard validated and loaded `version`, asks every shard this machine runs (this one included) to load
 * the same version, through discord.js's `broadcastEval` with the version in `context`. Never throws: a shard that
 * fails, refuses or does not answer is reported and keeps its last good knowledge base.
 */
export async function reloadEveryShard(
  client: Client,
  sharding: ShardingConfig | undefined,
  version: string,
  timeoutMs = SHARD_RELOAD_TIMEOUT_MS,
): Promise<ShardReloadReport | undefined> {
  const util = client.shard;
  if (!util) return undefined;
  const count = util.count;
  const plan = planShards(sharding ?? { count, ids: undefined }, count);
  const request = randomUUID();
  const outcomes = await Promise.all(
    plan.here.map(async (shard): Promise<ShardReloadOutcome> => {
      const limit = timeout(timeoutMs);
      try {
        const answer = await Promise.race([
          util.broadcastEval(reloadOnShard, { shard, context: { key: HOOK_KEY, version, request } }),
          limit.promise,
        ]);
        if (answer === null) return { shard, ok: false, version: undefined, reason: 'it is still starting' };
        const parsed = Outcome.safeParse(answer);
        if (!parsed.success)
          return {
            shard,
            ok: false,
            version: undefined,
            reason: 'it gave an answer this version cannot read',
          };
        return parsed.data;
      } catch (error) {
        return { shard, ok: false, version: undefined, reason: unreachable(error) };
      } finally {
        limit.cancel();
      }
    }),
  );
  return { version, count, outcomes, elsewhere: plan.elsewhere };
}
