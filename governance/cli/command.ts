import type { ParsedArgs } from "./args.ts";
import type { CliIO, Context } from "./context.ts";

/** One `gov` command. `run` checks its input first and calls `connect` only once the input is good. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Options besides the network and key options every chain command takes. */
  options: readonly string[];
  /** Commands that never touch a chain (`templates`, `help`). */
  offline?: boolean;
  run(args: ParsedArgs, io: CliIO, connect: () => Promise<Context>): Promise<void>;
}
