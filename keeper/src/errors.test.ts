import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeError, isRetryable, KeeperError, RetryableError } from "./errors.ts";
import { ReportRejected } from "./plays/report-rejected.ts";
import { VerifierCrashed } from "./plays/verifier-pool.ts";

describe("isRetryable", () => {
  it("decides by type: a RetryableError (or subclass) retries, a KeeperError (or subclass) never does", () => {
    assert.ok(isRetryable(new RetryableError("anything")));
    assert.ok(isRetryable(new VerifierCrashed("workers died")));
    assert.equal(isRetryable(new KeeperError("timeout in config")), false, "a KeeperError never retries");
    assert.equal(isRetryable(new ReportRejected(422, "rate limit")), false);
    assert.equal(
      isRetryable(new Error("server answered 503 Service Unavailable")),
      false,
      "foreign: see fromTransport",
    );
  });

  it("names each error by its class", () => {
    assert.equal(new ReportRejected(400, "x").name, "ReportRejected");
    assert.equal(new KeeperError("x").name, "KeeperError");
  });

  it("describes an error with its causes on one line", () => {
    const error = new Error("outer", { cause: new Error("inner") });
    assert.equal(describeError(error), "outer: inner");
  });
});
