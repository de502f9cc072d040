// `npm run lint`: solhint on contracts and (with test-friendly naming rules) on Solidity tests, prettier on
// Solidity and TypeScript, ESLint and the TypeScript compiler on TypeScript. Prints one line per tool and exits
// non-zero if any fails. `npm run format` fixes what prettier and ESLint can fix.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CONTRACT_AREAS } from "./contract-areas.ts";

const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);

function solidityFiles(dirs: readonly string[], tests: boolean): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : name.endsWith(".sol") ? [path] : [];
        })
      : [];
  return dirs.flatMap((d) => walk(join(root, d))).filter((f) => /\/test\//.test(f) === tests);
}

const areas = CONTRACT_AREAS;
/** The folders whose imports the dependency rules check. */
const LAYERED_FOLDERS = [
  "bindings",
  "kit",
  "governance",
  "protocol",
  "bridge",
  "deploy",
  "keeper",
  "web",
  "scripts",
  "bench",
  "test",
];

/**
 * Files solhint must look at: those whose content (or rule file) changed since a run that passed. solhint's own
 * `--cache` also skips files that had only warnings, which `--max-warnings 0` counts as failures, so the record
 * here is of clean passes only, written after one.
 */
function solhintPending(config: string, files: string[]): { files: string[]; record(): void } {
  const rules = createHash("sha256")
    .update(readFileSync(join(root, config)))
    .digest("hex");
  const recordFile = join(root, "node_modules/.cache/solhint-passed", `${config}.json`);
  const hashOf = (file: string) => createHash("sha256").update(rules).update(readFileSync(file)).digest("hex");
  let passed: Record<string, string> = {};
  try {
    passed = JSON.parse(readFileSync(recordFile, "utf8")) as Record<string, string>;
  } catch {
    // no record yet: every file is checked
  }
  const hashes = new Map(files.map((file) => [file, hashOf(file)]));
  return {
    files: files.filter((file) => passed[file] !== hashes.get(file)),
    record() {
      mkdirSync(dirname(recordFile), { recursive: true });
      writeFileSync(recordFile, JSON.stringify(Object.fromEntries(hashes)));
    },
  };
}

const solhintContracts = solhintPending(".solhint.json", solidityFiles(areas, false));
const solhintTests = solhintPending(".solhint.tests.json", solidityFiles(areas, true));

const checks: {
  name: string;
  command: string;
  args: string[];
  /** Checks of a subset of files: skipped when none changed, recorded when they pass. */
  files?: { files: string[]; record(): void };
}[] = [
  {
    name: "solhint (contracts)",
    command: bin("solhint"),
    args: ["--max-warnings", "0", "--disc", ...solhintContracts.files],
    files: solhintContracts,
  },
  {
    name: "solhint (tests)",
    command: bin("solhint"),
    args: ["--max-warnings", "0", "--disc", "-c", ".solhint.tests.json", ...solhintTests.files],
    files: solhintTests,
  },
  // prettier, ESLint and tsc keep caches in node_modules/.cache: a run with nothing changed checks only what changed
  { name: "prettier", command: bin("prettier"), args: ["--check", "--cache", "--log-level", "warn", "."] },
  {
    name: "eslint",
    command: bin("eslint"),
    args: ["--max-warnings", "0", "--cache", "--cache-location", join(root, "node_modules/.cache/eslint/"), "."],
  },
  {
    // the layers (.dependency-cruiser.cjs): no cycles, library code never imports scripts/ or tests, deploy steps
    // never import CLIs, keeper and web apart
    name: "dependency rules",
    command: bin("depcruise"),
    args: ["--config", ".dependency-cruiser.cjs", "--output-type", "err", ...LAYERED_FOLDERS],
  },
  {
    name: "tsc",
    command: bin("tsc"),
    args: [
      "--noEmit",
      "--incremental",
      "--tsBuildInfoFile",
      join(root, "node_modules/.cache/tsc/tsbuildinfo"),
      "-p",
      ".",
    ],
  },
];

let failed = 0;
for (const check of checks) {
  const started = Date.now();
  if (check.files && check.files.files.length === 0) {
    console.log(`ok   ${check.name} (no file changed since it last passed)`);
    continue;
  }
  const result = spawnSync(check.command, check.args, { cwd: root, encoding: "utf8" });
  const ok = result.status === 0;
  if (!ok) failed++;
  else check.files?.record();
  console.log(`${ok ? "ok  " : "FAIL"} ${check.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) process.stdout.write(`${`${result.stdout}${result.stderr}`.trimEnd().replace(/^/gm, "     ")}\n`);
}
if (failed) {
  console.log(`lint: ${failed} check(s) failed; \`npm run format\` fixes formatting`);
  process.exit(1);
}
