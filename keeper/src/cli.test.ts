// The keeper's command line on the kit's runner: its commands take what they declare, and what an operator must fix
// (an unreachable node, a bad argument) is one line and exit code 2, never a stack trace.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EXIT, runCli } from "@flyaimusic/kit/cli/run.ts";
import { KEEPER_PROGRAM } from "./cli.ts";

async function keeper(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const data = mkdtempSync(join(tmpdir(), "keeper-cli-"));
  const env = {
    FLYAI_KEEPER_RPC: "http://127.0.0.1:9",
    FLYAI_KEEPER_DATA: data,
    FLYAI_KEEPER_URL: "http://127.0.0.1:9",
    FLYAI_KEEPER_LOG_LEVEL: "error",
  };
  const code = await runCli(
    argv,
    { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env },
    KEEPER_PROGRAM,
  );
  return { code, stdout, stderr };
}

describe("keeper command line", () => {
  it("refuses what a command does not declare before touching a database or a node", async () => {
    const bad = [
      [["proof"], /missing argument: usage is `proof <account>`/],
      [["proof", "0x12"], /"0x12" is not an address/],
      [["epoch", "open"], /unknown: epoch open\nhint: the epoch command is `epoch close`/],
      [["run", "--port", "1"], /unknown option --port for `run`/],
      [["status", "--rpc", "http://x"], /unknown option --rpc for `status`/],
      [["frobnicate"], /unknown command "frobnicate"/],
    ] as const;
    for (const [argv, message] of bad) {
      const result = await keeper([...argv]);
      assert.equal(result.code, EXIT.usage, `${argv.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it("says which node it could not reach and which setting names it, as a user error", async () => {
    const result = await keeper(["catch-up"]);
    assert.equal(result.code, EXIT.usage, result.stderr);
    assert.match(result.stderr, /error: cannot reach a JSON-RPC node at http:\/\/127\.0\.0\.1:9 .*FLYAI_KEEPER_RPC/);
  });

  it("lists its commands and its configuration in the help", async () => {
    const help = await keeper(["help"]);
    assert.equal(help.code, EXIT.ok);
    for (const command of ["run", "status", "catch-up", "epoch close", "proof <account>"]) {
      assert.ok(help.stdout.includes(`  ${command}\n`), help.stdout);
    }
    assert.match(help.stdout, /FLYAI_KEEPER_RPC \(default http:\/\/127\.0\.0\.1:8545\)/);
    assert.doesNotMatch(help.stdout, /--keystore/);
  });
});
