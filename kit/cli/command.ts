import type { ParsedArgs } from "./args.ts";
import type { ChainContext, CliIO } from "./context.ts";

/**
 * What a command needs of the network, which decides the options it takes besides its own:
 * "offline" none (it never touches a chain), "chain" --rpc and --deployment, "sign" those plus --keystore and --account.
 */
export type NetworkUse = "offline" | "chain" | "sign";

/**
 * One command of a program. Its options and positionals are declared here once; the runner refuses anything else
 * before `run` is called. `run` checks the values and calls `connect` only once the input is good.
 */
export interface Command<C extends ChainContext = ChainContext> {
  name: string;
  usage: string;
  summary: string;
  /** The command's own options (value options and flags), besides the network options its `network` use brings. */
  options: readonly string[];
  /** Options that depend on the positionals (`propose <template>` takes the template's arguments). */
  optionsFor?(positionals: readonly string[]): readonly string[];
  /** How many positionals it takes: [min, max]; max may be Infinity. Default: none. */
  positionals?: readonly [min: number, max: number];
  /** Default "sign". */
  network?: NetworkUse;
  run(args: ParsedArgs, io: CliIO, connect: () => Promise<C>): Promise<void>;
}
