// Closing an epoch: build the reward tree, read its root, have proofs ready — ours against OpenZeppelin's
// StandardMerkleTree in the same run. Each measurement runs in its own child process so its peak memory
// (process.resourceUsage().maxRSS) is its own and one run's garbage does not slow the next.
//
//   node bench/keeper/tree.bench.ts [--leaves 1000000] [--baseline-leaves 100000]
//
// The library takes ~305 s and 2.1 GB at 1M leaves (measured earlier on this machine), so it runs at the baseline size only.
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { RewardLeaf } from "../../keeper/src/domain.ts";
import { RewardTree } from "../../keeper/src/merkle/tree.ts";
import type { BenchRow } from "../bench-row.ts";

export type { BenchRow };

/** What one child process measured. */
interface Measurement {
  root: string;
  /** Build + root + the sample of proofs, seconds. */
  seconds: number;
  maxRssMiB: number;
  /** RSS once the input leaves exist, before building: the part of the peak that is not the tree's. */
  inputRssMiB: number;
  proofP50Ms: number;
  proofP99Ms: number;
  /** Ours only: saving and reloading the tree (what a keeper restart costs instead of rebuilding). */
  writeSeconds?: number;
  readSeconds?: number;
  fileMiB?: number;
}

type Implementation = "ours" | "library";

const SAMPLE_PROOFS = 1_000;
const LATENCY_PROOFS = 10_000;
const LIBRARY_1M_SECONDS = 305;
const LIBRARY_1M_MIB = 2003; // 2.1 GB
const TARGET_SECONDS = 15;
const TARGET_MIB = 1024;
const ENCODING = ["address", "uint256"];

/** Deterministic leaves (mulberry32), so the library and ours get the same set in different processes. */
function generateLeaves(count: number): RewardLeaf[] {
  let state = 0x5eed ^ count;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const bytes = Buffer.alloc(32);
  return Array.from({ length: count }, () => {
    for (let i = 0; i < 32; i += 4) bytes.writeUInt32BE(next(), i);
    return {
      account: "0x" + bytes.toString("hex", 0, 20),
      // Up to 2^96 wei (~79 billion MINT), never zero.
      cumulative: BigInt("0x" + bytes.toString("hex", 20, 32)) + 1n,
    };
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function mebibytes(bytes: number): number {
  return bytes / 2 ** 20;
}

/** Runs inside the child: builds one tree, prints a Measurement as JSON on stdout. */
async function measure(implementation: Implementation, count: number): Promise<Measurement> {
  const leaves = generateLeaves(count);
  const inputRssMiB = mebibytes(process.memoryUsage().rss);
  const sample = Array.from({ length: SAMPLE_PROOFS }, (_, i) => leaves[Math.floor((i * count) / SAMPLE_PROOFS)]);
  const latencySample = Array.from({ length: LATENCY_PROOFS }, (_, i) => leaves[(i * 7919) % count]);
  const latencies: number[] = [];
  let root: string;
  let seconds: number;
  const extra: Partial<Measurement> = {};

  if (implementation === "library") {
    const started = performance.now();
    const tree = StandardMerkleTree.of(
      leaves.map((leaf) => [leaf.account, leaf.cumulative]),
      ENCODING,
    );
    root = tree.root;
    for (const leaf of sample) tree.getProof([leaf.account, leaf.cumulative]);
    seconds = (performance.now() - started) / 1000;
    for (const leaf of latencySample) {
      const start = performance.now();
      tree.getProof([leaf.account, leaf.cumulative]);
      latencies.push(performance.now() - start);
    }
  } else {
    const started = performance.now();
    const tree = RewardTree.build(leaves);
    root = tree.root;
    for (const leaf of sample) tree.proof(leaf.account);
    seconds = (performance.now() - started) / 1000;
    for (const leaf of latencySample) {
      const start = performance.now();
      tree.proof(leaf.account);
      latencies.push(performance.now() - start);
    }
    const directory = await mkdtemp(join(tmpdir(), "reward-tree-bench-"));
    try {
      const path = join(directory, "epoch.tree");
      let start = performance.now();
      await tree.writeTo(path);
      extra.writeSeconds = (performance.now() - start) / 1000;
      extra.fileMiB = mebibytes((await stat(path)).size);
      start = performance.now();
      const reloaded = await RewardTree.readFrom(path);
      extra.readSeconds = (performance.now() - start) / 1000;
      if (reloaded.root !== root) throw new Error(`reloaded root ${reloaded.root} differs from built root ${root}`);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    root,
    seconds,
    // maxRSS is in KiB.
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    inputRssMiB,
    proofP50Ms: percentile(latencies, 0.5),
    proofP99Ms: percentile(latencies, 0.99),
    ...extra,
  };
}

/** Starts a child process for one measurement; its stderr (progress) goes to ours, its stdout is the result. */
function measureInChild(implementation: Implementation, count: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--child", implementation, String(count)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${implementation} at ${count} leaves: child exited with ${code}`));
      else resolve(JSON.parse(output) as Measurement);
    });
  });
}

function leafCountLabel(count: number): string {
  if (count % 1_000_000 === 0) return `${count / 1_000_000}M`;
  if (count % 1_000 === 0) return `${count / 1_000}k`;
  return String(count);
}

function progress(line: string) {
  console.log(`[tree.bench] ${line}`);
}

const format = (value: number, digits: number) => value.toFixed(digits);

