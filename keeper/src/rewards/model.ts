// One epoch's MINT rewards: the fraud filters pick the plays that qualify, the quality index scores the tracks, and
// each of the five pools (EpochBudget) is split pro rata to a per-account weight documented below. Amounts are
// bigint wei, floor-divided, so every category pays at most its budget; what floor division leaves (dust) and pools
// nobody qualifies for are not paid and are reported in `unpaid`. Same input, same output: every map is built in
// sorted order and every float is summed in that order.
import type {
  EpochBudget,
  EpochInput,
  EpochRewards,
  Engagement,
  FraudFlag,
  Play,
  QualityIndex,
  RewardCategory,
  TrackInfo,
} from "../domain.ts";
import { compare, FRAUD_FILTERS, qualifyPlays, type FraudOptions } from "./fraud.ts";
import { computeCreatorReputation, computeTrackQuality, type QualityOptions } from "./quality.ts";
import { KeeperError } from "../errors.ts";

/** An epoch input the model refuses: a malformed address, shares that do not sum to 100%, a negative budget, ... */
export class EpochInputError extends KeeperError {
  override name = "EpochInputError";
}

/** The five pools, in the order amounts are reported. */
export const REWARD_CATEGORIES: readonly RewardCategory[] = Object.freeze([
  "listen",
  "holder",
  "create",
  "engagement",
  "discovery",
]);

export interface RewardOptions {
  fraud: Partial<FraudOptions>;
  quality: Partial<Omit<QualityOptions, "at">>;
  /** A track needs this many unique qualified listeners to earn create rewards (a score from two plays is noise). */
  createMinListeners: number;
  /**
   * A track's create weight is its quality score × L / (L + this), L its unique listeners: a perfect score from a
   * handful of listeners is weak evidence, so small audiences earn proportionally less per point of quality.
   */
  createConfidenceListeners: number;
  /** At most this many engagement actions count per account and epoch (past it, more saving is no more curation). */
  engagementCapPerAccount: number;
  /** Discovery compares a track's unique listeners with their mean over at most this many latest earlier epochs. */
  discoveryWindowEpochs: number;
  /** Growth below this many unique listeners over the baseline is noise, not discovery. */
  discoveryMinGrowth: number;
  /** ...and so is growth below this share of the baseline (a hit moving from 1,000 to 1,010 listeners). */
  discoveryMinRelativeGrowth: number;
}

export const DEFAULT_REWARD_OPTIONS: Readonly<Omit<RewardOptions, "fraud" | "quality">> = Object.freeze({
  createMinListeners: 3,
  createConfidenceListeners: 5,
  engagementCapPerAccount: 10,
  discoveryWindowEpochs: 7,
  discoveryMinGrowth: 3,
  discoveryMinRelativeGrowth: 0.2,
});

/** EpochRewards plus what was not paid, per category (dust and pools without qualifying accounts). */
export interface EpochRewardsReport extends EpochRewards {
  unpaid: EpochBudget;
  /** How many plays passed the fraud filters. */
  qualifiedPlays: number;
  /** Plays that passed the fraud filters, per track (streaming revenue is paid on these). */
  qualifiedPlaysByTrack: Map<string, number>;
}

/** Per-account weights of one category (the pool is split pro rata to them). */
export type CategoryWeights = Map<string, number>;

/** Weights as a pool is split by them: accounts in code-unit order, weights[i] being accounts[i]'s. */
export interface SortedWeights {
  accounts: string[];
  weights: number[];
}

/** What one pool pays: accounts in code-unit order, amounts[i] to accounts[i] (none of them 0). */
interface Payout {
  accounts: string[];
  amounts: bigint[];
}

/** Everything the category weights are computed from, after the filters. */
export interface EpochEvidence {
  /** The plays that passed the filters, sorted by comparePlays (so each listener's plays are neighbours). */
  qualified: Play[];
  engagements: Engagement[];
  trackById: Map<string, TrackInfo>;
  history: Map<string, number[]>;
  trackQuality: Map<string, QualityIndex>;
  /** Unique qualified listeners per track (tracks without qualified plays have no entry). */
  audience: Map<string, number>;
  /** For each account that engaged: the tracks it played with a qualified play. */
  heard: Map<string, Set<string>>;
  /** Accounts caught in a mutual-play ring: they earn nothing this epoch, in any category. */
  excluded: Set<string>;
}

