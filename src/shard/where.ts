import type { Interaction } from 'discord.js';

/**
 * The shard that received an interaction and the shard count, when the bot is sharded (under the shard manager, or
 * a client with more than one shard); undefined for a bot running as one unsharded process.
 */
export function shardOfInteraction(interaction: Interaction): { id: number; count: number } | undefined {
  const { client } = interaction;
  const count = client.shard?.count ?? client.options.shardCount ?? 1;
  if (!client.shard && count <= 1) return undefined;
  // DMs arrive on shard 0, as Discord routes them.
  const id = interaction.guild?.shardId ?? client.shard?.ids[0] ?? 0;
  return { id, count };
}
