import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { isModerator } from '../src/bot/permissions.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { relativeTo } from '../src/knowledge/problems.js';
import { helpEmbed } from '../src/present/help.js';
import { lastGoodNotice } from '../src/present/last-good.js';

const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot knows and how to use it');

/** /help: featured initiatives, what the knowledge base holds, and how to use each command (only you see it). */
export default {
  data,

  async execute(interaction, ctx) {
    const { index, counts, lastGood } = ctx.store.current;
    // Moderators learn that an older knowledge base is being served; members just get answers.
    const notice =
      lastGood && isModerator(interaction, ctx.config.moderatorRoleIds)
        ? lastGoodNotice(index.kb.version, lastGood, relativeTo(ctx.config.knowledgeDir))
        : undefined;
    const embed = helpEmbed(
      index,
      counts,
      ctx.commands.map((c) => c.data.toJSON()),
      notice,
    );
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  },
} satisfies Command;
