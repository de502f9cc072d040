// `defi -- positions [address]`: everything an account holds in the DeFi suite, product by product.
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { print, toJson } from "@flyaimusic/kit/format.ts";
import { parseAddressOption } from "../amounts.ts";
import { fractionSection, royaltyShareSection } from "./income.ts";
import { poolSection } from "./pools.ts";
import type { PositionSection } from "./section.ts";
import { stakingSection } from "./staking.ts";

/** The readers of each product's positions, in the order they print. */
const SECTIONS: ((ctx: Context, account: string) => Promise<PositionSection | undefined>)[] = [
  stakingSection,
  poolSection,
  fractionSection,
  royaltyShareSection,
];

export const positions: Command = {
  name: "positions",
  usage: "positions [address] [--json]",
  summary: "an account's staked tracks and pending MINT, LP positions, fractions and royalty shares with income",
  options: ["json"],
  positionals: [0, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const ctx = await connect();
    const account = parseAddressOption(text, "address") ?? (await (await ctx.signer()).getAddress());
    const sections: PositionSection[] = [];
    for (const read of SECTIONS) {
      const section = await read(ctx, account);
      if (section) sections.push(section);
    }
    if (args.flags.has("json")) {
      return print(io, toJson({ account, ...Object.fromEntries(sections.map((s) => [s.title, s.json])) }));
    }
    print(io, `positions of ${account}`);
    if (sections.length === 0) return print(io, "  none: nothing staked, no liquidity, fractions or royalty shares");
    for (const section of sections) {
      print(io, `\n${section.title}`);
      for (const line of section.lines) print(io, `  ${line}`);
    }
  },
};
