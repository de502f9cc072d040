// A seeded simulation of one epoch: honest listeners and creators next to naive bot farms, sybil rings and (when
// asked) a smarter bot farm; it runs the reward model and reports each group's share of every pool, and how much of
// their fair share the honest listeners got (fair = what they earn when only the honest accounts played).
//
//   node keeper/research/simulate.ts [--seed N] [--smart-bots N]
//
// A research tool, not part of the service: it lives outside src/ and only reads the reward model.
//
// prints the epoch without smart bots, then with them (default 25).
import { parseArgs } from "node:util";
import type {
  Engagement,
  EngagementKind,
  EpochBudget,
  EpochInput,
  Play,
  RewardCategory,
  TrackInfo,
} from "../src/domain.ts";
import {
  computeEpochRewards,
  REWARD_CATEGORIES,
  type EpochRewardsReport,
  type RewardOptions,
} from "../src/rewards/model.ts";

export interface SimulationOptions {
  seed: number;
  honestListeners: number;
  honestCreators: number;
  /** Naive farms: a third start plays like a metronome, a third loop one track, a third skim (too-short plays). */
  botsPerFarmKind: number;
  sybilRings: number;
  sybilsPerRing: number;
  /** Accounts of the smarter farm: human-like timing, real durations, spread over tracks; 0 leaves it out. */
  smartBots: number;
  rewardOptions: Partial<RewardOptions>;
}

export const DEFAULT_SIMULATION_OPTIONS: Readonly<SimulationOptions> = Object.freeze({
  seed: 1,
  honestListeners: 400,
  honestCreators: 40,
  botsPerFarmKind: 30,
  sybilRings: 4,
  sybilsPerRing: 6,
  smartBots: 0,
  rewardOptions: {},
});

export const GROUPS = ["honestListeners", "honestCreators", "botFarms", "sybilRings", "smartBots"] as const;
export type Group = (typeof GROUPS)[number];

export const GROUP_LABELS: Record<Group, string> = {
  honestListeners: "honest listeners",
  honestCreators: "honest creators",
  botFarms: "naive bot farms",
  sybilRings: "sybil rings",
  smartBots: "smart bot farm",
};

type Column = RewardCategory | "total";

export interface GroupReport {
  group: Group;
  accounts: number;
  /** Share of each pool's budget (and of all budgets together) paid to the group, 0..1. */
  share: Record<Column, number>;
  /** How many of the group's accounts each fraud filter flagged. */
  flagged: Record<string, number>;
}

export interface SimulationResult {
  options: SimulationOptions;
  plays: number;
  qualifiedPlays: number;
  groups: GroupReport[];
  /** Share of each budget nobody was paid (no qualifying account, or floor-division dust). */
  unpaid: Record<Column, number>;
  /** Honest listeners' rewards over their fair share (see the top of this file), per pool and in total. */
  honestFairShare: Record<Column, number>;
  /** Naive farms and sybil rings together: share of all budgets. */
  naiveAdversaryShare: number;
  /** The smart farm's share of all budgets (0 without it). */
  smartBotShare: number;
}

const MINT = 10n ** 18n;
const BUDGET: EpochBudget = {
  listen: 40_000n * MINT,
  holder: 20_000n * MINT,
  create: 20_000n * MINT,
  engagement: 10_000n * MINT,
  discovery: 10_000n * MINT,
};
const EPOCH_START = 1_750_000_000;
const DAY = 86_400;

