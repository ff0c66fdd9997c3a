import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { type Command, isMessageCommand, usableIn } from '../src/bot/command.js';
import { ANY_CONTEXT, ANY_INSTALL, installedHere } from '../src/bot/contexts.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { helpEmbed } from '../src/present/help.js';

const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot knows and how to use it')
  .setIntegrationTypes(ANY_INSTALL)
  .setContexts(ANY_CONTEXT);

/** /help: featured initiatives, what the knowledge base holds, and how to use each command (only you see it). */
export default {
  data,

  async execute(interaction, ctx) {
    const { index, counts } = ctx.store.current;
    // Only what works where /help was asked: no /reload in a DM, no mentions where the bot isn't.
    const usable = usableIn(ctx.commands, interaction.context);
    const slash = usable.flatMap((c) => (isMessageCommand(c) ? [] : [c.data.toJSON()]));
    const embed = helpEmbed(index, counts, slash, {
      mentionName: installedHere(interaction) ? interaction.client.user.username : undefined,
      messageCommands: usable.filter(isMessageCommand).map((c) => c.data.name),
    });
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  },
} satisfies Command;
