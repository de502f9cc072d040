import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeError, isRetryable, KeeperError, RetryableError } from "./errors.ts";

describe("isRetryable", () => {
  it("retries transport failures: codes, messages, gateway statuses", () => {
    assert.ok(isRetryable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED" })));
    assert.ok(isRetryable(new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })));
    assert.ok(isRetryable(new Error("server answered 503 Service Unavailable")));
    assert.ok(isRetryable(new RetryableError("anything")));
  });

  it("does not retry node answers, even when their payload happens to contain 429 or 503 in hex", () => {
    const reverted = Object.assign(new Error('could not coalesce error (payload={"params":["0x02f8d2a4295037"]})'), {
      shortMessage: "could not coalesce error",
    });
    assert.equal(isRetryable(reverted), false);
    assert.equal(isRetryable(new Error("execution reverted: RewardsDistributorRootPending")), false);
    assert.equal(isRetryable(new KeeperError("timeout in config")), false, "a KeeperError never retries");
  });

  it("describes an error with its causes on one line", () => {
    const error = new Error("outer", { cause: new Error("inner") });
    assert.equal(describeError(error), "outer: inner");
  });
});
