// Deploy steps of the bridges: on the home chain the track adapter (around MusicNFT) and the MINT adapter, on a
// remote chain the remote collection and remote MINT; then each pair is wired (peers both ways, enforced gas for
// the destination's receive) and handed to each chain's timelock. `deployLocalLayerZero` gives a local chain its
// endpoint and message library (devnet only: public networks have LayerZero's).
import {
  LocalEndpoint__factory,
  LocalMessageLib__factory,
  MintOFTAdapter__factory,
  MusicNFTAdapter__factory,
  RemoteMint__factory,
  RemoteMusicNFT__factory,
} from "@flyaimusic/bindings";
import { type BaseContract, type ContractTransactionResponse, type Signer, solidityPacked, zeroPadValue } from "ethers";

/**
 * Gas the destination's lzReceive gets, enforced on every send (the sender may add more). Measured in
 * bridge/test (a co-authored track's first arrival with cold storage took 292,141; MINT ~60,000), plus a margin.
 */
export const RECEIVE_GAS = { track: 400_000n, mint: 120_000n } as const;

/** LayerZero endpoint ids of the devnet's chains (public networks use LayerZero's, see bridge/config). */
export const LOCAL_EIDS = { home: 40_101, remote: 40_102 } as const;

export interface BridgeEnd {
  eid: number;
  endpoint: string;
  track: string;
  mint: string;
}

type Deployed = Record<string, { address: string; blockNumber: number }>;

async function sent(tx: Promise<ContractTransactionResponse>, what: string): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt?.status !== 1) throw new Error(`bridge deploy: ${what} failed`);
}

async function deployed<T extends BaseContract>(record: Deployed, name: string, contract: T): Promise<T> {
  const receipt = await contract.deploymentTransaction()?.wait();
  if (!receipt) throw new Error(`bridge deploy: ${name} has no receipt`);
  record[name] = { address: await contract.getAddress(), blockNumber: receipt.blockNumber };
  return contract;
}

/** LayerZero's endpoint and the local message library, whose only verifier is `relayer`. */
export async function deployLocalLayerZero(
  signer: Signer,
  eid: number,
  relayer: string,
  record: Deployed,
): Promise<{ endpoint: string; messageLib: string }> {
  const owner = await signer.getAddress();
  const endpoint = await deployed(
    record,
    "LayerZeroEndpoint",
    await new LocalEndpoint__factory(signer).deploy(eid, owner),
  );
  const endpointAddress = await endpoint.getAddress();
  const lib = await deployed(
    record,
    "LayerZeroMessageLib",
    await new LocalMessageLib__factory(signer).deploy(endpointAddress, relayer),
  );
  await sent(endpoint.registerLibrary(await lib.getAddress()), "register the message library");
  return { endpoint: endpointAddress, messageLib: await lib.getAddress() };
}

/** Makes the local message library the default for messages to and from `remoteEid`. */
export async function useLocalLibraryFor(signer: Signer, endpoint: string, messageLib: string, remoteEid: number) {
  const contract = LocalEndpoint__factory.connect(endpoint, signer);
  await sent(contract.setDefaultSendLibrary(remoteEid, messageLib), "default send library");
  await sent(contract.setDefaultReceiveLibrary(remoteEid, messageLib, 0), "default receive library");
}

/** The home chain's end: adapters around MusicNFT and MINT, owned by the deployer until wired. */
export async function deployHomeBridge(
  signer: Signer,
  addresses: { endpoint: string; musicNFT: string; mintToken: string; eid: number },
  record: Deployed,
): Promise<BridgeEnd> {
  const owner = await signer.getAddress();
  const track = await deployed(
    record,
    "MusicNFTAdapter",
    await new MusicNFTAdapter__factory(signer).deploy(addresses.musicNFT, addresses.endpoint, owner),
  );
  const mint = await deployed(
    record,
    "MintOFTAdapter",
    await new MintOFTAdapter__factory(signer).deploy(addresses.mintToken, addresses.endpoint, owner),
  );
  return {
    eid: addresses.eid,
    endpoint: addresses.endpoint,
    track: await track.getAddress(),
    mint: await mint.getAddress(),
  };
}

/** A remote chain's end: the remote collection and remote MINT, owned by the deployer until wired. */
export async function deployRemoteBridge(
  signer: Signer,
  addresses: { endpoint: string; eid: number },
  record: Deployed,
): Promise<BridgeEnd> {
  const owner = await signer.getAddress();
  const track = await deployed(
    record,
    "RemoteMusicNFT",
    await new RemoteMusicNFT__factory(signer).deploy(addresses.endpoint, owner),
  );
  const mint = await deployed(
    record,
    "RemoteMint",
    await new RemoteMint__factory(signer).deploy(addresses.endpoint, owner),
  );
  return {
    eid: addresses.eid,
    endpoint: addresses.endpoint,
    track: await track.getAddress(),
    mint: await mint.getAddress(),
  };
}

/** Executor option type 3 with one lzReceive gas entry (LayerZero's OptionsBuilder layout). */
export function lzReceiveOption(gas: bigint): string {
  return solidityPacked(["uint16", "uint8", "uint16", "uint8", "uint128"], [3, 1, 17, 1, gas]);
}

/** `from`'s end trusts `to`'s as its peer and enforces the receive gas for messages to it. */
export async function wireEnd(signer: Signer, from: BridgeEnd, to: BridgeEnd): Promise<void> {
  const peer = (address: string) => zeroPadValue(address, 32);
  const track = MusicNFTAdapter__factory.connect(from.track, signer);
  const mint = MintOFTAdapter__factory.connect(from.mint, signer);
  await sent(track.setPeer(to.eid, peer(to.track)), "track peer");
  await sent(mint.setPeer(to.eid, peer(to.mint)), "MINT peer");
  await sent(
    track.setEnforcedOptions([{ eid: to.eid, msgType: 1, options: lzReceiveOption(RECEIVE_GAS.track) }]),
    "track enforced options",
  );
  await sent(
    mint.setEnforcedOptions([{ eid: to.eid, msgType: 1, options: lzReceiveOption(RECEIVE_GAS.mint) }]),
    "MINT enforced options",
  );
}

/** Hands an end to `timelock`: it becomes the endpoint delegate and the owner (peers, options from then on). */
export async function handEndToTimelock(signer: Signer, end: BridgeEnd, timelock: string): Promise<void> {
  for (const address of [end.track, end.mint]) {
    const oapp = MusicNFTAdapter__factory.connect(address, signer);
    await sent(oapp.setDelegate(timelock), "endpoint delegate");
    await sent(oapp.transferOwnership(timelock), "ownership");
  }
}
