import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_PRICE, MULTIPLIER_SCALE, applyMultipliers, fromFixed, maxOf, minOf, toFixed } from "./fixed-point.ts";

describe("fixed-point multipliers", () => {
  it("rounds a multiplier once to millionths, monotonically, and refuses what is not a multiplier", () => {
    assert.equal(toFixed(1.5), 1_500_000n);
    assert.equal(toFixed(0.1 + 0.2), 300_000n, "float noise below a millionth disappears");
    assert.equal(toFixed(2.0000004), 2_000_000n);
    assert.equal(toFixed(2.0000006), 2_000_001n);
    assert.equal(fromFixed(1_234_567n), 1.234567);
    for (const bad of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => toFixed(bad), RangeError);
  });

  it("applies several multipliers with a single rounding down at the end", () => {
    assert.equal(
      applyMultipliers(5n, [1_500_000n, 1_500_000n]),
      11n,
      "5 × 2.25 = 11.25 (rounding each step: 7, then 10)",
    );
    assert.equal(applyMultipliers(1n, [1_500_000n, 1_500_000n]), 2n, "1 × 2.25 = 2.25 (stepwise: 1, then 1)");
    assert.equal(applyMultipliers(10n, [333_333n, 3_000_000n]), 9n, "9.99999 rounds down");
    assert.equal(applyMultipliers(MAX_PRICE, [MULTIPLIER_SCALE, MULTIPLIER_SCALE]), MAX_PRICE, "no overflow: bigint");
    assert.equal(applyMultipliers(123n, []), 123n);
  });

  it("max and min of bigints", () => {
    assert.equal(maxOf(3n, 9n, -1n), 9n);
    assert.equal(minOf(3n, 9n, -1n), -1n);
    assert.equal(maxOf(5n), 5n);
  });
});
