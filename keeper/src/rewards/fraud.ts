// Fraud filters: which of an epoch's plays may earn rewards. Every filter is its own function with its thresholds as
// named options; applyFraudFilters runs them in a fixed order and returns the plays that qualify plus one flag per
// listener and filter that took plays away, saying why in words a listener can read.
//
// Order, and why:
//   1. machine timing — judged on ALL of a listener's plays, before anything is removed: short or self plays are part
//      of the evidence (a bot that starts a play every 31 s is a bot, whatever it played);
//   2. minimum length — a play too short to be listening;
//   3. loops          — judged on the plays that are still real listening;
//   4. clusters       — mutual-play rings, judged on real listening including self-plays: a ring member's plays of
//      its own and its partners' tracks are the evidence, and removing them first would hide the ring;
//   5. self-plays     — a play by an account that is paid by the track's listening never earns;
//   6. listening cap  — last, so the cap counts only plays that would otherwise be rewarded.
//
// The filters read the plays through one index by listener (PlayIndex, at the bottom), sorted once and narrowed
// after each filter: an epoch can hold a million listeners, too many to regroup into Maps of arrays six times.
import type { FraudFlag, Play, TrackInfo } from "../domain.ts";
import { KeeperError } from "../errors.ts";

/** A play, a track list or an option the filters cannot work with (the caller's data is wrong, not the listener). */
export class FraudFilterInputError extends KeeperError {
  override name = "FraudFilterInputError";
}

/** Filter names as they appear in flags (stable: the API and the dashboard show them). */
export const FRAUD_FILTERS = {
  machineTiming: "machine-timing",
  selfPlay: "self-play",
  minimumDuration: "minimum-duration",
  loop: "loop",
  cluster: "cluster",
  listeningCap: "listening-cap",
} as const;

export type FraudFilterName = (typeof FRAUD_FILTERS)[keyof typeof FRAUD_FILTERS];

export interface FraudOptions {
  /** A play shorter than this is sampling or skipping, not listening; it earns nothing. */
  minPlaySeconds: number;
  /**
   * Rewarded listening per listener and epoch; plays past it are removed. Eight hours is a working day of music;
   * more is a device left running or a bot, and either way should not take a larger part of the pool.
   */
  maxRewardedSecondsPerListener: number;
  /** Machine timing is only judged on a listener with at least this many plays (fewer gaps prove nothing). */
  regularTimingMinPlays: number;
  /**
   * Inter-start gaps whose coefficient of variation (standard deviation / mean) is below this are machine-made:
   * people skip, pause and play tracks of different lengths, so their gaps scatter; twenty near-equal gaps in a row
   * are a clock. 0.1 still catches a bot jittering its interval by ±15%; a person autoplaying twenty tracks of
   * near-equal length without a skip or a pause would be caught too (accepted, see dropMachineTimedListeners).
   */
  regularTimingMaxVariation: number;
  /** A gap longer than this is a break between sessions; it says nothing about the clock and is not counted. */
  sessionBreakSeconds: number;
  /** A track played more than this many times by one listener in an epoch may be a loop... */
  loopPlayThreshold: number;
  /** ...when it is also more than this share of the listener's plays. */
  loopShareThreshold: number;
  /** Of a looped track, only the listener's first this-many plays of the epoch count. */
  loopPlaysKept: number;
  /** A mutual-play group is a ring when at least this share of its members' plays go to the group's tracks. */
  clusterMinInsideShare: number;
  /**
   * A member stays in a group only while at least this share of its own tracks' plays come from the group: a creator
   * with an audience of its own is no closed ring, even if it mostly listens to friends who listen to it.
   */
  clusterMinAudienceShare: number;
  /** ...and while at least this share of its own plays go to the group's tracks (else it listens elsewhere). */
  clusterMemberMinInsideShare: number;
  /** A group with fewer plays than this in the epoch is too small to judge (two friends swapping one play each). */
  clusterMinPlays: number;
}

