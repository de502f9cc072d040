// The keeper's shared vocabulary: what a play, an engagement action, a track and an epoch's rewards look like
// between the API, the store, the fraud filters, the reward model, the pricing model and the Merkle tree.
// Amounts are bigint MINT wei; times are unix seconds; addresses are lower-case 0x strings; token ids are
// decimal strings (a track id is the uint256 sha-256 of its audio, too big for a JS number).

/** One play inside a signed listening report, as stored (after signature and bounds checks). */
export interface Play {
  listener: string;
  trackId: string;
  /** When the play started (unix seconds, listener's clock, checked against ours within a skew). */
  startedAt: number;
  /** How long the listener played it, seconds. */
  playedSeconds: number;
  /** Digest of the signed report the play came in (its EIP-712 hash): where it came from. The store keeps it;
   * reads for a reward epoch leave it out (a million 66-character strings the model does not need). */
  reportDigest?: string;
}

/** The signed `kind` of an engagement is its index here (0 save, 1 comment, 2 playlist). */
export const ENGAGEMENT_KINDS = ["save", "comment", "playlist"] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

/** A signed engagement action: saving a track, commenting on it (the text's hash is signed), adding it to a playlist. */
export interface Engagement {
  account: string;
  kind: EngagementKind;
  trackId: string;
  at: number;
  /** For a comment: keccak256 of its text; for a playlist: the playlist id; zero hash for a save. */
  ref: string;
}

/** What the keeper knows of a track from the chain (TrackRegistered, CoAuthorsRegistered, splitter roles). */
export interface TrackInfo {
  trackId: string;
  registeredAt: number;
  tier: number;
  /** Every creator with its share of the creator revenue in bps (sums to 10,000). */
  creators: { account: string; shareBps: number }[];
  /** Initial collector (first buyer) and curator, when assigned. */
  collector?: string;
  curator?: string;
  /** Current owner of the NFT (holder mining pays it). */
  owner?: string;
}

/** A sale seen on chain (marketplace or auction), for pricing and discovery. */
export interface Sale {
  trackId: string;
  seller: string;
  buyer: string;
  /** address(0) for ETH, else the MINT token. */
  currency: string;
  price: bigint;
  at: number;
}

/** The reward pools of one epoch (MINT wei each). */
export interface EpochBudget {
  listen: bigint;
  holder: bigint;
  create: bigint;
  engagement: bigint;
  discovery: bigint;
}

export type RewardCategory = keyof EpochBudget;

/** Everything one epoch's reward computation reads. */
export interface EpochInput {
  epoch: number;
  /** [start, end) of the epoch, unix seconds. */
  start: number;
  end: number;
  budget: EpochBudget;
  plays: Play[];
  engagements: Engagement[];
  tracks: TrackInfo[];
  /** Per track, unique listeners in each earlier epoch, oldest first (growth and novelty signals). */
  history: Map<string, number[]>;
}

/** Why a listener's plays earned less (or nothing): one line a person can read, with the filter's name. */
export interface FraudFlag {
  account: string;
  filter: string;
  reason: string;
  /** Plays of this listener the filter took out of the reward base. */
  playsRemoved: number;
}

/** The quality / reputation index of a track or a creator, with the indicators it was computed from. */
export interface QualityIndex {
  score: number;
  indicators: Record<string, number>;
  weights: Record<string, number>;
}

/** One epoch's rewards: per account, per category, MINT wei (sums to at most the budget of each category). */
export interface EpochRewards {
  epoch: number;
  rewards: Map<string, Partial<Record<RewardCategory, bigint>>>;
  flags: FraudFlag[];
  trackQuality: Map<string, QualityIndex>;
  creatorReputation: Map<string, QualityIndex>;
}

/** One leaf of the distributor's tree: `account` has earned `cumulative` MINT wei since the start. */
export interface RewardLeaf {
  account: string;
  cumulative: bigint;
}
