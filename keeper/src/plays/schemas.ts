// The wire shapes of a signed listening report and an engagement action, as zod schemas: the one definition the
// verifier checks bodies with, the API documents (OpenAPI) and the web app can import (no node: imports here). A
// shape error is a 400 whose reason names the field and what it must be; the rules (times, order, signature, known
// tracks) are checked after the shape, in validate.ts.
import { z } from "zod";
import { ENGAGEMENT_KINDS } from "../domain.ts";

/** A field's expectation: every issue of the field reads "<field> must be <expected>, got <value>". */
const expecting = (expected: string) => ({ error: expected });

const ADDRESS_TEXT = "a 0x-prefixed 20-byte hex address";
/** A 0x address (any case; the checksum is not required). */
export const addressField = z.string(expecting(ADDRESS_TEXT)).regex(/^0x[0-9a-fA-F]{40}$/, expecting(ADDRESS_TEXT));

const BYTES32_TEXT = "a 0x-prefixed 32-byte hex string";
export const bytes32Field = z.string(expecting(BYTES32_TEXT)).regex(/^0x[0-9a-fA-F]{64}$/, expecting(BYTES32_TEXT));

const SAFE_UINT_TEXT = `a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a JSON number or a decimal string)`;
/**
 * A non-negative whole number that fits a JS number exactly (times, durations, nonces): a JSON number or a
 * decimal string. Larger values are refused rather than rounded, since the signature covers the exact value.
 */
export const safeUintField = z.union(
  [
    z
      .number(expecting(SAFE_UINT_TEXT))
      .int(expecting(SAFE_UINT_TEXT))
      .min(0, expecting(SAFE_UINT_TEXT))
      .max(Number.MAX_SAFE_INTEGER, expecting(SAFE_UINT_TEXT)),
    z.string(expecting(SAFE_UINT_TEXT)).regex(/^(0|[1-9][0-9]{0,15})$/, expecting(SAFE_UINT_TEXT)),
  ],
  expecting(SAFE_UINT_TEXT),
);

const UINT256_DECIMAL = /^(0|[1-9][0-9]{0,77})$/;
const MAX_UINT256 = (1n << 256n) - 1n;
const UINT256_TEXT = "a uint256 as a decimal string without leading zeros (too big for a JSON number)";
/** A uint256 as a canonical decimal string (no sign, no leading zeros: the string is the track's key in the store). */
export const uint256DecimalField = z
  .string(expecting(UINT256_TEXT))
  .regex(UINT256_DECIMAL, expecting(UINT256_TEXT))
  .refine((text) => !UINT256_DECIMAL.test(text) || BigInt(text) <= MAX_UINT256, { error: "is larger than a uint256" });

/** A JSON object with only the listed keys: a field that is not signed must not look as if it were. */
function signedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const accepted = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has an unexpected field "${String(issue.keys[0]).slice(0, 40)}"; only ${accepted} are accepted`
        : "a JSON object",
  });
}

export const playSchema = signedObject({
  trackId: uint256DecimalField,
  startedAt: safeUintField,
  playedSeconds: safeUintField,
});

/** A listening report as the listener's app sends it: the EIP-712 message plus its signature. */
export const listeningReportSchema = signedObject({
  listener: addressField,
  nonce: safeUintField,
  signedAt: safeUintField,
  plays: z.array(playSchema, expecting("an array")),
  signature: z.string(expecting("a string")),
});

const KIND_TEXT = `one of ${ENGAGEMENT_KINDS.join(", ")} (or 0..2)`;
/** A save, comment (the hash of its text) or playlist add, signed by the account. */
export const engagementSchema = signedObject({
  account: addressField,
  nonce: safeUintField,
  // the signed kind is a uint8 index; JSON may give it by name ("save") or by index (0)
  kind: z.union(
    [
      z.enum(ENGAGEMENT_KINDS, expecting(KIND_TEXT)),
      z.number(expecting(KIND_TEXT)).int(expecting(KIND_TEXT)).min(0, expecting(KIND_TEXT)),
      z.string(expecting(KIND_TEXT)).regex(/^[0-9]{1,16}$/, expecting(KIND_TEXT)),
    ],
    expecting(KIND_TEXT),
  ),
  trackId: uint256DecimalField,
  at: safeUintField,
  ref: bytes32Field,
  signature: z.string(expecting("a string")),
});

export type ListeningReportJson = z.input<typeof listeningReportSchema>;
export type EngagementJson = z.input<typeof engagementSchema>;

/** The reason for a shape error, naming the field (`plays[2].playedSeconds`) and what it must be. */
export function shapeReason(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
  const field = path || root;
  if (issue.code === "unrecognized_keys" || issue.code === "custom") return `${field} ${issue.message}`;
  if (issue.input === undefined) return `${field} is missing; it must be ${issue.message}`;
  return `${field} must be ${issue.message}, got ${describe(issue.input)}`;
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
