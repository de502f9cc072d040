// Step 1 of the model: the anchor, what comparable tracks actually sold for. The nearest comparables with enough
// sales win (this track → its creator's catalogue → its tier → every track → the tier's configured floor). Within
// a level every sale is weighted by its age (halving every half-life), the time-weighted median centres a band that
// drops outliers (a wash trade at 100× or a 1-wei gift), and the anchor is the time-weighted mean of what is left:
// robust like a median, yet moving smoothly with recent prices.

import type { Sale } from "../domain.ts";
import type { Comparables } from "./comparables.ts";
import { InvalidMarketDataError, NoPriceBasisError } from "./errors.ts";
import { MULTIPLIER_SCALE, toFixed } from "./fixed-point.ts";
import type { PricingModel } from "./parameters.ts";
import type { AnchorExplanation, AnchorSale } from "./types.ts";

const SECONDS_PER_DAY = 86_400;
const SALE_LEVELS = ["track", "creator", "tier", "global"] as const;

export interface AnchorInput {
  sales: readonly Sale[];
  comparables: Comparables;
  /** Lower-case currency address. */
  currency: string;
  now: number;
  tierFloor?: bigint;
}

export function estimateAnchor(input: AnchorInput, params: PricingModel["anchor"]): AnchorExplanation {
  const window = salesInWindow(input.sales, input.currency, input.now, params.lookbackDays);
  const skipped: AnchorExplanation["skipped"] = [];
  for (const level of SALE_LEVELS) {
    const atLevel = window.filter((sale) => isComparable(level, sale.trackId, input.comparables));
    if (atLevel.length >= params.minSales) return { level, skipped, ...robustMean(atLevel, input.now, params) };
    skipped.push({ level, sales: atLevel.length });
  }
  const floor = input.tierFloor;
  if (floor === undefined || floor <= 0n) throw new NoPriceBasisError(input.comparables.track.trackId, input.currency);
  return {
    level: "floor",
    skipped,
    sales: [],
    salesUsed: 0,
    outliersDropped: 0,
    median: floor,
    effectiveSales: 0,
    value: floor,
  };
}

/** The level's ceiling × n ÷ (n + halfConfidenceSales), n the time-weighted count of sales used; 4 decimals. */
export function anchorConfidence(anchor: AnchorExplanation, params: PricingModel["anchor"]): number {
  const n = anchor.effectiveSales;
  const confidence = params.levelConfidence[anchor.level] * (n / (n + params.halfConfidenceSales));
  return Math.round(confidence * 10_000) / 10_000;
}

/** A sale's weight in millionths: 10⁶ today, half that a half-life ago; never 0, so a level of old sales still has
 * a price. */
export function timeWeight(ageSeconds: number, halfLifeSeconds: number): bigint {
  const weight = Math.round(Number(MULTIPLIER_SCALE) * 0.5 ** (ageSeconds / halfLifeSeconds));
  return weight < 1 ? 1n : BigInt(weight);
}

/** Sales in `currency` from the lookback window up to `now` (later ones had not happened at `now`). */
function salesInWindow(sales: readonly Sale[], currency: string, now: number, lookbackDays: number): Sale[] {
  const oldest = now - lookbackDays * SECONDS_PER_DAY;
  return sales.filter((sale) => {
    if (sale.currency.toLowerCase() !== currency) return false;
    if (typeof sale.price !== "bigint" || sale.price <= 0n || !Number.isFinite(sale.at)) {
      throw new InvalidMarketDataError(
        `sale of track ${sale.trackId} at ${sale.at}: price ${sale.price} is not positive`,
      );
    }
    return sale.at <= now && sale.at >= oldest;
  });
}

function isComparable(level: (typeof SALE_LEVELS)[number], trackId: string, comparables: Comparables): boolean {
  if (level === "track") return trackId === comparables.track.trackId;
  if (level === "creator") return comparables.creatorTrackIds.has(trackId);
  if (level === "tier") return comparables.tierTrackIds.has(trackId);
  return true;
}

function robustMean(
  sales: readonly Sale[],
  now: number,
  params: PricingModel["anchor"],
): Omit<AnchorExplanation, "level" | "skipped"> {
  const halfLifeSeconds = params.halfLifeDays * SECONDS_PER_DAY;
  const weighed = sales
    .map((sale) => ({
      trackId: sale.trackId,
      price: sale.price,
      at: sale.at,
      weight: timeWeight(now - sale.at, halfLifeSeconds),
    }))
    .sort((a, b) => b.at - a.at || (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
  const median = weightedMedian(weighed);
  const band = toFixed(params.outlierBand);
  const rows: AnchorSale[] = weighed.map((sale) => ({ ...sale, kept: insideBand(sale.price, median, band) }));
  // the median is inside its own band, so at least one sale is kept and the total weight is positive
  const kept = rows.filter((sale) => sale.kept);
  const totalWeight = kept.reduce((sum, sale) => sum + sale.weight, 0n);
  const weightedSum = kept.reduce((sum, sale) => sum + sale.price * sale.weight, 0n);
  return {
    sales: rows,
    salesUsed: kept.length,
    outliersDropped: rows.length - kept.length,
    median,
    effectiveSales: Number(totalWeight) / Number(MULTIPLIER_SCALE),
    value: weightedSum / totalWeight,
  };
}

/** The lowest price at which the sales at or below it carry at least half the total weight. */
function weightedMedian(sales: readonly { price: bigint; weight: bigint }[]): bigint {
  const byPrice = [...sales].sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
  const total = byPrice.reduce((sum, sale) => sum + sale.weight, 0n);
  let cumulative = 0n;
  for (const sale of byPrice) {
    cumulative += sale.weight;
    if (2n * cumulative >= total) return sale.price;
  }
  throw new Error("weightedMedian of no sales");
}

/** median ÷ band ≤ price ≤ median × band, with band in millionths (exact integer comparison). */
function insideBand(price: bigint, median: bigint, band: bigint): boolean {
  return price * band >= median * MULTIPLIER_SCALE && price * MULTIPLIER_SCALE <= median * band;
}