/** Builds the seeded epoch, runs the model on it and on its honest part alone, and compares. */
export function simulate(options: Partial<SimulationOptions> = {}): SimulationResult {
  const settings: SimulationOptions = { ...DEFAULT_SIMULATION_OPTIONS, ...options };
  const world = buildWorld(settings);
  const actual = computeEpochRewards(world.input, settings.rewardOptions);
  const honest = (account: string) => {
    const group = world.groupOf.get(account);
    return group === "honestListeners" || group === "honestCreators";
  };
  const fairInput: EpochInput = {
    ...world.input,
    plays: world.input.plays.filter((play) => honest(play.listener)),
    engagements: world.input.engagements.filter((engagement) => honest(engagement.account)),
  };
  const fair = computeEpochRewards(fairInput, settings.rewardOptions);

  const actualByGroup = paidByGroup(actual, world.groupOf);
  const fairByGroup = paidByGroup(fair, world.groupOf);
  const budgetTotal = REWARD_CATEGORIES.reduce((sum, c) => sum + BUDGET[c], 0n);
  const share = (amount: bigint, column: Column) => ratio(amount, column === "total" ? budgetTotal : BUDGET[column]);

  const groups: GroupReport[] = GROUPS.map((group) => {
    const members = [...world.groupOf].filter(([, g]) => g === group).map(([account]) => account);
    const memberSet = new Set(members);
    const flagged: Record<string, number> = {};
    const seen = new Set<string>();
    for (const flag of actual.flags) {
      const key = `${flag.filter}:${flag.account}`;
      if (!memberSet.has(flag.account) || seen.has(key)) continue;
      seen.add(key);
      flagged[flag.filter] = (flagged[flag.filter] ?? 0) + 1;
    }
    const paid = actualByGroup[group];
    return {
      group,
      accounts: members.length,
      share: Object.fromEntries(COLUMNS.map((column) => [column, share(paid[column], column)])) as Record<
        Column,
        number
      >,
      flagged,
    };
  });
  const unpaid = Object.fromEntries(
    COLUMNS.map((column) => {
      const amount =
        column === "total" ? REWARD_CATEGORIES.reduce((sum, c) => sum + actual.unpaid[c], 0n) : actual.unpaid[column];
      return [column, share(amount, column)];
    }),
  ) as Record<Column, number>;
  const honestFairShare = Object.fromEntries(
    COLUMNS.map((column) => {
      const fairAmount = fairByGroup.honestListeners[column];
      return [column, fairAmount === 0n ? 1 : ratio(actualByGroup.honestListeners[column], fairAmount)];
    }),
  ) as Record<Column, number>;
  const totalShare = (group: Group) => groups.find((g) => g.group === group)?.share.total ?? 0;

  return {
    options: settings,
    plays: world.input.plays.length,
    qualifiedPlays: actual.qualifiedPlays,
    groups,
    unpaid,
    honestFairShare,
    naiveAdversaryShare: totalShare("botFarms") + totalShare("sybilRings"),
    smartBotShare: totalShare("smartBots"),
  };
}

const COLUMNS: Column[] = [...REWARD_CATEGORIES, "total"];

