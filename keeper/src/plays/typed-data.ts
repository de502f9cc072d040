// The EIP-712 typed data listeners' apps sign: listening reports (a session's plays) and engagement actions.
// Two faces of the same definition: the ethers-compatible `domain` + `types` objects for signers
// (`wallet.signTypedData(domain, listeningReportTypes, report)`), and hand-written digest functions for the
// keeper, which hashes thousands of reports a second: ethers' generic encoder walks the type tree and
// converts every value through hex strings on each call; here the typehashes and the domain separator are
// computed once and each struct's 32-byte words are written straight into reused buffers. Hand-written on purpose:
// `npm run bench` (bench/keeper/ingest.bench.ts) measures it against ethers' TypedDataEncoder in the same run (~60×).

import { keccak256, keccak256Utf8 } from "../keccak.ts";
import { KeeperError } from "../errors.ts";

export const PLAYS_DOMAIN_NAME = "FlyAIMusic Plays";
export const PLAYS_DOMAIN_VERSION = "1";

/** One field of an EIP-712 struct, in the shape ethers' `signTypedData` takes. */
export interface TypedField {
  name: string;
  type: string;
}

/** Types for `wallet.signTypedData(domain, listeningReportTypes, report)`. */
export const listeningReportTypes: Record<string, TypedField[]> = {
  ListeningReport: [
    { name: "listener", type: "address" },
    { name: "nonce", type: "uint64" },
    { name: "signedAt", type: "uint64" },
    { name: "plays", type: "Play[]" },
  ],
  Play: [
    { name: "trackId", type: "uint256" },
    { name: "startedAt", type: "uint64" },
    { name: "playedSeconds", type: "uint32" },
  ],
};

/** Types for `wallet.signTypedData(domain, engagementTypes, engagement)`. */
export const engagementTypes: Record<string, TypedField[]> = {
  Engagement: [
    { name: "account", type: "address" },
    { name: "nonce", type: "uint64" },
    { name: "kind", type: "uint8" },
    { name: "trackId", type: "uint256" },
    { name: "at", type: "uint64" },
    { name: "ref", type: "bytes32" },
  ],
};

export { ENGAGEMENT_KINDS } from "../domain.ts";

/** An unsigned integer as ethers takes it; numbers must be safe integers. */
export type Uint = bigint | number;

export interface PlayMessage {
  trackId: Uint;
  startedAt: Uint;
  playedSeconds: Uint;
}

export interface ListeningReportMessage {
  listener: string;
  nonce: Uint;
  signedAt: Uint;
  plays: readonly PlayMessage[];
}

export interface EngagementMessage {
  account: string;
  nonce: Uint;
  kind: Uint;
  trackId: Uint;
  at: Uint;
  ref: string;
}

/** The EIP-712 domain, in the shape ethers takes. */
export interface PlaysDomain {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: string;
}

/** A message value does not fit its EIP-712 type; validate input before hashing it. */
export class TypedDataValueError extends KeeperError {
  override name = "TypedDataValueError";
}

/** The signing domain: `verifyingContract` is the RewardsDistributor that pays for the plays. */
export function playsDomain(chainId: Uint, verifyingContract: string): PlaysDomain {
  assertHex(verifyingContract, 20, "verifyingContract");
  return {
    name: PLAYS_DOMAIN_NAME,
    version: PLAYS_DOMAIN_VERSION,
    chainId: BigInt(chainId),
    // ethers rejects a mixed-case address whose EIP-55 checksum is wrong; lower case is always accepted.
    verifyingContract: verifyingContract.toLowerCase(),
  };
}

/** EIP-712 `encodeType`: the primary struct, then the structs it references, sorted by name. */
export function encodeType(primary: string, types: Record<string, TypedField[]>): string {
  const referenced = new Set<string>();
  const visit = (name: string): void => {
    for (const field of types[name]) {
      const base = field.type.replace(/\[\d*\]$/, "");
      if (types[base] && base !== primary && !referenced.has(base)) {
        referenced.add(base);
        visit(base);
      }
    }
  };
  visit(primary);
  const one = (name: string) => `${name}(${types[name].map((f) => `${f.type} ${f.name}`).join(",")})`;
  return [primary, ...[...referenced].sort()].map(one).join("");
}

