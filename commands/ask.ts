import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { ANY_CONTEXT, ANY_INSTALL } from '../src/bot/contexts.js';
import { UserError } from '../src/bot/errors.js';
import { askQuestion, MAX_QUESTION } from '../src/bot/questions.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { answerAbout } from '../src/lookup/record-answer.js';
import { answerEmbed, askView, PICK_ID, PICK_PRIVATE_ID } from '../src/present/answer-embed.js';
import { escapeText } from '../src/present/escape.js';
import { feedbackRow } from '../src/present/feedback-buttons.js';

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about open AI initiatives and the organizations and people behind them')
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question, e.g. what is the AI Alliance?')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Show the answer to you only'))
  .setIntegrationTypes(ANY_INSTALL)
  .setContexts(ANY_CONTEXT);

/** /ask: a sourced answer, an unsure answer with "Did you mean…?", or an honest "not in the knowledge base". */
export default {
  data,
  cooldown: true,

  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    const privately = interaction.options.getBoolean('private') ?? false;
    const asked = askQuestion(question, 'slash', ctx, {
      guildId: interaction.guildId,
      userId: interaction.user.id,
    });
    if (asked.kind === 'small-talk') {
      await interaction.reply({
        content: asked.reply,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    const view = askView(question, asked.result, asked.index, privately);
    // Only answers everyone sees get 👍/👎: unsure and missing ones already ask the member to pick or rephrase.
    const votable = asked.askId !== undefined && view.outcome === 'answer' && !view.ephemeral;
    await interaction.reply({
      ...(view.content ? { content: view.content } : {}),
      embeds: view.embeds,
      components: votable && asked.askId ? [...view.components, feedbackRow(asked.askId)] : view.components,
      ...(view.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      allowedMentions: NO_PINGS,
    });
  },

  async handleComponent(interaction, ctx) {
    if (
      !interaction.isStringSelectMenu() ||
      (interaction.customId !== PICK_ID && interaction.customId !== PICK_PRIVATE_ID)
    )
      throw new UserError('This menu is no longer available — ask again with /ask.');
    const { index } = ctx.store.current;
    const id = interaction.values[0];
    const record = id ? index.kb.byId.get(id) : undefined;
    if (!record) throw new UserError('That topic is no longer in the knowledge base — ask again with /ask.');
    const embed = answerEmbed(answerAbout(record, index), index.kb);
    ctx.logger.info({ picked: record.id }, 'did-you-mean choice picked');
    if (interaction.customId === PICK_PRIVATE_ID) {
      await interaction.update({ content: '', embeds: [embed], components: [], allowedMentions: NO_PINGS });
      return;
    }
    // Replace the ephemeral menu with a pointer, then post the chosen answer for everyone.
    await interaction.update({
      content: `Posted the answer about **${escapeText(record.name)}** in the channel.`,
      embeds: [],
      components: [],
      allowedMentions: NO_PINGS,
    });
    await interaction.followUp({ embeds: [embed], allowedMentions: NO_PINGS });
  },
} satisfies Command;
