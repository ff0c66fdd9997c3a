import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/**
 * A problem the user can fix (unknown name, not allowed, stale button). The router shows its message as an
 * ephemeral "❌ …" and logs it at debug level only; anything else is a bug and gets logged as an error.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The interaction's 3-second window (or 15-minute token) ran out: Discord answers 10062 Unknown interaction. */
export function isExpiredInteraction(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
}

/** Another process (or a retry that landed late) already answered: 40060. */
export function isAlreadyAcknowledged(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
  );
}

/**
 * The bot may not post where it tried: 50001 Missing Access, 50013 Missing Permissions, or 160002 (a reply without
 * Read Message History). Retrying can't help until a server admin changes the channel's permissions.
 */
export function isMissingPermission(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingAccess ||
      error.code === RESTJSONErrorCodes.MissingPermissions ||
      error.code === RESTJSONErrorCodes.CannotReplyWithoutPermissionToReadMessageHistory)
  );
}
