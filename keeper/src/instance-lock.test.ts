import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { takeInstanceLock } from "./instance-lock.ts";

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
});
