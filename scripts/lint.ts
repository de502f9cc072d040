// `npm run lint`: solhint on contracts and (with test-friendly naming rules) on Solidity tests, prettier on
// Solidity and TypeScript, ESLint and the TypeScript compiler on TypeScript. Prints one line per tool and exits
// non-zero if any fails. `npm run format` fixes what prettier and ESLint can fix.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);

function solidityFiles(dirs: string[], tests: boolean): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : name.endsWith(".sol") ? [path] : [];
        })
      : [];
  return dirs.flatMap((d) => walk(join(root, d))).filter((f) => /\/test\//.test(f) === tests);
}

const areas = ["governance", "protocol", "bridge"];
const checks: { name: string; command: string; args: string[] }[] = [
  {
    name: "solhint (contracts)",
    command: bin("solhint"),
    args: ["--max-warnings", "0", "--disc", ...solidityFiles(areas, false)],
  },
  {
    name: "solhint (tests)",
    command: bin("solhint"),
    args: ["--max-warnings", "0", "--disc", "-c", ".solhint.tests.json", ...solidityFiles(areas, true)],
  },
  { name: "prettier", command: bin("prettier"), args: ["--check", "--log-level", "warn", "."] },
  { name: "eslint", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { name: "tsc", command: bin("tsc"), args: ["--noEmit", "-p", "."] },
];

let failed = 0;
for (const check of checks) {
  const started = Date.now();
  const result = spawnSync(check.command, check.args, { cwd: root, encoding: "utf8" });
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${check.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) process.stdout.write(`${result.stdout}${result.stderr}`.replace(/^/gm, "     "));
}
if (failed) {
  console.log(`lint: ${failed} check(s) failed; \`npm run format\` fixes formatting`);
  process.exit(1);
}