export function computeEpochRewards(input: EpochInput, options: Partial<RewardOptions> = {}): EpochRewardsReport {
  const settings = rewardOptions(options);
  checkEpochInput(input);
  // Sorted by comparePlays: one fixed order for everything below, so float sums never depend on the order the plays
  // arrived in.
  const { qualified, flags } = qualifyPlays(input.plays, input.tracks, settings.fraud);
  const trackById = new Map(input.tracks.map((track) => [track.trackId, track]));
  const quality = { ...settings.quality, at: input.end };
  const trackQuality = computeTrackQuality(qualified, input.engagements, input.tracks, quality);
  const evidence: EpochEvidence = {
    qualified,
    engagements: input.engagements,
    trackById,
    history: input.history,
    trackQuality,
    audience: audienceSizes(qualified),
    heard: tracksHeard(qualified, input.engagements),
    excluded: ringMembers(flags),
  };

  const weights: Record<RewardCategory, SortedWeights> = {
    listen: listenWeights(evidence),
    holder: sortWeights(holderWeights(evidence)),
    create: sortWeights(createWeights(evidence, settings)),
    engagement: sortWeights(engagementWeights(evidence, settings)),
    discovery: sortWeights(discoveryWeights(evidence, settings)),
  };
  const paid = {} as Record<RewardCategory, Payout>;
  const unpaid = {} as EpochBudget;
  for (const category of REWARD_CATEGORIES) {
    paid[category] = split(input.budget[category], weights[category]);
    unpaid[category] = input.budget[category] - paid[category].amounts.reduce((sum, amount) => sum + amount, 0n);
  }

  return {
    epoch: input.epoch,
    rewards: rewardsByAccount(paid),
    flags,
    trackQuality,
    creatorReputation: computeCreatorReputation(trackQuality, input.tracks, quality),
    unpaid,
    qualifiedPlays: qualified.length,
    qualifiedPlaysByTrack: countByTrack(qualified),
  };
}

/** Every paid account in code-unit order, with what it earned in each category (in REWARD_CATEGORIES order). */
function rewardsByAccount(paid: Record<RewardCategory, Payout>): EpochRewards["rewards"] {
  // Each payout lists its accounts in order, so TimSort merges these five runs in about one pass, an account paid in
  // several categories ends up next to itself, and each payout is read front to back alongside (no lookups).
  const accounts = REWARD_CATEGORIES.flatMap((category) => paid[category].accounts).sort(compare);
  const next = REWARD_CATEGORIES.map(() => 0);
  const rewards: EpochRewards["rewards"] = new Map();
  accounts.forEach((account, i) => {
    if (i > 0 && account === accounts[i - 1]) return;
    const entry: Partial<Record<RewardCategory, bigint>> = {};
    REWARD_CATEGORIES.forEach((category, c) => {
      if (paid[category].accounts[next[c]] === account) entry[category] = paid[category].amounts[next[c]++];
    });
    rewards.set(account, entry);
  });
  return rewards;
}

function countByTrack(plays: readonly Play[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const play of plays) counts.set(play.trackId, (counts.get(play.trackId) ?? 0) + 1);
  return counts;
}

/**
 * Listen-to-earn: every listener with qualified plays weighs √(qualified seconds). Diminishing returns: four times
 * the listening earns twice, so a heavy listener (already capped by the filters) cannot take the pool from the many.
 * The one pool with an entry per listener, a million of them in a big epoch: its weights are read off the sorted
 * plays already in account order, with no Map.
 */
export function listenWeights(evidence: EpochEvidence): SortedWeights {
  const { qualified } = evidence;
  const weights: SortedWeights = { accounts: [], weights: [] };
  // Sorted by listener: each listener's plays are one run, summed in order, and listeners come in order.
  for (let i = 0; i < qualified.length;) {
    const listener = qualified[i].listener;
    let seconds = 0;
    for (; i < qualified.length && qualified[i].listener === listener; i++) seconds += qualified[i].playedSeconds;
    if (evidence.excluded.has(listener)) continue;
    weights.accounts.push(listener);
    weights.weights.push(Math.sqrt(seconds));
  }
  return weights;
}

