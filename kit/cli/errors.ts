// Two kinds of failure: a CliError is the user's to fix (bad input, wrong network, missing key, a proposal in the
// wrong state, a contract that refused) and prints as one line plus a hint, exit code 2; anything else is a bug or
// an outage and prints as "unexpected error", exit code 1 (with the stack only under --debug).
import { type DecodedRevert, describeRevert, type Explanations, findRevertData, decodeRevertData } from "../revert.ts";
import { UserError } from "../user-error.ts";

/** A UserError raised by the command-line layer (parsing, options, keys, the chain context). */
export class CliError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = "CliError";
  }
}

/** A contract that refused a call or transaction with a custom error; the runner reads it out with the program's
 * own explanations (`Program.explanations`), so `send` need not know which program it runs in. */
export class ContractRefusal extends CliError {
  readonly what: string;
  readonly decoded: DecodedRevert;

  constructor(what: string, decoded: DecodedRevert, explanations?: Explanations) {
    super(ContractRefusal.text(what, decoded, explanations));
    this.name = "ContractRefusal";
    this.what = what;
    this.decoded = decoded;
  }

  static text(what: string, decoded: DecodedRevert, explanations?: Explanations): string {
    return `${what} was refused: ${describeRevert(decoded, explanations)}`;
  }

  /** The message as `explanations` read it. */
  explainedBy(explanations: Explanations | undefined): string {
    return ContractRefusal.text(this.what, this.decoded, explanations);
  }
}

/** A CliError for a contract or node that refused a call or transaction; undefined when `error` is no refusal. */
export function refusal(error: unknown, what: string, explanations?: Explanations): UserError | undefined {
  if (error instanceof UserError) return error;
  const data = findRevertData(error);
  if (data) {
    const decoded = decodeRevertData(data);
    if (decoded) return new ContractRefusal(what, decoded, explanations);
    return new CliError(`${what} was refused: unknown revert data ${data.slice(0, 74)}`);
  }
  const code = (error as { code?: string } | null)?.code;
  const message = String((error as { shortMessage?: string; message?: string })?.shortMessage ?? "");
  if (code === "CALL_EXCEPTION") return new CliError(`${what} was refused: the call reverted without a reason`);
  if (code === "INSUFFICIENT_FUNDS" || /insufficient funds/i.test(message)) {
    return new CliError(`${what} failed: the sending account has not enough ETH for gas`);
  }
  if (code === "NONCE_EXPIRED" || /nonce too low/i.test(message)) {
    return new CliError(`${what} failed: nonce too low (another transaction from this key got there first); retry`);
  }
  return undefined;
}

/** Runs a transaction or call, turning a refusal into a readable CliError. */
export async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw refusal(error, what) ?? error;
  }
}