export const PLAY_TYPEHASH = keccak256Utf8(encodeType("Play", listeningReportTypes));
export const LISTENING_REPORT_TYPEHASH = keccak256Utf8(encodeType("ListeningReport", listeningReportTypes));
export const ENGAGEMENT_TYPEHASH = keccak256Utf8(encodeType("Engagement", engagementTypes));
const DOMAIN_TYPEHASH = keccak256Utf8(
  "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
);

/** Digests for one domain (chain + RewardsDistributor). Not shareable across threads: buffers are reused. */
export interface PlaysTypedData {
  domain: PlaysDomain;
  domainSeparator: Uint8Array;
  /** EIP-712 hash of a listening report: what the listener signs. A fresh 32-byte array. */
  reportDigest(report: ListeningReportMessage): Uint8Array;
  /** EIP-712 hash of an engagement action. A fresh 32-byte array. */
  engagementDigest(engagement: EngagementMessage): Uint8Array;
}

export function createPlaysTypedData(chainId: Uint, verifyingContract: string): PlaysTypedData {
  const domain = playsDomain(chainId, verifyingContract);

  const domainWords = new Uint8Array(5 * 32);
  domainWords.set(DOMAIN_TYPEHASH, 0);
  domainWords.set(keccak256Utf8(domain.name), 32);
  domainWords.set(keccak256Utf8(domain.version), 64);
  putUint(new DataView(domainWords.buffer), 96, domain.chainId, 256, "chainId");
  putAddress(domainWords, 128, domain.verifyingContract, "verifyingContract");
  const domainSeparator = keccak256(domainWords);

  // Each buffer holds one struct's words with its typehash already in word 0. Every word position always has the
  // same type, and a writer only touches the bytes its type uses, so the zero padding written at creation holds.
  const playWords = new Uint8Array(4 * 32);
  const playView = new DataView(playWords.buffer);
  playWords.set(PLAY_TYPEHASH, 0);
  const reportWords = new Uint8Array(5 * 32);
  const reportView = new DataView(reportWords.buffer);
  reportWords.set(LISTENING_REPORT_TYPEHASH, 0);
  const engagementWords = new Uint8Array(7 * 32);
  const engagementView = new DataView(engagementWords.buffer);
  engagementWords.set(ENGAGEMENT_TYPEHASH, 0);
  // "\x19\x01" ‖ domainSeparator ‖ structHash
  const signedWords = new Uint8Array(2 + 32 + 32);
  signedWords[0] = 0x19;
  signedWords[1] = 0x01;
  signedWords.set(domainSeparator, 2);
  // Concatenated struct hashes of a report's plays (an array is hashed as the keccak of its elements' hashes).
  let playHashes = new Uint8Array(32 * 16);

  const finish = (structHash: Uint8Array): Uint8Array => {
    signedWords.set(structHash, 34);
    return keccak256(signedWords);
  };

  return {
    domain,
    domainSeparator,
    reportDigest(report) {
      const plays = report.plays;
      if (!Array.isArray(plays)) throw new TypedDataValueError("ListeningReport.plays must be an array");
      if (plays.length * 32 > playHashes.length) {
        playHashes = new Uint8Array(Math.max(plays.length, (2 * playHashes.length) / 32) * 32);
      }
      for (let i = 0; i < plays.length; i++) {
        const play = plays[i];
        putUint(playView, 32, play.trackId, 256, "Play.trackId");
        putUint(playView, 64, play.startedAt, 64, "Play.startedAt");
        putUint(playView, 96, play.playedSeconds, 32, "Play.playedSeconds");
        playHashes.set(keccak256(playWords), 32 * i);
      }
      putAddress(reportWords, 32, report.listener, "ListeningReport.listener");
      putUint(reportView, 64, report.nonce, 64, "ListeningReport.nonce");
      putUint(reportView, 96, report.signedAt, 64, "ListeningReport.signedAt");
      reportWords.set(keccak256(playHashes.subarray(0, 32 * plays.length)), 128);
      return finish(keccak256(reportWords));
    },
    engagementDigest(engagement) {
      putAddress(engagementWords, 32, engagement.account, "Engagement.account");
      putUint(engagementView, 64, engagement.nonce, 64, "Engagement.nonce");
      putUint(engagementView, 96, engagement.kind, 8, "Engagement.kind");
      putUint(engagementView, 128, engagement.trackId, 256, "Engagement.trackId");
      putUint(engagementView, 160, engagement.at, 64, "Engagement.at");
      putBytes32(engagementWords, 192, engagement.ref, "Engagement.ref");
      return finish(keccak256(engagementWords));
    },
  };
}

