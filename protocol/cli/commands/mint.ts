import { readFileSync } from "node:fs";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { CliError, ContractRefusal } from "@flyaimusic/kit/cli/errors.ts";
import { keyValues, note, print } from "@flyaimusic/kit/format.ts";
import { MintToken__factory } from "@flyaimusic/bindings";
import { type ContractTransactionReceipt, hexlify, isHexString, randomBytes, ZeroAddress } from "ethers";
import { parseAddressOption } from "../amounts.ts";
import { CODEC, cidToString, parseCid, sha256Hex } from "../cid.ts";
import { formatAmount, idHex, musicContracts } from "../contracts.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { isDevnetChain } from "@flyaimusic/kit/devnet.ts";
import { storeMetadata } from "../metadata.ts";

const TIERS: Record<string, number> = { basic: 0, pro: 1 };

function readFile(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** `--co-authors 0xabc:2500,0xdef:1000`: accounts and their bps of the creator share. */
function parseCoAuthors(text: string | undefined): { account: string; shareBps: number }[] {
  if (!text) return [];
  return text.split(",").map((part) => {
    const [address, bps] = part.split(":");
    const account = parseAddressOption(address, "co-authors") as string;
    if (!/^\d+$/.test(bps ?? "") || Number(bps) <= 0 || Number(bps) >= 10_000) {
      throw new CliError(`--co-authors: "${part}" needs a share in bps after a colon, e.g. ${address}:2500`);
    }
    return { account, shareBps: Number(bps) };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const mint: Command = {
  name: "mint",
  usage:
    "mint --audio <file> (--metadata <json file> | --metadata-cid <bafy...>) [--tier basic|pro] [--license <id>] [--co-authors <addr:bps,...>] [--to <address>] [--salt <0x...>] [--unprotected] [--dry-run]",
  summary:
    "register a track: sha-256 of the audio file is its id and copyright record; pays the tier's fee. Commits first " +
    "and reveals after the chain's minimum age, so nobody who sees the audio's hash can register it first " +
    "(--salt resumes an earlier commitment; --unprotected registers in one transaction, which a copier can front-run)",
  options: [
    "audio",
    "metadata",
    "metadata-cid",
    "tier",
    "license",
    "co-authors",
    "to",
    "salt",
    "unprotected",
    "dry-run",
  ],
  async run(args, io, connect) {
    const audioPath = args.options.get("audio");
    if (!audioPath) throw new CliError("--audio <file> is required: the track's audio bytes are hashed into its id");
    const contentHash = sha256Hex(readFile(audioPath, "audio file"));
    let metadata: { codec: number; digest: string };
    const metadataPath = args.options.get("metadata");
    const metadataCid = args.options.get("metadata-cid");
    if (metadataPath && metadataCid) throw new CliError("give --metadata or --metadata-cid, not both");
    if (metadataPath) {
      // a raw CIDv1 of the JSON bytes: what `ipfs add --cid-version 1 --raw-leaves` prints for a small file
      metadata = { codec: CODEC.raw, digest: sha256Hex(readFile(metadataPath, "metadata file")) };
    } else if (metadataCid) {
      metadata = parseCid(metadataCid);
    } else {
      throw new CliError("--metadata <json file> or --metadata-cid <bafy...> is required");
    }
    const tierText = args.options.get("tier") ?? "basic";
    const tier = TIERS[tierText] ?? (/^\d+$/.test(tierText) ? Number(tierText) : undefined);
    if (tier === undefined || tier > 255) throw new CliError(`--tier: "${tierText}" is not basic, pro or a tier id`);
    const licenseText = args.options.get("license") ?? "1";
    if (!/^\d+$/.test(licenseText) || Number(licenseText) > 65535)
      throw new CliError(`--license: "${licenseText}" is not a license id`);
    const coAuthors = parseCoAuthors(args.options.get("co-authors"));
    const unprotected = args.flags.has("unprotected");
    const saltText = args.options.get("salt");
    if (saltText !== undefined && (unprotected || !isHexString(saltText, 32))) {
      throw new CliError(
        unprotected
          ? "--salt belongs to a commitment: it does nothing with --unprotected"
          : `--salt: "${saltText}" is not 32 bytes of hex`,
      );
    }

    const ctx = await connect();
    const { music } = musicContracts(ctx);
    const existing = await music.tokenIdOfContent(contentHash);
    if (existing !== 0n) {
      throw new CliError(
        `this audio is already registered as track ${idHex(existing)}`,
        `\`npm run music -- track ${idHex(existing)}\` shows its record`,
      );
    }
    const config = await music.tierConfig(tier);
    if (!config.enabled) throw new CliError(`tier ${tierText} is not enabled on chain ${ctx.chainId}`);
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const to = parseAddressOption(args.options.get("to"), "to") ?? me;
    const request = {
      contentHash,
      metadataDigest: metadata.digest,
      metadataCodec: metadata.codec,
      tier,
      licenseId: Number(licenseText),
      to,
      coAuthors,
    };
    const fee = config.mintFee;
    const preview: [string, string][] = [
      ["track id", `${contentHash} (sha-256 of ${audioPath})`],
      ["metadata", `ipfs://${cidToString(metadata.codec, metadata.digest)}`],
      ["tier", `${tierText}: fee ${formatAmount(fee, config.feeToken)}, royalty ${Number(config.royaltyBps) / 100}%`],
      ["creators", [`${me} (registrant)`, ...coAuthors.map((c) => `${c.account} ${c.shareBps / 100}%`)].join("\n")],
      ["owner", to],
    ];
    if (args.flags.has("dry-run")) return print(io, `${keyValues(preview)}\n(dry run: nothing sent)`);
    if (config.feeToken !== ZeroAddress && fee > 0n) {
      const token = MintToken__factory.connect(config.feeToken, signer);
      if ((await token.allowance(me, await music.getAddress())) < fee) {
        await send(io, "approving the MINT fee", () => token.approve(music.getAddress(), fee));
      }
    }
    const value = config.feeToken === ZeroAddress ? fee : 0n;
    let receipt: ContractTransactionReceipt | undefined;
    let registration: string;
    if (unprotected) {
      note(
        io,
        "warning: --unprotected: the audio's hash is public while the mint waits to be mined; a copier who submits it first becomes the registrant",
      );
      receipt = await send(io, "the mint", () => music.connect(signer).mint(request, { value }));
      registration = "one transaction (unprotected)";
    } else {
      const salt = saltText ?? hexlify(randomBytes(32));
      const commitment = await music.registrationCommitment(contentHash, me, salt);
      const minAge = Number(await music.minCommitAge());
      if ((await music.committedAt(commitment)) === 0n) {
        note(io, `committing to the track without showing it (salt ${salt}: with --salt it resumes this commitment)`);
        await send(io, "the commitment", () => music.connect(signer).commitRegistration(commitment));
      }
      const committedAt = Number(await music.committedAt(commitment));
      // the reveal counts from the chain's clock: wait the minimum age from the commitment's block, then retry a
      // second at a time while a chain whose clock runs ahead or behind the wall clock still finds it too new
      const wait = Math.max(0, committedAt + minAge - (await ctx.now()));
      note(io, `waiting ${wait} s (the minimum age of a commitment) before revealing`);
      await sleep(wait * 1000);
      for (let attempt = 0; ; attempt++) {
        try {
          receipt = await send(io, "the reveal", () => music.connect(signer).mintCommitted(request, salt, { value }));
          break;
        } catch (error) {
          const tooNew = error instanceof ContractRefusal && error.decoded.name === "MusicNFTCommitmentTooNew";
          if (!tooNew || attempt >= 30) throw error;
          await sleep(1000);
        }
      }
      registration = `commit–reveal (commitment ${commitment}, revealed after ${minAge} s)`;
    }
    // the metadata file goes to the local store (the devnet's, or FLYAI_METADATA_DIR) so `tracks` shows its title
    const stored = metadataPath ? storeMetadata(metadataPath, metadata, io.env, isDevnetChain(ctx.chainId)) : undefined;
    print(
      io,
      keyValues([
        ...preview,
        ["registration", registration],
        ["transaction", `${receipt?.hash} (block ${receipt?.blockNumber}, gas ${receipt?.gasUsed})`],
        ...(stored ? ([["stored", stored]] as [string, string][]) : []),
      ]),
    );
  },
};
