import { test } from "node:test";
import assert from "node:assert/strict";
import { Wallet, hexlify, keccak256, toUtf8Bytes } from "ethers";
import { createPlaysTypedData, engagementTypes, listeningReportTypes } from "./typed-data.ts";
import { createSigner, signDigest, signedEngagement, signedReport, type PlayJson } from "./signing-fixtures.ts";
import {
  PLAY_RULES,
  ReportRejected,
  parseEngagement,
  parseListeningReport,
  replayRejected,
  reportKey,
  verifyListeningReport,
  type ReportContext,
} from "./validate.ts";

const NOW = 1_750_000_000;
const CONTRACT = "0x" + "5e".repeat(20);
const CHAIN_ID = 8453;
const TRACK_A = "1" + "0".repeat(70); // beyond 2^53: must travel as a string
const TRACK_B = "42";
const UNKNOWN_TRACK = "43";
const known = new Set([TRACK_A, TRACK_B]);
const ctx: ReportContext = {
  now: NOW,
  chainId: CHAIN_ID,
  verifyingContract: CONTRACT,
  isKnownTrack: (id) => known.has(id),
};
const typed = createPlaysTypedData(CHAIN_ID, CONTRACT);
const listener = createSigner();
const stranger = createSigner();

const plays = (): PlayJson[] => [
  { trackId: TRACK_A, startedAt: NOW - 600, playedSeconds: 200 },
  { trackId: TRACK_B, startedAt: NOW - 400, playedSeconds: 180 },
  { trackId: TRACK_A, startedAt: NOW - 200, playedSeconds: 150 },
];
const report = (overrides: { nonce?: number; signedAt?: number; plays?: PlayJson[] } = {}, signer = listener) =>
  signedReport(typed, signer, { nonce: 7, signedAt: NOW - 10, plays: plays(), ...overrides });

/** Asserts the input is refused with this status and a reason matching `reason`. */
const rejects = (input: unknown, status: number, reason: RegExp, context: ReportContext = ctx) => {
  assert.throws(
    () => parseListeningReport(input, context),
    (error: unknown) => {
      assert.ok(error instanceof ReportRejected, `expected ReportRejected, got ${String(error)}`);
      assert.equal(error.status, status, error.reason);
      assert.match(error.reason, reason);
      return true;
    },
  );
};

test("a valid report signed with ethers' Wallet.signTypedData is accepted", async () => {
  const wallet = Wallet.createRandom();
  const value = { listener: wallet.address, nonce: 1, signedAt: NOW - 5, plays: plays() };
  const signature = await wallet.signTypedData(typed.domain, listeningReportTypes, value);
  const verified = parseListeningReport({ ...value, signature }, ctx);
  const address = wallet.address.toLowerCase();
  assert.equal(verified.listener, address);
  assert.equal(verified.nonce, 1);
  assert.equal(verified.signedAt, NOW - 5);
  assert.equal(verified.reportKey, `${address}:1`);
  assert.match(verified.digest, /^0x[0-9a-f]{64}$/);
  assert.deepEqual(
    verified.plays,
    plays().map((play) => ({ listener: address, ...play, reportDigest: verified.digest })),
  );
  // The fixture signer makes the same bytes as ethers (RFC 6979), so fixtures are as good as wallet signatures.
  const fixtureSignature = signDigest(
    Buffer.from(verified.digest.slice(2), "hex"),
    Buffer.from(wallet.privateKey.slice(2), "hex"),
  );
  assert.equal(fixtureSignature, signature);
});

test("small integers may come as decimal strings, addresses in any case", () => {
  const body = report();
  const asStrings = {
    ...body,
    listener: "0x" + body.listener.slice(2).toUpperCase(),
    nonce: String(body.nonce),
    signedAt: String(body.signedAt),
    plays: body.plays.map((p) => ({ ...p, startedAt: String(p.startedAt), playedSeconds: String(p.playedSeconds) })),
  };
  assert.deepEqual(parseListeningReport(asStrings, ctx), parseListeningReport(body, ctx));
});

test("reportKey and the replay rejection (the store's UNIQUE key decides replays)", () => {
  assert.equal(reportKey("0xabc", 5), "0xabc:5");
  const rejected = replayRejected("0xabc:5");
  assert.equal(rejected.status, 409);
  assert.match(rejected.reason, /0xabc:5 was already received; sign each new report with a new nonce/);
});

