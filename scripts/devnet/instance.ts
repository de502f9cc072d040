// One devnet per checkout: `<state dir>/devnet.json` names the running devnet and its children. Two devnets of one
// checkout would overwrite each other's deployments/<chainId>.json, so a second start is refused with a message
// that says how to stop the first. A pid file left by a devnet that died without cleaning up (SIGKILL, a power cut)
// is recognised as stale: its leftover children are stopped (only if their pid still runs the command recorded) and
// the start goes on.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DevnetError, type Logger } from "./log.ts";
import { commandLine, isAlive, terminate } from "./processes.ts";

export interface InstanceRecord {
  pid: number;
  startedAt: string;
  /** RPC URLs of the chains, for the "already running" message. */
  rpcUrls: string[];
  children: { name: string; pid: number; command: string }[];
}

export interface Instance {
  readonly path: string;
  /** Rewrites the pid file with the current chains and children. */
  update(change: Partial<Pick<InstanceRecord, "rpcUrls" | "children">>): void;
  /** Removes the pid file if it is still ours. Synchronous, so it also works from an exit handler. */
  release(): void;
}

function read(path: string): InstanceRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as InstanceRecord;
  } catch {
    return undefined;
  }
}

/** Whether `pid` still runs a devnet (and is not some other process that got the pid since). */
function isDevnet(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const command = commandLine(pid);
  return command === undefined || command.includes("devnet");
}

export async function claimInstance(stateDir: string, log: Logger): Promise<Instance> {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, "devnet.json");
  const previous = read(path);
  if (previous && previous.pid !== process.pid) {
    if (isDevnet(previous.pid)) {
      const where = previous.rpcUrls.length > 0 ? `, RPC ${previous.rpcUrls.join(", ")}` : "";
      throw new DevnetError(
        [
          `a devnet is already running from this checkout (pid ${previous.pid}, started ${new Date(previous.startedAt).toLocaleString("en-GB")}${where}).`,
          "Use that one, or stop it first: press Ctrl-C in its terminal, or run",
          `    kill ${previous.pid}`,
        ].join("\n"),
      );
    }
    for (const child of previous.children) {
      const command = commandLine(child.pid);
      if (!isAlive(child.pid) || (command !== undefined && !command.includes(child.command))) continue;
      log.info(`stopping ${child.name} (pid ${child.pid}) left running by a devnet that did not shut down`);
      await terminate(child.pid);
    }
    rmSync(path, { force: true });
  }

  let record: InstanceRecord = { pid: process.pid, startedAt: new Date().toISOString(), rpcUrls: [], children: [] };
  const write = () => writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  try {
    // "wx": if another devnet claimed the file since we looked, fail instead of overwriting its record
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`, { flag: "wx" });
  } catch {
    throw new DevnetError(`another devnet started from this checkout at the same moment (${path}); try again`);
  }
  return {
    path,
    update(change) {
      record = { ...record, ...change };
      write();
    },
    release() {
      if (read(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}
