// `runCli(argv, io)`: the whole CLI as a function of its arguments and its surroundings, so tests drive it in-process
// against the Hardhat network with their own signers and an in-memory deployment.
import { allowOnly, type ParsedArgs, parseArgs } from "./args.ts";
import type { Command } from "./command.ts";
import { delegate, power } from "./commands/account.ts";
import { execute, queue } from "./commands/lifecycle.ts";
import { propose } from "./commands/propose.ts";
import { list, show } from "./commands/show.ts";
import { templatesCommand } from "./commands/templates.ts";
import { vote } from "./commands/vote.ts";
import { warp } from "./commands/warp.ts";
import { type CliIO, type Context, DEFAULT_RPC_URL, openContext } from "./context.ts";
import { CliError, refusal } from "./errors.ts";
import { note, print } from "./format.ts";

export type { CliIO } from "./context.ts";
export { CliError } from "./errors.ts";

export const COMMANDS: Command[] = [templatesCommand, propose, vote, queue, execute, show, list, delegate, power, warp];

/** A command-line program: the governance CLI here, the music CLI in protocol/cli share everything else. */
export interface Program {
  /** The npm script that runs it: `npm run <script> -- ...`. */
  script: string;
  about: string;
  commands: Command[];
}

export const GOV_PROGRAM: Program = {
  script: "gov",
  about: "FlyAIMusic governance: propose from templates, vote, queue, execute, inspect.",
  commands: COMMANDS,
};

/** Exit codes: 0 done, 1 unexpected failure (a bug or an outage), 2 the user's input or the chain's state. */
export const EXIT = { ok: 0, unexpected: 1, usage: 2 } as const;

function help(program: Program, command?: Command): string {
  if (command) return `usage: npm run ${program.script} -- ${command.usage}\n\n${command.summary}`;
  return [
    program.about,
    "",
    `usage: npm run ${program.script} -- <command> [arguments] [options]`,
    "",
    ...program.commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    "",
    "network and key (every command but templates):",
    `  --rpc <url>           JSON-RPC endpoint (env FLYAI_RPC_URL; default ${DEFAULT_RPC_URL}, the devnet)`,
    "  --deployment <file>   deployment file (default deployments/<chainId>.json)",
    "  --keystore <file>     encrypted JSON wallet; password from env FLYAI_KEYSTORE_PASSWORD",
    "  --account <index>     devnet only: account <index> of the public dev mnemonic",
    "  env FLYAI_PRIVATE_KEY the signing key when neither --keystore nor --account is given",
    "  --debug               print stack traces of unexpected errors",
  ].join("\n");
}

function errorMessage(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string } | null;
  return e?.shortMessage ?? e?.message ?? String(error);
}

export async function runCli(argv: string[], io: CliIO, program: Program = GOV_PROGRAM): Promise<number> {
  const commands = program.commands;
  let debug = io.env.FLYAI_DEBUG === "1" || argv.includes("--debug");
  let context: Context | undefined;
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
    if (command.offline) allowOnly(args, command.name, ["debug", "help", ...command.options]);
    await command.run(args, io, async () => {
      context = await openContext(args, io);
      return context;
    });
    return EXIT.ok;
  } catch (error) {
    const userError = error instanceof CliError ? error : refusal(error, "the request");
    if (userError) {
      note(io, `error: ${userError.message}`);
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
