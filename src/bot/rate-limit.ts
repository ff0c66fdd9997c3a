/** A use {@link RateLimit.record} recorded; `refund` gives it back (the reply it was for never went out). */
export interface Reservation {
  refund(): void;
}

/**
 * At most `limit` uses per key in any `windowMs` (a sliding window of timestamps): answers per channel per minute,
 * notifications per member per ten minutes. In memory on purpose, like the cooldown: it damps bursts, so
 * forgetting it on restart is harmless. `limit` 0 allows nothing. Keys with nothing left in the window are dropped.
 */
export class RateLimit {
  readonly limit: number;
  readonly windowMs: number;
  readonly #now: () => number;
  readonly #uses = new Map<string, number[]>();

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = Math.max(0, Math.floor(limit));
    this.windowMs = windowMs;
    this.#now = now;
  }

  /** Uses of `key` still inside the window, oldest first (pruning the rest). */
  #recent(key: string, now: number): number[] {
    const uses = (this.#uses.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (uses.length > 0) this.#uses.set(key, uses);
    else this.#uses.delete(key);
    return uses;
  }

  /** When `key` may be used again (epoch ms), or `undefined` if it may now. Records nothing. */
  blockedUntil(key: string): number | undefined {
    const now = this.#now();
    const uses = this.#recent(key, now);
    if (uses.length < this.limit) return undefined;
    // With no allowance at all there is no use to wait for; say "one window from now".
    const oldest = uses[uses.length - this.limit] ?? now;
    return oldest + this.windowMs;
  }

  /** Records a use of `key` now (after {@link blockedUntil} said yes); the reservation can give it back. */
  record(key: string): Reservation {
    const now = this.#now();
    const uses = this.#recent(key, now);
    uses.push(now);
    this.#uses.set(key, uses);
    // Forget idle keys now and then, so a bot in many channels doesn't grow the map forever.
    if (this.#uses.size > 1000) for (const k of [...this.#uses.keys()]) this.#recent(k, now);
    return {
      refund: () => {
        const list = this.#uses.get(key);
        const at = list?.lastIndexOf(now) ?? -1;
        if (list && at >= 0) list.splice(at, 1);
      },
    };
  }

  /** Records a use for `key` and returns true, or returns false (recording nothing) when the key is at its limit. */
  take(key: string): boolean {
    if (this.blockedUntil(key) !== undefined) return false;
    this.record(key);
    return true;
  }
}

/** Why a notification was withheld: the member's own allowance, or the server's. */
export type NotifyCheck =
  | { ok: true; reservation: Reservation }
  | { ok: false; scope: 'member' | 'server'; retryAt: number };

/** How many notifications the bot sends for members, per member and per server, within {@link NOTIFY_WINDOW_MS}. */
export interface NotifyAllowance {
  perMember: number;
  perServer: number;
}

/** The window both notification limits count in. */
export const NOTIFY_WINDOW_MS = 10 * 60_000;

/**
 * The limits on replies that notify someone (a command's `notifies` option): per member, so one member can't make
 * the bot ping a person fifty times, and per server, so many members together can't either.
 */
export class NotifyLimits {
  readonly allowance: NotifyAllowance;
  readonly #member: RateLimit;
  readonly #server: RateLimit;

  constructor(allowance: NotifyAllowance, now: () => number = Date.now) {
    this.allowance = allowance;
    this.#member = new RateLimit(allowance.perMember, NOTIFY_WINDOW_MS, now);
    this.#server = new RateLimit(allowance.perServer, NOTIFY_WINDOW_MS, now);
  }

  /** Reserves one notification by `memberId` in `serverKey` (a guild id, or the channel outside servers). */
  take(memberId: string, serverKey: string): NotifyCheck {
    // Check both before recording either, so a refusal by one limit doesn't use up the other.
    const member = this.#member.blockedUntil(memberId);
    if (member !== undefined) return { ok: false, scope: 'member', retryAt: member };
    const server = this.#server.blockedUntil(serverKey);
    if (server !== undefined) return { ok: false, scope: 'server', retryAt: server };
    const a = this.#member.record(memberId);
    const b = this.#server.record(serverKey);
    return {
      ok: true,
      reservation: {
        refund: () => {
          a.refund();
          b.refund();
        },
      },
    };
  }
}

/** The private note to a member whose reply was posted without its notification. */
export function notifyWithheldMessage(
  check: Extract<NotifyCheck, { ok: false }>,
  allowance: NotifyAllowance,
  targetId: string,
): string {
  const minutes = NOTIFY_WINDOW_MS / 60_000;
  const when = `<t:${Math.ceil(check.retryAt / 1000)}:R>`;
  const why =
    check.scope === 'member'
      ? allowance.perMember === 0
        ? 'this bot is set up not to notify anyone'
        : `you can have the bot notify someone ${allowance.perMember} times every ${minutes} minutes`
      : allowance.perServer === 0
        ? 'this bot is set up not to notify anyone'
        : `the bot notifies people at most ${allowance.perServer} times every ${minutes} minutes in this server`;
  const retry =
    (check.scope === 'member' ? allowance.perMember : allowance.perServer) > 0 ? ` — again ${when}` : '';
  return `🔕 Posted without notifying <@${targetId}>: ${why}${retry}.`;
}
