// Proposals as the chain knows them: the governor stores only hashes, so targets, values, calldatas and the
// description come back from its ProposalCreated events (read in chunks from the governor's deployment block).
// Actions are decoded against the ABIs of the deployment's own contracts.
import type { Deployment } from "@flyaimusic/bindings";
import { getAddress, type Interface, id as keccakText, type Log, type Result } from "ethers";
import type { Context } from "./context.ts";
import { chunkedLogs } from "@flyaimusic/kit/logs.ts";
import { CliError } from "./errors.ts";
import { formatDuration, formatEth } from "@flyaimusic/kit/format.ts";
import { type ProposalStateName, proposalStateName } from "../proposals/states.ts";
import { type Action, bindingInterface } from "../proposals/templates.ts";

export interface ProposalRecord {
  id: bigint;
  proposer: string;
  actions: Action[];
  /** The original deadline; late quorum can extend it (see `proposalDeadline`). */
  voteStart: bigint;
  voteEnd: bigint;
  description: string;
  descriptionHash: string;
  blockNumber: number;
  transactionHash: string;
}

/** A proposal id as typed: decimal (as Tally and the events show it) or 0x hex. */
export function parseProposalId(text: string | undefined): bigint {
  if (text === undefined) throw new CliError("missing proposal id", "`npm run gov -- list` shows the proposals");
  const cleaned = text.trim();
  if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(cleaned)) {
    throw new CliError(`"${text}" is not a proposal id (a decimal number, as \`list\` prints it)`);
  }
  const value = BigInt(cleaned);
  if (value >= 2n ** 256n) throw new CliError(`"${text}" is not a proposal id (too large)`);
  return value;
}

/** The title a description starts with: its first non-empty line without markdown heading marks. */
export function titleOf(description: string): string {
  const first = withoutProposerSuffix(description)
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.length > 0);
  return (first ?? "(no description)").replace(/^#+\s*/, "");
}

