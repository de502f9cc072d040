// Runs a CLI program (gov, music, defi, bridge) in-process against a test suite's chain and deployment, capturing
// its output: what the CLI system tests share.
import assert from "node:assert/strict";
import { type Program, runCli } from "@flyaimusic/kit/cli/run.ts";
import type { Signer, Suite } from "./fixtures.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const STACK_LINE = /\n\s+at .+:\d+:\d+/;

/** `run` gives the exit code and output; `ok` asserts exit code 0 and returns stdout. */
export function cliRunner(suite: () => Suite, program: Program, env: () => Record<string, string> = () => ({})) {
  async function run(signer: Signer | undefined, argv: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const code = await runCli(
      argv,
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        env: env(),
        provider: suite().connection.ethers.provider,
        signer,
        deployment: suite().deployment,
      },
      program,
    );
    return { code, stdout, stderr };
  }
  async function ok(signer: Signer | undefined, argv: string[]): Promise<string> {
    const result = await run(signer, argv);
    assert.equal(result.code, 0, `${program.script} ${argv.join(" ")} failed:\n${result.stderr}`);
    return result.stdout;
  }
  return { run, ok };
}

/** A user error: exit code 2, the message on stderr, no stack trace. */
export function assertUserError(run: CliRun, message: RegExp): void {
  assert.equal(run.code, 2, `expected exit code 2, got ${run.code}\n${run.stderr}`);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr + run.stdout, STACK_LINE, "no stack trace");
}
