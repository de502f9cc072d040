// Seeds the music demo on the devnet: 3 creators register 6 tracks (one co-authored, one on the pro tier paid in
// MINT), a first sale through the marketplace (a collector and a curator), a fixed-price listing and a resale
// listing (the live Dutch auction comes later, `seedAuctions`, after the keeper's first epoch has moved the chain's
// clock). Metadata JSON files are written to <devnet dir>/metadata/<cid>.json, the bytes
// their raw CIDv1 names.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  DutchAuction__factory,
  Marketplace__factory,
  MintToken__factory,
  MusicNFT__factory,
  RoyaltySplitter__factory,
} from "@flyaimusic/bindings";
import { CODEC, cidToString, sha256Hex } from "@flyaimusic/protocol/cli/cid.ts";
import { type ContractTransactionResponse, formatEther, parseEther, ZeroAddress } from "ethers";
import { DEVNET_MUSIC_ACCOUNTS, signer } from "./accounts.ts";
import type { DevnetContext, DevnetStep } from "./steps.ts";

export interface DemoTrack {
  title: string;
  creator: keyof typeof DEVNET_MUSIC_ACCOUNTS;
  tier: 0 | 1;
  coAuthor?: { who: keyof typeof DEVNET_MUSIC_ACCOUNTS; shareBps: number };
  genre: string;
}

const TRACKS: DemoTrack[] = [
  { title: "Night Drive", creator: "nova", tier: 0, genre: "synthwave" },
  { title: "Glass Rain", creator: "nova", tier: 0, genre: "ambient", coAuthor: { who: "echo", shareBps: 4000 } },
  { title: "Paper Moons", creator: "echo", tier: 0, genre: "lo-fi" },
  { title: "Signal Fire", creator: "echo", tier: 0, genre: "drum and bass" },
  { title: "Tidal Memory", creator: "lyra", tier: 1, genre: "neo-classical" },
  { title: "Low Orbit", creator: "lyra", tier: 0, genre: "downtempo" },
];

async function mined(tx: Promise<ContractTransactionResponse>, what: string): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt?.status !== 1) throw new Error(`seed music: ${what} failed`);
}

function idHex(tokenId: bigint): string {
  return `0x${tokenId.toString(16).padStart(64, "0")}`;
}

/**
 * Registers a demo track on the devnet: stand-in audio bytes (`#number` makes them unique), a metadata JSON file
 * written to <devnet dir>/metadata/<cid>.json, the fee paid in the tier's currency. Returns the token id.
 */
export async function registerDemoTrack(
  context: DevnetContext,
  chainName: string,
  track: DemoTrack,
  number: number,
): Promise<bigint> {
  const chain = context.chain(chainName);
  const deployment = context.deployments.get(chainName);
  if (!deployment?.contracts.MusicNFT) throw new Error(`seed music: no music core on chain ${chainName}`);
  const c = deployment.contracts;
  const creator = signer(context.accounts[DEVNET_MUSIC_ACCOUNTS[track.creator]], chain.provider);
  const music = MusicNFT__factory.connect(c.MusicNFT.address, chain.provider);
  const token = MintToken__factory.connect(c.MintToken.address, chain.provider);
  const metadataDir = join(context.stateDir, "metadata");
  mkdirSync(metadataDir, { recursive: true });
  // stand-in audio bytes: the id of a real track is the sha-256 of its audio file
  const audio = new TextEncoder().encode(`FlyAIMusic devnet audio #${number}: ${track.title}`);
  const contentHash = sha256Hex(audio);
  const metadata = JSON.stringify({
    name: track.title,
    // the music NFT metadata fields (music-nft-20220222) wallets and players read title and artist from
    title: track.title,
    artist: track.coAuthor ? `${track.creator} + ${track.coAuthor.who}` : track.creator,
    description: `${track.title}, a ${track.genre} track made with the FlyAIMusic studio (devnet demo).`,
    animation_url: `ipfs://audio-of-${contentHash.slice(2, 10)}`,
    attributes: [
      { trait_type: "genre", value: track.genre },
      { trait_type: "tier", value: track.tier === 1 ? "pro" : "basic" },
    ],
  });
  const metadataBytes = new TextEncoder().encode(metadata);
  const digest = sha256Hex(metadataBytes);
  writeFileSync(join(metadataDir, `${cidToString(CODEC.raw, digest)}.json`), metadata);
  const tierConfig = await music.tierConfig(track.tier);
  if (tierConfig.feeToken !== ZeroAddress) {
    await mined(token.connect(creator).approve(c.MusicNFT.address, tierConfig.mintFee), "MINT fee approval");
  }
  const request = {
    contentHash,
    metadataDigest: digest,
    metadataCodec: CODEC.raw,
    tier: track.tier,
    licenseId: 1,
    to: creator.address,
    coAuthors: track.coAuthor
      ? [
          {
            account: context.accounts[DEVNET_MUSIC_ACCOUNTS[track.coAuthor.who]].address,
            shareBps: track.coAuthor.shareBps,
          },
        ]
      : [],
  };
  const value = tierConfig.feeToken === ZeroAddress ? tierConfig.mintFee : 0n;
  await mined(music.connect(creator).mint(request, { value }), `minting ${track.title}`);
  context.log.info(
    `${track.creator} registered "${track.title}" (${track.tier === 1 ? "pro" : "basic"}) as ${contentHash.slice(0, 10)}…`,
  );
  return BigInt(contentHash);
}

