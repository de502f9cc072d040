// Readers for the fields of a signed report as it arrives in JSON: each returns the typed value or throws
// ReportRejected(400) naming the field and what was expected, so the sender can fix the request.
import { ReportRejected } from "./report-rejected.ts";

/** A JSON object with only the listed keys: a field that is not signed must not look as if it were. */
export function readObject(value: unknown, path: string, allowed: ReadonlySet<string>): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw wrongType(path, "a JSON object", value);
  }
  for (const key in value) {
    if (!allowed.has(key)) {
      throw new ReportRejected(
        400,
        `${path} has an unexpected field "${key.slice(0, 40)}"; only ${[...allowed].join(", ")} are accepted`,
      );
    }
  }
  return value as Record<string, unknown>;
}

export function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, "an array", value);
  return value;
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== "string") throw wrongType(path, "a string", value);
  return value;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A 0x address (any case; the checksum is not required), returned lower-case. */
export function readAddress(value: unknown, path: string): string {
  if (typeof value !== "string" || !ADDRESS.test(value)) {
    throw wrongType(path, "a 0x-prefixed 20-byte hex address", value);
  }
  return value.toLowerCase();
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** A 0x-prefixed 32-byte hex string, returned lower-case. */
export function readBytes32(value: unknown, path: string): string {
  if (typeof value !== "string" || !BYTES32.test(value)) {
    throw wrongType(path, "a 0x-prefixed 32-byte hex string", value);
  }
  return value.toLowerCase();
}

const SMALL_DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

/**
 * A non-negative whole number that fits a JS number exactly (times, durations, nonces): a JSON number or a
 * decimal string. Larger values are refused rather than rounded, since the signature covers the exact value.
 */
export function readSafeUint(value: unknown, path: string): number {
  const number =
    typeof value === "number" ? value : typeof value === "string" && SMALL_DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 0) {
    throw wrongType(
      path,
      `a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a JSON number or a decimal string)`,
      value,
    );
  }
  return number;
}

const UINT256_DECIMAL = /^(0|[1-9][0-9]{0,77})$/;
const MAX_UINT256 = (1n << 256n) - 1n;

/**
 * A uint256 as a canonical decimal string (no sign, no leading zeros: the string is the track's key in the
 * store). Returns the string and its value.
 */
export function readUint256Decimal(value: unknown, path: string): { text: string; value: bigint } {
  if (typeof value !== "string" || !UINT256_DECIMAL.test(value)) {
    throw wrongType(path, "a uint256 as a decimal string without leading zeros (too big for a JSON number)", value);
  }
  const parsed = BigInt(value);
  if (parsed > MAX_UINT256) throw new ReportRejected(400, `${path} is larger than a uint256`);
  return { text: value, value: parsed };
}

function wrongType(path: string, expected: string, value: unknown): ReportRejected {
  if (value === undefined) return new ReportRejected(400, `${path} is missing; it must be ${expected}`);
  return new ReportRejected(400, `${path} must be ${expected}, got ${describe(value)}`);
}

/** A short rendering of an unexpected value for a rejection reason (never the whole, possibly huge, input). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    return value.length > 48 ? `${JSON.stringify(value.slice(0, 45))}… (${value.length} chars)` : JSON.stringify(value);
  }
  return `${typeof value} ${String(value)}`;
}
