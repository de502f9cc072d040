// The devnet's LayerZero relayer: watches `PacketSent` on every chain's endpoint and delivers each packet on its
// destination chain, doing what DVNs and executors do on a public network: it verifies the packet through the
// local message library (whose only verifier it is), then calls the endpoint's `lzReceive` with the gas the
// packet's options ask for. Idempotent: a packet the destination already delivered (its inbound nonce is at or past
// the packet's) is skipped, one verified but not delivered is only executed; so restarting and rescanning from the
// bridge's deployment block never delivers twice. A failed delivery is retried on the next ticks with doubled gas.
import { LocalEndpoint__factory, LocalMessageLib__factory } from "@flyaimusic/bindings";
import { dataSlice, getAddress, getNumber, type Signer, toBigInt } from "ethers";

export interface RelayChain {
  name: string;
  eid: number;
  signer: Signer;
  endpoint: string;
  messageLib: string;
  /** First block to scan (the endpoint's deployment block). */
  fromBlock: number;
}

export interface Packet {
  nonce: bigint;
  srcEid: number;
  sender: string; // bytes32
  dstEid: number;
  receiver: string; // address
  guid: string;
  message: string;
  raw: string;
}

/** PacketV1 (LayerZero's codec): version 1 | nonce 8 | srcEid 4 | sender 32 | dstEid 4 | receiver 32 | guid 32 | message. */
export function decodePacket(raw: string): Packet {
  return {
    nonce: toBigInt(dataSlice(raw, 1, 9)),
    srcEid: getNumber(dataSlice(raw, 9, 13)),
    sender: dataSlice(raw, 13, 45),
    dstEid: getNumber(dataSlice(raw, 45, 49)),
    receiver: getAddress(dataSlice(raw, 61, 81)),
    guid: dataSlice(raw, 81, 113),
    message: dataSlice(raw, 113),
    raw,
  };
}

/** The lzReceive gas of type-3 executor options (sum of every lzReceive entry), or `fallback`. */
export function receiveGas(options: string, fallback: bigint): bigint {
  const bytes = options.startsWith("0x") ? options.slice(2) : options;
  if (bytes.length < 4 || Number.parseInt(bytes.slice(0, 4), 16) !== 3) return fallback;
  let gas = 0n;
  let at = 4;
  while (at + 6 <= bytes.length) {
    const worker = Number.parseInt(bytes.slice(at, at + 2), 16);
    const size = Number.parseInt(bytes.slice(at + 2, at + 6), 16);
    const body = bytes.slice(at + 6, at + 6 + size * 2);
    if (worker === 1 && Number.parseInt(body.slice(0, 2), 16) === 1) gas += BigInt(`0x${body.slice(2, 34)}`);
    at += 6 + size * 2;
  }
  return gas === 0n ? fallback : gas;
}

export type RelayLog = (line: string) => void;

/** A delivery that failed: retried on later ticks, at most this many times, with more gas each time. */
const MAX_ATTEMPTS = 5;

interface Failed {
  source: RelayChain;
  destination: RelayChain;
  packet: Packet;
  gas: bigint;
  attempts: number;
}

export class Relayer {
  private readonly cursors = new Map<number, number>();
  private readonly failed = new Map<string, Failed>();
  private readonly chains: RelayChain[];
  private readonly log: RelayLog;

  constructor(chains: RelayChain[], log: RelayLog) {
    this.chains = chains;
    this.log = log;
    for (const chain of chains) this.cursors.set(chain.eid, chain.fromBlock);
  }

  /** One pass over every chain: returns how many packets it delivered. */
  async tick(): Promise<number> {
    let delivered = 0;
    // earlier failures first (an RPC hiccup, too little gas): each retry doubles the gas
    for (const [guid, retry] of this.failed) {
      this.failed.delete(guid);
      retry.attempts += 1;
      if (await this.deliver(retry.source, retry.destination, retry.packet, retry.gas * 2n, retry.attempts))
        ++delivered;
    }
    for (const source of this.chains) {
      const provider = source.signer.provider;
      if (!provider) throw new Error(`relayer: chain ${source.name} has no provider`);
      const latest = await provider.getBlockNumber();
      const from = this.cursors.get(source.eid) ?? source.fromBlock;
      if (from > latest) continue;
      const endpoint = LocalEndpoint__factory.connect(source.endpoint, provider);
      const events = await endpoint.queryFilter(endpoint.filters.PacketSent(), from, latest);
      for (const event of events) {
        const packet = decodePacket(event.args.encodedPayload);
        const destination = this.chains.find((chain) => chain.eid === packet.dstEid);
        if (!destination) {
          this.log(`packet ${packet.guid} from ${source.name} is for eid ${packet.dstEid}, no chain here: skipped`);
          continue;
        }
        if (await this.deliver(source, destination, packet, receiveGas(event.args.options, 500_000n))) ++delivered;
      }
      this.cursors.set(source.eid, latest + 1);
    }
    return delivered;
  }

  private async deliver(
    source: RelayChain,
    destination: RelayChain,
    packet: Packet,
    gas: bigint,
    attempts = 1,
  ): Promise<boolean> {
    const endpoint = LocalEndpoint__factory.connect(destination.endpoint, destination.signer);
    const delivered = await endpoint.lazyInboundNonce(packet.receiver, packet.srcEid, packet.sender);
    const hash = await endpoint.inboundPayloadHash(packet.receiver, packet.srcEid, packet.sender, packet.nonce);
    const verifiedOnly = hash !== `0x${"0".repeat(64)}`;
    if (!verifiedOnly && delivered >= packet.nonce) return false;
    const what = `packet ${packet.guid.slice(0, 10)}… ${source.name} -> ${destination.name} (nonce ${packet.nonce})`;
    if (!verifiedOnly) {
      const lib = LocalMessageLib__factory.connect(destination.messageLib, destination.signer);
      await (await lib.verify(packet.raw)).wait();
      this.log(`verified ${what}`);
    }
    const origin = { srcEid: packet.srcEid, sender: packet.sender, nonce: packet.nonce };
    try {
      const tx = await endpoint.lzReceive(origin, packet.receiver, packet.guid, packet.message, "0x", {
        gasLimit: gas + 100_000n,
      });
      const receipt = await tx.wait();
      this.log(`delivered ${what} with ${gas} gas for lzReceive (used ${receipt?.gasUsed})`);
      return true;
    } catch (error) {
      // the payload stays verified at the endpoint: anyone can retry the delivery with more gas
      const retry = attempts < MAX_ATTEMPTS;
      if (retry) this.failed.set(packet.guid, { source, destination, packet, gas, attempts });
      this.log(
        `delivery of ${what} failed (attempt ${attempts}; it stays verified${retry ? ", retrying with more gas" : ", giving up: anyone may call the endpoint's lzReceive"}): ${(error as Error).message.split("\n")[0]}`,
      );
      return false;
    }
  }
}
