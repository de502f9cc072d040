// Ingest benchmark: signed listening reports verified and stored, the naive way against ours, in one run.
//   baseline: per report, ethers' verifyTypedData work (TypedDataEncoder.hash + recoverAddress, called as its two
//             halves so the digest can be stored) and the rows written with autocommit (each statement its own
//             transaction: the default rollback journal, synchronous=FULL) into a temp-file node:sqlite database.
//   ours:     the verifier pool (worker threads, WASM keccak + libsecp256k1, all validation rules) and one
//             transaction per batch with prepared statements, journal_mode=WAL + synchronous=NORMAL, same schema.
// Each variant (1 play and 10 plays per report; a report is one signature, the honest unit) runs ours, then the
// baseline on the first --baseline-reports reports (it is ~25x slower; its rate is steady after a few hundred).
// Run: node bench/keeper/ingest.bench.ts [--reports 20000] [--baseline-reports 2000]
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { TypedDataEncoder, recoverAddress, verifyTypedData } from "ethers";
import {
  createSigner,
  signedReport,
  type ListeningReportJson,
  type TestSigner,
} from "../../keeper/src/plays/signing-fixtures.ts";
import { createPlaysTypedData, listeningReportTypes } from "../../keeper/src/plays/typed-data.ts";
import { createVerifierPool, type VerifierPool } from "../../keeper/src/plays/verifier-pool.ts";
import { recoverSigner } from "../../keeper/src/plays/recover.ts";
import type { BenchRow } from "../bench-row.ts";

export type { BenchRow };

export interface BenchOptions {
  /** Signed reports per variant (default 20,000). */
  reports?: number;
  /** Reports the baseline ingests (default min(reports, 2,000)): it runs ~20x slower, its rate is steady. */
  baselineReports?: number;
  /** Reports per verify() call and per transaction (default 500). */
  batch?: number;
}

/** The store's schema (the real store uses the same tables). */
export const SCHEMA = `
  CREATE TABLE reports(
    digest TEXT PRIMARY KEY, listener TEXT NOT NULL, nonce INTEGER NOT NULL,
    signed_at INTEGER NOT NULL, received_at INTEGER NOT NULL, UNIQUE(listener, nonce));
  CREATE TABLE plays(
    report_digest TEXT NOT NULL, idx INTEGER NOT NULL, listener TEXT NOT NULL, track_id TEXT NOT NULL,
    started_at INTEGER NOT NULL, played_seconds INTEGER NOT NULL, PRIMARY KEY(report_digest, idx));`;
// A replayed report (same listener + nonce) inserts nothing: `changes` 0 is the store's 409.
const INSERT_REPORT =
  "INSERT INTO reports(digest, listener, nonce, signed_at, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
const INSERT_PLAY =
  "INSERT INTO plays(report_digest, idx, listener, track_id, started_at, played_seconds) VALUES (?, ?, ?, ?, ?, ?)";

const CHAIN_ID = 8453;
const CONTRACT = "0x" + "d1".repeat(20);
const WALLETS = 300;
const TRACKS = 1000;

const progress = (message: string) => process.stderr.write(message);
/** A running count, redrawn in place on a terminal (and left out of logs, where it would be one line per update). */
const counter = (message: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
};
const seconds = (from: number) => (performance.now() - from) / 1000;
const format = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Fixture {
  now: number;
  reports: ListeningReportJson[];
  knownTracks: Set<string>;
}

/** N reports from a few hundred wallets, each with `playsPerReport` back-to-back plays of known tracks. */
function makeFixture(
  count: number,
  playsPerReport: number,
  signers: TestSigner[],
  trackIds: string[],
  now: number,
): Fixture {
  const typed = createPlaysTypedData(CHAIN_ID, CONTRACT);
  const nonces = new Array<number>(signers.length).fill(0);
  const reports: ListeningReportJson[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const who = i % signers.length;
    const sessionStart = now - 3 * 3600 + (i % 600);
    const plays = Array.from({ length: playsPerReport }, (_, p) => ({
      trackId: trackIds[(i * 7 + p * 13) % trackIds.length],
      startedAt: sessionStart + p * 200,
      playedSeconds: 30 + ((i + p) % 170),
    }));
    reports[i] = signedReport(typed, signers[who], { nonce: nonces[who]++, signedAt: now - 60, plays });
  }
  // The fast signer must make signatures ethers accepts, or both sides would be measuring nonsense.
  const first = reports[0];
  const { signature, ...value } = first;
  if (verifyTypedData(typed.domain, listeningReportTypes, value, signature).toLowerCase() !== first.listener) {
    throw new Error("fixture signature does not verify with ethers; the typed data and the signer disagree");
  }
  return { now, reports, knownTracks: new Set(trackIds) };
}

