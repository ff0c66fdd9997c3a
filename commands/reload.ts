import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { type NowAnsweredSummary, recentMissesNowAnswered } from '../src/feedback/now-answered.js';
import { relativeTo } from '../src/knowledge/problems.js';
import { reloadReport } from '../src/present/reload-report.js';
import { withShardReport } from '../src/present/shard-reload.js';
import { reloadEveryShard } from '../src/shard/reload.js';

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

/**
 * /reload (moderators): validates the knowledge directory and swaps it in only when it is valid; under the shard
 * manager, every shard of this machine then loads the same version.
 */
export default {
  data,
  moderatorOnly: true,

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const before = ctx.store.current.index;
    const result = await ctx.store.reload(ctx.config.knowledgeDir);
    let loop: NowAnsweredSummary | undefined;
    if (result.ok) {
      const { added, removed, changed, version, previousVersion, tookMs } = result;
      ctx.logger.info(
        { version, previousVersion, tookMs, added, removed, changed },
        'knowledge base reloaded',
      );
      loop = await recentMissesNowAnswered(
        ctx.feedback,
        interaction.guildId,
        before,
        ctx.store.current.index,
      );
      if (loop?.state === 'checked')
        ctx.logger.info(
          { checked: loop.checked, nowAnswered: loop.answered.length },
          'recent misses re-checked',
        );
    } else {
      ctx.logger.warn(
        { version: result.version, problems: result.problems.length },
        'reload rejected: invalid knowledge base',
      );
    }
    let embed = reloadReport(result, relativeTo(ctx.config.knowledgeDir), loop);
    // Under the shard manager, the version this shard validated goes to every shard of this machine.
    const shards = result.ok
      ? await reloadEveryShard(interaction.client, ctx.config.sharding, result.version)
      : undefined;
    if (shards) {
      const failed = shards.outcomes.filter((o) => !o.ok);
      ctx.logger[failed.length ? 'warn' : 'info'](
        { version: result.version, shards: shards.outcomes, elsewhere: shards.elsewhere },
        failed.length ? 'reload reached some shards only' : 'reload reached every shard of this machine',
      );
      embed = withShardReport(embed, shards);
    }
    await interaction.editReply({ embeds: [embed], allowedMentions: NO_PINGS });
  },
} satisfies Command;
