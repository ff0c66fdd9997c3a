import { type Interaction, PermissionFlagsBits } from 'discord.js';

/** The polite refusal for members who may not run the moderator command `/command`. */
export function notAModerator(command: string): string {
  return `🔒 Sorry — only moderators (Manage Server permission or a moderator role) can use /${command}.`;
}

/**
 * Whether the member may run moderator commands: Manage Server, or one of `moderatorRoleIds`. Checked at run time
 * because server admins can override a command's default permissions in Server Settings → Integrations. A role id
 * equal to the server's id is @everyone: it never counts (start-up refuses such a configuration; this also covers a
 * server the bot joined later).
 */
export function isModerator(interaction: Interaction, moderatorRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const member = interaction.member;
  // A cached guild gives a GuildMember (roles in a manager); otherwise the raw API member (role ids).
  const roles = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((id) => id !== interaction.guildId && moderatorRoleIds.includes(id));
}

/**
 * The configured moderator role ids that are the @everyone role of one of `guildIds` (its id is the server's id):
 * with one of those, every member could /reload.
 */
export function everyoneModeratorRoles(
  moderatorRoleIds: readonly string[],
  guildIds: Iterable<string>,
): string[] {
  const guilds = new Set(guildIds);
  return moderatorRoleIds.filter((id) => guilds.has(id));
}
