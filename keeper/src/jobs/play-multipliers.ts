// Play multipliers for staked tracks: once a day (the staking vault takes one post per token per chain day), the
// keeper posts for every staked track a weight multiplier from its qualified plays in the latest closed epoch, so
// staking rewards follow what people listen to. One transaction intent per day and batch ("multipliers:<day>:<n>").
import { NFTStakingVault__factory } from "@flyaimusic/bindings";
import type { ReadModel } from "../chain/read-model.ts";
import type { ChainClient } from "../chain/rpc.ts";
import type { TxSender } from "../chain/sender.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { KeeperStore } from "../store/store.ts";

/** The vault's bounds (NFTStakingVault.MIN_PLAY_BPS / MAX_PLAY_BPS) and its neutral value. */
export const PLAY_BPS = { min: 5_000, neutral: 10_000, max: 30_000 } as const;
const DAY = 86_400;
const BATCH = 200;

/**
 * A track played as much as the median staked track weighs 1×; the multiplier grows with the square root of its
 * plays over the median (4× the plays: 2×, 9×: 3×, a quarter: 0.5×), within the vault's 0.5×-3×. The square root
 * keeps a runaway hit from taking the whole staking pool, as the listen pool does for listeners.
 */
export function playMultiplierBps(plays: number, medianPlays: number): number {
  const ratio = (plays + 1) / (medianPlays + 1);
  return Math.min(PLAY_BPS.max, Math.max(PLAY_BPS.min, Math.round(PLAY_BPS.neutral * Math.sqrt(ratio))));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface PlayMultipliersJobOptions {
  store: KeeperStore;
  readModel: ReadModel;
  chain: ChainClient;
  sender: TxSender;
  stakingAddress: string;
  clock: Clock;
  log: Logger;
}

export function createPlayMultipliersJob(options: PlayMultipliersJobOptions) {
  const { store, readModel, chain, sender, log } = options;
  const vault = NFTStakingVault__factory.connect(options.stakingAddress, chain.provider());
  const iface = NFTStakingVault__factory.createInterface();

  /** Posts today's multipliers if not done yet; returns how many tracks it posted. */
  async function tick(): Promise<number> {
    const [latest] = await store.epochs(1);
    if (!latest?.summary) return 0;
    const staked = await readModel.stakedTracks();
    if (staked.length === 0) return 0;
    const block = await chain.run("latest block", (p) => p.getBlock("latest"));
    const day = Math.floor(Math.max(block?.timestamp ?? 0, options.clock.now()) / DAY);
    if (await store.intent(`multipliers:${day}:0`)) return 0;
    const plays = (latest.summary.qualifiedPlaysByTrack ?? {}) as Record<string, number>;
    // the chain has the last word: only tokens still staked and not posted today
    const due: string[] = [];
    for (const tokenId of staked.sort()) {
      const [staker, , , postedDay] = await chain.run(`stakeOf ${tokenId}`, () => vault.stakeOf(tokenId));
      if (staker !== "0x0000000000000000000000000000000000000000" && Number(postedDay) !== day) due.push(tokenId);
    }
    if (due.length === 0) return 0;
    const middle = median(due.map((id) => plays[id] ?? 0));
    let posted = 0;
    for (let batch = 0; batch * BATCH < due.length; batch++) {
      const ids = due.slice(batch * BATCH, (batch + 1) * BATCH);
      const bps = ids.map((id) => playMultiplierBps(plays[id] ?? 0, middle));
      const outcome = await sender.send(`multipliers:${day}:${batch}`, "staking.postPlayMultipliers", {
        to: options.stakingAddress,
        data: iface.encodeFunctionData("postPlayMultipliers", [ids, bps]),
      });
      if (outcome.status === "mined") posted += ids.length;
      else log.warn("posting play multipliers reverted", { day, batch, tx: outcome.hash });
    }
    log.info("play multipliers posted for staked tracks", { day, tracks: posted, fromEpoch: latest.epoch });
    return posted;
  }

  return { tick };
}
