// Shared set-up for the system tests and the gas snapshot: the real suite deploy on a fresh in-process network.
import type { FlyGovernor, FlyTimelock, MintToken } from "@flyaimusic/bindings";
import {
  FlyGovernor__factory,
  FlyTimelock__factory,
  MintToken__factory,
  MusicNFT__factory,
} from "@flyaimusic/bindings";
import { DEMO_GENESIS, devnetParams, type SuiteParams } from "@flyaimusic/deploy/params.ts";
import { deploySuite } from "@flyaimusic/deploy/suite.ts";
import type { Deployment } from "@flyaimusic/bindings";
import { parseEther, sha256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

export type Connection = Awaited<ReturnType<typeof network.create>>;
export type Signer = Awaited<ReturnType<Connection["ethers"]["getSigners"]>>[number];

export interface Suite {
  connection: Connection;
  deployment: Deployment;
  params: SuiteParams;
  deployer: Signer;
  /** Genesis holders with votes: alice 12M, bob 6M, carol 3M, dave 1M MINT (treasury 400M; quorum 4% = 16.88M). */
  alice: Signer;
  bob: Signer;
  carol: Signer;
  dave: Signer;
  /** Accounts that hold nothing at genesis. */
  others: Signer[];
  token: MintToken;
  timelock: FlyTimelock;
  governor: FlyGovernor;
}

export const GENESIS = DEMO_GENESIS;

/** `configure` may change the parameters before the deploy (e.g. the keeper roles a keeper test needs). */
export async function deployFixture(configure?: (params: SuiteParams, signers: Signer[]) => void): Promise<Suite> {
  const connection = await network.create();
  const signers = await connection.ethers.getSigners();
  const [deployer, alice, bob, carol, dave, ...others] = signers;
  const params = devnetParams([
    { address: alice.address, label: "alice", amount: GENESIS.alice },
    { address: bob.address, label: "bob", amount: GENESIS.bob },
    { address: carol.address, label: "carol", amount: GENESIS.carol },
    { address: dave.address, label: "dave", amount: GENESIS.dave },
  ]);
  configure?.(params, signers);
  const { deployment } = await deploySuite({ signer: deployer, params, network: "hardhat", write: false });
  return {
    connection,
    deployment,
    params,
    deployer,
    alice,
    bob,
    carol,
    dave,
    others,
    token: MintToken__factory.connect(deployment.contracts.MintToken.address, deployer),
    timelock: FlyTimelock__factory.connect(deployment.contracts.FlyTimelock.address, deployer),
    governor: FlyGovernor__factory.connect(deployment.contracts.FlyGovernor.address, deployer),
  };
}

/** The timelock as a signer (impersonated, given gas money): what a passed proposal would do, done directly. */
export async function asTimelock(connection: Connection, deployment: Deployment): Promise<Signer> {
  const address = deployment.contracts.FlyTimelock.address;
  await connection.networkHelpers.impersonateAccount(address);
  await connection.networkHelpers.setBalance(address, parseEther("1"));
  return connection.ethers.getSigner(address);
}

/** `who` registers a basic tier-0 track of stand-in audio `audio` (fee paid); returns its id as 0x-hex. */
export async function mintTrack(suite: Suite, who: Signer, audio: string): Promise<string> {
  const music = MusicNFT__factory.connect(suite.deployment.contracts.MusicNFT.address, who);
  const contentHash = sha256(toUtf8Bytes(audio));
  const request = {
    contentHash,
    metadataDigest: sha256(toUtf8Bytes(`metadata of ${audio}`)),
    metadataCodec: 0x55,
    tier: 0,
    licenseId: 1,
    to: who.address,
    coAuthors: [],
  };
  await (await music.mint(request, { value: (await music.tierConfig(0)).mintFee })).wait();
  return contentHash;
}

/** A description bound to its proposer, as the governor requires. */
export function boundDescription(text: string, proposer: string): string {
  return `${text}\n\n#proposer=${proposer}`;
}
