// What the pricing model reads (a request and a snapshot of the market) and what it answers (a suggestion with its
// explanation). Prices are bigint wei of the request's currency; the API layer stringifies them.

import type { Sale, TrackInfo } from "../domain.ts";
import type { AnchorLevel, Bounds } from "./parameters.ts";

export type PriceKind = "listing" | "auction";
export type AuctionCurve = "linear" | "exponential";

export interface PriceRequest {
  trackId: string;
  /** address(0) for ETH, else the MINT token (any case; compared lower-case). */
  currency: string;
  kind: PriceKind;
  /** Auctions only: the lowest reserve the seller authorised the keeper to set (KeeperAuthorization.minReserve). */
  minReserve?: bigint;
  /** Unix seconds: the model reads only sales up to `now` and ages them from it. */
  now: number;
}

/** A track's listening demand, from the plays and engagement store. */
export interface TrackDemand {
  plays7d: number;
  plays30d: number;
  uniqueListeners30d: number;
  saves30d: number;
}

/** A snapshot of everything the model reads. Tracks missing from `demand` have no plays; creators missing from
 * `reputation` are new (neutral). */
export interface MarketData {
  sales: readonly Sale[];
  tracks: readonly TrackInfo[];
  demand: ReadonlyMap<string, TrackDemand>;
  /** Creator account → reputation score in [0, 1] (QualityIndex.score of EpochRewards.creatorReputation). */
  reputation: ReadonlyMap<string, number>;
  /** Track ids listed on the marketplace or in a live auction now. */
  listedNow: ReadonlySet<string>;
  /** Tier → currency → the lowest price the protocol suggests for that tier (wei). */
  tierFloor: ReadonlyMap<number, ReadonlyMap<string, bigint>>;
}

/** A comparable sale as the anchor weighed it. */
export interface AnchorSale {
  trackId: string;
  price: bigint;
  at: number;
  /** Its time weight in millionths: round(10⁶ × 0.5^(age ÷ half-life)), at least 1. */
  weight: bigint;
  /** False for an outlier the band dropped. */
  kept: boolean;
}

export interface AnchorExplanation {
  level: AnchorLevel;
  /** Levels tried first that had fewer than `minSales` sales, with how many they had. */
  skipped: { level: AnchorLevel; sales: number }[];
  /** The sales of the chosen level (empty at the floor), kept ones and outliers. */
  sales: AnchorSale[];
  salesUsed: number;
  outliersDropped: number;
  /** The time-weighted median that centres the outlier band (the floor itself at the floor level). */
  median: bigint;
  /** Σ weight of the kept sales in sales (a sale today counts 1, one a half-life ago 0.5). */
  effectiveSales: number;
  /** Σ price × weight ÷ Σ weight over the kept sales, rounded down; or the tier floor. */
  value: bigint;
}

/** One input of a factor and its part in the factor's score. */
export interface FactorSignal {
  name: string;
  value: number;
  /** What the value is compared with (the tier's median), for relative signals. */
  reference?: number;
  weight: number;
  /** This signal's part of the score. */
  contribution: number;
  note?: string;
}

export interface PricingFactor {
  name: "demand" | "reputation" | "scarcity";
  signals: FactorSignal[];
  /** Σ contributions. */
  score: number;
  /** How the score becomes a multiplier. */
  formula: string;
  bounds: Bounds;
  /** The multiplier the formula gives, before the bounds. */
  unbounded: number;
  /** The multiplier applied to the price, in millionths (MULTIPLIER_SCALE). */
  multiplierFixed: bigint;
  /** multiplierFixed ÷ 10⁶, for reading. */
  multiplier: number;
}

export interface ListingExplanation {
  /** anchor × Π multiplierFixed ÷ 10^(6 × factors), rounded down once. */
  raw: bigint;
  /** The tier's floor in this currency, if configured: the listing is never below it. */
  tierFloor?: bigint;
  /** max(raw, tierFloor, 1 wei), at most uint96. */
  value: bigint;
}

export interface AuctionExplanation {
  /** listing × startPremium (fixed point). */
  premiumStart: bigint;
  /** The reserve's candidates; the reserve is their maximum. */
  sellerMinimum?: bigint;
  anchorReserve: bigint;
  tierFloor?: bigint;
  reserveFrom: "sellerMinimum" | "anchor" | "tierFloor";
  /** reserve × minStartOverReserve: the start's lower bound. */
  minimumStart: bigint;
  curveReason: string;
}

export interface PriceSuggestion {
  trackId: string;
  kind: PriceKind;
  currency: string;
  listingPrice: bigint;
  startPrice?: bigint;
  reservePrice?: bigint;
  curve?: AuctionCurve;
  durationSeconds?: number;
  /** 0..1: how much data backed the anchor (level and time-weighted number of sales). */
  confidence: number;
  explanation: {
    anchor: AnchorExplanation;
    factors: PricingFactor[];
    listing: ListingExplanation;
    auction?: AuctionExplanation;
    /** The computation in order, one line a step, with the numbers used. */
    steps: string[];
  };
}

/** How to start a seller's opted-in auction: what the pricing model plans and the auctions job sends. */
export interface AuctionPlan {
  startPrice: bigint;
  reservePrice: bigint;
  durationSeconds: number;
  /** 0 linear, 1 exponential (IDutchAuction.Curve). */
  curve: number;
  /** Why these numbers (the pricing model's explanation), logged with the start. */
  explanation?: unknown;
}
