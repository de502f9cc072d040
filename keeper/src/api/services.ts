// The API adapter: what each route asks of the keeper, answered from its parts (store, proofs, pricing, the plays
// intake, the loops' health). The routes (server.ts) know only this interface; a new route's data comes from here.
import type { KeeperContext } from "../compose.ts";
import type { ProofService } from "../merkle/proofs.ts";
import type { Ingest, SubmitResult } from "../plays/ingest.ts";
import type { WatcherHealth } from "../run-loops.ts";
import { keeperStatus } from "../status.ts";
import { oldestUnmined, STUCK_AFTER_SECONDS } from "../chain/stuck.ts";

export interface ApiServices {
  submitReports(reports: unknown[], client: string): Promise<SubmitResult[]>;
  submitEngagement(item: unknown, client: string): Promise<SubmitResult>;
  /** The proof of `account` against the live root (or `epoch`'s), undefined if it has no leaf there. */
  proof(account: string, epoch?: number): Promise<unknown | undefined>;
  rewards(account: string): Promise<unknown>;
  epochs(): Promise<unknown>;
  epoch(epoch: number): Promise<unknown | undefined>;
  price(request: {
    trackId: string;
    kind: "listing" | "auction";
    currency: string;
    minReserve?: bigint;
  }): Promise<unknown>;
  quality(kind: "track" | "creator", subject: string): Promise<unknown | undefined>;
  status(): Promise<Record<string, unknown>>;
  /** Healthy: the watcher is progressing and the RPC answers. */
  health(): Promise<{ ok: boolean; detail: Record<string, unknown> }>;
}

export function createApiServices(
  k: KeeperContext,
  parts: { ingest: Ingest; proofs: ProofService; watcherHealth: () => WatcherHealth },
): ApiServices {
  const { ingest, proofs } = parts;
  return {
    submitReports: (reports, client) => ingest.submitReports(reports, client),
    submitEngagement: (item, client) => ingest.submitEngagement(item, client),
    proof: (account, epoch) => proofs.proof(account, epoch),
    rewards: async (account) => {
      const [balance, history, proof] = await Promise.all([
        k.store.balanceOf(account),
        k.store.epochRewardsOf(account),
        proofs.proof(account),
      ]);
      return {
        account,
        cumulative: balance?.cumulative.toString() ?? "0",
        byEpoch: history.map((h) => ({ epoch: h.epoch, category: h.category, amount: h.amount.toString() })),
        claimable: proof ?? null,
      };
    },
    epochs: async () =>
      (await k.store.epochs(100)).map((e) => ({ ...e, total: e.total?.toString(), summary: undefined })),
    epoch: async (n) => {
      const record = await k.store.epoch(n);
      if (!record) return undefined;
      return { ...record, total: record.total?.toString(), flags: await k.store.flags(n) };
    },
    price: (request) => k.pricing.suggest(request),
    quality: async (kind, subject) => k.store.quality(kind, subject),
    status: () => keeperStatus(k),
    health: async () => {
      const watch = parts.watcherHealth();
      const staleMs = k.clock.nowMs() - watch.at;
      const stuck = await oldestUnmined(k.store, k.clock.now());
      const transactionsOk = !stuck || stuck.waitingSeconds < STUCK_AFTER_SECONDS;
      const ok = watch.ok && staleMs < Math.max(30_000, k.config.pollMs * 10) && transactionsOk;
      return {
        ok,
        detail: {
          watcher: watch.ok ? "ok" : watch.error,
          lastStepMsAgo: staleMs,
          transactions: transactionsOk
            ? "ok"
            : `"${stuck.key}" (nonce ${stuck.nonce}, ${stuck.hash}) has waited ${stuck.waitingSeconds} s without a receipt`,
        },
      };
    },
  };
}
