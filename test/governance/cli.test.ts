// The governance CLI driven in-process against the real suite deploy: a proposal from a template goes through
// propose -> vote (with reason) -> queue -> execute and changes the governor on chain; bad input and bad timing give
// one-line CliErrors (exit code 2) without a stack trace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Deployment } from "@flyaimusic/bindings";
import { CliError, refusal } from "@flyaimusic/governance/cli/errors.ts";
import { GOV_PROGRAM } from "@flyaimusic/governance/cli/program.ts";
import { runCli } from "@flyaimusic/kit/cli/run.ts";
import { deployFixture, type Signer, type Suite } from "../fixtures.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const STACK_LINE = /\n\s+at .+:\d+:\d+/;

function assertUserError(run: Run, message: string | RegExp): void {
  assert.equal(run.code, 2, `expected exit code 2, got ${run.code}\n${run.stderr}`);
  if (typeof message === "string") assert.ok(run.stderr.includes(message), `stderr was:\n${run.stderr}`);
  else assert.match(run.stderr, message);
  assert.match(run.stderr, /^error: /);
  assert.doesNotMatch(run.stderr + run.stdout, STACK_LINE);
}

describe("governance CLI", () => {
  let suite: Suite;

  async function gov(
    signer: Signer | undefined,
    argv: string[],
    overrides: { deployment?: Deployment; findDeployment?: () => undefined } = {},
  ): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const code = await runCli(
      argv,
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        env: {},
        provider: suite.connection.ethers.provider,
        signer,
        deployment: "findDeployment" in overrides ? undefined : (overrides.deployment ?? suite.deployment),
        findDeployment: overrides.findDeployment,
      },
      GOV_PROGRAM,
    );
    return { code, stdout, stderr };
  }

  async function ok(signer: Signer | undefined, argv: string[]): Promise<string> {
    const run = await gov(signer, argv);
    assert.equal(run.code, 0, `gov ${argv.join(" ")} failed:\n${run.stderr}`);
    return run.stdout;
  }

  before(async () => {
    suite = await deployFixture();
    // Genesis votes are checkpointed at the deploy's timestamp; the governor reads them one second back.
    await suite.connection.networkHelpers.time.increase(2);
  });

  it("lists the templates with their arguments", async () => {
    const out = await ok(undefined, ["templates"]);
    for (const name of ["set-voting-delay", "set-quorum", "grant-emissions", "treasury-transfer-eth", "set-fee"]) {
      assert.ok(out.includes(name), name);
    }
    assert.ok(out.includes("--minter <address>"));
  });

  it("walks a template proposal through propose, vote with reason, queue and execute", async () => {
    const { alice, bob, governor, params, connection } = suite;
    const time = connection.networkHelpers.time;
    assert.equal(await governor.votingDelay(), BigInt(params.votingDelay));

    const proposed = JSON.parse(
      await ok(alice, ["propose", "set-voting-delay", "--seconds", "2h", "--title", "Longer voting delay", "--json"]),
    );
    const id: string = proposed.proposalId;
    assert.equal(proposed.proposer, alice.address);
    assert.equal(proposed.actions[0].call.name, "setVotingDelay");

    const pending = await ok(undefined, ["show", id]);
    assert.match(pending, /state\s+Pending/);
    assert.match(
      pending,
      /quorum\s+0 MINT of 16,880,000 MINT \(0%\) not reached yet \(estimate: fixed at the snapshot\)/,
    );

    // Before voting opens: a clear refusal naming the state and when it opens.
    const early = await gov(bob, ["vote", id, "for"]);
    // "opens in 59 s" normally; on a machine so loaded that a minute of wall clock passed since the proposal, the
    // chain (which mines on demand) has not moved yet and the CLI says when it opened: either names the state
    assertUserError(early, new RegExp(`proposal ${id} is Pending, not Active: voting opens (in |.* ago)`));

    await time.increase(params.votingDelay + 1);
    const voted = await ok(alice, ["vote", id, "for", "--reason", "Gives holders time to react"]);
    assert.match(voted, /voted\s+For, with 12,000,000 MINT/);
    assert.match(voted, /reason\s+Gives holders time to react/);
    await ok(bob, ["vote", id, "for"]);
    assertUserError(await gov(bob, ["vote", id, "against"]), `${bob.address} has already voted on proposal ${id}`);

    // Too early to queue: voting is still on.
    assertUserError(await gov(alice, ["queue", id]), /is still Active: voting ends in \d+ (min|s)/);

    const shown = await ok(undefined, ["show", id]);
    assert.match(shown, /state\s+Active/);
    assert.match(shown, /title\s+Longer voting delay/);
    assert.ok(shown.includes("1. FlyGovernor.setVotingDelay(newVotingDelay: 7200 (2 h))"), shown);
    assert.match(shown, /quorum\s+18,000,000 MINT of 16,880,000 MINT \(106\.64%\) reached/);

    await time.increase(params.votingPeriod + params.lateQuorumExtension + 1);
    const queued = await ok(bob, ["queue", id]);
    assert.match(queued, /eta\s+.+ UTC \(in 2 min\)/);
    assertUserError(await gov(bob, ["execute", id]), /is Queued: timelock eta in 2 min/);

    await time.increase(params.timelockMinDelay + 1);
    const executed = await ok(suite.dave, ["execute", id]);
    assert.match(executed, /executed\s+\d+/);
    assert.equal(await governor.votingDelay(), 7200n);

    const json = JSON.parse(await ok(undefined, ["show", id, "--json"]));
    assert.equal(json.state, "Executed");
    assert.equal(json.votes.for, "18000000000000000000000000");
    assert.deepEqual(
      json.actions[0].call.args.map((arg: { name: string }) => arg.name),
      ["newVotingDelay"],
    );
    const listed = JSON.parse(await ok(undefined, ["list", "--json"]));
    assert.deepEqual(
      listed.map((p: { proposalId: string; state: string }) => [p.proposalId, p.state]),
      [[id, "Executed"]],
    );
    assertUserError(await gov(alice, ["vote", id, "for"]), `proposal ${id} is not Active: it was already Executed`);
  });

  it("shows a proposal as the template and arguments it was made with, read back from its calldata", async () => {
    const { alice } = suite;
    const to = suite.others[1].address;
    const proposed = JSON.parse(
      await ok(alice, ["propose", "treasury-transfer-mint", "--to", to, "--mint", "1,250.5", "--json"]),
    );
    const shown = await ok(undefined, ["show", proposed.proposalId]);
    assert.match(
      shown,
      new RegExp(`template\\s+treasury-transfer-mint\\n\\s+--to: ${to}\\n\\s+--mint: 1,250\\.5 MINT`),
    );
    const json = JSON.parse(await ok(undefined, ["show", proposed.proposalId, "--json"]));
    assert.deepEqual(json.template, { name: "treasury-transfer-mint", arguments: { to, mint: "1,250.5 MINT" } });
  });

  it("dry-runs a treasury proposal and decodes it without sending", async () => {
    const { alice, others, governor } = suite;
    const before = (await governor.queryFilter(governor.filters.ProposalCreated())).length;
    const out = await ok(alice, [
      "propose",
      "treasury-transfer-mint",
      "--to",
      others[0].address.toLowerCase(),
      "--mint",
      "250000",
      "--dry-run",
    ]);
    assert.match(out, /dry run\s+nothing was sent/);
    assert.ok(out.includes(`MintToken.transfer(to: ${others[0].address}, value: 250000000000000000000000`), out);
    assert.ok(out.includes(`#proposer=${alice.address}`));
    assert.equal((await governor.queryFilter(governor.filters.ProposalCreated())).length, before);
  });

  it("dry-runs a fee change for the marketplace, the auction or the pools within each cap", async () => {
    const { alice, deployment } = suite;
    const out = await ok(alice, ["propose", "set-fee", "--fee", "pool", "--bps", "25", "--dry-run"]);
    assert.ok(out.includes("PoolFactory.setFeeBps(newFeeBps: 25)"), out);
    assert.ok(out.includes(deployment.contracts.PoolFactory.address), out);
    const market = await ok(alice, ["propose", "set-fee", "--fee", "marketplace", "--bps", "300", "--dry-run"]);
    assert.ok(market.includes("Marketplace.setProtocolFee(bps: 300)"), market);
  });

  it("reports power and refuses a proposer below the threshold", async () => {
    const { alice, others } = suite;
    const power = JSON.parse(await ok(undefined, ["power", alice.address, "--json"]));
    assert.equal(power.votes, "12000000000000000000000000");
    assert.equal(power.delegate, alice.address);
    assert.equal(power.optedOut, false);
    const poor = await gov(others[1], ["propose", "set-quorum", "--percent", "5"]);
    assertUserError(
      poor,
      `${others[1].address} has 0 MINT of votes; proposing needs 100,000 MINT (the proposal threshold)`,
    );
  });

  it("gives one-line errors for bad input", async () => {
    const { alice } = suite;
    assertUserError(
      await gov(alice, ["propose", "set-votingdelay", "--seconds", "60"]),
      'unknown template "set-votingdelay"',
    );
    assertUserError(
      await gov(alice, ["propose", "grant-emissions", "--minter", "0x1234", "--mint", "5"]),
      '--minter: "0x1234" is not an address (0x and 40 hex digits)',
    );
    assertUserError(
      await gov(alice, [
        "propose",
        "grant-emissions",
        "--minter",
        "0x8ba1f109551bD432803012645Ac136ddd64DBA7A",
        "--mint",
        "5",
      ]),
      /wrong checksum/,
    );
    assertUserError(
      await gov(alice, ["propose", "grant-emissions", "--minter", alice.address]),
      "missing argument --mint for template grant-emissions",
    );
    assertUserError(
      await gov(alice, ["propose", "set-quorum", "--percent", "lots"]),
      /--percent: "lots" is not a whole percent/,
    );
    assertUserError(
      await gov(alice, ["propose", "set-quorum", "--percent", "5", "--quorum", "5"]),
      "unknown option --quorum",
    );
    assertUserError(await gov(alice, ["vote", "12abc", "for"]), '"12abc" is not a proposal id');
    assertUserError(await gov(alice, ["vote", "1", "yes"]), '"yes" is not a vote');
    assertUserError(await gov(alice, ["show", "12345"]), "no proposal 12345 on chain 31337");
    assertUserError(await gov(alice, ["frobnicate"]), 'unknown command "frobnicate"');
    assertUserError(
      await gov(alice, ["propose", "set-fee", "--fee", "market", "--bps", "250"]),
      'unknown fee "market"',
    );
    assertUserError(
      await gov(alice, ["propose", "set-fee", "--fee", "pool", "--bps", "101"]),
      "--bps: 101 is above the pool fee's cap of 100 bps",
    );
    assertUserError(
      await gov(alice, [
        "propose",
        "set-bridge-peer",
        "--contract",
        "MintOFTAdapter",
        "--eid",
        "30101",
        "--peer",
        alice.address,
      ]),
      "bridge contracts are not deployed on chain 31337",
    );
    // No key for a command that sends.
    assertUserError(await gov(undefined, ["delegate", "self"]), "this command sends a transaction and needs a key");
  });

  it("reads a contract's revert as its custom error", async () => {
    const { alice, governor, deployment } = suite;
    const target = deployment.contracts.FlyGovernor.address;
    const error = await governor
      .connect(alice)
      // a copy of bob's bound proposal, submitted by alice: what a front-runner would do
      .propose([target], [0n], ["0x"], `Bob's proposal\n\n#proposer=${suite.bob.address}`)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const readable = refusal(error, "the proposal");
    assert.ok(readable instanceof CliError);
    assert.match(
      readable.message,
      /^the proposal was refused: the description's "#proposer=" suffix names another account/,
    );
    assert.ok(readable.message.includes(`[GovernorRestrictedProposer(proposer: ${alice.address})]`), readable.message);
  });

  it("warps the devnet clock by a duration, and refuses one it cannot read", async () => {
    const provider = suite.connection.ethers.provider;
    const before = (await provider.getBlock("latest"))!.timestamp;
    assert.match(await ok(undefined, ["warp", "10m"]), /^moved the devnet clock 10 min ahead: block \d+ at /);
    const after = (await provider.getBlock("latest"))!.timestamp;
    assert.ok(after - before >= 600 && after - before < 610, `clock moved ${after - before} s`);
    assertUserError(await gov(undefined, ["warp", "soon"]), /^error: warp: "soon" is not a duration/);
    assertUserError(await gov(undefined, ["warp", "0"]), "warp: give a duration above zero");
  });

  it("refuses the wrong network", async () => {
    assertUserError(
      await gov(undefined, ["list"], { findDeployment: () => undefined }),
      /no FlyAIMusic deployment on chain 31337 \(looked for .*31337\.json\)\nhint: run `npm start`/,
    );
    assertUserError(
      await gov(undefined, ["list"], { deployment: { ...suite.deployment, chainId: 1 } }),
      "the deployment is for chain 1 but the RPC endpoint is chain 31337",
    );
  });

  it("runs as `node governance/cli/gov.ts` with clean errors", async () => {
    const gov = fileURLToPath(new URL("../../governance/cli/gov.ts", import.meta.url));
    // A port nothing listens on: bind one, then free it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const url = `http://127.0.0.1:${port}`;
    const unreachable = spawnSync(process.execPath, [gov, "show", "1", "--rpc", url], { encoding: "utf8" });
    assertUserError(
      { code: unreachable.status ?? -1, stdout: unreachable.stdout, stderr: unreachable.stderr },
      `cannot reach a JSON-RPC node at ${url} (ECONNREFUSED)`,
    );
    const help = spawnSync(process.execPath, [gov, "templates", "grant-emissions"], { encoding: "utf8" });
    assert.equal(help.status, 0, help.stderr);
    assert.ok(help.stdout.includes("MintToken.setEmissionsBudget"));
  });
});
