// The bridge CLI's commands. A chain's bridge end is found in its deployment file: MusicNFTAdapter + MintOFTAdapter
// on the home chain, RemoteMusicNFT + RemoteMint on a remote one; `parameters.lzEid` is its LayerZero endpoint id.
import {
  type Deployment,
  findDeployment,
  MarginedJsonRpcProvider,
  MintOFTAdapter__factory,
  MintToken__factory,
  MusicNFT__factory,
  MusicNFTAdapter__factory,
  RemoteMint__factory,
  RemoteMusicNFT__factory,
} from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { probeChainId } from "@flyaimusic/kit/chain-id.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatDate, note, print } from "@flyaimusic/kit/format.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { parseAddressOption, parseAmount } from "@flyaimusic/protocol/cli/amounts.ts";
import { idHex, parseTrackId } from "@flyaimusic/protocol/cli/contracts.ts";
import { type ContractRunner, formatEther, type Provider, zeroPadValue } from "ethers";

const ARRIVAL_TIMEOUT_MS = 60_000;

interface Provenance {
  registrant: string;
  registeredAt: bigint;
  tier: bigint;
  licenseId: bigint;
  tokenURI: string;
  royaltyReceiver: string;
  royaltyPer1Eth: bigint;
  creators: string[];
  shares: bigint[];
}

interface End {
  home: boolean;
  eid: number;
  deployment: Deployment;
  trackAddress: string;
  mintAddress: string;
}

function endOf(deployment: Deployment, chainId: bigint): End {
  const c = deployment.contracts;
  const eid = Number(deployment.parameters.lzEid);
  if (c.MusicNFTAdapter && c.MintOFTAdapter) {
    return {
      home: true,
      eid,
      deployment,
      trackAddress: c.MusicNFTAdapter.address,
      mintAddress: c.MintOFTAdapter.address,
    };
  }
  if (c.RemoteMusicNFT && c.RemoteMint) {
    return { home: false, eid, deployment, trackAddress: c.RemoteMusicNFT.address, mintAddress: c.RemoteMint.address };
  }
  throw new CliError(`no bridge is deployed on chain ${chainId}`, "on the devnet, `npm start` deploys both ends");
}

/** The destination chain of `--to <rpc url>`: its provider and bridge end. */
async function destination(args: Context["args"]): Promise<{ provider: Provider; end: End; url: string }> {
  const url = args.options.get("to");
  if (!url) throw new CliError("--to <rpc url of the destination chain> is required", "devnet: http://127.0.0.1:8546");
  const chainId = await probeChainId(url);
  const deployment = findDeployment(chainId);
  if (!deployment) throw new CliError(`no FlyAIMusic deployment for chain ${chainId} (the --to chain)`);
  const provider = new MarginedJsonRpcProvider(url, chainId, { staticNetwork: true, cacheTimeout: -1 });
  return { provider, end: endOf(deployment, chainId), url };
}

/** What a chain says about a track: MusicNFT at home, the remote collection elsewhere (the same record shape). */
async function provenanceOn(end: End, runner: ContractRunner, tokenId: bigint): Promise<Provenance | undefined> {
  let read: [TrackRecord, string, [string, bigint], readonly string[], readonly bigint[]];
  if (end.home) {
    const music = MusicNFT__factory.connect(end.deployment.contracts.MusicNFT.address, runner);
    if (!(await music.exists(tokenId))) return undefined;
    const [record, uri, [receiver, royalty], [creators, shares]] = await Promise.all([
      music.trackOf(tokenId),
      music.tokenURI(tokenId),
      music.royaltyInfo(tokenId, 10n ** 18n),
      music.creatorsOf(tokenId),
    ]);
    read = [record, uri, [receiver, royalty], creators, shares];
  } else {
    const remote = RemoteMusicNFT__factory.connect(end.trackAddress, runner);
    if (!(await remote.isKnown(tokenId))) return undefined;
    const [record, uri, [receiver, royalty]] = await Promise.all([
      remote.trackOf(tokenId),
      remote.tokenURI(tokenId),
      remote.royaltyInfo(tokenId, 10n ** 18n),
    ]);
    read = [record, uri, [receiver, royalty], record.creators, record.shares];
  }
  const [record, uri, [receiver, royalty], creators, shares] = read;
  return {
    registrant: record.registrant,
    registeredAt: record.registeredAt,
    tier: record.tier,
    licenseId: record.licenseId,
    tokenURI: uri,
    royaltyReceiver: receiver,
    royaltyPer1Eth: royalty,
    creators: [...creators],
    shares: [...shares],
  };
}

/** The fields both collections' `trackOf` answer with. */
interface TrackRecord {
  registrant: string;
  registeredAt: bigint;
  tier: bigint;
  licenseId: bigint;
}

async function ownerOn(end: End, runner: ContractRunner, tokenId: bigint): Promise<string | undefined> {
  const address = end.home ? end.deployment.contracts.MusicNFT.address : end.trackAddress;
  return MusicNFT__factory.connect(address, runner)
    .ownerOf(tokenId)
    .catch(() => undefined);
}

function provenanceLines(label: string, owner: string | undefined, p: Provenance | undefined): string[] {
  if (!p) return [`${label}: track unknown here`];
  return [
    `${label}:`,
    `  owner        ${owner ?? "(not on this chain now)"}`,
    `  registrant   ${p.registrant}, registered ${formatDate(p.registeredAt)}`,
    `  creators     ${p.creators.map((c, i) => `${c} ${Number(p.shares[i]) / 100}%`).join(", ")}`,
    `  tier ${p.tier}, license ${p.licenseId}`,
    `  royalty      ${formatEther(p.royaltyPer1Eth)} ETH per 1 ETH sale to ${p.royaltyReceiver}`,
    `  tokenURI     ${p.tokenURI}`,
  ];
}

