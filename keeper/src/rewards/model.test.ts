// The epoch reward model: budgets are never exceeded (also over random inputs), the result does not depend on input
// order, self-plays earn nothing, and each pool pays only the accounts its rule names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Engagement, EpochBudget, EpochInput, Play, RewardCategory, TrackInfo } from "../domain.ts";
import { applyFraudFilters } from "./fraud.ts";
import { computeEpochRewards, EpochInputError, REWARD_CATEGORIES, splitPool } from "./model.ts";
import { seededRandom, type Random } from "../../research/simulate.ts";

const T0 = 1_750_000_000;
const DAY = 86_400;
const MINT = 10n ** 18n;
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function budget(amount: bigint = 1_000n * MINT): EpochBudget {
  return { listen: amount, holder: amount, create: amount, engagement: amount, discovery: amount };
}

function track(
  id: number,
  creators: string[] | { account: string; shareBps: number }[],
  roles: Partial<TrackInfo> = {},
) {
  const list =
    typeof creators[0] === "string"
      ? (creators as string[]).map((account) => ({ account, shareBps: 10_000 / creators.length }))
      : (creators as { account: string; shareBps: number }[]);
  return { trackId: String(id), registeredAt: T0 - 30 * DAY, tier: 0, creators: list, ...roles } as TrackInfo;
}

let digest = 0;
function play(listener: string, trackId: number, playedSeconds = 200, startedAt = T0 + 1000): Play {
  return { listener, trackId: String(trackId), startedAt, playedSeconds, reportDigest: `0x${(digest++).toString(16)}` };
}

/** `count` plays a person might make, one after the other, from `startedAt`. */
function session(listener: string, trackIds: number[], count: number, startedAt = T0 + 1000): Play[] {
  const durations = [212, 187, 64, 245, 301, 176, 98, 233, 190, 41, 267];
  const plays: Play[] = [];
  let at = startedAt;
  for (let i = 0; i < count; i++) {
    plays.push(play(listener, trackIds[i % trackIds.length], durations[i % durations.length], at));
    at += durations[i % durations.length] + ((i * 5) % 11);
  }
  return plays;
}

function engagement(account: string, kind: Engagement["kind"], trackId: number): Engagement {
  return { account, kind, trackId: String(trackId), at: T0 + 2000, ref: "0x00" };
}

function epoch(parts: Partial<EpochInput>): EpochInput {
  return {
    epoch: 7,
    start: T0,
    end: T0 + DAY,
    budget: budget(),
    plays: [],
    engagements: [],
    tracks: [],
    history: new Map(),
    ...parts,
  };
}

const paid = (result: ReturnType<typeof computeEpochRewards>, category: RewardCategory) =>
  new Map([...result.rewards].filter(([, r]) => r[category] !== undefined).map(([a, r]) => [a, r[category] as bigint]));

const [alice, bob, carol, dave] = [0xa1, 0xb0, 0xca, 0xda].map(address);
const [creator1, creator2] = [0xc1, 0xc2].map(address);
const [owner1, owner2, collector, curator] = [0x01, 0x02, 0xc0, 0xcc].map(address);

