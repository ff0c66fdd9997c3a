import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { ANY_CONTEXT, ANY_INSTALL, publicRepliesShown } from '../src/bot/contexts.js';
import { UserError } from '../src/bot/errors.js';
import { askQuestion, questionFromMessage } from '../src/bot/questions.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { shareAnswer } from '../src/bot/share.js';
import { messageMenuReply, parseShareButtonId } from '../src/present/asked-reply.js';

/** The entry in a message's Apps menu. */
export const ASK_MESSAGE = 'Ask Initiatives Bot';

const data = new ContextMenuCommandBuilder()
  .setName(ASK_MESSAGE)
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(ANY_INSTALL)
  .setContexts(ANY_CONTEXT);

/**
 * Apps → Ask Initiatives Bot: answers the message's text as a question, privately, with a button that posts the
 * answer for everyone as a reply to that message.
 */
export default {
  kind: 'message',
  data,
  cooldown: true,

  async execute(interaction, ctx) {
    const target = interaction.targetMessage;
    const question = questionFromMessage(target.content);
    if (!question)
      throw new UserError('That message has no text to ask about — try it on a message with a question.');
    const asked = askQuestion(question, 'message-menu', ctx, {
      guildId: interaction.guildId,
      userId: interaction.user.id,
    });
    // Where Discord forces responses to be private, a "Post publicly" button could only disappoint.
    const share = publicRepliesShown(interaction)
      ? { commandName: ASK_MESSAGE, messageId: target.id }
      : undefined;
    const view = messageMenuReply(asked, share);
    await interaction.reply({
      ...(view.content ? { content: view.content } : {}),
      embeds: view.embeds,
      components: view.components,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  },

  async handleComponent(interaction, ctx) {
    const messageId = parseShareButtonId(ASK_MESSAGE, interaction.customId);
    const embeds = interaction.message.embeds.map((e) => e.toJSON());
    if (!messageId || !interaction.isButton() || embeds.length === 0)
      throw new UserError(`This button is no longer available — use Apps → ${ASK_MESSAGE} again.`);
    await shareAnswer(interaction, messageId, embeds, ctx.logger);
  },
} satisfies Command;
