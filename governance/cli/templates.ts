// Named proposal templates: each turns a few checked arguments into the actions (target, value, calldata) the
// timelock will run. Later areas register their own templates here (see `registerTemplate`); a template whose
// contracts are not on the chain yet says so instead of building something that cannot execute.

import * as bindings from "@flyaimusic/bindings";
import {
  type Deployment,
  type FlyGovernor,
  FlyGovernor__factory,
  FlyTimelock__factory,
  type MintToken,
  MintToken__factory,
} from "@flyaimusic/bindings";
import { getAddress, type Interface, isHexString, type Provider, parseUnits, zeroPadValue } from "ethers";
import { CliError } from "./errors.ts";
import { formatDuration, formatEth, formatMint } from "./format.ts";

// ---------------------------------------------------------------- argument types

export type ArgValue = bigint | string;

export interface ArgType {
  /** How the value is written in usage lines, e.g. "<seconds>". */
  placeholder: string;
  /** Parses and checks the text; throws a message (no option name) when it is not acceptable. */
  parse(text: string): ArgValue;
  /** The parsed value for a title or a preview. */
  show(value: ArgValue): string;
}

function wholeNumber(text: string, what: string): bigint {
  const cleaned = text.replace(/[_,]/g, "");
  if (!/^\d+$/.test(cleaned)) throw new Error(`"${text}" is not ${what}`);
  return BigInt(cleaned);
}

function decimalUnits(text: string, what: string): bigint {
  const cleaned = text.replace(/[_,]/g, "");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) throw new Error(`"${text}" is not ${what}`);
  try {
    return parseUnits(cleaned, 18);
  } catch {
    throw new Error(`"${text}" has more than 18 decimals`);
  }
}

