// Why the keeper refused a signed report or engagement, in the shape the HTTP API answers with: a status and one
// line a person (the app developer, usually) can act on.
import { KeeperError } from "../errors.ts";

/** 400 malformed, 401 signature does not match the signer, 409 already received (replay), 422 breaks a rule. */
export type RejectionStatus = 400 | 401 | 409 | 422;

export class ReportRejected extends KeeperError {
  override name = "ReportRejected";
  readonly status: RejectionStatus;
  readonly reason: string;

  constructor(status: RejectionStatus, reason: string) {
    super(`report rejected (${status}): ${reason}`);
    this.status = status;
    this.reason = reason;
  }
}

/**
 * The result of checking one input, as a value (batches and worker threads cannot use exceptions per item).
 * Status 500 means the checker itself failed on this input: a keeper bug, never the sender's fault.
 */
export type CheckOutcome<T> = { ok: true; report: T } | { ok: false; status: RejectionStatus | 500; reason: string };

/** Runs one check and turns a ReportRejected (or any other failure) into an outcome. */
export function outcomeOf<T>(check: () => T): CheckOutcome<T> {
  try {
    return { ok: true, report: check() };
  } catch (error) {
    if (error instanceof ReportRejected) return { ok: false, status: error.status, reason: error.reason };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      status: 500,
      reason: `the keeper failed while checking this input (${message}); please report it`,
    };
  }
}
