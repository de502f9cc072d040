// Liquidity pools: every pool's reserves and price, and an account's LP positions.
import { Pool__factory, PoolFactory__factory } from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { print, toJson } from "@flyaimusic/kit/format.ts";
import { Contract, formatUnits } from "ethers";
import type { PositionSection } from "./section.ts";

export interface PoolRow {
  pool: string;
  token0: { address: string; symbol: string };
  token1: { address: string; symbol: string };
  reserve0: bigint;
  reserve1: bigint;
  lpSupply: bigint;
}

const symbols = new Map<string, string>();

async function symbolOf(ctx: Context, token: string): Promise<string> {
  const known = symbols.get(token);
  if (known) return known;
  // any ERC-20 (the bindings hold this project's contracts only): the one function needed, by its signature
  const erc20 = new Contract(token, ["function symbol() view returns (string)"], ctx.provider);
  const symbol = await (erc20.symbol() as Promise<string>).catch(() => token.slice(0, 8));
  symbols.set(token, symbol);
  return symbol;
}

/** Every pool of the deployment's factory, in creation order. */
export async function allPools(ctx: Context): Promise<PoolRow[]> {
  const deployed = ctx.deployment.contracts.PoolFactory;
  if (!deployed) return [];
  const factory = PoolFactory__factory.connect(deployed.address, ctx.provider);
  const count = Number(await factory.allPoolsLength());
  const rows: PoolRow[] = [];
  for (let i = 0; i < count; i++) {
    const address = await factory.allPools(i);
    const pool = Pool__factory.connect(address, ctx.provider);
    const [token0, token1, [reserve0, reserve1], lpSupply] = await Promise.all([
      pool.token0(),
      pool.token1(),
      pool.getReserves(),
      pool.totalSupply(),
    ]);
    rows.push({
      pool: address,
      token0: { address: token0, symbol: await symbolOf(ctx, token0) },
      token1: { address: token1, symbol: await symbolOf(ctx, token1) },
      reserve0,
      reserve1,
      lpSupply,
    });
  }
  return rows;
}

/** "1 A = 0.25 B": the spot price of token0 in token1 (both 18 decimals here). */
export function spotPrice(row: PoolRow): string {
  if (row.reserve0 === 0n) return "no liquidity";
  const price = (row.reserve1 * 10n ** 18n) / row.reserve0;
  return `1 ${row.token0.symbol} = ${trim(formatUnits(price, 18))} ${row.token1.symbol}`;
}

function trim(decimal: string): string {
  const [whole, fraction = ""] = decimal.split(".");
  const kept = fraction.slice(0, 6).replace(/0+$/, "");
  return kept ? `${whole}.${kept}` : whole;
}

function amount(units: bigint, symbol: string): string {
  return `${trim(formatUnits(units, 18))} ${symbol}`;
}

export async function poolSection(ctx: Context, account: string): Promise<PositionSection | undefined> {
  const lines: string[] = [];
  const json: unknown[] = [];
  for (const row of await allPools(ctx)) {
    const lp = await Pool__factory.connect(row.pool, ctx.provider).balanceOf(account);
    if (lp === 0n) continue;
    const mine0 = (row.reserve0 * lp) / row.lpSupply;
    const mine1 = (row.reserve1 * lp) / row.lpSupply;
    const share = Number((lp * 1_000_000n) / row.lpSupply) / 10_000;
    lines.push(
      `${row.token0.symbol}/${row.token1.symbol}  ${share}% of the pool: ${amount(mine0, row.token0.symbol)} + ${amount(mine1, row.token1.symbol)}  (${spotPrice(row)})`,
    );
    json.push({ ...row, lp, mine0, mine1 });
  }
  return lines.length === 0 ? undefined : { title: "liquidity", lines, json };
}

export const pools: Command = {
  name: "pools",
  usage: "pools [--json]",
  summary: "every liquidity pool: its pair, reserves, spot price and LP supply",
  options: ["json"],
  async run(args, io, connect) {
    const ctx = await connect();
    const rows = await allPools(ctx);
    if (args.flags.has("json")) return print(io, toJson(rows));
    if (rows.length === 0) return print(io, `no pools yet on chain ${ctx.chainId}`);
    for (const row of rows) {
      print(
        io,
        `${row.token0.symbol}/${row.token1.symbol}  ${row.pool}\n    reserves ${amount(row.reserve0, row.token0.symbol)} + ${amount(row.reserve1, row.token1.symbol)}\n    price    ${spotPrice(row)}`,
      );
    }
  },
};
