// The rules a signed listening report or engagement action must pass before the keeper stores it. Cheap checks
// run first (shape, bounds, clocks, ordering), so garbage and abuse are refused before paying for signature
// recovery; the known-track lookup runs last and separately, because in the verifier pool it needs the
// main thread's track registry (see verifier-pool.ts).
import type { Engagement, Play } from "../domain.ts";
import { MalformedSignature, UnrecoverableSignature, recoverSigner } from "./recover.ts";
import { ReportRejected } from "./report-rejected.ts";
import { engagementSchema, listeningReportSchema, shapeReason } from "./schemas.ts";
import {
  ENGAGEMENT_KINDS,
  createPlaysTypedData,
  type PlayMessage,
  type PlaysTypedData,
  type Uint,
} from "./typed-data.ts";

export { ReportRejected } from "./report-rejected.ts";
export type { RejectionStatus } from "./report-rejected.ts";

export const PLAY_RULES = {
  minPlayedSeconds: 1,
  /** A play longer than an hour is a stuck player, not listening. */
  maxPlayedSeconds: 3600,
  /** How far ahead of the keeper's clock a listener's clock may run. */
  clockSkewSeconds: 60,
  /** Older reports are refused: rewards epochs close, and a stale backlog is a farming pattern. */
  maxAgeSeconds: 7 * 24 * 3600,
  maxPlays: 500,
} as const;

/** Which signatures count: the chain and the RewardsDistributor that are the EIP-712 domain. */
export interface SigningDomain {
  chainId: Uint;
  verifyingContract: string;
}

/** Everything checkable without the track registry. `now` is the keeper's unix time in seconds. */
export interface ReportChecks extends SigningDomain {
  now: number;
  /** At most this many plays per report (default PLAY_RULES.maxPlays). */
  maxPlays?: number;
}

export interface ReportContext extends ReportChecks {
  isKnownTrack(trackId: string): boolean;
}

export interface EngagementContext extends SigningDomain {
  now: number;
  isKnownTrack(trackId: string): boolean;
}

/** A report whose signature and rules checked out: what the store keeps. */
export interface VerifiedReport {
  listener: string;
  nonce: number;
  signedAt: number;
  plays: Play[];
  /** EIP-712 hash of the report, 0x hex: its identity in the store. */
  digest: string;
  /** listener:nonce; the store keeps it UNIQUE, which is what refuses a replayed report. */
  reportKey: string;
}

export interface VerifiedEngagement extends Engagement {
  nonce: number;
  digest: string;
  /** account:nonce, UNIQUE in the store like reportKey. */
  engagementKey: string;
}

/** Checks a listening report as received in JSON and returns it, or throws ReportRejected. */
export function parseListeningReport(json: unknown, ctx: ReportContext): VerifiedReport {
  const report = verifyListeningReport(json, ctx);
  checkKnownTracks(report, ctx.isKnownTrack);
  return report;
}

/** A play as hashed: the track id as a bigint for the digest, times as numbers for the rules. */
interface ParsedPlay extends PlayMessage {
  trackId: bigint;
  startedAt: number;
  playedSeconds: number;
}

