import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { DEVNET_CHAIN_IDS, isDevnetChain } from "@flyaimusic/kit/devnet.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { formatDuration, print } from "@flyaimusic/kit/format.ts";
import { ARG_TYPES } from "@flyaimusic/kit/units.ts";

/**
 * Devnet only: moves the chain's clock forward and mines a block, so a person can walk a proposal through voting
 * delay, voting period and timelock delay in a minute instead of waiting them out. Any other chain refuses.
 */
export const warp: Command<Context> = {
  name: "warp",
  usage: "warp <duration>   (devnet only, e.g. warp 10m)",
  summary: "devnet only: move the chain's clock forward (seconds, or e.g. 90s, 10m, 2h) and mine a block",
  options: [],
  network: "chain",
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    let seconds: bigint;
    try {
      seconds = ARG_TYPES.seconds.parse(text) as bigint;
    } catch (error) {
      throw new CliError(`warp: ${(error as Error).message}`);
    }
    if (seconds === 0n) throw new CliError("warp: give a duration above zero");
    const context = await connect();
    if (!isDevnetChain(context.chainId)) {
      throw new CliError(
        `warp only works on the devnet (chains ${DEVNET_CHAIN_IDS.join(", ")}); this is chain ${context.chainId}`,
      );
    }
    const provider = context.provider as { send?: (method: string, params: unknown[]) => Promise<unknown> };
    if (!provider.send) throw new CliError("warp needs a JSON-RPC provider");
    await provider.send("evm_increaseTime", [Number(seconds)]);
    await provider.send("evm_mine", []);
    const block = await context.provider.getBlock("latest");
    const at = new Date((block?.timestamp ?? 0) * 1000)
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, " UTC");
    print(io, `moved the devnet clock ${formatDuration(seconds)} ahead: block ${block?.number} at ${at}`);
  },
};
