// `npm run bench:build`: the build-and-test loop timed the way a new contributor meets it, on a fresh clone of this
// checkout's HEAD in a temporary folder (nothing here is reused). Each step is one command as the README writes it:
//
//   1. npm ci
//   2. npm start -- --exit-after-seed          fresh clone -> "devnet ready" (builds contracts + bindings first)
//   3. npm test                                after npm start: compiles the Solidity tests, reuses the contracts
//   4. npm test                                nothing changed
//   5. an edited Solidity test file            `npx hardhat test solidity <file>` (recompiles it, runs it)
//   6. an edited TypeScript test file          `npx hardhat test nodejs <file>`
//
// Writes bench/build-times.json and prints the table for the README. Takes about 20 minutes on 2 cores.
//   npm run bench:build [-- --keep]            --keep leaves the clone in place
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const keep = process.argv.includes("--keep");
/** Targets of the build-and-test loop (seconds). */
const TARGETS = { devnetReady: 180, warmTest: 180, editedTest: 60 };
const SOLIDITY_TEST = "governance/test/token/Delegation.t.sol";
const TYPESCRIPT_TEST = "test/governance/flow.test.ts";

interface Step {
  name: string;
  command: string;
  seconds: number;
  /** Seconds until a line matching `mark` appeared, when one was asked for. */
  markSeconds?: number;
  /** The command failed: its time is still what the step took, and the table says so. */
  failed: boolean;
  tail: string;
}

/** Runs `command` in `cwd` through bash with a progress line every 30 s; `allowFailure`: a failure is recorded, not thrown. */
function time(name: string, command: string, cwd: string, mark?: RegExp, allowFailure = false): Promise<Step> {
  process.stderr.write(`\n[${name}] ${command}\n`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], {
      cwd,
      env: { ...process.env, CI: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let markSeconds: number | undefined;
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (mark && markSeconds === undefined && mark.test(output)) {
        markSeconds = (performance.now() - started) / 1000;
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const ticker = setInterval(() => {
      const last = output.trimEnd().split("\n").at(-1) ?? "";
      process.stderr.write(`  … ${((performance.now() - started) / 1000).toFixed(0)} s: ${last.slice(0, 100)}\n`);
    }, 30_000);
    child.once("exit", (code) => {
      clearInterval(ticker);
      const seconds = (performance.now() - started) / 1000;
      const tail = output.trimEnd().split("\n").slice(-3).join("\n");
      if (code !== 0) {
        // a failed step still took its time; the setup steps cannot go on without it, the timed ones can
        if (!allowFailure) {
          const why = `${name}: \`${command}\` failed with exit code ${code} after ${seconds.toFixed(0)} s`;
          reject(new Error(`${why}:\n${output.slice(-3000)}`));
          return;
        }
        process.stderr.write(`  FAILED (exit code ${code}) after ${seconds.toFixed(1)} s:\n${tail}\n`);
      } else {
        const marked = markSeconds ? ` (mark at ${markSeconds.toFixed(1)} s)` : "";
        process.stderr.write(`  done in ${seconds.toFixed(1)} s${marked}\n`);
      }
      resolve({ name, command, seconds, markSeconds, failed: code !== 0, tail });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "flyai-build-times-"));
const clone = join(dir, "clone");
const steps: Step[] = [];
try {
  await time("clone", `git clone -q ${JSON.stringify(root)} ${JSON.stringify(clone)}`, root);
  steps.push(await time("npm ci", "npm ci --no-audit --no-fund", clone));
  steps.push(await time("fresh clone: npm start", "npm start -- --exit-after-seed", clone, /devnet ready in/));
  steps.push(await time("npm test after npm start", "npm test", clone, undefined, true));
  steps.push(await time("npm test, nothing changed", "npm test", clone, undefined, true));
  appendFileSync(join(clone, SOLIDITY_TEST), "\n// edited\n");
  steps.push(
    await time("one edited Solidity test", `npx hardhat test solidity ${SOLIDITY_TEST}`, clone, undefined, true),
  );
  appendFileSync(join(clone, TYPESCRIPT_TEST), "\n// edited\n");
  steps.push(
    await time("one edited TypeScript test", `npx hardhat test nodejs ${TYPESCRIPT_TEST}`, clone, undefined, true),
  );
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

const byName = new Map(steps.map((step) => [step.name, step]));
const ci = byName.get("npm ci")!.seconds;
const start = byName.get("fresh clone: npm start")!;
const devnetReady = ci + (start.markSeconds ?? start.seconds);
const row = (what: string, step: string, target?: number) => {
  const measured = byName.get(step)!;
  return { what, seconds: measured.seconds, target, failed: measured.failed };
};
const rows = [
  {
    what: "fresh clone -> devnet ready (`npm ci && npm start`)",
    seconds: devnetReady,
    target: TARGETS.devnetReady,
    failed: start.failed,
  },
  row("`npm test` right after `npm start` (compiles the Solidity tests)", "npm test after npm start"),
  row("`npm test`, nothing changed", "npm test, nothing changed", TARGETS.warmTest),
  row(`one edited Solidity test file -> its result (${SOLIDITY_TEST})`, "one edited Solidity test", TARGETS.editedTest),
  row(
    `one edited TypeScript test file -> its result (${TYPESCRIPT_TEST})`,
    "one edited TypeScript test",
    TARGETS.editedTest,
  ),
  row("of which `npm ci`", "npm ci"),
];
const machine = {
  cpus: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
writeFileSync(
  join(root, "bench/build-times.json"),
  `${JSON.stringify({ date: new Date().toISOString(), machine, commit, rows, steps }, null, 2)}\n`,
);
const table = [
  "| step | measured | target |",
  "| --- | ---: | --- |",
  ...rows.map(
    (row) =>
      `| ${row.what} | ${row.seconds.toFixed(0)} s${row.failed ? " (a test FAILED)" : ""} | ${row.target ? `≤ ${row.target} s: ${row.seconds <= row.target ? "met" : "**missed**"}` : "—"} |`,
  ),
].join("\n");
process.stdout.write(`\n${table}\n\nwritten bench/build-times.json (${machine.cpus} cores, ${machine.node})\n`);
