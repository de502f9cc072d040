// Rate limits of the plays intake: per listener (signed reports) and per client address (before any signature work).
import type { Clock } from "../clock.ts";

/** Per-listener token buckets: `perMinute` reports a minute, bursts up to that many. */
export function rateLimiter(perMinute: number, clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (listener: string): boolean => {
    const now = clock.nowMs();
    const bucket = buckets.get(listener) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    buckets.set(listener, bucket);
    if (buckets.size > 100_000) buckets.clear(); // bounded memory; a reset only forgives, never blocks
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
