// `npm run compile`: builds what the programs and the tests run on, in stages, with progress. The npm solc is a wasm
// build (no native compiler installs here): about 40 s for the contracts and 4 minutes for the Solidity tests on
// 2 cores, so each command builds only what it needs and Hardhat's cache skips what has not changed.
//
//   node scripts/compile.ts              contracts -> bindings -> Solidity tests (npm test)
//   node scripts/compile.ts --no-tests   contracts -> bindings (the devnet, the CLIs, the keeper)
//
// Stages: the contracts in one Hardhat build per area (governance, protocol, bridge), so progress is real (which
// area, how many files, how long it took); that split costs ~10% of a cold contracts build (dependencies shared by
// areas compile once per area: 41 s against 37 s measured here). The Solidity tests build in groups of whole test
// folders (see testGroups): as one build they were faster (260 s against 315 s split by area, forge-std and the
// fixtures compiling once), but past 130 files the wasm compiler could no longer hold one build's output. Hardhat's
// cache works per root file, so an edited test recompiles that file and what it imports, not the rest.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { join, relative } from "node:path";
import { CONTRACT_AREAS } from "./contract-areas.ts";

const root = join(import.meta.dirname, "..");
const AREAS = CONTRACT_AREAS;
/** Seconds a cold build of each stage took on the project's reference machine (2 cores): the progress estimate. */
const COLD_SECONDS: Record<string, number> = {
  "governance contracts": 12,
  "protocol contracts": 16,
  "bridge contracts": 14,
  "Solidity tests": 270,
};
const TICK_MS = 10_000;

function solidityFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".sol"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

function newestMtime(files: string[]): number {
  return Math.max(0, ...files.map((file) => statSync(file).mtimeMs));
}

/** Artifacts of contract files that no longer exist: they would become stale bindings. */
function removeStaleArtifacts(): void {
  for (const area of AREAS) {
    const dir = join(root, "artifacts", area, "contracts");
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isDirectory() || !entry.name.endsWith(".sol")) continue;
      const artifactDir = join(entry.parentPath, entry.name);
      const source = join(root, relative(join(root, "artifacts"), artifactDir));
      if (!existsSync(source)) rmSync(artifactDir, { recursive: true, force: true });
    }
  }
}

const started = performance.now();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** Runs a node script (Hardhat's CLI, the bindings generator), printing its output; progress every TICK_MS. */
function run(label: string, args: string[], estimate?: number): Promise<void> {
  const stageStarted = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const ticker = setInterval(() => {
      const elapsed = (performance.now() - stageStarted) / 1000;
      const about = estimate ? ` of about ${estimate} s when nothing is cached (2 cores)` : "";
      console.log(`      … ${label}: ${elapsed.toFixed(0)} s${about}`);
    }, TICK_MS);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearInterval(ticker);
      // compiler warnings are the contracts' own business (solhint gates them); only errors are shown
      if (code === 0) {
        console.log(`      ${label}: done in ${seconds(stageStarted)} s`);
        resolve();
      } else {
        process.stderr.write(output);
        reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}); its output is above`));
      }
    });
  });
}

function hardhatBuild(label: string, files: string[], estimate = COLD_SECONDS[label]): Promise<void> {
  return run(label, [join(root, "node_modules/.bin/hardhat"), "compile", "--quiet", ...files], estimate);
}

/** `protocol/test/pools/Swap.t.sol` -> `protocol/test/pools`; files directly in a test folder keep that folder. */
function testFolder(file: string): string {
  const parts = file.split("/");
  return parts.slice(0, Math.min(parts.length - 1, 3)).join("/");
}

/**
 * The Solidity tests in builds of at most MAX_TEST_FILES root files, whole test folders together. One build of all
 * of them (131 files) made the wasm solc fail with "Error writing output JSON" on a cold compile: its output (every
 * test embeds the creation code of the contracts it deploys) outgrew the compiler's memory. Separate builds compile
 * shared dependencies once each, so a cold build takes a little longer; a warm one compiles only what changed.
 */
const MAX_TEST_FILES = 40;
function testGroups(files: string[]): string[][] {
  const folders = new Map<string, string[]>();
  for (const file of files) folders.set(testFolder(file), [...(folders.get(testFolder(file)) ?? []), file]);
  const groups: string[][] = [];
  for (const folder of [...folders.keys()].sort()) {
    const members = folders.get(folder)!;
    const last = groups.at(-1);
    if (last && last.length + members.length <= MAX_TEST_FILES) last.push(...members);
    else groups.push([...members]);
  }
  return groups;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--no-tests");
  if (unknown.length > 0) {
    console.error(`compile: unknown argument ${unknown[0]}\nusage: node scripts/compile.ts [--no-tests]`);
    process.exit(2);
  }
  const tests = !args.includes("--no-tests");
  const stages = AREAS.length + 1 + (tests ? 1 : 0);
  let stage = 0;
  const header = (text: string) => console.log(`[${++stage}/${stages}] ${text}`);

  for (const area of AREAS) {
    const files = solidityFiles(join(root, area, "contracts"));
    header(`compile ${area} contracts (${files.length} files)`);
    await hardhatBuild(`${area} contracts`, files);
  }
  removeStaleArtifacts();

  const contractArtifacts = AREAS.flatMap((area) =>
    readdirSync(join(root, "artifacts", area, "contracts"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
  const bindings = join(root, "bindings/dist/index.js");
  if (existsSync(bindings) && statSync(bindings).mtimeMs >= newestMtime(contractArtifacts)) {
    header("bindings: up to date with the artifacts");
    // mark them checked, so the devnet's "older than a contract source" test does not send it here again
    const now = new Date();
    utimesSync(bindings, now, now);
  } else {
    header(`generate bindings from ${contractArtifacts.length} artifacts (TypeChain, then tsc)`);
    await run("bindings", [join(root, "scripts/gen-bindings.ts")]);
  }

  if (tests) {
    const files = AREAS.flatMap((area) => solidityFiles(join(root, area, "test")));
    const groups = testGroups(files);
    header(
      `compile the Solidity tests (${files.length} files: ${AREAS.map((area) => `${area} ${files.filter((f) => f.startsWith(`${area}/`)).length}`).join(", ")}; ${groups.length} builds)`,
    );
    for (const [i, group] of groups.entries()) {
      const folders = [...new Set(group.map(testFolder))].map((folder) => folder.replace("/test", "")).join(", ");
      await hardhatBuild(
        `Solidity tests ${i + 1}/${groups.length} (${folders})`,
        group,
        COLD_SECONDS["Solidity tests"] / groups.length,
      );
    }
  }
  console.log(`compiled in ${seconds(started)} s`);
}

main().catch((error: unknown) => {
  console.error(`compile: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
