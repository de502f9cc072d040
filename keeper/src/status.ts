// The keeper's state in one view: what `keeper status` prints and GET /v1/status answers.
import type { KeeperContext } from "./compose.ts";

/** How long the status waits for the chain's head before it answers without it. */
export const HEAD_TIMEOUT_MS = 2_000;

/** `promise`, or undefined if it has not settled within `ms`. */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What `keeper status` prints and GET /v1/status answers. */
export async function keeperStatus(k: KeeperContext): Promise<Record<string, unknown>> {
  const [cursor, head, epochs, pending, events, plays, auctions, optIns] = await Promise.all([
    k.watcher.cursor(),
    // the chain's head, if the node answers soon: during an RPC outage the status (the view an operator opens to see
    // what is wrong) must still answer, with the head unknown, instead of waiting out the outage
    withinMs(
      k.chain.run("head", (p) => p.getBlockNumber()),
      HEAD_TIMEOUT_MS,
    ).catch(() => undefined),
    k.store.epochs(5),
    k.store.intents({ status: ["signed", "sent"], limit: 20 }),
    k.store.eventCount(),
    k.store.playCount(),
    k.readModel.liveAuctions(),
    k.readModel.openAuthorizations(),
  ]);
  const now = k.clock.now();
  const current = k.epochClock.epochAt(now);
  const { end } = k.epochClock.bounds(current);
  return {
    chainId: k.chain.chainId,
    keeper: k.sender?.address ?? null,
    cursor: cursor ? { block: cursor.number, hash: cursor.hash } : null,
    head: head ?? null,
    lag: head !== undefined && cursor ? Math.max(0, head - cursor.number) : null,
    confirmations: k.config.confirmations,
    events,
    plays,
    epoch: { current, endsAt: new Date(end * 1000).toISOString(), lengthSeconds: k.epochClock.seconds },
    epochs: epochs.map((e) => ({
      epoch: e.epoch,
      status: e.status,
      root: e.root ?? null,
      accounts: e.accounts ?? null,
      total: e.total?.toString() ?? null,
      plays: e.summary?.plays ?? null,
      flagged: e.summary?.flagged ?? null,
    })),
    pendingTransactions: pending.map((i) => ({ key: i.key, nonce: i.nonce, hash: i.hash, status: i.status })),
    pendingWork: {
      auctionsLive: auctions.length,
      auctionsToSettle: auctions.filter((a) => a.settleableFrom <= now).length,
      optInsWaiting: optIns.length,
      epochsNotLive: epochs.filter((e) => !["live", "superseded", "vetoed"].includes(e.status)).map((e) => e.epoch),
    },
  };
}