test("malformed JSON shapes are 400 with the field named", () => {
  const good = report();
  const without = (key: string) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));
  const withPlay = (index: number, play: unknown) => ({
    ...good,
    plays: good.plays.map((p, i) => (i === index ? play : p)),
  });
  const cases: Array<[unknown, RegExp]> = [
    ["hello", /^report must be a JSON object, got "hello"$/],
    [null, /report must be a JSON object, got null/],
    [[good], /report must be a JSON object, got an array of 1/],
    [{ ...good, extra: 1 }, /report has an unexpected field "extra"; only listener, nonce, signedAt, plays, signature/],
    [without("listener"), /^listener is missing; it must be a 0x-prefixed 20-byte hex address$/],
    [{ ...good, listener: "0x1234" }, /listener must be a 0x-prefixed 20-byte hex address, got "0x1234"/],
    [{ ...good, nonce: -1 }, /nonce must be a whole number from 0 to 9007199254740991.*got number -1/],
    [{ ...good, nonce: 1.5 }, /nonce must be a whole number/],
    [{ ...good, nonce: "007" }, /nonce must be a whole number/],
    [{ ...good, nonce: 2 ** 53 }, /nonce must be a whole number/],
    [{ ...good, signedAt: "soon" }, /signedAt must be a whole number.*got "soon"/],
    [without("signature"), /signature is missing; it must be a string/],
    [{ ...good, signature: 12 }, /signature must be a string, got number 12/],
    [{ ...good, plays: {} }, /plays must be an array, got an object/],
    [withPlay(0, "x"), /plays\[0\] must be a JSON object/],
    [withPlay(1, { ...good.plays[1], skipped: true }), /plays\[1\] has an unexpected field "skipped"/],
    [
      withPlay(0, { ...good.plays[0], trackId: 42 }),
      /plays\[0\]\.trackId must be a uint256 as a decimal string.*got number 42/,
    ],
    [withPlay(0, { ...good.plays[0], trackId: "0042" }), /plays\[0\]\.trackId must be a uint256 as a decimal string/],
    [withPlay(0, { ...good.plays[0], trackId: "0x2a" }), /plays\[0\]\.trackId must be a uint256 as a decimal string/],
    [
      withPlay(0, { ...good.plays[0], trackId: (1n << 256n).toString() }),
      /plays\[0\]\.trackId is larger than a uint256/,
    ],
    [withPlay(2, { ...good.plays[2], playedSeconds: "x" }), /plays\[2\]\.playedSeconds must be a whole number/],
    [withPlay(2, { trackId: TRACK_A, startedAt: NOW }), /plays\[2\]\.playedSeconds is missing/],
    [
      { ...good, signature: good.signature.slice(0, 130) },
      /signature must be 0x followed by 130 hex digits.*got 64 bytes/,
    ],
    [{ ...good, signature: good.signature.slice(0, -2) + "1d" }, /signature v must be 27, 28, 0 or 1, got 29/],
  ];
  for (const [input, reason] of cases) rejects(input, 400, reason);
});

test("the high-s twin of a valid signature is 400 (EIP-2)", () => {
  const good = report();
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const s = BigInt("0x" + good.signature.slice(66, 130));
  const v = good.signature.endsWith("1b") ? "1c" : "1b";
  const twin = good.signature.slice(0, 66) + (n - s).toString(16).padStart(64, "0") + v;
  rejects({ ...good, signature: twin }, 400, /upper half of the curve order.*low-s/);
});

