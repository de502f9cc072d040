// The pricing model: a price suggestion for a fixed-price listing or a Dutch auction of one track, with an
// explanation a person can check by hand (the sales behind the anchor, every factor's inputs, weights, bounds and
// the multiplier applied, and the steps in order).
//
// With PRICING_MODEL's numbers:
//   listing = max(anchor × demand × reputation × scarcity, tier floor)   (steps 1–5; one rounding down, to the wei)
//   auction: reserve = max(seller's minimum, anchor × 0.7, tier floor); start = max(listing × 1.5, reserve × 1.1);
//            exponential curve while confidence < 0.5, else linear; duration from confidence and demand
//
// Pure: the same request and market give the same answer (no clock, no randomness; `now` is an input). The numbers
// are PRICING_MODEL's; a third argument swaps in another model (tuning, back-tests).

import { anchorConfidence, estimateAnchor } from "./anchor.ts";
import { suggestAuction } from "./auction.ts";
import { findComparables } from "./comparables.ts";
import { demandFactor } from "./demand.ts";
import { InvalidMarketDataError, InvalidMinReserveError, InvalidPricingRequestError } from "./errors.ts";
import { MAX_PRICE, applyMultipliers, maxOf, minOf } from "./fixed-point.ts";
import { currencyName, formatAmount, formatNumber } from "./format.ts";
import { PRICING_MODEL, type PricingModel } from "./parameters.ts";
import { reputationFactor } from "./reputation.ts";
import { scarcityFactor } from "./scarcity.ts";
import type { AnchorExplanation, MarketData, PriceRequest, PriceSuggestion, PricingFactor } from "./types.ts";

export { PRICING_MODEL, type PricingModel, type AnchorLevel } from "./parameters.ts";
export { MULTIPLIER_SCALE, MAX_PRICE } from "./fixed-point.ts";
export * from "./errors.ts";
export type * from "./types.ts";

export function suggestPrice(
  request: PriceRequest,
  market: MarketData,
  model: PricingModel = PRICING_MODEL,
): PriceSuggestion {
  const currency = checkedCurrency(request);
  const amount = (wei: bigint) => formatAmount(wei, currency);
  const comparables = findComparables(request.trackId, market.tracks);
  const tierFloor = tierFloorOf(market, comparables.track.tier, currency);

  const anchor = estimateAnchor(
    { sales: market.sales, comparables, currency, now: request.now, tierFloor },
    model.anchor,
  );
  const confidence = anchorConfidence(anchor, model.anchor);
  const allTrackIds = market.tracks.map((track) => track.trackId);
  const demand = demandFactor(request.trackId, comparables.tierTrackIds, allTrackIds, market.demand, model.demand);
  const reputation = reputationFactor(comparables.track.creators, market.reputation, model.reputation);
  const scarcity = scarcityFactor(comparables, market.listedNow, model.scarcity);
  const factors = [demand, reputation, scarcity];

  const raw = applyMultipliers(
    anchor.value,
    factors.map((factor) => factor.multiplierFixed),
  );
  const listingPrice = minOf(maxOf(raw, tierFloor ?? 0n, 1n), MAX_PRICE);

  const floorText = tierFloor === undefined ? "none" : amount(tierFloor);
  const steps = [
    anchorStep(anchor, currency, model.anchor),
    `confidence = ${formatNumber(model.anchor.levelConfidence[anchor.level])} (${anchor.level} level) × n ÷ ` +
      `(n + ${formatNumber(model.anchor.halfConfidenceSales)}) with n = ${formatNumber(anchor.effectiveSales)} ` +
      `effective sales = ${formatNumber(confidence)}`,
    ...factors.map(factorStep),
    `listing = ${amount(anchor.value)} × ${factors.map((factor) => formatNumber(factor.multiplier)).join(" × ")} = ` +
      `${amount(raw)} (rounded down to the wei)` +
      (listingPrice === raw
        ? ""
        : `; raised/capped to ${amount(listingPrice)} (tier floor ${floorText}, at least 1 wei, at most uint96)`),
  ];
  const suggestion: PriceSuggestion = {
    trackId: request.trackId,
    kind: request.kind,
    currency,
    listingPrice,
    confidence,
    explanation: {
      anchor,
      factors,
      listing: { raw, ...(tierFloor === undefined ? {} : { tierFloor }), value: listingPrice },
      steps,
    },
  };
  if (request.kind === "listing") return suggestion;

  const auction = suggestAuction(
    {
      listing: listingPrice,
      anchor: anchor.value,
      confidence,
      demandMultiplier: demand.multiplier,
      minReserve: request.minReserve,
      tierFloor,
      currency,
    },
    model.auction,
  );
  return {
    ...suggestion,
    startPrice: auction.startPrice,
    reservePrice: auction.reservePrice,
    curve: auction.curve,
    durationSeconds: auction.durationSeconds,
    explanation: { ...suggestion.explanation, auction: auction.explanation, steps: [...steps, ...auction.steps] },
  };
}

