// Reward epochs end to end against the real suite: signed listening reports in, an epoch closed (fraud filters,
// rewards, Merkle tree), the root posted, the challenge window passed, a listener claims MINT on chain with the
// keeper's proof. The keeper is killed at each step of the close (tree build, between signing postRoot and
// broadcasting it) and restarted over the same store: no root posted twice, no reward added twice.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { MintToken__factory, MusicNFT__factory, NFTStakingVault__factory } from "@flyaimusic/bindings";
import { createPlayMultipliersJob } from "@flyaimusic/keeper/src/jobs/play-multipliers.ts";
import { createIngest } from "@flyaimusic/keeper/src/plays/ingest.ts";
import { createMetrics, KEEPER_METRICS } from "@flyaimusic/keeper/src/metrics.ts";
import { createProofService } from "@flyaimusic/keeper/src/merkle/proofs.ts";
import { createEpochClock } from "@flyaimusic/keeper/src/jobs/epoch-clock.ts";
import { createEpochsJob } from "@flyaimusic/keeper/src/jobs/epochs.ts";
import type { TreeBuilder } from "@flyaimusic/keeper/src/merkle/tree-builder.ts";
import { memoryLogger } from "@flyaimusic/keeper/src/log.ts";
import { fileTreeBuilder } from "@flyaimusic/keeper/src/merkle/file-builder.ts";
import { listeningReportTypes, playsDomain } from "@flyaimusic/keeper/src/plays/typed-data.ts";
import { computeEpochRewards } from "@flyaimusic/keeper/src/rewards/model.ts";
import { SqliteStore } from "@flyaimusic/keeper/src/store/sqlite.ts";
import { loadConfig } from "@flyaimusic/keeper/src/config.ts";
import { openKeeper } from "@flyaimusic/keeper/src/compose.ts";
import { parseEther, Wallet } from "ethers";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crashingProvider, type KeeperHarness, keeperHarness, keeperParts, keeperWallet } from "./harness.ts";

const EPOCH = 3_600;
const budget = {
  listen: parseEther("1000"),
  holder: parseEther("200"),
  create: parseEther("500"),
  engagement: parseEther("100"),
  discovery: parseEther("100"),
};

