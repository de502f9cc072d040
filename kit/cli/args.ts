// Command-line parsing: positionals plus `--name value` / `--name=value` options and a few boolean flags. Each
// command then says which options it accepts, so a typo is an error naming the options that exist.
import { CliError } from "./errors.ts";

/** Options that take no value. */
const FLAGS = new Set(["json", "dry-run", "help", "debug", "force", "unprotected"]);

/** Options every command accepts. */
export const COMMON_OPTIONS = ["debug", "help"] as const;
/** Options of the network a command reads, and of the key that signs for it. */
export const CHAIN_OPTIONS = ["rpc", "deployment"] as const;
export const KEY_OPTIONS = ["keystore", "account"] as const;

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "-h") {
      flags.add("help");
      continue;
    }
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith("--") || token === "--") {
      positionals.push(token);
      continue;
    }
    const equals = token.indexOf("=");
    const name = equals === -1 ? token.slice(2) : token.slice(2, equals);
    if (name === "") throw new CliError(`malformed option "${token}"`);
    if (FLAGS.has(name)) {
      if (equals !== -1) throw new CliError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = token.slice(equals + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new CliError(`--${name} needs a value`, `write it as --${name} <value>`);
      }
      value = next;
      i++;
    }
    if (options.has(name)) throw new CliError(`--${name} is given twice`);
    options.set(name, value);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options, flags };
}

/** Rejects options and flags the command does not know (the runner calls it with what the command declares). */
export function allowOnly(args: ParsedArgs, command: string, allowed: readonly string[]): void {
  const known = new Set(allowed);
  for (const name of [...args.options.keys(), ...args.flags]) {
    if (!known.has(name)) {
      const listed = allowed
        .filter((option) => !["debug", "help"].includes(option))
        .map((option) => `--${option}`)
        .join(" ");
      throw new CliError(`unknown option --${name} for \`${command}\``, listed ? `it takes: ${listed}` : undefined);
    }
  }
}

/** Between `min` and `max` positionals, with a usage line when they are missing or extra (called by the runner). */
export function checkPositionals(args: ParsedArgs, usage: string, min: number, max = min): string[] {
  if (args.positionals.length < min) throw new CliError(`missing argument: usage is \`${usage}\``);
  if (args.positionals.length > max) {
    throw new CliError(`unexpected argument "${args.positionals[max]}": usage is \`${usage}\``);
  }
  return args.positionals;
}
