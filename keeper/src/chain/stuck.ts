// A transaction the keeper signed and has not seen mined for a long time is a stuck job (a nonce gap, a fee too low
// for the market, a node that dropped it): /health says so and /metrics exposes how long, so an operator is paged
// instead of reading "retrying" in a log forever.
import type { KeeperStore } from "../store/store.ts";

/** After this long without a receipt a recorded transaction counts as stuck (seconds). */
export const STUCK_AFTER_SECONDS = 600;

/** The oldest recorded transaction not yet mined, and how long it has waited (seconds), if any. */
export async function oldestUnmined(
  store: KeeperStore,
  now: number,
): Promise<{ key: string; nonce: number; hash: string; waitingSeconds: number } | undefined> {
  const open = await store.intents({ status: ["signed", "sent"] });
  if (open.length === 0) return undefined;
  const oldest = open.reduce((a, b) => (b.createdAt < a.createdAt ? b : a));
  return {
    key: oldest.key,
    nonce: oldest.nonce,
    hash: oldest.hash,
    waitingSeconds: Math.max(0, now - oldest.createdAt),
  };
}
