import { type APIApplicationCommand, REST, Routes } from 'discord.js';
import { COMMANDS } from '../commands.js';
import type { BotConfig } from '../config.js';
import { validateCommands } from './command.js';

/** What `npm run deploy` registered, and where. */
export interface DeployResult {
  scope: 'guild' | 'global';
  guildId?: string;
  commands: { name: string; id: string }[];
}

/**
 * Registers the bot's slash commands (bulk overwrite): to one server when `DISCORD_GUILD_ID` is set (instant, for
 * testing), else globally. Uses the same list as the interaction router, so the two cannot drift.
 */
export async function deployCommands(
  config: BotConfig,
  modules: readonly unknown[] = COMMANDS,
): Promise<DeployResult> {
  const body = validateCommands(modules).map((c) => c.data.toJSON());
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken.reveal());
  const guildId = config.discordGuildId;
  const route = guildId
    ? Routes.applicationGuildCommands(config.discordApplicationId, guildId)
    : Routes.applicationCommands(config.discordApplicationId);
  try {
    const stored = (await rest.put(route, { body })) as APIApplicationCommand[];
    const commands = stored.map((c) => ({ name: c.name, id: c.id }));
    return guildId ? { scope: 'guild', guildId, commands } : { scope: 'global', commands };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