/** Every check of parseListeningReport except the known-track lookup (for callers that do it elsewhere). */
export function verifyListeningReport(json: unknown, ctx: ReportChecks): VerifiedReport {
  // the count first: a report of a million plays is refused before any of them is read
  const maxPlays = ctx.maxPlays ?? PLAY_RULES.maxPlays;
  const count = (json as { plays?: unknown } | null)?.plays;
  if (Array.isArray(count) && count.length > maxPlays) {
    throw new ReportRejected(
      422,
      `plays has ${count.length} entries, at most ${maxPlays} per report; split the session`,
    );
  }
  const parsed = listeningReportSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new ReportRejected(400, shapeReason(parsed.error, "report"));
  const fields = parsed.data;
  const listener = fields.listener.toLowerCase();
  const nonce = Number(fields.nonce);
  const signedAt = Number(fields.signedAt);
  const signature = fields.signature;
  const rawPlays = fields.plays;
  if (rawPlays.length === 0) throw new ReportRejected(422, "plays is empty; a report needs at least one play");

  const messages: ParsedPlay[] = new Array(rawPlays.length);
  const trackIds: string[] = new Array(rawPlays.length);
  for (let i = 0; i < rawPlays.length; i++) {
    const play = rawPlays[i];
    trackIds[i] = play.trackId;
    messages[i] = {
      trackId: BigInt(play.trackId),
      startedAt: Number(play.startedAt),
      playedSeconds: Number(play.playedSeconds),
    };
  }

  checkClock(signedAt, "signedAt", ctx.now);
  let previousEnd = -Infinity;
  for (let i = 0; i < messages.length; i++) {
    const path = `plays[${i}]`;
    const { startedAt, playedSeconds } = messages[i];
    if (playedSeconds < PLAY_RULES.minPlayedSeconds || playedSeconds > PLAY_RULES.maxPlayedSeconds) {
      throw new ReportRejected(
        422,
        `${path}.playedSeconds is ${playedSeconds}; it must be from ${PLAY_RULES.minPlayedSeconds} to ${PLAY_RULES.maxPlayedSeconds}`,
      );
    }
    checkClock(startedAt, `${path}.startedAt`, ctx.now);
    if (i > 0 && startedAt < messages[i - 1].startedAt) {
      throw new ReportRejected(422, `${path}.startedAt is before plays[${i - 1}].startedAt; sort plays by startedAt`);
    }
    if (startedAt < previousEnd) {
      throw new ReportRejected(
        422,
        `${path} starts at ${startedAt}, before plays[${i - 1}] ends at ${previousEnd} (startedAt + playedSeconds); plays cannot overlap`,
      );
    }
    previousEnd = startedAt + playedSeconds;
    // A report lists finished plays. Both times come from the listener's clock, so no skew is involved; the
    // minute of slack covers rounding and a play whose end the app records just after signing.
    if (previousEnd > signedAt + PLAY_RULES.clockSkewSeconds) {
      throw new ReportRejected(
        422,
        `${path} ends at ${previousEnd}, ${previousEnd - signedAt} s after the report was signed; report only finished plays`,
      );
    }
  }

  const typed = typedDataFor(ctx);
  const digestBytes = typed.reportDigest({ listener, nonce, signedAt, plays: messages });
  checkSigner(digestBytes, signature, listener, "listener");
  const digest = toHex(digestBytes);
  const plays: Play[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    plays[i] = {
      listener,
      trackId: trackIds[i],
      startedAt: messages[i].startedAt,
      playedSeconds: messages[i].playedSeconds,
      reportDigest: digest,
    };
  }
  return { listener, nonce, signedAt, plays, digest, reportKey: reportKey(listener, nonce) };
}

/** Throws 422 naming the first play whose track the registry does not know. */
export function checkKnownTracks(report: VerifiedReport, isKnownTrack: (trackId: string) => boolean): void {
  for (let i = 0; i < report.plays.length; i++) {
    const trackId = report.plays[i].trackId;
    if (!isKnownTrack(trackId)) {
      throw new ReportRejected(422, `plays[${i}].trackId ${trackId} is not a registered track`);
    }
  }
}

const ZERO_HASH = "0x" + "0".repeat(64);