export function seedMusic(chainName: string): DevnetStep {
  return {
    title: `seed music (chain ${chainName}): creators, tracks, a sale and listings`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment?.contracts.MusicNFT) throw new Error(`seed music: no music core on chain ${chainName}`);
      const c = deployment.contracts;
      const as = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS | "alice") =>
        signer(context.accounts[who === "alice" ? 1 : DEVNET_MUSIC_ACCOUNTS[who]], chain.provider);
      const address = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS) => context.accounts[DEVNET_MUSIC_ACCOUNTS[who]].address;
      const music = MusicNFT__factory.connect(c.MusicNFT.address, chain.provider);
      const market = Marketplace__factory.connect(c.Marketplace.address, chain.provider);
      const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, chain.provider);
      const token = MintToken__factory.connect(c.MintToken.address, chain.provider);

      // lyra pays the pro tier in MINT: alice (a genesis holder) sends her some
      await mined(token.connect(as("alice")).transfer(address("lyra"), parseEther("1000")), "MINT for lyra");

      const ids: bigint[] = [];
      for (const [i, track] of TRACKS.entries()) {
        ids.push(await registerDemoTrack(context, chainName, track, i + 1));
      }

      for (const who of ["nova", "echo", "lyra", "sam"] as const) {
        await mined(music.connect(as(who)).setApprovalForAll(c.Marketplace.address, true), "marketplace approval");
        await mined(music.connect(as(who)).setApprovalForAll(c.DutchAuction.address, true), "auction approval");
      }
      const now = async () => BigInt((await chain.provider.getBlock("latest"))?.timestamp ?? 0);
      const week = 7n * 86_400n;

      // a first sale: sam buys "Paper Moons" from echo; rio surfaced it (curator), sam becomes its initial collector
      const paperMoons = ids[2];
      await mined(
        market.connect(as("echo")).list(paperMoons, ZeroAddress, parseEther("0.04"), (await now()) + week),
        "listing",
      );
      await mined(
        market.connect(as("sam")).buy(paperMoons, parseEther("0.04"), address("rio"), { value: parseEther("0.04") }),
        "first sale",
      );
      log.info('sam bought "Paper Moons" for 0.04 ETH (rio referred him: rio curates it, sam is its collector)');
      // ... and lists it again: a resale, where rio receives 30% of the royalty first
      await mined(
        market.connect(as("sam")).list(paperMoons, ZeroAddress, parseEther("0.09"), (await now()) + week),
        "resale listing",
      );
      // a primary listing
      await mined(
        market.connect(as("nova")).list(ids[0], ZeroAddress, parseEther("0.05"), (await now()) + week),
        "listing",
      );
      log.info('listed: "Night Drive" by nova at 0.05 ETH, "Paper Moons" resale by sam at 0.09 ETH');

      const [creatorsPot, curatorPot, collectorPot] = await splitter.potsOf(paperMoons, ZeroAddress);
      context.summary.push({
        title: "music",
        lines: [
          ...TRACKS.map(
            (t, i) =>
              `${idHex(ids[i]).slice(0, 10)}…  ${t.title.padEnd(13)} ${t.creator}${t.coAuthor ? ` + ${t.coAuthor.who}` : ""}`,
          ),
          `listed    Night Drive 0.05 ETH (nova); Paper Moons 0.09 ETH (resale by sam)`,
          `royalties Paper Moons' first sale: creators ${formatEther(creatorsPot)} ETH, curator ${formatEther(curatorPot)}, collector ${formatEther(collectorPot)}`,
          `metadata  ${join(context.stateDir, "metadata")}`,
        ],
      });
      const rpc = chain.port === 8545 ? "" : ` --rpc ${chain.rpcUrl}`;
      context.tryCommands.push(
        {
          command: `npm run music -- tracks${rpc}`,
          why: "the six tracks, their owners, listings and the live auction",
        },
        {
          command: `npm run music -- buy ${idHex(paperMoons)} --account ${DEVNET_MUSIC_ACCOUNTS.kim}${rpc}`,
          why: "a resale: rio (curator) gets 30% of the royalty first; see `music -- track <id>`",
        },
        {
          command: `npm run music -- earnings ${address("echo")}${rpc}`,
          why: "what echo can withdraw from the royalty split (`withdraw --account 7` takes it)",
        },
      );
    },
  };
}

