import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { ARG_TYPES } from "@flyaimusic/kit/units.ts";
import { ZeroAddress } from "ethers";

/** ETH or MINT by name, as the currency address the contracts take. */
export function parseCurrency(text: string | undefined, mintToken: string): string {
  const name = (text ?? "ETH").toUpperCase();
  if (name === "ETH") return ZeroAddress;
  if (name === "MINT") return mintToken;
  throw new CliError(`--currency: "${text}" is not ETH or MINT`);
}

/** A decimal amount of ETH or MINT (18 decimals) for option `--name`. */
export function parseAmount(text: string | undefined, name: string): bigint {
  if (text === undefined) throw new CliError(`--${name} is required`);
  try {
    return ARG_TYPES.eth.parse(text) as bigint;
  } catch (error) {
    throw new CliError(`--${name}: ${(error as Error).message.replace("ETH", "ETH or MINT")}`);
  }
}

export function parseDuration(text: string | undefined, name: string, fallback: bigint): bigint {
  if (text === undefined) return fallback;
  try {
    return ARG_TYPES.seconds.parse(text) as bigint;
  } catch (error) {
    throw new CliError(`--${name}: ${(error as Error).message}`);
  }
}

export function parseAddressOption(text: string | undefined, name: string): string | undefined {
  if (text === undefined) return undefined;
  try {
    return ARG_TYPES.address.parse(text) as string;
  } catch (error) {
    throw new CliError(`--${name}: ${(error as Error).message}`);
  }
}
