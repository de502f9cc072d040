// Parameters of the music core: tiers, the revenue split, fees. Every one is owned by the timelock after deploy and
// changes only through a proposal, within the bounds the contracts enforce (quoted here so a bad file fails before
// anything is sent).
import { parseEther } from "ethers";

export interface TierParams {
  id: number;
  name: string;
  /** "ETH" or "MINT" */
  feeToken: "ETH" | "MINT";
  /** in whole fee-token units, e.g. "0.002" */
  mintFee: string;
  royaltyBps: number;
  maxCoAuthors: number;
  flags: number;
}

export interface MusicParams {
  /** Bound on any tier's fee, whole units. */
  maxMintFee: string;
  tiers: TierParams[];
  split: { creatorsBps: number; curatorBps: number; collectorBps: number; platformBps: number };
  curatorResaleBps: number;
  protocolFeeBps: number;
  /** Account allowed to start Dutch auctions for sellers who opted in (the keeper); null for none. */
  auctionKeeper: string | null;
  /** Commit–reveal registration: seconds a commitment waits before its reveal, and after which it expires. */
  minCommitAge: number;
  commitWindow: number;
}

export const TIER_FLAGS = { fullGeneratorParams: 1, commercialLicense: 2 } as const;

export const MUSIC_DEFAULTS: MusicParams = {
  maxMintFee: "1000000",
  tiers: [
    { id: 0, name: "basic", feeToken: "ETH", mintFee: "0.002", royaltyBps: 500, maxCoAuthors: 4, flags: 0 },
    {
      id: 1,
      name: "pro",
      feeToken: "MINT",
      mintFee: "100",
      royaltyBps: 1000,
      maxCoAuthors: 16,
      flags: TIER_FLAGS.fullGeneratorParams | TIER_FLAGS.commercialLicense,
    },
  ],
  split: { creatorsBps: 7000, curatorBps: 1500, collectorBps: 1000, platformBps: 500 },
  curatorResaleBps: 3000,
  protocolFeeBps: 250,
  auctionKeeper: null,
  // a copier who learns a content hash from its reveal must see the reveal stay unmined this long to register first
  minCommitAge: 60,
  commitWindow: 86_400,
};

/** Devnet: a commitment may be revealed 3 s after it (a person minting by hand waits a moment, not a minute). */
export const DEVNET_COMMIT_TIMING = { minCommitAge: 3, commitWindow: 86_400 } as const;

/** The contracts' bounds (MusicNFT, RoyaltySplitter, SaleSettlement). */
const BOUNDS = {
  maxRoyaltyBps: 1000,
  maxCoAuthors: 16,
  minCreatorsBps: 5000,
  maxCuratorBps: 3000,
  maxCollectorBps: 2000,
  maxPlatformBps: 1000,
  maxCuratorResaleBps: 5000,
  maxProtocolFeeBps: 1000,
  maxMinCommitAge: 3600,
  maxCommitWindow: 7 * 86_400,
};

export function musicProblems(music: MusicParams): string[] {
  const problems: string[] = [];
  let maxFee: bigint | undefined;
  try {
    maxFee = parseEther(music.maxMintFee);
  } catch {
    problems.push(`music.maxMintFee is not an amount: ${music.maxMintFee}`);
  }
  const ids = new Set<number>();
  music.tiers.forEach((tier, i) => {
    const at = `music.tiers[${i}]`;
    if (!Number.isInteger(tier.id) || tier.id < 0 || tier.id > 255) problems.push(`${at}.id must be 0..255`);
    if (ids.has(tier.id)) problems.push(`${at}.id ${tier.id} is used twice`);
    ids.add(tier.id);
    if (tier.feeToken !== "ETH" && tier.feeToken !== "MINT") problems.push(`${at}.feeToken must be "ETH" or "MINT"`);
    try {
      if (maxFee !== undefined && parseEther(tier.mintFee) > maxFee) problems.push(`${at}.mintFee exceeds maxMintFee`);
    } catch {
      problems.push(`${at}.mintFee is not an amount: ${tier.mintFee}`);
    }
    if (tier.royaltyBps < 0 || tier.royaltyBps > BOUNDS.maxRoyaltyBps)
      problems.push(`${at}.royaltyBps must be 0..${BOUNDS.maxRoyaltyBps}`);
    if (tier.maxCoAuthors < 0 || tier.maxCoAuthors > BOUNDS.maxCoAuthors)
      problems.push(`${at}.maxCoAuthors must be 0..${BOUNDS.maxCoAuthors}`);
  });
  if (!Number.isInteger(music.minCommitAge) || music.minCommitAge < 1 || music.minCommitAge > BOUNDS.maxMinCommitAge)
    problems.push(`music.minCommitAge must be 1..${BOUNDS.maxMinCommitAge} seconds`);
  if (
    !Number.isInteger(music.commitWindow) ||
    music.commitWindow <= music.minCommitAge ||
    music.commitWindow > BOUNDS.maxCommitWindow
  )
    problems.push(`music.commitWindow must be above music.minCommitAge and at most ${BOUNDS.maxCommitWindow} seconds`);
  const { creatorsBps, curatorBps, collectorBps, platformBps } = music.split;
  if (creatorsBps + curatorBps + collectorBps + platformBps !== 10_000) problems.push("music.split must sum to 10000");
  if (creatorsBps < BOUNDS.minCreatorsBps) problems.push(`music.split.creatorsBps must be >= ${BOUNDS.minCreatorsBps}`);
  if (curatorBps > BOUNDS.maxCuratorBps) problems.push(`music.split.curatorBps must be <= ${BOUNDS.maxCuratorBps}`);
  if (collectorBps > BOUNDS.maxCollectorBps)
    problems.push(`music.split.collectorBps must be <= ${BOUNDS.maxCollectorBps}`);
  if (platformBps > BOUNDS.maxPlatformBps) problems.push(`music.split.platformBps must be <= ${BOUNDS.maxPlatformBps}`);
  if (music.curatorResaleBps < 0 || music.curatorResaleBps > BOUNDS.maxCuratorResaleBps)
    problems.push(`music.curatorResaleBps must be 0..${BOUNDS.maxCuratorResaleBps}`);
  if (music.protocolFeeBps < 0 || music.protocolFeeBps > BOUNDS.maxProtocolFeeBps)
    problems.push(`music.protocolFeeBps must be 0..${BOUNDS.maxProtocolFeeBps}`);
  return problems;
}
