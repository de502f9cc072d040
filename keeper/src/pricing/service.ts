// The pricing model fed from what the keeper knows: sales and listings from the chain events, demand (plays,
// unique listeners, saves) from the plays store, creator reputation from the last closed epochs. Used by the API
// (`GET /v1/pricing/:trackId`) and by the auctions job for sellers who let the keeper price their auction.
import { parseEther } from "ethers";
import type { ChainTime } from "../chain/chain-time.ts";
import type { KeeperAuthorization, ReadModel } from "../chain/read-model.ts";
import type { KeeperStore } from "../store/store.ts";
import { NoPriceBasisError, PricingInputError, suggestPrice } from "./model.ts";
import type { AuctionPlan, MarketData, PriceSuggestion, TrackDemand } from "./types.ts";

const ETH = "0x0000000000000000000000000000000000000000";
const DAY = 86_400;

/**
 * The price below which the model never suggests a listing, per tier, in ETH: the last resort when a track, its
 * creator, its tier and the whole market have fewer than three sales. Roughly a tier's mint cost and up.
 */
export const TIER_FLOORS_ETH: Record<number, string> = { 0: "0.005", 1: "0.02", 2: "0.05", 3: "0.1" };

export interface PricingServiceOptions {
  store: KeeperStore;
  readModel: ReadModel;
  /**
   * "Now" for the model: chain time, because sales are stamped with block times. (With the wall clock, a chain whose
   * clock runs ahead, as the devnet's does, has every sale "in the future" and the model sees none.)
   */
  chainTime: ChainTime;
}

export function createPricing(options: PricingServiceOptions) {
  const { store, readModel, chainTime } = options;

  async function market(now: number): Promise<MarketData> {
    const [sales, tracks, week, month, saves, reputation, listedNow] = await Promise.all([
      readModel.sales(),
      readModel.tracks(),
      store.playStats(now - 7 * DAY, now + 1),
      store.playStats(now - 30 * DAY, now + 1),
      store.saveCounts(now - 30 * DAY, now + 1),
      store.reputations(),
      readModel.listedNow(),
    ]);
    const demand = new Map<string, TrackDemand>();
    for (const track of tracks) {
      demand.set(track.trackId, {
        plays7d: week.get(track.trackId)?.plays ?? 0,
        plays30d: month.get(track.trackId)?.plays ?? 0,
        uniqueListeners30d: month.get(track.trackId)?.listeners ?? 0,
        saves30d: saves.get(track.trackId) ?? 0,
      });
    }
    const tierFloor = new Map<number, Map<string, bigint>>();
    for (const [tier, eth] of Object.entries(TIER_FLOORS_ETH))
      tierFloor.set(Number(tier), new Map([[ETH, parseEther(eth)]]));
    return { sales, tracks, demand, reputation, listedNow, tierFloor };
  }

  async function suggest(request: {
    trackId: string;
    kind: "listing" | "auction";
    currency: string;
    minReserve?: bigint;
  }): Promise<PriceSuggestion> {
    const now = await chainTime.now();
    return suggestPrice({ ...request, now }, await market(now));
  }

  async function planAuction(authorization: KeeperAuthorization): Promise<AuctionPlan | undefined> {
    const now = await chainTime.now();
    let suggestion: PriceSuggestion;
    try {
      suggestion = suggestPrice(
        {
          trackId: authorization.tokenId,
          kind: "auction",
          currency: authorization.currency,
          minReserve: authorization.minReserve > 0n ? authorization.minReserve : undefined,
          now,
        },
        await market(now),
      );
    } catch (error) {
      if (!(error instanceof NoPriceBasisError) || authorization.minReserve === 0n) {
        if (error instanceof PricingInputError) return undefined;
        throw error;
      }
      // no sales to anchor on in this currency and no floor for it: the seller's own floor is the only basis
      return {
        startPrice: authorization.minReserve * 2n,
        reservePrice: authorization.minReserve,
        durationSeconds: DAY,
        curve: 1,
        explanation: [`no price basis in ${authorization.currency}: start at twice the seller's floor, over a day`],
      };
    }
    return {
      startPrice: suggestion.startPrice!,
      reservePrice: suggestion.reservePrice!,
      durationSeconds: suggestion.durationSeconds!,
      curve: suggestion.curve === "exponential" ? 1 : 0,
      explanation: suggestion.explanation.steps,
    };
  }

  return { suggest, planAuction };
}
