// `npm run bench`: every keeper benchmark, each against its baseline measured in the same run, then
// bench/results.json (with the date and the machine) and a markdown table for the README. Wall-clock figures on
// this shared machine move between runs; the ratios to the same-run baselines are what to compare.
//
//   npm run bench                 everything (about 3 minutes)
//   npm run bench -- --quick      smaller sizes (100k accounts, 2 s loads) for a fast look
//   npm run bench -- --only ingest --only proofs   only the sections whose name contains one of these words
//                                                  (bench/results.json is written by a full run only)
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { BenchRow } from "./bench-row.ts";

import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string", multiple: true, default: [] } },
});
const quick = args.quick;
const only = args.only;
const root = join(import.meta.dirname, "..");

interface Section {
  name: string;
  run(): Promise<BenchRow[]>;
}

const sections: Section[] = [
  {
    name: "ingest of signed play reports",
    run: async () => (await import("./keeper/ingest.bench.ts")).run({ reports: quick ? 4_000 : 20_000 }),
  },
  {
    name: "reward tree",
    run: async () =>
      (await import("./keeper/tree.bench.ts")).run({
        leaves: quick ? 100_000 : 1_000_000,
        baselineLeaves: quick ? 20_000 : 100_000,
      }),
  },
  {
    name: "epoch close",
    run: async () => (await import("./keeper/epoch-close.bench.ts")).run({ accounts: quick ? 100_000 : 1_000_000 }),
  },
  {
    name: "proofs under load",
    run: async () =>
      (await import("./keeper/proofs.bench.ts")).run({
        leaves: quick ? 100_000 : 1_000_000,
        seconds: quick ? 2 : 10,
      }),
  },
  {
    name: "catch-up",
    run: async () => (await import("./keeper/catch-up.bench.ts")).run({ blocks: quick ? 5_000 : 20_000 }),
  },
];

const chosen = only.length ? sections.filter((s) => only.some((word) => s.name.includes(word))) : sections;
if (chosen.length === 0)
  throw new Error(`no section matches --only ${only.join(", ")}: ${sections.map((s) => s.name).join("; ")}`);
const full = !quick && chosen.length === sections.length;

const rows: (BenchRow & { section: string })[] = [];
/** Sections that failed, with why in words: the others' results are still written. */
const failures: { section: string; reason: string }[] = [];
const started = Date.now();
for (const [i, section] of chosen.entries()) {
  process.stderr.write(`\n[${i + 1}/${chosen.length}] ${section.name}\n`);
  const sectionStarted = Date.now();
  try {
    for (const row of await section.run()) rows.push({ section: section.name, ...row });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    failures.push({ section: section.name, reason });
    process.stderr.write(
      `  FAILED after ${Math.round((Date.now() - sectionStarted) / 1000)} s: ${reason}\n  (the other sections go on; this one is missing from the results)\n`,
    );
  }
}

// the fraud simulation: who earns what (shares, not times: the same on every machine)
const { simulate } = await import("../keeper/research/simulate.ts");
const naive = simulate({ seed: 1 });
const smart = simulate({ seed: 1, smartBots: 25 });
const simulation = {
  seed: 1,
  naiveBotsAndSybilsShare: naive.naiveAdversaryShare,
  honestListenersFairShare: naive.honestFairShare.total,
  withSmartBots: { smartBotShare: smart.smartBotShare, honestListenersFairShare: smart.honestFairShare.total },
};

const machine = {
  cpus: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const result = {
  date: new Date().toISOString(),
  machine,
  quick,
  seconds: Math.round((Date.now() - started) / 1000),
  rows,
  failures,
  simulation,
};
if (full) writeFileSync(join(root, "bench/results.json"), JSON.stringify(result, null, 2) + "\n");

const table = [
  "| operation | baseline (same run) | ours | unit | ratio | notes |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (r) =>
      `| ${r.operation} | ${r.baseline} | ${r.ours} | ${r.unit} | ${r.ratio ? r.ratio.toFixed(1) + "×" : "-"} | ${r.notes} |`,
  ),
].join("\n");
process.stdout.write(`\n${table}\n\nfraud simulation (seed 1): ${JSON.stringify(simulation)}\n`);
for (const { section, reason } of failures) process.stdout.write(`\nFAILED: ${section}: ${reason}\n`);
process.stdout.write(
  !full
    ? "\n--quick or --only: bench/results.json left as it was\n"
    : `\nwritten bench/results.json (${machine.cpus} cores, ${machine.memoryGiB} GiB, ${machine.node})\n`,
);
if (failures.length > 0) process.exitCode = 1;