/** The demo's Dutch auctions: a live one, and a keeper opt-in the keeper starts on its schedule. Runs after the
 * keeper step, whose first epoch moves the chain's clock an hour ahead (an auction started before would be over). */
export function seedAuctions(chainName: string, keeperDelaySeconds: number): DevnetStep {
  return {
    title: `seed auctions (chain ${chainName}): a live Dutch auction and a keeper opt-in`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment?.contracts.DutchAuction) throw new Error(`seed auctions: no auction on chain ${chainName}`);
      const as = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS) =>
        signer(context.accounts[DEVNET_MUSIC_ACCOUNTS[who]], chain.provider);
      const music = MusicNFT__factory.connect(deployment.contracts.MusicNFT.address, chain.provider);
      const auction = DutchAuction__factory.connect(deployment.contracts.DutchAuction.address, chain.provider);
      const ids = (await music.queryFilter(music.filters.TrackRegistered())).map((e) => e.args.tokenId);
      // a live Dutch auction: "Tidal Memory", 1 ETH falling exponentially to 0.1 ETH over 1 hour
      await mined(
        auction.connect(as("lyra")).startAuction(ids[4], {
          currency: ZeroAddress,
          startPrice: parseEther("1"),
          reservePrice: parseEther("0.1"),
          duration: 3600,
          curve: 1,
        }),
        "auction",
      );
      // echo lets the keeper auction "Signal Fire" with a floor of 0.02 ETH (the keeper prices it from market data)
      await mined(
        auction.connect(as("echo")).authorizeKeeper(ids[3], ZeroAddress, parseEther("0.02"), true),
        "keeper opt-in",
      );
      log.info('lyra started a Dutch auction of "Tidal Memory": 1 ETH -> 0.1 ETH (exponential) over 1 h');
      log.info(
        `echo authorised the keeper to auction "Signal Fire" (floor 0.02 ETH); the keeper starts it ${Math.round(keeperDelaySeconds / 60)} min after the opt-in`,
      );

      const price = await auction.currentPrice(ids[4]);
      context.summary.push({
        title: "auctions",
        lines: [
          `live      Tidal Memory now ${formatEther(price)} ETH, reserve 0.1 ETH, ends in 1 h`,
          `keeper    Signal Fire (echo opted in, floor 0.02 ETH): the keeper prices and starts it in ${Math.round(keeperDelaySeconds / 60)} min`,
        ],
      });
      const rpc = chain.port === 8545 ? "" : ` --rpc ${chain.rpcUrl}`;
      context.tryCommands.push(
        { command: `npm run music -- auctions${rpc}`, why: "the live Dutch auction and its price right now" },
        {
          command: `npm run music -- bid ${idHex(ids[4])} --account ${DEVNET_MUSIC_ACCOUNTS.kim}${rpc}`,
          why: "kim buys Tidal Memory at the current auction price (the excess is refunded)",
        },
      );
    },
  };
}
