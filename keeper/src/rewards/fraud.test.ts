// The fraud filters: each catches its pattern, spares a person listening normally, and says why in its flag.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Play, TrackInfo } from "../domain.ts";
import {
  applyFraudFilters,
  capListeningTime,
  capLoopedTracks,
  DEFAULT_FRAUD_OPTIONS,
  dropClosedClusters,
  dropMachineTimedListeners,
  dropSelfPlays,
  dropShortPlays,
  FraudFilterInputError,
  fraudOptions,
  FRAUD_FILTERS,
  indexTracks,
} from "./fraud.ts";

const T0 = 1_750_000_000;
const options = fraudOptions();

function address(n: number): string {
  return `0x${n.toString(16).padStart(40, "0")}`;
}

function track(id: number, creators: string[], roles: Partial<TrackInfo> = {}): TrackInfo {
  const share = 10_000 / creators.length;
  return {
    trackId: String(id),
    registeredAt: T0 - 86_400,
    tier: 0,
    creators: creators.map((account) => ({ account, shareBps: share })),
    ...roles,
  };
}

let digest = 0;
function play(listener: string, trackId: number, startedAt: number, playedSeconds: number): Play {
  return { listener, trackId: String(trackId), startedAt, playedSeconds, reportDigest: `0x${(digest++).toString(16)}` };
}

/** A person: plays back to back with varied durations (skips included) and uneven pauses. */
const HUMAN_DURATIONS = [212, 187, 64, 245, 301, 176, 98, 233, 190, 41, 267, 154, 205, 122, 288, 175, 59, 240];
function listenLikeAPerson(listener: string, trackIds: number[], count: number, start = T0): Play[] {
  const plays: Play[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    const seconds = HUMAN_DURATIONS[i % HUMAN_DURATIONS.length];
    plays.push(play(listener, trackIds[i % trackIds.length], at, seconds));
    at += seconds + ((i * 7) % 13);
  }
  return plays;
}

const alice = address(0xa11ce);
const creatorA = address(0xc1);
const creatorB = address(0xc2);
const catalogue = [1, 2, 3, 4, 5, 6, 7].map((id) => track(id, [id % 2 ? creatorA : creatorB]));

describe("minimum play duration", () => {
  it("removes plays under 30 s, keeps 30 s and longer, and counts them in one flag", () => {
    const plays = [play(alice, 1, T0, 29), play(alice, 2, T0 + 100, 30), play(alice, 3, T0 + 200, 5)];
    const { kept, flags } = dropShortPlays(plays, options);
    assert.deepEqual(kept, [plays[1]]);
    assert.equal(flags.length, 1);
    assert.equal(flags[0].filter, FRAUD_FILTERS.minimumDuration);
    assert.equal(flags[0].playsRemoved, 2);
    assert.match(flags[0].reason, /2 plays shorter than 30 s/);
  });

  it("spares a listener whose plays are all long enough", () => {
    const plays = listenLikeAPerson(alice, [1, 2, 3], 10).filter((p) => p.playedSeconds >= 30);
    assert.deepEqual(dropShortPlays(plays, options), { kept: plays, flags: [] });
  });
});

describe("listening cap", () => {
  it("keeps plays in the order they started up to 8 h and removes the rest", () => {
    const bot = address(0xb07);
    // Given out of order: the cap follows start times, not input order.
    const plays = Array.from({ length: 10 }, (_, i) => play(bot, 1 + (i % 7), T0 + (9 - i) * 3600, 3600));
    const { kept, flags } = capListeningTime(plays, options);
    assert.equal(kept.length, 8);
    assert.ok(
      kept.every((p) => p.startedAt < T0 + 8 * 3600),
      "the eight earliest hours are kept",
    );
    assert.equal(flags.length, 1);
    assert.equal(flags[0].filter, FRAUD_FILTERS.listeningCap);
    assert.equal(flags[0].playsRemoved, 2);
    assert.match(flags[0].reason, /10\.0 h of qualified listening; only the first 8\.0 h/);
  });

  it("keeps exactly 8 h and spares a two-hour listener", () => {
    const full = Array.from({ length: 8 }, (_, i) => play(alice, 1, T0 + i * 3600, 3600));
    assert.equal(capListeningTime(full, options).kept.length, 8);
    const person = listenLikeAPerson(alice, [1, 2, 3, 4], 40);
    assert.deepEqual(capListeningTime(person, options), { kept: person, flags: [] });
  });
});