describe("budgets", () => {
  it("never pays more than a pool, reports what it did not pay, and pays nothing from an empty pool", () => {
    const tracks = [track(1, [creator1], { owner: owner1 })];
    const plays = [alice, bob, carol].map((l) => play(l, 1, 200));
    const result = computeEpochRewards(
      epoch({ tracks, plays, budget: { listen: 10n, holder: 0n, create: 7n, engagement: 5n, discovery: 3n } }),
    );
    assert.deepEqual([...paid(result, "listen").values()], [3n, 3n, 3n]);
    assert.equal(result.unpaid.listen, 1n, "floor division dust");
    assert.equal(result.unpaid.holder, 0n);
    assert.equal(paid(result, "create").get(creator1), 7n, "the only creator takes the whole pool");
    assert.equal(result.unpaid.engagement, 5n, "nobody engaged");
    assert.equal(result.unpaid.discovery, 3n, "no history, no growth");
  });

  it("holds over random epochs: every pool pays at most its budget, to accounts its rule allows", () => {
    const random = seededRandom(20_260_101);
    for (let round = 0; round < 150; round++) {
      const input = randomEpoch(random);
      const result = computeEpochRewards(input);
      const { qualified } = applyFraudFilters(input.plays, input.tracks);
      const listeners = new Set(qualified.map((p) => p.listener));
      const roles = (role: "owner" | "collector" | "curator") => new Set(input.tracks.map((t) => t[role]));
      const creators = new Set(input.tracks.flatMap((t) => t.creators.map((c) => c.account)));
      const allowed: Record<RewardCategory, (account: string) => boolean> = {
        listen: (a) => listeners.has(a),
        holder: (a) => roles("owner").has(a),
        create: (a) => creators.has(a),
        engagement: (a) => listeners.has(a) && input.engagements.some((e) => e.account === a),
        discovery: (a) => roles("collector").has(a) || roles("curator").has(a),
      };
      for (const category of REWARD_CATEGORIES) {
        let sum = 0n;
        for (const [account, amount] of paid(result, category)) {
          assert.ok(amount > 0n, `round ${round}: ${category} entry of 0`);
          assert.ok(allowed[category](account), `round ${round}: ${account} may not earn ${category}`);
          sum += amount;
        }
        assert.ok(
          sum <= input.budget[category],
          `round ${round}: ${category} paid ${sum} of ${input.budget[category]}`,
        );
        assert.equal(sum + result.unpaid[category], input.budget[category], `round ${round}: ${category} unpaid`);
      }
    }
  });

  it("splits a pool pro rata with floor division (splitPool)", () => {
    const split = splitPool(
      100n,
      new Map([
        [bob, 1],
        [alice, 2],
        [carol, 0],
      ]),
    );
    assert.deepEqual(
      [...split],
      [
        [alice, 66n],
        [bob, 33n],
      ],
    );
    assert.deepEqual(splitPool(0n, new Map([[alice, 1]])), new Map());
  });
});

describe("determinism", () => {
  it("gives the same rewards, flags and indexes for the same epoch in any input order", () => {
    const random = seededRandom(99);
    for (let round = 0; round < 10; round++) {
      const input = randomEpoch(random);
      const first = computeEpochRewards(input);
      assert.deepEqual(computeEpochRewards(input), first);
      const shuffled: EpochInput = {
        ...input,
        plays: shuffle(random, [...input.plays]),
        engagements: shuffle(random, [...input.engagements]),
        tracks: shuffle(random, [...input.tracks]),
      };
      assert.deepEqual(computeEpochRewards(shuffled), first, `round ${round}`);
    }
  });
});

describe("self-plays", () => {
  it("earn nothing: no listening reward, and no audience for holder, create or discovery", () => {
    const tracks = [track(1, [creator1], { owner: owner1, collector, curator })];
    const history = new Map([["1", [0, 0, 0]]]);
    const plays = [creator1, owner1, collector, curator].flatMap((a) => session(a, [1], 10));
    const result = computeEpochRewards(epoch({ tracks, plays, history }));
    assert.equal(result.rewards.size, 0);
    assert.equal(result.qualifiedPlays, 0);
    for (const category of REWARD_CATEGORIES) assert.equal(result.unpaid[category], 1_000n * MINT);
    assert.deepEqual(new Set(result.flags.map((f) => f.filter)), new Set(["self-play"]));
  });
});

