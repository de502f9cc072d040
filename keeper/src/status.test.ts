// The status view answers during an RPC outage: it once hung for the whole outage (the head read retried inside it),
// so the one view an operator opens to see what is wrong did not open.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KeeperContext } from "./compose.ts";
import { createEpochClock } from "./jobs/epoch-clock.ts";
import { HEAD_TIMEOUT_MS, keeperStatus } from "./status.ts";

describe("keeperStatus", () => {
  it("answers with the head unknown when the node does not answer, within its timeout", async () => {
    const hanging = new Promise<never>(() => {});
    const k = {
      watcher: { cursor: async () => ({ number: 41, hash: "0x01" }) },
      chain: { chainId: 31337, run: () => hanging },
      store: { epochs: async () => [], intents: async () => [], eventCount: async () => 7, playCount: async () => 3 },
      readModel: { liveAuctions: async () => [], openAuthorizations: async () => [] },
      clock: { now: () => 1_000 },
      epochClock: createEpochClock(0, 600),
      config: { confirmations: 2 },
    } as unknown as KeeperContext;
    const started = performance.now();
    const status = await keeperStatus(k);
    const took = performance.now() - started;
    // a liveness bound, not a speed target: the old code waited for the node as long as the outage lasted
    assert.ok(took < HEAD_TIMEOUT_MS + 10_000, `answered in ${took.toFixed(0)} ms`);
    assert.equal(status.head, null);
    assert.equal(status.lag, null);
    assert.deepEqual(status.cursor, { block: 41, hash: "0x01" });
    assert.equal(status.events, 7);
  });
});
