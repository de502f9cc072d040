import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { TypedDataEncoder, hexlify } from "ethers";
import {
  createPlaysTypedData,
  encodeType,
  engagementTypes,
  listeningReportTypes,
  playsDomain,
  TypedDataValueError,
  type ListeningReportMessage,
  type EngagementMessage,
} from "./typed-data.ts";

const randomUint = (bits: number): bigint => {
  // Mix edge values in: zero, the maximum, and values with the top limb set catch word-placement mistakes.
  const roll = Math.random();
  if (roll < 0.1) return 0n;
  if (roll < 0.2) return (1n << BigInt(bits)) - 1n;
  return BigInt(hexlify(randomBytes(bits / 8))) >> BigInt(Math.floor(Math.random() * bits));
};
const randomAddress = () => hexlify(randomBytes(20));
const randomReport = (): ListeningReportMessage => ({
  listener: randomAddress(),
  nonce: randomUint(64),
  signedAt: randomUint(64),
  plays: Array.from({ length: Math.floor(Math.random() * 40) }, () => ({
    trackId: randomUint(256),
    startedAt: randomUint(64),
    playedSeconds: randomUint(32),
  })),
});

test("encodeType spells the structs as EIP-712 wants them", () => {
  assert.equal(
    encodeType("ListeningReport", listeningReportTypes),
    "ListeningReport(address listener,uint64 nonce,uint64 signedAt,Play[] plays)" +
      "Play(uint256 trackId,uint64 startedAt,uint32 playedSeconds)",
  );
  assert.equal(
    encodeType("Engagement", engagementTypes),
    "Engagement(address account,uint64 nonce,uint8 kind,uint256 trackId,uint64 at,bytes32 ref)",
  );
});

test("report digest equals ethers' TypedDataEncoder.hash on random reports and domains", () => {
  for (let round = 0; round < 20; round++) {
    const chainId = randomUint(256);
    const contract = randomAddress();
    const typed = createPlaysTypedData(chainId, contract);
    const domain = playsDomain(chainId, contract);
    assert.equal(hexlify(typed.domainSeparator), TypedDataEncoder.hashDomain(domain));
    for (let i = 0; i < 25; i++) {
      const report = randomReport();
      assert.equal(hexlify(typed.reportDigest(report)), TypedDataEncoder.hash(domain, listeningReportTypes, report));
    }
  }
});

test("a report with no plays hashes the empty array as ethers does", () => {
  const typed = createPlaysTypedData(1, randomAddress());
  const report = { listener: randomAddress(), nonce: 1n, signedAt: 2n, plays: [] };
  assert.equal(hexlify(typed.reportDigest(report)), TypedDataEncoder.hash(typed.domain, listeningReportTypes, report));
});

test("numbers and bigints give the same digest, and mixed-case addresses hash as lower case", () => {
  const typed = createPlaysTypedData(8453, "0x" + "Ab".repeat(20));
  const listener = "0x" + "cD".repeat(20);
  const asNumbers = {
    listener,
    nonce: Number.MAX_SAFE_INTEGER,
    signedAt: 1_700_000_000,
    plays: [{ trackId: 2 ** 40 + 7, startedAt: 1_699_999_000, playedSeconds: 4_000_000_000 }],
  };
  const asBigints = {
    listener: listener.toLowerCase(),
    nonce: BigInt(Number.MAX_SAFE_INTEGER),
    signedAt: 1_700_000_000n,
    plays: [{ trackId: 2n ** 40n + 7n, startedAt: 1_699_999_000n, playedSeconds: 4_000_000_000n }],
  };
  assert.deepEqual(typed.reportDigest(asNumbers), typed.reportDigest(asBigints));
  assert.equal(
    hexlify(typed.reportDigest(asNumbers)),
    TypedDataEncoder.hash(typed.domain, listeningReportTypes, asBigints),
  );
});

test("a long report after a short one does not leak stale play hashes (buffers are reused)", () => {
  const typed = createPlaysTypedData(1, randomAddress());
  const long = { ...randomReport(), plays: randomReport().plays.concat(randomReport().plays, randomReport().plays) };
  const short = { ...long, plays: long.plays.slice(0, 1) };
  for (const report of [long, short, long]) {
    assert.equal(
      hexlify(typed.reportDigest(report)),
      TypedDataEncoder.hash(typed.domain, listeningReportTypes, report),
    );
  }
});

test("engagement digest equals ethers' TypedDataEncoder.hash on random engagements", () => {
  const typed = createPlaysTypedData(randomUint(64), randomAddress());
  for (let i = 0; i < 300; i++) {
    const engagement: EngagementMessage = {
      account: randomAddress(),
      nonce: randomUint(64),
      kind: randomUint(8),
      trackId: randomUint(256),
      at: randomUint(64),
      ref: hexlify(randomBytes(32)),
    };
    assert.equal(
      hexlify(typed.engagementDigest(engagement)),
      TypedDataEncoder.hash(typed.domain, engagementTypes, engagement),
    );
  }
});

test("values that do not fit their type are refused, not silently truncated", () => {
  const typed = createPlaysTypedData(1, randomAddress());
  const good = {
    listener: randomAddress(),
    nonce: 1n,
    signedAt: 1n,
    plays: [{ trackId: 1n, startedAt: 1n, playedSeconds: 1 }],
  };
  const bad: Array<[string, unknown]> = [
    ["nonce", 1n << 64n],
    ["nonce", -1],
    ["nonce", 1.5],
    ["nonce", 2 ** 53],
    ["signedAt", "12"],
    ["listener", "0x1234"],
    ["listener", "0x" + "zz".repeat(20)],
  ];
  for (const [field, value] of bad) {
    assert.throws(
      () => typed.reportDigest({ ...good, [field]: value } as ListeningReportMessage),
      TypedDataValueError,
      `${field}=${value}`,
    );
  }
  assert.throws(
    () => typed.reportDigest({ ...good, plays: [{ trackId: 1n << 256n, startedAt: 1n, playedSeconds: 1 }] }),
    /Play.trackId .* is not a uint256/,
  );
  assert.throws(
    () => typed.reportDigest({ ...good, plays: [{ trackId: 1n, startedAt: 1n, playedSeconds: 2 ** 32 }] }),
    /Play.playedSeconds .* is not a uint32/,
  );
  assert.throws(() => playsDomain(1, "not an address"), TypedDataValueError);
});
