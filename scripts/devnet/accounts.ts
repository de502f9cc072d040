// The devnet's accounts: the well-known development mnemonic (anvil's and Hardhat's default; the only key in this
// repository, never to be used on a real network) and who is who in the demo data.
import { DEMO_GENESIS } from "@flyaimusic/governance/deploy/params.ts";
import { DEV_MNEMONIC } from "@flyaimusic/kit/devnet.ts";
import { HDNodeWallet, type Provider } from "ethers";

export { DEV_MNEMONIC };
/** How many accounts anvil funds with ETH. */
export const DEVNET_ACCOUNT_COUNT = 20;

export interface DevAccount {
  /** BIP-44 index: `--account <index>` in the governance CLI. */
  index: number;
  label: string;
  address: string;
  wallet: HDNodeWallet;
}

/** The demo voters, accounts 1 to 4, with their genesis MINT (the same amounts the tests use). */
export const DEVNET_HOLDERS = [
  { index: 1, label: "alice", amount: DEMO_GENESIS.alice },
  { index: 2, label: "bob", amount: DEMO_GENESIS.bob },
  { index: 3, label: "carol", amount: DEMO_GENESIS.carol },
  { index: 4, label: "dave", amount: DEMO_GENESIS.dave },
] as const;

/** The music demo: creators 6-8, collectors 9-10, a curator 11; account 19 is the auction keeper. */
export const DEVNET_MUSIC_ACCOUNTS = { nova: 6, echo: 7, lyra: 8, sam: 9, kim: 10, rio: 11, keeper: 19 } as const;

/** Listeners whose signed plays the keeper rewards: accounts 12-16 (the devnet's listener stream plays as them). */
export const DEVNET_LISTENERS = { lena: 12, omar: 13, pia: 14, theo: 15, uma: 16 } as const;

const LABELS: Record<number, string> = {
  0: "deployer",
  ...Object.fromEntries(Object.entries(DEVNET_LISTENERS).map(([label, index]) => [index, label])),
  ...Object.fromEntries(Object.entries(DEVNET_MUSIC_ACCOUNTS).map(([label, index]) => [index, label])),
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
