import type { Interaction, MessageComponentInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import { type BotContext, type Command, isMessageCommand } from './command.js';
import { isExpiredInteraction, UserError } from './errors.js';
import { describeInput, sendEphemeral } from './respond.js';

/** Shown when something unexpected broke; details go to the log, not to the channel. */
export const APOLOGY =
  '⚠️ Sorry, something went wrong while answering. It has been logged — please try again in a moment.';
/** Shown to interactions that arrive while the bot shuts down. */
export const RESTARTING = '🔄 The bot is restarting — please try again in a few seconds.';

const NO_LONGER_AVAILABLE = 'This command or button is no longer available.';

/** Everything a handler needs except its per-interaction logger. */
export type RouterContext = Omit<BotContext, 'logger'>;

/** Buttons and menus that belong to no one command (e.g. 👍/👎 under any answer): custom ids `<prefix>:…`. */
export interface ComponentRoute {
  prefix: string;
  handle(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void>;
}

/**
 * Routes interactions to commands: chat-input, autocomplete and message context-menu commands by command name,
 * buttons and select menus by the `<command>:` prefix of their custom id. Turns errors into ephemeral replies, and
 * tracks in-flight work so a shutdown can let it finish.
 */
export class InteractionRouter {
  readonly #commands: ReadonlyMap<string, Command>;
  readonly #routes: ReadonlyMap<string, ComponentRoute>;
  readonly #context: RouterContext;
  readonly #logger: Logger;
  readonly #inFlight = new Set<Promise<void>>();
  #accepting = true;

  constructor(context: RouterContext, logger: Logger, routes: readonly ComponentRoute[] = []) {
    this.#context = context;
    this.#logger = logger;
    this.#commands = new Map(context.commands.map((c) => [c.data.name, c]));
    this.#routes = new Map(routes.map((r) => [r.prefix, r]));
  }

  /** Interactions still being handled. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Handles one interaction; never rejects. */
  handle(interaction: Interaction): Promise<void> {
    const task = this.#route(interaction).catch((error: unknown) => {
      this.#logger.error({ err: error, interaction: interaction.id }, 'interaction routing failed');
    });
    this.#inFlight.add(task);
    void task.finally(() => this.#inFlight.delete(task));
    return task;
  }

  /** Stops taking new interactions (they get a "restarting" note). */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Waits for in-flight interactions, at most `timeoutMs`. */
  async drain(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    while (this.#inFlight.size > 0) {
      const settled = Promise.allSettled([...this.#inFlight]).then(() => 'done' as const);
      if ((await Promise.race([settled, timeout.then(() => 'timeout' as const)])) === 'timeout') {
        this.#logger.warn({ inFlight: this.#inFlight.size }, 'shutting down with interactions still running');
        break;
      }
    }
    clearTimeout(timer);
  }

  #commandFor(interaction: Interaction): Command | undefined {
    if (
      interaction.isChatInputCommand() ||
      interaction.isAutocomplete() ||
      interaction.isMessageContextMenuCommand()
    )
      return this.#commands.get(interaction.commandName);
    if (interaction.isMessageComponent()) return this.#commands.get(interaction.customId.split(':')[0] ?? '');
    return undefined;
  }

  async #route(interaction: Interaction): Promise<void> {
    const route = interaction.isMessageComponent()
      ? this.#routes.get(interaction.customId.split(':')[0] ?? '')
      : undefined;
    if (route) return this.#routeComponent(interaction, route);
    const command = this.#commandFor(interaction);
    const logger = this.#logger.child({
      command: command?.data.name,
      user: interaction.user.id,
      interaction: interaction.id,
    });
    if (!this.#accepting) {
      await this.#notify(interaction, RESTARTING, logger);
      return;
    }
    if (!command) {
      logger.warn(describeInput(interaction), 'interaction for an unknown command or component');
      await this.#notify(interaction, '❌ This command or button is no longer available.', logger);
      return;
    }
    const ctx: BotContext = { ...this.#context, logger };
    try {
      if (interaction.isMessageComponent()) {
        if (!command.handleComponent) throw new UserError('This button is no longer available.');
        await command.handleComponent(interaction, ctx);
      } else if (isMessageCommand(command)) {
        // A name registered as one kind and served as another: a stale registration until the next deploy.
        if (!interaction.isMessageContextMenuCommand()) throw new UserError(NO_LONGER_AVAILABLE);
        await command.execute(interaction, ctx);
      } else if (interaction.isChatInputCommand()) await command.execute(interaction, ctx);
      else if (interaction.isAutocomplete()) {
        if (command.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
      } else throw new UserError(NO_LONGER_AVAILABLE);
    } catch (error) {
      await this.#fail(interaction, error, logger);
    }
  }

  async #routeComponent(interaction: Interaction, route: ComponentRoute): Promise<void> {
    if (!interaction.isMessageComponent()) return;
    const logger = this.#logger.child({
      component: route.prefix,
      user: interaction.user.id,
      interaction: interaction.id,
    });
    if (!this.#accepting) return this.#notify(interaction, RESTARTING, logger);
    try {
      await route.handle(interaction, { ...this.#context, logger });
    } catch (error) {
      await this.#fail(interaction, error, logger);
    }
  }

  async #fail(interaction: Interaction, error: unknown, logger: Logger): Promise<void> {
    if (isExpiredInteraction(error)) {
      // Discord gives 3 s for the first response; a slow or retried reply that lands later gets 10062.
      logger.warn(
        { err: error, ...describeInput(interaction) },
        'interaction expired before the answer arrived',
      );
      return;
    }
    if (error instanceof UserError) {
      logger.debug({ reason: error.message, ...describeInput(interaction) }, 'user error');
      await this.#notify(interaction, `❌ ${error.message}`, logger);
      return;
    }
    logger.error({ err: error, ...describeInput(interaction) }, 'command failed');
    await this.#notify(interaction, APOLOGY, logger);
  }

  /** Tells the user something went wrong; failures to do so are logged, never thrown. */
  async #notify(interaction: Interaction, content: string, logger: Logger): Promise<void> {
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
      } else if (interaction.isRepliable()) {
        await sendEphemeral(interaction, content);
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not tell the user about a failure');
    }
  }
}
