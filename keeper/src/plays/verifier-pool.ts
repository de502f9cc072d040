// Verifies signed listening reports on worker threads, so signature recovery (~0.25 ms a report) uses every
// core while the main thread keeps serving HTTP and writing to the store. Hand-written on purpose: it re-runs a dead
// worker's chunk and answers known tracks on the main thread (below); bench/keeper/ingest.bench.ts holds it to its
// ingest target.
//
// Known tracks: workers check everything except whether each play's track is registered; that lookup runs on
// the main thread, on the results, with the caller's isKnownTrack. The registry lives (and changes) on the
// main thread, a Set lookup per play is nothing next to a signature, and nothing has to be kept in sync with
// the workers. The outcome for every report is the same as parseListeningReport's on one thread.
//
// Durability: a batch is split into chunks, one per worker at a time. If a worker dies with a chunk, the chunk is
// re-run on a fresh worker (up to maxAttempts times), so a verify() call either resolves with every outcome
// or rejects with VerifierCrashed; it never resolves with reports missing.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { outcomeOf, type CheckOutcome } from "./report-rejected.ts";
import { createPlaysTypedData, type Uint } from "./typed-data.ts";
import { checkKnownTracks, type VerifiedReport } from "./validate.ts";
import type { VerifierWorkerData, VerifierWorkerMessage, VerifyJobMessage } from "./verifier-worker.ts";
import { KeeperError, RetryableError } from "../errors.ts";

export type VerifyOutcome = CheckOutcome<VerifiedReport>;

export interface VerifyContext {
  /** The keeper's unix time in seconds. */
  now: number;
  isKnownTrack(trackId: string): boolean;
  maxPlays?: number;
}

export interface VerifierPoolOptions {
  /** Worker threads; default os.availableParallelism(), at least 1. */
  size?: number;
  chainId: Uint;
  /** The RewardsDistributor address (the EIP-712 verifyingContract). */
  verifyingContract: string;
  /** Reports per chunk sent to one worker, at most (default 256): smaller spreads a batch, larger costs fewer messages. */
  chunkSize?: number;
  /** How many times a chunk may be started before its verify() call gives up (default 3). */
  maxAttempts?: number;
  /** The worker module; default verifier-worker.ts. Tests swap it for one that crashes. */
  workerScript?: URL;
}

export interface VerifierPool {
  readonly size: number;
  /** One outcome per report, in the batch's order. */
  verify(batch: unknown[], ctx: VerifyContext): Promise<VerifyOutcome[]>;
  /** Lets verify calls already made finish, then stops the workers. Later verify calls reject. */
  close(): Promise<void>;
  /** Workers replaced after dying, and chunks re-run because of it. */
  stats(): { restarts: number; retries: number };
}

/** verify() was called after close(). */
export class VerifierPoolClosed extends KeeperError {
  override name = "VerifierPoolClosed";
}

/** Workers keep dying on a chunk (or at start): the batch was not verified; retry it later or on one thread. */
export class VerifierCrashed extends RetryableError {
  override name = "VerifierCrashed";
}

