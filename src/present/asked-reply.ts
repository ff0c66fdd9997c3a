import { type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { Asked } from '../bot/questions.js';
import { type AskView, askView, type ComponentRow } from './answer-embed.js';
import { escapeText } from './escape.js';
import { cut, LIMITS } from './fit.js';

/** A message's content and embeds, without components. */
export interface PlainReply {
  content?: string;
  embeds: APIEmbed[];
}

/**
 * The reply to an @mention: the same answer /ask gives, but public and without menus (anyone in the channel could
 * press them). An unsure answer names the alternatives in its text instead of a "Did you mean…?" menu.
 */
export function mentionReply(asked: Asked): PlainReply {
  if (asked.kind === 'small-talk') return { content: asked.reply, embeds: [] };
  const view = askView(asked.question, asked.result, asked.index, false);
  if (view.outcome !== 'did-you-mean') return { embeds: view.embeds };
  const names = asked.result.suggestions.slice(0, 5).map((s) => `**${escapeText(s.name)}**`);
  return {
    content: cut(
      `🤔 I'm not sure I understood. Here is my best guess; if you meant ${names.join(', ')} or something else, ask again naming it.`,
      LIMITS.content,
    ),
    embeds: view.embeds,
  };
}

/** The custom id of the "Post publicly" button under a message-menu answer: `<command>:share:<message id>`. */
export function shareButtonId(commandName: string, messageId: string): string {
  return `${commandName}:share:${messageId}`;
}

/** The message id in a {@link shareButtonId}, or undefined when the id isn't one. */
export function parseShareButtonId(commandName: string, customId: string): string | undefined {
  const prefix = `${commandName}:share:`;
  if (!customId.startsWith(prefix)) return undefined;
  const id = customId.slice(prefix.length);
  return /^\d{17,20}$/.test(id) ? id : undefined;
}

/**
 * The private reply of the message menu: the /ask answer (with its "Did you mean…?" menu, kept private), and a
 * "Post publicly" button when there is an answer worth sharing and Discord would show it to the channel.
 */
export function messageMenuReply(
  asked: Asked,
  share: { commandName: string; messageId: string } | undefined,
): AskView {
  if (asked.kind === 'small-talk') {
    return { outcome: 'answer', ephemeral: true, content: asked.reply, embeds: [], components: [] };
  }
  const view = askView(asked.question, asked.result, asked.index, true);
  if (!share || view.outcome === 'not-found') return { ...view, ephemeral: true };
  const row: ComponentRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: shareButtonId(share.commandName, share.messageId),
        label: 'Post publicly',
        emoji: { name: '📣' },
      },
    ],
  };
  return { ...view, ephemeral: true, components: [...view.components, row] };
}
