// The local devnet's facts, in one place: its chains, its default endpoint and the public dev mnemonic. Every program
// that treats the devnet specially (dev accounts without a key, time travel, a keeper that signs on its own) asks here.
import { HDNodeWallet } from "ethers";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
/** The devnet's home chain. */
export const DEVNET_CHAIN_ID = 31337n;
/** The devnet's chains: home (31337) and remote (31338, the bridges' second chain). */
export const DEVNET_CHAIN_IDS: readonly bigint[] = [31337n, 31338n];
/** The public, well-known development mnemonic (Hardhat's and anvil's default accounts). Devnet only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** The dev account the devnet makes keeper of the auction, staking and rewards contracts. */
export const DEVNET_KEEPER_INDEX = 19;

export function isDevnetChain(chainId: bigint | number): boolean {
  return DEVNET_CHAIN_IDS.includes(BigInt(chainId));
}

/** Account `index` of the dev mnemonic (m/44'/60'/0'/0/<index>), not connected to a provider. */
export function devAccount(index: number): HDNodeWallet {
  return HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
}
