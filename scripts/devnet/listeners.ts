// Simulated listeners for the devnet: each signs EIP-712 listening reports of plays that just ended (irregular,
// human gaps and lengths) and posts them to the keeper's plays API, so reward epochs have something to reward.
// Imported by the keeper step (the listening history of the first epoch) and run as its own supervised process
// (`node scripts/devnet/listeners.ts`, the live stream) with:
//   FLYAI_LISTENERS_KEEPER   keeper API url            FLYAI_LISTENERS_DISTRIBUTOR   RewardsDistributor address
//   FLYAI_LISTENERS_CHAIN    chain id                  FLYAI_LISTENERS_TRACKS        comma-separated track ids
//   FLYAI_LISTENERS_ACCOUNTS comma-separated dev mnemonic indexes
import { engagementTypes, listeningReportTypes, playsDomain } from "@flyaimusic/keeper/src/plays/typed-data.ts";
import { type HDNodeWallet, keccak256, toUtf8Bytes, ZeroHash } from "ethers";
import { devAccounts } from "./accounts.ts";

export interface DevPlay {
  trackId: string;
  startedAt: number;
  playedSeconds: number;
}

/** Nonces unique across runs without state: microseconds since the epoch, bumped when two land in the same one. */
let lastNonce = 0;
function nextNonce(): number {
  lastNonce = Math.max(lastNonce + 1, Date.now() * 1000);
  return lastNonce;
}

export async function signedReport(
  wallet: HDNodeWallet,
  chainId: number,
  distributor: string,
  plays: DevPlay[],
  signedAt = Math.floor(Date.now() / 1000),
) {
  const value = { listener: wallet.address, nonce: nextNonce(), signedAt, plays };
  const signature = await wallet.signTypedData(playsDomain(chainId, distributor), listeningReportTypes, value);
  return { ...value, signature };
}

/** A signed save (no text) or comment (the keccak-256 of its text is signed; the text stays with the app). */
export async function signedEngagement(
  wallet: HDNodeWallet,
  chainId: number,
  distributor: string,
  action: { trackId: string; at: number } & ({ kind: "save" } | { kind: "comment"; text: string }),
) {
  const value = {
    account: wallet.address,
    nonce: nextNonce(),
    kind: action.kind === "save" ? 0 : 1,
    trackId: action.trackId,
    at: action.at,
    ref: action.kind === "save" ? ZeroHash : keccak256(toUtf8Bytes(action.text)),
  };
  const signature = await wallet.signTypedData(playsDomain(chainId, distributor), engagementTypes, value);
  return { ...value, signature };
}

/** Posts one engagement action; throws with the keeper's reason if refused. */
export async function postEngagement(keeperUrl: string, item: unknown): Promise<void> {
  const response = await fetch(`${keeperUrl}/v1/engagement`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(item),
  });
  if (response.status !== 201) {
    throw new Error(`the keeper refused an engagement: ${((await response.json()) as { reason?: string }).reason}`);
  }
}

/** Posts reports; throws with the keeper's reasons if any was refused. */
export async function postReports(keeperUrl: string, reports: unknown[]): Promise<number> {
  const response = await fetch(`${keeperUrl}/v1/plays/batch`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reports }),
  });
  const body = (await response.json()) as { results?: { status: number; outcome: string }[]; reason?: string };
  if (!response.ok || !body.results) throw new Error(`the keeper refused the batch: ${body.reason ?? response.status}`);
  const refused = body.results.filter((r) => r.status !== 201);
  if (refused.length) throw new Error(`the keeper refused ${refused.length} report(s): ${refused[0].outcome}`);
  return body.results.length;
}

/** A small seeded generator, so a listener's taste is stable across runs. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Plays between `from` and `to` (unix seconds): one after another with human gaps, 30-90 s each. */
export function sessionBetween(seed: number, tracks: string[], from: number, to: number): DevPlay[] {
  const rng = random(seed);
  const plays: DevPlay[] = [];
  let at = from + Math.floor(rng() * 5);
  for (;;) {
    const length = 30 + Math.floor(rng() * 60);
    if (at + length > to) break;
    plays.push({ trackId: tracks[Math.floor(rng() * tracks.length)], startedAt: at, playedSeconds: length });
    at += length + 1 + Math.floor(rng() * 8);
  }
  return plays;
}

async function stream(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const keeperUrl = env("FLYAI_LISTENERS_KEEPER");
  const chainId = Number(env("FLYAI_LISTENERS_CHAIN"));
  const distributor = env("FLYAI_LISTENERS_DISTRIBUTOR");
  const tracks = env("FLYAI_LISTENERS_TRACKS").split(",");
  const indexes = env("FLYAI_LISTENERS_ACCOUNTS").split(",").map(Number);
  const accounts = devAccounts(Math.max(...indexes) + 1);
  const listeners = indexes.map((index) => ({
    account: accounts[index],
    listenedUntil: Math.floor(Date.now() / 1000),
  }));
  let round = 0;
  let stopping = false;
  process.once("SIGTERM", () => (stopping = true));
  process.once("SIGINT", () => (stopping = true));
  console.log(`listener stream: ${listeners.map((l) => l.account.label).join(", ")} -> ${keeperUrl}`);
  while (!stopping) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const now = Math.floor(Date.now() / 1000);
    round++;
    const reports = [];
    for (const [i, listener] of listeners.entries()) {
      const plays = sessionBetween(round * 97 + i, tracks, listener.listenedUntil, now);
      if (plays.length === 0) continue;
      const last = plays.at(-1)!;
      listener.listenedUntil = last.startedAt + last.playedSeconds + 1;
      reports.push(await signedReport(listener.account.wallet, chainId, distributor, plays, now));
    }
    if (reports.length === 0) continue;
    try {
      await postReports(keeperUrl, reports);
      console.log(`${new Date().toISOString().slice(11, 19)} posted ${reports.length} report(s)`);
    } catch (error) {
      console.log(`${new Date().toISOString().slice(11, 19)} ${(error as Error).message}`);
    }
  }
}

if (import.meta.main) {
  stream().catch((error) => {
    console.error(`listener stream: ${(error as Error).message}`);
    process.exit(1);
  });
}
