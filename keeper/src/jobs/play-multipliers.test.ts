import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PLAY_BPS, playMultiplierBps } from "./play-multipliers.ts";

describe("playMultiplierBps", () => {
  it("weighs the median track 1x and follows the square root of plays over the median", () => {
    assert.equal(playMultiplierBps(99, 99), 10_000);
    assert.equal(playMultiplierBps(399, 99), 20_000);
    assert.equal(playMultiplierBps(24, 99), 5_000);
  });

  it("stays within the vault's bounds and never decreases with more plays", () => {
    let previous = 0;
    for (let plays = 0; plays < 5_000; plays += 7) {
      const bps = playMultiplierBps(plays, 100);
      assert.ok(bps >= PLAY_BPS.min && bps <= PLAY_BPS.max);
      assert.ok(bps >= previous);
      previous = bps;
    }
    assert.equal(playMultiplierBps(1_000_000, 1), PLAY_BPS.max);
    assert.equal(playMultiplierBps(0, 1_000_000), PLAY_BPS.min);
  });
});