/** Checks the request and returns its currency in lower case (the form sales and floors are compared in). */
function checkedCurrency(request: PriceRequest): string {
  if (typeof request.trackId !== "string" || request.trackId === "") {
    throw new InvalidPricingRequestError("trackId must be a non-empty string");
  }
  if (typeof request.currency !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(request.currency)) {
    throw new InvalidPricingRequestError(`currency ${String(request.currency)} is not an address`);
  }
  if (request.kind !== "listing" && request.kind !== "auction") {
    throw new InvalidPricingRequestError(`kind ${String(request.kind)} is neither "listing" nor "auction"`);
  }
  if (typeof request.now !== "number" || !Number.isFinite(request.now) || request.now < 0) {
    throw new InvalidPricingRequestError(`now ${String(request.now)} is not a unix time`);
  }
  const minReserve = request.minReserve;
  if (minReserve !== undefined) {
    // a listing has no reserve: a minReserve there is a caller's mix-up, better refused than silently ignored
    if (request.kind !== "auction") throw new InvalidMinReserveError(minReserve, "only auctions have a reserve");
    if (typeof minReserve !== "bigint") throw new InvalidMinReserveError(minReserve, "not a bigint amount of wei");
    if (minReserve <= 0n) throw new InvalidMinReserveError(minReserve, "must be positive");
    if (minReserve > MAX_PRICE) throw new InvalidMinReserveError(minReserve, "above the auction's uint96 prices");
  }
  return request.currency.toLowerCase();
}

/** The tier's floor in `currency`; absent (and 0 = "no floor") as undefined. */
function tierFloorOf(market: MarketData, tier: number, currency: string): bigint | undefined {
  for (const [floorCurrency, floor] of market.tierFloor.get(tier) ?? []) {
    if (floorCurrency.toLowerCase() !== currency) continue;
    if (typeof floor !== "bigint" || floor < 0n) {
      throw new InvalidMarketDataError(`tier ${tier} floor ${String(floor)} in ${currency} is not a wei amount`);
    }
    return floor > 0n ? floor : undefined;
  }
  return undefined;
}

function anchorStep(anchor: AnchorExplanation, currency: string, params: PricingModel["anchor"]): string {
  const amount = (wei: bigint) => formatAmount(wei, currency);
  const skipped = anchor.skipped.map((level) => `${level.level} ${level.sales}`).join(", ");
  const fallback = skipped === "" ? "" : `fewer than ${params.minSales} sales at ${skipped}; `;
  if (anchor.level === "floor") return `anchor (floor): ${fallback}the tier's floor ${amount(anchor.value)}`;
  const band = formatNumber(params.outlierBand);
  return (
    `anchor (${anchor.level}): ${fallback}${anchor.sales.length} ${currencyName(currency)} sales in the last ` +
    `${params.lookbackDays} days weighted by age (half-life ${params.halfLifeDays} days); time-weighted median ` +
    `${amount(anchor.median)}; kept ${anchor.salesUsed} within ÷${band}..×${band} of it ` +
    `(outliers dropped: ${anchor.outliersDropped}); their time-weighted mean = ${amount(anchor.value)}`
  );
}

function factorStep(factor: PricingFactor): string {
  const signals = factor.signals
    .map((signal) => {
      const against = signal.reference === undefined ? "" : ` vs ${formatNumber(signal.reference)}`;
      const weight = `(weight ${formatNumber(signal.weight)})`;
      return `${signal.name} ${formatNumber(signal.value)}${against} ${weight} → ${formatNumber(signal.contribution)}`;
    })
    .join("; ");
  return (
    `${factor.name}: ${signals}; score ${formatNumber(factor.score)}; ${factor.formula} = ` +
    `${formatNumber(factor.unbounded)}, within [${formatNumber(factor.bounds.min)}, ` +
    `${formatNumber(factor.bounds.max)}] → × ${formatNumber(factor.multiplier)}`
  );
}
