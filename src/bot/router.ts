import {
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import type { Logger } from '../log.js';
import { type BotContext, type Command, isMessageCommand } from './command.js';
import { cooldownMessage } from './cooldown.js';
import { isExpiredInteraction, UserError } from './errors.js';
import { isModerator, notAModerator } from './permissions.js';
import { NotifyLimits, notifyWithheldMessage, type Reservation } from './rate-limit.js';
import { describeInput, NO_PINGS, sendEphemeral } from './respond.js';

/** Shown when something unexpected broke; details go to the log, not to the channel. */
export const APOLOGY =
  '⚠️ Sorry, something went wrong while answering. It has been logged — please try again in a moment.';
/** Shown to interactions that arrive while the bot shuts down. */
export const RESTARTING = '🔄 The bot is restarting — please try again in a few seconds.';

const NO_LONGER_AVAILABLE = 'This command or button is no longer available.';

/** Everything a handler needs except its per-interaction logger. */
export type RouterContext = Omit<BotContext, 'logger'>;

/** Options of {@link InteractionRouter}. */
export interface RouterOptions {
  /** The clock of the notification limits (tests). */
  now?: () => number;
}

/** Buttons and menus that belong to no one command (e.g. 👍/👎 under any answer): custom ids `<prefix>:…`. */
export interface ComponentRoute {
  prefix: string;
  handle(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void>;
}

/**
 * Routes interactions to commands: chat-input, autocomplete and message context-menu commands by command name,
 * buttons and select menus by the `<command>:` prefix of their custom id. Enforces what commands declare
 * (`moderatorOnly`, `cooldown`, `notifies`) in one place, turns errors into ephemeral replies, and tracks
 * in-flight work so a shutdown can let it finish.
 */
export class InteractionRouter {
  readonly #commands: ReadonlyMap<string, Command>;
  readonly #routes: ReadonlyMap<string, ComponentRoute>;
  readonly #context: RouterContext;
  readonly #logger: Logger;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #notifyLimits: NotifyLimits;
  #accepting = true;
  /** When the last interaction arrived (performance.now()). */
  #lastArrival = Number.NEGATIVE_INFINITY;

  constructor(
    context: RouterContext,
    logger: Logger,
    routes: readonly ComponentRoute[] = [],
    options: RouterOptions = {},
  ) {
    this.#context = context;
    this.#logger = logger;
    this.#commands = new Map(context.commands.map((c) => [c.data.name, c]));
    this.#routes = new Map(routes.map((r) => [r.prefix, r]));
    this.#notifyLimits = new NotifyLimits(
      { perMember: context.config.notifyPerMember, perServer: context.config.notifyPerServer },
      options.now,
    );
  }

  /** Interactions still being handled. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Handles one interaction; never rejects. */
  handle(interaction: Interaction): Promise<void> {
    this.#lastArrival = performance.now();
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

  /**
   * Waits until no interaction has arrived for `quietMs`, at most `maxMs`: the first step of a shutdown. Discord
   * had already sent what is on its way when the signal came (a burst is often still on the socket, unread), and
   * answering those beats telling the members to ask again. Before deciding it is quiet, the event loop gets one
   * more turn, so data already waiting on the socket is read first.
   */
  async settle(quietMs = 250, maxMs = 1000): Promise<void> {
    const deadline = performance.now() + maxMs;
    for (;;) {
      const now = performance.now();
      if (now >= deadline) return;
      const wait = this.#lastArrival + quietMs - now;
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - now)));
        continue;
      }
      const seen = this.#lastArrival;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#lastArrival === seen) return;
    }
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
      if (command.moderatorOnly && !isModerator(interaction, this.#context.config.moderatorRoleIds)) {
        logger.warn({ user: interaction.user.id }, `${command.data.name} refused: not a moderator`);
        await this.#notify(interaction, notAModerator(command.data.name), logger);
        return;
      }
      if (interaction.isMessageComponent()) {
        if (!command.handleComponent) throw new UserError('This button is no longer available.');
        await command.handleComponent(interaction, ctx);
      } else if (isMessageCommand(command)) {
        // A name registered as one kind and served as another: a stale registration until the next deploy.
        if (!interaction.isMessageContextMenuCommand()) throw new UserError(NO_LONGER_AVAILABLE);
        if (await this.#coolingDown(interaction, command, ctx)) return;
        await command.execute(interaction, ctx);
      } else if (interaction.isChatInputCommand()) await this.#execute(interaction, command, ctx);
      else if (interaction.isAutocomplete()) {
        if (command.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
      } else throw new UserError(NO_LONGER_AVAILABLE);
    } catch (error) {
      await this.#fail(interaction, error, logger);
    }
  }

  /** True (and the member told when to ask again) when a command that declares `cooldown` is cooling down. */
  async #coolingDown(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    command: Command,
    ctx: BotContext,
  ): Promise<boolean> {
    if (!command.cooldown) return false;
    const wait = this.#context.cooldown.take(interaction.user.id);
    if (wait.ok) return false;
    ctx.logger.debug({ retryAt: wait.retryAt }, 'cooling down');
    await sendEphemeral(interaction, cooldownMessage(wait.retryAt));
    return true;
  }

  /** Runs a slash command within its cooldown and notification limits. */
  async #execute(interaction: ChatInputCommandInteraction, command: Command, ctx: BotContext): Promise<void> {
    if (isMessageCommand(command)) throw new UserError(NO_LONGER_AVAILABLE);
    if (await this.#coolingDown(interaction, command, ctx)) return;
    const target = command.notifies ? interaction.options.getUser(command.notifies) : null;
    let reservation: Reservation | undefined;
    let withheld: string | undefined;
    if (target) {
      const check = this.#notifyLimits.take(
        interaction.user.id,
        interaction.guildId ?? `channel:${interaction.channelId}`,
      );
      if (check.ok) {
        reservation = check.reservation;
        ctx.notify = target;
      } else {
        ctx.logger.info({ target: target.id, scope: check.scope }, 'notification withheld: over the limit');
        withheld = notifyWithheldMessage(check, this.#notifyLimits.allowance, target.id);
      }
    }
    try {
      await command.execute(interaction, ctx);
    } catch (error) {
      // Nobody was notified: the allowance is given back.
      reservation?.refund();
      throw error;
    }
    // The reply went out without the notification; tell the member why, privately.
    if (withheld && (interaction.replied || interaction.deferred))
      await interaction.followUp({
        content: withheld,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
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
