import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { keyValues, print, relative, shortAddress, toJson } from "@flyaimusic/kit/format.ts";
import { ZeroAddress } from "ethers";
import { parseAddressOption, parseAmount, parseCurrency, parseDuration } from "../amounts.ts";
import { formatAmount, idHex, musicContracts, parseTrackId, requireAuction, shortId } from "../contracts.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { ensureMintAllowance, ensureOperator } from "./market.ts";
import { allTracks } from "./tracks.ts";

const CURVES: Record<string, number> = { linear: 0, exponential: 1 };

export const auctions: Command = {
  name: "auctions",
  usage: "auctions [--json]",
  summary: "live Dutch auctions with their current price, reserve and end",
  options: ["json"],
  async run(args, io, connect) {
    const ctx = await connect();
    const rows = (await allTracks(ctx, musicContracts(ctx))).filter((row) => row.auction);
    if (args.flags.has("json")) return print(io, toJson(rows.map((row) => ({ ...row, tokenId: idHex(row.tokenId) }))));
    if (rows.length === 0) return print(io, "no live auctions");
    const now = await ctx.now();
    for (const row of rows) {
      const auction = row.auction!;
      print(
        io,
        `${shortId(row.tokenId)}  now ${formatAmount(auction.price, auction.currency).padEnd(18)} reserve ${formatAmount(auction.reserve, auction.currency).padEnd(16)} ends ${relative(auction.endsAt, now)}`,
      );
    }
  },
};

export const auction: Command = {
  name: "auction",
  usage:
    "auction <id> --start <amount> --reserve <amount> [--duration <1h>] [--curve linear|exponential] [--currency ETH|MINT]",
  summary: "start a Dutch auction of your track now (the auction holds it until it sells or ends)",
  options: ["start", "reserve", "duration", "curve", "currency"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const startPrice = parseAmount(args.options.get("start"), "start");
    const reservePrice = parseAmount(args.options.get("reserve"), "reserve");
    if (reservePrice > startPrice) throw new CliError("--reserve cannot be above --start");
    const duration = parseDuration(args.options.get("duration"), "duration", 3_600n);
    const curveName = args.options.get("curve") ?? "linear";
    const curve = CURVES[curveName];
    if (curve === undefined) throw new CliError(`--curve: "${curveName}" is not linear or exponential`);
    const ctx = await connect();
    const contracts = musicContracts(ctx);
    const dutch = requireAuction(ctx, contracts);
    const currency = parseCurrency(args.options.get("currency"), ctx.deployment.contracts.MintToken.address);
    const signer = await ctx.signer();
    await ensureOperator(ctx, signer, await dutch.getAddress(), io);
    const receipt = await send(io, "starting the auction", () =>
      dutch.connect(signer).startAuction(tokenId, { currency, startPrice, reservePrice, duration, curve }),
    );
    print(
      io,
      keyValues([
        [
          "auction",
          `${idHex(tokenId)}: ${formatAmount(startPrice, currency)} falling (${curveName}) to ${formatAmount(reservePrice, currency)} over ${duration} s`,
        ],
        ["transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
      ]),
    );
  },
};

export const bid: Command = {
  name: "bid",
  usage: "bid <id> [--max <amount>] [--referrer <address>]",
  summary: "buy a track in a live Dutch auction at its current price (excess ETH is refunded)",
  options: ["max", "referrer"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const referrer = parseAddressOption(args.options.get("referrer"), "referrer") ?? ZeroAddress;
    const ctx = await connect();
    const contracts = musicContracts(ctx);
    const dutch = requireAuction(ctx, contracts);
    const live = await dutch.auctionOf(tokenId);
    if (live.seller === ZeroAddress) {
      throw new CliError(`${idHex(tokenId)} has no live auction`, "`npm run music -- auctions` lists them");
    }
    const price = await dutch.currentPrice(tokenId);
    // the price only falls: paying today's price covers the price when the transaction lands
    const max = args.options.has("max") ? parseAmount(args.options.get("max"), "max") : price;
    if (max < price) throw new CliError(`the price is ${formatAmount(price, live.currency)}, above --max`);
    const signer = await ctx.signer();
    if (live.currency !== ZeroAddress) await ensureMintAllowance(ctx, signer, await dutch.getAddress(), max, io);
    const value = live.currency === ZeroAddress ? max : 0n;
    const receipt = await send(io, "the purchase", () => dutch.connect(signer).buy(tokenId, max, referrer, { value }));
    print(
      io,
      keyValues([
        [
          "bought",
          `${idHex(tokenId)} at about ${formatAmount(price, live.currency)} (from ${shortAddress(live.seller)})`,
        ],
        ["transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
      ]),
    );
  },
};

export const settle: Command = {
  name: "settle",
  usage: "settle <id>",
  summary: "after an auction nobody bought: the track goes back to its seller (settling twice does nothing)",
  options: [],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const ctx = await connect();
    const dutch = requireAuction(ctx, musicContracts(ctx));
    const live = await dutch.auctionOf(tokenId);
    if (live.seller === ZeroAddress) return print(io, `${idHex(tokenId)} has no auction to settle: nothing to do`);
    const signer = await ctx.signer();
    const receipt = await send(io, "settling", () => dutch.connect(signer).settle(tokenId));
    print(io, `settled ${idHex(tokenId)}: back to ${live.seller} (${receipt.hash})`);
  },
};
