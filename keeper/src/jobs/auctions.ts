// The auctions job: settles every ended, unsold auction on the first block the keeper sees after its end, and
// starts auctions for sellers who authorised the keeper, priced by the pricing model within the seller's floor.
//
// Never twice: each action is a transaction intent with a key naming the auction ("settle:<token>:<startTime>",
// "start:<token>:<authorisation block>"), so a restart resumes the recorded transaction instead of sending another;
// and before deciding, the job reads the auction's state on chain (the event store may lag by the confirmation
// depth), so an auction someone else bought or settled is left alone. `settle` itself returns false on a second
// call, which bounds the worst case to wasted gas, never a second transfer.
import { DutchAuction__factory } from "@flyaimusic/bindings";
import type { ChainClient } from "../chain/rpc.ts";
import type { KeeperAuthorization, LiveAuction, ReadModel } from "../chain/read-model.ts";
import type { TxSender } from "../chain/sender.ts";
import type { Clock } from "../clock.ts";
import type { AuctionPlan } from "../pricing/types.ts";
import { createChainTime } from "../chain/chain-time.ts";
import { describeError } from "../errors.ts";
import type { Logger } from "../log.ts";

export interface AuctionsJobOptions {
  chain: ChainClient;
  sender: TxSender;
  readModel: ReadModel;
  auctionAddress: string;
  clock: Clock;
  log: Logger;
  /** Prices an authorised auction; undefined skips it this round (e.g. no market data yet). */
  plan(authorization: KeeperAuthorization): Promise<AuctionPlan | undefined>;
  /** Start auctions for opted-in sellers (settling always runs). */
  startAuctions: boolean;
  /** The schedule: an opted-in auction starts this many seconds after the seller's opt-in (default 0: at once). */
  startDelaySeconds?: number;
}

export interface AuctionsTick {
  settled: string[];
  started: string[];
  skipped: { tokenId: string; why: string }[];
}

const MIN_DURATION = 10 * 60;
const MAX_DURATION = 30 * 24 * 3600;

export function createAuctionsJob(options: AuctionsJobOptions) {
  const { chain, sender, readModel, log } = options;
  const auction = DutchAuction__factory.connect(options.auctionAddress, chain.provider());
  const iface = DutchAuction__factory.createInterface();

  // the next block is at least as late as the latest and, on a chain that mines on demand, as late as our clock
  const chainTime = createChainTime(chain, options.clock);

  async function settle(a: LiveAuction, result: AuctionsTick): Promise<void> {
    const onChain = await chain.run(`auctionOf ${a.tokenId}`, () => auction.auctionOf(a.tokenId));
    if (onChain.seller === "0x0000000000000000000000000000000000000000" || Number(onChain.startTime) !== a.startTime) {
      result.skipped.push({ tokenId: a.tokenId, why: "no longer live on chain" });
      return;
    }
    const outcome = await sender.send(`settle:${a.tokenId}:${a.startTime}`, "auction.settle", {
      to: options.auctionAddress,
      data: iface.encodeFunctionData("settle", [a.tokenId]),
    });
    if (outcome.status === "mined") {
      result.settled.push(a.tokenId);
      log.info("settled an unsold auction: the track went back to its seller", {
        tokenId: short(a.tokenId),
        seller: a.seller,
        tx: outcome.hash,
        resumed: outcome.alreadyDone || undefined,
      });
    } else {
      result.skipped.push({ tokenId: a.tokenId, why: `settle reverted (${outcome.hash})` });
    }
  }

  async function start(authorization: KeeperAuthorization, result: AuctionsTick): Promise<void> {
    const key = `start:${authorization.tokenId}:${authorization.block}`;
    const live = await chain.run(`auctionOf ${authorization.tokenId}`, () => auction.auctionOf(authorization.tokenId));
    const standing = await chain.run(`keeperAuthorizationOf ${authorization.tokenId}`, () =>
      auction.keeperAuthorizationOf(authorization.tokenId),
    );
    if (live.seller !== "0x0000000000000000000000000000000000000000") {
      result.skipped.push({ tokenId: authorization.tokenId, why: "already in an auction" });
      return;
    }
    if (standing.seller.toLowerCase() !== authorization.seller) {
      result.skipped.push({ tokenId: authorization.tokenId, why: "authorisation withdrawn or void on chain" });
      return;
    }
    const plan = await options.plan(authorization);
    if (!plan) {
      result.skipped.push({ tokenId: authorization.tokenId, why: "no price suggestion yet" });
      return;
    }
    const reservePrice = plan.reservePrice < standing.minReserve ? standing.minReserve : plan.reservePrice;
    const startPrice = plan.startPrice < reservePrice ? reservePrice : plan.startPrice;
    const duration = Math.min(MAX_DURATION, Math.max(MIN_DURATION, Math.round(plan.durationSeconds)));
    const curve = plan.curve === 1 && reservePrice > 0n ? 1 : 0;
    const outcome = await sender.send(key, "auction.start", {
      to: options.auctionAddress,
      data: iface.encodeFunctionData("startAuctionFor", [
        authorization.tokenId,
        { currency: standing.currency, startPrice, reservePrice, duration, curve },
      ]),
    });
    if (outcome.status === "mined") {
      result.started.push(authorization.tokenId);
      log.info("started an auction for a seller who opted in", {
        tokenId: short(authorization.tokenId),
        seller: authorization.seller,
        startPrice,
        reservePrice,
        duration,
        curve: curve === 1 ? "exponential" : "linear",
        tx: outcome.hash,
      });
    } else {
      result.skipped.push({ tokenId: authorization.tokenId, why: `start reverted (${outcome.hash})` });
    }
  }

  /** One pass: settle what ended, start what is authorised. Errors on one auction do not stop the others. */
  async function tick(): Promise<AuctionsTick> {
    const result: AuctionsTick = { settled: [], started: [], skipped: [] };
    const now = await chainTime.now();
    for (const a of await readModel.liveAuctions()) {
      if (a.settleableFrom > now) continue;
      try {
        await settle(a, result);
      } catch (error) {
        log.warn("could not settle an auction; will try again next tick", {
          tokenId: short(a.tokenId),
          error: describeError(error),
        });
      }
    }
    if (options.startAuctions) {
      for (const authorization of await readModel.openAuthorizations()) {
        const startsAt = authorization.at + (options.startDelaySeconds ?? 0);
        if (startsAt > now) {
          result.skipped.push({ tokenId: authorization.tokenId, why: `scheduled to start at ${startsAt}` });
          continue;
        }
        try {
          await start(authorization, result);
        } catch (error) {
          log.warn("could not start an authorised auction; will try again next tick", {
            tokenId: short(authorization.tokenId),
            error: describeError(error),
          });
        }
      }
    }
    return result;
  }

  return { tick };
}

function short(tokenId: string): string {
  const hex = BigInt(tokenId).toString(16).padStart(64, "0");
  return `0x${hex.slice(0, 8)}…`;
}
