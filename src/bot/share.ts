import {
  type APIEmbed,
  type ButtonInteraction,
  messageLink,
  type SendableChannels,
  userMention,
} from 'discord.js';
import type { Logger } from '../log.js';
import { botCanReplyHere } from './contexts.js';
import { isMissingPermission } from './errors.js';
import { NO_PINGS, REPLY_NO_PINGS } from './respond.js';

/** What the private message-menu reply turns into once its answer was posted. */
export const SHARED_NOTE = '📣 Posted the answer for everyone.';

function replyChannel(interaction: ButtonInteraction): SendableChannels | undefined {
  if (!botCanReplyHere(interaction)) return undefined;
  const channel = interaction.channel;
  return channel?.isSendable() ? channel : undefined;
}

/**
 * Posts a privately shown answer for everyone, for the "Post publicly" button: as the bot's reply to the message
 * asked about where the bot is in the server and may post; otherwise (a member's own install, DMs, or a channel
 * the bot may not post in) as a public follow-up of the interaction that links to that message. Pings nobody.
 */
export async function shareAnswer(
  interaction: ButtonInteraction,
  messageId: string,
  embeds: APIEmbed[],
  logger: Logger,
): Promise<void> {
  await interaction.deferUpdate();
  const sharedBy = `Shared by ${userMention(interaction.user.id)}`;
  const channel = replyChannel(interaction);
  let posted = false;
  if (channel) {
    try {
      await channel.send({
        content: sharedBy,
        embeds,
        reply: { messageReference: messageId, failIfNotExists: false },
        allowedMentions: REPLY_NO_PINGS,
      });
      posted = true;
    } catch (error) {
      if (!isMissingPermission(error)) throw error;
      logger.warn(
        { err: error, channel: interaction.channelId },
        'could not reply in the channel; following up',
      );
    }
  }
  if (!posted) {
    const link = interaction.guildId
      ? messageLink(interaction.channelId, messageId, interaction.guildId)
      : messageLink(interaction.channelId, messageId);
    await interaction.followUp({
      content: `${sharedBy}, answering ${link}`,
      embeds,
      allowedMentions: NO_PINGS,
    });
  }
  logger.info({ message: messageId, as: posted ? 'reply' : 'follow-up' }, 'answer shared');
  await interaction.editReply({
    content: SHARED_NOTE,
    embeds: [],
    components: [],
    allowedMentions: NO_PINGS,
  });
}