function openStore(dir: string, name: string, fast: boolean): DatabaseSync {
  const db = new DatabaseSync(join(dir, name));
  if (fast) db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  db.exec(SCHEMA);
  return db;
}

function countRows(db: DatabaseSync): { reports: number; plays: number } {
  const count = (table: string) => Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  return { reports: count("reports"), plays: count("plays") };
}

interface IngestResult {
  reports: number;
  plays: number;
  seconds: number;
  rejected: number;
  stored: { reports: number; plays: number };
}

/** The naive path: verify with ethers, then one autocommitted INSERT for the report and one for its plays. */
function ingestBaseline(db: DatabaseSync, fixture: Fixture, count: number): IngestResult {
  const domain = createPlaysTypedData(CHAIN_ID, CONTRACT).domain;
  const insertReport = db.prepare(INSERT_REPORT);
  const insertPlaysByCount = new Map<number, ReturnType<DatabaseSync["prepare"]>>();
  let rejected = 0;
  let plays = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { signature, ...value } = fixture.reports[i];
    const digest = TypedDataEncoder.hash(domain, listeningReportTypes, value);
    if (recoverAddress(digest, signature).toLowerCase() !== value.listener) {
      rejected++;
      continue;
    }
    insertReport.run(digest, value.listener, value.nonce, value.signedAt, Math.floor(Date.now() / 1000));
    // One multi-row INSERT for the report's plays: still one statement (one commit) per table and report.
    let insertPlays = insertPlaysByCount.get(value.plays.length);
    if (insertPlays === undefined) {
      const rows = value.plays.map(() => "(?, ?, ?, ?, ?, ?)").join(", ");
      insertPlays = db.prepare(INSERT_PLAY.replace("(?, ?, ?, ?, ?, ?)", rows));
      insertPlaysByCount.set(value.plays.length, insertPlays);
    }
    insertPlays.run(
      ...value.plays.flatMap((play, idx) => [
        digest,
        idx,
        value.listener,
        play.trackId,
        play.startedAt,
        play.playedSeconds,
      ]),
    );
    plays += value.plays.length;
    if (i % 250 === 249) counter(`  baseline: ${format(i + 1)}/${format(count)} reports`);
  }
  const elapsed = seconds(started);
  counter("");
  progress(`  baseline: ${format(count)} reports in ${format(elapsed, 1)} s\n`);
  return { reports: count - rejected, plays, seconds: elapsed, rejected, stored: countRows(db) };
}