/** Checks an engagement action (save, comment, playlist) as received in JSON, or throws ReportRejected. */
export function parseEngagement(json: unknown, ctx: EngagementContext): VerifiedEngagement {
  const parsed = engagementSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new ReportRejected(400, shapeReason(parsed.error, "engagement"));
  const fields = parsed.data;
  const account = fields.account.toLowerCase();
  const nonce = Number(fields.nonce);
  const kindIndex = engagementKindIndex(fields.kind);
  const trackId = { text: fields.trackId, value: BigInt(fields.trackId) };
  const at = Number(fields.at);
  const ref = fields.ref.toLowerCase();
  const signature = fields.signature;
  const kind = ENGAGEMENT_KINDS[kindIndex];

  checkClock(at, "at", ctx.now);
  if (kind === "save" && ref !== ZERO_HASH) throw new ReportRejected(422, "ref must be the zero hash for a save");
  if (kind === "comment" && ref === ZERO_HASH) {
    throw new ReportRejected(422, "ref must be keccak256 of the comment's text, not the zero hash");
  }

  const digestBytes = typedDataFor(ctx).engagementDigest({
    account,
    nonce,
    kind: kindIndex,
    trackId: trackId.value,
    at,
    ref,
  });
  checkSigner(digestBytes, signature, account, "account");
  if (!ctx.isKnownTrack(trackId.text)) {
    throw new ReportRejected(422, `trackId ${trackId.text} is not a registered track`);
  }
  return {
    account,
    kind,
    trackId: trackId.text,
    at,
    ref,
    nonce,
    digest: toHex(digestBytes),
    engagementKey: reportKey(account, nonce),
  };
}

/** The store's replay key: one report (or engagement) per signer and nonce. */
export function reportKey(signer: string, nonce: number): string {
  return signer + ":" + nonce;
}

/** The rejection for a report whose key the store already holds (its UNIQUE constraint fired). */
export function replayRejected(key: string): ReportRejected {
  return new ReportRejected(
    409,
    `a report with key ${key} was already received; sign each new report with a new nonce`,
  );
}

/** The signed kind is a uint8 index; JSON gives it by name ("save") or by index (0, or "0"). */
function engagementKindIndex(kind: string | number): number {
  const byName = ENGAGEMENT_KINDS.indexOf(kind as (typeof ENGAGEMENT_KINDS)[number]);
  if (byName >= 0) return byName;
  const index = Number(kind);
  if (index >= ENGAGEMENT_KINDS.length) {
    throw new ReportRejected(422, `kind ${index} is not one of 0 save, 1 comment, 2 playlist`);
  }
  return index;
}

function checkClock(time: number, path: string, now: number): void {
  if (time > now + PLAY_RULES.clockSkewSeconds) {
    throw new ReportRejected(
      422,
      `${path} is ${time - now} s in the future (at most ${PLAY_RULES.clockSkewSeconds} s of clock skew); check the device clock`,
    );
  }
  if (time < now - PLAY_RULES.maxAgeSeconds) {
    const days = Math.floor((now - time) / 86400);
    throw new ReportRejected(422, `${path} is ${days} days old; reports older than 7 days are not accepted`);
  }
}

function checkSigner(digest: Uint8Array, signature: string, claimed: string, field: string): void {
  let signer: string;
  try {
    signer = recoverSigner(digest, signature);
  } catch (error) {
    if (error instanceof MalformedSignature) throw new ReportRejected(400, error.message);
    if (error instanceof UnrecoverableSignature) throw new ReportRejected(401, error.message);
    throw error;
  }
  if (signer !== claimed) {
    throw new ReportRejected(
      401,
      `signature does not match: it recovers to ${signer}, not the ${field} ${claimed}; ` +
        `the ${field}'s wallet must sign exactly this content (any changed field changes the digest)`,
    );
  }
}

// Digests reuse buffers per domain, so keep one per (chain, contract) per thread; a keeper serves one or two.
const typedDataByDomain = new Map<string, PlaysTypedData>();

function typedDataFor(domain: SigningDomain): PlaysTypedData {
  const key = `${domain.chainId}:${domain.verifyingContract.toLowerCase()}`;
  let typed = typedDataByDomain.get(key);
  if (typed === undefined) {
    typed = createPlaysTypedData(domain.chainId, domain.verifyingContract);
    typedDataByDomain.set(key, typed);
  }
  return typed;
}

function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex");
}
