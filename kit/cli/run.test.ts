// The runner every CLI shares: what a command declares (options, positionals, network use) is what it accepts, the
// rest is refused before the command runs, and failures become one line and an exit code.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Command } from "./command.ts";
import { CliError } from "./errors.ts";
import { EXIT, type Program, runCli } from "./run.ts";

class ConfigProblem extends Error {}

function program(seen: string[][]): Program {
  const record: Command["run"] = async (args) => {
    seen.push([args.command ?? "", ...args.positionals, ...[...args.options].map(([k, v]) => `--${k}=${v}`)]);
  };
  return {
    script: "demo",
    about: "a demo program",
    footer: "configuration: env DEMO_*",
    userError: (error) =>
      error instanceof ConfigProblem ? new CliError(`configuration: ${error.message}`) : undefined,
    commands: [
      {
        name: "show",
        usage: "show <id> [--json]",
        summary: "one",
        options: ["json"],
        positionals: [1, 1],
        network: "offline",
        run: record,
      },
      {
        name: "add",
        usage: "add <id>... [--note <text>]",
        summary: "many",
        options: ["note"],
        positionals: [1, Infinity],
        network: "offline",
        run: record,
      },
      { name: "warp", usage: "warp", summary: "chain only", options: [], network: "chain", run: async () => {} },
      {
        name: "broken",
        usage: "broken",
        summary: "",
        options: [],
        network: "offline",
        run: async () => {
          throw new ConfigProblem("DEMO_URL is not a URL");
        },
      },
      {
        name: "bug",
        usage: "bug",
        summary: "",
        options: [],
        network: "offline",
        run: async () => {
          throw new TypeError("x is undefined");
        },
      },
    ],
  };
}

async function run(argv: string[], seen: string[][] = []) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    argv,
    { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} },
    program(seen),
  );
  return { code, stdout, stderr };
}

describe("the CLI runner", () => {
  it("runs a command with what it declares", async () => {
    const seen: string[][] = [];
    assert.equal((await run(["show", "7", "--json"], seen)).code, EXIT.ok);
    assert.equal((await run(["add", "1", "2", "3", "--note", "hi"], seen)).code, EXIT.ok);
    assert.deepEqual(seen, [
      ["show", "7"],
      ["add", "1", "2", "3", "--note=hi"],
    ]);
  });

  it("refuses undeclared options and wrong positionals before the command runs, naming what it takes", async () => {
    const seen: string[][] = [];
    const unknown = await run(["show", "7", "--note", "x"], seen);
    assert.equal(unknown.code, EXIT.usage);
    assert.match(unknown.stderr, /^error: unknown option --note for `show`\nhint: it takes: --json\n$/);
    assert.match((await run(["show"], seen)).stderr, /missing argument: usage is `show <id> \[--json\]`/);
    assert.match((await run(["show", "7", "8"], seen)).stderr, /unexpected argument "8"/);
    assert.match((await run(["add"], seen)).stderr, /missing argument: usage is `add <id>\.\.\./);
    // an offline command takes no network option; a chain command takes --rpc but no key
    assert.match((await run(["show", "7", "--rpc", "http://x"], seen)).stderr, /unknown option --rpc for `show`/);
    assert.match((await run(["warp", "--account", "1"], seen)).stderr, /unknown option --account for `warp`/);
    assert.deepEqual(seen, []);
  });

  it("turns the program's own user errors into one line (exit 2), anything else into 'unexpected' (exit 1)", async () => {
    const broken = await run(["broken"]);
    assert.equal(broken.code, EXIT.usage);
    assert.equal(broken.stderr, "error: configuration: DEMO_URL is not a URL\n");
    const bug = await run(["bug"]);
    assert.equal(bug.code, EXIT.unexpected);
    assert.match(bug.stderr, /^unexpected error: x is undefined\n\(run again with --debug for the stack trace\)\n$/);
    assert.match((await run(["bug", "--debug"])).stderr, /TypeError: x is undefined\n\s+at /);
  });

  it("helps: the commands, the network options only when a command uses a chain, and the program's footer", async () => {
    const help = await run(["help"]);
    assert.equal(help.code, EXIT.ok);
    assert.match(help.stdout, /^a demo program\n/);
    assert.match(help.stdout, /show <id> \[--json\]\n\s+one/);
    assert.match(help.stdout, /--rpc <url>/);
    assert.match(help.stdout, /configuration: env DEMO_\*\n$/);
    assert.match((await run(["show", "--help"])).stdout, /^usage: npm run demo -- show <id> \[--json\]\n\none\n$/);
    assert.equal((await run(["nope"])).code, EXIT.usage);
  });
});
