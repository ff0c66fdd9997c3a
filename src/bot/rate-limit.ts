/**
 * At most `limit` uses per key in any `windowMs` (a sliding window), e.g. answers per channel per minute. In memory
 * on purpose, like {@link Cooldown}: it damps bursts, so forgetting it on restart is harmless. `limit` 0 allows
 * nothing.
 */
export class RateLimit {
  readonly limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #uses = new Map<string, number[]>();

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = Math.max(0, Math.floor(limit));
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Records a use for `key` and returns true, or returns false (recording nothing) when the key is at its limit. */
  take(key: string): boolean {
    const now = this.#now();
    const recent = (this.#uses.get(key) ?? []).filter((t) => t > now - this.#windowMs);
    if (recent.length >= this.limit) {
      this.#uses.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#uses.set(key, recent);
    // Forget idle keys now and then, so a bot in many channels doesn't grow the map forever.
    if (this.#uses.size > 1000) {
      for (const [k, times] of this.#uses)
        if (times.every((t) => t <= now - this.#windowMs)) this.#uses.delete(k);
    }
    return true;
  }
}
