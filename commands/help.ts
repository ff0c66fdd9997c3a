import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { type Command, isMessageCommand, usableIn } from '../src/bot/command.js';
import { ANY_CONTEXT, ANY_INSTALL, installedHere } from '../src/bot/contexts.js';
import { isModerator } from '../src/bot/permissions.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { relativeTo } from '../src/knowledge/problems.js';
import { footerText } from '../src/present/footer.js';
import { helpEmbed } from '../src/present/help.js';
import { lastGoodNotice } from '../src/present/last-good.js';
import { shardOfInteraction } from '../src/shard/where.js';

const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot knows and how to use it')
  .setIntegrationTypes(ANY_INSTALL)
  .setContexts(ANY_CONTEXT);

/** /help: featured initiatives, what the knowledge base holds, and how to use each command (only you see it). */
export default {
  data,

  async execute(interaction, ctx) {
    const { index, counts, lastGood } = ctx.store.current;
    // Only what works where /help was asked: no /reload in a DM, no mentions where the bot isn't.
    const usable = usableIn(ctx.commands, interaction.context);
    const slash = usable.flatMap((c) => (isMessageCommand(c) ? [] : [c.data.toJSON()]));
    // Moderators learn that an older knowledge base is being served; members just get answers.
    const moderatorNotice =
      lastGood && isModerator(interaction, ctx.config.moderatorRoleIds)
        ? lastGoodNotice(index.kb.version, lastGood, relativeTo(ctx.config.knowledgeDir))
        : undefined;
    const embed = helpEmbed(index, counts, slash, {
      mentionName: installedHere(interaction) ? interaction.client.user.username : undefined,
      messageCommands: usable.filter(isMessageCommand).map((c) => c.data.name),
      moderatorNotice,
    });
    const shard = shardOfInteraction(interaction);
    if (shard) embed.footer = { text: footerText(embed.footer?.text, `shard ${shard.id}/${shard.count}`) };
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  },
} satisfies Command;
