import ask from '../commands/ask.js';
import help from '../commands/help.js';
import initiative from '../commands/initiative.js';
import misses from '../commands/misses.js';
import reload from '../commands/reload.js';
import whois from '../commands/whois.js';
import type { Command } from './bot/command.js';

/**
 * Every slash command the bot serves, in the order /help lists them. The interaction router and
 * `npm run deploy` both read this list, so what is registered is always what is handled.
 */
export const COMMANDS: readonly Command[] = [ask, initiative, whois, reload, misses, help];
