// Track quality index and creator reputation: indicators measured as documented, normalised to 0..1, and scores
// that anyone can recompute from the indicators and weights the API serves.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Engagement, Play, QualityIndex, TrackInfo } from "../domain.ts";
import {
  computeCreatorReputation,
  computeTrackQuality,
  QualityInputError,
  TRACK_QUALITY_WEIGHTS,
  type TrackIndicator,
} from "./quality.ts";

const T0 = 1_750_000_000;
const DAY = 86_400;
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const creator = address(0xc1);
const coAuthor = address(0xc2);

function track(id: string, ageDays: number, creators = [{ account: creator, shareBps: 10_000 }]): TrackInfo {
  return { trackId: id, registeredAt: T0 - ageDays * DAY, tier: 0, creators };
}

let digest = 0;
function play(listener: number, trackId: string, playedSeconds = 200, at = T0): Play {
  return { listener: address(listener), trackId, startedAt: at, playedSeconds, reportDigest: String(digest++) };
}

function engagement(account: number, kind: Engagement["kind"], trackId: string): Engagement {
  return { account: address(account), kind, trackId, at: T0, ref: "0x00" };
}

const indicatorKeys = Object.keys(TRACK_QUALITY_WEIGHTS) as TrackIndicator[];
const recompute = (index: QualityIndex) =>
  indicatorKeys.reduce((s, k) => s + index.weights[k] * index.indicators[k], 0);

describe("track quality index", () => {
  it("publishes weights that sum to 1 and a score equal to their weighted sum of 0..1 indicators", () => {
    assert.ok(Math.abs(Object.values(TRACK_QUALITY_WEIGHTS).reduce((a, b) => a + b, 0) - 1) < 1e-12);
    const plays = [play(1, "1"), play(2, "1", 90), play(2, "1", 40), play(3, "1", 500)];
    const index = computeTrackQuality(plays, [engagement(1, "save", "1")], [track("1", 10)], { at: T0 }).get("1");
    assert.ok(index);
    assert.deepEqual(index.weights, { ...TRACK_QUALITY_WEIGHTS });
    for (const key of indicatorKeys) assert.ok(index.indicators[key] >= 0 && index.indicators[key] <= 1, key);
    assert.ok(Math.abs(index.score - recompute(index)) < 1e-12);
    assert.equal(index.indicators.uniqueListeners, 3);
    assert.equal(index.indicators.plays, 4);
  });

  it("measures completion by the 180 s proxy without lengths and by the real length with them", () => {
    const plays = [play(1, "1", 90), play(2, "1", 180), play(3, "1", 400)];
    const proxy = computeTrackQuality(plays, [], [track("1", 1)], { at: T0 }).get("1");
    assert.equal(proxy?.indicators.completion, (0.5 + 1 + 1) / 3);
    assert.equal(proxy?.indicators.lengthKnown, 0);
    const lengths = new Map([["1", 360]]);
    const real = computeTrackQuality(plays, [], [track("1", 1)], { at: T0, trackLengths: lengths }).get("1");
    assert.equal(real?.indicators.completion, (0.25 + 0.5 + 1) / 3);
    assert.equal(real?.indicators.lengthKnown, 1);
  });

  it("scales listeners logarithmically up to the saturation point", () => {
    const listenersIndicator = (count: number) => {
      const plays = Array.from({ length: count }, (_, i) => play(i + 1, "1"));
      return computeTrackQuality(plays, [], [track("1", 1)], { at: T0, listenerSaturation: 100 }).get("1")?.indicators
        .listeners as number;
    };
    assert.ok(Math.abs(listenersIndicator(9) - Math.log(10) / Math.log(101)) < 1e-12);
    assert.ok(listenersIndicator(10) < listenersIndicator(20));
    assert.ok(listenersIndicator(20) - listenersIndicator(10) < listenersIndicator(10) - listenersIndicator(1));
    assert.equal(listenersIndicator(100), 1);
    assert.equal(listenersIndicator(150), 1);
  });

  it("counts saves and playlist adds by the track's qualified listeners only, once each; comments are no signal", () => {
    const plays = [play(1, "1"), play(2, "1"), play(3, "1"), play(4, "1"), play(5, "2")];
    const engagements = [
      engagement(1, "save", "1"),
      engagement(1, "playlist", "1"), // the same listener again: still one keeper
      engagement(2, "playlist", "1"),
      engagement(3, "comment", "1"),
      engagement(5, "save", "1"), // listened to another track only
      engagement(9, "save", "1"), // did not listen at all
    ];
    const index = computeTrackQuality(plays, engagements, [track("1", 1), track("2", 1)], { at: T0 }).get("1");
    assert.equal(index?.indicators.keepers, 2);
    assert.equal(index?.indicators.saveRate, 0.5);
  });

  it("measures the share of listeners who came back, and novelty halving every 30 days", () => {
    const plays = [play(1, "1"), play(1, "1", 200, T0 + 400), play(2, "1"), play(3, "1"), play(4, "1")];
    const tracks = [track("1", 30)];
    const index = computeTrackQuality(plays, [], tracks, { at: T0 }).get("1");
    assert.equal(index?.indicators.repeatRate, 0.25);
    assert.ok(Math.abs((index?.indicators.novelty ?? 0) - 0.5) < 1e-12);
    const fresh = computeTrackQuality(plays, [], [track("1", 0)], { at: T0 }).get("1");
    assert.equal(fresh?.indicators.novelty, 1);
    assert.ok((fresh?.score ?? 0) > (index?.score ?? 0));
  });

  it("ranks a track people finish, keep and replay above one they skip through", () => {
    const listeners = [1, 2, 3, 4, 5, 6];
    const loved = listeners.flatMap((l) => [play(l, "1", 240), play(l, "1", 240, T0 + 300)]);
    const skipped = listeners.map((l) => play(l, "2", 35));
    const saves = listeners.map((l) => engagement(l, "save", "1"));
    const quality = computeTrackQuality([...loved, ...skipped], saves, [track("1", 60), track("2", 60)], { at: T0 });
    assert.ok((quality.get("1")?.score ?? 0) > 2 * (quality.get("2")?.score ?? 1));
  });

  it("indexes only tracks with qualified plays, in id order", () => {
    const quality = computeTrackQuality(
      [play(1, "3"), play(1, "12")],
      [],
      [track("12", 1), track("3", 1), track("5", 1)],
      {
        at: T0,
      },
    );
    assert.deepEqual([...quality.keys()], ["12", "3"]);
  });

  it("refuses plays of unknown tracks, lengths that are no durations and bad options", () => {
    assert.throws(() => computeTrackQuality([play(1, "9")], [], [track("1", 1)], { at: T0 }), QualityInputError);
    const lengths = new Map([["1", 0]]);
    assert.throws(
      () => computeTrackQuality([play(1, "1")], [], [track("1", 1)], { at: T0, trackLengths: lengths }),
      /length 0 is not a duration/,
    );
    assert.throws(() => computeTrackQuality([], [], [], { at: T0, listenerSaturation: -1 }), QualityInputError);
    assert.throws(() => computeTrackQuality([], [], [], { at: Number.NaN }), QualityInputError);
  });
});

