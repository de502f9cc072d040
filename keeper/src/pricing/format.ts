// How amounts and multipliers read in an explanation's steps: exact (every wei shown, no rounding a reader would
// have to undo) and named by currency. ETH and MINT both have 18 decimals.

export const ETH = "0x0000000000000000000000000000000000000000";

const DECIMALS = 18n;

/** "1.25 ETH", "0.000000000000000001 MINT": the whole amount in units, trailing zeros trimmed. */
export function formatAmount(wei: bigint, currency: string): string {
  const unit = 10n ** DECIMALS;
  const sign = wei < 0n ? "-" : "";
  const magnitude = wei < 0n ? -wei : wei;
  const fraction = (magnitude % unit).toString().padStart(Number(DECIMALS), "0").replace(/0+$/, "");
  const whole = (magnitude / unit).toString();
  return `${sign}${whole}${fraction ? `.${fraction}` : ""} ${currencyName(currency)}`;
}

export function currencyName(currency: string): string {
  return currency === ETH ? "ETH" : "MINT";
}

/** A number for a step, short but enough to recompute: at most 6 decimals, trailing zeros trimmed. */
export function formatNumber(value: number): string {
  return Number(value.toFixed(6)).toString();
}
