import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { processStartTime, takeInstanceLock } from "./instance-lock.ts";

describe("takeInstanceLock", () => {
  it("refuses while a live process holds the lock, takes over a stale one, and releases", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "keeper-lock-")), "keeper.lock");
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    writeFileSync(path, JSON.stringify({ pid: sleeper.pid, what: "keeper run" }));
    assert.throws(() => takeInstanceLock(path, "epoch close"), new RegExp(`keeper run, pid ${sleeper.pid}`));
    sleeper.kill("SIGKILL");
    await new Promise((resolve) => sleeper.once("exit", resolve));
    const release = takeInstanceLock(path, "epoch close");
    assert.ok(existsSync(path));
    release();
    assert.ok(!existsSync(path));
  });

  it("takes over a lock whose pid now belongs to another, unrelated process (pid reuse)", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "keeper-lock-")), "keeper.lock");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      await new Promise((resolve) => other.once("spawn", resolve));
      const started = processStartTime(other.pid!);
      assert.ok(started, "/proc tells a process's start time");
      // the same pid, but the keeper that wrote the lock started at another time: that keeper is gone
      writeFileSync(
        path,
        JSON.stringify({ pid: other.pid, what: "keeper run", startedAt: String(Number(started) - 1) }),
      );
      const release = takeInstanceLock(path, "epoch close");
      release();
      // the process that really holds it (same pid, same start time) is still refused
      writeFileSync(path, JSON.stringify({ pid: other.pid, what: "keeper run", startedAt: started }));
      assert.throws(() => takeInstanceLock(path, "epoch close"), new RegExp(`keeper run, pid ${other.pid}`));
    } finally {
      other.kill("SIGKILL");
    }
  });
});