interface Chunk {
  id: number;
  reports: unknown[];
  now: number;
  maxPlays: number | undefined;
  attempts: number;
  /** Indexes of reports that cannot be sent to a worker (not JSON data): answered on the main thread. */
  notJson: Set<number> | undefined;
  resolve(outcomes: VerifyOutcome[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  chunk: Chunk | undefined;
  lastError: Error | undefined;
}

const NOT_JSON: VerifyOutcome = {
  ok: false,
  status: 400,
  reason: "report is not JSON data (it holds a function, symbol or similar); send the parsed JSON body",
};

export function createVerifierPool(options: VerifierPoolOptions): VerifierPool {
  const size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
  const chunkSize = Math.max(1, options.chunkSize ?? 256);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const workerScript = options.workerScript ?? new URL("./verifier-worker.ts", import.meta.url);
  // Fails here, on the caller's stack, for a bad address, rather than in every worker.
  const domain = createPlaysTypedData(options.chainId, options.verifyingContract).domain;
  const workerData: VerifierWorkerData = {
    chainId: domain.chainId.toString(),
    verifyingContract: domain.verifyingContract,
  };

  const queue: Chunk[] = [];
  const slots: Slot[] = [];
  let nextChunkId = 0;
  let pending = 0;
  let closed = false;
  let restarts = 0;
  let retries = 0;
  // Workers that died before saying ready, in a row: a broken worker script must not respawn forever.
  let failedStarts = 0;
  let onIdle: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  const start = (): Slot => {
    const slot: Slot = {
      worker: new Worker(workerScript, { workerData }),
      ready: false,
      chunk: undefined,
      lastError: undefined,
    };
    slot.worker.on("message", (message: VerifierWorkerMessage) => onMessage(slot, message));
    slot.worker.on("error", (error) => (slot.lastError = error));
    slot.worker.on("exit", (code) => onExit(slot, code));
    return slot;
  };

  const onMessage = (slot: Slot, message: VerifierWorkerMessage): void => {
    if (message.type === "ready") {
      slot.ready = true;
      failedStarts = 0;
    } else if (message.type === "done" && slot.chunk?.id === message.jobId) {
      const chunk = slot.chunk;
      slot.chunk = undefined;
      const outcomes = message.outcomes;
      if (chunk.notJson) for (const index of chunk.notJson) outcomes[index] = NOT_JSON;
      settle(() => chunk.resolve(outcomes));
    }
    dispatch();
  };

  const onExit = (slot: Slot, code: number): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return; // terminated by close()
    const chunk = slot.chunk;
    const cause = slot.lastError?.message ?? `exit code ${code}`;
    if (!slot.ready) failedStarts++;
    if (chunk !== undefined) {
      if (chunk.attempts >= maxAttempts) {
        settle(() =>
          chunk.reject(
            new VerifierCrashed(
              `a verifier worker died ${chunk.attempts} times on a chunk of ${chunk.reports.length} reports (last: ${cause}); ` +
                "retry the batch later, or check it with parseListeningReport on one thread to find the report at fault",
            ),
          ),
        );
      } else {
        retries++;
        queue.unshift(chunk); // first in line: it has waited longest
      }
    }
    if (closed && pending === 0) {
      slots.splice(index, 1);
      return;
    }
    if (failedStarts > maxAttempts) {
      slots.splice(index, 1);
      if (slots.length === 0) {
        failEverything(
          new VerifierCrashed(`verifier workers fail to start (${cause}); check workerScript and its imports`),
        );
      }
      return;
    }
    restarts++;
    slots[index] = start();
    dispatch();
  };

  const failEverything = (error: Error): void => {
    for (const chunk of queue.splice(0)) settle(() => chunk.reject(error));
  };

  const settle = (finish: () => void): void => {
    pending--;
    finish();
    if (pending === 0 && onIdle) onIdle();
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.ready || slot.chunk !== undefined) continue;
      const chunk = queue.shift() as Chunk;
      chunk.attempts++;
      slot.chunk = chunk;
      post(slot, chunk);
    }
  };

  const post = (slot: Slot, chunk: Chunk): void => {
    const message: VerifyJobMessage = {
      jobId: chunk.id,
      reports: chunk.reports,
      now: chunk.now,
      maxPlays: chunk.maxPlays,
    };
    try {
      slot.worker.postMessage(message);
    } catch {
      // Structured clone refused the chunk: some report holds a function, symbol or the like. Find which, send
      // null in their place, and answer those on this thread.
      chunk.notJson = new Set();
      chunk.reports = chunk.reports.map((report, index) => {
        try {
          structuredClone(report);
          return report;
        } catch {
          chunk.notJson?.add(index);
          return null;
        }
      });
      slot.worker.postMessage({ ...message, reports: chunk.reports });
    }
  };

  for (let i = 0; i < size; i++) slots.push(start());

  const runChunk = (reports: unknown[], ctx: VerifyContext): Promise<VerifyOutcome[]> =>
    new Promise((resolve, reject) => {
      pending++;
      queue.push({
        id: nextChunkId++,
        reports,
        now: ctx.now,
        maxPlays: ctx.maxPlays,
        attempts: 0,
        notJson: undefined,
        resolve,
        reject,
      });
    });

  return {
    size,
    async verify(batch, ctx) {
      if (closed) throw new VerifierPoolClosed("the verifier pool is closed; create a new one to verify more reports");
      if (!Array.isArray(batch)) throw new TypeError("verify takes an array of reports (parsed JSON bodies)");
      if (!Number.isFinite(ctx.now)) throw new TypeError("ctx.now must be the current unix time in seconds");
      if (typeof ctx.isKnownTrack !== "function") throw new TypeError("ctx.isKnownTrack must be a function");
      if (slots.length === 0) throw new VerifierCrashed("verifier workers fail to start; create a new pool");
      // Spread the batch over the workers, but no chunk over chunkSize, so concurrent batches interleave.
      const perChunk = Math.min(chunkSize, Math.ceil(batch.length / size));
      const chunks: Promise<VerifyOutcome[]>[] = [];
      for (let from = 0; from < batch.length; from += perChunk) {
        chunks.push(runChunk(batch.slice(from, from + perChunk), ctx));
      }
      dispatch();
      const outcomes = (await Promise.all(chunks)).flat();
      for (let i = 0; i < outcomes.length; i++) {
        const outcome = outcomes[i];
        if (outcome.ok) {
          outcomes[i] = outcomeOf(() => {
            checkKnownTracks(outcome.report, ctx.isKnownTrack);
            return outcome.report;
          });
        }
      }
      return outcomes;
    },
    close() {
      closed = true;
      closing ??= (async () => {
        if (pending > 0) await new Promise<void>((resolve) => (onIdle = resolve));
        await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
      })();
      return closing;
    },
    stats: () => ({ restarts, retries }),
  };
}
