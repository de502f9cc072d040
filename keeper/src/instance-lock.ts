// One keeper per database: two processes sending with the same key from the same intents would race for nonces and
// work. `keeper run` (and the one-shot commands that send transactions) take a lock file beside the database with
// their pid and that process's start time; a lock whose process is gone is stale and taken over, and so is one whose
// pid now belongs to another process (pids are reused: a lock once named a live, unrelated process and blocked the
// keeper's start for good).
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

/** When process `pid` started (clock ticks since boot, from /proc), or undefined where /proc cannot tell. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count fields after its last ")"
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

interface Holder {
  pid: number;
  what: string;
  /** The holder's processStartTime when it took the lock (absent in locks from older keepers). */
  startedAt?: string;
}

/** Whether the lock's holder still runs: its pid is alive and, where it can be told, is the same process. */
function holds(holder: Holder): boolean {
  if (holder.pid === process.pid || !alive(holder.pid)) return false;
  if (holder.startedAt === undefined) return true;
  const now = processStartTime(holder.pid);
  return now === undefined || now === holder.startedAt;
}

/** Takes the lock at `path` (throws naming the holder if a live process has it); returns its release. */
export function takeInstanceLock(path: string, what: string): () => void {
  let holder: Holder | undefined;
  try {
    holder = JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    holder = undefined;
  }
  if (holder && holds(holder)) {
    throw new KeeperError(
      `another keeper (${holder.what}, pid ${holder.pid}) uses this database: stop it first, or use its API ` +
        "(`npm run keeper -- status` asks it)",
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ pid: process.pid, what, startedAt: processStartTime(process.pid) }));
  return () => {
    try {
      const current = JSON.parse(readFileSync(path, "utf8")) as { pid: number };
      if (current.pid === process.pid) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
}
