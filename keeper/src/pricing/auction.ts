// Step 5 for auctions: a Dutch auction around the listing price. It starts at a premium over the listing (the
// auction finds buyers who would pay more), and its reserve is the highest of what binds it: the seller's minimum
// (the contract refuses less), a share of the anchor (never far under what comparable tracks sold for) and the
// tier's floor. An uncertain price gets the exponential curve (equal time per price ratio: a search over orders of
// magnitude) and more time; strong demand gets less time.

import { MAX_PRICE, applyMultipliers, maxOf, minOf, toFixed } from "./fixed-point.ts";
import { formatAmount, formatNumber } from "./format.ts";
import type { PricingModel } from "./parameters.ts";
import type { AuctionCurve, AuctionExplanation } from "./types.ts";

export interface AuctionInput {
  listing: bigint;
  anchor: bigint;
  confidence: number;
  /** The demand multiplier actually applied (fixed point ÷ 10⁶). */
  demandMultiplier: number;
  minReserve?: bigint;
  tierFloor?: bigint;
  currency: string;
}

export interface AuctionSuggestion {
  startPrice: bigint;
  reservePrice: bigint;
  curve: AuctionCurve;
  durationSeconds: number;
  explanation: AuctionExplanation;
  steps: string[];
}

export function suggestAuction(input: AuctionInput, params: PricingModel["auction"]): AuctionSuggestion {
  const amount = (wei: bigint) => formatAmount(wei, input.currency);
  const anchorReserve = applyMultipliers(input.anchor, [toFixed(params.reserveAnchorFactor)]);
  const tierFloor = input.tierFloor !== undefined && input.tierFloor > 0n ? input.tierFloor : undefined;
  const reservePrice = minOf(maxOf(1n, anchorReserve, input.minReserve ?? 0n, tierFloor ?? 0n), MAX_PRICE);
  const reserveFrom =
    input.minReserve === reservePrice ? "sellerMinimum" : tierFloor === reservePrice ? "tierFloor" : "anchor";

  const premiumStart = applyMultipliers(input.listing, [toFixed(params.startPremium)]);
  const minimumStart = applyMultipliers(reservePrice, [toFixed(params.minStartOverReserve)]);
  // the reserve is at most MAX_PRICE, so the start stays at or above it
  const startPrice = minOf(maxOf(premiumStart, minimumStart, reservePrice), MAX_PRICE);

  const uncertain = input.confidence < params.exponentialBelowConfidence;
  const curve: AuctionCurve = uncertain ? "exponential" : "linear";
  const curveReason =
    `confidence ${formatNumber(input.confidence)} ${uncertain ? "<" : "≥"} ` +
    `${formatNumber(params.exponentialBelowConfidence)}: ${uncertain ? "exponential" : "linear"}`;

  const stretched = params.baseDurationSeconds * (1 + params.uncertaintyStretch * (1 - input.confidence));
  const durationSeconds = wholeMinutesWithin(stretched / input.demandMultiplier, params.durationBounds);

  const reserveCandidates = [
    ...(input.minReserve === undefined ? [] : [`seller's minimum ${amount(input.minReserve)}`]),
    `anchor × ${formatNumber(params.reserveAnchorFactor)} = ${amount(anchorReserve)}`,
    ...(tierFloor === undefined ? [] : [`tier floor ${amount(tierFloor)}`]),
  ];
  const steps = [
    `reserve = max(${reserveCandidates.join(", ")}) = ${amount(reservePrice)} (from ${reserveFrom})`,
    `start = max(listing × ${formatNumber(params.startPremium)} = ${amount(premiumStart)}, ` +
      `reserve × ${formatNumber(params.minStartOverReserve)} = ${amount(minimumStart)}) = ${amount(startPrice)}`,
    `curve: ${curveReason}`,
    `duration = ${params.baseDurationSeconds} s × (1 + ${formatNumber(params.uncertaintyStretch)} × ` +
      `(1 − ${formatNumber(input.confidence)})) ÷ demand ${formatNumber(input.demandMultiplier)}, ` +
      `whole minutes within [${params.durationBounds.min}, ${params.durationBounds.max}] s = ${durationSeconds} s`,
  ];
  return {
    startPrice,
    reservePrice,
    curve,
    durationSeconds,
    explanation: {
      premiumStart,
      ...(input.minReserve === undefined ? {} : { sellerMinimum: input.minReserve }),
      anchorReserve,
      ...(tierFloor === undefined ? {} : { tierFloor }),
      reserveFrom,
      minimumStart,
      curveReason,
    },
    steps,
  };
}

function wholeMinutesWithin(seconds: number, bounds: { min: number; max: number }): number {
  const clamped = Math.min(bounds.max, Math.max(bounds.min, seconds));
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(clamped / 60) * 60));
}
