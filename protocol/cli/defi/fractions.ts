// Fractions: lock a track into a vault of ERC-20 fractions, hand it the collector role, and run buyouts (bid,
// object, settle, redeem).
import { Fractionalizer__factory, FractionVault__factory, type FractionVault } from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatDate, print } from "@flyaimusic/kit/format.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { formatEther, type Signer, ZeroAddress } from "ethers";
import { parseAmount, parseAddressOption } from "../amounts.ts";
import { formatAmount, musicContracts, parseTrackId, shortId } from "../contracts.ts";
import { fractionVaults, vaultArgument } from "./income.ts";

function fractionalizerOf(ctx: Context) {
  const deployed = ctx.deployment.contracts.Fractionalizer;
  if (!deployed) throw new CliError(`no Fractionalizer is deployed on chain ${ctx.chainId}`);
  return Fractionalizer__factory.connect(deployed.address, ctx.provider);
}

async function vaultOf(ctx: Context, text: string | undefined, signer?: Signer): Promise<FractionVault> {
  const address = vaultArgument(text);
  if (!(await fractionVaults(ctx)).includes(address)) {
    throw new CliError(
      `${address} is not a fraction vault of this deployment`,
      "`npm run defi -- positions` lists yours",
    );
  }
  return FractionVault__factory.connect(address, signer ?? ctx.provider);
}

export const fractionalize: Command = {
  name: "fractionalize",
  usage: "fractionalize <track id> --supply <fractions> --reserve <ETH> [--name <name>] [--symbol <symbol>]",
  summary: "lock your track in a new vault and receive ERC-20 fractions; --reserve is the lowest buyout bid",
  options: ["supply", "reserve", "name", "symbol"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const supply = parseAmount(args.options.get("supply"), "supply");
    const reserve = parseAmount(args.options.get("reserve"), "reserve");
    const symbol = args.options.get("symbol") ?? `F${tokenId.toString(16).slice(0, 4).toUpperCase()}`;
    const name = args.options.get("name") ?? `Fractions of ${shortId(tokenId)}`;
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const { music, splitter } = musicContracts(ctx);
    const fractionalizer = fractionalizerOf(ctx);
    const owner = await music.ownerOf(tokenId).catch(() => undefined);
    if (owner?.toLowerCase() !== me.toLowerCase()) throw new CliError(`you do not hold track ${shortId(tokenId)}`);
    const address = await fractionalizer.getAddress();
    if (!(await music.isApprovedForAll(me, address))) {
      await send(io, "the approval", () => music.connect(signer).setApprovalForAll(address, true));
    }
    const receipt = await send(io, "the fractionalization", () =>
      fractionalizer.connect(signer).fractionalize(tokenId, supply, reserve, name, symbol),
    );
    const vault = await fractionalizer.vaultOf(tokenId);
    print(
      io,
      `fractionalized ${shortId(tokenId)}: ${formatEther(supply)} ${symbol} at ${vault} (gas ${receipt.gasUsed})`,
    );
    const [collector] = await splitter.rolesOf(tokenId);
    if (collector.toLowerCase() === me.toLowerCase()) {
      print(io, "you are this track's collector: hand the role to the vault so fraction holders share its income:");
      print(io, `  npm run defi -- collector-role 0x${tokenId.toString(16).padStart(64, "0")}${ctx.networkFlags}`);
    }
  },
};

export const collectorRole: Command = {
  name: "collector-role",
  usage: "collector-role <track id> [--to <address>]",
  summary: "hand your collector role of a track (and its unwithdrawn collector income) to its fraction vault",
  options: ["to"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const ctx = await connect();
    const signer = await ctx.signer();
    const { splitter } = musicContracts(ctx);
    const to = parseAddressOption(args.options.get("to"), "to") ?? (await fractionalizerOf(ctx).vaultOf(tokenId));
    if (to === ZeroAddress) throw new CliError(`track ${shortId(tokenId)} has no fraction vault; give --to`);
    const receipt = await send(io, "the hand-over", () => splitter.connect(signer).transferCollectorRole(tokenId, to));
    print(io, `the collector role of ${shortId(tokenId)} is now ${to}'s (gas ${receipt.gasUsed})`);
  },
};

export const buyout: Command = {
  name: "buyout",
  usage: "buyout <vault> --price <ETH> [--fractions <amount you put in>]",
  summary: "bid for a whole fractionalized track: pays the ETH for the fractions you do not bring, in escrow",
  options: ["price", "fractions"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const price = parseAmount(args.options.get("price"), "price");
    const fractionsIn = args.options.has("fractions") ? parseAmount(args.options.get("fractions"), "fractions") : 0n;
    const ctx = await connect();
    const signer = await ctx.signer();
    const vault = await vaultOf(ctx, text, signer);
    const deposit = await vault.requiredDeposit(price, fractionsIn);
    const receipt = await send(io, "the bid", () => vault.startBuyout(price, fractionsIn, { value: deposit }));
    const record = await vault.buyout();
    print(
      io,
      `bid ${formatAmount(price, ZeroAddress)} for the track (escrowed ${formatAmount(deposit, ZeroAddress)}); holders may object until ${formatDate(record.end)} (gas ${receipt.gasUsed})`,
    );
  },
};

export const object: Command = {
  name: "object",
  usage: "object <vault> --amount <fractions>",
  summary: "lock fractions against the live buyout (enough objections make it fail); they return after it ends",
  options: ["amount"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const amount = parseAmount(args.options.get("amount"), "amount");
    const ctx = await connect();
    const vault = await vaultOf(ctx, text, await ctx.signer());
    const receipt = await send(io, "the objection", () => vault.object(amount));
    const [record, needed] = await Promise.all([vault.buyout(), vault.objectionsToFail()]);
    print(
      io,
      `objected with ${formatEther(amount)}; objections ${formatEther(record.objections)} of ${formatEther(needed)} needed to fail it (gas ${receipt.gasUsed})`,
    );
  },
};

export const settleBuyout: Command = {
  name: "settle-buyout",
  usage: "settle-buyout <vault>",
  summary: "settle a buyout whose window is over: the bidder gets the track, or every escrow returns",
  options: [],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const ctx = await connect();
    const vault = await vaultOf(ctx, text, await ctx.signer());
    const receipt = await send(io, "the settlement", () => vault.settleBuyout());
    const sold = Number(await vault.state()) === 2;
    print(
      io,
      sold
        ? `sold: the bidder holds the track; holders redeem with \`defi -- redeem ${text}\` (gas ${receipt.gasUsed})`
        : `failed: the bidder takes back its escrow with \`withdrawBid\`, objectors their fractions (gas ${receipt.gasUsed})`,
    );
  },
};

export const redeem: Command = {
  name: "redeem",
  usage: "redeem <vault> [--amount <fractions>]",
  summary: "after a buyout: burn your fractions (default: all) for their part of the price, in ETH",
  options: ["amount"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const vault = await vaultOf(ctx, text, signer);
    const amount = args.options.has("amount")
      ? parseAmount(args.options.get("amount"), "amount")
      : await vault.balanceOf(me);
    if (amount === 0n) throw new CliError("you hold no fractions of this vault");
    const value = await vault.redeemValue(amount);
    const receipt = await send(io, "the redemption", () => vault.redeem(amount, me));
    print(
      io,
      `redeemed ${formatEther(amount)} fractions for ${formatAmount(value, ZeroAddress)} (gas ${receipt.gasUsed})`,
    );
  },
};