describe("machine-regular timing", () => {
  it("removes every play of a listener starting plays at near-constant intervals", () => {
    const bot = address(0xb07);
    const plays = Array.from({ length: 25 }, (_, i) => play(bot, 1 + (i % 3), T0 + i * 31 + (i % 2), 31));
    const { kept, flags } = dropMachineTimedListeners([...plays, ...listenLikeAPerson(alice, [1, 2, 3], 30)], options);
    assert.equal(kept.filter((p) => p.listener === bot).length, 0);
    assert.equal(kept.filter((p) => p.listener === alice).length, 30, "the person keeps everything");
    assert.deepEqual(
      flags.map((f) => [f.account, f.filter, f.playsRemoved]),
      [[bot, FRAUD_FILTERS.machineTiming, 25]],
    );
    assert.match(flags[0].reason, /25 plays started at machine-regular intervals: mean gap 31\.0 s, coefficient/);
  });

  it("is not fooled by a long break between two regular runs", () => {
    const bot = address(0xb07);
    const plays = Array.from({ length: 40 }, (_, i) =>
      play(bot, 1 + (i % 3), T0 + i * 35 + (i >= 20 ? 6 * 3600 : 0), 33),
    );
    assert.equal(dropMachineTimedListeners(plays, options).kept.length, 0);
  });

  it("does not judge a listener with fewer than 20 plays", () => {
    const bot = address(0xb07);
    const plays = Array.from({ length: 19 }, (_, i) => play(bot, 1, T0 + i * 40, 35));
    assert.equal(dropMachineTimedListeners(plays, options).kept.length, 19);
  });

  it("judges all plays, so a bot cannot hide its clock behind plays the later filters drop", () => {
    const bot = address(0xb07);
    const plays = Array.from({ length: 30 }, (_, i) => play(bot, 1 + (i % 5), T0 + i * 40, i % 3 === 0 ? 35 : 10));
    const { qualified, flags } = applyFraudFilters(plays, catalogue);
    assert.equal(qualified.length, 0);
    assert.deepEqual(
      flags.map((f) => f.filter),
      [FRAUD_FILTERS.machineTiming],
    );
  });
});

