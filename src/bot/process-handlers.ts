import type { Logger } from '../log.js';

/**
 * The `unhandledRejection` handler: logs the reason and keeps the bot running. A stray rejected promise (a failed
 * log write, a library bug) should cost one answer at most, never the whole bot.
 */
export function unhandledRejectionHandler(logger: Logger): (reason: unknown) => void {
  return (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection (logged; the bot keeps running)');
  };
}

/** Installs process-level handlers for `npm start`; returns a function that removes them again. */
export function installProcessHandlers(logger: Logger): () => void {
  const onRejection = unhandledRejectionHandler(logger);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('unhandledRejection', onRejection);
  };
}

/** Something that shuts down gracefully: the bot, or the bot of one shard process. */
export interface Stoppable {
  /** Stops taking new work, finishes what is in flight (bounded), disconnects. */
  stop(): Promise<void>;
}

/** The signals that mean "shut down": Ctrl+C in a terminal, and what systemd, Docker and Kubernetes send. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Resolves with the first SIGINT/SIGTERM. Installed at the very start of a bot process, so a signal that arrives
 * while the knowledge base loads is not lost (as PID 1 in a container, an unhandled SIGTERM is simply ignored).
 *
 * Every later signal is logged and otherwise ignored: npm forwards the signal it gets, a terminal sends Ctrl+C to
 * the whole process group, and a supervisor may repeat itself, so one shutdown can arrive two or three times within
 * milliseconds. Exiting on the repeat is what used to cut the drain short and lose answers; a supervisor that really
 * wants the process gone sends SIGKILL after its own timeout.
 */
export function shutdownSignal(
  logger: Logger,
  signals: readonly NodeJS.Signals[] = SHUTDOWN_SIGNALS,
): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.info({ signal }, 'already shutting down: finishing the interactions in flight first');
        return;
      }
      received = true;
      resolve(signal);
    };
    // Left installed until the process exits, so a repeated signal never falls back to Node's default (exit).
    for (const signal of signals) process.on(signal, onSignal);
  });
}

/**
 * The one shutdown path of a bot process (`npm start`, or one shard): waits for `signalled`, then stops `bot`
 * (interactions already on their way are still answered, ≤ 1 s; then nothing new is taken and those in flight
 * finish, ≤ 10 s) and resolves with the exit code: 0 after a clean stop, 1 if stopping failed. The caller exits
 * with it.
 */
export async function runUntilSignalled(
  bot: Stoppable,
  logger: Logger,
  signalled: Promise<NodeJS.Signals> = shutdownSignal(logger),
): Promise<number> {
  const signal = await signalled;
  logger.info({ signal }, 'shutting down');
  try {
    await bot.stop();
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
    return 1;
  }
}