export const DEFAULT_FRAUD_OPTIONS: Readonly<FraudOptions> = Object.freeze({
  minPlaySeconds: 30,
  maxRewardedSecondsPerListener: 8 * 3600,
  regularTimingMinPlays: 20,
  regularTimingMaxVariation: 0.1,
  sessionBreakSeconds: 30 * 60,
  loopPlayThreshold: 20,
  loopShareThreshold: 0.5,
  loopPlaysKept: 5,
  clusterMinInsideShare: 0.9,
  clusterMinAudienceShare: 0.5,
  clusterMemberMinInsideShare: 0.5,
  clusterMinPlays: 10,
});

export interface FraudFilterResult {
  /** The plays that may earn, in their input order. */
  qualified: Play[];
  /** One flag per listener and filter that removed any of its plays, in filter order, then by account. */
  flags: FraudFlag[];
}

/** What one filter keeps and why it removed the rest. */
export interface FilterOutcome {
  kept: Play[];
  flags: FraudFlag[];
}

/** Runs every filter in order (see the top of this file) over one epoch's plays. */
export function applyFraudFilters(
  plays: Play[],
  tracks: TrackInfo[],
  options: Partial<FraudOptions> = {},
): FraudFilterResult {
  const { removed, flags } = runFilters(plays, tracks, options);
  return { qualified: plays.filter((_, position) => removed[position] === 0), flags };
}

/**
 * applyFraudFilters for the reward model: the same plays qualify and the same flags are raised, but the qualified
 * plays come sorted by comparePlays instead of in input order, so the model need not sort a million plays again.
 */
export function qualifyPlays(
  plays: Play[],
  tracks: TrackInfo[],
  options: Partial<FraudOptions> = {},
): { qualified: Play[]; flags: FraudFlag[] } {
  const { index, flags } = runFilters(plays, tracks, options);
  // The index is chronological per listener with ties in input order; comparePlays breaks ties by length first.
  // Only ties can be out of place, so TimSort's sort of this almost sorted array is about one pass.
  const qualified = Array.from(index.order, (position) => plays[position]).sort(comparePlays);
  return { qualified, flags };
}

/** A filter over the index: marks the plays it removes in `removed` (by input position) and says why. */
type Filter = (index: PlayIndex, removed: Uint8Array) => FraudFlag[];

/** The filters in order over one index, narrowed after each; `index` ends holding the qualified plays. */
function runFilters(
  plays: Play[],
  tracks: TrackInfo[],
  options: Partial<FraudOptions>,
): { index: PlayIndex; removed: Uint8Array; flags: FraudFlag[] } {
  const settings = fraudOptions(options);
  const trackById = indexTracks(tracks);
  checkPlays(plays, trackById);

  const filters: Filter[] = [
    (index, removed) => machineTiming(index, removed, settings),
    (index, removed) => shortPlays(index, removed, settings),
    (index, removed) => loopedTracks(index, removed, settings),
    (index, removed) => closedClusters(index, removed, trackById, settings),
    (index, removed) => selfPlays(index, removed, trackById),
    (index, removed) => listeningOverCap(index, removed, settings),
  ];
  const flags: FraudFlag[] = [];
  const removed = new Uint8Array(plays.length);
  let index = indexByListener(plays);
  for (const filter of filters) {
    for (const flag of filter(index, removed)) flags.push(flag);
    index = narrow(index, removed);
  }
  return { index, removed, flags };
}

/** One filter alone over `plays`: what the exported drop... functions return. */
function filterAlone(plays: Play[], filter: Filter): FilterOutcome {
  const removed = new Uint8Array(plays.length);
  const flags = filter(indexByListener(plays), removed);
  return { kept: plays.filter((_, position) => removed[position] === 0), flags };
}

/** The defaults overridden by `options`, each checked. */
export function fraudOptions(options: Partial<FraudOptions> = {}): FraudOptions {
  const settings: FraudOptions = { ...DEFAULT_FRAUD_OPTIONS, ...options };
  const positive = (name: keyof FraudOptions) => {
    if (!Number.isFinite(settings[name]) || settings[name] <= 0) {
      throw new FraudFilterInputError(`fraud option ${name} must be a positive number, got ${settings[name]}`);
    }
  };
  const share = (name: keyof FraudOptions) => {
    if (!(settings[name] >= 0 && settings[name] <= 1)) {
      throw new FraudFilterInputError(`fraud option ${name} must be a share between 0 and 1, got ${settings[name]}`);
    }
  };
  positive("minPlaySeconds");
  positive("maxRewardedSecondsPerListener");
  positive("regularTimingMinPlays");
  positive("regularTimingMaxVariation");
  positive("sessionBreakSeconds");
  positive("loopPlayThreshold");
  positive("loopPlaysKept");
  positive("clusterMinPlays");
  share("loopShareThreshold");
  share("clusterMinInsideShare");
  share("clusterMinAudienceShare");
  share("clusterMemberMinInsideShare");
  return settings;
}

