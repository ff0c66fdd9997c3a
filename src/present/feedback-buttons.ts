import { ButtonStyle, ComponentType } from 'discord.js';
import type { Vote } from '../storage/feedback-log.js';
import type { ComponentRow } from './answer-embed.js';

/** Custom ids of the vote buttons start with this; the router sends them to the feedback handler. */
export const FEEDBACK_PREFIX = 'feedback';

/** The greyed-out "Was this helpful?" label in front of the buttons; it can't be pressed. */
export const PROMPT_ID = `${FEEDBACK_PREFIX}:prompt`;

// Ask ids are base64url; anything else in a custom id did not come from us.
const VOTE_ID = /^feedback:(up|down):([A-Za-z0-9_-]{1,64})$/;

/** The custom id of a vote button: everything the vote needs, so it still works after a restart. */
export function voteId(vote: Vote, askId: string): string {
  return `${FEEDBACK_PREFIX}:${vote}:${askId}`;
}

/** Reads a vote button's custom id; `undefined` when it is not one. */
export function parseVoteId(customId: string): { vote: Vote; askId: string } | undefined {
  const match = VOTE_ID.exec(customId);
  if (!match) return undefined;
  return { vote: match[1] as Vote, askId: match[2] as string };
}

/** "Was this helpful? 👍 👎" under a public answer; the buttons carry the recorded ask's id. */
export function feedbackRow(askId: string): ComponentRow {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: PROMPT_ID,
        label: 'Was this helpful?',
        disabled: true,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: voteId('up', askId),
        emoji: { name: '👍' },
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: voteId('down', askId),
        emoji: { name: '👎' },
      },
    ],
  };
}

/** The private reply to a vote. */
export function voteThanks(vote: Vote): string {
  return vote === 'up'
    ? '👍 Thanks — glad it helped! You can change your vote any time.'
    : '👎 Thanks for telling us. Moderators review unhelpful answers to improve the knowledge base; you can change your vote any time.';
}

/** The private reply to a vote the bot could not record. */
export const VOTE_NOT_RECORDED = "Thanks — but feedback can't be recorded right now.";

/** The private reply to a vote on a bot that records no feedback. */
export const FEEDBACK_OFF = 'Thanks — feedback recording is turned off on this bot, so votes are not kept.';
