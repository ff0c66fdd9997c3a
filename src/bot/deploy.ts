import { type APIApplicationCommand, ApplicationCommandType, REST, Routes } from 'discord.js';
import { COMMANDS } from '../commands.js';
import type { BotConfig } from '../config.js';
import { validateCommands } from './command.js';

/** What `npm run deploy` registered, and where. */
export interface DeployResult {
  scope: 'guild' | 'global';
  guildId?: string;
  /** `type` 1 is a slash command, 3 a message context-menu command. */
  commands: { name: string; id: string; type: number }[];
}

/** How a registered command is named to people: `/ask`, or `"Ask Initiatives Bot" (message menu)`. */
export function commandLabel(command: { name: string; type: number }): string {
  return command.type === ApplicationCommandType.Message
    ? `"${command.name}" (message menu)`
    : `/${command.name}`;
}

/**
 * Registers the bot's commands (bulk overwrite): to one server when `DISCORD_GUILD_ID` is set (instant, for
 * testing), else globally. Uses the same list as the interaction router, so the two cannot drift. Where a command
 * can be installed and used (`integration_types`, `contexts`) only applies to global commands, so a server
 * registration leaves it out: there, every command is a server command.
 */
export async function deployCommands(
  config: BotConfig,
  modules: readonly unknown[] = COMMANDS,
): Promise<DeployResult> {
  const guildId = config.discordGuildId;
  const body = validateCommands(modules).map((c) => {
    const json = c.data.toJSON();
    if (!guildId) return json;
    const { integration_types: _installs, contexts: _contexts, ...forGuild } = json;
    return forGuild;
  });
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken.reveal());
  const route = guildId
    ? Routes.applicationGuildCommands(config.discordApplicationId, guildId)
    : Routes.applicationCommands(config.discordApplicationId);
  try {
    const stored = (await rest.put(route, { body })) as APIApplicationCommand[];
    const commands = stored.map((c) => ({ name: c.name, id: c.id, type: c.type }));
    return guildId ? { scope: 'guild', guildId, commands } : { scope: 'global', commands };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