/**
 * (c) Machine timing: a listener with at least `regularTimingMinPlays` plays whose inter-start gaps (breaks between
 * sessions left out) have a coefficient of variation below `regularTimingMaxVariation` loses all its plays. Known
 * false positives, accepted: a person whose whole day is one track on repeat (CV 0) — the loop filter would have
 * kept only a few of those plays anyway — or twenty-odd equal-length tracks autoplayed without a skip. The flag
 * takes away listening rewards only, never what the account earns as a creator, holder or discoverer.
 */
export function dropMachineTimedListeners(plays: Play[], options: FraudOptions): FilterOutcome {
  return filterAlone(plays, (index, removed) => machineTiming(index, removed, options));
}

function machineTiming(index: PlayIndex, removed: Uint8Array, options: FraudOptions): FraudFlag[] {
  const flags: FraudFlag[] = [];
  index.listeners.forEach((listener, l) => {
    if (countOf(index, l) < options.regularTimingMinPlays) return;
    const own = playsOf(index, l);
    const gaps: number[] = [];
    for (let i = 1; i < own.length; i++) {
      const gap = own[i].startedAt - own[i - 1].startedAt;
      if (gap <= options.sessionBreakSeconds) gaps.push(gap);
    }
    if (gaps.length < options.regularTimingMinPlays - 1) return;
    const variation = coefficientOfVariation(gaps);
    if (variation >= options.regularTimingMaxVariation) return;
    for (const position of positionsOf(index, l)) removed[position] = 1;
    flags.push({
      account: listener,
      filter: FRAUD_FILTERS.machineTiming,
      reason:
        `${own.length} plays started at machine-regular intervals: mean gap ${mean(gaps).toFixed(1)} s, ` +
        `coefficient of variation ${variation.toFixed(3)} (people scatter above ${options.regularTimingMaxVariation})`,
      playsRemoved: own.length,
    });
  });
  return flags;
}

/**
 * Self-plays: a play by an account that holds a role on the track — creator, owner, collector or curator — never
 * earns. Each of those is paid by the track's listening (create, holder, discovery), so its own plays would pay it
 * twice and would be the cheapest way to fake an audience.
 */
export function dropSelfPlays(plays: Play[], trackById: Map<string, TrackInfo>): FilterOutcome {
  return filterAlone(plays, (index, removed) => selfPlays(index, removed, trackById));
}

function selfPlays(index: PlayIndex, removed: Uint8Array, trackById: Map<string, TrackInfo>): FraudFlag[] {
  // Once per track, not per play.
  const roles = new Map<string, Set<string>>();
  for (const [trackId, track] of trackById) roles.set(trackId, trackRoles(track));
  return removeWhere(
    index,
    removed,
    (play) => roles.get(play.trackId)?.has(play.listener) ?? false,
    FRAUD_FILTERS.selfPlay,
    (count) =>
      count === 1
        ? "1 play of a track this account created, owns, collected or curates"
        : `${count} plays of tracks this account created, owns, collected or curates`,
  );
}

/** (a) Minimum duration: a play shorter than `minPlaySeconds` is a skip or a sample and earns nothing. */
export function dropShortPlays(plays: Play[], options: FraudOptions): FilterOutcome {
  return filterAlone(plays, (index, removed) => shortPlays(index, removed, options));
}

function shortPlays(index: PlayIndex, removed: Uint8Array, options: FraudOptions): FraudFlag[] {
  return removeWhere(
    index,
    removed,
    (play) => play.playedSeconds < options.minPlaySeconds,
    FRAUD_FILTERS.minimumDuration,
    (count) => `${count} play${count === 1 ? "" : "s"} shorter than ${options.minPlaySeconds} s`,
  );
}