export const track: Command = {
  name: "track",
  usage: "track <id>",
  summary: "a track's provenance and owner on this chain (MusicNFT at home, the remote collection elsewhere)",
  options: [],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const ctx = await connect();
    const end = endOf(ctx.deployment, ctx.chainId);
    const lines = provenanceLines(
      `chain ${ctx.chainId} (${end.home ? "home" : "remote"})`,
      await ownerOn(end, ctx.provider, tokenId),
      await provenanceOn(end, ctx.provider, tokenId),
    );
    for (const line of lines) print(io, line);
  },
};

export const sendTrack: Command = {
  name: "send-track",
  usage: "send-track <id> --to <rpc url> [--recipient <address>]",
  summary: "send your track to another chain with its provenance; waits for it to arrive and prints both sides",
  options: ["to", "recipient"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const recipient = parseAddressOption(args.options.get("recipient"), "recipient") ?? me;
    const source = endOf(ctx.deployment, ctx.chainId);
    const dest = await destination(args);
    try {
      const owner = await ownerOn(source, ctx.provider, tokenId);
      if (owner?.toLowerCase() !== me.toLowerCase()) {
        throw new CliError(`you do not hold track ${idHex(tokenId)} on chain ${ctx.chainId}`);
      }
      for (const line of provenanceLines(
        `before, chain ${ctx.chainId}`,
        owner,
        await provenanceOn(source, ctx.provider, tokenId),
      ))
        print(io, line);
      if (source.home) {
        const music = MusicNFT__factory.connect(source.deployment.contracts.MusicNFT.address, signer);
        if (!(await music.isApprovedForAll(me, source.trackAddress))) {
          await send(io, "the approval", () => music.setApprovalForAll(source.trackAddress, true));
        }
      }
      // both ends share ONFT721's send/quote ABI
      const oapp = MusicNFTAdapter__factory.connect(source.trackAddress, signer);
      const param = {
        dstEid: dest.end.eid,
        to: zeroPadValue(recipient, 32),
        tokenId,
        extraOptions: "0x",
        composeMsg: "0x",
        onftCmd: "0x",
      };
      const quoted = await oapp.quoteSend(param, false);
      const fee = { nativeFee: quoted.nativeFee, lzTokenFee: quoted.lzTokenFee };
      const receipt = await send(io, "the send", () => oapp.send(param, fee, me, { value: fee.nativeFee }));
      print(
        io,
        `sent ${idHex(tokenId)} to chain eid ${dest.end.eid} (gas ${receipt.gasUsed}); waiting for delivery ...`,
      );
      const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
      while ((await ownerOn(dest.end, dest.provider, tokenId))?.toLowerCase() !== recipient.toLowerCase()) {
        if (Date.now() > deadline) {
          throw new CliError(
            `the track has not arrived on ${dest.url} after ${ARRIVAL_TIMEOUT_MS / 1000} s`,
            "is the relayer running? on the devnet see .devnet/relayer.log",
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const arrived = await provenanceOn(dest.end, dest.provider, tokenId);
      for (const line of provenanceLines(`arrived, ${dest.url}`, recipient, arrived)) print(io, line);
    } finally {
      dest.provider.destroy();
    }
  },
};

export const sendMint: Command = {
  name: "send-mint",
  usage: "send-mint <amount> --to <rpc url> [--recipient <address>]",
  summary: "send MINT to another chain (whole 1e-6 units; the dust stays with you); waits for it to arrive",
  options: ["to", "recipient"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const amount = parseAmount(text, "amount");
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const recipient = parseAddressOption(args.options.get("recipient"), "recipient") ?? me;
    const source = endOf(ctx.deployment, ctx.chainId);
    const dest = await destination(args);
    try {
      const sendable = (amount / 10n ** 12n) * 10n ** 12n;
      if (sendable === 0n) throw new CliError("below one shared unit (1e-6 MINT): nothing would move");
      if (source.home) {
        const token = MintToken__factory.connect(ctx.deployment.contracts.MintToken.address, signer);
        if ((await token.allowance(me, source.mintAddress)) < sendable) {
          await send(io, "the approval", () => token.approve(source.mintAddress, sendable));
        }
      }
      const oft = MintOFTAdapter__factory.connect(source.mintAddress, signer);
      const param = {
        dstEid: dest.end.eid,
        to: zeroPadValue(recipient, 32),
        amountLD: sendable,
        minAmountLD: sendable,
        extraOptions: "0x",
        composeMsg: "0x",
        oftCmd: "0x",
      };
      const quoted = await oft.quoteSend(param, false);
      const fee = { nativeFee: quoted.nativeFee, lzTokenFee: quoted.lzTokenFee };
      const destToken = RemoteMint__factory.connect(
        dest.end.home ? dest.end.deployment.contracts.MintToken.address : dest.end.mintAddress,
        dest.provider,
      );
      const before = await destToken.balanceOf(recipient);
      const receipt = await send(io, "the send", () => oft.send(param, fee, me, { value: fee.nativeFee }));
      print(io, `sent ${formatEther(sendable)} MINT (gas ${receipt.gasUsed}); waiting for delivery ...`);
      const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
      while ((await destToken.balanceOf(recipient)) - before < sendable) {
        if (Date.now() > deadline) throw new CliError("the MINT has not arrived", "is the relayer running?");
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      note(io, `arrived: ${recipient} holds ${formatEther(await destToken.balanceOf(recipient))} MINT there`);
      print(io, `arrived: ${formatEther(sendable)} MINT`);
    } finally {
      dest.provider.destroy();
    }
  },
};
