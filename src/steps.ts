/**
 * Long, synchronous jobs (building the search index, cross-checking a large knowledge base) are written as
 * generators that `yield` now and then. Run to the end they are plain synchronous functions; run in slices they
 * leave the event loop free between slices, so a bot reloading its knowledge keeps answering meanwhile.
 */

/** Runs steps to their end without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs steps, letting the event loop run whenever a slice has taken `sliceMs`. */
export async function runSliced<T>(steps: Generator<void, T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
