import { type Interaction, PermissionFlagsBits } from 'discord.js';

/**
 * Whether the member may run moderator commands: Manage Server, or one of `moderatorRoleIds`. Checked at run time
 * because server admins can override a command's default permissions in Server Settings → Integrations.
 */
export function isModerator(interaction: Interaction, moderatorRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const member = interaction.member;
  // A cached guild gives a GuildMember (roles in a manager); otherwise the raw API member (role ids).
  const roles = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((id) => moderatorRoleIds.includes(id));
}
