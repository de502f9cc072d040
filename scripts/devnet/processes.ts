// Questions about other processes that the devnet asks before it starts anything: is a pid still alive, what command
// is it, who is listening on a port. Linux answers from /proc; elsewhere `ps` does, and a port holder stays unnamed.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const hasProc = existsSync("/proc/self/stat");

/** Whether `pid` is a running process (a zombie waiting to be reaped does not count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  if (!hasProc) return true;
  try {
    // "pid (comm) S ...": the state letter follows the last ")"
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The command line of `pid`, or undefined when it cannot be read. */
export function commandLine(pid: number): string | undefined {
  try {
    if (hasProc) return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim() || undefined;
    return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Sends SIGTERM, then SIGKILL if `pid` is still alive after `graceMs`. Resolves once it is gone. */
export async function terminate(pid: number, graceMs = 3000): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (!isAlive(pid)) return;
  signal("SIGKILL");
  while (isAlive(pid)) await sleep(50);
}

/** Whether nothing listens on `host:port` (checked by binding it for a moment). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Who listens on TCP `port`, as "pid 1234: anvil --port 8545", when the system lets us see it. */
export function portHolder(port: number): { pid: number; command?: string } | undefined {
  if (!hasProc) return undefined;
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is "<hex ip>:<hex port>", st 0A is LISTEN, the socket inode is the tenth field
      if (fields.length > 9 && fields[3] === "0A" && Number.parseInt(fields[1].split(":")[1], 16) === port) {
        inodes.add(fields[9]);
      }
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return { pid: Number(entry), command: commandLine(Number(entry)) };
    }
  }
  return undefined;
}

/** Asks `url` what JSON-RPC node it is ("anvil/v1.7.1, chain id 31337"), or undefined when nothing answers. */
export async function probeRpc(url: string, timeoutMs = 1000): Promise<string | undefined> {
  const call = async (method: string) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return ((await response.json()) as { result?: string }).result;
  };
  try {
    const chainId = await call("eth_chainId");
    if (chainId === undefined) return undefined;
    const client = await call("web3_clientVersion").catch(() => undefined);
    return `${client ?? "a JSON-RPC node"}, chain id ${Number(chainId)}`;
  } catch {
    return undefined;
  }
}