/**
 * Holder mining: each track weighs its unique qualified listeners, paid to its current owner (an owner of several
 * tracks adds them up). Unique listeners, not plays or seconds: an audience, which one account cannot fake alone.
 * A track without a known owner earns nobody this pool.
 */
export function holderWeights(evidence: EpochEvidence): CategoryWeights {
  const weights: CategoryWeights = new Map();
  for (const [trackId, listeners] of sortedEntries(evidence.audience)) {
    const owner = evidence.trackById.get(trackId)?.owner;
    if (!owner || evidence.excluded.has(owner)) continue;
    weights.set(owner, (weights.get(owner) ?? 0) + listeners);
  }
  return weights;
}

/**
 * Create-to-earn: each track with at least `createMinListeners` unique qualified listeners weighs its quality score
 * (quality.ts) × L / (L + `createConfidenceListeners`), split among its creators by their shareBps.
 */
export function createWeights(evidence: EpochEvidence, options: RewardOptions): CategoryWeights {
  const weights: CategoryWeights = new Map();
  for (const [trackId, quality] of sortedEntries(evidence.trackQuality)) {
    const listeners = evidence.audience.get(trackId) ?? 0;
    if (listeners < options.createMinListeners) continue;
    const points = quality.score * (listeners / (listeners + options.createConfidenceListeners));
    for (const creator of evidence.trackById.get(trackId)?.creators ?? []) {
      if (evidence.excluded.has(creator.account)) continue;
      weights.set(creator.account, (weights.get(creator.account) ?? 0) + (points * creator.shareBps) / 10_000);
    }
  }
  return weights;
}

/**
 * Engagement: an account weighs the number of distinct (kind, track) actions it took — a save, a comment, a
 * playlist add each count once per track however often repeated — capped at `engagementCapPerAccount`. An action
 * counts only on a track the account itself listened to with a qualified play this epoch (engagement with music
 * one has heard, not save-spam) and that at least one other account also listened to (engagement points at music
 * people hear). Self-plays never qualify, so actions on a track the account holds a role on never count.
 */
export function engagementWeights(evidence: EpochEvidence, options: RewardOptions): CategoryWeights {
  const actions = new Map<string, Set<string>>();
  for (const engagement of evidence.engagements) {
    const account = engagement.account;
    if (evidence.excluded.has(account)) continue;
    const heard = evidence.heard.get(account)?.has(engagement.trackId) ?? false;
    if (!heard || (evidence.audience.get(engagement.trackId) ?? 0) < 2) continue;
    const set = actions.get(account) ?? new Set<string>();
    set.add(`${engagement.kind}:${engagement.trackId}`);
    actions.set(account, set);
  }
  const weights: CategoryWeights = new Map();
  for (const [account, set] of sortedEntries(actions)) {
    weights.set(account, Math.min(set.size, options.engagementCapPerAccount));
  }
  return weights;
}

/**
 * Discovery: a track whose unique qualified listeners grew over its baseline — their mean over the latest
 * `discoveryWindowEpochs` earlier epochs in `history` — by at least `discoveryMinGrowth` listeners and by at least
 * `discoveryMinRelativeGrowth` of the baseline weighs that growth (in listeners). Its initial collector and its
 * curator, when set, share it equally; a creator of the track is no discoverer of it. A track without history has
 * no baseline yet and is skipped (its first epoch is not growth).
 */
