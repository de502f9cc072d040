// The keeper's HTTP API as a client sees it, with the whole keeper running (startKeeper) against the real suite:
// bad input of every kind gets a 4xx with a reason and stores nothing; a good report is stored once; health,
// metrics, status, pricing (with its explanation) and proofs answer.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "@flyaimusic/keeper/src/config.ts";
import { memoryLogger } from "@flyaimusic/keeper/src/log.ts";
import { engagementTypes, listeningReportTypes, playsDomain } from "@flyaimusic/keeper/src/plays/typed-data.ts";
import { type RunningKeeper, startKeeper } from "@flyaimusic/keeper/src/service.ts";
import { SqliteStore } from "@flyaimusic/keeper/src/store/sqlite.ts";
import { keccak256, parseEther, toUtf8Bytes, Wallet, ZeroAddress } from "ethers";
import { Marketplace__factory, MusicNFT__factory } from "@flyaimusic/bindings";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KeeperHarness, keeperHarness, keeperWallet } from "./harness.ts";

describe("keeper API", () => {
  let h: KeeperHarness;
  let keeper: RunningKeeper;
  let base: string;
  let track: string;
  const store = new SqliteStore({ path: ":memory:" });
  const listener = Wallet.createRandom();

  async function post(path: string, body: unknown, type = "application/json") {
    const response = await fetch(base + path, {
      method: "POST",
      headers: { "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function get(path: string) {
    const response = await fetch(base + path);
    const text = await response.text();
    return {
      status: response.status,
      text,
      body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : undefined,
    };
  }
  async function report(nonce: number, plays: { trackId: string; startedAt: number; playedSeconds: number }[]) {
    const now = Math.floor(Date.now() / 1000);
    const value = { listener: listener.address, nonce, signedAt: now, plays };
    const domain = playsDomain(31337, h.suite.deployment.contracts.RewardsDistributor.address);
    return { ...value, signature: await listener.signTypedData(domain, listeningReportTypes, value) };
  }

  before(async () => {
    h = await keeperHarness();
    const [, , , , , , creator] = h.suite.others;
    track = await h.mintTrack(creator, "api track");
    const dataDir = mkdtempSync(join(tmpdir(), "keeper-api-"));
    const config = loadConfig({
      FLYAI_KEEPER_PORT: "0",
      FLYAI_KEEPER_DATA: dataDir,
      FLYAI_KEEPER_CONFIRMATIONS: "0",
      FLYAI_KEEPER_POLL_MS: "100",
    });
    keeper = await startKeeper({
      config,
      log: memoryLogger(),
      store,
      chain: h.chain(),
      deployment: h.suite.deployment,
      signer: keeperWallet,
    });
    base = `http://127.0.0.1:${keeper.port}`;
    // the watcher has read the track registry
    for (let i = 0; i < 100 && !(await keeper.context.readModel.tracks()).some((t) => t.trackId === track); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  after(async () => {
    await keeper?.stop();
  });

  it("stores a signed report once; a replay is 409", async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = await report(1, [{ trackId: track, startedAt: now - 400, playedSeconds: 200 }]);
    const stored = await post("/v1/plays", good);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    assert.equal(stored.body.plays, 1);
    const replay = await post("/v1/plays", good);
    assert.equal(replay.status, 409);
    assert.match(String(replay.body.reason), /already received/);
    assert.equal(await store.playCount(), 1);
  });

  it("answers bad input with a 4xx and a reason, and stores nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, Promise<{ status: number; body: Record<string, unknown> }>, number, RegExp][] = [
      ["malformed JSON", post("/v1/plays", "{not json"), 400, /malformed JSON/],
      ["wrong content type", post("/v1/plays", "x", "text/plain"), 415, /application\/json/],
      ["wrong types", post("/v1/plays", { listener: 5, nonce: "x", plays: {} }), 400, /listener/],
      ["huge body", post("/v1/plays", { pad: "x".repeat(300 * 1024) }), 413, /limit/],
      [
        "a play in the future",
        report(2, [{ trackId: track, startedAt: now + 3_600, playedSeconds: 60 }]).then((r) => post("/v1/plays", r)),
        422,
        /future/,
      ],
      [
        "an unknown track",
        report(3, [{ trackId: "123456789", startedAt: now - 300, playedSeconds: 60 }]).then((r) =>
          post("/v1/plays", r),
        ),
        422,
        /track/,
      ],
      [
        "a signature by someone else",
        report(4, [{ trackId: track, startedAt: now - 900, playedSeconds: 60 }]).then((r) =>
          post("/v1/plays", { ...r, listener: Wallet.createRandom().address.toLowerCase() }),
        ),
        401,
        /sign/,
      ],
      ["an empty batch", post("/v1/plays/batch", { reports: [] }), 400, /1 to/],
    ];
    for (const [what, response, status, reason] of cases) {
      const { status: got, body } = await response;
      assert.equal(got, status, `${what}: ${JSON.stringify(body)}`);
      assert.match(String(body.reason), reason, what);
    }
    assert.equal(await store.playCount(), 1, "nothing stored by the bad requests");
    assert.equal((await get("/v1/nowhere")).status, 404);
    assert.equal((await get("/v1/plays")).status, 405);
    assert.equal((await get("/v1/proofs/not-an-address")).status, 400);
    const none = await get(`/v1/proofs/${listener.address}`);
    assert.equal(none.status, 404);
    assert.match(none.body.reason, /no rewards/);
  });

  it("takes a batch, each report stored or refused on its own", async () => {
    const now = Math.floor(Date.now() / 1000);
    const ok = await report(10, [{ trackId: track, startedAt: now - 1_000, playedSeconds: 100 }]);
    const bad = await report(11, [{ trackId: track, startedAt: now - 500, playedSeconds: 5_000 }]);
    const { status, body } = await post("/v1/plays/batch", { reports: [ok, bad, ok] });
    assert.equal(status, 200);
    const results = body.results as { status: number }[];
    assert.deepEqual(
      results.map((r) => r.status),
      [201, 422, 409],
    );
  });

  it("takes signed engagement (a save, a comment by its text's hash) once, and refuses a malformed one", async () => {
    const domain = playsDomain(31337, h.suite.deployment.contracts.RewardsDistributor.address);
    const now = Math.floor(Date.now() / 1000);
    const sign = async (nonce: number, kind: number, ref: string) => {
      const value = { account: listener.address, nonce, kind, trackId: track, at: now - 10, ref };
      return { ...value, signature: await listener.signTypedData(domain, engagementTypes, value) };
    };
    const zero = `0x${"0".repeat(64)}`;
    const save = await sign(1, 0, zero);
    assert.equal((await post("/v1/engagement", save)).status, 201);
    assert.equal((await post("/v1/engagement", save)).status, 409, "a replay");
    const comment = await sign(2, 1, keccak256(toUtf8Bytes("this drop at 1:12!")));
    assert.equal((await post("/v1/engagement", comment)).status, 201);
    const badSave = await sign(3, 0, comment.ref);
    const refused = await post("/v1/engagement", badSave);
    assert.equal(refused.status, 422);
    assert.match(String(refused.body.reason), /zero hash/);
    assert.deepEqual(await store.saveCounts(0, now + 1), new Map([[track, 1]]));
  });

  it("serves health, metrics, status and a price with its explanation", async () => {
    const health = await get("/health");
    assert.equal(health.status, 200, health.text);
    const metrics = await get("/metrics");
    assert.match(metrics.text, /keeper_reports_total\{outcome="stored"\} 2/);
    assert.match(metrics.text, /keeper_http_requests_total\{route="\/v1\/plays",status="409"\}/);
    const status = await get("/v1/status");
    assert.equal(status.body.chainId, 31337);
    assert.ok(status.body.cursor.block > 0);
    const price = await get(`/v1/pricing/${track}?kind=auction&minReserve=30000000000000000`);
    assert.equal(price.status, 200, price.text);
    assert.ok(BigInt(price.body.reservePrice) >= 30000000000000000n, "never below the seller's floor");
    assert.ok(price.body.explanation.steps.length >= 4);
    assert.deepEqual(
      price.body.explanation.factors.map((f: { name: string }) => f.name),
      ["demand", "reputation", "scarcity"],
    );
    assert.equal((await get(`/v1/pricing/${track}?kind=swap`)).status, 400);
    assert.equal((await get(`/v1/pricing/42`)).status, 400);
  });

  it("answers a path it cannot decode with a 400 and a reason, and keeps serving", async () => {
    const bad = await get("/v1/proofs/%E0%A4%A");
    assert.equal(bad.status, 400, bad.text);
    assert.match(String(bad.body.reason), /not valid percent-encoding/);
    assert.equal((await get("/health")).status, 200, "the keeper is still up");
  });

  /** The fault trials' stuck intent: a transaction mined while the keeper was down was never recognised, the log
   * said "retrying" every second forever, and /health answered OK throughout. Whatever keeps a transaction from
   * its receipt, a long wait is now visible: /health is 503 naming it, and /metrics says how long. */
  it("reports a transaction waiting too long for its receipt in /health (503) and /metrics", async () => {
    const now = Math.floor(Date.now() / 1000);
    const stuck = {
      key: "test:stuck",
      kind: "test",
      sender: keeperWallet.address,
      nonce: 0, // a nonce long used: the sender never takes it as the next one
      raw: "0x00",
      hash: `0x${"ab".repeat(32)}`,
      status: "sent" as const,
      createdAt: now - 3_600,
      updatedAt: now - 3_600,
    };
    await store.saveIntent(stuck);
    try {
      const health = await get("/health");
      assert.equal(health.status, 503, health.text);
      assert.match(
        String(health.body.transactions),
        /"test:stuck" \(nonce 0, 0xabab.*\) has waited 36\d\d s without a receipt/,
      );
      assert.match((await get("/metrics")).text, /keeper_oldest_unmined_transaction_seconds 36\d\d/);
    } finally {
      await store.updateIntent(stuck.key, { status: "dropped", updatedAt: now });
    }
    assert.equal((await get("/health")).status, 200, "healthy again once nothing waits");
    assert.match((await get("/metrics")).text, /keeper_oldest_unmined_transaction_seconds 0/);
  });

  it("prices from the sales that happened when the chain's clock runs ahead of the wall clock", async () => {
    // the devnet moves its chain's clock hours ahead of the wall clock to end windows; sales carry block times, so
    // a keeper that took the wall clock for "now" saw every sale in the future and priced from the tier floor
    await h.suite.connection.networkHelpers.time.increase(3 * 86_400);
    const [, , , , , , creator, , buyer] = h.suite.others;
    const c = h.suite.deployment.contracts;
    const market = Marketplace__factory.connect(c.Marketplace.address, creator);
    await (
      await MusicNFT__factory.connect(c.MusicNFT.address, creator).setApprovalForAll(c.Marketplace.address, true)
    ).wait();
    const price = parseEther("0.1");
    for (let i = 0; i < 3; i++) {
      const id = await h.mintTrack(creator, `a track sold ahead of the wall clock ${i}`);
      await (await market.list(id, ZeroAddress, price, (await h.chainTime()) + 86_400)).wait();
      await (await market.connect(buyer).buy(id, price, ZeroAddress, { value: price })).wait();
    }
    for (let i = 0; i < 100 && (await keeper.context.readModel.sales()).length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok((await h.chainTime()) > Math.floor(Date.now() / 1000) + 86_400, "the chain runs ahead");
    const answer = await get(`/v1/pricing/${track}?kind=listing`);
    assert.equal(answer.status, 200, answer.text);
    const anchor = answer.body.explanation.anchor;
    assert.equal(anchor.level, "creator", JSON.stringify(anchor));
    assert.equal(anchor.salesUsed, 3);
    assert.deepEqual(anchor.skipped, [{ level: "track", sales: 0 }]);
  });
});