const TWO_POW_32 = 2 ** 32;
const MAX_UINT = { 8: 0xffn, 32: 0xffff_ffffn, 64: (1n << 64n) - 1n, 256: (1n << 256n) - 1n } as const;

/** Writes an unsigned integer right-aligned into the 32-byte word at `word` (only the bytes `bits` covers). */
function putUint(view: DataView, word: number, value: Uint, bits: 8 | 32 | 64 | 256, field: string): void {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0 || (bits < 64 && value > Number(MAX_UINT[bits]))) {
      throw new TypedDataValueError(`${field} = ${value} is not a uint${bits}; pass a safe integer or a bigint`);
    }
    if (bits === 8) view.setUint8(word + 31, value);
    else if (bits === 32) view.setUint32(word + 28, value);
    else {
      if (bits === 256) {
        view.setBigUint64(word, 0n);
        view.setBigUint64(word + 8, 0n);
        view.setBigUint64(word + 16, 0n);
      }
      view.setUint32(word + 24, Math.floor(value / TWO_POW_32));
      view.setUint32(word + 28, value >>> 0);
    }
    return;
  }
  if (typeof value !== "bigint" || value < 0n || value > MAX_UINT[bits]) {
    throw new TypedDataValueError(`${field} = ${String(value)} is not a uint${bits}`);
  }
  if (bits === 8) view.setUint8(word + 31, Number(value));
  else if (bits === 32) view.setUint32(word + 28, Number(value));
  else if (bits === 64) view.setBigUint64(word + 24, value);
  else {
    // setBigUint64 stores its argument modulo 2^64, so each shift lands exactly one 64-bit limb.
    view.setBigUint64(word, value >> 192n);
    view.setBigUint64(word + 8, value >> 128n);
    view.setBigUint64(word + 16, value >> 64n);
    view.setBigUint64(word + 24, value);
  }
}

function putAddress(target: Uint8Array, word: number, hex: string, field: string): void {
  putHex(target, word + 12, hex, 20, field);
}

function putBytes32(target: Uint8Array, word: number, hex: string, field: string): void {
  putHex(target, word, hex, 32, field);
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLE[65 + i] = NIBBLE[97 + i] = 10 + i;

/** Decodes a 0x-prefixed hex string of exactly `length` bytes into `target` at `offset`. */
function putHex(target: Uint8Array, offset: number, hex: string, length: number, field: string): void {
  assertHex(hex, length, field);
  for (let i = 0; i < length; i++) {
    target[offset + i] = (NIBBLE[hex.charCodeAt(2 + 2 * i)] << 4) | NIBBLE[hex.charCodeAt(3 + 2 * i)];
  }
}

function assertHex(hex: string, length: number, field: string): void {
  if (
    typeof hex !== "string" ||
    hex.length !== 2 + 2 * length ||
    hex[0] !== "0" ||
    (hex[1] !== "x" && hex[1] !== "X")
  ) {
    throw new TypedDataValueError(`${field} must be a 0x-prefixed hex string of ${length} bytes`);
  }
  for (let i = 2; i < hex.length; i++) {
    const code = hex.charCodeAt(i);
    if (code >= 128 || NIBBLE[code] < 0) throw new TypedDataValueError(`${field} has a non-hex character at ${i}`);
  }
}
