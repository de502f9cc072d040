// Signed reports for tests and benchmarks, made fast: signing the digest directly with libsecp256k1 (WASM) takes
// tens of microseconds where ethers' Wallet.signTypedData takes milliseconds. The signatures are the same
// bytes ethers makes (both use RFC 6979 deterministic nonces and low-s), which validate.test.ts checks.
import { randomBytes } from "node:crypto";
import { pointFromScalar, signRecoverable } from "tiny-secp256k1";
import { addressOfPublicKey } from "./recover.ts";
import type { PlaysTypedData } from "./typed-data.ts";

export interface TestSigner {
  privateKey: Uint8Array;
  /** Lower-case 0x address. */
  address: string;
}

export function createSigner(privateKey: Uint8Array = randomBytes(32)): TestSigner {
  const publicKey = pointFromScalar(privateKey, false);
  if (publicKey === null) throw new Error("private key out of range; use 32 random bytes");
  return { privateKey, address: addressOfPublicKey(publicKey) };
}

/** 0x r‖s‖v signature (v = 27/28) of a 32-byte digest, as wallets serialize it. */
export function signDigest(digest: Uint8Array, privateKey: Uint8Array): string {
  const { signature, recoveryId } = signRecoverable(digest, privateKey);
  return "0x" + Buffer.from(signature).toString("hex") + (27 + recoveryId).toString(16);
}

/** A play as the app sends it (JSON: track id as decimal string). */
export interface PlayJson {
  trackId: string;
  startedAt: number;
  playedSeconds: number;
}

export interface ListeningReportJson {
  listener: string;
  nonce: number;
  signedAt: number;
  plays: PlayJson[];
  signature: string;
}

/** The JSON body an app would POST: the report signed by `signer`. */
export function signedReport(
  typed: PlaysTypedData,
  signer: TestSigner,
  report: { nonce: number; signedAt: number; plays: PlayJson[] },
): ListeningReportJson {
  const digest = typed.reportDigest({
    listener: signer.address,
    nonce: report.nonce,
    signedAt: report.signedAt,
    plays: report.plays.map((play) => ({ ...play, trackId: BigInt(play.trackId) })),
  });
  return { listener: signer.address, ...report, signature: signDigest(digest, signer.privateKey) };
}

export interface EngagementJson {
  account: string;
  nonce: number;
  kind: string | number;
  trackId: string;
  at: number;
  ref: string;
  signature: string;
}

/** The JSON body of an engagement action signed by `signer`; `kindIndex` is what gets signed. */
export function signedEngagement(
  typed: PlaysTypedData,
  signer: TestSigner,
  engagement: { nonce: number; kindIndex: number; trackId: string; at: number; ref: string },
): EngagementJson {
  const { kindIndex, ...rest } = engagement;
  const digest = typed.engagementDigest({
    account: signer.address,
    ...rest,
    kind: kindIndex,
    trackId: BigInt(engagement.trackId),
  });
  return { account: signer.address, ...rest, kind: kindIndex, signature: signDigest(digest, signer.privateKey) };
}
