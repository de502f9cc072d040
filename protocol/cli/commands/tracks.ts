import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatDate, keyValues, note, print, shortAddress, toJson } from "@flyaimusic/kit/format.ts";
import { chunkedLogs } from "@flyaimusic/kit/logs.ts";
import { isDevnetChain } from "@flyaimusic/kit/devnet.ts";
import { ZeroAddress } from "ethers";
import { formatAmount, idHex, type MusicContracts, musicContracts, parseTrackId, shortId } from "../contracts.ts";
import { describeTrack, type TrackMetadata, trackMetadata } from "../metadata.ts";

const TIER_NAMES: Record<number, string> = { 0: "basic", 1: "pro" };

export interface TrackRow {
  tokenId: bigint;
  registrant: string;
  owner: string;
  tier: number;
  licenseId: number;
  registeredAt: number;
  /** ipfs://<cid> of the metadata JSON. */
  metadataUri: string;
  /** Title and artist from the metadata, where its bytes could be found (local store or IPFS gateway). */
  metadata: TrackMetadata;
  listing?: { price: bigint; currency: string; expiresAt: number };
  auction?: { price: bigint; currency: string; endsAt: number; reserve: bigint };
}

/** Every registered track, oldest first, with its owner and whether it is listed or auctioned now. */
export async function allTracks(ctx: Context, contracts: MusicContracts): Promise<TrackRow[]> {
  const event = contracts.music.interface.getEvent("TrackRegistered");
  const from = ctx.deployment.contracts.MusicNFT.blockNumber;
  const logs = await chunkedLogs(ctx, ctx.deployment.contracts.MusicNFT.address, event.topicHash, from);
  const now = await ctx.now();
  return Promise.all(
    logs.map(async (log) => {
      const parsed = contracts.music.interface.parseLog(log);
      if (!parsed) throw new Error("not a TrackRegistered log");
      const tokenId = parsed.args[0] as bigint;
      const metadataUri = await contracts.music.tokenURI(tokenId);
      const row: TrackRow = {
        tokenId,
        registrant: parsed.args[1] as string,
        owner: await contracts.music.ownerOf(tokenId),
        tier: Number(parsed.args[5]),
        licenseId: Number(parsed.args[6]),
        registeredAt: Number(parsed.args[7]),
        metadataUri,
        metadata: await trackMetadata(metadataUri, ctx.io.env, isDevnetChain(ctx.chainId)),
      };
      if (contracts.market) {
        const listing = await contracts.market.listingOf(tokenId);
        if (listing.seller !== ZeroAddress && listing.seller === row.owner && Number(listing.expiresAt) > now) {
          row.listing = { price: listing.price, currency: listing.currency, expiresAt: Number(listing.expiresAt) };
        }
      }
      if (contracts.auction) {
        const auction = await contracts.auction.auctionOf(tokenId);
        const endsAt = Number(auction.startTime) + Number(auction.duration);
        if (auction.seller !== ZeroAddress && endsAt > now) {
          row.auction = {
            price: await contracts.auction.currentPrice(tokenId),
            currency: auction.currency,
            endsAt,
            reserve: auction.reservePrice,
          };
        }
      }
      return row;
    }),
  );
}

function status(row: TrackRow): string {
  if (row.auction) return `auction, now ${formatAmount(row.auction.price, row.auction.currency)}`;
  if (row.listing) return `listed at ${formatAmount(row.listing.price, row.listing.currency)}`;
  return "";
}

export const tracks: Command = {
  name: "tracks",
  usage: "tracks [--json]",
  summary:
    "every registered track: title and artist (from its metadata), id (content hash), registrant, owner, tier, and its listing or live auction",
  options: ["json"],
  async run(args, io, connect) {
    const ctx = await connect();
    const rows = await allTracks(ctx, musicContracts(ctx));
    if (args.flags.has("json")) return print(io, toJson(rows));
    if (rows.length === 0)
      return print(io, `no tracks yet on chain ${ctx.chainId}; \`npm run music -- mint\` registers one`);
    const names = rows.map((row) => describeTrack(row.metadata));
    const width = Math.min(40, Math.max(...names.map((name) => name.length)));
    for (const [i, row] of rows.entries()) {
      print(
        io,
        `${names[i].padEnd(width)}  ${shortId(row.tokenId)}  ${(TIER_NAMES[row.tier] ?? `tier ${row.tier}`).padEnd(5)}  by ${shortAddress(row.registrant)}  owner ${shortAddress(row.owner)}  ${status(row)}`.trimEnd(),
      );
    }
    if (names.includes(describeTrack({}))) {
      note(
        io,
        "tracks without a title: their metadata is in no local store (FLYAI_METADATA_DIR) and no gateway (FLYAI_IPFS_GATEWAY) served it",
      );
    }
  },
};

export const track: Command = {
  name: "track",
  usage: "track <id> [--json]",
  summary: "one track's copyright record, creators and shares, metadata URI, royalty roles and revenue, sale status",
  options: ["json"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const tokenId = parseTrackId(text);
    const ctx = await connect();
    const contracts = musicContracts(ctx);
    if (!(await contracts.music.exists(tokenId))) {
      throw new CliError(`no track ${idHex(tokenId)} on chain ${ctx.chainId}`, "`npm run music -- tracks` lists them");
    }
    const [record, owner, uri, roles, [, royaltyPer1Eth], potsEth] = await Promise.all([
      contracts.music.trackOf(tokenId),
      contracts.music.ownerOf(tokenId),
      contracts.music.tokenURI(tokenId),
      contracts.splitter.rolesOf(tokenId),
      contracts.music.royaltyInfo(tokenId, 10n ** 18n),
      contracts.splitter.potsOf(tokenId, ZeroAddress),
    ]);
    const row = (await allTracks(ctx, contracts)).find((r) => r.tokenId === tokenId);
    if (args.flags.has("json")) {
      return print(io, toJson({ tokenId: idHex(tokenId), owner, tokenURI: uri, record, roles, potsEth, sale: row }));
    }
    print(
      io,
      keyValues([
        ["track", idHex(tokenId)],
        ["title", describeTrack(row?.metadata ?? (await trackMetadata(uri, ctx.io.env, isDevnetChain(ctx.chainId))))],
        ["content", `sha-256 of the audio = ${idHex(tokenId)}`],
        ["registered", `${formatDate(record.registeredAt)} by ${record.registrant}`],
        ["metadata", uri],
        ["tier", `${TIER_NAMES[Number(record.tier)] ?? record.tier}, license ${record.licenseId}`],
        ["creators", record.creators.map((c) => `${c.account} ${Number(c.shareBps) / 100}%`).join("\n")],
        ["owner", owner],
        ["royalty", `${Number(royaltyPer1Eth) / 1e16}% of every sale, to the RoyaltySplitter`],
        ["collector", roles.collector === ZeroAddress ? "none yet (the first buyer)" : roles.collector],
        ["curator", roles.curator === ZeroAddress ? "none yet (named by a buyer's referrer)" : roles.curator],
        [
          "revenue",
          `ETH pots: creators ${formatAmount(potsEth[0], ZeroAddress)}, curator ${formatAmount(potsEth[1], ZeroAddress)}, collector ${formatAmount(potsEth[2], ZeroAddress)}`,
        ],
        ["sale", row ? status(row) || "not for sale" : "not for sale"],
      ]),
    );
  },
};
