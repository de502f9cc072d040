import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatDate, keyValues, print, relative, shortAddress, toJson } from "@flyaimusic/kit/format.ts";
import { MintToken__factory } from "@flyaimusic/bindings";
import { type Signer, ZeroAddress } from "ethers";
import { parseAddressOption, parseAmount, parseCurrency, parseDuration } from "../amounts.ts";
import { formatAmount, idHex, musicContracts, parseTrackId, requireMarket, shortId } from "../contracts.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { allTracks } from "./tracks.ts";

/** Lets `operator` (the marketplace or the auction) move the caller's tracks, once. */
export async function ensureOperator(ctx: Context, signer: Signer, operator: string, io: Parameters<typeof send>[0]) {
  const { music } = musicContracts(ctx);
  const me = await signer.getAddress();
  if (!(await music.isApprovedForAll(me, operator))) {
    await send(io, "approving the contract to move your tracks when they sell", () =>
      music.connect(signer).setApprovalForAll(operator, true),
    );
  }
}

/** Approves `spender` for `amount` MINT if the allowance is short. */
export async function ensureMintAllowance(
  ctx: Context,
  signer: Signer,
  spender: string,
  amount: bigint,
  io: Parameters<typeof send>[0],
) {
  const token = MintToken__factory.connect(ctx.deployment.contracts.MintToken.address, signer);
  if ((await token.allowance(await signer.getAddress(), spender)) < amount) {
    await send(io, "approving MINT", () => token.approve(spender, amount));
  }
}

export const listings: Command = {
  name: "listings",
  usage: "listings [--json]",
  summary: "tracks listed at a fixed price now, with price and expiry",
  options: ["json"],
  async run(args, io, connect) {
    const ctx = await connect();
    const rows = (await allTracks(ctx, musicContracts(ctx))).filter((row) => row.listing);
    if (args.flags.has("json")) return print(io, toJson(rows.map((row) => ({ ...row, tokenId: idHex(row.tokenId) }))));
    if (rows.length === 0) return print(io, "no active listings");
    const now = await ctx.now();
    for (const row of rows) {
      const listing = row.listing!;
      print(
        io,
        `${shortId(row.tokenId)}  ${formatAmount(listing.price, listing.currency).padEnd(16)}  seller ${shortAddress(row.owner)}  expires ${relative(listing.expiresAt, now)}`,
      );
    }
  },
};

export const list: Command = {
  name: "list",
  usage: "list <id> --price <amount> [--currency ETH|MINT] [--for <duration, default 7d>]",
  summary: "list your track at a fixed price (the marketplace moves it only when it sells)",
  options: ["price", "currency", "for"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const price = parseAmount(args.options.get("price"), "price");
    if (price === 0n) throw new CliError("--price must be above zero");
    const duration = parseDuration(args.options.get("for"), "for", 7n * 86_400n);
    const ctx = await connect();
    const contracts = musicContracts(ctx);
    const market = requireMarket(ctx, contracts);
    const currency = parseCurrency(args.options.get("currency"), ctx.deployment.contracts.MintToken.address);
    const signer = await ctx.signer();
    const owner = await contracts.music.ownerOf(tokenId).catch(() => {
      throw new CliError(`no track ${idHex(tokenId)} on chain ${ctx.chainId}`);
    });
    if (owner !== (await signer.getAddress()))
      throw new CliError(`you do not own ${idHex(tokenId)} (its owner is ${owner})`);
    const marketAddress = await market.getAddress();
    await ensureOperator(ctx, signer, marketAddress, io);
    const expiresAt = BigInt(await ctx.now()) + duration;
    const receipt = await send(io, "the listing", () =>
      market.connect(signer).list(tokenId, currency, price, expiresAt),
    );
    const [seller, royalty, fee] = await market.quote(tokenId, price);
    print(
      io,
      keyValues([
        ["listed", `${idHex(tokenId)} for ${formatAmount(price, currency)} until ${formatDate(expiresAt)}`],
        [
          "on sale",
          `you get ${formatAmount(seller, currency)}, royalty ${formatAmount(royalty, currency)}, fee ${formatAmount(fee, currency)}`,
        ],
        ["transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
      ]),
    );
  },
};

export const buy: Command = {
  name: "buy",
  usage: "buy <id> [--referrer <address>]",
  summary: "buy a listed track at its price; --referrer names who surfaced it to you (its curator, on a first sale)",
  options: ["referrer"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const referrer = parseAddressOption(args.options.get("referrer"), "referrer") ?? ZeroAddress;
    const ctx = await connect();
    const contracts = musicContracts(ctx);
    const market = requireMarket(ctx, contracts);
    const listing = await market.listingOf(tokenId);
    if (listing.seller === ZeroAddress) {
      throw new CliError(`${idHex(tokenId)} is not listed`, "`npm run music -- listings` shows what is for sale");
    }
    const signer = await ctx.signer();
    if (listing.currency !== ZeroAddress) {
      await ensureMintAllowance(ctx, signer, await market.getAddress(), listing.price, io);
    }
    const value = listing.currency === ZeroAddress ? listing.price : 0n;
    const receipt = await send(io, "the purchase", () =>
      market.connect(signer).buy(tokenId, listing.price, referrer, { value }),
    );
    const [seller, royalty, fee] = await market.quote(tokenId, listing.price);
    print(
      io,
      keyValues([
        ["bought", `${idHex(tokenId)} for ${formatAmount(listing.price, listing.currency)}`],
        [
          "paid",
          `seller ${formatAmount(seller, listing.currency)}, royalty to the split ${formatAmount(royalty, listing.currency)}, protocol fee ${formatAmount(fee, listing.currency)}`,
        ],
        ["transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
      ]),
    );
  },
};
