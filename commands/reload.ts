import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { relativeTo } from '../src/knowledge/problems.js';
import { reloadReport } from '../src/present/reload-report.js';

const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription(
    'Reload the knowledge base from disk; the current one keeps serving if the new one is invalid',
  )
  // Hidden from members without Manage Server by default; admins can change that, so the router checks again.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  // Moderators reload the bot their server runs: never offered in DMs or to a member's own install.
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild);

/** /reload (moderators): validates the knowledge directory and swaps it in only when it is valid. */
export default {
  data,
  moderatorOnly: true,

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await ctx.store.reload(ctx.config.knowledgeDir);
    if (result.ok) {
      const { added, removed, changed, version, previousVersion, tookMs } = result;
      ctx.logger.info(
        { version, previousVersion, tookMs, added, removed, changed },
        'knowledge base reloaded',
      );
    } else {
      ctx.logger.warn(
        { version: result.version, problems: result.problems.length },
        'reload rejected: invalid knowledge base',
      );
    }
    await interaction.editReply({
      embeds: [reloadReport(result, relativeTo(ctx.config.knowledgeDir))],
      allowedMentions: NO_PINGS,
    });
  },
} satisfies Command;