test("rule violations are 422 with a reason a person can act on", () => {
  const shifted = (index: number, change: Partial<PlayJson>) =>
    plays().map((p, i) => (i === index ? { ...p, ...change } : p));
  const manyPlays = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ trackId: TRACK_B, startedAt: NOW - 3600 + i * 2, playedSeconds: 1 }));
  const cases: Array<[ReturnType<typeof report>, RegExp, ReportContext?]> = [
    [report({ plays: [] }), /^plays is empty; a report needs at least one play$/],
    [
      report({ plays: manyPlays(PLAY_RULES.maxPlays + 1) }),
      /plays has 501 entries, at most 500 per report; split the session/,
    ],
    [report(), /plays has 3 entries, at most 2 per report/, { ...ctx, maxPlays: 2 }],
    [
      report({ plays: shifted(1, { playedSeconds: 0 }) }),
      /^plays\[1\]\.playedSeconds is 0; it must be from 1 to 3600$/,
    ],
    [
      report({ plays: shifted(1, { playedSeconds: 3601 }) }),
      /plays\[1\]\.playedSeconds is 3601; it must be from 1 to 3600/,
    ],
    [
      report({ signedAt: NOW + 200, plays: [{ trackId: TRACK_A, startedAt: NOW + 120, playedSeconds: 10 }] }),
      /^signedAt is 200 s in the future \(at most 60 s of clock skew\); check the device clock$/,
    ],
    [
      report({ signedAt: NOW + 60, plays: [{ trackId: TRACK_A, startedAt: NOW + 120, playedSeconds: 10 }] }),
      /^plays\[0\]\.startedAt is 120 s in the future \(at most 60 s of clock skew\); check the device clock$/,
    ],
    [report({ signedAt: NOW - 8 * 86400 }), /^signedAt is 8 days old; reports older than 7 days are not accepted$/],
    [report({ plays: shifted(0, { startedAt: NOW - 8 * 86400 }) }), /^plays\[0\]\.startedAt is 8 days old/],
    [
      report({ plays: shifted(2, { startedAt: NOW - 700 }) }),
      /plays\[2\]\.startedAt is before plays\[1\]\.startedAt; sort plays by startedAt/,
    ],
    [
      report({ plays: shifted(1, { startedAt: NOW - 401 }) }),
      /^plays\[1\] starts at 1749999599, before plays\[0\] ends at 1749999600 \(startedAt \+ playedSeconds\); plays cannot overlap$/,
    ],
    [
      report({ signedAt: NOW - 200 }),
      /^plays\[2\] ends at 1749999950, 150 s after the report was signed; report only finished plays$/,
    ],
    [report({ plays: shifted(1, { trackId: UNKNOWN_TRACK }) }), /^plays\[1\]\.trackId 43 is not a registered track$/],
  ];
  for (const [input, reason, context] of cases) rejects(input, 422, reason, context);
});

test("limits are inclusive: 1 and 3600 s plays, exactly 60 s ahead and exactly 7 days old, back-to-back plays", () => {
  const edge = [
    { trackId: TRACK_A, startedAt: NOW - PLAY_RULES.maxAgeSeconds, playedSeconds: 3600 },
    { trackId: TRACK_B, startedAt: NOW - PLAY_RULES.maxAgeSeconds + 3600, playedSeconds: 1 },
    { trackId: TRACK_B, startedAt: NOW + 59, playedSeconds: 1 },
  ];
  assert.equal(parseListeningReport(report({ signedAt: NOW + 60, plays: edge }), ctx).plays.length, 3);
});

test("a report signed by someone else is 401", () => {
  // The stranger signs the exact digest of a report naming `listener`: everything matches except who signed.
  const claimed = report();
  const digest = typed.reportDigest({
    ...claimed,
    plays: claimed.plays.map((p) => ({ ...p, trackId: BigInt(p.trackId) })),
  });
  const forged = { ...claimed, signature: signDigest(digest, stranger.privateKey) };
  rejects(forged, 401, new RegExp(`recovers to ${stranger.address}, not the listener ${listener.address}`));
});

test("a tampered play, nonce or time is 401: the signature no longer covers it", () => {
  const good = report();
  const tampered = [
    { ...good, plays: good.plays.map((p, i) => (i === 1 ? { ...p, playedSeconds: p.playedSeconds + 1 } : p)) },
    { ...good, plays: good.plays.map((p, i) => (i === 0 ? { ...p, trackId: TRACK_B } : p)) },
    { ...good, nonce: good.nonce + 1 },
    { ...good, signedAt: good.signedAt + 1 },
  ];
  for (const input of tampered)
    rejects(input, 401, /signature does not match: it recovers to 0x[0-9a-f]{40}, not the listener/);
});

test("a signature for another chain or contract is 401", () => {
  const otherChain = signedReport(createPlaysTypedData(1, CONTRACT), listener, {
    nonce: 1,
    signedAt: NOW,
    plays: plays(),
  });
  rejects(otherChain, 401, /signature does not match/);
  const otherContract = signedReport(createPlaysTypedData(CHAIN_ID, "0x" + "11".repeat(20)), listener, {
    nonce: 1,
    signedAt: NOW,
    plays: plays(),
  });
  rejects(otherContract, 401, /signature does not match/);
});

