// Listening reports and engagement into the store. A report is checked (shape, time rules, EIP-712 signature — on
// worker threads — then known tracks, the listener's rate limit and the open epoch on this thread) and stored with
// its plays in one transaction, or refused whole with a 4xx and a reason: nothing is half-written. A replay (the
// same listener and nonce, or the same signed bytes) is a 409 and changes nothing.
import type { ReadModel } from "../chain/read-model.ts";
import type { Clock } from "../clock.ts";
import type { EpochClock } from "../jobs/epoch-clock.ts";
import type { Logger } from "../log.ts";
import { parseEngagement, ReportRejected, type VerifiedReport } from "./validate.ts";
import { createVerifierPool, type VerifierPool } from "./verifier-pool.ts";
import type { KeeperStore } from "../store/store.ts";
import { rateLimiter } from "./rate-limit.ts";
import type { Metrics } from "../metrics.ts";

/** What became of one submitted report or engagement: the API answers with `status` (and `outcome` as the reason). */
export interface SubmitResult {
  status: number;
  /** "stored" / "duplicate" or the rejection reason. */
  outcome: string;
  digest?: string;
  plays?: number;
}

export interface IngestOptions {
  store: KeeperStore;
  readModel: ReadModel;
  epochClock: EpochClock;
  clock: Clock;
  metrics: Metrics;
  log: Logger;
  chainId: number;
  verifyingContract: string;
  limits: { maxPlaysPerReport: number; reportsPerMinutePerListener: number; itemsPerMinutePerClient?: number };
  /** Worker threads verifying signatures (default: one per core). */
  workers?: number;
}

