// One keeper per database: two processes sending with the same key from the same intents would race for nonces and
// work. `keeper run` (and the one-shot commands that send transactions) take a lock file beside the database with
// their pid; a lock whose process is gone is stale and taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { KeeperError } from "./errors.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock at `path` (throws naming the holder if a live process has it); returns its release. */
export function takeInstanceLock(path: string, what: string): () => void {
  let holder: { pid: number; what: string } | undefined;
  try {
    holder = JSON.parse(readFileSync(path, "utf8")) as { pid: number; what: string };
  } catch {
    holder = undefined;
  }
  if (holder && holder.pid !== process.pid && alive(holder.pid)) {
    throw new KeeperError(
      `another keeper (${holder.what}, pid ${holder.pid}) uses this database: stop it first, or use its API ` +
        "(`npm run keeper -- status` asks it)",
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ pid: process.pid, what }));
  return () => {
    try {
      const current = JSON.parse(readFileSync(path, "utf8")) as { pid: number };
      if (current.pid === process.pid) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
}
