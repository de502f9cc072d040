// Named proposal templates: each turns a few checked arguments into the actions (target, value, calldata) the
// timelock will run, and reads a proposal's actions back into the template and arguments that make them. One
// registry for the CLI and the web app, so this module imports nothing of node and nothing of a CLI. Later areas
// register their own templates here (see `registerTemplate`); a template whose contracts are not on the chain yet
// says so instead of building something that cannot execute.

import type { Deployment } from "@flyaimusic/bindings";
import * as bindings from "@flyaimusic/bindings/contracts";
import {
  type FlyGovernor,
  FlyGovernor__factory,
  FlyTimelock__factory,
  type MintToken,
  MintToken__factory,
} from "@flyaimusic/bindings/contracts";
import { formatDuration, formatEth, formatMint } from "@flyaimusic/kit/format.ts";
import { ARG_TYPES, type ArgType, type ArgTypeName, type ArgValue } from "@flyaimusic/kit/units.ts";
import { UserError } from "@flyaimusic/kit/user-error.ts";
import { getAddress, type Interface, type Provider } from "ethers";

// ---------------------------------------------------------------- template arguments

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
  /** The actions; throws a UserError when the deployment lacks what the template needs. */
  build(deployment: Deployment, values: TemplateValues): Action[];
  /** The values whose `build` gives these actions, or undefined when the actions are not this template's. */
  decode(deployment: Deployment, actions: readonly Action[]): TemplateValues | undefined;
  /**
   * Optional checks against the chain as it is now: throws a UserError for a proposal that could never execute,
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
  throw new UserError(
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

/** The template and values that build exactly these actions on this deployment, if a registered template does. */
export function decodeActions(
  deployment: Deployment,
  actions: readonly Action[],
): { template: Template; values: TemplateValues } | undefined {
  for (const template of registry.values()) {
    const values = template.decode(deployment, actions);
    if (!values) continue;
    let rebuilt: Action[];
    try {
      rebuilt = template.build(deployment, values);
    } catch {
      continue;
    }
    if (sameActions(rebuilt, actions)) return { template, values };
  }
  return undefined;
}

function sameActions(a: readonly Action[], b: readonly Action[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (action, i) =>
        sameAddress(action.target, b[i].target) &&
        action.value === b[i].value &&
        action.data.toLowerCase() === b[i].data.toLowerCase(),
    )
  );
}

function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** A decoded argument as the argument types parse it: checksummed addresses, lower-case hex, bigints. */
function asArgValue(value: unknown): ArgValue {
  if (typeof value === "bigint") return value;
  const text = String(value);
  return /^0x[0-9a-fA-F]{40}$/.test(text) ? getAddress(text) : text.toLowerCase();
}

/** The function `data` calls on `iface`, if it calls one of `fn`'s name or signature. */
function parseCall(iface: Interface, data: string, fn: string): unknown[] | undefined {
  let parsed;
  try {
    parsed = iface.parseTransaction({ data });
  } catch {
    return undefined;
  }
  if (!parsed || (parsed.name !== fn && parsed.signature !== fn)) return undefined;
  return parsed.args.toArray();
}

/** `build` and `decode` of a template that is one call of a deployment contract, its arguments in order. */
function contractCall(
  contract: string,
  iface: Interface,
  fn: string,
  argNames: string[],
): Pick<Template, "build" | "decode"> {
  return {
    build: (d, v) => [
      {
        target: d.contracts[contract].address,
        value: 0n,
        data: iface.encodeFunctionData(
          fn,
          argNames.map((name) => v[name]),
        ),
      },
    ],
    decode(d, actions) {
      if (actions.length !== 1 || actions[0].value !== 0n) return undefined;
      if (!sameAddress(actions[0].target, d.contracts[contract]?.address)) return undefined;
      const args = parseCall(iface, actions[0].data, fn);
      return args && Object.fromEntries(argNames.map((name, i) => [name, asArgValue(args[i])]));
    },
  };
}

