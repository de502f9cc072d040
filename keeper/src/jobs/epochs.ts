// Closing reward epochs: compute -> tree -> post -> live. Each step reads the state the previous one recorded and
// is safe to repeat, so a keeper killed at any line and restarted finishes the close without paying anyone twice:
//  1. compute: the epoch's plays and engagement through the fraud filters and the reward model; its rewards are
//     added to the cumulative balances in the same transaction that records the epoch (a second try finds it
//     recorded and skips);
//  2. tree: the Merkle tree of every cumulative balance, written to a file (temp + rename) before the epoch says
//     "tree" with its root; a crash before that just builds it again (same balances, same root);
//  3. post: postRoot through a transaction intent keyed "postRoot:<epoch>", after checking on chain that it is not
//     there already; the distributor refuses a second root for the same epoch anyway;
//  4. live: once its challenge window passes without a veto (or "vetoed" if the guardian vetoed it).
// The distributor takes a root only when the previous one is live: posting waits for that window.
import { RewardsDistributor__factory } from "@flyaimusic/bindings";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ReadModel } from "../chain/read-model.ts";
import type { ChainClient } from "../chain/rpc.ts";
import type { TxSender } from "../chain/sender.ts";
import type { Clock } from "../clock.ts";
import type { EpochBudget, EpochInput, RewardCategory } from "../domain.ts";
import type { EpochRewardsReport } from "../rewards/model.ts";
import { KeeperError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { EpochRecord, KeeperStore } from "../store/store.ts";
import type { EpochClock } from "./epoch-clock.ts";
import type { TreeBuilder } from "../merkle/tree-builder.ts";

export interface EpochsJobOptions {
  store: KeeperStore;
  readModel: ReadModel;
  epochClock: EpochClock;
  clock: Clock;
  log: Logger;
  budget: EpochBudget;
  dataDir: string;
  graceSeconds: number;
  compute(input: EpochInput): EpochRewardsReport;
  trees: TreeBuilder;
  /** Absent: compute and build only (no key configured, or a dry run). */
  chain?: ChainClient;
  sender?: TxSender;
  distributorAddress?: string;
  /** How many earlier epochs feed the growth and novelty signals. */
  historyEpochs?: number;
}

export interface EpochProgress {
  epoch: number;
  step: "compute" | "tree" | "post" | "live";
  detail?: string;
}

export function createEpochsJob(options: EpochsJobOptions) {
  const { store, readModel, epochClock, clock, log } = options;
  const distributor =
    options.chain && options.distributorAddress
      ? RewardsDistributor__factory.connect(options.distributorAddress, options.chain.provider())
      : undefined;
  const iface = RewardsDistributor__factory.createInterface();

  async function history(epoch: number): Promise<Map<string, number[]>> {
    const result = new Map<string, number[]>();
    const from = Math.max(1, epoch - (options.historyEpochs ?? 8));
    for (let e = from; e < epoch; e++) {
      const { start, end } = epochClock.bounds(e);
      const stats = await store.playStats(start, end);
      for (const [trackId, { listeners }] of stats) {
        const series = result.get(trackId) ?? new Array(e - from).fill(0);
        while (series.length < e - from) series.push(0);
        series.push(listeners);
        result.set(trackId, series);
      }
    }
    const length = epoch - from;
    for (const series of result.values()) while (series.length < length) series.push(0);
    return result;
  }

  /** Step 1. */
  async function compute(epoch: number): Promise<void> {
    const { start, end } = epochClock.bounds(epoch);
    const [plays, engagements, tracks, past] = await Promise.all([
      store.playsBetween(start, end),
      store.engagementsBetween(start, end),
      readModel.tracks(),
      history(epoch),
    ]);
    const input: EpochInput = { epoch, start, end, budget: options.budget, plays, engagements, tracks, history: past };
    const result = options.compute(input);
    const totals: Record<string, bigint> = {};
    for (const categories of result.rewards.values()) {
      for (const [category, amount] of Object.entries(categories) as [RewardCategory, bigint][]) {
        if (amount) totals[category] = (totals[category] ?? 0n) + amount;
      }
    }
    const quality = [
      ...[...result.trackQuality].map(([subject, index]) => ({ kind: "track" as const, subject, index })),
      ...[...result.creatorReputation].map(([subject, index]) => ({ kind: "creator" as const, subject, index })),
    ];
    await store.recordEpoch({
      epoch,
      start,
      end,
      rewards: result.rewards,
      flags: result.flags,
      quality,
      summary: {
        plays: plays.length,
        listeners: new Set(plays.map((p) => p.listener)).size,
        engagements: engagements.length,
        qualifiedPlays: result.qualifiedPlays,
        accountsRewarded: result.rewards.size,
        totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.toString()])),
        flagged: result.flags.length,
        unpaid: Object.fromEntries(Object.entries(result.unpaid).map(([k, v]) => [k, v.toString()])),
        qualifiedPlaysByTrack: Object.fromEntries(result.qualifiedPlaysByTrack),
      },
      at: clock.now(),
    });
    log.info("epoch computed", {
      epoch,
      plays: plays.length,
      accounts: result.rewards.size,
      flagged: result.flags.length,
    });
  }

  /** Step 2. */
  async function tree(epoch: number, onProgress?: (done: number, total: number) => void): Promise<void> {
    const leaves = (await store.balances()).filter((l) => l.cumulative > 0n);
    if (leaves.length === 0) {
      await store.updateEpoch(epoch, { status: "live", accounts: 0, total: 0n, updatedAt: clock.now() });
      log.info("epoch has no rewards and no earlier balances: nothing to post", { epoch });
      return;
    }
    const path = join(options.dataDir, "trees", `epoch-${epoch}.tree`);
    await mkdir(dirname(path), { recursive: true });
    const built = await options.trees.build(leaves, path, onProgress);
    await store.updateEpoch(epoch, {
      status: "tree",
      root: built.root,
      total: built.total,
      accounts: built.size,
      treeFile: path,
      updatedAt: clock.now(),
    });
    log.info("epoch tree built", { epoch, root: built.root, accounts: built.size, total: built.total });
  }

  /** Step 3; returns why it is waiting, if it is. */
  async function post(record: EpochRecord): Promise<string | undefined> {
    if (!distributor || !options.sender || !options.chain) return "no keeper key: roots are not posted";
    const latest = await options.chain.run("latestRoot", () => distributor.latestRoot());
    const latestEpoch = Number(latest.epoch);
    if (latestEpoch >= record.epoch) {
      if (latestEpoch === record.epoch && latest.root.toLowerCase() === record.root!.toLowerCase()) {
        await store.updateEpoch(record.epoch, { status: "posted", updatedAt: clock.now() });
        return undefined;
      }
      throw new KeeperError(
        `the distributor already has epoch ${latestEpoch} (root ${latest.root}) at or above epoch ${record.epoch}: ` +
          "another keeper posts to it; stop one of them",
      );
    }
    const now = Math.max(clock.now(), await chainTime());
    if (latestEpoch > 0 && !latest.vetoed && Number(latest.claimableAt) > now) {
      return `waiting for epoch ${latestEpoch}'s challenge window (until ${new Date(Number(latest.claimableAt) * 1000).toISOString()})`;
    }
    const outcome = await options.sender.send(`postRoot:${record.epoch}`, "rewards.postRoot", {
      to: options.distributorAddress,
      data: iface.encodeFunctionData("postRoot", [record.epoch, record.root!, record.total!]),
    });
    if (outcome.status !== "mined") {
      throw new KeeperError(
        `postRoot for epoch ${record.epoch} reverted (${outcome.hash}): is the keeper the distributor's keeper, and the ` +
          "total within the epoch budget? `keeper status` shows both",
      );
    }
    await store.updateEpoch(record.epoch, { status: "posted", updatedAt: clock.now() });
    log.info("root posted", { epoch: record.epoch, root: record.root, tx: outcome.hash, resumed: outcome.alreadyDone });
    return undefined;
  }

  async function chainTime(): Promise<number> {
    if (!options.chain) return 0;
    const block = await options.chain.run("latest block", (p) => p.getBlock("latest"));
    return block?.timestamp ?? 0;
  }

  /** Step 4. */
  async function settleLive(record: EpochRecord): Promise<string | undefined> {
    if (!distributor || !options.chain) return undefined;
    const latest = await options.chain.run("latestRoot", () => distributor.latestRoot());
    if (Number(latest.epoch) !== record.epoch) {
      // a later root exists: this one went live before it (the distributor only takes a root after a live one)
      if (Number(latest.epoch) > record.epoch)
        await store.updateEpoch(record.epoch, { status: "live", updatedAt: clock.now() });
      return undefined;
    }
    if (latest.vetoed) {
      await store.updateEpoch(record.epoch, { status: "vetoed", updatedAt: clock.now() });
      log.warn("the guardian vetoed a root; its rewards stay in the balances and go out with the next root", {
        epoch: record.epoch,
      });
      return undefined;
    }
    const now = Math.max(clock.now(), await chainTime());
    if (Number(latest.claimableAt) <= now) {
      await store.updateEpoch(record.epoch, { status: "live", updatedAt: clock.now() });
      log.info("root live: claims open", { epoch: record.epoch });
      return undefined;
    }
    return `in its challenge window until ${new Date(Number(latest.claimableAt) * 1000).toISOString()}`;
  }

  /** The next epoch to close (ended, grace passed, not yet recorded), if any. */
  async function nextToClose(): Promise<number | undefined> {
    const [latest] = await store.epochs(1);
    const next = (latest?.epoch ?? 0) + 1;
    const { end } = epochClock.bounds(next);
    return clock.now() >= end + options.graceSeconds ? next : undefined;
  }

  /**
   * Moves every epoch as far as it can go now: finishes an interrupted close, closes every ended epoch (at most
   * `maxCloses` per tick), follows the posted root to live, and posts the newest tree. Roots are cumulative, so when
   * several epochs closed while a root sat in its challenge window only the newest is posted: the older ones are
   * "superseded" (their rewards are in the newer tree's balances).
   */
  async function tick(
    onProgress?: (p: EpochProgress) => void,
    maxCloses = 10,
  ): Promise<{ done: EpochProgress[]; waiting?: string }> {
    const done: EpochProgress[] = [];
    let waiting: string | undefined;
    for (const record of (await store.epochs(50)).filter((e) => e.status === "computed").reverse()) {
      onProgress?.({ epoch: record.epoch, step: "tree" });
      await tree(record.epoch);
      done.push({ epoch: record.epoch, step: "tree" });
    }
    for (let closes = 0; closes < maxCloses; closes++) {
      const next = await nextToClose();
      if (next === undefined) break;
      onProgress?.({ epoch: next, step: "compute" });
      await compute(next);
      done.push({ epoch: next, step: "compute" });
      onProgress?.({ epoch: next, step: "tree" });
      await tree(next);
      done.push({ epoch: next, step: "tree" });
    }
    const recent = await store.epochs(200);
    const posted = recent.find((e) => e.status === "posted");
    if (posted) {
      const why = await settleLive(posted);
      if (why) waiting = `epoch ${posted.epoch}: ${why}`;
      else if ((await store.epoch(posted.epoch))!.status === "live") done.push({ epoch: posted.epoch, step: "live" });
    }
    const trees = recent.filter((e) => e.status === "tree");
    if (trees.length > 0) {
      const [newest, ...older] = trees;
      for (const record of older) {
        await store.updateEpoch(record.epoch, { status: "superseded", updatedAt: clock.now() });
        log.info("epoch superseded: its rewards go out with a later root", { epoch: record.epoch, by: newest.epoch });
      }
      onProgress?.({ epoch: newest.epoch, step: "post" });
      const why = await post(newest);
      if (why) waiting = `epoch ${newest.epoch}: ${why}`;
      else done.push({ epoch: newest.epoch, step: "post" });
    }
    return { done, waiting };
  }

  return { tick, compute, tree, post, nextToClose };
}
