// The suite contracts the keeper reads and writes, from the deployment file of its chain (written by the suite
// deploy) and the generated bindings: never hand-copied addresses or ABIs.
import {
  DutchAuction__factory,
  type Deployment,
  Marketplace__factory,
  MusicNFT__factory,
  NFTStakingVault__factory,
  RewardsDistributor__factory,
  RoyaltySplitter__factory,
} from "@flyaimusic/bindings";
import type { Interface } from "ethers";
import { KeeperError } from "../errors.ts";

/** Contract name in the deployment -> the ABI its events are decoded with, and which events the keeper keeps. */
export const WATCHED: Record<string, { iface: Interface; events: string[] }> = {
  MusicNFT: {
    iface: MusicNFT__factory.createInterface() as unknown as Interface,
    events: ["TrackRegistered", "CoAuthorsRegistered", "Transfer"],
  },
  RoyaltySplitter: {
    iface: RoyaltySplitter__factory.createInterface() as unknown as Interface,
    events: ["CollectorAssigned", "CuratorAssigned", "CollectorRoleTransferred", "RevenueDeposited"],
  },
  Marketplace: {
    iface: Marketplace__factory.createInterface() as unknown as Interface,
    events: ["Listed", "ListingCanceled", "Sold"],
  },
  DutchAuction: {
    iface: DutchAuction__factory.createInterface() as unknown as Interface,
    events: ["AuctionStarted", "AuctionSold", "AuctionEnded", "KeeperAuthorized"],
  },
  RewardsDistributor: {
    iface: RewardsDistributor__factory.createInterface() as unknown as Interface,
    events: ["RootPosted", "RootVetoed", "Claimed"],
  },
  NFTStakingVault: {
    iface: NFTStakingVault__factory.createInterface() as unknown as Interface,
    events: ["Staked", "Unstaked", "EmergencyUnstaked", "PlayMultiplierPosted"],
  },
};

export interface SuiteAddresses {
  chainId: number;
  /** Lower-case address -> deployment name, for the contracts in WATCHED. */
  byAddress: Map<string, string>;
  address(name: string): string;
  /** The first block any watched contract exists in: where a fresh watcher starts. */
  startBlock: number;
}

export function suiteAddresses(deployment: Deployment): SuiteAddresses {
  const byAddress = new Map<string, string>();
  let startBlock = Number.MAX_SAFE_INTEGER;
  for (const name of Object.keys(WATCHED)) {
    const contract = deployment.contracts[name];
    if (!contract) {
      throw new KeeperError(
        `the deployment of chain ${deployment.chainId} has no ${name}: redeploy the suite (\`npm run deploy\`) with this version`,
      );
    }
    byAddress.set(contract.address.toLowerCase(), name);
    startBlock = Math.min(startBlock, contract.blockNumber);
  }
  return {
    chainId: deployment.chainId,
    byAddress,
    startBlock,
    address: (name) => {
      const contract = deployment.contracts[name];
      if (!contract) throw new KeeperError(`the deployment of chain ${deployment.chainId} has no ${name}`);
      return contract.address;
    },
  };
}
