// Retries with exponential backoff and jitter for retryable failures (see errors.ts); a non-retryable failure is
// thrown at once. Time comes from the injected clock, so tests run outages without waiting.
//
// Kept by hand (twenty lines): the maintained retry libraries (p-retry, async-retry) wait on the real timers, and the
// chain tests (an RPC outage of minutes, replayed in milliseconds on a manual clock) need the keeper's clock.
import type { Clock } from "../clock.ts";
import { describeError, isRetryable } from "../errors.ts";
import type { Logger } from "../log.ts";

export interface RetryOptions {
  /** Attempts in all (first try included). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  clock: Clock;
  log?: Logger;
  signal?: AbortSignal;
  /** What is being tried, for the log ("getLogs 100-200"). */
  what: string;
  /** Called before each retry (e.g. to switch to a fallback endpoint). */
  onRetry?: (attempt: number, error: unknown) => void;
}

export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryable(error) || attempt >= options.attempts || options.signal?.aborted) throw error;
      const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
      options.log?.warn(`${options.what} failed, retrying`, {
        attempt,
        of: options.attempts,
        inMs: jittered,
        error: describeError(error),
      });
      options.onRetry?.(attempt, error);
      await options.clock.sleep(jittered, options.signal);
    }
  }
}
