// `runCli(argv, io, program)`: a whole CLI program (gov, music, defi, bridge, keeper) as a function of its arguments
// and its surroundings, so tests drive it in-process against the Hardhat network with their own signers and an
// in-memory deployment. The runner owns everything commands share: parsing, the options and positionals each command
// declares, help, the chain context, and turning failures into one readable line and an exit code.
import type { Explanations } from "../revert.ts";
import { DEFAULT_RPC_URL } from "../devnet.ts";
import { note, print } from "../format.ts";
import {
  allowOnly,
  CHAIN_OPTIONS,
  checkPositionals,
  COMMON_OPTIONS,
  KEY_OPTIONS,
  type ParsedArgs,
  parseArgs,
} from "./args.ts";
import type { Command } from "./command.ts";
import { type ChainContext, type CliIO, openChainContext } from "./context.ts";
import { UserError } from "../user-error.ts";
import { CliError, ContractRefusal, refusal } from "./errors.ts";

/** A command-line program: its npm script, its commands, and how it reads its contracts' errors. */
export interface Program<C extends ChainContext = ChainContext> {
  /** The npm script that runs it: `npm run <script> -- ...`. */
  script: string;
  about: string;
  commands: Command<C>[];
  /** Plain-language readings of the custom errors its users meet (the kit's common ones are always known). */
  explanations?: Explanations;
  /** The program's own context on top of the chain context: its contracts, checked to be there. */
  extend?(base: ChainContext): Promise<C>;
  /** The program's own errors that are the user's to fix (a keeper's bad configuration), as UserErrors. */
  userError?(error: unknown): UserError | undefined;
  /** Lines at the end of the help (what configures the program besides its options). */
  footer?: string;
}

/** Exit codes: 0 done, 1 unexpected failure (a bug or an outage), 2 the user's input or the chain's state. */
export const EXIT = { ok: 0, unexpected: 1, usage: 2 } as const;

const NETWORK_HELP = [
  "network and key (commands that read or write a chain):",
  `  --rpc <url>           JSON-RPC endpoint (env FLYAI_RPC_URL; default ${DEFAULT_RPC_URL}, the devnet)`,
  "  --deployment <file>   deployment file (default deployments/<chainId>.json)",
  "  --keystore <file>     encrypted JSON wallet; password from env FLYAI_KEYSTORE_PASSWORD",
  "  --account <index>     devnet only: account <index> of the public dev mnemonic",
  "  env FLYAI_PRIVATE_KEY the signing key when neither --keystore nor --account is given",
];

function help<C extends ChainContext>(program: Program<C>, command?: Command<C>): string {
  if (command) return `usage: npm run ${program.script} -- ${command.usage}\n\n${command.summary}`;
  return [
    program.about,
    "",
    `usage: npm run ${program.script} -- <command> [arguments] [options]`,
    "",
    ...program.commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    "",
    ...(program.commands.some((c) => c.network !== "offline") ? NETWORK_HELP : []),
    "  --debug               print stack traces of unexpected errors",
    ...(program.footer ? ["", program.footer] : []),
  ].join("\n");
}

/** The options `command` takes with these arguments: its own, its network's, and --debug / --help. */
function allowedOptions<C extends ChainContext>(command: Command<C>, args: ParsedArgs): string[] {
  const network = command.network ?? "sign";
  return [
    ...COMMON_OPTIONS,
    ...(network === "offline" ? [] : CHAIN_OPTIONS),
    ...(network === "sign" ? KEY_OPTIONS : []),
    ...command.options,
    ...(command.optionsFor?.(args.positionals) ?? []),
  ];
}

function errorMessage(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string } | null;
  return e?.shortMessage ?? e?.message ?? String(error);
}

export async function runCli<C extends ChainContext>(argv: string[], io: CliIO, program: Program<C>): Promise<number> {
  const commands = program.commands;
  let debug = io.env.FLYAI_DEBUG === "1" || argv.includes("--debug");
  let context: ChainContext | undefined;
  try {
    const args: ParsedArgs = parseArgs(argv);
    debug ||= args.flags.has("debug");
    if (args.command === undefined || args.command === "help") {
      const about = args.positionals[0];
      const command = about ? commands.find((c) => c.name === about) : undefined;
      if (about && !command) {
        throw new CliError(`unknown command "${about}"`, `\`npm run ${program.script} -- help\` lists them`);
      }
      print(io, help(program, command));
      return EXIT.ok;
    }
    const command = commands.find((c) => c.name === args.command);
    if (!command) {
      throw new CliError(
        `unknown command "${args.command}"`,
        `commands: ${commands.map((c) => c.name).join(", ")}; \`npm run ${program.script} -- help\` explains them`,
      );
    }
    if (args.flags.has("help")) {
      print(io, help(program, command));
      return EXIT.ok;
    }
    const [min, max] = command.positionals ?? [0, 0];
    checkPositionals(args, command.usage, min, max);
    const label = command.optionsFor && args.positionals[0] ? `${command.name} ${args.positionals[0]}` : command.name;
    allowOnly(args, label, allowedOptions(command, args));
    await command.run(args, io, async () => {
      const base = await openChainContext(args, io);
      context = base;
      return program.extend ? program.extend(base) : (base as C);
    });
    return EXIT.ok;
  } catch (error) {
    const userError =
      error instanceof UserError
        ? error
        : (program.userError?.(error) ?? refusal(error, "the request", program.explanations));
    if (userError) {
      const message =
        userError instanceof ContractRefusal ? userError.explainedBy(program.explanations) : userError.message;
      note(io, `error: ${message}`);
      if (userError.hint) note(io, `hint: ${userError.hint}`);
      return EXIT.usage;
    }
    note(io, `unexpected error: ${errorMessage(error)}`);
    note(io, debug ? String((error as Error)?.stack ?? error) : "(run again with --debug for the stack trace)");
    return EXIT.unexpected;
  } finally {
    context?.close();
  }
}
