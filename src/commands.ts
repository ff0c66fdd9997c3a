import ask from '../commands/ask.js';
import askMessage from '../commands/ask-message.js';
import help from '../commands/help.js';
import initiative from '../commands/initiative.js';
import misses from '../commands/misses.js';
import reload from '../commands/reload.js';
import whois from '../commands/whois.js';
import type { Command } from './bot/command.js';

/**
 * Every command the bot serves — slash commands in the order /help lists them, then the message menu. The
 * interaction router and `npm run deploy` both read this list, so what is registered is always what is handled.
 */
export const COMMANDS: readonly Command[] = [ask, initiative, whois, reload, misses, help, askMessage];
