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
