// The devnet's accounts: the well-known development mnemonic (anvil's and Hardhat's default; the only key in this
// repository, never to be used on a real network) and who is who in the demo data.
import { HDNodeWallet, type Provider } from "ethers";

export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** How many accounts anvil funds with ETH. */
export const DEVNET_ACCOUNT_COUNT = 10;

export interface DevAccount {
  /** BIP-44 index: `--account <index>` in the governance CLI. */
  index: number;
  label: string;
  address: string;
  wallet: HDNodeWallet;
}

/**
 * Genesis MINT (whole tokens) of the demo voters, accounts 1 to 4. The same amounts as `GENESIS` in test/fixtures.ts
 * (test/devnet.test.ts checks they agree): with 400M in the treasury the 4% quorum is 16.88M, which alice and bob reach
 * together and nobody reaches alone.
 */
export const DEVNET_HOLDERS = [
  { index: 1, label: "alice", amount: "12000000" },
  { index: 2, label: "bob", amount: "6000000" },
  { index: 3, label: "carol", amount: "3000000" },
  { index: 4, label: "dave", amount: "1000000" },
] as const;

const LABELS: Record<number, string> = {
  0: "deployer",
  ...Object.fromEntries(DEVNET_HOLDERS.map((h) => [h.index, h.label])),
};

/** Accounts 0 to `count - 1` of the dev mnemonic, labelled. */
export function devAccounts(count = DEVNET_ACCOUNT_COUNT): DevAccount[] {
  // derive the parent once: deriving each path from the phrase would repeat the slow seed computation
  const parent = HDNodeWallet.fromPhrase(DEV_MNEMONIC, "", "m/44'/60'/0'/0");
  return Array.from({ length: count }, (_, index) => {
    const wallet = parent.deriveChild(index);
    return { index, label: LABELS[index] ?? `account ${index}`, address: wallet.address, wallet };
  });
}

/** The wallet of `account` connected to `provider`. */
export function signer(account: DevAccount, provider: Provider): HDNodeWallet {
  return account.wallet.connect(provider);
}