export async function run(options: { leaves?: number; baselineLeaves?: number } = {}): Promise<BenchRow[]> {
  const leaves = options.leaves ?? 1_000_000;
  const baselineLeaves = options.baselineLeaves ?? 100_000;
  const big = leafCountLabel(leaves);
  const small = leafCountLabel(baselineLeaves);

  progress(`library StandardMerkleTree.of, ${small} leaves (tens of seconds) …`);
  const library = await measureInChild("library", baselineLeaves);
  progress(`  ${format(library.seconds, 2)} s, max RSS ${format(library.maxRssMiB, 0)} MiB`);
  progress(`ours, ${small} leaves …`);
  const oursSmall = await measureInChild("ours", baselineLeaves);
  progress(`  ${format(oursSmall.seconds, 2)} s, max RSS ${format(oursSmall.maxRssMiB, 0)} MiB`);
  if (oursSmall.root !== library.root) {
    throw new Error(`roots differ at ${small} leaves: library ${library.root}, ours ${oursSmall.root}`);
  }
  progress(`  roots equal: ${library.root}`);
  progress(`ours, ${big} leaves …`);
  const oursBig = await measureInChild("ours", leaves);
  progress(`  ${format(oursBig.seconds, 2)} s, max RSS ${format(oursBig.maxRssMiB, 0)} MiB`);

  // The library's numbers at 1M come from the earlier measurement unless the big run is the baseline size.
  const libraryBigSeconds = leaves === 1_000_000 ? LIBRARY_1M_SECONDS : undefined;
  const libraryBigMiB = leaves === 1_000_000 ? LIBRARY_1M_MIB : undefined;
  const proofNote = (m: Measurement) => `p50 ${format(m.proofP50Ms, 4)} ms`;

  return [
    {
      operation: `epoch tree ${small} leaves`,
      baseline: format(library.seconds, 2),
      ours: format(oursSmall.seconds, 2),
      unit: "s",
      ratio: library.seconds / oursSmall.seconds,
      notes: `build + root + ${SAMPLE_PROOFS.toLocaleString("en")} proofs, same run; roots equal`,
    },
    {
      operation: `epoch tree ${big} leaves`,
      baseline: libraryBigSeconds === undefined ? "n/a" : String(libraryBigSeconds),
      ours: format(oursBig.seconds, 2),
      unit: "s",
      ratio: libraryBigSeconds === undefined ? NaN : libraryBigSeconds / oursBig.seconds,
      notes:
        `build + root + ${SAMPLE_PROOFS.toLocaleString("en")} proofs; target ≤ ${TARGET_SECONDS} s; baseline = library measured earlier ` +
        `(earlier on this machine), not rerun; save ${format(oursBig.writeSeconds ?? NaN, 2)} s / reload ${format(oursBig.readSeconds ?? NaN, 2)} s ` +
        `(${format(oursBig.fileMiB ?? NaN, 0)} MiB file)`,
    },
    {
      operation: `peak memory ${small} leaves`,
      baseline: format(library.maxRssMiB, 0),
      ours: format(oursSmall.maxRssMiB, 0),
      unit: "MiB",
      ratio: library.maxRssMiB / oursSmall.maxRssMiB,
      notes: `max RSS of the whole process; input leaves alone ${format(oursSmall.inputRssMiB, 0)} MiB`,
    },
    {
      operation: `peak memory ${big} leaves`,
      baseline: libraryBigMiB === undefined ? "n/a" : String(libraryBigMiB),
      ours: format(oursBig.maxRssMiB, 0),
      unit: "MiB",
      ratio: libraryBigMiB === undefined ? NaN : libraryBigMiB / oursBig.maxRssMiB,
      notes:
        `max RSS incl. the ${big} input leaves (${format(oursBig.inputRssMiB, 0)} MiB before building); ` +
        `target ≤ ${TARGET_MIB} MiB; baseline = library's 2.1 GB measured earlier, not rerun`,
    },
    {
      operation: "proof() p99",
      baseline: format(library.proofP99Ms, 4),
      ours: format(oursBig.proofP99Ms, 4),
      unit: "ms",
      ratio: library.proofP99Ms / oursBig.proofP99Ms,
      notes:
        `${LATENCY_PROOFS.toLocaleString("en")} calls each; baseline = library getProof at ${small} (${proofNote(library)}), ` +
        `ours at ${big} (${proofNote(oursBig)}; at ${small}: p99 ${format(oursSmall.proofP99Ms, 4)} ms)`,
    },
  ];
}

function printTable(rows: BenchRow[]) {
  const header = ["operation", "baseline", "ours", "unit", "ratio", "notes"];
  const cells = rows.map((row) => [
    row.operation,
    row.baseline,
    row.ours,
    row.unit,
    Number.isNaN(row.ratio) ? "n/a" : `${row.ratio.toFixed(1)}×`,
    row.notes,
  ]);
  const widths = header.map((title, column) =>
    column === header.length - 1 ? 0 : Math.max(title.length, ...cells.map((row) => row[column].length)),
  );
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column])).join("  ");
  console.log(line(header));
  console.log(line(widths.map((width) => "-".repeat(Math.max(width, 5)))));
  for (const row of cells) console.log(line(row));
}

function option(name: string): number | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : Number(process.argv[at + 1]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") {
    const implementation = process.argv[3] as Implementation;
    const count = Number(process.argv[4]);
    process.stdout.write(JSON.stringify(await measure(implementation, count)) + "\n");
  } else {
    printTable(await run({ leaves: option("--leaves"), baselineLeaves: option("--baseline-leaves") }));
  }
}