/** Reads and checks the template's options; every problem is a UserError naming the option. */
export function parseTemplateValues(template: Template, options: ReadonlyMap<string, string>): TemplateValues {
  const values: TemplateValues = {};
  for (const arg of template.args) {
    const text = options.get(arg.name);
    const type: ArgType = ARG_TYPES[arg.type];
    if (text === undefined) {
      throw new UserError(
        `missing argument --${arg.name} for template ${template.name}`,
        `usage: ${usageOf(template)}`,
      );
    }
    let value: ArgValue;
    try {
      value = type.parse(text);
    } catch (error) {
      throw new UserError(`--${arg.name}: ${(error as Error).message}`, `--${arg.name} is ${arg.description}`);
    }
    if (typeof value === "bigint") {
      if (arg.min !== undefined && value < arg.min) {
        throw new UserError(`--${arg.name}: ${type.show(value)} is below the minimum of ${type.show(arg.min)}`);
      }
      if (arg.max !== undefined && value > arg.max) {
        throw new UserError(`--${arg.name}: ${type.show(value)} is above the maximum of ${type.show(arg.max)}`);
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

const governorCall = (fn: string, args: string[]) => contractCall("FlyGovernor", governor, fn, args);

// Governor settings: the governor only accepts them from its executor (the timelock), which runs them on execute.
registerTemplate({
  name: "set-voting-delay",
  summary: "Set the time from a proposal to its vote snapshot (governor.setVotingDelay)",
  args: [{ name: "seconds", type: "seconds", description: "the new voting delay", max: UINT48_MAX }],
  title: (v) => `Set the voting delay to ${formatDuration(v.seconds as bigint)}`,
  ...governorCall("setVotingDelay", ["seconds"]),
});

registerTemplate({
  name: "set-voting-period",
  summary: "Set how long voting lasts (governor.setVotingPeriod)",
  args: [{ name: "seconds", type: "seconds", description: "the new voting period", min: 1n, max: UINT32_MAX }],
  title: (v) => `Set the voting period to ${formatDuration(v.seconds as bigint)}`,
  ...governorCall("setVotingPeriod", ["seconds"]),
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
  ...governorCall("setProposalThreshold", ["mint"]),
});

registerTemplate({
  name: "set-quorum",
  summary: "Set the quorum as a percent of MINT supply at the snapshot (governor.updateQuorumNumerator)",
  args: [{ name: "percent", type: "percent", description: "the new quorum, 1 to 100 percent", min: 1n, max: 100n }],
  title: (v) => `Set the quorum to ${v.percent}% of supply`,
  ...governorCall("updateQuorumNumerator", ["percent"]),
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
  ...governorCall("setLateQuorumVoteExtension", ["seconds"]),
  async check({ governor }, v) {
    const period = await governor.votingPeriod();
    if ((v.seconds as bigint) > period) {
      throw new UserError(
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
  ...contractCall("FlyTimelock", timelock, "updateDelay", ["seconds"]),
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
  ...contractCall("MintToken", token, "setEmissionsBudget", ["minter", "mint"]),
});

registerTemplate({
  name: "treasury-transfer-mint",
  summary: "Send MINT from the treasury (MintToken.transfer run by the timelock)",
  args: [
    { name: "to", type: "address", description: "the recipient" },
    { name: "mint", type: "mint", description: "the amount in whole MINT", min: 1n },
  ],
  title: (v) => `Send ${formatMint(v.mint as bigint)} from the treasury to ${v.to}`,
  ...contractCall("MintToken", token, "transfer", ["to", "mint"]),
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
  decode: (_d, actions) =>
    actions.length === 1 && actions[0].data === "0x" && actions[0].value > 0n
      ? { to: getAddress(actions[0].target), eth: actions[0].value }
      : undefined,
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
    if (deployed.length === 0) throw new UserError(`no fee contracts are deployed on chain ${d.chainId}`);
    const fee = FEES[v.fee as string];
    if (!fee || !d.contracts[fee.contract]) {
      throw new UserError(
        `unknown fee "${v.fee}"`,
        `fees on chain ${d.chainId}: ${deployed.map(([n]) => n).join(", ")}`,
      );
    }
    if ((v.bps as bigint) > fee.maxBps) {
      throw new UserError(`--bps: ${v.bps} is above the ${v.fee} fee's cap of ${fee.maxBps} bps`);
    }
    const iface = bindingInterface(fee.contract);
    if (!iface?.getFunction(fee.setter)) {
      throw new UserError(`the ${fee.contract} binding has no ${fee.setter}; regenerate bindings (npm run compile)`);
    }
    return [
      { target: d.contracts[fee.contract].address, value: 0n, data: iface.encodeFunctionData(fee.setter, [v.bps]) },
    ];
  },
  decode(d, actions) {
    if (actions.length !== 1) return undefined;
    for (const [name, fee] of Object.entries(FEES)) {
      const iface = bindingInterface(fee.contract);
      if (!iface || !sameAddress(actions[0].target, d.contracts[fee.contract]?.address)) continue;
      const args = parseCall(iface, actions[0].data, fee.setter);
      if (args) return { fee: name, bps: asArgValue(args[0]) };
    }
    return undefined;
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
      throw new UserError(
        `bridge contracts are not deployed on chain ${d.chainId} (the LayerZero adapters arrive with the bridge)`,
      );
    }
    const name = v.contract as string;
    if (!bridges.includes(name)) {
      throw new UserError(
        `"${name}" is not a bridge contract on chain ${d.chainId}`,
        `bridge contracts: ${bridges.join(", ")}`,
      );
    }
    return contractCall(name, bindingInterface(name) as Interface, "setPeer(uint32,bytes32)", ["eid", "peer"]).build(
      d,
      v,
    );
  },
  decode(d, actions) {
    const name = bridgeContracts(d).find((bridge) => sameAddress(actions[0]?.target, d.contracts[bridge].address));
    if (!name) return undefined;
    const call = contractCall(name, bindingInterface(name) as Interface, "setPeer(uint32,bytes32)", ["eid", "peer"]);
    const values = call.decode(d, actions);
    return values && { contract: name, ...values };
  },
});
