// Royalty shares: a creator sells a share of its royalty cut on a track for a term; buyers buy shares.
import { RoyaltyVault__factory, RoyaltyVaultFactory__factory } from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatDate, print } from "@flyaimusic/kit/format.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { formatEther, ZeroAddress } from "ethers";
import { parseAmount, parseDuration } from "../amounts.ts";
import { formatAmount, musicContracts, parseTrackId, shortId } from "../contracts.ts";
import { royaltyVaults, vaultArgument } from "./income.ts";

const CURVES: Record<string, number> = { linear: 0, exponential: 1 };

function parseBps(text: string | undefined): number {
  const match = /^(\d+(?:\.\d{1,2})?)%$/.exec(text ?? "");
  if (!match) throw new CliError(`--share: "${text ?? ""}" is not a percentage like 25%`);
  const bps = Math.round(Number(match[1]) * 100);
  if (bps < 1 || bps > 10_000) throw new CliError("--share must be between 0.01% and 100% of your cut");
  return bps;
}

export const securitize: Command = {
  name: "securitize",
  usage:
    "securitize <track id> --share <percent of your cut> --term <duration> --supply <shares> --sale <shares> --price <ETH per share> [--end-price <ETH>] [--sale-duration <duration>] [--curve linear|exponential] [--name <name>] [--symbol <symbol>]",
  summary: "sell a share of your royalty cut on a track for a term, as ERC-20 royalty shares (fixed or Dutch price)",
  options: ["share", "term", "supply", "sale", "price", "end-price", "sale-duration", "curve", "name", "symbol"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const bps = parseBps(args.options.get("share"));
    const term = parseDuration(args.options.get("term"), "term", 365n * 86_400n);
    const supply = parseAmount(args.options.get("supply"), "supply");
    const saleAmount = parseAmount(args.options.get("sale") ?? "0", "sale");
    const startPrice = parseAmount(args.options.get("price"), "price");
    const endPrice = args.options.has("end-price")
      ? parseAmount(args.options.get("end-price"), "end-price")
      : startPrice;
    const saleDuration = parseDuration(args.options.get("sale-duration"), "sale-duration", 0n);
    const curveName = args.options.get("curve") ?? "linear";
    const curve = CURVES[curveName];
    if (curve === undefined) throw new CliError(`--curve: "${curveName}" is not linear or exponential`);
    if (saleDuration === 0n && endPrice !== startPrice) throw new CliError("--end-price needs --sale-duration");
    const symbol = args.options.get("symbol") ?? `R${tokenId.toString(16).slice(0, 4).toUpperCase()}`;
    const name = args.options.get("name") ?? `Royalty shares of ${shortId(tokenId)}`;
    const ctx = await connect();
    const signer = await ctx.signer();
    const deployed = ctx.deployment.contracts.RoyaltyVaultFactory;
    if (!deployed) throw new CliError(`no RoyaltyVaultFactory is deployed on chain ${ctx.chainId}`);
    const factory = RoyaltyVaultFactory__factory.connect(deployed.address, signer);
    const { music } = musicContracts(ctx);
    if ((await music.creatorShareOf(tokenId, await signer.getAddress())) === 0n) {
      throw new CliError(`you are not a creator of track ${shortId(tokenId)}: only creators sell their cut`);
    }
    const receipt = await send(io, "the securitization", () =>
      factory.securitize({
        tokenId,
        bps,
        term,
        supply,
        saleAmount,
        startPrice,
        endPrice,
        saleDuration,
        curve,
        name,
        symbol,
      }),
    );
    const [vault] = (await factory.vaultsOf(tokenId)).slice(-1);
    const terms = await RoyaltyVault__factory.connect(vault, ctx.provider).terms();
    print(
      io,
      `sold ${bps / 100}% of your cut of ${shortId(tokenId)} until ${formatDate(terms.maturity)} as ${formatEther(supply)} ${symbol} at ${vault}; ${formatEther(saleAmount)} for sale from ${formatAmount(startPrice, ZeroAddress)} a share (gas ${receipt.gasUsed})`,
    );
  },
};

export const buyShares: Command = {
  name: "buy-shares",
  usage: "buy-shares <vault> --amount <shares> [--max-price <ETH per share>]",
  summary: "buy royalty shares from their sale at the current price (excess ETH refunded)",
  options: ["amount", "max-price"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const address = vaultArgument(text);
    const amount = parseAmount(args.options.get("amount"), "amount");
    const ctx = await connect();
    if (!(await royaltyVaults(ctx)).includes(address)) {
      throw new CliError(`${address} is not a royalty vault of this deployment`);
    }
    const signer = await ctx.signer();
    const vault = RoyaltyVault__factory.connect(address, signer);
    if (!(await vault.saleOpen())) throw new CliError("the sale of these shares is closed");
    const [price, cost] = await vault.quote(amount);
    const maxPrice = args.options.has("max-price") ? parseAmount(args.options.get("max-price"), "max-price") : price;
    const receipt = await send(io, "the purchase", () => vault.buy(amount, maxPrice, { value: cost }));
    print(
      io,
      `bought ${formatEther(amount)} ${await vault.symbol()} at ${formatAmount(price, ZeroAddress)} a share for ${formatAmount(cost, ZeroAddress)} (gas ${receipt.gasUsed})`,
    );
  },
};
