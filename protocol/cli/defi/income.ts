// Income-share tokens (fractions and royalty shares) found through their factories' events, and the commands that
// claim their income.
import {
  Fractionalizer__factory,
  FractionVault__factory,
  RoyaltyVault__factory,
  RoyaltyVaultFactory__factory,
} from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatDate, print } from "@flyaimusic/kit/format.ts";
import { chunkedLogs } from "@flyaimusic/kit/logs.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { formatUnits, getAddress, isAddress, ZeroAddress } from "ethers";
import { parseAddressOption } from "../amounts.ts";
import { formatAmount, shortId } from "../contracts.ts";
import type { PositionSection } from "./section.ts";

const BUYOUT_STATES = ["open", "buyout live", "sold"] as const;

function units(amount: bigint): string {
  const [whole, fraction = ""] = formatUnits(amount, 18).split(".");
  const kept = fraction.slice(0, 4).replace(/0+$/, "");
  return kept ? `${whole}.${kept}` : whole;
}

function percentOf(part: bigint, whole: bigint): string {
  return whole === 0n ? "0%" : `${Number((part * 1_000_000n) / whole) / 10_000}%`;
}

/** Every fraction vault ever created, oldest first. */
export async function fractionVaults(ctx: Context): Promise<string[]> {
  const deployed = ctx.deployment.contracts.Fractionalizer;
  if (!deployed) return [];
  const factory = Fractionalizer__factory.connect(deployed.address, ctx.provider);
  const topic = factory.interface.getEvent("Fractionalized").topicHash;
  const logs = await chunkedLogs(ctx, deployed.address, topic, deployed.blockNumber);
  return logs.map((log) => factory.interface.parseLog(log)?.args[1] as string);
}

/** Every royalty vault ever created, oldest first. */
export async function royaltyVaults(ctx: Context): Promise<string[]> {
  const deployed = ctx.deployment.contracts.RoyaltyVaultFactory;
  if (!deployed) return [];
  const factory = RoyaltyVaultFactory__factory.connect(deployed.address, ctx.provider);
  const count = Number(await factory.allVaultsLength());
  return Promise.all(Array.from({ length: count }, (_, i) => factory.allVaults(i)));
}

async function incomeLines(
  ctx: Context,
  token: { claimable(account: string, asset: string): Promise<bigint> },
  account: string,
): Promise<{ eth: bigint; mint: bigint; text: string }> {
  const mintAddress = ctx.deployment.contracts.MintToken.address;
  const [eth, mint] = await Promise.all([token.claimable(account, ZeroAddress), token.claimable(account, mintAddress)]);
  const text = `income to claim ${formatAmount(eth, ZeroAddress)} + ${formatAmount(mint, mintAddress)}`;
  return { eth, mint, text };
}

export async function fractionSection(ctx: Context, account: string): Promise<PositionSection | undefined> {
  const lines: string[] = [];
  const json: unknown[] = [];
  for (const address of await fractionVaults(ctx)) {
    const vault = FractionVault__factory.connect(address, ctx.provider);
    const [balance, terms, state, symbol, [, objected]] = await Promise.all([
      vault.balanceOf(account),
      vault.terms(),
      vault.state(),
      vault.symbol(),
      vault.objectionOf(account),
    ]);
    const income = await incomeLines(ctx, vault, account);
    if (balance === 0n && objected === 0n && income.eth === 0n && income.mint === 0n) continue;
    const supply = terms.supply;
    lines.push(
      `${symbol.padEnd(8)} ${units(balance)} of ${units(supply)} (${percentOf(balance, supply)}) of track ${shortId(terms.tokenId)}  vault ${address}`,
    );
    lines.push(`         ${income.text}`);
    const status = BUYOUT_STATES[Number(state)];
    if (status === "open") {
      lines.push(`         buyout: open, reserve ${formatAmount(terms.reservePrice, ZeroAddress)} for the whole track`);
    } else {
      const buyout = await vault.buyout();
      const value = balance === 0n ? 0n : await vault.redeemValue(balance);
      lines.push(
        status === "sold"
          ? `         bought out at ${formatAmount(buyout.price, ZeroAddress)}: your fractions redeem for ${formatAmount(value, ZeroAddress)}`
          : `         buyout live: ${formatAmount(buyout.price, ZeroAddress)} bid by ${buyout.bidder}, window ends ${formatDate(buyout.end)}; objections ${units(buyout.objections)} (yours ${units(objected)})`,
      );
    }
    json.push({ vault: address, symbol, tokenId: terms.tokenId, balance, supply, state: status, income });
  }
  return lines.length === 0 ? undefined : { title: "fractions", lines, json };
}

export async function royaltyShareSection(ctx: Context, account: string): Promise<PositionSection | undefined> {
  const lines: string[] = [];
  const json: unknown[] = [];
  const now = await ctx.now();
  for (const address of await royaltyVaults(ctx)) {
    const vault = RoyaltyVault__factory.connect(address, ctx.provider);
    const [balance, terms, supply, symbol] = await Promise.all([
      vault.balanceOf(account),
      vault.terms(),
      vault.totalSupply(),
      vault.symbol(),
    ]);
    const income = await incomeLines(ctx, vault, account);
    if (balance === 0n && income.eth === 0n && income.mint === 0n) continue;
    const matures = Number(terms.maturity) <= now ? "matured" : `matures ${formatDate(terms.maturity)}`;
    lines.push(
      `${symbol.padEnd(8)} ${units(balance)} of ${units(supply)} (${percentOf(balance, supply)}) of ${Number(terms.bps) / 100}% of ${terms.creator}'s cut of track ${shortId(terms.tokenId)}; ${matures}`,
    );
    lines.push(`         ${income.text}  vault ${address}`);
    json.push({ vault: address, symbol, tokenId: terms.tokenId, balance, supply, maturity: terms.maturity, income });
  }
  return lines.length === 0 ? undefined : { title: "royalty shares", lines, json };
}

export function vaultArgument(text: string | undefined): string {
  if (!text || !isAddress(text)) {
    throw new CliError(
      `expected a vault address, got ${text ?? "nothing"}`,
      "`npm run defi -- positions` lists your vaults",
    );
  }
  return getAddress(text);
}

export const claimIncome: Command = {
  name: "claim-income",
  usage: "claim-income <vault> [--to <address>]",
  summary: "claim your income (ETH and MINT) from a fraction vault or a royalty vault",
  options: ["to"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const address = vaultArgument(text);
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const to = parseAddressOption(args.options.get("to"), "to") ?? me;
    const known = [...(await fractionVaults(ctx)), ...(await royaltyVaults(ctx))];
    if (!known.includes(address)) {
      throw new CliError(`${address} is not a fraction or royalty vault of this deployment`);
    }
    // both vault kinds share the IncomeShares interface: either binding reads and claims
    const vault = RoyaltyVault__factory.connect(address, signer);
    const income = await incomeLines(ctx, vault, me);
    if (income.eth === 0n && income.mint === 0n) throw new CliError("nothing to claim from this vault yet");
    const receipt = await send(io, "the claim", () => vault.claim(to));
    print(io, `claimed ${income.text.replace("income to claim ", "")} to ${to} (gas ${receipt.gasUsed})`);
  },
};