/**
 * (d) Loops: when one track takes more than `loopPlayThreshold` of a listener's plays and more than
 * `loopShareThreshold` of them, only its first `loopPlaysKept` plays of the epoch count. A person may love a song;
 * a hundred plays of it in a day are a loop, and paying them would pay for the loop.
 */
export function capLoopedTracks(plays: Play[], options: FraudOptions): FilterOutcome {
  return filterAlone(plays, (index, removed) => loopedTracks(index, removed, options));
}

function loopedTracks(index: PlayIndex, removed: Uint8Array, options: FraudOptions): FraudFlag[] {
  const flags: FraudFlag[] = [];
  index.listeners.forEach((listener, l) => {
    // No track can take more plays than the listener has: most listeners are done here.
    if (countOf(index, l) <= options.loopPlayThreshold) return;
    const own = positionsOf(index, l);
    const perTrack = new Map<string, number[]>();
    for (const position of own) push(perTrack, index.plays[position].trackId, position);
    for (const trackId of [...perTrack.keys()].sort()) {
      const ofTrack = perTrack.get(trackId) ?? [];
      const share = ofTrack.length / own.length;
      if (ofTrack.length <= options.loopPlayThreshold || share <= options.loopShareThreshold) continue;
      const cut = ofTrack.slice(options.loopPlaysKept);
      for (const position of cut) removed[position] = 1;
      flags.push({
        account: listener,
        filter: FRAUD_FILTERS.loop,
        reason:
          `track ${trackId} played ${ofTrack.length} times, ${percent(share)} of this listener's plays; ` +
          `only the first ${options.loopPlaysKept} count`,
        playsRemoved: cut.length,
      });
    }
  });
  return flags;
}

/**
 * (e) Clusters: groups of accounts that listen (almost) only to each other's tracks while nobody else does — the
 * shape of a sybil ring faking an audience. Candidates are accounts that both listen and create; an edge runs from
 * a listener to each creator of a track it played (self-plays count as plays of the group's tracks: a ring member
 * playing itself is part of the ring's listening). Groups are strongly connected sets of candidates (everyone
 * reaches everyone through plays). Members that are clearly not ring material are peeled off and the groups
 * recomputed until nothing changes: a member whose own tracks get less than `clusterMinAudienceShare` of their plays
 * from the group (it has an audience of its own) or that puts less than `clusterMemberMinInsideShare` of its plays
 * on the group's tracks (it listens elsewhere). A remaining group of at least two accounts and `clusterMinPlays`
 * plays whose members together put at least `clusterMinInsideShare` of their plays on the group's tracks is a ring:
 * all its members' plays are removed. Co-authored tracks count by creator share. The group decides, not each
 * member, so a ring cannot unravel itself by letting one member listen a little more widely.
 */
export function dropClosedClusters(
  plays: Play[],
  trackById: Map<string, TrackInfo>,
  options: FraudOptions,
): FilterOutcome {
  return filterAlone(plays, (index, removed) => closedClusters(index, removed, trackById, options));
}

function closedClusters(
  index: PlayIndex,
  removed: Uint8Array,
  trackById: Map<string, TrackInfo>,
  options: FraudOptions,
): FraudFlag[] {
  const flags: FraudFlag[] = [];
  for (const group of closedGroups(index, trackById, options)) {
    for (const member of group.members) {
      const own = positionsOf(index, rankOf(index, member.account));
      for (const position of own) removed[position] = 1;
      if (own.length === 0) continue;
      flags.push({
        account: member.account,
        filter: FRAUD_FILTERS.cluster,
        reason:
          `one of ${group.members.length} accounts (group of ${group.members[0].account}) that play each other's ` +
          `tracks: ${percent(group.insideShare)} of the group's ${group.plays} plays went to its own tracks ` +
          `(${percent(member.insideShare)} of this account's), and ${percent(member.audienceShare)} of this ` +
          `account's tracks' plays came from the group`,
        playsRemoved: own.length,
      });
    }
  }
  flags.sort((a, b) => compare(a.account, b.account));
  return flags;
}

