import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type InteractionContextType,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  type User,
} from 'discord.js';
import { z } from 'zod';
import type { BotConfig } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Logger } from '../log.js';
import type { FeedbackLog } from '../storage/feedback-log.js';
import type { Cooldown } from './cooldown.js';

/** What every handler gets besides the interaction. */
export interface BotContext {
  store: KnowledgeStore;
  config: BotConfig;
  /** A child logger already carrying the command name, user id and interaction id. */
  logger: Logger;
  /**
   * The per-member asking cooldown (`ASK_COOLDOWN_SECONDS`), shared by every way of asking: the router applies it
   * to commands that declare `cooldown`, the mention responder to mentions.
   */
  cooldown: Cooldown;
  /** Every command the bot serves, for /help. */
  commands: readonly Command[];
  /**
   * For a command that `notifies`: the user its reply may notify (ping), set by the router only when the member
   * chose someone and is within the notification limits. Otherwise the reply notifies nobody.
   */
  notify?: User;
  /** Where asks and votes are recorded (for /misses); off or unavailable is fine, it never throws. */
  feedback: FeedbackLog;
}

/**
 * The rules that apply to every command alike, declared on the command and enforced once, by the router, before
 * `execute` runs.
 */
export interface CommandRules {
  /** Counts against the member's asking cooldown (`ASK_COOLDOWN_SECONDS`): one question at a time. */
  cooldown?: boolean;
  /** Only moderators (Manage Server, or a role in `MODERATOR_ROLE_IDS`) may use it or its components. */
  moderatorOnly?: boolean;
}

/** A slash command definition: a discord.js `SlashCommandBuilder` or anything with a name and `toJSON()`. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** A message context-menu definition (Apps → name): a discord.js `ContextMenuCommandBuilder` of type Message. */
export interface MessageCommandData {
  readonly name: string;
  toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody;
}

/**
 * One slash command: its definition, its handler, and optionally its autocomplete and the handler for its
 * buttons and select menus (their custom ids start with `<command name>:`). Its {@link CommandRules} and
 * `notifies` are enforced by the router.
 */
export interface SlashCommand extends CommandRules {
  kind?: 'slash';
  data: CommandData;
  /**
   * The name of the user option whose user the reply notifies. The router rate-limits these notifications per
   * member and per server and hands the command `ctx.notify` only within the limits.
   */
  notifies?: string;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  handleComponent?(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void>;
}

/** One message context-menu command (`kind: 'message'`), with the handler for its components as above. */
export interface MessageCommand extends CommandRules {
  kind: 'message';
  data: MessageCommandData;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
  handleComponent?(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void>;
}

/** Anything the bot registers with Discord and serves. */
export type Command = SlashCommand | MessageCommand;

/** Whether a command is a message context-menu command. */
export const isMessageCommand = (command: Command): command is MessageCommand => command.kind === 'message';

/** The commands a member can use in an interaction context (server, DM with the bot, other DMs); null: all. */
export function usableIn(commands: readonly Command[], context: InteractionContextType | null): Command[] {
  return commands.filter((c) => {
    const contexts = c.data.toJSON().contexts;
    return context === null || contexts == null || contexts.includes(context);
  });
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
  kind: z.enum(['slash', 'message']).optional(),
  data: z.looseObject({ toJSON: fn }, 'must be a SlashCommandBuilder (an object with toJSON())'),
  execute: fn,
  autocomplete: fn.optional(),
  handleComponent: fn.optional(),
  cooldown: z.boolean().optional(),
  moderatorOnly: z.boolean().optional(),
  notifies: z.string().optional(),
});

// Where a command may be installed and used (discord-api-types ApplicationIntegrationType, InteractionContextType).
const GUILD_INSTALL = 0;
const GUILD = 0;
const installs = z
  .array(z.union([z.literal(0), z.literal(1)]), 'must be a list of 0 (guild install) and 1 (user install)')
  .min(1, 'must not be empty')
  .refine((list) => new Set(list).size === list.length, 'must not repeat a value')
  .optional();
const contexts = z
  .array(
    z.union([z.literal(0), z.literal(1), z.literal(2)]),
    'must be a list of 0 (server), 1 (DM with the bot) and 2 (other DMs)',
  )
  .min(1, 'must not be empty')
  .refine((list) => new Set(list).size === list.length, 'must not repeat a value')
  .nullish();

// Discord's rules, checked here so a bad module fails at start, not at deploy time.
const SlashJson = z.looseObject({
  type: z.literal(1).optional(),
  name: z.string().regex(/^[-_\p{Ll}\p{N}]{1,32}$/u, 'must be 1–32 lowercase letters, digits, - or _'),
  description: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  integration_types: installs,
  contexts,
  options: z.array(z.looseObject({ name: z.string(), type: z.number() })).optional(),
});
const MessageJson = z.looseObject({
  type: z.literal(3, 'must be 3 (a message command)'),
  name: z.string().min(1, 'must not be empty').max(32, 'must be at most 32 characters'),
  description: z.literal('', 'must be empty: context menus have none').optional(),
  integration_types: installs,
  contexts,
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'module'} ${i.message}`).join('; ');
}

/**
 * Moderator commands (those with default member permissions) are for servers only: registered for guild installs
 * and the server context, so a member who installs the app to their account never sees them.
 */
function moderatorProblem(json: z.infer<typeof SlashJson> | z.infer<typeof MessageJson>): string | undefined {
  if (json.default_member_permissions == null) return undefined;
  const guildOnly = (list: readonly number[] | null | undefined, only: number) =>
    list != null && list.length === 1 && list[0] === only;
  if (!guildOnly(json.integration_types, GUILD_INSTALL) || !guildOnly(json.contexts, GUILD))
    return 'is a moderator command (it sets default member permissions) and must be guild-install and server only: setIntegrationTypes(GuildInstall) and setContexts(Guild)';
  return undefined;
}

/**
 * Checks command modules once, at load: a definition Discord accepts (name, description, where it can be
 * installed and used), an `execute` function, moderator commands kept to servers, and unique names.
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
    const parsed = (shape.data.kind === 'message' ? MessageJson : SlashJson).safeParse(json);
    if (!parsed.success)
      throw new CommandDefinitionError(`The ${label} has an invalid definition: ${describe(parsed.error)}`);
    const moderator = moderatorProblem(parsed.data);
    if (moderator) throw new CommandDefinitionError(`The ${label} (${parsed.data.name}) ${moderator}`);
    const name = parsed.data.name;
    const notifies = shape.data.notifies;
    const options = shape.data.kind === 'message' ? undefined : SlashJson.parse(json).options;
    if (
      notifies !== undefined &&
      !options?.some((o) => o.name === notifies && o.type === ApplicationCommandOptionType.User)
    )
      throw new CommandDefinitionError(
        `The ${label} (${name}) notifies "${notifies}", but has no user option of that name`,
      );
    if (seen.has(name)) {
      const shown = shape.data.kind === 'message' ? `"${name}"` : `/${name}`;
      throw new CommandDefinitionError(`Two command modules are both named ${shown}`);
    }
    seen.add(name);
    return module as Command;
  });
}