export function createIngest(options: IngestOptions) {
  const { store, readModel, clock, metrics } = options;
  let pool: VerifierPool | undefined;
  const verifier = () =>
    (pool ??= createVerifierPool({
      size: options.workers,
      chainId: options.chainId,
      verifyingContract: options.verifyingContract,
    }));
  const allow = rateLimiter(options.limits.reportsPerMinutePerListener, clock);
  // per client address, before any signature work: a flood of garbage costs its sender, not the keeper's cores
  const clientLimit = options.limits.itemsPerMinutePerClient ?? 60_000;
  const allowClient = rateLimiter(clientLimit, clock);
  const overClient = (client: string) => ({
    status: 429,
    outcome: `over ${clientLimit} reports a minute from ${client}: slow down and send batches`,
  });

  // the registry of tracks, from the chain events; refreshed at most once a second (an unknown id triggers it)
  let known = new Set<string>();
  let knownAt = 0;
  async function knownTracks(force: boolean): Promise<Set<string>> {
    if (force ? clock.nowMs() - knownAt > 1_000 : clock.nowMs() - knownAt > 10_000) {
      known = new Set((await readModel.tracks()).map((t) => t.trackId));
      knownAt = clock.nowMs();
    }
    return known;
  }

  /** Plays must fall in the open epoch: a closed epoch's rewards are final. */
  async function openEpochStart(): Promise<number> {
    const [latest] = await store.epochs(1);
    return latest ? latest.end : options.epochClock.genesis;
  }

  async function submitReports(all: unknown[], client: string): Promise<SubmitResult[]> {
    const admitted = all.map(() => allowClient(client));
    const raw = all.filter((_, i) => admitted[i]);
    const results = await verifyAndStore(raw);
    let next = 0;
    return admitted.map((ok) => {
      if (ok) return results[next++];
      metrics.inc("keeper_reports_total", { outcome: "rejected" });
      return overClient(client);
    });
  }

  async function verifyAndStore(raw: unknown[]): Promise<SubmitResult[]> {
    if (raw.length === 0) return [];
    const now = clock.now();
    let tracks = await knownTracks(false);
    if (raw.some((r) => hasUnknownTrack(r, tracks))) tracks = await knownTracks(true);
    const outcomes = await verifier().verify(raw, {
      now,
      isKnownTrack: (id) => tracks.has(id),
      maxPlays: options.limits.maxPlaysPerReport,
    });
    const results: SubmitResult[] = new Array(raw.length);
    const accepted: { index: number; report: VerifiedReport }[] = [];
    const openFrom = await openEpochStart();
    outcomes.forEach((outcome, index) => {
      if (!outcome.ok) {
        results[index] = { status: outcome.status, outcome: outcome.reason };
        return;
      }
      const report = outcome.report;
      const early = report.plays.find((p) => p.startedAt < openFrom);
      if (early) {
        results[index] = {
          status: 422,
          outcome: `a play started at ${early.startedAt}, in an epoch already closed (the open epoch began at ${openFrom})`,
        };
        return;
      }
      if (!allow(report.listener)) {
        results[index] = {
          status: 429,
          outcome: `over ${options.limits.reportsPerMinutePerListener} reports a minute for ${report.listener}: batch plays into fewer reports`,
        };
        return;
      }
      accepted.push({ index, report });
    });
    if (accepted.length > 0) {
      const stored = await store.insertReports(
        accepted.map(({ report }) => ({
          digest: report.digest,
          listener: report.listener,
          nonce: report.nonce,
          signedAt: report.signedAt,
          receivedAt: now,
          plays: report.plays.map((p) => ({
            listener: p.listener,
            trackId: p.trackId,
            startedAt: p.startedAt,
            playedSeconds: p.playedSeconds,
          })),
        })),
      );
      stored.forEach((outcome, i) => {
        const { index, report } = accepted[i];
        results[index] =
          outcome === "stored"
            ? { status: 201, outcome, digest: report.digest, plays: report.plays.length }
            : { status: 409, outcome: `report already received (listener ${report.listener}, nonce ${report.nonce})` };
        if (outcome === "stored") metrics.inc("keeper_plays_stored_total", {}, report.plays.length);
      });
    }
    for (const r of results) {
      metrics.inc("keeper_reports_total", {
        outcome: r.status === 201 ? "stored" : r.status === 409 ? "duplicate" : "rejected",
      });
    }
    return results;
  }

  async function submitEngagement(raw: unknown, client: string): Promise<SubmitResult> {
    if (!allowClient(client)) return overClient(client);
    const now = clock.now();
    let tracks = await knownTracks(false);
    if (hasUnknownTrack(raw, tracks)) tracks = await knownTracks(true);
    let result: SubmitResult;
    try {
      const item = parseEngagement(raw, {
        now,
        chainId: options.chainId,
        verifyingContract: options.verifyingContract,
        isKnownTrack: (id) => tracks.has(id),
      });
      if (!allow(item.account)) {
        result = { status: 429, outcome: `over the rate limit for ${item.account}` };
      } else {
        const [outcome] = await store.insertEngagements([{ ...item, receivedAt: now }]);
        result =
          outcome === "stored"
            ? { status: 201, outcome, digest: item.digest }
            : { status: 409, outcome: `engagement already received (account ${item.account}, nonce ${item.nonce})` };
      }
    } catch (error) {
      if (!(error instanceof ReportRejected)) throw error;
      result = { status: error.status, outcome: error.reason };
    }
    metrics.inc("keeper_engagements_total", {
      outcome: result.status === 201 ? "stored" : result.status === 409 ? "duplicate" : "rejected",
    });
    return result;
  }

  return {
    submitReports,
    submitEngagement,
    close: async () => {
      await pool?.close();
    },
  };
}

/** Whether a raw report or engagement names a track id we do not know (so the registry is worth refreshing). */
function hasUnknownTrack(raw: unknown, known: Set<string>): boolean {
  if (!raw || typeof raw !== "object") return false;
  const r = raw as { plays?: unknown; trackId?: unknown };
  if (typeof r.trackId === "string") return !known.has(r.trackId);
  if (!Array.isArray(r.plays)) return false;
  return r.plays.some(
    (p) =>
      p &&
      typeof p === "object" &&
      typeof (p as { trackId?: unknown }).trackId === "string" &&
      !known.has((p as { trackId: string }).trackId),
  );
}

/** The plays intake: signed reports and engagement in, stored or refused with a reason. */
export type Ingest = ReturnType<typeof createIngest>;
