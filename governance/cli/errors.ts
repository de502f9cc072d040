// Two kinds of failure: a CliError is the user's to fix (bad input, wrong network, missing key, a proposal in the
// wrong state, a contract that refused) and prints as one line plus a hint, exit code 2; anything else is a bug or
// an outage and prints as "unexpected error", exit code 1 (with the stack only under --debug).
import * as bindings from "@flyaimusic/bindings";
import { type ErrorDescription, Interface, isHexString } from "ethers";
import { formatMint } from "./format.ts";
import { proposalStateName } from "./states.ts";

export class CliError extends Error {
  /** One line telling the user what to do next. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = "CliError";
    this.hint = hint;
  }
}

/** Every custom error the generated bindings know, plus Solidity's built-in Error(string) and Panic(uint256). */
const errorInterfaces: Interface[] = (() => {
  const found: Interface[] = [Interface.from(["error Error(string)", "error Panic(uint256)"])];
  for (const [name, value] of Object.entries(bindings)) {
    const factory = value as { createInterface?: () => Interface };
    if (name.endsWith("__factory") && typeof factory.createInterface === "function") {
      found.push(factory.createInterface());
    }
  }
  return found;
})();

/** The revert data somewhere inside an error from ethers, Hardhat or a JSON-RPC node, if any. */
export function findRevertData(error: unknown, depth = 0): string | undefined {
  if (depth > 6 || error === null || typeof error !== "object") return undefined;
  const record = error as Record<string, unknown>;
  for (const key of ["data", "revert"]) {
    const value = record[key];
    if (typeof value === "string" && isHexString(value) && value.length >= 10) return value;
    if (value && typeof value === "object") {
      const nested = (value as Record<string, unknown>).data;
      if (typeof nested === "string" && isHexString(nested) && nested.length >= 10) return nested;
    }
  }
  for (const key of ["error", "info", "cause", "data"]) {
    const found = findRevertData(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

export interface DecodedRevert {
  name: string;
  args: { name: string; value: unknown }[];
}

export function decodeRevertData(data: string): DecodedRevert | undefined {
  for (const iface of errorInterfaces) {
    let parsed: ErrorDescription | null = null;
    try {
      parsed = iface.parseError(data);
    } catch {
      parsed = null;
    }
    if (parsed) {
      return {
        name: parsed.name,
        args: parsed.fragment.inputs.map((input, i) => ({ name: input.name || `arg${i}`, value: parsed.args[i] })),
      };
    }
  }
  return undefined;
}

const mint = (value: unknown) => formatMint(value as bigint);

/** Plain-language readings of the errors a governance user meets most. */
const EXPLANATIONS: Record<string, (a: Record<string, unknown>) => string> = {
  GovernorInsufficientProposerVotes: (a) =>
    `${a.proposer} has ${mint(a.votes)} of votes, below the proposal threshold of ${mint(a.threshold)}`,
  GovernorRestrictedProposer: (a) =>
    `the description must end with "#proposer=${a.proposer}" (the governor binds every proposal to its proposer)`,
  GovernorAlreadyCastVote: (a) => `${a.voter} has already voted on this proposal`,
  GovernorUnexpectedProposalState: (a) => {
    const expected = BigInt(a.expectedStates as string);
    const names = [0, 1, 2, 3, 4, 5, 6, 7].filter((s) => (expected >> BigInt(s)) & 1n).map(proposalStateName);
    return `the proposal is ${proposalStateName(Number(a.current))}; this needs it to be ${names.join(" or ") || "in another state"}`;
  },
  GovernorNonexistentProposal: (a) => `there is no proposal ${a.proposalId}`,
  GovernorOnlyExecutor: (a) => `${a.account} is not the governance executor (the timelock)`,
  OwnableUnauthorizedAccount: (a) => `${a.account} is not the owner (the timelock owns every parameter)`,
  TimelockUnexpectedOperationState: () =>
    "the timelock operation is not ready (not queued, or its delay has not passed)",
  TimelockUnexecutedPredecessor: (a) => `the timelock operation waits for ${a.predecessorId} to execute first`,
  TimelockInsufficientDelay: (a) => `the timelock delay ${a.delay} s is below its minimum of ${a.minDelay} s`,
  ERC20InsufficientBalance: (a) => `${a.sender} holds ${mint(a.balance)}, less than the ${mint(a.needed)} it sends`,
  ERC5805FutureLookup: () => "that time point is not in the past yet",
  Error: (a) => String(a.reason ?? a.arg0),
};

export function describeRevert(decoded: DecodedRevert): string {
  const named = Object.fromEntries(decoded.args.map((arg) => [arg.name, arg.value]));
  const signature = `${decoded.name}(${decoded.args.map((arg) => `${arg.name}: ${String(arg.value)}`).join(", ")})`;
  const explain = EXPLANATIONS[decoded.name];
  return explain ? `${explain(named)} [${signature}]` : signature;
}

/** A CliError for a contract or node that refused a call or transaction; undefined when `error` is no refusal. */
export function refusal(error: unknown, what: string): CliError | undefined {
  if (error instanceof CliError) return error;
  const data = findRevertData(error);
  if (data) {
    const decoded = decodeRevertData(data);
    const reason = decoded ? describeRevert(decoded) : `unknown revert data ${data.slice(0, 74)}`;
    return new CliError(`${what} was refused: ${reason}`);
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
