// The process supervisor: the one owner of every child process the devnet starts (anvil today; the keeper and the
// web app later). It starts each child in its own process group with its output in a log file, so
// - a Ctrl-C in the terminal reaches only the devnet, which then stops the children in order (no child races the
//   shutdown by dying on its own and looking like a crash);
// - a child outlives a devnet that was killed outright (SIGKILL) without breaking on a closed pipe, and the next
//   start finds it through the pid file and stops it (see instance.ts).
// A child that exits while the devnet is not stopping is reported through `onUnexpectedExit`.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { DevnetError } from "./log.ts";

export interface ChildSpec {
  /** Short name for messages: "anvil (chain 31337)". */
  name: string;
  command: string;
  args: string[];
  /** File that receives the child's stdout and stderr (emptied first: every devnet run starts fresh). */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SupervisedChild {
  readonly name: string;
  readonly pid: number;
  readonly command: string;
  readonly logFile: string;
  /** Undefined while the child runs. */
  readonly exitStatus: ExitStatus | undefined;
  /** Settles when the child has exited. */
  readonly exited: Promise<ExitStatus>;
  /** The last `lines` lines of the child's log, indented for a message; "(no output)" when it printed nothing. */
  tail(lines?: number): string[];
}

export interface Supervisor {
  start(spec: ChildSpec): Promise<SupervisedChild>;
  /** Children started so far, in start order. */
  readonly children: readonly SupervisedChild[];
  /** Stops every running child, newest first: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stopAll(graceMs?: number): Promise<void>;
  readonly stopping: boolean;
}

export interface SupervisorOptions {
  onUnexpectedExit(child: SupervisedChild, status: ExitStatus): void;
  /** Called whenever the set of children changes (the pid file records them). */
  onChange?(children: readonly SupervisedChild[]): void;
}

export function describeExit(status: ExitStatus): string {
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

export function createSupervisor(options: SupervisorOptions): Supervisor {
  const children: SupervisedChild[] = [];
  const processes = new Map<SupervisedChild, ChildProcess>();
  let stopping = false;

  // Last resort when the devnet dies of an error nobody caught: no child outlives it.
  process.once("exit", () => {
    for (const [child, proc] of processes) if (!child.exitStatus) proc.kill("SIGKILL");
  });

  async function start(spec: ChildSpec): Promise<SupervisedChild> {
    const fd = openSync(spec.logFile, "w");
    let proc: ChildProcess;
    try {
      proc = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        stdio: ["ignore", fd, fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    const pid = await new Promise<number>((resolve, reject) => {
      proc.once("spawn", () => resolve(proc.pid as number));
      proc.once("error", (error) =>
        reject(new DevnetError(`cannot start ${spec.name} (${spec.command}): ${error.message}`)),
      );
    });
    let exitStatus: ExitStatus | undefined;
    const exited = new Promise<ExitStatus>((resolve) => {
      proc.once("exit", (code, signal) => {
        exitStatus = { code, signal };
        resolve(exitStatus);
      });
    });
    const child: SupervisedChild = {
      name: spec.name,
      pid,
      command: spec.command,
      logFile: spec.logFile,
      get exitStatus() {
        return exitStatus;
      },
      exited,
      tail(lines = 15) {
        let text = "";
        try {
          text = readFileSync(spec.logFile, "utf8").trimEnd();
        } catch {
          // no log file: reported as no output
        }
        return (text === "" ? ["(no output)"] : text.split("\n").slice(-lines)).map((line) => `    ${line}`);
      },
    };
    children.push(child);
    processes.set(child, proc);
    options.onChange?.(children);
    void exited.then((status) => {
      processes.delete(child);
      options.onChange?.(children);
      if (!stopping) options.onUnexpectedExit(child, status);
    });
    return child;
  }

  async function stopAll(graceMs = 3000): Promise<void> {
    stopping = true;
    for (const child of [...children].reverse()) {
      const proc = processes.get(child);
      if (!proc || child.exitStatus) continue;
      proc.kill("SIGTERM");
      const stopped = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) {
        proc.kill("SIGKILL");
        await child.exited;
      }
    }
  }

  return {
    start,
    children,
    stopAll,
    get stopping() {
      return stopping;
    },
  };
}