/** A closed mutual-play group found by dropClosedClusters, members sorted by account. */
export interface ClosedGroup {
  members: { account: string; plays: number; insideShare: number; audienceShare: number }[];
  /** The members' plays, and the share of them that went to the group's tracks. */
  plays: number;
  insideShare: number;
}

/** The closed mutual-play groups among `plays` (see dropClosedClusters), sorted by their first member. */
export function findClosedGroups(
  plays: Play[],
  trackById: Map<string, TrackInfo>,
  options: FraudOptions,
): ClosedGroup[] {
  return closedGroups(indexByListener(plays), trackById, options);
}

function closedGroups(index: PlayIndex, trackById: Map<string, TrackInfo>, options: FraudOptions): ClosedGroup[] {
  const creators = new Set<string>();
  for (const position of index.order) {
    for (const c of trackById.get(index.plays[position].trackId)?.creators ?? []) creators.add(c.account);
  }
  // The candidates' plays, looked up once: the groups are recomputed over them until they settle.
  const playsByListener = new Map<string, Play[]>();
  index.listeners.forEach((listener, l) => {
    if (countOf(index, l) > 0 && creators.has(listener)) playsByListener.set(listener, playsOf(index, l));
  });
  let candidates = new Set(playsByListener.keys());
  const playsOfCreator = new Map<string, { play: Play; share: number }[]>();
  // In listener and start order, so the float sums of shares do not depend on the order the plays arrived in.
  for (const position of index.order) {
    const play = index.plays[position];
    for (const c of trackById.get(play.trackId)?.creators ?? []) {
      if (candidates.has(c.account)) push(playsOfCreator, c.account, { play, share: c.shareBps / 10_000 });
    }
  }
  const memberShares = (account: string, inGroup: Set<string>) => {
    const own = playsByListener.get(account) ?? [];
    let inside = 0;
    for (const play of own) {
      for (const c of trackById.get(play.trackId)?.creators ?? []) {
        if (inGroup.has(c.account)) inside += c.shareBps / 10_000;
      }
    }
    let audience = 0;
    let audienceInside = 0;
    for (const { play, share } of playsOfCreator.get(account) ?? []) {
      if (play.listener === account) continue; // playing oneself is no audience
      audience += share;
      if (inGroup.has(play.listener)) audienceInside += share;
    }
    return {
      account,
      plays: own.length,
      inside,
      insideShare: own.length === 0 ? 0 : inside / own.length,
      audienceShare: audience === 0 ? 0 : audienceInside / audience,
    };
  };

  for (;;) {
    const edges = new Map<string, string[]>();
    for (const listener of candidates) {
      const targets = new Set<string>();
      for (const play of playsByListener.get(listener) ?? []) {
        for (const c of trackById.get(play.trackId)?.creators ?? []) {
          if (c.account !== listener && candidates.has(c.account)) targets.add(c.account);
        }
      }
      edges.set(listener, [...targets].sort());
    }
    const components = stronglyConnectedComponents([...candidates].sort(), edges).filter((c) => c.length >= 2);
    const survivors = new Set<string>();
    const groups: ClosedGroup[] = [];
    for (const component of components) {
      const inGroup = new Set(component);
      const members = component.map((account) => memberShares(account, inGroup));
      const ringMaterial = members.filter(
        (m) =>
          m.audienceShare >= options.clusterMinAudienceShare && m.insideShare >= options.clusterMemberMinInsideShare,
      );
      for (const m of ringMaterial) survivors.add(m.account);
      if (ringMaterial.length < members.length) continue;
      const groupPlays = members.reduce((sum, m) => sum + m.plays, 0);
      const groupInside = members.reduce((sum, m) => sum + m.inside, 0);
      groups.push({
        members: members.map(({ account, plays, insideShare, audienceShare }) => ({
          account,
          plays,
          insideShare,
          audienceShare,
        })),
        plays: groupPlays,
        insideShare: groupPlays === 0 ? 0 : groupInside / groupPlays,
      });
    }
    if (survivors.size === candidates.size) {
      return groups
        .filter((group) => group.plays >= options.clusterMinPlays && group.insideShare >= options.clusterMinInsideShare)
        .sort((a, b) => compare(a.members[0].account, b.members[0].account));
    }
    candidates = survivors;
  }
}

