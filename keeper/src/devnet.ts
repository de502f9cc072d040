// The devnet's rules, in one place: on these chains the keeper signs with the public dev mnemonic's keeper account
// when no key is configured (the devnet makes that account keeper of the auction, staking and rewards contracts).
import { describeError, KeeperError } from "./errors.ts";

/** The public, well-known development mnemonic (Hardhat's and anvil's default accounts). Devnet only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** The devnet's chains (the main chain and the bridge's second one). */
export const DEVNET_CHAIN_IDS: readonly number[] = [31337, 31338];
/** Dev mnemonic account the devnet makes keeper of the auction, staking and rewards contracts. */
export const DEVNET_KEEPER_INDEX = 19;

/** The chain id a JSON-RPC endpoint answers with, asked before anything else is built (it picks the deployment). */
export async function probeChainId(url: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    signal: AbortSignal.timeout(5_000),
  }).catch((error: unknown) => {
    throw new KeeperError(`cannot reach the RPC endpoint ${url} (${describeError(error)}): is the node running?`);
  });
  const body = (await response.json()) as { result?: string };
  if (!body.result) throw new KeeperError(`${url} did not answer eth_chainId`);
  return Number(BigInt(body.result));
}
