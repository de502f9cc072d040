// Streaming revenue: for each closed epoch, the keeper pays into the RoyaltySplitter what its qualified plays of
// each track earned (a per-play rate in ETH, funded by the keeper's account as a streaming service would fund it),
// so the track's creators, curator, collector and the platform get their split of it like any other revenue.
// One deposit per (epoch, track), each a transaction intent "stream:<epoch>:<track>": a restart never pays twice.
import { RoyaltySplitter__factory } from "@flyaimusic/bindings";
import type { TxSender } from "../chain/sender.ts";
import type { Clock } from "../clock.ts";
import { describeError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { KeeperStore } from "../store/store.ts";

export interface StreamingJobOptions {
  store: KeeperStore;
  sender: TxSender;
  splitterAddress: string;
  weiPerPlay: bigint;
  clock: Clock;
  log: Logger;
}

const PROGRESS_KEY = "streaming:paidThroughEpoch";

export function createStreamingJob(options: StreamingJobOptions) {
  const { store, sender, log } = options;
  const iface = RoyaltySplitter__factory.createInterface();

  /** Pays every recorded epoch not yet paid, oldest first; returns the deposits made. */
  async function tick(): Promise<number> {
    if (options.weiPerPlay === 0n) return 0;
    const paidThrough = Number((await store.meta(PROGRESS_KEY)) ?? "0");
    const epochs = (await store.epochs(1000)).filter((e) => e.epoch > paidThrough).reverse();
    let deposits = 0;
    for (const epoch of epochs) {
      const byTrack = (epoch.summary?.qualifiedPlaysByTrack ?? {}) as Record<string, number>;
      for (const [trackId, plays] of Object.entries(byTrack).sort(([a], [b]) => a.localeCompare(b))) {
        if (!plays) continue;
        const value = BigInt(Math.floor(plays)) * options.weiPerPlay;
        try {
          const outcome = await sender.send(`stream:${epoch.epoch}:${trackId}`, "splitter.depositETH", {
            to: options.splitterAddress,
            data: iface.encodeFunctionData("depositETH", [trackId]),
            value,
          });
          if (!outcome.alreadyDone) deposits++;
        } catch (error) {
          log.warn("streaming deposit failed; retrying next tick", { epoch: epoch.epoch, error: describeError(error) });
          return deposits;
        }
      }
      await store.setMeta(PROGRESS_KEY, String(epoch.epoch));
      if (Object.keys(byTrack).length) log.info("streaming revenue paid into the splitter", { epoch: epoch.epoch });
    }
    return deposits;
  }

  return { tick };
}