describe("category rules", () => {
  it("listen: by qualified seconds with diminishing returns — four times the listening earns twice", () => {
    const tracks = [track(1, [creator1])];
    const plays = [...Array.from({ length: 4 }, (_, i) => play(alice, 1, 250, T0 + i * 300)), play(bob, 1, 250)];
    const listen = paid(computeEpochRewards(epoch({ tracks, plays: [...plays, play(carol, 1, 20)] })), "listen");
    assert.equal(listen.size, 2, "a 20 s play does not qualify carol");
    assert.equal(listen.get(alice), 2n * (listen.get(bob) as bigint));
  });

  it("holder: each owner by its tracks' unique qualified listeners; no owner, no payment", () => {
    const tracks = [
      track(1, [creator1], { owner: owner1 }),
      track(2, [creator1], { owner: owner2 }),
      track(3, [creator2]),
    ];
    const plays = [
      ...[alice, bob, carol].map((l) => play(l, 1)),
      play(alice, 1, 200, T0 + 5000), // a second play by the same listener adds no listener
      play(dave, 2),
      ...[alice, bob].map((l) => play(l, 3)),
    ];
    const holder = paid(computeEpochRewards(epoch({ tracks, plays })), "holder");
    assert.deepEqual([...holder.keys()], [owner1, owner2]);
    assert.equal(holder.get(owner1), 3n * (holder.get(owner2) as bigint));
  });

  it("create: only tracks with at least 3 qualified listeners, split among creators by share", () => {
    const tracks = [
      track(1, [
        { account: creator1, shareBps: 6_000 },
        { account: creator2, shareBps: 4_000 },
      ]),
      track(2, [dave]),
    ];
    const plays = [...[alice, bob, carol].map((l) => play(l, 1)), ...[alice, bob].map((l) => play(l, 2))];
    const result = computeEpochRewards(epoch({ tracks, plays }));
    const create = paid(result, "create");
    assert.deepEqual([...create.keys()], [creator1, creator2], "track 2 has two listeners: dave earns nothing");
    const ratio = Number(create.get(creator1)) / Number(create.get(creator2));
    assert.ok(Math.abs(ratio - 1.5) < 1e-9);
    assert.ok(result.trackQuality.has("2"), "still indexed, only not paid");
  });

  it("engagement: once per kind and track, on tracks the account and someone else listened to, capped at 10", () => {
    const ids = Array.from({ length: 12 }, (_, i) => i + 1);
    const tracks = ids.map((id) => track(id, [creator1]));
    const plays = [...session(alice, ids, 12), ...session(bob, ids, 12), play(carol, 1)];
    const engagements = [
      engagement(bob, "save", 1),
      engagement(bob, "save", 1), // the same action again
      engagement(bob, "comment", 1),
      engagement(bob, "save", 2),
      engagement(carol, "save", 2), // carol did not listen to track 2
      engagement(dave, "save", 1), // dave has no qualified plays at all
      engagement(creator1, "save", 1), // nor has the creator
      ...ids.map((id) => engagement(alice, "playlist", id)), // 12 actions, capped at 10
    ];
    const result = computeEpochRewards(epoch({ tracks, plays, engagements }));
    const earned = paid(result, "engagement");
    assert.deepEqual([...earned.keys()], [alice, bob]);
    const ratio = Number(earned.get(alice)) / Number(earned.get(bob));
    assert.ok(Math.abs(ratio - 10 / 3) < 1e-9, `ratio ${ratio}`);

    const alone = [track(1, [creator1])];
    const lonely = computeEpochRewards(
      epoch({ tracks: alone, plays: [play(alice, 1)], engagements: [engagement(alice, "save", 1)] }),
    );
    assert.equal(paid(lonely, "engagement").size, 0, "a track only the engaging account heard");
  });

  it("discovery: growth over the earlier average pays the collector and curator, never a creator", () => {
    const tracks = [
      track(1, [creator1], { collector, curator }),
      track(2, [creator2], { collector: creator2, curator }), // a creator collecting its own track
      track(3, [creator1], { collector }),
      track(4, [creator1], { collector }),
    ];
    const listeners = Array.from({ length: 10 }, (_, i) => address(0x1000 + i));
    const plays = listeners.flatMap((l) => [play(l, 1), play(l, 2), play(l, 3), play(l, 4)]);
    const history = new Map([
      ["1", [9, 2, 4]], // latest window mean 5 → growth 5
      ["2", [5, 5]], // growth 5
      ["3", [9, 9]], // growth 1: noise
      // track 4 has no history: no baseline yet
    ]);
    const discovery = paid(
      computeEpochRewards(epoch({ tracks, plays, history }), { discoveryWindowEpochs: 3 }),
      "discovery",
    );
    assert.deepEqual([...discovery.keys()].sort(), [collector, curator].sort());
    // curator: half of track 1 plus all of track 2; collector: half of track 1.
    const ratio = Number(discovery.get(curator)) / Number(discovery.get(collector));
    assert.ok(Math.abs(ratio - 3) < 1e-9, `ratio ${ratio}`);
  });

  it("a mutual-play ring earns nothing anywhere, even from the outsiders who played its tracks", () => {
    const ring = [0x51, 0x52, 0x53].map(address);
    const tracks = ring.map((member, i) =>
      track(100 + i, [member], { owner: member, collector: ring[(i + 1) % 3], curator: ring[(i + 2) % 3] }),
    );
    const plays = [
      ...ring.flatMap((member, i) => session(member, [100 + ((i + 1) % 3), 100 + ((i + 2) % 3)], 15)),
      ...[alice, bob, carol].flatMap((l) => [play(l, 100), play(l, 101)]),
    ];
    const engagements = ring.map((member, i) => engagement(member, "save", 100 + ((i + 1) % 3)));
    const history = new Map(tracks.map((t) => [t.trackId, [0, 0]]));
    const result = computeEpochRewards(epoch({ tracks, plays, engagements, history }));
    assert.equal(result.flags.filter((f) => f.filter === "cluster").length, 3);
    assert.deepEqual([...result.rewards.keys()], [alice, bob, carol].sort());
    assert.deepEqual(Object.keys(result.rewards.get(alice) ?? {}), ["listen"]);
  });

  it("reports track quality and creator reputation for the played tracks", () => {
    const tracks = [track(1, [creator1]), track(2, [creator2])];
    const result = computeEpochRewards(epoch({ tracks, plays: [play(alice, 1)] }));
    assert.deepEqual([...result.trackQuality.keys()], ["1"]);
    assert.deepEqual([...result.creatorReputation.keys()], [creator1]);
  });
});

