import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createPlaysTypedData } from "./typed-data.ts";
import { createSigner, signedReport } from "./signing-fixtures.ts";
import { outcomeOf } from "./report-rejected.ts";
import { parseListeningReport, type ReportContext } from "./validate.ts";
import { VerifierCrashed, VerifierPoolClosed, createVerifierPool } from "./verifier-pool.ts";

const NOW = 1_750_000_000;
const CHAIN_ID = 31337;
const CONTRACT = "0x" + "ab".repeat(20);
const typed = createPlaysTypedData(CHAIN_ID, CONTRACT);
const known = new Set(["1", "2", "3"]);
const ctx: ReportContext = {
  now: NOW,
  chainId: CHAIN_ID,
  verifyingContract: CONTRACT,
  isKnownTrack: (id) => known.has(id),
};
const signers = Array.from({ length: 5 }, () => createSigner());
const scratch = mkdtempSync(join(tmpdir(), "verifier-pool-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A mix of good reports and every kind of bad one, so order mistakes show as mismatched outcomes. */
const mixedBatch = (count: number): unknown[] =>
  Array.from({ length: count }, (_, i) => {
    const signer = signers[i % signers.length];
    const good = signedReport(typed, signer, {
      nonce: i,
      signedAt: NOW - 5,
      plays: [
        { trackId: String(1 + (i % 3)), startedAt: NOW - 500, playedSeconds: 1 + (i % 200) },
        { trackId: "2", startedAt: NOW - 250, playedSeconds: 30 },
      ],
    });
    switch (i % 7) {
      case 1:
        return { ...good, nonce: good.nonce + 1 }; // 401
      case 2:
        return { ...good, plays: [{ ...good.plays[0], trackId: "99" }] }; // 401 (the signature covers the track)
      case 3:
        return signedReport(typed, signer, {
          nonce: i,
          signedAt: NOW - 5,
          plays: [{ trackId: "99", startedAt: NOW - 60, playedSeconds: 5 }],
        }); // 422 unknown track
      case 4:
        return { ...good, signedAt: NOW + 3600 }; // 422 future
      case 5:
        return { ...good, listener: 42 }; // 400
      default:
        return good;
    }
  });
const singleThread = (batch: unknown[], context: ReportContext = ctx) =>
  batch.map((report) => outcomeOf(() => parseListeningReport(report, context)));

test("outcomes come back in order and equal the single-thread path", async () => {
  const pool = createVerifierPool({ size: 2, chainId: CHAIN_ID, verifyingContract: CONTRACT, chunkSize: 16 });
  try {
    const batch = mixedBatch(140);
    const outcomes = await pool.verify(batch, ctx);
    assert.equal(outcomes.length, batch.length);
    assert.deepEqual(outcomes, singleThread(batch));
    const statuses = new Set(outcomes.map((o) => (o.ok ? 200 : o.status)));
    assert.deepEqual([...statuses].sort(), [200, 400, 401, 422]);
    assert.ok(
      outcomes.every((o, i) => !o.ok || o.report.nonce === i),
      "each report answered at its own index",
    );
    assert.deepEqual(await pool.verify([], ctx), []);
  } finally {
    await pool.close();
  }
});

test("concurrent batches each get their own outcomes", async () => {
  const pool = createVerifierPool({ size: 2, chainId: CHAIN_ID, verifyingContract: CONTRACT, chunkSize: 8 });
  try {
    const batches = [mixedBatch(30), mixedBatch(5), mixedBatch(41)];
    const results = await Promise.all(batches.map((batch) => pool.verify(batch, ctx)));
    results.forEach((outcomes, i) => assert.deepEqual(outcomes, singleThread(batches[i])));
  } finally {
    await pool.close();
  }
});

test("the known-track check uses the caller's registry as it is now (nothing to sync to workers)", async () => {
  const pool = createVerifierPool({ size: 1, chainId: CHAIN_ID, verifyingContract: CONTRACT });
  try {
    const report = signedReport(typed, signers[0], {
      nonce: 1,
      signedAt: NOW,
      plays: [{ trackId: "7", startedAt: NOW - 9, playedSeconds: 9 }],
    });
    const registry = new Set<string>();
    const context = { now: NOW, isKnownTrack: (id: string) => registry.has(id) };
    const [before] = await pool.verify([report], context);
    assert.deepEqual(before, { ok: false, status: 422, reason: "plays[0].trackId 7 is not a registered track" });
    registry.add("7");
    const [afterRegistering] = await pool.verify([report], context);
    assert.equal(afterRegistering.ok, true);
  } finally {
    await pool.close();
  }
});

test("garbage is rejected per report and does not kill a worker", async () => {
  const pool = createVerifierPool({ size: 2, chainId: CHAIN_ID, verifyingContract: CONTRACT, chunkSize: 4 });
  try {
    let deep: unknown = {};
    for (let i = 0; i < 5000; i++) deep = { plays: [deep] };
    const garbage: unknown[] = [
      undefined,
      null,
      0,
      "report",
      [],
      [1, 2, 3],
      { listener: "0x" + "00".repeat(20), nonce: 10n, signedAt: NOW, plays: [], signature: "0x" },
      { listener: "0x" + "00".repeat(20), nonce: 1, signedAt: NOW, plays: new Array(100_000).fill(0), signature: "0x" },
      {
        listener: "0x" + "00".repeat(20),
        nonce: 1,
        signedAt: NOW,
        plays: [{ trackId: "1".repeat(500) }],
        signature: "0x",
      },
      { ...(mixedBatch(1)[0] as object), signature: "0x" + "ff".repeat(65) },
      deep,
      { toString: () => "a function inside" },
      Symbol("not JSON"),
      new Date(),
      new Map([[1, 2]]),
    ];
    const outcomes = await pool.verify(garbage, ctx);
    assert.equal(outcomes.length, garbage.length);
    for (const [i, outcome] of outcomes.entries()) {
      assert.equal(outcome.ok, false, `garbage[${i}] accepted`);
      if (!outcome.ok) {
        assert.ok(
          outcome.status === 400 || outcome.status === 422,
          `garbage[${i}]: ${outcome.status} ${outcome.reason}`,
        );
      }
    }
    const reasons = outcomes.map((o) => (o.ok ? "" : o.reason));
    assert.match(reasons[6], /nonce must be a whole number.*got bigint 10/);
    assert.match(reasons[7], /plays has 100000 entries, at most 500/);
    assert.match(reasons[11], /not JSON data/);
    assert.match(reasons[12], /not JSON data/);
    assert.deepEqual(pool.stats(), { restarts: 0, retries: 0 });
    const good = mixedBatch(1);
    assert.deepEqual(await pool.verify(good, ctx), singleThread(good));
  } finally {
    await pool.close();
  }
});

/**
 * A worker module that runs the real worker but exits (as a crash would) on the first job any worker gets. "First"
 * is an exclusive create of a marker file: two workers that get jobs at the same moment cannot both see no marker.
 */
const crashOnceWorker = (): URL => {
  const marker = join(scratch, `crashed-${Math.random()}`);
  const file = join(scratch, `crash-once-${Math.random()}.mjs`);
  writeFileSync(
    file,
    `import { parentPort } from "node:worker_threads";
     import { writeFileSync } from "node:fs";
     const first = () => { try { writeFileSync(${JSON.stringify(marker)}, "", { flag: "wx" }); return true; } catch { return false; } };
     parentPort.on("message", () => { if (first()) process.exit(3); });
     await import(${JSON.stringify(new URL("./verifier-worker.ts", import.meta.url).href)});`,
  );
  return pathToFileURL(file);
};

test("a batch survives its worker dying: the chunk re-runs on a fresh worker", async () => {
  const pool = createVerifierPool({
    size: 2,
    chainId: CHAIN_ID,
    verifyingContract: CONTRACT,
    workerScript: crashOnceWorker(),
  });
  try {
    const batch = mixedBatch(60);
    assert.deepEqual(await pool.verify(batch, ctx), singleThread(batch));
    assert.deepEqual(pool.stats(), { restarts: 1, retries: 1 });
  } finally {
    await pool.close();
  }
});

test("a chunk that kills every worker gives up after maxAttempts with VerifierCrashed", async () => {
  const file = join(scratch, "always-crash.mjs");
  writeFileSync(
    file,
    `import { parentPort } from "node:worker_threads"; parentPort.on("message", () => process.exit(4)); parentPort.postMessage({ type: "ready" });`,
  );
  const pool = createVerifierPool({
    size: 2,
    chainId: CHAIN_ID,
    verifyingContract: CONTRACT,
    maxAttempts: 2,
    workerScript: pathToFileURL(file),
  });
  try {
    await assert.rejects(
      pool.verify(mixedBatch(3), ctx),
      (error: Error) => error instanceof VerifierCrashed && /died 2 times.*exit code 4/.test(error.message),
    );
  } finally {
    await pool.close();
  }
});

test("workers that cannot start fail the batch instead of respawning forever", async () => {
  const broken = new URL("data:text/javascript," + encodeURIComponent('throw new Error("cannot load")'));
  const pool = createVerifierPool({ size: 1, chainId: CHAIN_ID, verifyingContract: CONTRACT, workerScript: broken });
  try {
    await assert.rejects(
      pool.verify(mixedBatch(2), ctx),
      (error: Error) => error instanceof VerifierCrashed && /fail to start \(cannot load\)/.test(error.message),
    );
    await assert.rejects(pool.verify(mixedBatch(2), ctx), VerifierCrashed);
  } finally {
    await pool.close();
  }
});

test("close lets batches in flight finish, then refuses new ones", async () => {
  const pool = createVerifierPool({ size: 2, chainId: CHAIN_ID, verifyingContract: CONTRACT });
  const batch = mixedBatch(50);
  const inFlight = pool.verify(batch, ctx);
  const closed = pool.close();
  assert.deepEqual(await inFlight, singleThread(batch));
  await closed;
  await assert.rejects(pool.verify(batch, ctx), VerifierPoolClosed);
});

test("a bad verifyingContract fails at creation, on the caller's stack", () => {
  assert.throws(
    () => createVerifierPool({ chainId: 1, verifyingContract: "0x12" }),
    /verifyingContract must be a 0x-prefixed hex string of 20 bytes/,
  );
});
