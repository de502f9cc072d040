import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ReadModel } from "../chain/read-model.ts";
import { manualClock } from "../clock.ts";
import { createEpochClock } from "../jobs/epoch-clock.ts";
import { memoryLogger } from "../log.ts";
import { SqliteStore } from "../store/sqlite.ts";
import { createIngest } from "./ingest.ts";
import { createMetrics, KEEPER_METRICS } from "../metrics.ts";

describe("ingest limits", () => {
  const clock = manualClock();
  const metrics = createMetrics(KEEPER_METRICS);
  const ingest = createIngest({
    store: new SqliteStore({ path: ":memory:" }),
    readModel: { tracks: async () => [] } as unknown as ReadModel,
    epochClock: createEpochClock(clock.now() - 100, 3_600),
    clock,
    metrics,
    log: memoryLogger(),
    chainId: 31337,
    verifyingContract: "0x00000000000000000000000000000000000000d1",
    limits: { maxPlaysPerReport: 500, reportsPerMinutePerListener: 30, itemsPerMinutePerClient: 3 },
    workers: 1,
  });
  after(() => ingest.close());

  it("turns a client away past its rate before any verification, and lets it back after a minute", async () => {
    const garbage = Array.from({ length: 5 }, (_, i) => ({ junk: i }));
    const first = await ingest.submitReports(garbage, "10.0.0.1");
    assert.deepEqual(
      first.map((r) => r.status),
      [400, 400, 400, 429, 429],
    );
    assert.match(first[3].outcome, /over 3 reports a minute from 10\.0\.0\.1/);
    // another client is not affected
    assert.equal((await ingest.submitReports([{ junk: 1 }], "10.0.0.2"))[0].status, 400);
    assert.equal((await ingest.submitEngagement({ junk: 1 }, "10.0.0.1")).status, 429);
    clock.advance(60);
    assert.equal((await ingest.submitReports([{ junk: 1 }], "10.0.0.1"))[0].status, 400);
    assert.equal(await metrics.get("keeper_reports_total", { outcome: "rejected" }), 7, "5 + 1 + 1 reports refused");
  });
});