const DURATION_UNITS: Record<string, bigint> = { s: 1n, m: 60n, min: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

export const ARG_TYPES = {
  seconds: {
    placeholder: "<seconds>",
    parse(text: string) {
      const match = /^(\d[\d_]*)\s*(s|m|min|h|d|w)?$/.exec(text.trim());
      if (!match) throw new Error(`"${text}" is not a duration (write seconds, or e.g. 90m, 2h, 1d)`);
      return BigInt(match[1].replace(/_/g, "")) * DURATION_UNITS[match[2] ?? "s"];
    },
    show: (value: ArgValue) => `${value} s (${formatDuration(value as bigint)})`,
  },
  mint: {
    placeholder: "<MINT>",
    parse: (text: string) => decimalUnits(text, "an amount of MINT (whole tokens, e.g. 250000 or 1.5)"),
    show: (value: ArgValue) => formatMint(value as bigint),
  },
  eth: {
    placeholder: "<ETH>",
    parse: (text: string) => decimalUnits(text, "an amount of ETH (e.g. 1.5)"),
    show: (value: ArgValue) => formatEth(value as bigint),
  },
  percent: {
    placeholder: "<percent>",
    parse: (text: string) => wholeNumber(text.replace(/%$/, ""), "a whole percent (e.g. 4)"),
    show: (value: ArgValue) => `${value}%`,
  },
  bps: {
    placeholder: "<basis points>",
    parse: (text: string) => wholeNumber(text, "a whole number of basis points (100 = 1%)"),
    show: (value: ArgValue) => `${value} bps (${Number(value) / 100}%)`,
  },
  uint: {
    placeholder: "<number>",
    parse: (text: string) => wholeNumber(text, "a whole number"),
    show: (value: ArgValue) => String(value),
  },
  address: {
    placeholder: "<address>",
    parse(text: string) {
      if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw new Error(`"${text}" is not an address (0x and 40 hex digits)`);
      try {
        return getAddress(text);
      } catch {
        throw new Error(`"${text}" has a wrong checksum (mixed case must match EIP-55; or write it all lower case)`);
      }
    },
    show: (value: ArgValue) => String(value),
  },
  name: {
    placeholder: "<name>",
    parse(text: string) {
      if (!/^[A-Za-z][\w-]*$/.test(text)) throw new Error(`"${text}" is not a name`);
      return text;
    },
    show: (value: ArgValue) => String(value),
  },
  peer: {
    placeholder: "<address|bytes32>",
    parse(text: string) {
      if (isHexString(text, 32)) return text.toLowerCase();
      if (isHexString(text, 20)) return zeroPadValue(getAddress(text), 32).toLowerCase();
      throw new Error(`"${text}" is neither an address nor a 32-byte hex value`);
    },
    show: (value: ArgValue) => String(value),
  },
} satisfies Record<string, ArgType>;

export type ArgTypeName = keyof typeof ARG_TYPES;

export interface TemplateArg {
  name: string;
  type: ArgTypeName;
  description: string;
  /** Inclusive bounds for numeric types, in the parsed unit (seconds, token units, percent ...). */
  min?: bigint;
  max?: bigint;
}

// ---------------------------------------------------------------- templates

export interface Action {
  target: string;
  /** Wei the timelock sends with the call, out of its own balance. */
  value: bigint;
  data: string;
}

export type TemplateValues = Record<string, ArgValue>;

/** What a template's `check` may read. */
export interface TemplateChain {
  deployment: Deployment;
  provider: Provider;
  governor: FlyGovernor;
  token: MintToken;
}

export interface Template {
  name: string;
  /** One line: what a passed proposal changes. */
  summary: string;
  args: TemplateArg[];
  /** The default proposal title. */
  title(values: TemplateValues): string;
  /** The actions; throws a CliError when the deployment lacks what the template needs. */
  build(deployment: Deployment, values: TemplateValues): Action[];
  /**
   * Optional checks against the chain as it is now: throws a CliError for a proposal that could never execute,
   * returns warnings for one that might not (state can change before execution).
   */
  check?(chain: TemplateChain, values: TemplateValues): Promise<string[]>;
}

const registry = new Map<string, Template>();

/** Adds a template (later areas call this for their own parameters). */
export function registerTemplate(template: Template): void {
  if (registry.has(template.name)) throw new Error(`template ${template.name} is registered twice`);
  registry.set(template.name, template);
}

export function templates(): Template[] {
  return [...registry.values()];
}

export function getTemplate(name: string): Template {
  const template = registry.get(name);
  if (template) return template;
  const names = [...registry.keys()];
  const nearest = names.filter((known) => editDistance(known, name) <= 3);
  const words = name.split("-").filter((word) => word.length > 2 && word !== "set");
  const close = nearest.length > 0 ? nearest : names.filter((known) => words.some((word) => known.includes(word)));
  throw new CliError(
    `unknown template "${name}"`,
    `${close.length ? `did you mean ${close.join(" or ")}? ` : ""}\`npm run gov -- templates\` lists them`,
  );
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Reads and checks the template's options; every problem is a CliError naming the option. */
export function parseTemplateValues(template: Template, options: Map<string, string>): TemplateValues {
  const values: TemplateValues = {};
  for (const arg of template.args) {
    const text = options.get(arg.name);
    const type: ArgType = ARG_TYPES[arg.type];
    if (text === undefined) {
      throw new CliError(`missing argument --${arg.name} for template ${template.name}`, `usage: ${usageOf(template)}`);
    }
    let value: ArgValue;
    try {
      value = type.parse(text);
    } catch (error) {
      throw new CliError(`--${arg.name}: ${(error as Error).message}`, `--${arg.name} is ${arg.description}`);
    }
    if (typeof value === "bigint") {
      if (arg.min !== undefined && value < arg.min) {
        throw new CliError(`--${arg.name}: ${type.show(value)} is below the minimum of ${type.show(arg.min)}`);
      }
      if (arg.max !== undefined && value > arg.max) {
        throw new CliError(`--${arg.name}: ${type.show(value)} is above the maximum of ${type.show(arg.max)}`);
      }
    }
    values[arg.name] = value;
  }
  return values;
}

export function usageOf(template: Template): string {
  const args = template.args.map((arg) => `--${arg.name} ${ARG_TYPES[arg.type].placeholder}`).join(" ");
  return `propose ${template.name}${args ? ` ${args}` : ""}`;
}

const UINT32_MAX = 2n ** 32n - 1n;
const UINT48_MAX = 2n ** 48n - 1n;

// Plain `Interface` types: the typed ones only accept literal function names.
const governor: Interface = FlyGovernor__factory.createInterface();
const timelock: Interface = FlyTimelock__factory.createInterface();
const token: Interface = MintToken__factory.createInterface();

const governorCall = (d: Deployment, fn: string, args: unknown[]): Action => ({
  target: d.contracts.FlyGovernor.address,
  value: 0n,
  data: governor.encodeFunctionData(fn, args),
});

// Governor settings: the governor only accepts them from its executor (the timelock), which runs them on execute.
registerTemplate({
  name: "set-voting-delay",
  summary: "Set the time from a proposal to its vote snapshot (governor.setVotingDelay)",
  args: [{ name: "seconds", type: "seconds", description: "the new voting delay", max: UINT48_MAX }],
  title: (v) => `Set the voting delay to ${formatDuration(v.seconds as bigint)}`,
  build: (d, v) => [governorCall(d, "setVotingDelay", [v.seconds])],
});

registerTemplate({
  name: "set-voting-period",
  summary: "Set how long voting lasts (governor.setVotingPeriod)",
  args: [{ name: "seconds", type: "seconds", description: "the new voting period", min: 1n, max: UINT32_MAX }],
  title: (v) => `Set the voting period to ${formatDuration(v.seconds as bigint)}`,
  build: (d, v) => [governorCall(d, "setVotingPeriod", [v.seconds])],
  async check({ governor }, v) {
    const extension = await governor.lateQuorumVoteExtension();
    return (v.seconds as bigint) < extension
      ? [`the late-quorum extension (${formatDuration(extension)}) would be longer than the voting period`]
      : [];
  },
});

registerTemplate({
  name: "set-proposal-threshold",
  summary: "Set the votes an account needs to propose (governor.setProposalThreshold)",
  args: [{ name: "mint", type: "mint", description: "the new threshold in whole MINT" }],
  title: (v) => `Set the proposal threshold to ${formatMint(v.mint as bigint)}`,
  build: (d, v) => [governorCall(d, "setProposalThreshold", [v.mint])],
});

registerTemplate({
  name: "set-quorum",
  summary: "Set the quorum as a percent of MINT supply at the snapshot (governor.updateQuorumNumerator)",
  args: [{ name: "percent", type: "percent", description: "the new quorum, 1 to 100 percent", min: 1n, max: 100n }],
  title: (v) => `Set the quorum to ${v.percent}% of supply`,
  build: (d, v) => [governorCall(d, "updateQuorumNumerator", [v.percent])],
});

registerTemplate({
  name: "set-late-quorum-extension",
  summary: "Set how long voting is extended when quorum is reached late (governor.setLateQuorumVoteExtension)",
  args: [
    {
      name: "seconds",
      type: "seconds",
      description: "the new extension (at most the voting period)",
      max: UINT48_MAX,
    },
  ],
  title: (v) => `Set the late-quorum extension to ${formatDuration(v.seconds as bigint)}`,
  build: (d, v) => [governorCall(d, "setLateQuorumVoteExtension", [v.seconds])],
  async check({ governor }, v) {
    const period = await governor.votingPeriod();
    if ((v.seconds as bigint) > period) {
      throw new CliError(
        `--seconds: the extension cannot exceed the voting period (${formatDuration(period)}); the governor would refuse it on execute`,
        "propose set-voting-period first, or a shorter extension",
      );
    }
    return [];
  },
});

registerTemplate({
  name: "set-timelock-delay",
  summary: "Set the timelock's minimum delay between queue and execute (timelock.updateDelay, run by the timelock)",
  args: [{ name: "seconds", type: "seconds", description: "the new minimum delay" }],
  title: (v) => `Set the timelock delay to ${formatDuration(v.seconds as bigint)}`,
  build: (d, v) => [
    {
      target: d.contracts.FlyTimelock.address,
      value: 0n,
      data: timelock.encodeFunctionData("updateDelay", [v.seconds]),
    },
  ],
  check: async (_chain, v) =>
    v.seconds === 0n ? ["a zero delay lets a passed proposal execute the moment it is queued: no time to exit"] : [],
});

// Treasury and emissions: the timelock owns MINT's emissions and holds the treasury.
registerTemplate({
  name: "grant-emissions",
  summary: "Set a minter's MINT emissions budget, replacing any earlier budget (MintToken.setEmissionsBudget)",
  args: [
    { name: "minter", type: "address", description: "the contract or account that may mint" },
    { name: "mint", type: "mint", description: "its new budget in whole MINT (0 revokes)" },
  ],
  title: (v) => `Grant ${v.minter} an emissions budget of ${formatMint(v.mint as bigint)}`,
  build: (d, v) => [
    {
      target: d.contracts.MintToken.address,
      value: 0n,
      data: token.encodeFunctionData("setEmissionsBudget", [v.minter, v.mint]),
    },
  ],
});

registerTemplate({
  name: "treasury-transfer-mint",
  summary: "Send MINT from the treasury (MintToken.transfer run by the timelock)",
  args: [
    { name: "to", type: "address", description: "the recipient" },
    { name: "mint", type: "mint", description: "the amount in whole MINT", min: 1n },
  ],
  title: (v) => `Send ${formatMint(v.mint as bigint)} from the treasury to ${v.to}`,
  build: (d, v) => [
    { target: d.contracts.MintToken.address, value: 0n, data: token.encodeFunctionData("transfer", [v.to, v.mint]) },
  ],
  async check({ deployment, token }, v) {
    const balance = await token.balanceOf(deployment.contracts.FlyTimelock.address);
    return balance < (v.mint as bigint) ? [`the treasury holds only ${formatMint(balance)} today`] : [];
  },
});

registerTemplate({
  name: "treasury-transfer-eth",
  summary: "Send ETH from the treasury (a plain value transfer by the timelock)",
  args: [
    { name: "to", type: "address", description: "the recipient" },
    { name: "eth", type: "eth", description: "the amount in ETH", min: 1n },
  ],
  title: (v) => `Send ${formatEth(v.eth as bigint)} from the treasury to ${v.to}`,
  build: (_d, v) => [{ target: v.to as string, value: v.eth as bigint, data: "0x" }],
  async check({ deployment, provider }, v) {
    const balance = await provider.getBalance(deployment.contracts.FlyTimelock.address);
    return balance < (v.eth as bigint) ? [`the treasury holds only ${formatEth(balance)} today`] : [];
  },
});

// ---------------------------------------------------------------- templates for contracts later areas deploy

/** The binding interface of a deployment contract by name (`<Name>__factory` in @flyaimusic/bindings). */
export function bindingInterface(contractName: string): Interface | undefined {
  const factory = (bindings as Record<string, unknown>)[`${contractName}__factory`] as
    { createInterface?: () => Interface } | undefined;
  return typeof factory?.createInterface === "function" ? factory.createInterface() : undefined;
}

/**
 * Fee setters `set-fee` knows, by fee name: the deployment contract, its setter taking basis points, and the
 * highest rate governance may set. The music core registers its fees (marketplace, mint tiers) with its contracts.
 */
export const FEES: Record<string, { contract: string; setter: string; maxBps: bigint; summary: string }> = {
  marketplace: {
    contract: "Marketplace",
    setter: "setProtocolFee",
    maxBps: 1_000n,
    summary: "the protocol fee of fixed-price sales (SaleSettlement.MAX_PROTOCOL_FEE_BPS)",
  },
  auction: {
    contract: "DutchAuction",
    setter: "setProtocolFee",
    maxBps: 1_000n,
    summary: "the protocol fee of Dutch auction sales (SaleSettlement.MAX_PROTOCOL_FEE_BPS)",
  },
  pool: {
    contract: "PoolFactory",
    setter: "setFeeBps",
    maxBps: 100n,
    summary: "the swap fee of the pools (PoolFactory.MAX_FEE_BPS); each pool takes it on its next syncFee()",
  },
};

registerTemplate({
  name: "set-fee",
  summary: "Change a protocol fee in basis points (needs the marketplace / music core contracts)",
  args: [
    { name: "fee", type: "name", description: "which fee (the music core names them)" },
    { name: "bps", type: "bps", description: "the new rate in basis points, 100 = 1%", max: 10_000n },
  ],
  title: (v) => `Set the ${v.fee} fee to ${ARG_TYPES.bps.show(v.bps)}`,
  build(d, v) {
    const deployed = Object.entries(FEES).filter(([, fee]) => d.contracts[fee.contract]);
    if (deployed.length === 0) throw new CliError(`no fee contracts are deployed on chain ${d.chainId}`);
    const fee = FEES[v.fee as string];
    if (!fee || !d.contracts[fee.contract]) {
      throw new CliError(
        `unknown fee "${v.fee}"`,
        `fees on chain ${d.chainId}: ${deployed.map(([n]) => n).join(", ")}`,
      );
    }
    if ((v.bps as bigint) > fee.maxBps) {
      throw new CliError(`--bps: ${v.bps} is above the ${v.fee} fee's cap of ${fee.maxBps} bps`);
    }
    const iface = bindingInterface(fee.contract);
    if (!iface?.getFunction(fee.setter)) {
      throw new CliError(`the ${fee.contract} binding has no ${fee.setter}; regenerate bindings (npm run compile)`);
    }
    return [
      { target: d.contracts[fee.contract].address, value: 0n, data: iface.encodeFunctionData(fee.setter, [v.bps]) },
    ];
  },
});

/** Deployment contracts whose binding has LayerZero's OApp `setPeer(uint32,bytes32)`: the bridge adapters. */
export function bridgeContracts(d: Deployment): string[] {
  return Object.keys(d.contracts).filter((name) => bindingInterface(name)?.getFunction("setPeer(uint32,bytes32)"));
}

registerTemplate({
  name: "set-bridge-peer",
  summary: "Trust a bridge adapter's peer on another chain (LayerZero OApp.setPeer; needs the bridge contracts)",
  args: [
    { name: "contract", type: "name", description: "the bridge contract's name in the deployment" },
    { name: "eid", type: "uint", description: "the remote chain's LayerZero endpoint id", max: UINT32_MAX },
    { name: "peer", type: "peer", description: "the remote adapter's address (or bytes32 for non-EVM chains)" },
  ],
  title: (v) => `Set ${v.contract}'s peer on endpoint ${v.eid} to ${v.peer}`,
  build(d, v) {
    const bridges = bridgeContracts(d);
    if (bridges.length === 0) {
      throw new CliError(
        `bridge contracts are not deployed on chain ${d.chainId} (the LayerZero adapters arrive with the bridge)`,
      );
    }
    const name = v.contract as string;
    if (!bridges.includes(name)) {
      throw new CliError(
        `"${name}" is not a bridge contract on chain ${d.chainId}`,
        `bridge contracts: ${bridges.join(", ")}`,
      );
    }
    const iface = bindingInterface(name) as Interface;
    return [
      {
        target: d.contracts[name].address,
        value: 0n,
        data: iface.encodeFunctionData("setPeer(uint32,bytes32)", [v.eid, v.peer]),
      },
    ];
  },
});