export function discoveryWeights(evidence: EpochEvidence, options: RewardOptions): CategoryWeights {
  const weights: CategoryWeights = new Map();
  for (const [trackId, listeners] of sortedEntries(evidence.audience)) {
    const earlier = evidence.history.get(trackId) ?? [];
    if (earlier.length === 0) continue;
    const window = earlier.slice(-options.discoveryWindowEpochs);
    const baseline = window.reduce((sum, count) => sum + count, 0) / window.length;
    const growth = listeners - baseline;
    if (growth < options.discoveryMinGrowth || listeners < baseline * (1 + options.discoveryMinRelativeGrowth)) {
      continue;
    }
    const track = evidence.trackById.get(trackId);
    if (!track) continue;
    const creators = new Set(track.creators.map((c) => c.account));
    const discoverers = [...new Set([track.collector, track.curator])].filter(
      (account): account is string => !!account && !creators.has(account) && !evidence.excluded.has(account),
    );
    for (const account of discoverers) weights.set(account, (weights.get(account) ?? 0) + growth / discoverers.length);
  }
  return weights;
}

/** Fractional weights are scaled to integers, this many units for the largest weight, before the bigint split. */
const WEIGHT_UNITS = 2 ** 50;

/**
 * Splits `budget` pro rata to `weights`, floor division per account: the sum never exceeds the budget; the
 * remainder (at most one wei per account, plus weights too small to register) is left unpaid. Accounts whose share
 * rounds to 0 get no entry.
 */
export function splitPool(budget: bigint, weights: CategoryWeights): Map<string, bigint> {
  const { accounts, amounts } = split(budget, sortWeights(weights));
  return new Map(accounts.map((account, i) => [account, amounts[i]]));
}

/** `weights` in account order. */
function sortWeights(weights: CategoryWeights): SortedWeights {
  const accounts = [...weights.keys()].sort(compare);
  return { accounts, weights: accounts.map((account) => weights.get(account) ?? 0) };
}

/** splitPool over weights already in account order, paying in account order. */
function split(budget: bigint, weights: SortedWeights): Payout {
  const accounts: string[] = [];
  const values: number[] = [];
  weights.accounts.forEach((account, i) => {
    if (!(weights.weights[i] > 0)) return;
    accounts.push(account);
    values.push(weights.weights[i]);
  });
  const payout: Payout = { accounts: [], amounts: [] };
  if (budget <= 0n || accounts.length === 0) return payout;
  values.forEach((weight, i) => {
    if (!Number.isFinite(weight)) throw new EpochInputError(`weight of ${accounts[i]} is ${weight}`);
  });
  // Whole-number weights (listeners, actions) are used as they are, so their split is exact; others are scaled.
  const whole = values.every((weight) => Number.isSafeInteger(weight));
  const largest = values.reduce((max, weight) => Math.max(max, weight), 0);
  const units = values.map((weight) => BigInt(whole ? weight : Math.round((weight / largest) * WEIGHT_UNITS)));
  const total = units.reduce((sum, unit) => sum + unit, 0n);
  accounts.forEach((account, i) => {
    const amount = (budget * units[i]) / total;
    if (amount === 0n) return;
    payout.accounts.push(account);
    payout.amounts.push(amount);
  });
  return payout;
}

/** The defaults overridden by `options`, each checked. */
export function rewardOptions(options: Partial<RewardOptions> = {}): RewardOptions {
  const settings: RewardOptions = { fraud: {}, quality: {}, ...DEFAULT_REWARD_OPTIONS, ...options };
  for (const name of [
    "createMinListeners",
    "createConfidenceListeners",
    "engagementCapPerAccount",
    "discoveryWindowEpochs",
  ] as const) {
    if (!Number.isFinite(settings[name]) || settings[name] <= 0) {
      throw new EpochInputError(`reward option ${name} must be a positive number, got ${settings[name]}`);
    }
  }
  for (const name of ["discoveryMinGrowth", "discoveryMinRelativeGrowth"] as const) {
    if (!Number.isFinite(settings[name]) || settings[name] < 0) {
      throw new EpochInputError(`reward option ${name} must be a number ≥ 0, got ${settings[name]}`);
    }
  }
  return settings;
}

const ADDRESS = /^0x[0-9a-f]{40}$/;
const TOKEN_ID = /^(0|[1-9][0-9]*)$/;
const ENGAGEMENT_KINDS = new Set(["save", "comment", "playlist"]);

