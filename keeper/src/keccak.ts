// Synchronous keccak-256 for the keeper's hot paths: the reward tree (a 1M-account epoch needs ~3M hashes) and the
// plays pipeline (EIP-712 struct hashes and signer addresses of thousands of reports a second). The hasher is
// hash-wasm's WASM keccak (~0.6 µs per 64-byte hash here, ten times @noble/hashes), one per thread (each worker
// imports its own copy), created once by top-level await so every caller hashes synchronously; it is reused, and
// init/update/digest never overlap within a thread. This is Ethereum's keccak-256 (0x01 padding), not SHA3-256.
import { createKeccak } from "hash-wasm";

const hasher = await createKeccak(256);

/** Byte length of a keccak-256 digest. */
export const KECCAK_BYTES = 32;

/** keccak-256 of `input` into `out` at `outOffset` (the caller owns `out`, so hot loops fill one big buffer). */
export function keccak256Into(input: Uint8Array, out: Uint8Array, outOffset = 0): void {
  // hash-wasm's digest always hands back a fresh 32-byte copy; copying it into the caller's buffer keeps the
  // long-lived data in one allocation, and the short-lived copy dies young.
  out.set(hasher.init().update(input).digest("binary"), outOffset);
}

/** keccak-256 of `input` as a new 32-byte array. */
export function keccak256(input: Uint8Array): Uint8Array {
  return hasher.init().update(input).digest("binary");
}

/** keccak-256 of the concatenation of `parts`, without building the concatenation (file checksums). */
export function keccak256Concat(parts: readonly Uint8Array[]): Uint8Array {
  hasher.init();
  for (const part of parts) hasher.update(part);
  return hasher.digest("binary");
}

/** keccak-256 of a UTF-8 string (type strings, domain name and version). */
export function keccak256Utf8(text: string): Uint8Array {
  return keccak256(new TextEncoder().encode(text));
}
