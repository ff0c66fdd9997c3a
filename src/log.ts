import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

/** A log level, or `silent` to log nothing. */
export type LogLevel = Level | 'silent';

/**
 * Paths whose values are replaced by `[redacted]`. The config already wraps the bot token in a `Secret`, but a
 * token can also arrive as a plain string (an error's request options, a header someone logs while debugging).
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'config.discordToken',
  'headers.authorization',
  '*.headers.authorization',
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Where to write JSON lines (tests pass a capturing stream). Default: stdout. */
  destination?: DestinationStream;
  /** Human-readable output. Default: only when stdout is a terminal, so files and log shippers get JSON. */
  pretty?: boolean;
}

// Interaction tokens sit in REST paths (`/interactions/{id}/{token}/callback`, `/webhooks/{app}/{token}`). They
// let anyone answer as the bot for 15 minutes, so they stay out of logs like the bot token does.
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[^/?\s]+/g;

/** Removes interaction tokens from a URL or message. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/$2/[token]');
}

function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  for (const key of ['url', 'message', 'stack']) {
    if (typeof out[key] === 'string') out[key] = scrubTokens(out[key] as string);
  }
  // DiscordAPIError/HTTPError carry the whole request (body, files); the method and path are enough to debug.
  delete out.requestBody;
  return out;
}

/**
 * The bot's logger: JSON lines (one object per event) with tokens redacted; pretty-printed only on a terminal.
 */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: { app: 'initiatives-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  if (options.destination) return pino(settings, options.destination);
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  if (!pretty) return pino(settings);
  // pino-pretty as a stream (not a worker transport), so nothing is lost when the process exits on a signal.
  return pino(
    settings,
    pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' }),
  );
}