describe("creator reputation", () => {
  const tracks = [
    track("1", 10),
    track("2", 10, [
      { account: creator, shareBps: 2_500 },
      { account: coAuthor, shareBps: 7_500 },
    ]),
  ];
  const plays = [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((l) => play(l, "1", 200)),
    ...[1, 2, 3, 4].map((l) => play(l, "2", 40)),
  ];

  it("is the share-weighted average of the creator's track scores times a volume confidence", () => {
    const quality = computeTrackQuality(plays, [], tracks, { at: T0 });
    const reputation = computeCreatorReputation(quality, tracks, { at: T0 });
    const score1 = quality.get("1")?.score as number;
    const score2 = quality.get("2")?.score as number;
    const own = reputation.get(creator) as QualityIndex;
    assert.deepEqual(own.weights, { "track:1": 1 / 1.25, "track:2": 0.25 / 1.25 });
    const average = (score1 * 1 + score2 * 0.25) / 1.25;
    assert.ok(Math.abs(own.indicators.averageTrackQuality - average) < 1e-12);
    const volume = 8 + 0.25 * 4;
    assert.equal(own.indicators.listeners, volume);
    assert.ok(Math.abs(own.indicators.confidence - volume / (volume + 20)) < 1e-12);
    assert.ok(Math.abs(own.score - own.indicators.confidence * average) < 1e-12);
    const recomputed = Object.keys(own.weights).reduce((s, k) => s + own.weights[k] * own.indicators[k], 0);
    assert.ok(Math.abs(own.score - own.indicators.confidence * recomputed) < 1e-12);

    const partner = reputation.get(coAuthor) as QualityIndex;
    assert.deepEqual(partner.weights, { "track:2": 1 });
    assert.ok(Math.abs(partner.indicators.averageTrackQuality - score2) < 1e-12);
  });

  it("trusts a larger audience more at the same track quality", () => {
    const one = [track("1", 10)];
    const reputationWith = (listeners: number) => {
      const some = Array.from({ length: listeners }, (_, i) => play(i + 1, "1"));
      // Same indicators except reach: a saturation of 1 makes the listeners indicator 1 for both.
      const quality = computeTrackQuality(some, [], one, { at: T0, listenerSaturation: 1 });
      return computeCreatorReputation(quality, one, { at: T0 }).get(creator)?.score as number;
    };
    assert.ok(reputationWith(40) > 1.5 * reputationWith(10));
  });
});