describe("loops", () => {
  it("keeps only the first 5 plays of a track that is most of a listener's 20+ plays", () => {
    const looper = address(0x100);
    const plays = [...listenLikeAPerson(looper, [1], 30), ...listenLikeAPerson(looper, [2, 3], 5, T0 + 20_000)];
    const { kept, flags } = capLoopedTracks(plays, options);
    const ofLooped = kept.filter((p) => p.trackId === "1");
    assert.equal(ofLooped.length, 5);
    assert.deepEqual(
      ofLooped.map((p) => p.startedAt),
      plays.slice(0, 5).map((p) => p.startedAt),
      "the first five of the epoch",
    );
    assert.equal(kept.length, 10);
    assert.equal(flags.length, 1);
    assert.equal(flags[0].filter, FRAUD_FILTERS.loop);
    assert.equal(flags[0].playsRemoved, 25);
    assert.match(flags[0].reason, /track 1 played 30 times, 86% of this listener's plays; only the first 5 count/);
  });

  it("spares a favourite that is not most of the listening, and 20 plays of one track", () => {
    const fan = [...listenLikeAPerson(alice, [1], 30), ...listenLikeAPerson(alice, [2, 3, 4], 31, T0 + 20_000)];
    assert.equal(capLoopedTracks(fan, options).kept.length, 61);
    const twenty = listenLikeAPerson(alice, [1], 20);
    assert.equal(capLoopedTracks(twenty, options).kept.length, 20);
  });
});

describe("self-plays", () => {
  it("removes plays by the track's creator, owner, collector and curator, and nobody else's", () => {
    const owner = address(0x0e);
    const collector = address(0xc011);
    const curator = address(0xc0a7);
    const tracks = indexTracks([track(9, [creatorA, creatorB], { owner, collector, curator }), track(10, [creatorB])]);
    const plays = [creatorA, creatorB, owner, collector, curator, alice].map((a, i) => play(a, 9, T0 + i, 200));
    const other = play(creatorA, 10, T0 + 10, 200);
    const { kept, flags } = dropSelfPlays([...plays, other], tracks);
    assert.deepEqual(kept, [plays[5], other]);
    assert.equal(flags.length, 5);
    assert.ok(flags.every((f) => f.filter === FRAUD_FILTERS.selfPlay && f.playsRemoved === 1));
    assert.match(flags[0].reason, /1 play of a track this account created, owns, collected or curates/);
  });
});

describe("clusters", () => {
  const ring = [0x51, 0x52, 0x53, 0x54].map(address);
  const ringTracks = ring.map((member, i) => track(100 + i, [member]));
  /** Each member plays the other members' tracks, `outside` of them honest tracks 1..7. */
  function ringPlays(outsideEvery = 0): Play[] {
    return ring.flatMap((member, m) => {
      const others = ringTracks.filter((_, i) => i !== m).map((t) => Number(t.trackId));
      return listenLikeAPerson(member, others, 15).map((p, i) =>
        outsideEvery > 0 && i % outsideEvery === 0 ? { ...p, trackId: String(1 + (i % 7)) } : p,
      );
    });
  }
  const tracks = indexTracks([...catalogue, ...ringTracks]);

  it("removes a group that only plays its own tracks, with a flag per member, and spares its honest listener", () => {
    const plays = [...ringPlays(), ...listenLikeAPerson(alice, [1, 2, 100], 12)];
    const { kept, flags } = dropClosedClusters(plays, tracks, options);
    assert.ok(kept.every((p) => p.listener === alice));
    assert.equal(kept.length, 12, "a person who also played a ring track keeps all plays");
    assert.deepEqual(
      flags.map((f) => f.account),
      [...ring].sort(),
    );
    for (const flag of flags) {
      assert.equal(flag.filter, FRAUD_FILTERS.cluster);
      assert.equal(flag.playsRemoved, 15);
      assert.match(flag.reason, /one of 4 accounts .* 100% of the group's 60 plays went to its own tracks/);
    }
  });

  it("catches the ring even when one member listens more widely (the group decides)", () => {
    const plays = ringPlays();
    // Member 0 puts a fifth of its plays on honest tracks: 80% inside for it, 95% for the group.
    const widened = plays.map((p, i) => (p.listener === ring[0] && i % 5 === 0 ? { ...p, trackId: "1" } : p));
    const { flags } = dropClosedClusters(widened, tracks, options);
    assert.equal(flags.length, 4);
    assert.match(flags[0].reason, /95% of the group's 60 plays .* \(80% of this account's\)/);
  });

  it("spares creators who listen to each other but have an audience of their own", () => {
    const friends = [creatorA, creatorB].flatMap((creator, i) => listenLikeAPerson(creator, i ? [1, 3] : [2, 4], 20));
    const fans = [0x201, 0x202, 0x203].flatMap((n) => listenLikeAPerson(address(n), [1, 2, 3, 4], 16));
    const plays = [...friends, ...fans];
    assert.deepEqual(dropClosedClusters(plays, tracks, options), { kept: plays, flags: [] });
  });

  it("spares a group that listens mostly elsewhere, and a group too small to judge", () => {
    assert.equal(dropClosedClusters(ringPlays(2), tracks, options).flags.length, 0);
    const tiny = [play(ring[0], 101, T0, 200), play(ring[1], 100, T0 + 500, 180)];
    assert.equal(dropClosedClusters(tiny, tracks, options).flags.length, 0);
  });

  it("counts self-plays as ring listening: applyFraudFilters judges clusters before removing them", () => {
    // A quarter of each member's plays are its own track: still a ring.
    const plays = ringPlays().map((p, i) =>
      i % 4 === 0 ? { ...p, trackId: String(100 + ring.indexOf(p.listener)) } : p,
    );
    const { qualified, flags } = applyFraudFilters(plays, [...tracks.values()]);
    assert.equal(qualified.length, 0);
    assert.deepEqual(new Set(flags.map((f) => f.filter)), new Set([FRAUD_FILTERS.cluster]));
  });
});

describe("applyFraudFilters", () => {
  it("leaves a person's qualified listening untouched, in input order, with no flags", () => {
    const plays = listenLikeAPerson(alice, [1, 2, 3, 4, 5], 40).filter((p) => p.playedSeconds >= 30);
    const shuffled = [...plays].reverse();
    const { qualified, flags } = applyFraudFilters(shuffled, catalogue);
    assert.deepEqual(qualified, shuffled);
    assert.deepEqual(flags, []);
  });

  it("runs every filter and reports flags in filter order", () => {
    const bot = address(0xb07);
    const plays = [
      ...Array.from({ length: 25 }, (_, i) => play(bot, 1, T0 + i * 31, 31)),
      play(alice, 2, T0, 12),
      play(creatorA, 1, T0 + 50, 200),
      ...listenLikeAPerson(alice, [3], 30, T0 + 1000),
    ];
    const { flags } = applyFraudFilters(plays, catalogue);
    assert.deepEqual(
      flags.map((f) => [f.filter, f.account]),
      [
        [FRAUD_FILTERS.machineTiming, bot],
        [FRAUD_FILTERS.minimumDuration, alice],
        [FRAUD_FILTERS.loop, alice],
        [FRAUD_FILTERS.selfPlay, creatorA],
      ],
    );
    assert.ok(flags.every((f) => f.reason.length > 10 && f.playsRemoved > 0));
  });

  it("takes its thresholds as options", () => {
    const plays = [play(alice, 1, T0, 45)];
    assert.equal(applyFraudFilters(plays, catalogue).qualified.length, 1);
    assert.equal(applyFraudFilters(plays, catalogue, { minPlaySeconds: 60 }).qualified.length, 0);
    assert.equal(DEFAULT_FRAUD_OPTIONS.minPlaySeconds, 30);
  });

  it("refuses plays and options it cannot judge", () => {
    assert.throws(() => applyFraudFilters([play(alice, 1, T0, -1)], catalogue), FraudFilterInputError);
    assert.throws(() => applyFraudFilters([play(alice, 1, T0, Number.NaN)], catalogue), FraudFilterInputError);
    assert.throws(() => applyFraudFilters([play(alice, 99, T0, 60)], catalogue), /unknown track 99/);
    assert.throws(() => applyFraudFilters([], [...catalogue, catalogue[0]]), /listed twice/);
    assert.throws(() => applyFraudFilters([], catalogue, { loopShareThreshold: 2 }), FraudFilterInputError);
    assert.throws(() => applyFraudFilters([], catalogue, { minPlaySeconds: 0 }), /minPlaySeconds/);
  });
});
