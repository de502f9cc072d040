// `npm test`: compile once, lint, then every test runner (Solidity tests, TypeScript system tests); streams each
// runner's output and ends with one line that sums them all: `N passed, N failed`.
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

const steps: Step[] = [
  { name: "compile", command: "npm", args: ["run", "--silent", "compile"] },
  { name: "lint", command: "node", args: [join(root, "scripts/lint.ts")] },
  {
    name: "solidity tests",
    command: bin("hardhat"),
    args: ["test", "solidity", "--no-compile"],
    count: mochaStyleCounts,
  },
  {
    name: "typescript system tests",
    command: bin("hardhat"),
    // system tests (test/) and the keeper's unit tests beside its code (keeper/src/)
    args: ["test", "nodejs", "--no-compile", ...testFiles("test", ".test.ts"), ...testFiles("keeper/src", ".test.ts")],
    count: mochaStyleCounts,
  },
];

function run(step: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env: process.env });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
const timings: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const { code, output } = await run(step);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = step.count?.(output);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    // a runner that crashed after counting still fails the run
    if (code !== 0 && counts.failed === 0) failed++;
  } else if (code === 0) passed++;
  else failed++;
  timings.push(`${step.name} ${seconds} s${code === 0 ? "" : " (FAILED)"}`);
  if (step.name === "compile" && code !== 0) break; // nothing else can run
}
console.log(`\n${timings.join(" | ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
