import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ETH, formatAmount, formatNumber } from "./format.ts";

describe("explanation formatting", () => {
  it("shows every wei of an amount, trailing zeros trimmed, with its currency", () => {
    assert.equal(formatAmount(1_250_000_000_000_000_000n, ETH), "1.25 ETH");
    assert.equal(formatAmount(1n, ETH), "0.000000000000000001 ETH");
    assert.equal(formatAmount(2n * 10n ** 18n, `0x${"4d".repeat(20)}`), "2 MINT");
    assert.equal(formatAmount(-5n * 10n ** 17n, ETH), "-0.5 ETH");
    assert.equal(formatAmount(0n, ETH), "0 ETH");
  });

  it("shows numbers with at most six decimals", () => {
    assert.equal(formatNumber(2.1023802228), "2.10238");
    assert.equal(formatNumber(0.75), "0.75");
    assert.equal(formatNumber(3), "3");
  });
});