test("a signature whose r is on no curve point is 401", () => {
  const good = report();
  // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p).
  const noPoint = "0x" + (5).toString(16).padStart(64, "0") + good.signature.slice(66);
  rejects({ ...good, signature: noPoint }, 401, /not the x coordinate of a curve point/);
});

test("verifyListeningReport skips only the track registry", () => {
  const body = report({ plays: [{ trackId: UNKNOWN_TRACK, startedAt: NOW - 100, playedSeconds: 30 }] });
  const { isKnownTrack: _, ...checks } = ctx;
  assert.equal(verifyListeningReport(body, checks).plays[0].trackId, UNKNOWN_TRACK);
  rejects(body, 422, /not a registered track/);
});

const COMMENT_REF = keccak256(toUtf8Bytes("great bass line"));
const ZERO = "0x" + "0".repeat(64);
const engagement = (kindIndex: number, ref: string, overrides: { trackId?: string; at?: number } = {}) =>
  signedEngagement(typed, listener, { nonce: 3, kindIndex, trackId: TRACK_A, at: NOW - 30, ref, ...overrides });
const rejectsEngagement = (input: unknown, status: number, reason: RegExp) =>
  assert.throws(
    () => parseEngagement(input, ctx),
    (error: unknown) => error instanceof ReportRejected && error.status === status && reason.test(error.reason),
  );

test("a valid engagement signed with ethers is accepted, kind by name or index", async () => {
  const wallet = Wallet.createRandom();
  const value = { account: wallet.address, nonce: 9, kind: 1, trackId: TRACK_B, at: NOW - 1, ref: COMMENT_REF };
  const signature = await wallet.signTypedData(typed.domain, engagementTypes, value);
  const verified = parseEngagement({ ...value, signature }, ctx);
  assert.deepEqual(
    { ...verified, digest: undefined },
    {
      account: wallet.address.toLowerCase(),
      kind: "comment",
      trackId: TRACK_B,
      at: NOW - 1,
      ref: COMMENT_REF,
      nonce: 9,
      digest: undefined,
      engagementKey: `${wallet.address.toLowerCase()}:9`,
    },
  );
  assert.equal(verified.digest, hexlify(typed.engagementDigest({ ...value, trackId: BigInt(TRACK_B) })));
  assert.equal(parseEngagement({ ...value, kind: "comment", signature }, ctx).kind, "comment");
  assert.equal(parseEngagement(engagement(0, ZERO), ctx).kind, "save");
  assert.equal(parseEngagement(engagement(2, "0x" + "12".repeat(32)), ctx).kind, "playlist");
});

test("engagement rejections carry their status and reason", () => {
  rejectsEngagement(
    { ...engagement(0, ZERO), kind: "like" },
    400,
    /kind must be one of save, comment, playlist \(or 0..2\), got "like"/,
  );
  rejectsEngagement({ ...engagement(0, ZERO), kind: 3 }, 422, /kind 3 is not one of 0 save, 1 comment, 2 playlist/);
  rejectsEngagement({ ...engagement(0, ZERO), note: "hi" }, 400, /engagement has an unexpected field "note"/);
  rejectsEngagement({ ...engagement(0, ZERO), ref: "0x12" }, 400, /ref must be a 0x-prefixed 32-byte hex string/);
  rejectsEngagement(engagement(0, COMMENT_REF), 422, /ref must be the zero hash for a save/);
  rejectsEngagement(engagement(1, ZERO), 422, /ref must be keccak256 of the comment's text/);
  rejectsEngagement(engagement(1, COMMENT_REF, { at: NOW + 61 }), 422, /^at is 61 s in the future/);
  rejectsEngagement(engagement(1, COMMENT_REF, { at: NOW - 8 * 86400 }), 422, /^at is 8 days old/);
  rejectsEngagement(
    engagement(1, COMMENT_REF, { trackId: UNKNOWN_TRACK }),
    422,
    /trackId 43 is not a registered track/,
  );
  const claimed = engagement(1, COMMENT_REF);
  const digest = typed.engagementDigest({ ...claimed, kind: 1, trackId: BigInt(claimed.trackId) });
  rejectsEngagement(
    { ...claimed, signature: signDigest(digest, stranger.privateKey) },
    401,
    new RegExp(`recovers to ${stranger.address}, not the account ${listener.address}`),
  );
  rejectsEngagement({ ...engagement(1, COMMENT_REF), nonce: 4 }, 401, /signature does not match/);
});
