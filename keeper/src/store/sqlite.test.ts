import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, it } from "node:test";
import { MIGRATIONS } from "./migrations.ts";
import { migrate, SqliteStore } from "./sqlite.ts";
import { StoreError, type StoredReport } from "./store.ts";

const dir = () => mkdtempSync(join(tmpdir(), "keeper-store-"));
const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";

function report(listener: string, nonce: number, plays = 2): StoredReport {
  return {
    digest: `0x${listener.slice(-8)}${nonce.toString(16).padStart(56, "0")}`,
    listener,
    nonce,
    signedAt: 1000,
    receivedAt: 1001,
    plays: Array.from({ length: plays }, (_, i) => ({
      listener,
      trackId: "42",
      startedAt: 1000 + i * 200,
      playedSeconds: 180,
    })),
  };
}

describe("SqliteStore", () => {
  it("runs every migration once and keeps data across reopening", async () => {
    const path = join(dir(), "k.sqlite");
    const first = new SqliteStore({ path });
    await first.setMeta("hello", "world");
    await first.close();
    const second = new SqliteStore({ path });
    assert.equal(await second.meta("hello"), "world");
    const version = (second.db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
    assert.equal(version, MIGRATIONS.at(-1)!.version);
    assert.equal(migrate(second.db), 0, "nothing left to run");
    await second.close();
  });

  /** A fault trial's damaged page: the keeper met it only when a query hit it, and kept running half-alive. */
  it("refuses a damaged database file at open, naming what to do", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "keeper-store-")), "keeper.sqlite");
    const store = new SqliteStore({ path });
    for (let i = 0; i < 200; i++) await store.setMeta(`key ${i}`, "x".repeat(500));
    store.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    store.db.close();
    // scribble over the middle of the file: a b-tree page of the meta table
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 4096 * 2 + 100, 4096 * 2 + 2000);
    writeFileSync(path, bytes);
    assert.throws(
      () => new SqliteStore({ path }),
      (error: unknown) =>
        error instanceof StoreError &&
        /the keeper database .* is damaged \(.+\): restore it from a backup, or move it aside/.test(error.message),
    );
  });

  it("refuses a database from a newer keeper, naming what to do", () => {
    const db = new DatabaseSync(":memory:");
    db.exec("PRAGMA user_version = 999");
    assert.throws(() => migrate(db), /newer than this keeper knows.*FLYAI_KEEPER_DB/);
  });

  it("stores a report with its plays once; a replay (same digest or same listener+nonce) is a duplicate", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    assert.deepEqual(await store.insertReports([report(A, 1), report(B, 1)]), ["stored", "stored"]);
    const replay = { ...report(A, 1), digest: "0xdifferent" };
    assert.deepEqual(await store.insertReports([report(A, 1), replay, report(A, 2)]), [
      "duplicate",
      "duplicate",
      "stored",
    ]);
    assert.equal(await store.playCount(), 6);
    const plays = await store.playsBetween(0, 2000);
    assert.equal(plays.length, 6);
    assert.ok(plays.every((p) => p.trackId === "42" && p.playedSeconds === 180));
    assert.deepEqual(
      plays.map((p) => p.listener),
      [A, A, A, A, B, B],
      "by listener, then time: the order the reward model reads fastest",
    );
    const stats = await store.playStats(0, 2000);
    assert.deepEqual(stats.get("42"), { plays: 6, listeners: 2 });
  });

  it("writes a batch of reports all or nothing", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const bad = report(B, 7);
    // a play the schema refuses (NULL track) fails the whole batch: the good report before it is not kept
    (bad.plays[1] as { trackId: unknown }).trackId = null;
    await assert.rejects(store.insertReports([report(A, 1), bad]));
    assert.equal(await store.playCount(), 0);
    assert.deepEqual(await store.insertReports([report(A, 1)]), ["stored"]);
  });

  it("adds an epoch's rewards to the balances exactly once", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const computation = {
      epoch: 1,
      start: 0,
      end: 100,
      rewards: new Map([
        [A, { listen: 5n, create: 7n }],
        [B, { listen: 1n }],
      ]),
      flags: [{ account: B, filter: "loop", reason: "looped one track", playsRemoved: 3 }],
      quality: [],
      summary: { plays: 10 },
      at: 100,
    };
    await store.recordEpoch(computation);
    await assert.rejects(store.recordEpoch(computation), StoreError);
    assert.deepEqual(await store.balances(), [
      { account: A, cumulative: 12n },
      { account: B, cumulative: 1n },
    ]);
    await store.recordEpoch({
      ...computation,
      epoch: 2,
      rewards: new Map([[B, { holder: 4n }]]),
      flags: [],
    });
    assert.deepEqual(await store.balanceOf(B), { cumulative: 5n, epoch: 2 });
    assert.equal((await store.flags(1))[0].filter, "loop");
    assert.equal((await store.epoch(1))!.status, "computed");
    await store.updateEpoch(1, { status: "tree", root: "0x01", total: 13n, updatedAt: 5 });
    const one = await store.epoch(1);
    assert.equal(one!.total, 13n);
    assert.equal(one!.summary!.plays, 10);
  });

  it("adds rewards to earlier balances the same way when an epoch pays many accounts (bulk path)", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const account = (i: number) => `0x${i.toString(16).padStart(40, "0")}`;
    const epoch = (n: number, accounts: number, amount: bigint) => ({
      epoch: n,
      start: n * 100,
      end: n * 100 + 100,
      rewards: new Map(Array.from({ length: accounts }, (_, i) => [account(i), { listen: amount }])),
      flags: [],
      quality: [],
      summary: {},
      at: n,
    });
    await store.recordEpoch(epoch(1, 3, 10n ** 20n)); // a few accounts: one lookup each
    await store.recordEpoch(epoch(2, 10_001, 7n)); // many: one scan of the balances
    assert.deepEqual(await store.balanceOf(account(0)), { cumulative: 10n ** 20n + 7n, epoch: 2 });
    assert.deepEqual(await store.balanceOf(account(10_000)), { cumulative: 7n, epoch: 2 });
    assert.equal((await store.balances()).length, 10_001);
  });

  it("records an epoch all or nothing: a crash half-way through leaves no epoch and no balance change", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const rewards = new Map([
      [A, { listen: 5n }],
      // the second account fails inside the transaction (NOT NULL), after the first was written
      [null as unknown as string, { listen: 6n }],
    ]);
    const computation = { epoch: 1, start: 0, end: 100, rewards, flags: [], quality: [], summary: {}, at: 1 };
    await assert.rejects(store.recordEpoch(computation));
    assert.equal(await store.epoch(1), undefined);
    assert.deepEqual(await store.balances(), []);
    await store.recordEpoch({ ...computation, rewards: new Map([[A, { listen: 5n }]]) });
    assert.deepEqual(await store.balances(), [{ account: A, cumulative: 5n }]);
  });

  it("rolls chain events back above a block and moves the cursor there", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const event = (block: number) => ({
      block,
      logIndex: 0,
      blockHash: `0x${block}`,
      txHash: "0xt",
      blockTime: block,
      contract: "MusicNFT",
      name: "Transfer",
      tokenId: "1",
      args: { from: A, to: B, tokenId: "1" },
    });
    await store.applyRange("events", { number: 10, hash: "0x10" }, [event(5), event(9)], [{ number: 5, hash: "0x5" }]);
    await store.applyRange("events", { number: 20, hash: "0x20" }, [event(15)], [{ number: 15, hash: "0x15" }]);
    assert.equal(await store.eventCount(), 3);
    const { eventsRemoved } = await store.rollbackTo("events", { number: 10, hash: "0x10" });
    assert.equal(eventsRemoved, 1);
    assert.deepEqual(await store.cursor("events"), { number: 10, hash: "0x10" });
    assert.deepEqual(
      (await store.checkpointsBelow(100, 10)).map((c) => c.number),
      [10, 5],
    );
    await store.pruneCheckpoints(1);
    assert.deepEqual(
      (await store.checkpointsBelow(100, 10)).map((c) => c.number),
      [10],
    );
  });

  it("keeps a transaction intent per key and knows the highest nonce", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const intent = {
      key: "postRoot:1",
      kind: "rewards.postRoot",
      sender: A,
      nonce: 3,
      raw: "0xraw",
      hash: "0xhash",
      status: "signed" as const,
      createdAt: 1,
      updatedAt: 1,
    };
    await store.saveIntent(intent);
    await store.updateIntent("postRoot:1", { status: "mined", block: 9, updatedAt: 2 });
    assert.equal((await store.intent("postRoot:1"))!.status, "mined");
    assert.equal(await store.highestNonce(A), 3);
    assert.equal(await store.highestNonce(B), undefined);
    // the same nonce under another key is refused: one nonce, one purpose
    await assert.rejects(store.saveIntent({ ...intent, key: "other" }));
  });
});
