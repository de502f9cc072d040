// Time as a dependency: jobs ask the clock, so tests can move time and crash at chosen moments.

export interface Clock {
  /** Unix seconds. */
  now(): number;
  /** Milliseconds, monotonic enough for durations and backoff. */
  nowMs(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Math.floor(Date.now() / 1000),
  nowMs: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
    }),
};

/** A clock tests move by hand; `sleep` advances it instead of waiting. */
export function manualClock(
  start = 1_800_000_000,
): Clock & { set(seconds: number): void; advance(seconds: number): void } {
  let ms = start * 1000;
  return {
    now: () => Math.floor(ms / 1000),
    nowMs: () => ms,
    sleep: async (wait) => {
      ms += wait;
      await Promise.resolve();
    },
    set: (seconds) => {
      ms = seconds * 1000;
    },
    advance: (seconds) => {
      ms += seconds * 1000;
    },
  };
}