describe("bad input", () => {
  const tracks = [track(1, [creator1])];
  const cases: [string, Partial<EpochInput>, RegExp][] = [
    ["a mixed-case address", { plays: [play(alice.toUpperCase().replace("0X", "0x"), 1)] }, /not a lower-case address/],
    ["shares not summing to 100%", { tracks: [track(1, [{ account: creator1, shareBps: 9_000 }])] }, /sum to 9000/],
    ["a negative budget", { budget: { ...budget(), create: -1n } }, /budget.create/],
    ["an engagement with an unknown track", { engagements: [engagement(alice, "save", 5)] }, /unknown track/],
    ["a history count below zero", { history: new Map([["1", [-1]]]) }, /history of track 1/],
    ["an empty epoch range", { end: T0 }, /no time range/],
    ["a track id that is no token id", { tracks: [track(1, [creator1], { trackId: "0x01" })] }, /decimal token id/],
  ];
  for (const [what, parts, message] of cases) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => computeEpochRewards(epoch({ tracks, ...parts })),
        (error: unknown) => error instanceof EpochInputError && message.test(error.message),
      );
    });
  }
});

/** A small random epoch: tracks with random co-authors and roles, plays of every kind, engagement, history. */
function randomEpoch(random: Random): EpochInput {
  const accounts = Array.from({ length: random.int(2, 14) }, (_, i) => address(0x100 + i));
  const tracks: TrackInfo[] = Array.from({ length: random.int(1, 8) }, (_, i) => {
    const creatorCount = random.int(1, Math.min(3, accounts.length));
    const creators = shuffle(random, [...accounts]).slice(0, creatorCount);
    const cuts = creators.map(() => random.int(1, 100));
    const total = cuts.reduce((a, b) => a + b, 0);
    const shares = cuts.map((c) => Math.floor((c * 10_000) / total));
    shares[0] += 10_000 - shares.reduce((a, b) => a + b, 0); // floors leave a remainder; the first creator takes it
    const list = creators.map((account, k) => ({ account, shareBps: shares[k] }));
    const maybe = () => (random.chance(0.6) ? random.pick(accounts) : undefined);
    return {
      trackId: String(1000 + i),
      registeredAt: T0 - random.int(0, 100) * DAY,
      tier: 0,
      creators: list,
      owner: maybe(),
      collector: maybe(),
      curator: maybe(),
    };
  });
  const plays: Play[] = [];
  for (const listener of accounts) {
    let at = T0 + random.int(0, 3600);
    const regular = random.chance(0.15);
    for (let n = random.int(0, 40); n > 0; n--) {
      const seconds = regular ? 35 : random.int(0, 600);
      plays.push(play(listener, Number(random.pick(tracks).trackId), seconds, at));
      at += regular ? 36 : seconds + random.int(0, 900);
    }
  }
  const engagements: Engagement[] = Array.from({ length: random.int(0, 30) }, () =>
    engagement(
      random.pick(accounts),
      random.pick(["save", "comment", "playlist"] as const),
      Number(random.pick(tracks).trackId),
    ),
  );
  const history = new Map(
    tracks
      .filter(() => random.chance(0.7))
      .map((t) => [t.trackId, Array.from({ length: random.int(1, 9) }, () => random.int(0, 6))]),
  );
  const amount = () =>
    random.pick([0n, 1n, 7n, BigInt(random.int(1, 1_000_000)), BigInt(random.int(1, 1_000_000)) * MINT, 10n ** 30n]);
  return epoch({
    epoch: random.int(0, 1000),
    budget: { listen: amount(), holder: amount(), create: amount(), engagement: amount(), discovery: amount() },
    plays,
    engagements,
    tracks,
    history,
  });
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
