// The devnet deploys what the typed bindings (@flyaimusic/bindings, generated and gitignored) carry, so on a fresh
// checkout, or after a contract changed, it builds them first (scripts/compile.ts --no-tests: the contracts, then
// the bindings; never the Solidity tests, which the devnet does not run) instead of failing on a missing module or
// deploying yesterday's bytecode.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CONTRACT_AREAS } from "../contract-areas.ts";
import { DevnetError, type Logger } from "./log.ts";

/** Solidity source folders whose artifacts become bindings. */
const SOURCE_DIRS = CONTRACT_AREAS.map((area) => `${area}/contracts`);

function newestSource(dir: string): { path: string; mtimeMs: number } | undefined {
  if (!existsSync(dir)) return undefined;
  let newest: { path: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".sol")) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(path);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

/** Why the bindings must be rebuilt, or undefined when they are up to date. */
export function bindingsOutOfDate(root: string): string | undefined {
  const built = join(root, "bindings/dist/index.js");
  if (!existsSync(built)) return "no bindings yet: first run";
  const builtAt = statSync(built).mtimeMs;
  for (const dir of SOURCE_DIRS) {
    const newest = newestSource(join(root, dir));
    if (newest && newest.mtimeMs > builtAt) return `${relative(root, newest.path)} changed`;
  }
  return undefined;
}

/** Runs `npm run compile -- --no-tests` (scripts/compile.ts), passing its progress lines on as they come. */
function compileContracts(root: string, log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    // process.execPath: the Node that runs the devnet (24), also for Hardhat's CLI and the .ts generator
    const child = spawn(process.execPath, [join(root, "scripts/compile.ts"), "--no-tests"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log.info(line.trimEnd());
    });
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (pending.trim()) log.info(pending.trimEnd());
      if (code === 0) return resolve();
      const tail = errors
        .trimEnd()
        .split("\n")
        .filter(Boolean)
        .slice(-30)
        .map((line) => `    ${line}`);
      reject(
        new DevnetError(
          [`building the contracts and bindings failed (${signal ?? `code ${code}`}):`, ...tail].join("\n"),
        ),
      );
    });
  });
}

/** Compiles the contracts and regenerates the bindings when they are missing or older than a contract source. */
export async function ensureBindings(root: string, log: Logger): Promise<void> {
  const why = bindingsOutOfDate(root);
  if (!why) return;
  log.step(
    `build contracts and bindings (${why}; the Solidity tests are not needed here: about 1 min on 2 cores when nothing is cached)`,
  );
  await compileContracts(root, log);
}
