import { MessageFlags } from 'discord.js';
import {
  FEEDBACK_OFF,
  FEEDBACK_PREFIX,
  parseVoteId,
  VOTE_NOT_RECORDED,
  voteThanks,
} from '../present/feedback-buttons.js';
import { UserError } from './errors.js';
import { NO_PINGS } from './respond.js';
import type { ComponentRoute } from './router.js';

/**
 * The 👍/👎 buttons under public answers, from any way of asking. One vote per member per answer: pressing the
 * other button replaces the vote. The voter gets a private thanks; the answer itself is left as it is.
 */
export const feedbackButtons: ComponentRoute = {
  prefix: FEEDBACK_PREFIX,
  async handle(interaction, ctx) {
    const parsed = interaction.isButton() ? parseVoteId(interaction.customId) : undefined;
    if (!parsed) throw new UserError('This button is no longer available.');
    let content: string;
    if (ctx.feedback.status.state === 'off') content = FEEDBACK_OFF;
    else if (ctx.feedback.recordVote(parsed.askId, interaction.user.id, parsed.vote))
      content = voteThanks(parsed.vote);
    else content = VOTE_NOT_RECORDED;
    ctx.logger.info({ vote: parsed.vote, ask: parsed.askId }, 'answer voted on');
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  },
};
