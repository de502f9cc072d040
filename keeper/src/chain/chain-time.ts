// "Now" as the chain sees it. Sales, auctions and settlements are stamped with block times, and a chain's clock need
// not follow the wall clock: the devnet moves it hours ahead to end windows, and a chain that mines on demand can sit
// behind it. A job that compares block times with "now" asks this, not the system clock.
import type { Clock } from "../clock.ts";
import type { ChainClient } from "./rpc.ts";

export interface ChainTime {
  /** Unix seconds: the later of the latest block's timestamp and the wall clock (the next block is no earlier). */
  now(): Promise<number>;
}

export function createChainTime(chain: ChainClient, clock: Clock): ChainTime {
  return {
    async now() {
      const latest = await chain.run("latest block", (provider) => provider.getBlock("latest"));
      return Math.max(latest?.timestamp ?? 0, clock.now());
    },
  };
}