/**
 * (b) Listening cap: a listener's plays count in the order they started until `maxRewardedSecondsPerListener` is
 * reached; the play that would cross it and every later one are removed. Caps what one account (or one bot) can
 * take from the listening pool.
 */
export function capListeningTime(plays: Play[], options: FraudOptions): FilterOutcome {
  return filterAlone(plays, (index, removed) => listeningOverCap(index, removed, options));
}

function listeningOverCap(index: PlayIndex, removed: Uint8Array, options: FraudOptions): FraudFlag[] {
  const { plays, order, start } = index;
  const flags: FraudFlag[] = [];
  index.listeners.forEach((listener, l) => {
    // Walks the index directly: this runs for every listener, and most are far below the cap.
    const end = start[l + 1];
    let total = 0;
    let cutAt = end;
    for (let i = start[l]; i < end; i++) {
      if (total + plays[order[i]].playedSeconds > options.maxRewardedSecondsPerListener) {
        cutAt = i;
        break;
      }
      total += plays[order[i]].playedSeconds;
    }
    if (cutAt === end) return;
    let listened = 0;
    for (let i = start[l]; i < end; i++) listened += plays[order[i]].playedSeconds;
    for (let i = cutAt; i < end; i++) removed[order[i]] = 1;
    flags.push({
      account: listener,
      filter: FRAUD_FILTERS.listeningCap,
      reason:
        `${hours(listened)} of qualified listening; only the first ${hours(options.maxRewardedSecondsPerListener)} ` +
        `a day are rewarded`,
      playsRemoved: end - cutAt,
    });
  });
  return flags;
}

/** Every account paid by a track's listening: its creators, owner, collector and curator. */
export function trackRoles(track: TrackInfo): Set<string> {
  const roles = new Set(track.creators.map((c) => c.account));
  for (const account of [track.owner, track.collector, track.curator]) if (account) roles.add(account);
  return roles;
}

/** Tracks by id; a duplicate id is an error (two different answers to "who created this?"). */
export function indexTracks(tracks: TrackInfo[]): Map<string, TrackInfo> {
  const byId = new Map<string, TrackInfo>();
  for (const track of tracks) {
    if (byId.has(track.trackId)) throw new FraudFilterInputError(`track ${track.trackId} is listed twice`);
    byId.set(track.trackId, track);
  }
  return byId;
}

// ---------------------------------------------------------------------------------------------------------------
// The listener index the filters read.

/**
 * An epoch's plays grouped by listener, listeners in code-unit order, each listener's plays in the order they
 * started (ties by track, then report, then input order). Built with one sort and narrowed after each filter:
 * regrouping the survivors for every filter into a Map of small arrays, each sorted again, took most of the time and
 * memory of an epoch of a million listeners.
 */
interface PlayIndex {
  plays: readonly Play[];
  /** Every listener of `plays`, in code-unit order; one whose plays were all removed keeps its place (l stays l). */
  listeners: string[];
  /** Input positions of the plays still in, listener by listener. */
  order: Int32Array;
  /** The plays of listeners[l] are at order[start[l]] up to, not including, order[start[l + 1]]. */
  start: Int32Array;
}

/** The index of `plays` (see PlayIndex). */
function indexByListener(plays: readonly Play[]): PlayIndex {
  const positions = Array.from(plays, (_, position) => position);
  // The store returns plays by listener and start already, which makes this sort about one pass.
  positions.sort((a, b) => compare(plays[a].listener, plays[b].listener) || chronological(plays[a], plays[b]) || a - b);
  const listeners: string[] = [];
  const start: number[] = [];
  positions.forEach((position, i) => {
    const listener = plays[position].listener;
    if (listeners.length > 0 && listener === listeners[listeners.length - 1]) return;
    listeners.push(listener);
    start.push(i);
  });
  start.push(positions.length);
  return { plays, listeners, order: Int32Array.from(positions), start: Int32Array.from(start) };
}