/** The result as a table of shares, one row per group, plus the headline figures. */
export function formatSimulation(result: SimulationResult): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(8);
  const label = (text: string) => text.padEnd(28);
  const lines: string[] = [];
  const { options } = result;
  lines.push(
    `seed ${options.seed}: ${options.honestListeners} honest listeners, ${options.honestCreators} honest creators, ` +
      `3 × ${options.botsPerFarmKind} naive bots, ${options.sybilRings} × ${options.sybilsPerRing} sybils, ` +
      `${options.smartBots} smart bots; ${result.plays} plays, ${result.qualifiedPlays} qualified`,
  );
  lines.push(`${label("share of budget")}${COLUMNS.map((c) => c.padStart(8)).join(" ")}`);
  for (const group of result.groups) {
    if (group.accounts === 0) continue;
    lines.push(
      `${label(`${GROUP_LABELS[group.group]} (${group.accounts})`)}${COLUMNS.map((c) => pct(group.share[c])).join(" ")}`,
    );
  }
  lines.push(`${label("not paid")}${COLUMNS.map((c) => pct(result.unpaid[c])).join(" ")}`);
  lines.push(`${label("honest listeners / fair")}${COLUMNS.map((c) => pct(result.honestFairShare[c])).join(" ")}`);
  lines.push("flagged accounts by filter:");
  for (const group of result.groups) {
    if (group.accounts === 0) continue;
    const entries = Object.entries(group.flagged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const text = entries.length === 0 ? "none" : entries.map(([filter, n]) => `${filter} ${n}`).join(", ");
    lines.push(`  ${label(GROUP_LABELS[group.group])}${text}`);
  }
  lines.push(
    `honest listeners got ${(result.honestFairShare.total * 100).toFixed(1)}% of their fair share; ` +
      `naive bots and sybils took ${(result.naiveAdversaryShare * 100).toFixed(1)}% of all rewards` +
      (options.smartBots > 0 ? `, the smart bot farm ${(result.smartBotShare * 100).toFixed(1)}%` : ""),
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// The seeded world.

/** A small seeded PRNG (SplitMix32): the same seed gives the same epoch on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(digits: number): string;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(items.length * next())],
    hex: (digits) => {
      let text = "";
      for (let i = 0; i < digits; i++) text += Math.floor(16 * next()).toString(16);
      return text;
    },
  };
  return random;
}

interface SimTrack {
  info: TrackInfo;
  length: number;
  /** Relative chance an honest listener picks it. */
  popularity: number;
}

interface World {
  input: EpochInput;
  groupOf: Map<string, Group>;
}

/** Everything the actors share while the epoch is generated. */
class WorldBuilder {
  readonly random: Random;
  readonly groupOf = new Map<string, Group>();
  readonly tracks: SimTrack[] = [];
  readonly plays: Play[] = [];
  readonly engagements: Engagement[] = [];
  readonly history = new Map<string, number[]>();
  private digestCounter = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  account(group: Group): string {
    let account = `0x${this.random.hex(40)}`;
    while (this.groupOf.has(account)) account = `0x${this.random.hex(40)}`;
    this.groupOf.set(account, group);
    return account;
  }

  track(creators: TrackInfo["creators"], ageDays: number, popularity: number): SimTrack {
    const track: SimTrack = {
      info: {
        trackId: BigInt(`0x${this.random.hex(64)}`).toString(),
        registeredAt: Math.floor(EPOCH_START - ageDays * DAY),
        tier: this.random.chance(0.2) ? 1 : 0,
        creators,
      },
      length: this.random.int(150, 330),
      popularity,
    };
    this.tracks.push(track);
    return track;
  }

  play(listener: string, track: SimTrack, startedAt: number, playedSeconds: number): void {
    this.plays.push({
      listener,
      trackId: track.info.trackId,
      startedAt: Math.floor(startedAt),
      playedSeconds: Math.max(1, Math.floor(playedSeconds)),
      reportDigest: `0x${(this.digestCounter++).toString(16).padStart(64, "0")}`,
    });
  }

  engage(account: string, kind: EngagementKind, track: SimTrack, at: number): void {
    const ref = kind === "save" ? `0x${"0".repeat(64)}` : `0x${this.random.hex(64)}`;
    this.engagements.push({ account, kind, trackId: track.info.trackId, at: Math.floor(at), ref });
  }
}

function buildWorld(options: SimulationOptions): World {
  const world = new WorldBuilder(options.seed);
  const random = world.random;

  // Honest creators and their catalogue: popularity falls off like a power law (a few hits, a long tail); one track
  // in seven is a new release of the last week; one in five is co-authored.
  const creators = Array.from({ length: options.honestCreators }, () => world.account("honestCreators"));
  const honestTracks: SimTrack[] = [];
  for (const creator of creators) {
    for (let i = random.int(1, 4); i > 0; i--) {
      const coAuthor = random.chance(0.2) ? random.pick(creators.filter((c) => c !== creator)) : undefined;
      const shares = coAuthor
        ? [
            { account: creator, shareBps: 6_000 },
            { account: coAuthor, shareBps: 4_000 },
          ]
        : [{ account: creator, shareBps: 10_000 }];
      const age = random.chance(1 / 7) ? random.between(0.5, 7) : random.between(20, 400);
      honestTracks.push(world.track(shares, age, 0));
    }
  }
  // Popularity by a random rank: 1 / rank^0.9.
  shuffle(random, honestTracks).forEach((track, rank) => (track.popularity = 1 / (rank + 1) ** 0.9));

  // Honest listeners; some collect or curate honest tracks (sold tracks are owned by a collector, unsold by the
  // creator who minted them).
  const listeners = Array.from({ length: options.honestListeners }, () => world.account("honestListeners"));
  for (const track of honestTracks) {
    if (random.chance(0.55)) {
      track.info.collector = random.pick(listeners);
      track.info.owner = random.chance(0.8) ? track.info.collector : random.pick(listeners);
    } else {
      track.info.owner = track.info.creators[0].account;
    }
    if (random.chance(0.3)) track.info.curator = random.pick(listeners);
  }

  // The adversaries' tracks exist before anyone listens, so honest listeners can stumble on them too.
  const farms = buildNaiveFarms(world, options);
  const rings = buildSybilRings(world, options);
  const smart = options.smartBots > 0 ? buildSmartFarm(world, options) : undefined;
  const strangerTracks = [...farms.tracks, ...rings.tracks, ...(smart?.tracks ?? [])];

  for (const listener of listeners) listenLikeAPerson(world, listener, honestTracks, strangerTracks, 1);
  for (const creator of creators) {
    if (random.chance(0.3)) listenLikeAPerson(world, creator, honestTracks, strangerTracks, 0.5);
  }
  farms.play();
  rings.play(honestTracks);
  smart?.play(honestTracks);

  writeHonestHistory(world, honestTracks);
  for (const track of strangerTracks) {
    // The adversaries' tracks had (almost) no qualified audience before: the most growth they could claim.
    world.history.set(
      track.info.trackId,
      Array.from({ length: 7 }, () => random.int(0, 2)),
    );
  }

  return {
    input: {
      epoch: 100,
      start: EPOCH_START,
      end: EPOCH_START + DAY,
      budget: { ...BUDGET },
      plays: world.plays,
      engagements: world.engagements,
      tracks: world.tracks.map((track) => track.info),
      history: world.history,
    },
    groupOf: world.groupOf,
  };
}

/**
 * A person: one to four sessions at random times; in a session tracks follow each other (autoplay, a pause now and
 * then), 60% from a personal favourites list, the rest by popularity, 1% a stranger's track; four plays in ten are
 * skipped somewhere; now and then a track is replayed; one listener in thirty puts a track on repeat for a while.
 * Finished plays sometimes lead to a save, a playlist add or a comment.
 */
function listenLikeAPerson(
  world: WorldBuilder,
  listener: string,
  catalogue: SimTrack[],
  strangers: SimTrack[],
  activity: number,
): void {
  const random = world.random;
  const byPopularity = cumulative(catalogue.map((track) => track.popularity));
  const popular = () => catalogue[pickIndex(random, byPopularity)];
  const favourites = Array.from({ length: random.int(5, 25) }, popular);
  const sessions = Array.from({ length: random.int(1, Math.max(1, Math.round(4 * activity))) }, () =>
    random.between(EPOCH_START, EPOCH_START + DAY - 4 * 3600),
  ).sort((a, b) => a - b);
  const onRepeat = random.chance(1 / 30) ? random.int(0, sessions.length - 1) : -1;
  let at = EPOCH_START;
  sessions.forEach((sessionStart, session) => {
    at = Math.max(at + 600, sessionStart);
    let track = random.chance(0.6) ? random.pick(favourites) : popular();
    const count = session === onRepeat ? random.int(22, 30) : random.int(3, 25);
    for (let i = 0; i < count; i++) {
      const played = session === onRepeat || random.chance(0.6) ? track.length : random.between(5, track.length);
      world.play(listener, track, at, played);
      if (played >= 0.6 * track.length) {
        if (random.chance(0.05)) world.engage(listener, "save", track, at + played);
        if (random.chance(0.03)) world.engage(listener, "playlist", track, at + played);
        if (random.chance(0.02)) world.engage(listener, "comment", track, at + played);
      }
      at += Math.floor(played) + (random.chance(0.9) ? random.int(0, 4) : random.int(10, 600));
      if (session === onRepeat || random.chance(0.06)) continue; // the same track again
      if (strangers.length > 0 && random.chance(0.01)) track = random.pick(strangers);
      else track = random.chance(0.6) ? random.pick(favourites) : popular();
    }
  });
}

/**
 * Naive bot farms, each with an operator (a creator account) and a collector and a curator account holding its
 * three tracks: metronome bots start a play every 31–40 s (±1 s) and rotate over the farm's tracks and a few hits;
 * loopers play one farm track back to back all day, half with near-constant durations, half with randomised ones;
 * skimmers play 10–29 s bursts at random times. Every bot saves, playlists and comments its farm's tracks.
 */
function buildNaiveFarms(world: WorldBuilder, options: SimulationOptions) {
  const random = world.random;
  const kinds = ["metronome", "looper", "skimmer"] as const;
  const farms = kinds.map((kind) => {
    const operator = world.account("botFarms");
    const collector = world.account("botFarms");
    const curator = world.account("botFarms");
    const tracks = [0, 1, 2].map(() => {
      const track = world.track([{ account: operator, shareBps: 10_000 }], random.between(2, 10), 0);
      Object.assign(track.info, { owner: collector, collector, curator });
      return track;
    });
    const bots = Array.from({ length: options.botsPerFarmKind }, () => world.account("botFarms"));
    return { kind, tracks, bots };
  });
  const play = () => {
    for (const farm of farms) {
      farm.bots.forEach((bot, index) => {
        let at = EPOCH_START + random.int(0, 3600);
        if (farm.kind === "metronome") {
          const interval = random.int(31, 40);
          for (let i = random.int(300, 500); i > 0; i--) {
            const track = random.pick(farm.tracks);
            world.play(bot, track, at, interval - random.int(0, 1));
            at += interval + random.int(-1, 1);
          }
        } else if (farm.kind === "looper") {
          const track = farm.tracks[index % farm.tracks.length];
          const randomised = index % 2 === 1;
          for (let i = random.int(100, 200); i > 0; i--) {
            const played = randomised ? random.between(40, track.length) : track.length - random.int(0, 3);
            world.play(bot, track, at, played);
            at += Math.floor(played) + random.int(0, 2);
          }
        } else {
          for (let i = random.int(150, 300); i > 0; i--) {
            world.play(bot, random.pick(farm.tracks), at, random.int(10, 29));
            at += random.int(20, 400);
          }
        }
        for (const track of farm.tracks) {
          for (const kind of ["save", "playlist", "comment"] as const) world.engage(bot, kind, track, at);
        }
      });
    }
  };
  return { tracks: farms.flatMap((farm) => farm.tracks), play };
}

/**
 * Sybil rings: every member creates two tracks and collects or curates the others'; members play each other's
 * tracks like people do (varied durations and pauses), a tenth of their plays are their own tracks and a twentieth
 * honest hits for cover; they save and playlist each other's tracks.
 */
function buildSybilRings(world: WorldBuilder, options: SimulationOptions) {
  const random = world.random;
  const rings = Array.from({ length: options.sybilRings }, () => {
    const members = Array.from({ length: options.sybilsPerRing }, () => world.account("sybilRings"));
    const tracks = members.flatMap((member) =>
      [0, 1].map(() => ({
        member,
        track: world.track([{ account: member, shareBps: 10_000 }], random.between(1, 20), 0),
      })),
    );
    for (const { member, track } of tracks) {
      const others = members.filter((m) => m !== member);
      track.info.owner = random.chance(0.5) ? member : random.pick(others);
      track.info.collector = random.pick(others);
      track.info.curator = random.pick(others);
    }
    return { members, tracks };
  });
  const play = (honestTracks: SimTrack[]) => {
    for (const ring of rings) {
      for (const member of ring.members) {
        const own = ring.tracks.filter((t) => t.member === member).map((t) => t.track);
        const others = ring.tracks.filter((t) => t.member !== member).map((t) => t.track);
        let at = EPOCH_START + random.int(0, 6 * 3600);
        for (let i = random.int(60, 150); i > 0; i--) {
          const roll = random.next();
          const track = roll < 0.1 ? random.pick(own) : roll < 0.15 ? random.pick(honestTracks) : random.pick(others);
          const played = random.chance(0.7) ? track.length : random.between(30, track.length);
          world.play(member, track, at, played);
          at += Math.floor(played) + (random.chance(0.85) ? random.int(0, 5) : random.int(20, 900));
        }
        for (const track of others) {
          if (random.chance(0.5)) world.engage(member, "save", track, at);
          if (random.chance(0.3)) world.engage(member, "playlist", track, at);
        }
      }
    }
  };
  return { tracks: rings.flatMap((ring) => ring.tracks.map((t) => t.track)), play };
}

/**
 * The smarter farm: one operator with six tracks (held by a separate collector account, curated by a third), bots
 * that listen 10–12 hours a day with real durations (mostly whole tracks, some skips above the minimum), human
 * pauses, and plays spread over the farm's tracks (45%) and honest hits (55%) so that no track is a loop; each bot
 * saves and playlists the farm's tracks. Only the listening cap and the sublinear listen weight hold it back.
 */
function buildSmartFarm(world: WorldBuilder, options: SimulationOptions) {
  const random = world.random;
  const operator = world.account("smartBots");
  const collector = world.account("smartBots");
  const curator = world.account("smartBots");
  const tracks = Array.from({ length: 6 }, () => {
    const track = world.track([{ account: operator, shareBps: 10_000 }], random.between(3, 10), 0);
    Object.assign(track.info, { owner: collector, collector, curator });
    return track;
  });
  const bots = Array.from({ length: options.smartBots }, () => world.account("smartBots"));
  const play = (honestTracks: SimTrack[]) => {
    const hits = [...honestTracks].sort((a, b) => b.popularity - a.popularity).slice(0, 30);
    for (const bot of bots) {
      let at = EPOCH_START + random.int(0, 3 * 3600);
      const until = at + random.between(10, 12) * 3600;
      while (at < until) {
        const track = random.chance(0.45) ? random.pick(tracks) : random.pick(hits);
        const played = random.chance(0.75) ? track.length : random.between(45, track.length);
        world.play(bot, track, at, played);
        at += Math.floor(played) + (random.chance(0.85) ? random.int(0, 8) : random.int(30, 900));
      }
      for (const track of tracks) {
        world.engage(bot, "save", track, at);
        world.engage(bot, "playlist", track, at);
      }
    }
  };
  return { tracks, play };
}

/**
 * Earlier epochs of honest tracks, from this epoch's audience (people who played it at least 30 s, the creator
 * excluded): most tracks hold steady (±15%), one in six has been rising (from 30% to 70% of today's audience), one
 * in twenty has been falling; a new release has history only for the days it has existed.
 */
function writeHonestHistory(world: WorldBuilder, honestTracks: SimTrack[]): void {
  const random = world.random;
  const audience = new Map<string, Set<string>>();
  for (const play of world.plays) {
    if (play.playedSeconds < 30) continue;
    const set = audience.get(play.trackId) ?? new Set<string>();
    set.add(play.listener);
    audience.set(play.trackId, set);
  }
  for (const track of honestTracks) {
    const today = audience.get(track.info.trackId)?.size ?? 0;
    const days = Math.min(7, Math.floor((EPOCH_START - track.info.registeredAt) / DAY));
    const roll = random.next();
    const counts = Array.from({ length: days }, (_, i) => {
      const level =
        roll < 1 / 6
          ? 0.3 + (0.4 * i) / Math.max(1, days - 1)
          : roll < 1 / 6 + 1 / 20
            ? 1.3
            : random.between(0.85, 1.15);
      return Math.round(today * level);
    });
    world.history.set(track.info.trackId, counts);
  }
}

function paidByGroup(rewards: EpochRewardsReport, groupOf: Map<string, Group>): Record<Group, Record<Column, bigint>> {
  const result = Object.fromEntries(
    GROUPS.map((group) => [group, Object.fromEntries(COLUMNS.map((c) => [c, 0n]))]),
  ) as Record<Group, Record<Column, bigint>>;
  for (const [account, amounts] of rewards.rewards) {
    const group = groupOf.get(account);
    if (!group) continue;
    for (const category of REWARD_CATEGORIES) {
      const amount = amounts[category] ?? 0n;
      result[group][category] += amount;
      result[group].total += amount;
    }
  }
  return result;
}

/** a / b as a float, exact enough for a percentage of wei amounts. */
function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  return Number((a * 1_000_000n) / b) / 1_000_000;
}

function cumulative(weights: number[]): number[] {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
}

function pickIndex(random: Random, cumulativeWeights: number[]): number {
  const target = random.next() * cumulativeWeights[cumulativeWeights.length - 1];
  let low = 0;
  let high = cumulativeWeights.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulativeWeights[middle] > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function parseArguments(argv: string[]): { seed: number; smartBots: number } {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: "string", default: "1" }, "smart-bots": { type: "string", default: "25" } },
  });
  const whole = (name: string, text: string) => {
    const parsed = Number(text);
    if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`--${name} needs a whole number ≥ 0, got ${text}`);
    return parsed;
  };
  return { seed: whole("seed", values.seed), smartBots: whole("smart-bots", values["smart-bots"]) };
}

if (import.meta.main) {
  const { seed, smartBots } = parseArguments(process.argv.slice(2));
  console.log(formatSimulation(simulate({ seed, smartBots: 0 })));
  if (smartBots > 0) {
    console.log();
    console.log(formatSimulation(simulate({ seed, smartBots })));
  }
}
