// The verifier pool's worker thread: checks batches of raw reports (shape, clocks, signature) and answers with
// one outcome per report. It must outlive any input, so every report is checked inside outcomeOf: a bad report
// becomes a rejection, never an exception that would end the thread.
import { parentPort, workerData } from "node:worker_threads";
import { outcomeOf, type CheckOutcome } from "./report-rejected.ts";
import { verifyListeningReport, type ReportChecks, type VerifiedReport } from "./validate.ts";

/** What the pool gives each worker at start: the signing domain (chainId as a decimal string). */
export interface VerifierWorkerData {
  chainId: string;
  verifyingContract: string;
}

/** Pool → worker: verify these reports against this clock. */
export interface VerifyJobMessage {
  jobId: number;
  reports: unknown[];
  now: number;
  maxPlays?: number;
}

/** Worker → pool: "ready" once imports (WASM) are loaded, then one "done" per job in the order received. */
export type VerifierWorkerMessage =
  { type: "ready" } | { type: "done"; jobId: number; outcomes: CheckOutcome<VerifiedReport>[] };

if (parentPort !== null) {
  const port = parentPort;
  const data = workerData as VerifierWorkerData;
  const chainId = BigInt(data.chainId);
  const verifyingContract = data.verifyingContract;
  port.on("message", (job: VerifyJobMessage) => {
    const checks: ReportChecks = { now: job.now, chainId, verifyingContract, maxPlays: job.maxPlays };
    const outcomes = job.reports.map((report) => outcomeOf(() => verifyListeningReport(report, checks)));
    port.postMessage({ type: "done", jobId: job.jobId, outcomes } satisfies VerifierWorkerMessage);
  });
  port.postMessage({ type: "ready" } satisfies VerifierWorkerMessage);
}