/** Ours: batches through the verifier pool, a few in flight, each stored in one transaction as it returns. */
async function ingestOurs(
  db: DatabaseSync,
  pool: VerifierPool,
  fixture: Fixture,
  batchSize: number,
): Promise<IngestResult> {
  const insertReport = db.prepare(INSERT_REPORT);
  const insertPlay = db.prepare(INSERT_PLAY);
  const ctx = { now: fixture.now, isKnownTrack: (id: string) => fixture.knownTracks.has(id) };
  const total = fixture.reports.length;
  let rejected = 0;
  let reports = 0;
  let plays = 0;
  const started = performance.now();
  // Keep every worker busy while this thread writes, and through a commit that waits on the disk (a WAL
  // checkpoint fsyncs): two batches per worker in flight, about a quarter second of verification.
  const inFlight: ReturnType<VerifierPool["verify"]>[] = [];
  let next = 0;
  const submit = () => {
    if (next >= total) return;
    inFlight.push(pool.verify(fixture.reports.slice(next, next + batchSize), ctx));
    next += batchSize;
  };
  for (let i = 0; i < 2 * pool.size; i++) submit();
  while (inFlight.length > 0) {
    const outcomes = await (inFlight.shift() as ReturnType<VerifierPool["verify"]>);
    submit();
    const receivedAt = Math.floor(Date.now() / 1000);
    db.exec("BEGIN");
    try {
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          rejected++;
          continue;
        }
        const report = outcome.report;
        if (insertReport.run(report.digest, report.listener, report.nonce, report.signedAt, receivedAt).changes === 0) {
          rejected++; // a replay: the API would answer 409
          continue;
        }
        for (let idx = 0; idx < report.plays.length; idx++) {
          const play = report.plays[idx];
          insertPlay.run(report.digest, idx, report.listener, play.trackId, play.startedAt, play.playedSeconds);
        }
        reports++;
        plays += report.plays.length;
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    counter(`  ours: ${format(reports + rejected)}/${format(total)} reports`);
  }
  const elapsed = seconds(started);
  counter("");
  progress(`  ours: ${format(total)} reports in ${format(elapsed, 2)} s\n`);
  return { reports, plays, seconds: elapsed, rejected, stored: countRows(db) };
}

function ingestRows(
  label: string,
  baseline: IngestResult,
  ours: IngestResult,
  expected: { reports: number; plays: number },
  baselineExpected: { reports: number; plays: number },
): BenchRow[] {
  const lost = (result: IngestResult, want: { reports: number; plays: number }) =>
    result.stored.reports === want.reports && result.stored.plays === want.plays && result.rejected === 0
      ? `none lost (${format(result.stored.reports)} reports, ${format(result.stored.plays)} plays stored)`
      : `LOST: stored ${result.stored.reports}/${want.reports} reports, ${result.stored.plays}/${want.plays} plays, ${result.rejected} rejected`;
  const rate = (result: IngestResult, what: "reports" | "plays") => result[what] / result.seconds;
  return (["reports", "plays"] as const).map((what) => ({
    operation: `ingest ${label} (${what}/s)`,
    baseline: format(rate(baseline, what)),
    ours: format(rate(ours, what)),
    unit: `${what}/s`,
    ratio: rate(ours, what) / rate(baseline, what),
    notes:
      what === "reports"
        ? `baseline ${format(baseline.reports)} reports: ${lost(baseline, baselineExpected)}; ours ${format(ours.reports)}: ${lost(ours, expected)}`
        : `target >= 5,000 reports/s: ${rate(ours, "reports") >= 5000 ? "met" : "NOT met"}`,
  }));
}

/** Single-thread costs of the two steps, ours against ethers, to show where the time goes. */
function microRows(fixture: Fixture, count: number): BenchRow[] {
  const typed = createPlaysTypedData(CHAIN_ID, CONTRACT);
  const sample = fixture.reports.slice(0, count).map(({ signature, ...value }) => ({ signature, value }));
  const messages = sample.map(({ value }) => ({
    ...value,
    plays: value.plays.map((p) => ({ ...p, trackId: BigInt(p.trackId) })),
  }));
  const digests = messages.map((m) => typed.reportDigest(m));
  const time = (fn: (i: number) => void) => {
    for (let i = 0; i < Math.min(50, count); i++) fn(i); // warm up
    const started = performance.now();
    for (let i = 0; i < count; i++) fn(i);
    return ((performance.now() - started) * 1000) / count;
  };
  const plays = sample[0].value.plays.length;
  const hashEthers = time((i) => TypedDataEncoder.hash(typed.domain, listeningReportTypes, sample[i].value));
  const hashOurs = time((i) => typed.reportDigest(messages[i]));
  const recoverEthers = time((i) => recoverAddress(digests[i], sample[i].signature));
  const recoverOurs = time((i) => recoverSigner(digests[i], sample[i].signature));
  return [
    {
      operation: `EIP-712 digest, ${plays}-play report`,
      baseline: format(hashEthers, 1),
      ours: format(hashOurs, 1),
      unit: "µs/report",
      ratio: hashEthers / hashOurs,
      notes: "TypedDataEncoder.hash vs hand-written encoding + hash-wasm keccak; one thread",
    },
    {
      operation: "recover signer",
      baseline: format(recoverEthers, 1),
      ours: format(recoverOurs, 1),
      unit: "µs/report",
      ratio: recoverEthers / recoverOurs,
      notes: "ethers.recoverAddress vs tiny-secp256k1 (libsecp256k1 WASM) + keccak; one thread",
    },
  ];
}

