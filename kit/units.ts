// Typed values as people write them and as they read them: durations ("90m", "2h"), MINT and ETH amounts, percents,
// basis points, addresses with their checksum, names, LayerZero peers. Proposal templates, the CLIs' options and the
// web app's forms all parse and show values through these. No node: imports.
import { getAddress, isHexString, parseUnits, zeroPadValue } from "ethers";
import { formatDuration, formatEth, formatMint } from "./format.ts";

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
