import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isRetryable, KeeperError, RetryableError } from "../errors.ts";
import { fromTransport } from "./rpc.ts";

describe("the RPC transport edge (fromTransport)", () => {
  const retryable = (error: unknown) => isRetryable(fromTransport(error));

  it("retries transport failures: codes, messages, gateway statuses", () => {
    assert.ok(retryable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED" })));
    assert.ok(retryable(new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })));
    assert.ok(retryable(new Error("server answered 503 Service Unavailable")));
    assert.ok(retryable(new RetryableError("anything")));
    const converted = fromTransport(new Error("socket hang up"));
    assert.ok(converted instanceof RetryableError);
    assert.equal((converted as Error).message, "socket hang up");
  });

  it("does not retry node answers, even when their payload happens to contain 429 or 503 in hex", () => {
    const reverted = Object.assign(new Error('could not coalesce error (payload={"params":["0x02f8d2a4295037"]})'), {
      shortMessage: "could not coalesce error",
    });
    assert.equal(retryable(reverted), false);
    assert.equal(fromTransport(reverted), reverted, "passed through unchanged");
    assert.equal(retryable(new Error("execution reverted: RewardsDistributorRootPending")), false);
    assert.equal(retryable(new KeeperError("timeout in config")), false, "a KeeperError never retries");
  });
});
