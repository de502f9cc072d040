// Who signed a digest: ECDSA public-key recovery with libsecp256k1 compiled to WASM (tiny-secp256k1), about 6x
// faster than ethers' pure-JS recovery. Signature recovery is the one expensive step of ingesting a report, so
// everything around it (parsing, the address hash) stays allocation-light.
import { recover } from "tiny-secp256k1";
import { keccak256 } from "../keccak.ts";
import { KeeperError } from "../errors.ts";

/** The signature is not a well-formed, canonical 65-byte r‖s‖v ECDSA signature: fix the signing client. */
export class MalformedSignature extends KeeperError {
  override name = "MalformedSignature";
}

/** The signature is well formed but recovers no public key: it was not made over this digest by any key. */
export class UnrecoverableSignature extends KeeperError {
  override name = "UnrecoverableSignature";
}

// secp256k1 group order n, and n/2: EIP-2 only accepts s <= n/2, so (r, n - s) cannot pass as a second signature.
const CURVE_ORDER = hexBytes("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
const HALF_CURVE_ORDER = hexBytes("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

/** A signature split for recovery: the 64-byte r‖s and the recovery id (parity of R's y). */
export interface ParsedSignature {
  compact: Uint8Array;
  recoveryId: 0 | 1;
}

/** Parses a 65-byte r‖s‖v signature (0x hex or bytes; v = 27/28 or 0/1); throws MalformedSignature. */
export function parseSignature(signature: string | Uint8Array): ParsedSignature {
  const bytes = typeof signature === "string" ? signatureBytes(signature) : signature;
  if (!(bytes instanceof Uint8Array) || bytes.length !== 65) {
    throw new MalformedSignature(
      `signature must be 65 bytes (r‖s‖v), got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}; ` +
        "send the full serialized signature, not the compact (EIP-2098) form",
    );
  }
  const v = bytes[64];
  if (v !== 27 && v !== 28 && v !== 0 && v !== 1) {
    throw new MalformedSignature(`signature v must be 27, 28, 0 or 1, got ${v}`);
  }
  const recoveryId = v === 27 || v === 0 ? 0 : 1;
  const r = bytes.subarray(0, 32);
  const s = bytes.subarray(32, 64);
  if (isZero(r) || compare(r, CURVE_ORDER) >= 0) {
    throw new MalformedSignature("signature r is zero or not below the curve order");
  }
  if (isZero(s)) throw new MalformedSignature("signature s is zero");
  if (compare(s, HALF_CURVE_ORDER) > 0) {
    throw new MalformedSignature(
      "signature s is in the upper half of the curve order (EIP-2 malleable form); sign with a library that normalizes s to low-s",
    );
  }
  return { compact: bytes.subarray(0, 64), recoveryId };
}

/** The lower-case 0x address whose key signed `digest` (32 bytes). Throws MalformedSignature or UnrecoverableSignature. */
export function recoverSigner(digest: Uint8Array, signature: string | Uint8Array): string {
  if (!(digest instanceof Uint8Array) || digest.length !== 32) {
    throw new TypeError("recoverSigner needs the 32-byte digest that was signed");
  }
  const { compact, recoveryId } = parseSignature(signature);
  let publicKey: Uint8Array | null;
  try {
    publicKey = recover(digest, compact, recoveryId, false);
  } catch {
    // parseSignature already checked lengths and ranges, so what tiny-secp256k1 still refuses is an r that is
    // no curve point's x coordinate: no key could have made this signature.
    throw new UnrecoverableSignature("signature r is not the x coordinate of a curve point; re-sign the digest");
  }
  if (publicKey === null) throw new UnrecoverableSignature("signature recovers no public key; re-sign the digest");
  return addressOfPublicKey(publicKey);
}

/** Ethereum address of an uncompressed public key (0x04 ‖ x ‖ y): the last 20 bytes of keccak(x ‖ y). */
export function addressOfPublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 65 || publicKey[0] !== 4) throw new TypeError("expected a 65-byte uncompressed public key");
  const hash = keccak256(publicKey.subarray(1));
  return "0x" + Buffer.from(hash.buffer, hash.byteOffset + 12, 20).toString("hex");
}

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{130}$/;

function signatureBytes(hex: string): Uint8Array {
  if (!SIGNATURE_HEX.test(hex)) {
    const shape = hex.startsWith("0x") ? `${(hex.length - 2) / 2} bytes` : "no 0x prefix";
    throw new MalformedSignature(`signature must be 0x followed by 130 hex digits (65 bytes r‖s‖v), got ${shape}`);
  }
  return Buffer.from(hex.slice(2), "hex");
}

function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Big-endian comparison of two equal-length byte strings. */
function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, "hex"));
}
