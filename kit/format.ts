// Human output: aligned key/value lines, amounts with thousands separators, dates in UTC with a relative hint.
import { formatEther } from "ethers";

export interface Output {
  write(text: string): unknown;
}

/** Groups the integer part of a decimal string by thousands and drops a trailing ".0". */
function groupDecimal(text: string): string {
  const [whole, fraction] = text.split(".");
  const negative = whole.startsWith("-");
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const tail = fraction && !/^0+$/.test(fraction) ? `.${fraction}` : "";
  return `${negative ? "-" : ""}${grouped}${tail}`;
}

/** 18-decimal token units as whole MINT: 12000000000000000000000000n -> "12,000,000 MINT". */
export function formatMint(units: bigint): string {
  return `${groupDecimal(formatEther(units))} MINT`;
}

export function formatEth(wei: bigint): string {
  return `${groupDecimal(formatEther(wei))} ETH`;
}

export function formatDate(seconds: number | bigint): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || ms > 8.64e15) return `${seconds} (timestamp out of range)`;
  return `${new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "")} UTC`;
}

/** 3725 -> "1 h 2 min"; keeps the two largest units. */
export function formatDuration(totalSeconds: number | bigint): string {
  let rest = Math.abs(Number(totalSeconds));
  if (rest < 60) return `${rest} s`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  return parts.slice(0, 2).join(" ");
}

/** "in 4 min" / "4 min ago" / "now", relative to `now` (seconds). */
export function relative(target: number | bigint, now: number): string {
  const delta = Number(target) - now;
  if (delta === 0) return "now";
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

export function when(target: number | bigint, now: number): string {
  return `${formatDate(target)} (${relative(target, now)})`;
}

export function percent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "-";
  const basisPoints = (part * 20_000n + whole) / (2n * whole); // rounded half up
  return `${(Number(basisPoints) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** Lines of `key  value`, keys padded to one column; multi-line values are indented under their value column. */
export function keyValues(rows: [string, string][]): string {
  const width = Math.max(0, ...rows.map(([key]) => key.length)) + 2;
  return rows
    .map(([key, value]) => `${key.padEnd(width)}${value.split("\n").join(`\n${" ".repeat(width)}`)}`)
    .join("\n");
}

/** JSON with bigints as decimal strings, for --json output. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A result line on stdout. */
export function print(output: { stdout: Output }, text: string): void {
  output.stdout.write(`${text}\n`);
}

/** Progress and warnings on stderr, so stdout stays clean for --json. */
export function note(output: { stderr: Output }, text: string): void {
  output.stderr.write(`${text}\n`);
}
