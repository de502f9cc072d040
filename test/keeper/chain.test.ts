// The keeper's chain side against the real suite: the watcher follows events from a persisted cursor, survives an
// RPC outage by retrying, and rolls back a reorg deeper than its confirmation depth; the auctions job starts an
// auction for a seller who opted in and settles it once, across a crash between signing and broadcasting; a
// transaction recorded before a crash keeps its nonce across the restart.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { before, describe, it } from "node:test";
import { createAuctionsJob } from "@flyaimusic/keeper/src/jobs/auctions.ts";
import { createPricing } from "@flyaimusic/keeper/src/pricing/service.ts";
import { createChainTime } from "@flyaimusic/keeper/src/chain/chain-time.ts";
import { SqliteStore } from "@flyaimusic/keeper/src/store/sqlite.ts";
import { MusicNFT__factory } from "@flyaimusic/bindings";
import { BrowserProvider, parseEther, ZeroAddress } from "ethers";
import { crashingProvider, type KeeperHarness, keeperHarness, keeperParts, keeperWallet } from "./harness.ts";

describe("keeper: watcher, auctions, transactions", () => {
  let h: KeeperHarness;

  before(async () => {
    h = await keeperHarness();
  });

  it("reads the suite's events from a persisted cursor and resumes after a restart and an RPC outage", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const [, , , , , , creator] = h.suite.others;
    const first = await keeperParts(h, store);
    const one = await h.mintTrack(creator, "watcher track one");
    const caught = await first.watcher.catchUp();
    assert.ok(caught.blocks > 0 && caught.events > 0);
    assert.ok((await first.readModel.tracks()).some((t) => t.trackId === one));
    const cursor = await first.watcher.cursor();

    // "restart" with the node down for the first 3 calls: the watcher retries and continues from its cursor
    const faults = { crashBroadcasts: 0, outage: 3 };
    const two = await h.mintTrack(creator, "watcher track two");
    const second = await keeperParts(h, store, h.chain(crashingProvider(h, faults)));
    const resumed = await second.watcher.catchUp();
    assert.equal(faults.outage, 0, "the outage was hit");
    assert.ok(resumed.blocks < caught.blocks + 5, "continued from the cursor, did not start over");
    assert.ok((await second.watcher.cursor())!.number > cursor!.number);
    const tracks = await second.readModel.tracks();
    assert.deepEqual(
      [one, two].map((id) => tracks.find((t) => t.trackId === id)?.creators[0].account),
      [creator.address.toLowerCase(), creator.address.toLowerCase()],
    );
  });

  it("rolls back a reorg deeper than the confirmation depth and reads the new chain", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const parts = await keeperParts(h, store);
    const [, , , , , , , creator] = h.suite.others;
    await parts.watcher.catchUp();
    const snapshot = await h.provider().send("evm_snapshot", []);
    const orphan = await h.mintTrack(creator, "a track the reorg drops");
    await h.suite.connection.networkHelpers.mine(2);
    await parts.watcher.catchUp();
    assert.ok((await parts.readModel.tracks()).some((t) => t.trackId === orphan));

    // the chain drops those 3 blocks and grows another branch, longer, without that track
    await h.provider().send("evm_revert", [snapshot]);
    const kept = await h.mintTrack(creator, "the track of the new branch");
    await h.suite.connection.networkHelpers.mine(4);
    const step = await parts.watcher.step();
    assert.ok(step.reorg, "the reorg was seen");
    assert.ok(step.reorg.depth >= 3 && step.reorg.eventsRemoved >= 1, JSON.stringify(step.reorg));
    await parts.watcher.catchUp();
    const tracks = (await parts.readModel.tracks()).map((t) => t.trackId);
    assert.ok(!tracks.includes(orphan), "the dropped track is forgotten");
    assert.ok(tracks.includes(kept), "the new branch's track is read");
  });

  it("starts an auction for a seller who opted in, within their floor, and settles it once across a crash", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const [, , , , , , , , seller] = h.suite.others;
    const c = h.suite.deployment.contracts;
    const token = await h.mintTrack(seller, "a track the keeper auctions");
    const music = MusicNFT__factory.connect(c.MusicNFT.address, seller);
    await (await music.setApprovalForAll(c.DutchAuction.address, true)).wait();
    const floor = parseEther("0.03");
    const parts = await keeperParts(h, store);
    await (await parts.auction.connect(seller).authorizeKeeper(token, ZeroAddress, floor, true)).wait();
    await parts.watcher.catchUp();
    h.clock.set(await h.chainTime());

    const pricing = createPricing({
      store,
      readModel: parts.readModel,
      chainTime: createChainTime(parts.chain, h.clock),
    });
    const auctions = (p: typeof parts) =>
      createAuctionsJob({
        chain: p.chain,
        sender: p.sender,
        readModel: p.readModel,
        auctionAddress: c.DutchAuction.address,
        clock: h.clock,
        log: p.log,
        plan: (authorization) => pricing.planAuction(authorization),
        startAuctions: true,
      });
    const started = await auctions(parts).tick();
    assert.deepEqual(started.started, [token], JSON.stringify(started));
    const live = await parts.auction.auctionOf(token);
    assert.equal(live.seller, seller.address);
    assert.ok(live.startedByKeeper);
    assert.ok(live.reservePrice >= floor, "never below the seller's floor");
    assert.ok(live.startPrice >= live.reservePrice);
    await parts.watcher.catchUp();
    assert.deepEqual((await auctions(parts).tick()).started, [], "the authorisation is consumed: no second start");

    // nobody buys; after the end the keeper settles, dying once between signing and broadcasting
    await h.warpTo(Number(live.startTime) + Number(live.duration) + 1);
    const faults = { crashBroadcasts: 1, outage: 0 };
    const crashing = await keeperParts(h, store, h.chain(crashingProvider(h, faults)));
    await crashing.watcher.catchUp();
    const crashed = await auctions(crashing).tick();
    assert.deepEqual(crashed.settled, [], "the crash stopped the settle");
    const intent = await store.intent(`settle:${token}:${Number(live.startTime)}`);
    assert.equal(intent?.status, "signed");

    const restarted = await keeperParts(h, store);
    assert.equal(await restarted.sender.resume(), 1, "the recorded settle is broadcast again");
    assert.equal(await MusicNFT__factory.connect(c.MusicNFT.address, seller).ownerOf(token), seller.address);
    await restarted.watcher.catchUp();
    const after = await auctions(restarted).tick();
    assert.deepEqual(after.settled, [], "nothing left to settle");
    const ended = await restarted.auction.queryFilter(restarted.auction.filters.AuctionEnded(token));
    assert.equal(ended.length, 1, "settled exactly once");
  });

  it("keeps a recorded transaction's nonce across a restart: the next transaction takes the one after it", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const faults = { crashBroadcasts: 1, outage: 0 };
    const crashing = await keeperParts(h, store, h.chain(crashingProvider(h, faults)));
    const base = await h.provider().getTransactionCount(keeperWallet.address);
    await assert.rejects(crashing.sender.send("pay:1", "test.transfer", { to: ZeroAddress, value: 1n }), /failed/);
    const restarted = await keeperParts(h, store);
    // the crashed transaction holds its nonce in the store (the node never saw it)
    const held = await store.intent("pay:1");
    assert.equal(held?.nonce, base);
    await restarted.sender.resume();
    const next = await restarted.sender.send("pay:2", "test.transfer", { to: ZeroAddress, value: 2n });
    const second = await store.intent("pay:2");
    assert.equal(second?.nonce, base + 1);
    assert.equal(next.status, "mined");
    // asking again for the same work returns the recorded outcome: no third transaction
    const again = await restarted.sender.send("pay:2", "test.transfer", { to: ZeroAddress, value: 2n });
    assert.ok(again.alreadyDone);
    assert.equal(await h.provider().getTransactionCount(keeperWallet.address), base + 2);
  });

  it("finishes a transaction the node mined before the keeper recorded it, whatever words the node answers its re-broadcast with", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const inner = h.suite.connection.provider;
    const withBroadcast = (broadcast: (args: { method: string; params?: unknown[] }) => Promise<unknown>) =>
      new BrowserProvider(
        {
          request: async (args: { method: string; params?: unknown[] }) =>
            args.method === "eth_sendRawTransaction" ? broadcast(args) : inner.request(args as never),
        } as never,
        31337,
        { cacheTimeout: -1, staticNetwork: true },
      );
    // the node takes (and mines) the transaction; the keeper dies before it records "sent" (its call never returns)
    const dying = withBroadcast(async (args) => {
      await inner.request(args as never);
      return new Promise(() => {});
    });
    const crashed = await keeperParts(h, store, h.chain(dying));
    void crashed.sender.send("pay:3", "test.transfer", { to: ZeroAddress, value: 3n });
    for (let i = 0; i < 100 && (await store.intent("pay:3"))?.status !== "signed"; i++) await sleep(10);
    assert.equal((await store.intent("pay:3"))?.status, "signed");
    // anvil answers the same bytes, once mined, in its own words (not "nonce too low"): the keeper was stuck on it
    const anvilLike = withBroadcast(async () => {
      throw new Error("nonce has already been used");
    });
    const restarted = await keeperParts(h, store, h.chain(anvilLike));
    assert.equal(await restarted.sender.resume(), 1);
    assert.equal((await store.intent("pay:3"))?.status, "mined");
  });
});