/** `index` without the plays marked in `removed`. */
function narrow(index: PlayIndex, removed: Uint8Array): PlayIndex {
  if (index.order.every((position) => removed[position] === 0)) return index;
  const order = new Int32Array(index.order.length);
  const start = new Int32Array(index.start.length);
  let kept = 0;
  for (let l = 0; l < index.listeners.length; l++) {
    start[l] = kept;
    for (let i = index.start[l]; i < index.start[l + 1]; i++) {
      if (removed[index.order[i]] === 0) order[kept++] = index.order[i];
    }
  }
  start[index.listeners.length] = kept;
  return { ...index, order: order.slice(0, kept), start };
}

/** How many plays listeners[l] has in the index. */
function countOf(index: PlayIndex, l: number): number {
  return index.start[l + 1] - index.start[l];
}

/** Input positions of the plays of listeners[l], in order (a view into the index, not a copy). */
function positionsOf(index: PlayIndex, l: number): Int32Array {
  return index.order.subarray(index.start[l], index.start[l + 1]);
}

/** The plays of listeners[l], in order. */
function playsOf(index: PlayIndex, l: number): Play[] {
  return Array.from(positionsOf(index, l), (position) => index.plays[position]);
}

/** Where `listener` is in index.listeners (binary search), or -1. */
function rankOf(index: PlayIndex, listener: string): number {
  let low = 0;
  let high = index.listeners.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compare(index.listeners[middle], listener);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Removes every play `test` holds for and writes one flag per listener that lost any, reasons from `reason(count)`. */
function removeWhere(
  index: PlayIndex,
  removed: Uint8Array,
  test: (play: Play) => boolean,
  filter: FraudFilterName,
  reason: (count: number) => string,
): FraudFlag[] {
  const { plays, order, start } = index;
  const flags: FraudFlag[] = [];
  index.listeners.forEach((listener, l) => {
    let count = 0;
    for (let i = start[l]; i < start[l + 1]; i++) {
      if (!test(plays[order[i]])) continue;
      removed[order[i]] = 1;
      count++;
    }
    if (count > 0) flags.push({ account: listener, filter, reason: reason(count), playsRemoved: count });
  });
  return flags;
}

function chronological(a: Play, b: Play): number {
  return (
    a.startedAt - b.startedAt || compare(a.trackId, b.trackId) || compare(a.reportDigest ?? "", b.reportDigest ?? "")
  );
}

/** By listener, then chronologically: a total order on plays that does not depend on the order they arrived in. */
export function comparePlays(a: Play, b: Play): number {
  return compare(a.listener, b.listener) || chronological(a, b) || a.playedSeconds - b.playedSeconds;
}

function checkPlays(plays: Play[], trackById: Map<string, TrackInfo>): void {
  for (const play of plays) {
    if (!Number.isFinite(play.startedAt)) {
      throw new FraudFilterInputError(`play of ${play.trackId} by ${play.listener}: startedAt ${play.startedAt}`);
    }
    if (!Number.isFinite(play.playedSeconds) || play.playedSeconds < 0) {
      throw new FraudFilterInputError(
        `play of ${play.trackId} by ${play.listener}: playedSeconds ${play.playedSeconds} is not a duration`,
      );
    }
    if (!trackById.has(play.trackId)) {
      throw new FraudFilterInputError(`play by ${play.listener} of unknown track ${play.trackId}`);
    }
  }
}

/** Tarjan's strongly connected components, iterative (a ring of thousands must not overflow the stack). */
function stronglyConnectedComponents(nodes: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
  };
  for (const root of nodes) {
    if (index.has(root)) continue;
    visit(root);
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const successors = edges.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const successor = successors[frame.next++];
        if (!index.has(successor)) {
          visit(successor);
          work.push({ node: successor, next: 0 });
        } else if (onStack.has(successor)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(successor) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      components.push(component.sort());
    }
  }
  return components;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Standard deviation over mean; 0 when every gap is 0 (plays started all at once are as machine-made as it gets). */
function coefficientOfVariation(values: number[]): number {
  const average = mean(values);
  if (average <= 0) return 0;
  const variance = values.reduce((sum, v) => sum + (v - average) ** 2, 0) / values.length;
  return Math.sqrt(variance) / average;
}

/** Code-unit order, not locale order: the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(0)}%`;
}

function hours(seconds: number): string {
  return `${(seconds / 3600).toFixed(1)} h`;
}
