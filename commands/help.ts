import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { helpEmbed } from '../src/present/help.js';
import { shardOfInteraction } from '../src/shard/where.js';

const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot knows and how to use it');

/** /help: featured initiatives, what the knowledge base holds, and how to use each command (only you see it). */
export default {
  data,

  async execute(interaction, ctx) {
    const { index, counts } = ctx.store.current;
    const embed = helpEmbed(
      index,
      counts,
      ctx.commands.map((c) => c.data.toJSON()),
    );
    const shard = shardOfInteraction(interaction);
    if (shard && embed.footer) embed.footer.text += ` · shard ${shard.id}/${shard.count}`;
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  },
} satisfies Command;