export function withoutProposerSuffix(description: string): string {
  return description.replace(/\s*#proposer=0x[0-9a-fA-F]{40}$/, "");
}

function recordFrom(iface: Interface, log: Log): ProposalRecord {
  const parsed = iface.parseLog(log);
  if (!parsed) throw new Error(`log ${log.transactionHash}:${log.index} is not a ProposalCreated event`);
  // By position: a Result is an Array, so `args.values` would be Array.prototype.values.
  const [proposalId, proposer, targets, values, , calldatas, voteStart, voteEnd, description] = parsed.args;
  const amounts = (values as Result).toArray() as bigint[];
  const datas = (calldatas as Result).toArray() as string[];
  return {
    id: proposalId as bigint,
    proposer: proposer as string,
    actions: ((targets as Result).toArray() as string[]).map((target, i) => ({
      target,
      value: amounts[i],
      data: datas[i],
    })),
    voteStart: voteStart as bigint,
    voteEnd: voteEnd as bigint,
    description: description as string,
    descriptionHash: keccakText(description as string),
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  };
}

/** Every proposal ever created on this governor, oldest first. */
export async function allProposals(ctx: Context): Promise<ProposalRecord[]> {
  const event = ctx.governor.interface.getEvent("ProposalCreated");
  const logs = await chunkedLogs(
    ctx,
    ctx.deployment.contracts.FlyGovernor.address,
    event.topicHash,
    ctx.deployment.contracts.FlyGovernor.blockNumber ?? 0,
  );
  return logs.map((log) => recordFrom(ctx.governor.interface, log));
}

/** Throws the CliError for an id the governor does not know. */
export async function assertExists(ctx: Context, id: bigint): Promise<void> {
  if ((await ctx.governor.proposalSnapshot(id)) === 0n) {
    throw new CliError(
      `no proposal ${id} on chain ${ctx.chainId}`,
      `\`npm run gov -- list${ctx.networkFlags}\` shows the proposals`,
    );
  }
}

export async function findProposal(ctx: Context, id: bigint): Promise<ProposalRecord> {
  await assertExists(ctx, id);
  const found = (await allProposals(ctx)).find((record) => record.id === id);
  if (!found) {
    throw new CliError(
      `proposal ${id} exists but its ProposalCreated event was not found after block ${ctx.deployment.contracts.FlyGovernor.blockNumber}`,
      "the node may have pruned old logs; use an archive RPC endpoint",
    );
  }
  return found;
}

export interface ProposalStatus {
  state: ProposalStateName | `Unknown(${string})`;
  snapshot: bigint;
  deadline: bigint;
  eta: bigint;
  proposer: string;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Votes needed (for + abstain); `quorumFinal` is false while the snapshot is in the future (an estimate then). */
  quorum: bigint;
  quorumFinal: boolean;
}

export async function proposalStatus(ctx: Context, id: bigint): Promise<ProposalStatus> {
  await assertExists(ctx, id);
  const g = ctx.governor;
  const [state, snapshot, deadline, eta, proposer, tally, now] = await Promise.all([
    g.state(id),
    g.proposalSnapshot(id),
    g.proposalDeadline(id),
    g.proposalEta(id),
    g.proposalProposer(id),
    g.proposalVotes(id),
    ctx.provider.getBlock("latest").then((block) => block?.timestamp ?? 0),
  ]);
  let quorum: bigint;
  let quorumFinal = true;
  try {
    if (snapshot >= BigInt(now)) throw new Error("snapshot in the future");
    quorum = await g.quorum(snapshot);
  } catch {
    // The snapshot's supply is not readable yet: estimate from today's supply and numerator.
    quorumFinal = false;
    const [supply, numerator, denominator] = await Promise.all([
      ctx.token.totalSupply(),
      g["quorumNumerator()"](),
      g.quorumDenominator(),
    ]);
    quorum = (supply * numerator) / denominator;
  }
  return {
    state: proposalStateName(state),
    snapshot,
    deadline,
    eta,
    proposer,
    votes: { against: tally.againstVotes, for: tally.forVotes, abstain: tally.abstainVotes },
    quorum,
    quorumFinal,
  };
}

// ---------------------------------------------------------------- decoding actions

export interface DecodedArg {
  name: string;
  type: string;
  value: string;
}

export interface DecodedAction {
  target: string;
  /** The deployment's name for the target, when it is one of its contracts. */
  contract?: string;
  value: bigint;
  data: string;
  /** The decoded call, when the target's ABI knows the selector. */
  call?: { name: string; signature: string; args: DecodedArg[] };
}

function knownContracts(deployment: Deployment): Map<string, { name: string; iface?: Interface }> {
  const known = new Map<string, { name: string; iface?: Interface }>();
  for (const [name, contract] of Object.entries(deployment.contracts)) {
    known.set(getAddress(contract.address), { name, iface: bindingInterface(name) });
  }
  return known;
}

function showArg(value: unknown, type: string, name: string, names: Map<string, { name: string }>): string {
  if (Array.isArray(value))
    return `[${value.map((item) => showArg(item, type.replace(/\[\d*\]$/, ""), name, names)).join(", ")}]`;
  if (type === "address") {
    const address = getAddress(value as string);
    const label = names.get(address)?.name;
    return label ? `${address} (${label})` : address;
  }
  if (typeof value === "bigint") {
    if (/delay|period|extension|duration/i.test(name)) return `${value} (${formatDuration(value)})`;
    if (value >= 10n ** 15n) return `${value} (${formatEth(value).replace(/ ETH$/, "")} × 1e18)`;
    return String(value);
  }
  if (typeof value === "string" && type === "string") return JSON.stringify(value);
  return String(value);
}

export function decodeAction(deployment: Deployment, action: Action): DecodedAction {
  const known = knownContracts(deployment);
  const target = getAddress(action.target);
  const entry = known.get(target);
  const decoded: DecodedAction = { target, contract: entry?.name, value: action.value, data: action.data };
  if (entry?.iface && action.data.length >= 10) {
    try {
      const parsed = entry.iface.parseTransaction({ data: action.data, value: action.value });
      if (parsed) {
        decoded.call = {
          name: parsed.name,
          signature: parsed.signature,
          args: parsed.fragment.inputs.map((input, i) => ({
            name: input.name || `arg${i}`,
            type: input.type,
            value: showArg(parsed.args[i], input.type, input.name, known),
          })),
        };
      }
    } catch {
      // unknown selector or malformed calldata: shown raw
    }
  }
  return decoded;
}

/** One action as a line (or a few): `FlyGovernor.setVotingDelay(newVotingDelay: 3600 (1 h))`. */
export function describeAction(action: DecodedAction): string {
  const where = action.contract ? `${action.contract}` : action.target;
  const value = action.value > 0n ? ` sending ${formatEth(action.value)}` : "";
  if (action.call) {
    const args = action.call.args.map((arg) => `${arg.name}: ${arg.value}`).join(", ");
    return `${where}.${action.call.name}(${args})${value}${action.contract ? `\n  at ${action.target}` : ""}`;
  }
  if (action.data === "0x")
    return `transfer ${formatEth(action.value)} to ${action.target}${action.contract ? ` (${action.contract})` : ""}`;
  const label = action.contract
    ? `${action.contract} at ${action.target}`
    : `${action.target} (not a deployment contract)`;
  return `call ${label}${value}\n  raw calldata ${action.data}`;
}

export function formatActions(deployment: Deployment, actions: Action[]): string {
  return actions.map((action, i) => `${i + 1}. ${describeAction(decodeAction(deployment, action))}`).join("\n");
}
