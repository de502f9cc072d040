// Multipliers are decided in floating point (logarithms, exponentials) but applied to wei in integers: each one is
// rounded once to a fixed-point integer at MULTIPLIER_SCALE, and from there only bigint arithmetic touches a price.
// The wei result carries no float drift, and anyone can recompute it from the multipliers an explanation shows.

/** Multipliers are integers in millionths: 1.5× is 1_500_000n. */
export const MULTIPLIER_SCALE = 1_000_000n;

/** Marketplace and DutchAuction store prices as uint96. */
export const MAX_PRICE = (1n << 96n) - 1n;

/** The multiplier as millionths, rounded to nearest (monotone: a larger multiplier never rounds smaller). */
export function toFixed(multiplier: number): bigint {
  if (!Number.isFinite(multiplier) || multiplier < 0) throw new RangeError(`multiplier ${multiplier} out of range`);
  return BigInt(Math.round(multiplier * Number(MULTIPLIER_SCALE)));
}

export function fromFixed(fixed: bigint): number {
  return Number(fixed) / Number(MULTIPLIER_SCALE);
}

/** amount × m1 × m2 × … ÷ SCALEⁿ, rounded down once at the end (not after each factor). */
export function applyMultipliers(amount: bigint, multipliers: readonly bigint[]): bigint {
  let numerator = amount;
  let denominator = 1n;
  for (const multiplier of multipliers) {
    numerator *= multiplier;
    denominator *= MULTIPLIER_SCALE;
  }
  return numerator / denominator;
}

export function maxOf(first: bigint, ...rest: bigint[]): bigint {
  return rest.reduce((a, b) => (b > a ? b : a), first);
}

export function minOf(first: bigint, ...rest: bigint[]): bigint {
  return rest.reduce((a, b) => (b < a ? b : a), first);
}
