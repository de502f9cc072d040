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
import type { FraudFlag, Play, TrackInfo } from "../domain.ts";

/** A play, a track list or an option the filters cannot work with (the caller's data is wrong, not the listener). */
export class FraudFilterInputError extends Error {
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
  const settings = fraudOptions(options);
  const trackById = indexTracks(tracks);
  checkPlays(plays, trackById);

  const flags: FraudFlag[] = [];
  let remaining = plays;
  const stages: ((current: Play[]) => FilterOutcome)[] = [
    (current) => dropMachineTimedListeners(current, settings),
    (current) => dropShortPlays(current, settings),
    (current) => capLoopedTracks(current, settings),
    (current) => dropClosedClusters(current, trackById, settings),
    (current) => dropSelfPlays(current, trackById),
    (current) => capListeningTime(current, settings),
  ];
  for (const stage of stages) {
    const outcome = stage(remaining);
    remaining = outcome.kept;
    flags.push(...outcome.flags);
  }
  return { qualified: remaining, flags };
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
  const removed = new Set<Play>();
  const flags: FraudFlag[] = [];
  for (const [listener, own] of byListener(plays)) {
    if (own.length < options.regularTimingMinPlays) continue;
    const gaps: number[] = [];
    for (let i = 1; i < own.length; i++) {
      const gap = own[i].startedAt - own[i - 1].startedAt;
      if (gap <= options.sessionBreakSeconds) gaps.push(gap);
    }
    if (gaps.length < options.regularTimingMinPlays - 1) continue;
    const variation = coefficientOfVariation(gaps);
    if (variation >= options.regularTimingMaxVariation) continue;
    for (const play of own) removed.add(play);
    flags.push({
      account: listener,
      filter: FRAUD_FILTERS.machineTiming,
      reason:
        `${own.length} plays started at machine-regular intervals: mean gap ${mean(gaps).toFixed(1)} s, ` +
        `coefficient of variation ${variation.toFixed(3)} (people scatter above ${options.regularTimingMaxVariation})`,
      playsRemoved: own.length,
    });
  }
  return { kept: plays.filter((play) => !removed.has(play)), flags };
}

/**
 * Self-plays: a play by an account that holds a role on the track — creator, owner, collector or curator — never
 * earns. Each of those is paid by the track's listening (create, holder, discovery), so its own plays would pay it
 * twice and would be the cheapest way to fake an audience.
 */
export function dropSelfPlays(plays: Play[], trackById: Map<string, TrackInfo>): FilterOutcome {
  const removed = new Map<string, Play[]>();
  for (const play of plays) {
    const track = trackById.get(play.trackId);
    if (track && trackRoles(track).has(play.listener)) push(removed, play.listener, play);
  }
  return removeWithFlags(plays, removed, FRAUD_FILTERS.selfPlay, (count) =>
    count === 1
      ? "1 play of a track this account created, owns, collected or curates"
      : `${count} plays of tracks this account created, owns, collected or curates`,
  );
}

/** (a) Minimum duration: a play shorter than `minPlaySeconds` is a skip or a sample and earns nothing. */
export function dropShortPlays(plays: Play[], options: FraudOptions): FilterOutcome {
  const removed = new Map<string, Play[]>();
  for (const play of plays) {
    if (play.playedSeconds < options.minPlaySeconds) push(removed, play.listener, play);
  }
  return removeWithFlags(
    plays,
    removed,
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
  const removed = new Set<Play>();
  const flags: FraudFlag[] = [];
  for (const [listener, own] of byListener(plays)) {
    const perTrack = new Map<string, Play[]>();
    for (const play of own) push(perTrack, play.trackId, play);
    for (const trackId of [...perTrack.keys()].sort()) {
      const ofTrack = perTrack.get(trackId) ?? [];
      const share = ofTrack.length / own.length;
      if (ofTrack.length <= options.loopPlayThreshold || share <= options.loopShareThreshold) continue;
      const cut = ofTrack.slice(options.loopPlaysKept);
      for (const play of cut) removed.add(play);
      flags.push({
        account: listener,
        filter: FRAUD_FILTERS.loop,
        reason:
          `track ${trackId} played ${ofTrack.length} times, ${percent(share)} of this listener's plays; ` +
          `only the first ${options.loopPlaysKept} count`,
        playsRemoved: cut.length,
      });
    }
  }
  return { kept: plays.filter((play) => !removed.has(play)), flags };
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
  const groups = findClosedGroups(plays, trackById, options);
  const playsByListener = byListener(plays);
  const removed = new Set<Play>();
  const flags: FraudFlag[] = [];
  for (const group of groups) {
    for (const member of group.members) {
      const own = playsByListener.get(member.account) ?? [];
      for (const play of own) removed.add(play);
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
  return { kept: plays.filter((play) => !removed.has(play)), flags };
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
  const creators = new Set<string>();
  for (const play of plays) for (const c of trackById.get(play.trackId)?.creators ?? []) creators.add(c.account);
  let candidates = new Set([...new Set(plays.map((play) => play.listener))].filter((a) => creators.has(a)));
  const playsByListener = byListener(plays);
  const playsOfCreator = new Map<string, { play: Play; share: number }[]>();
  // In listener and start order, so the float sums of shares do not depend on the order the plays arrived in.
  for (const play of [...playsByListener.values()].flat()) {
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
  const removed = new Set<Play>();
  const flags: FraudFlag[] = [];
  for (const [listener, own] of byListener(plays)) {
    let total = 0;
    let cutAt = own.length;
    for (let i = 0; i < own.length; i++) {
      if (total + own[i].playedSeconds > options.maxRewardedSecondsPerListener) {
        cutAt = i;
        break;
      }
      total += own[i].playedSeconds;
    }
    if (cutAt === own.length) continue;
    const listened = own.reduce((sum, play) => sum + play.playedSeconds, 0);
    for (const play of own.slice(cutAt)) removed.add(play);
    flags.push({
      account: listener,
      filter: FRAUD_FILTERS.listeningCap,
      reason:
        `${hours(listened)} of qualified listening; only the first ${hours(options.maxRewardedSecondsPerListener)} ` +
        `a day are rewarded`,
      playsRemoved: own.length - cutAt,
    });
  }
  return { kept: plays.filter((play) => !removed.has(play)), flags };
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

/** Each listener's plays in the order they started (ties by track and report, so the order never depends on input). */
export function byListener(plays: Play[]): Map<string, Play[]> {
  const grouped = new Map<string, Play[]>();
  for (const play of plays) push(grouped, play.listener, play);
  const sorted = new Map<string, Play[]>();
  for (const listener of [...grouped.keys()].sort()) {
    sorted.set(listener, (grouped.get(listener) ?? []).slice().sort(chronological));
  }
  return sorted;
}

function chronological(a: Play, b: Play): number {
  return a.startedAt - b.startedAt || compare(a.trackId, b.trackId) || compare(a.reportDigest, b.reportDigest);
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

/** Removes the given plays and writes one flag per listener, reasons from `reason(count)`. */
function removeWithFlags(
  plays: Play[],
  removedByListener: Map<string, Play[]>,
  filter: FraudFilterName,
  reason: (count: number) => string,
): FilterOutcome {
  const removed = new Set<Play>();
  const flags: FraudFlag[] = [];
  for (const listener of [...removedByListener.keys()].sort()) {
    const own = removedByListener.get(listener) ?? [];
    for (const play of own) removed.add(play);
    flags.push({ account: listener, filter, reason: reason(own.length), playsRemoved: own.length });
  }
  return { kept: plays.filter((play) => !removed.has(play)), flags };
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
