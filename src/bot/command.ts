import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type User,
} from 'discord.js';
import { z } from 'zod';
import type { BotConfig } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Logger } from '../log.js';

/** What every handler gets besides the interaction. */
export interface BotContext {
  store: KnowledgeStore;
  config: BotConfig;
  /** A child logger already carrying the command name, user id and interaction id. */
  logger: Logger;
  /** Every command the bot serves, for /help. */
  commands: readonly Command[];
  /**
   * For a command that `notifies`: the user its reply may notify (ping), set by the router only when the member
   * chose someone and is within the notification limits. Otherwise the reply notifies nobody.
   */
  notify?: User;
}

/** A slash command definition: a discord.js `SlashCommandBuilder` or anything with a name and `toJSON()`. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/**
 * One slash command: its definition, its handler, and optionally its autocomplete and the handler for its
 * buttons and select menus (their custom ids start with `<command name>:`). The rules that apply to every command
 * alike (`cooldown`, `moderatorOnly`, `notifies`) are declared here and enforced once, by the router.
 */
export interface Command {
  data: CommandData;
  /** Seconds a member waits between two uses of the command (from the configuration); 0 means no wait. */
  cooldown?: (config: BotConfig) => number;
  /** Only moderators (Manage Server, or a role in `MODERATOR_ROLE_IDS`) may use it or its components. */
  moderatorOnly?: boolean;
  /**
   * The name of the user option whose user the reply notifies. The router rate-limits these notifications per
   * member and per server and hands the command `ctx.notify` only within the limits.
   */
  notifies?: string;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  handleComponent?(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void>;
}

/** A command module that cannot be served; start-up and `npm run deploy` stop with this message. */
export class CommandDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandDefinitionError';
  }
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const CommandModule = z.looseObject({
  data: z.looseObject({ toJSON: fn }, 'must be a SlashCommandBuilder (an object with toJSON())'),
  execute: fn,
  autocomplete: fn.optional(),
  handleComponent: fn.optional(),
  cooldown: fn.optional(),
  moderatorOnly: z.boolean().optional(),
  notifies: z.string().optional(),
});

// Discord's rules for chat-input commands; checked here so a bad module fails at start, not at deploy time.
const CommandJson = z.looseObject({
  name: z.string().regex(/^[-_\p{Ll}\p{N}]{1,32}$/u, 'must be 1–32 lowercase letters, digits, - or _'),
  description: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  options: z.array(z.looseObject({ name: z.string(), type: z.number() })).optional(),
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'module'} ${i.message}`).join('; ');
}

/**
 * Checks command modules once, at load: a definition with a name and description, an `execute` function, and
 * unique names.
 * @throws {CommandDefinitionError} naming the module and what is wrong with it.
 */
export function validateCommands(modules: readonly unknown[]): Command[] {
  const seen = new Set<string>();
  return modules.map((module, position) => {
    const label = `command module #${position + 1}`;
    const shape = CommandModule.safeParse(module);
    if (!shape.success)
      throw new CommandDefinitionError(`The ${label} is malformed: ${describe(shape.error)}`);
    let json: unknown;
    try {
      json = (shape.data.data as unknown as CommandData).toJSON();
    } catch (error) {
      throw new CommandDefinitionError(
        `The ${label} has an invalid definition: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const parsed = CommandJson.safeParse(json);
    if (!parsed.success)
      throw new CommandDefinitionError(`The ${label} has an invalid definition: ${describe(parsed.error)}`);
    const name = parsed.data.name;
    const notifies = shape.data.notifies;
    if (
      notifies !== undefined &&
      !parsed.data.options?.some((o) => o.name === notifies && o.type === ApplicationCommandOptionType.User)
    )
      throw new CommandDefinitionError(
        `The ${label} (/${name}) notifies "${notifies}", but has no user option of that name`,
      );
    if (seen.has(name)) throw new CommandDefinitionError(`Two command modules are both named /${name}`);
    seen.add(name);
    return module as Command;
  });
}
