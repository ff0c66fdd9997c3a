/** The outcome of {@link Cooldown.take}: go ahead, or wait until `retryAt` (epoch ms). */
export type CooldownCheck = { ok: true } | { ok: false; retryAt: number };

/**
 * A per-user cooldown (the asking cooldown: /ask, the message menu, mentions): one use per `seconds` window. In memory on purpose: it guards against spam
 * bursts, so losing it on restart is harmless. `seconds` 0 turns it off.
 */
export class Cooldown {
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #until = new Map<string, number>();

  constructor(seconds: number, now: () => number = Date.now) {
    this.#windowMs = Math.max(0, seconds) * 1000;
    this.#now = now;
  }

  get enabled(): boolean {
    return this.#windowMs > 0;
  }

  /** Records a use by `userId` unless the user is still cooling down. */
  take(userId: string): CooldownCheck {
    if (!this.enabled) return { ok: true };
    const now = this.#now();
    const until = this.#until.get(userId);
    if (until !== undefined && until > now) return { ok: false, retryAt: until };
    this.#until.set(userId, now + this.#windowMs);
    // Forget expired entries now and then, so a busy server doesn't grow the map forever.
    if (this.#until.size > 1000) for (const [id, t] of this.#until) if (t <= now) this.#until.delete(id);
    return { ok: true };
  }
}

/** The ephemeral note for a user who asks again too soon, with a live Discord countdown. */
export function cooldownMessage(retryAt: number): string {
  return `⏳ One question at a time — you can ask again <t:${Math.ceil(retryAt / 1000)}:R>.`;
}
