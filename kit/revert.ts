// A contract's refusal in words: the revert data found anywhere inside an error from ethers, Hardhat or a JSON-RPC
// node, decoded against every custom error the generated bindings know, and read out by the explanations each area
// hands in. No node: imports: the web app shows reverts the same way the CLIs do.
import * as contracts from "@flyaimusic/bindings/contracts";
import { type ErrorDescription, Interface, isHexString } from "ethers";
import { formatMint } from "./format.ts";

/** Every custom error the generated bindings know, plus Solidity's built-in Error(string) and Panic(uint256). */
const errorInterfaces: Interface[] = (() => {
  const found: Interface[] = [Interface.from(["error Error(string)", "error Panic(uint256)"])];
  for (const [name, value] of Object.entries(contracts)) {
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

/** Plain-language readings of custom errors, by error name, from the error's named arguments. */
export type Explanations = Record<string, (args: Record<string, unknown>) => string>;

const mint = (value: unknown) => formatMint(value as bigint);

/** The errors every area's users meet: OpenZeppelin's token and ownership errors and Solidity's Error(string). */
export const COMMON_EXPLANATIONS: Explanations = {
  OwnableUnauthorizedAccount: (a) => `${a.account} is not the owner (the timelock owns every parameter)`,
  ERC20InsufficientBalance: (a) => `${a.sender} holds ${mint(a.balance)}, less than the ${mint(a.needed)} it sends`,
  ERC20InsufficientAllowance: (a) =>
    `${a.spender} may spend only ${mint(a.allowance)} of the sender's tokens, less than the ${mint(a.needed)} it needs`,
  ERC721NonexistentToken: (a) => `there is no token ${a.tokenId}`,
  ERC721IncorrectOwner: (a) => `${a.sender} does not own token ${a.tokenId} (its owner is ${a.owner})`,
  ERC721InsufficientApproval: (a) => `${a.operator} is not approved to move token ${a.tokenId}`,
  Error: (a) => String(a.reason ?? a.arg0),
};

/** "reading [Signature(arg: value, ...)]", or the bare signature when no explanation knows the error. */
export function describeRevert(decoded: DecodedRevert, explanations: Explanations = COMMON_EXPLANATIONS): string {
  const named = Object.fromEntries(decoded.args.map((arg) => [arg.name, arg.value]));
  const signature = `${decoded.name}(${decoded.args.map((arg) => `${arg.name}: ${String(arg.value)}`).join(", ")})`;
  const explain = explanations[decoded.name] ?? COMMON_EXPLANATIONS[decoded.name];
  return explain ? `${explain(named)} [${signature}]` : signature;
}