/** Refuses an input the model would misread (see EpochInputError); the fraud filters check the plays' numbers. */
export function checkEpochInput(input: EpochInput): void {
  const fail = (message: string): never => {
    throw new EpochInputError(`epoch ${input.epoch}: ${message}`);
  };
  if (!Number.isSafeInteger(input.epoch) || input.epoch < 0) fail(`epoch number ${input.epoch}`);
  if (!(Number.isFinite(input.start) && Number.isFinite(input.end) && input.start < input.end)) {
    fail(`[start, end) = [${input.start}, ${input.end}) is no time range`);
  }
  for (const category of REWARD_CATEGORIES) {
    const amount = input.budget[category];
    if (typeof amount !== "bigint" || amount < 0n) fail(`budget.${category} must be a bigint ≥ 0, got ${amount}`);
  }
  const address = (value: unknown, what: string) => {
    if (typeof value !== "string" || !ADDRESS.test(value)) fail(`${what} ${String(value)} is not a lower-case address`);
  };
  const ids = new Set<string>();
  for (const track of input.tracks) {
    if (!TOKEN_ID.test(track.trackId)) fail(`track id ${track.trackId} is not a decimal token id`);
    if (ids.has(track.trackId)) fail(`track ${track.trackId} is listed twice`);
    ids.add(track.trackId);
    if (!Number.isFinite(track.registeredAt)) fail(`track ${track.trackId}: registeredAt ${track.registeredAt}`);
    if (track.creators.length === 0) fail(`track ${track.trackId} has no creator`);
    let total = 0;
    const seen = new Set<string>();
    for (const creator of track.creators) {
      address(creator.account, `track ${track.trackId}: creator`);
      if (seen.has(creator.account)) fail(`track ${track.trackId}: creator ${creator.account} is listed twice`);
      seen.add(creator.account);
      if (!Number.isSafeInteger(creator.shareBps) || creator.shareBps <= 0) {
        fail(`track ${track.trackId}: creator ${creator.account} has share ${creator.shareBps} bps`);
      }
      total += creator.shareBps;
    }
    if (total !== 10_000) fail(`track ${track.trackId}: creator shares sum to ${total} bps, not 10000`);
    for (const role of ["owner", "collector", "curator"] as const) {
      if (track[role] !== undefined) address(track[role], `track ${track.trackId}: ${role}`);
    }
  }
  for (const play of input.plays) {
    address(play.listener, "listener");
    if (!ids.has(play.trackId)) fail(`play by ${play.listener} of unknown track ${play.trackId}`);
  }
  for (const engagement of input.engagements) {
    address(engagement.account, "engaging account");
    if (!ENGAGEMENT_KINDS.has(engagement.kind)) fail(`engagement kind ${engagement.kind}`);
    if (!ids.has(engagement.trackId)) fail(`${engagement.kind} by ${engagement.account} of unknown track`);
  }
  for (const [trackId, counts] of input.history) {
    if (!counts.every((count) => Number.isFinite(count) && count >= 0)) {
      fail(`history of track ${trackId} holds a count that is no number ≥ 0`);
    }
  }
}

/** Accounts the cluster filter caught: a ring faked its audience, so it earns from no pool this epoch. */
function ringMembers(flags: FraudFlag[]): Set<string> {
  return new Set(flags.filter((flag) => flag.filter === FRAUD_FILTERS.cluster).map((flag) => flag.account));
}

/**
 * Unique listeners per track, from plays sorted by listener: a listener's plays are neighbours, so a track counts a
 * listener when it is not the last one it counted (no set of listeners per track).
 */
function audienceSizes(sorted: Play[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const lastCounted = new Map<string, string>();
  for (const play of sorted) {
    if (lastCounted.get(play.trackId) === play.listener) continue;
    lastCounted.set(play.trackId, play.listener);
    sizes.set(play.trackId, (sizes.get(play.trackId) ?? 0) + 1);
  }
  return sizes;
}

/** The tracks each engaging account played with a qualified play (engagement counts only on music one heard). */
function tracksHeard(qualified: Play[], engagements: Engagement[]): Map<string, Set<string>> {
  const heard = new Map<string, Set<string>>();
  for (const engagement of engagements) heard.set(engagement.account, new Set());
  for (const play of qualified) heard.get(play.listener)?.add(play.trackId);
  return heard;
}

function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => compare(a, b));
}
