// `npm test`: compile once (streamed), then lint and every test runner side by side (Solidity tests, and the
// TypeScript tests in two shards: the devnet end to end, which spends most of its time waiting on its chains and
// keeper, and the rest). Each runner's output is printed whole when it ends; the run ends with one line that sums
// them all: `N passed, N failed`. Side by side on 2 cores, a run with nothing changed takes about as long as its
// longest runner (the devnet test) instead of the sum.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);

interface Step {
  name: string;
  command: string;
  args: string[];
  /** Reads passed/failed counts from the output; without it a step counts as one check. */
  count?: (output: string) => { passed: number; failed: number } | undefined;
}

function testFiles(dir: string, suffix: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      if (name === "node_modules") return [];
      return statSync(path).isDirectory() ? walk(path) : name.endsWith(suffix) ? [path] : [];
    });
  return walk(join(root, dir)).map((f) => relative(root, f));
}

/** Hardhat's runners (Solidity and node:test) both end with "N passing" and, on failures, "N failing". */
function mochaStyleCounts(output: string) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const passing = [...plain.matchAll(/^\s*(\d+) passing/gm)].at(-1);
  if (!passing) return undefined;
  const failing = [...plain.matchAll(/^\s*(\d+) failing/gm)].at(-1);
  return { passed: Number(passing[1]), failed: failing ? Number(failing[1]) : 0 };
}

const compile: Step = { name: "compile", command: "npm", args: ["run", "--silent", "compile"] };

/** The TypeScript test file that gets a runner of its own: the longest (it starts the devnet four times). */
const DEVNET_TEST = "test/devnet.test.ts";
/** System tests in test/, and unit tests beside the code they test in every TypeScript area. */
const typescriptTests = ["test", "kit", "governance", "protocol", "bridge", "deploy", "keeper"].flatMap((dir) =>
  testFiles(dir, ".test.ts"),
);

const parallel: Step[] = [
  { name: "lint", command: "node", args: [join(root, "scripts/lint.ts")] },
  {
    name: "solidity tests",
    command: bin("hardhat"),
    args: ["test", "solidity", "--no-compile"],
    count: mochaStyleCounts,
  },
  {
    name: "typescript: the devnet end to end",
    command: bin("hardhat"),
    args: ["test", "nodejs", "--no-compile", DEVNET_TEST],
    count: mochaStyleCounts,
  },
  {
    name: "typescript: system and keeper tests",
    command: bin("hardhat"),
    // system tests (test/) and the keeper's unit tests beside its code (keeper/src/, keeper/research/)
    args: ["test", "nodejs", "--no-compile", ...typescriptTests.filter((file) => file !== DEVNET_TEST)],
    count: mochaStyleCounts,
  },
];

/** Runs a step; `stream` prints its output as it comes, otherwise it is kept and printed whole at the end. */
function run(step: Step, stream: boolean): Promise<{ code: number; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env: process.env });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (stream) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      if (stream) process.stderr.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

let passed = 0;
let failed = 0;
const timings: string[] = [];
/** V8's own abort ("# Fatal error in , line 0 / # Check failed: ..."): the runner process died, no test failed. */
const V8_FATAL = /^# Fatal error in .*\n# Check failed: /m;
function record(step: Step, { code, output, seconds }: { code: number; output: string; seconds: number }): void {
  const counts = step.count?.(output);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    // a runner that crashed after counting still fails the run
    if (code !== 0 && counts.failed === 0) failed++;
  } else if (code === 0) passed++;
  else failed++;
  timings.push(`${step.name} ${seconds.toFixed(1)} s${code === 0 ? "" : " (FAILED)"}`);
}

console.log(`\n=== ${compile.name} ===`);
const compiled = await run(compile, true);
record(compile, compiled);
if (compiled.code === 0) {
  const began = Date.now();
  const running = new Set(parallel.map((step) => step.name));
  console.log(`\n=== side by side: ${parallel.map((step) => step.name).join(", ")} ===`);
  const heartbeat = setInterval(() => {
    console.log(`    … ${((Date.now() - began) / 1000).toFixed(0)} s, running: ${[...running].join(", ")}`);
  }, 30_000);
  await Promise.all(
    parallel.map(async (step) => {
      let result = await run(step, false);
      if (V8_FATAL.test(result.output)) {
        // Node 24's intermittent native crash under node:test (nodejs/node#60755, open): not a test's verdict, so the
        // runner runs once more and its second run counts; the crash stays in the log
        console.log(`\n=== ${step.name}: Node crashed (V8 fatal error, nodejs/node#60755); running it again ===`);
        process.stdout.write(result.output.split("\n").slice(-25).join("\n") + "\n");
        result = await run(step, false);
      }
      running.delete(step.name);
      console.log(`\n=== ${step.name} (${result.seconds.toFixed(1)} s${result.code === 0 ? "" : ", FAILED"}) ===`);
      process.stdout.write(result.output.endsWith("\n") ? result.output : `${result.output}\n`);
      record(step, result);
    }),
  );
  clearInterval(heartbeat);
  timings.push(`wall clock after compile ${((Date.now() - began) / 1000).toFixed(1)} s`);
}
console.log(`\n${timings.join(" | ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
