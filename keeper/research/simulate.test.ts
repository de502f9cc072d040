// The simulation with a fixed seed: what the model achieves against naive bot farms and sybil rings, and what the
// smarter bot farm still takes (asserted as measured, so a change that lets more through fails here).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatSimulation, seededRandom, simulate, type Group, type SimulationResult } from "./simulate.ts";

const group = (result: SimulationResult, name: Group) => {
  const found = result.groups.find((g) => g.group === name);
  assert.ok(found, name);
  return found;
};

describe("simulation, seed 1, naive bot farms and sybil rings", () => {
  const result = simulate({ seed: 1 });

  it("keeps bots and sybils at or under 5% of all rewards", () => {
    assert.ok(result.naiveAdversaryShare <= 0.05, `bots and sybils took ${result.naiveAdversaryShare}`);
  });

  it("gives honest listeners at least 95% of their fair share", () => {
    assert.ok(result.honestFairShare.total >= 0.95, `honest listeners got ${result.honestFairShare.total}`);
    assert.ok(result.honestFairShare.listen >= 0.95, `listen: ${result.honestFairShare.listen}`);
  });

  it("catches every sybil ring member, most naive bots, and flags no honest account as a bot or a ring", () => {
    const sybils = group(result, "sybilRings");
    assert.equal(sybils.flagged.cluster, sybils.accounts);
    assert.equal(sybils.share.total, 0);
    const bots = group(result, "botFarms");
    // 30 metronome bots + 15 near-constant loopers by their clock, 30 skimmers by duration, 15 randomised loopers
    // are cut to five plays each (the farms' 9 operator accounts never listen).
    assert.equal(bots.flagged["machine-timing"], 45);
    assert.equal(bots.flagged["minimum-duration"], 30);
    assert.equal(bots.flagged.loop, 15);
    for (const honest of [group(result, "honestListeners"), group(result, "honestCreators")]) {
      assert.equal(honest.flagged.cluster, undefined);
      assert.equal(honest.flagged["machine-timing"], undefined);
    }
  });

  it("pays every budget in full but dust", () => {
    for (const share of Object.values(result.unpaid)) assert.ok(share < 1e-6);
  });

  it("is the same for the same seed and different for another", () => {
    assert.deepEqual(simulate({ seed: 1 }), result);
    assert.notDeepEqual(simulate({ seed: 2 }).groups, result.groups);
  });
});

describe("simulation, seed 1, with the smarter bot farm (25 bots)", () => {
  const result = simulate({ seed: 1, smartBots: 25 });
  const smart = group(result, "smartBots");

  it("holds each smart bot at the listening cap, and still lets the farm take about a tenth of all rewards", () => {
    assert.ok((smart.flagged["listening-cap"] ?? 0) >= 15, "most bots listen past the 8 h cap");
    // What it takes (seed 1: 10.6% of everything; 12.0% of listening, 19.4% of engagement, 18.1% of discovery):
    // the filters cannot tell these accounts from people, only the cap and the square root hold them back.
    assert.ok(result.smartBotShare > 0.05 && result.smartBotShare < 0.12, `smart farm: ${result.smartBotShare}`);
    assert.ok(smart.share.listen < 0.13, `listen: ${smart.share.listen}`);
    assert.ok(smart.share.holder < 0.03, `holder: ${smart.share.holder}`);
  });

  it("leaves honest listeners 85% or more of their fair share, and the naive adversaries still at or under 5%", () => {
    assert.ok(result.honestFairShare.total >= 0.85, `honest listeners got ${result.honestFairShare.total}`);
    assert.ok(result.naiveAdversaryShare <= 0.05);
  });

  it("prints a table with a row per group and the headline", () => {
    const text = formatSimulation(result);
    for (const label of ["honest listeners (400)", "naive bot farms", "sybil rings", "smart bot farm", "not paid"]) {
      assert.ok(text.includes(label), label);
    }
    assert.match(text, /honest listeners got \d+\.\d% of their fair share/);
  });
});

describe("seededRandom", () => {
  it("repeats itself for a seed and stays in range", () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const values = Array.from({ length: 1000 }, () => a.next());
    assert.deepEqual(
      values,
      Array.from({ length: 1000 }, () => b.next()),
    );
    assert.ok(values.every((v) => v >= 0 && v < 1));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05);
    const ints = Array.from({ length: 1000 }, () => a.int(1, 3));
    assert.deepEqual(new Set(ints), new Set([1, 2, 3]));
  });
});
