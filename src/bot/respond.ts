import {
  type Interaction,
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
  type User,
} from 'discord.js';

/** Mentions in our messages never ping: user input, names and ids are echoed, and @everyone must stay inert. */
export const NO_PINGS: MessageMentionOptions = { parse: [] };

/** For replies to a member's message: nobody is pinged, not even the member replied to. */
export const REPLY_NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

/** The content prefix and `allowedMentions` for a reply that should notify one user (the `mention` option). */
export interface MentionTarget {
  content?: string;
  allowedMentions: MessageMentionOptions;
}

/** Pings exactly `user` when given (content starts with `<@id>`); otherwise nothing is pingable. */
export function mentionTarget(user: User | null | undefined): MentionTarget {
  if (!user) return { allowedMentions: NO_PINGS };
  return { content: `<@${user.id}>`, allowedMentions: { parse: [], users: [user.id] } };
}

/**
 * Sends a short ephemeral note whatever state the interaction is in: a reply, an edit of a deferred reply, or a
 * follow-up once something was already sent.
 */
export async function sendEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const payload = { content, allowedMentions: NO_PINGS };
  if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
    await interaction.editReply({ ...payload, embeds: [], components: [] });
  } else if (interaction.deferred || interaction.replied) {
    await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  }
}

/** What a log line says about an interaction's input: options for commands, custom id and values for components. */
export function describeInput(interaction: Interaction): Record<string, unknown> {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const flat = (
      options: readonly { name: string; value?: unknown; options?: readonly unknown[] }[],
    ): unknown[] =>
      options.map((o) =>
        o.options
          ? { name: o.name, options: flat(o.options as typeof options) }
          : { name: o.name, value: o.value },
      );
    return { options: flat(interaction.options.data) };
  }
  if (interaction.isMessageComponent()) {
    return {
      customId: interaction.customId,
      ...(interaction.isStringSelectMenu() ? { values: interaction.values } : {}),
    };
  }
  return {};
}