describe("keeper: reward epochs", () => {
  let h: KeeperHarness;
  let tracks: string[];
  let genesis: number;
  const listeners = Array.from({ length: 6 }, () => Wallet.createRandom());
  const dataDir = mkdtempSync(join(tmpdir(), "keeper-epochs-"));
  const store = new SqliteStore({ path: join(dataDir, "keeper.sqlite") });

  const trees = (failures = { left: 0 }): TreeBuilder => ({
    async build(leaves, path) {
      if (failures.left-- > 0) throw new Error("simulated crash while building the tree");
      return fileTreeBuilder.build(leaves, path);
    },
  });

  async function job(parts: Awaited<ReturnType<typeof keeperParts>>, builder = trees()) {
    return createEpochsJob({
      store,
      readModel: parts.readModel,
      epochClock: createEpochClock(genesis, EPOCH),
      clock: h.clock,
      log: memoryLogger(),
      budget,
      dataDir,
      graceSeconds: 60,
      compute: (input) => computeEpochRewards(input),
      trees: builder,
      chain: parts.chain,
      sender: parts.sender,
      distributorAddress: parts.suite.address("RewardsDistributor"),
    });
  }

  before(async () => {
    h = await keeperHarness();
    const [, , , , , , creatorA, creatorB] = h.suite.others;
    tracks = [await h.mintTrack(creatorA, "epoch track A"), await h.mintTrack(creatorB, "epoch track B")];
    // creator A stakes track A: the keeper posts its play multiplier once an epoch has closed
    const c = h.suite.deployment.contracts;
    await (
      await MusicNFT__factory.connect(c.MusicNFT.address, creatorA).approve(c.NFTStakingVault.address, tracks[0])
    ).wait();
    await (await NFTStakingVault__factory.connect(c.NFTStakingVault.address, creatorA).stake([tracks[0]])).wait();
    genesis = await h.chainTime();
    await store.setMeta("epochGenesis", String(genesis));
  });

  it("takes signed reports, refuses replays and bad ones with reasons, and stores plays once", async () => {
    const parts = await keeperParts(h, store);
    await parts.watcher.catchUp();
    const ingest = createIngest({
      store,
      readModel: parts.readModel,
      epochClock: createEpochClock(genesis, EPOCH),
      clock: h.clock,
      metrics: createMetrics(KEEPER_METRICS),
      log: memoryLogger(),
      chainId: 31337,
      verifyingContract: parts.suite.address("RewardsDistributor"),
      limits: { maxPlaysPerReport: 500, reportsPerMinutePerListener: 1_000 },
      workers: 1,
    });
    const domain = playsDomain(31337, parts.suite.address("RewardsDistributor"));
    await h.warpTo(genesis + 3_000);
    const reports = await Promise.all(
      listeners.map(async (listener, i) => {
        // each listener plays both tracks with human, irregular gaps: 3 plays of 100-200 s
        const plays = [0, 1, 2].map((k) => ({
          trackId: tracks[(i + k) % 2],
          startedAt: genesis + 100 + k * 700 + i * 37 + k * k * 13,
          playedSeconds: 100 + ((i * 31 + k * 17) % 100),
        }));
        const value = { listener: listener.address, nonce: 1, signedAt: h.clock.now(), plays };
        const signature = await listener.signTypedData(domain, listeningReportTypes, value);
        return { ...value, signature };
      }),
    );
    const results = await ingest.submitReports(reports, "test");
    assert.deepEqual(
      results.map((r) => r.status),
      reports.map(() => 201),
      JSON.stringify(results),
    );
    // a replay of the same signed report, and a tampered one, change nothing
    const [replay] = await ingest.submitReports([reports[0]], "test");
    assert.equal(replay.status, 409);
    assert.match(replay.outcome, /already received/);
    const tampered = { ...reports[1], nonce: 2, plays: [{ ...reports[1].plays[0], playedSeconds: 999 }] };
    const [forged] = await ingest.submitReports([tampered], "test");
    assert.equal(forged.status, 401, forged.outcome);
    const unknown = { ...reports[2], plays: [{ ...reports[2].plays[0], trackId: "12345" }] };
    assert.equal((await ingest.submitReports([unknown], "test"))[0].status, 401, "signature covers the track id");
    assert.equal(await store.playCount(), listeners.length * 3);
    await ingest.close();
  });

  it("closes the epoch after a crash in the tree build, posts its root once across a crash before broadcast, and pays a claim", async () => {
    await h.warpTo(genesis + EPOCH + 61);
    // first run: the keeper dies building the tree (after the rewards were recorded)
    const first = await keeperParts(h, store);
    await assert.rejects((await job(first, trees({ left: 1 }))).tick(), /simulated crash while building/);
    assert.equal((await store.epoch(1))!.status, "computed");
    const balancesAfterCompute = await store.balances();

    // second run: tree built; it dies between recording the signed postRoot and broadcasting it
    const faults = { crashBroadcasts: 1, outage: 0 };
    const second = await keeperParts(h, store, h.chain(crashingProvider(h, faults)));
    await assert.rejects((await job(second)).tick(), /broadcast of postRoot:1 failed/);
    const afterCrash = await store.epoch(1);
    assert.equal(afterCrash!.status, "tree");
    const intent = await store.intent("postRoot:1");
    assert.equal(intent!.status, "signed", "the transaction was recorded before the broadcast");
    const nonceBefore = await h.provider().getTransactionCount(keeperWallet.address);

    // third run (restart): resumes the recorded transaction, then finds the root on chain and does not post again
    const third = await keeperParts(h, store);
    assert.equal(await third.sender.resume(), 1);
    const result = await (await job(third)).tick();
    assert.equal((await store.epoch(1))!.status, "posted", JSON.stringify(result));
    assert.equal(await h.provider().getTransactionCount(keeperWallet.address), nonceBefore + 1, "one transaction");
    const posted = await third.distributor.queryFilter(third.distributor.filters.RootPosted());
    assert.equal(posted.length, 1);
    assert.equal(posted[0].args.root, afterCrash!.root);
    assert.deepEqual(await store.balances(), balancesAfterCompute, "no reward added twice");
    const total = balancesAfterCompute.reduce((sum, leaf) => sum + leaf.cumulative, 0n);
    assert.equal(posted[0].args.totalCumulative, total);
    assert.ok(
      total > 0n && total <= budget.listen + budget.holder + budget.create + budget.engagement + budget.discovery,
    );

    // the challenge window passes; the epoch goes live; a listener claims with the keeper's proof
    await h.warpTo(Number(posted[0].args.claimableAt) + 1);
    await (await job(third)).tick();
    assert.equal((await store.epoch(1))!.status, "live");
    const listener = listeners[0].address.toLowerCase();
    const proof = await createProofService(store).proof(listener);
    assert.ok(proof, "the listener has a leaf");
    const token = MintToken__factory.connect(h.suite.deployment.contracts.MintToken.address, h.suite.deployer);
    await (await third.distributor.claim(listener, proof.cumulative, proof.proof)).wait();
    assert.equal(await token.balanceOf(listener), BigInt(proof.cumulative));
    const rewards = await store.epochRewardsOf(listener);
    assert.ok(rewards.some((r) => r.category === "listen"));

    // the staked track gets its play multiplier for today, once
    const multipliers = createPlayMultipliersJob({
      store,
      readModel: third.readModel,
      chain: third.chain,
      sender: third.sender,
      stakingAddress: h.suite.deployment.contracts.NFTStakingVault.address,
      clock: h.clock,
      log: memoryLogger(),
    });
    await third.watcher.catchUp();
    assert.equal(await multipliers.tick(), 1);
    assert.equal(await multipliers.tick(), 0, "once a day");
    const staking = NFTStakingVault__factory.connect(
      h.suite.deployment.contracts.NFTStakingVault.address,
      h.provider(),
    );
    const [, , bps, postedDay] = await staking.stakeOf(tracks[0]);
    assert.equal(Number(postedDay), Math.floor((await h.chainTime()) / 86_400));
    assert.equal(bps, 10_000n, "the only staked track is the median: 1x");
  });

  it("does not close an epoch twice, and an idle epoch's close adds nothing", async () => {
    const parts = await keeperParts(h, store);
    const epochs = await job(parts);
    const before = await store.balances();
    const [latest] = await store.epochs(1);
    const next = latest.epoch + 1;
    await h.warpTo(genesis + next * EPOCH + 61);
    const { done } = await epochs.tick();
    assert.ok(
      done.some((d) => d.epoch === next && d.step === "compute"),
      JSON.stringify(done),
    );
    assert.deepEqual(await store.balances(), before, "no plays since epoch 1: balances unchanged");
    const again = await epochs.tick();
    assert.ok(!again.done.some((d) => d.step === "compute"), "nothing left to close");
    await assert.rejects(epochs.compute(next), /already recorded/);
  });

  /** The fault an audit found: restarted with a shorter FLYAI_KEEPER_EPOCH_SECONDS on the same database, the keeper
   * closed 47 "new" epochs inside time already paid and cumulative balances rose from 2,055,000 to 3,045,000 MINT.
   * The schedule is now part of the database's identity: another length or genesis is refused before anything runs. */
  it("refuses to open a database with another epoch length or genesis, naming the setting and what to do", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keeper-schedule-"));
    const path = join(dir, "keeper.sqlite");
    const open = async (env: Record<string, string>) => {
      const k = await openKeeper({
        config: loadConfig({ FLYAI_KEEPER_DATA: dir, FLYAI_KEEPER_DB: path, ...env }),
        log: memoryLogger(),
        store: new SqliteStore({ path }),
        chain: h.chain(),
        deployment: h.suite.deployment,
        signer: keeperWallet,
      });
      const schedule = { genesis: k.epochClock.genesis, seconds: k.epochClock.seconds };
      await k.close();
      return schedule;
    };
    const first = await open({ FLYAI_KEEPER_EPOCH_SECONDS: "120" });
    assert.equal(first.seconds, 120);
    // the same schedule, given or not, opens as often as it likes
    assert.deepEqual(await open({ FLYAI_KEEPER_EPOCH_SECONDS: "120" }), first);
    assert.deepEqual(
      await open({ FLYAI_KEEPER_EPOCH_SECONDS: "120", FLYAI_KEEPER_EPOCH_GENESIS: String(first.genesis) }),
      first,
    );
    await assert.rejects(
      open({ FLYAI_KEEPER_EPOCH_SECONDS: "60" }),
      /epochs last 120 s, not 60 s \(FLYAI_KEEPER_EPOCH_SECONDS\).*keep FLYAI_KEEPER_EPOCH_SECONDS=120, or start a new database/,
    );
    await assert.rejects(
      open({ FLYAI_KEEPER_EPOCH_SECONDS: "120", FLYAI_KEEPER_EPOCH_GENESIS: String(first.genesis - 120) }),
      new RegExp(`counts epochs from ${first.genesis}, not ${first.genesis - 120} \\(FLYAI_KEEPER_EPOCH_GENESIS\\)`),
    );
  });
});
