import type { APIEmbed } from 'discord.js';
import { formatShardIds } from '../shard/plan.js';
import type { ShardReloadOutcome, ShardReloadReport } from '../shard/reload.js';
import { COLORS } from './answer-embed.js';
import { fitEmbed, fitLines, LIMITS } from './fit.js';

function failureLine(o: Extract<ShardReloadOutcome, { ok: false }>): string {
  const serving = o.version ? `keeps serving ${o.version}` : 'keeps serving its last good version';
  return `❌ Shard ${o.shard} ${serving}: ${o.reason}`;
}

/**
 * Adds to a successful /reload reply which shards of this machine now serve which version, which failed (they keep
 * their last good knowledge base) and which shards run on other machines and need their own /reload.
 */
export function withShardReport(embed: APIEmbed, report: ShardReloadReport): APIEmbed {
  const byVersion = new Map<string, number[]>();
  const failed: Extract<ShardReloadOutcome, { ok: false }>[] = [];
  for (const o of report.outcomes) {
    if (o.ok) byVersion.set(o.version, [...(byVersion.get(o.version) ?? []), o.shard]);
    else failed.push(o);
  }
  const lines = [
    ...[...byVersion].map(([version, ids]) => {
      const label = ids.length === 1 ? 'Shard' : 'Shards';
      return `✅ ${label} ${formatShardIds(ids)}: version ${version}`;
    }),
    ...failed.sort((a, b) => a.shard - b.shard).map(failureLine),
  ];
  const fields = [
    ...(embed.fields ?? []),
    {
      name: `Shards on this machine (${report.outcomes.length} of ${report.count})`,
      value: fitLines(lines, LIMITS.fieldValue),
    },
  ];
  if (report.elsewhere.length > 0) {
    const ids = formatShardIds(report.elsewhere);
    fields.push({
      name: 'Shards on other machines',
      value: `${report.elsewhere.length === 1 ? 'Shard' : 'Shards'} ${ids} did not get this reload: run /reload in a server on ${report.elsewhere.length === 1 ? 'that shard' : 'each of those machines'}.`,
    });
  }
  const ok = report.outcomes.length - failed.length;
  return fitEmbed({
    ...embed,
    ...(failed.length > 0
      ? {
          title: `⚠️ Knowledge base reloaded on ${ok} of ${report.outcomes.length} shards`,
          color: COLORS.unsure,
        }
      : {}),
    fields,
  });
}