export async function run(options: BenchOptions = {}): Promise<BenchRow[]> {
  const count = Math.max(1, options.reports ?? 20_000);
  const baselineCount = Math.max(1, Math.min(count, options.baselineReports ?? 2_000));
  const batchSize = Math.max(1, options.batch ?? 500);
  const dir = mkdtempSync(join(tmpdir(), "plays-ingest-bench-"));
  const pool = createVerifierPool({ chainId: CHAIN_ID, verifyingContract: CONTRACT });
  const rows: BenchRow[] = [];
  try {
    let started = performance.now();
    progress(`signing fixtures: ${WALLETS} wallets, ${format(count)} reports x (1 play, 10 plays)… `);
    const signers = Array.from({ length: WALLETS }, () => createSigner());
    const trackIds = Array.from({ length: TRACKS }, (_, i) =>
      (BigInt(i + 1) * 0x9e3779b97f4a7c15f39cc0605cedc834n).toString(),
    );
    const now = Math.floor(Date.now() / 1000);
    const fixtures = [
      { label: "1-play reports", fixture: makeFixture(count, 1, signers, trackIds, now) },
      { label: "10-play reports", fixture: makeFixture(count, 10, signers, trackIds, now) },
    ];
    progress(`${format(seconds(started), 1)} s\n`);

    // Workers start and load their WASM before the clock runs, as they would in a keeper that has been up.
    progress(`warming up the verifier pool (${pool.size} workers on ${availableParallelism()} cores)… `);
    started = performance.now();
    await pool.verify(fixtures[0].fixture.reports.slice(0, 200), { now, isKnownTrack: () => true });
    progress(`${format(seconds(started), 2)} s\n`);

    for (const { label, fixture } of fixtures) {
      progress(`${label}:\n`);
      const playsPer = fixture.reports[0].plays.length;
      const baselineDb = openStore(dir, `baseline-${playsPer}.db`, false);
      const ourDb = openStore(dir, `ours-${playsPer}.db`, true);
      // Ours first: the baseline's thousands of fsyncs leave the disk busy writing back for a while after.
      const ours = await ingestOurs(ourDb, pool, fixture, batchSize);
      const baseline = ingestBaseline(baselineDb, fixture, baselineCount);
      baselineDb.close();
      ourDb.close();
      rows.push(
        ...ingestRows(
          label,
          baseline,
          ours,
          { reports: count, plays: count * playsPer },
          { reports: baselineCount, plays: baselineCount * playsPer },
        ),
      );
    }
    progress("single-thread step costs… ");
    rows.push(
      ...microRows(fixtures[0].fixture, Math.min(count, 2000)),
      ...microRows(fixtures[1].fixture, Math.min(count, 1000)).slice(0, 1),
    );
    progress("done\n");
    return rows;
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(rows: BenchRow[]): void {
  const header = ["operation", "baseline", "ours", "unit", "ratio", "notes"];
  const cells = rows.map((r) => [r.operation, r.baseline, r.ours, r.unit, `${r.ratio.toFixed(1)}x`, r.notes]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c.map((cell, i) => (i === 1 || i === 2 || i === 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : undefined;
}

if (import.meta.main) {
  const rows = await run({
    reports: argument("reports"),
    baselineReports: argument("baseline-reports"),
    batch: argument("batch"),
  });
  printTable(rows);
  console.log(
    "ours: journal_mode=WAL, synchronous=NORMAL; baseline: SQLite defaults (rollback journal, synchronous=FULL), autocommit",
  );
  if (rows.some((r) => r.notes.includes("LOST"))) process.exitCode = 1;
}
