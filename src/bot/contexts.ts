import {
  ApplicationIntegrationType,
  type BaseInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  type PermissionResolvable,
  type RepliableInteraction,
} from 'discord.js';

/**
 * Whether the app is installed to the server this interaction comes from. Not so when a member who added the app to
 * their own account uses it in a server the bot isn't in (and never in DMs).
 */
export function installedHere(interaction: BaseInteraction): boolean {
  return (
    interaction.guildId !== null && interaction.authorizingIntegrationOwners.guildId === interaction.guildId
  );
}

/**
 * Whether Discord will show a public reply to this interaction. In a server the app is only user-installed to,
 * members without **Use External Apps** still get answers, but Discord forces every response to be ephemeral.
 */
export function publicRepliesShown(interaction: BaseInteraction): boolean {
  if (interaction.guildId === null || installedHere(interaction)) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.UseExternalApps) ?? false;
}

/** What the bot needs to post a reply to a message in a channel: see docs/discord-setup.md. */
export function replyPermissions(inThread: boolean): PermissionResolvable[] {
  return [
    PermissionFlagsBits.ViewChannel,
    inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.EmbedLinks,
    // Replying (message_reference) needs to read the message replied to.
    PermissionFlagsBits.ReadMessageHistory,
  ];
}

/**
 * Whether the bot itself can post a reply in the interaction's channel: it is in the server, and its permissions
 * there (`app_permissions`) allow it. Otherwise only the interaction's own responses can carry an answer.
 */
export function botCanReplyHere(interaction: RepliableInteraction): boolean {
  if (!installedHere(interaction) || !interaction.inCachedGuild()) return false;
  const channel = interaction.channel;
  if (!channel?.isSendable()) return false;
  return interaction.appPermissions.has(replyPermissions(channel.isThread()));
}

/** Member-facing commands: installable to a server or to a member's own account. */
export const ANY_INSTALL = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];
/** …and usable in servers, in DMs with the bot, and in other DMs and group DMs (for a member's own install). */
export const ANY_CONTEXT = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];
