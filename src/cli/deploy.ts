import { DiscordAPIError } from 'discord.js';
import { CommandDefinitionError } from '../bot/command.js';
import { commandLabel, deployCommands } from '../bot/deploy.js';
import { ConfigError, loadConfig, processEnv } from '../config.js';

/**
 * `npm run deploy`: registers the commands from `src/commands.ts` with Discord — to DISCORD_GUILD_ID when
 * set (instant; for testing), else globally — and prints what was registered and where.
 */
async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  try {
    const result = await deployCommands(config);
    const names = result.commands.map(commandLabel).join(', ');
    const where =
      result.scope === 'guild'
        ? `to server ${result.guildId} (available there immediately)`
        : 'globally (in every server the bot is in; Discord can take a few minutes to show changes)';
    console.log(`✔ Registered ${result.commands.length} commands ${where}: ${names}`);
    if (result.scope === 'guild') {
      console.log(
        '  For production, unset DISCORD_GUILD_ID and run npm run deploy again to register them globally.' +
          '\n  Only global commands reach members who install the app to their own account (DMs, other servers).',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof CommandDefinitionError) {
      console.error(`✖ ${error.message}`);
      return 1;
    }
    if (error instanceof DiscordAPIError) {
      const hint =
        error.status === 401
          ? 'DISCORD_TOKEN was rejected: reset it in the Developer Portal (Bot → Reset Token).'
          : error.code === 50001
            ? 'Missing Access: invite the bot to that server with the applications.commands scope (docs/discord-setup.md), and check DISCORD_GUILD_ID.'
            : error.code === 10004
              ? 'Unknown Guild: DISCORD_GUILD_ID is not a server the bot is in.'
              : 'Check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID.';
      console.error(
        `✖ Discord refused the commands (${error.status} ${error.code}: ${error.message}). ${hint}`,
      );
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
