// `npm start` end to end: the real devnet script as a child process on a spare port, with its own deployments and
// state folders so a devnet the developer is running is left alone. Checks over JSON-RPC what the devnet promises
// (suite deployed, voters with votes, an Active proposal), that Ctrl-C stops every child and exits 0, and that a
// second start works: after Ctrl-C, while another devnet runs (refused with a message), and after a devnet was
// killed outright (its orphaned anvil is stopped).
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type Deployment,
  DutchAuction__factory,
  FlyGovernor__factory,
  Fractionalizer__factory,
  FractionVault__factory,
  Marketplace__factory,
  MintToken__factory,
  MusicNFT__factory,
  NFTStakingVault__factory,
  PoolFactory__factory,
  RoyaltySplitter__factory,
  RoyaltyVault__factory,
  RoyaltyVaultFactory__factory,
} from "@flyaimusic/bindings";
import { JsonRpcProvider, parseEther, ZeroAddress } from "ethers";
import { RewardsDistributor__factory } from "@flyaimusic/bindings";
import { devAccounts } from "../scripts/devnet/accounts.ts";
import { STAKING_RATE } from "../scripts/devnet/launch.ts";
import { isAlive, isPortFree } from "../scripts/devnet/processes.ts";

const root = join(import.meta.dirname, "..");
const PORT = 18545;
const RPC = `http://127.0.0.1:${PORT}`;
/** The devnet's second chain (the bridges' remote end) takes the next port. */
const REMOTE_RPC = `http://127.0.0.1:${PORT + 1}`;
/** The devnet's keeper API: the home chain's port + 55. */
const KEEPER = `http://127.0.0.1:${PORT + 55}`;
const READY = /devnet ready in/;

interface Devnet {
  child: ChildProcess;
  output(): string;
  /** Resolves when `pattern` appears in stdout; rejects if the devnet exits first or `timeoutMs` passes. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startDevnet(dirs: { state: string; deployments: string }, args: string[] = [], port = PORT): Devnet {
  const child = spawn(process.execPath, [join(root, "scripts/devnet.ts"), ...args], {
    cwd: root,
    env: {
      ...process.env,
      FLYAI_DEVNET_PORT: String(port),
      FLYAI_DEVNET_DIR: dirs.state,
      FLYAI_DEPLOYMENTS_DIR: dirs.deployments,
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const output = () => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;
  return {
    child,
    output,
    exited,
    // generous: npm test runs this beside the other runners, on 2 cores a start can take twice its usual 25 s
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no ${pattern} within ${timeoutMs} ms\n${output()}`)),
          timeoutMs,
        );
        const check = () => {
          if (pattern.test(stdout)) finish();
        };
        const early = () => finish(new Error(`the devnet exited before ${pattern}\n${output()}`));
        function finish(error?: Error) {
          clearTimeout(timer);
          child.stdout?.off("data", check);
          child.off("exit", early);
          if (error) reject(error);
          else resolve();
        }
        child.stdout?.on("data", check);
        child.once("exit", early);
        check();
      });
    },
  };
}

async function exitWithin(devnet: Devnet, ms = 10_000) {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the devnet did not exit within ${ms} ms\n${devnet.output()}`)), ms).unref(),
  );
  return Promise.race([devnet.exited, timeout]);
}

function childPids(stateDir: string): number[] {
  const record = JSON.parse(readFileSync(join(stateDir, "devnet.json"), "utf8")) as { children: { pid: number }[] };
  return record.children.map((child) => child.pid);
}

describe("npm start (the devnet)", () => {
  let base: string;
  const running: Devnet[] = [];
  const dirs = () => ({ state: join(base, "state"), deployments: join(base, "deployments") });
  const start = (args?: string[], which = dirs()) => {
    const devnet = startDevnet(which, args);
    running.push(devnet);
    return devnet;
  };

  before(async () => {
    base = mkdtempSync(join(tmpdir(), "flyai-devnet-test-"));
    assert.ok(await isPortFree("127.0.0.1", PORT), `port ${PORT} must be free for this test`);
  });
  after(async () => {
    // a failed test may leave a devnet running: SIGTERM lets it stop its anvil too
    for (const devnet of running) {
      if (devnet.child.exitCode !== null || devnet.child.signalCode !== null) continue;
      devnet.child.kill("SIGTERM");
      await exitWithin(devnet).catch(() => devnet.child.kill("SIGKILL"));
    }
    rmSync(base, { recursive: true, force: true });
  });

  it("deploys, seeds voters and an Active proposal, and stops every child on Ctrl-C", async () => {
    const devnet = start();
    await devnet.waitFor(READY);
    const [anvil] = childPids(dirs().state);
    assert.ok(isAlive(anvil), "anvil runs while the devnet does");

    const deployment = JSON.parse(readFileSync(join(dirs().deployments, "31337.json"), "utf8")) as Deployment;
    assert.equal(deployment.chainId, 31337);
    const provider = new JsonRpcProvider(RPC, 31337, { cacheTimeout: -1, staticNetwork: true });
    try {
      const governor = FlyGovernor__factory.connect(deployment.contracts.FlyGovernor.address, provider);
      const token = MintToken__factory.connect(deployment.contracts.MintToken.address, provider);
      const [, alice, bob, carol, dave] = devAccounts(5);
      const votes = await Promise.all([alice, bob, carol, dave].map((a) => token.getVotes(a.address)));
      // alice sent 1,000 MINT to lyra for the pro tier's mint fee (the music seed), 20,000 to kim and 5,000 to sam
      // for the AFTR/MINT pool (the DeFi seed)
      assert.deepEqual(votes, [parseEther("11974000"), parseEther("6000000"), parseEther("4000000"), 0n]);
      assert.equal(await token.delegates(dave.address), carol.address);

      // the music demo: six tracks, two listings, one live auction above its reserve
      const music = MusicNFT__factory.connect(deployment.contracts.MusicNFT.address, provider);
      const market = Marketplace__factory.connect(deployment.contracts.Marketplace.address, provider);
      const auction = DutchAuction__factory.connect(deployment.contracts.DutchAuction.address, provider);
      const registered = await music.queryFilter(music.filters.TrackRegistered());
      assert.equal(registered.length, 7, "six music tracks and Afterglow (the DeFi seed)");
      const ids = registered.map((event) => event.args.tokenId);
      const listed = await Promise.all(ids.map((id) => market.listingOf(id)));
      assert.equal(listed.filter((listing) => listing.seller !== ZeroAddress).length, 2);
      const auctions = await Promise.all(ids.map((id) => auction.auctionOf(id)));
      const live = ids.filter((_, i) => auctions[i].seller !== ZeroAddress);
      assert.equal(live.length, 1);
      assert.ok((await auction.currentPrice(live[0])) > parseEther("0.1"), "the auction is above its reserve");

      // the DeFi launch proposal went through the whole lifecycle; the demo proposal is open
      const staking = NFTStakingVault__factory.connect(deployment.contracts.NFTStakingVault.address, provider);
      // the DeFi demo: two staked tracks, Afterglow fractionalized with the collector role and an AFTR/MINT pool
      // that renounced the fractions' income, and Night Drive's royalty shares with holders and income
      const staked = await staking.queryFilter(staking.filters.Staked());
      assert.equal(staked.length, 2);
      for (const event of staked) assert.equal((await staking.stakeOf(event.args.tokenId))[0], event.args.staker);
      const fractionalizer = Fractionalizer__factory.connect(deployment.contracts.Fractionalizer.address, provider);
      const afterglow = registered[6].args.tokenId;
      const vault = FractionVault__factory.connect(await fractionalizer.vaultOf(afterglow), provider);
      const splitter = RoyaltySplitter__factory.connect(deployment.contracts.RoyaltySplitter.address, provider);
      assert.equal((await splitter.rolesOf(afterglow))[0], await vault.getAddress(), "the vault collects Afterglow");
      const poolFactory = PoolFactory__factory.connect(deployment.contracts.PoolFactory.address, provider);
      const pool = await poolFactory.getPool(await vault.getAddress(), deployment.contracts.MintToken.address);
      assert.ok(await vault.incomeRenounced(pool), "the pool renounced the fractions' income");
      assert.ok((await vault.balanceOf(pool)) > 0n, "the pool holds liquidity");
      assert.ok((await vault.claimable(devAccounts()[9].address, ZeroAddress)) > 0n, "sam has fraction income");
      const royaltyVaults = RoyaltyVaultFactory__factory.connect(
        deployment.contracts.RoyaltyVaultFactory.address,
        provider,
      );
      const shares = RoyaltyVault__factory.connect(await royaltyVaults.allVaults(0), provider);
      assert.equal(await shares.balanceOf(devAccounts()[9].address), parseEther("200"));
      assert.ok((await shares.claimable(devAccounts()[9].address, ZeroAddress)) > 0n, "sam has royalty income");

      // the bridges: echo sends "Signal Fire" to the remote chain and back with the README's command; the relayer
      // delivers both ways and the provenance prints the same on both sides
      const bridge = async (argv: string[]) =>
        (
          await promisify(execFile)(process.execPath, [join(root, "bridge/cli/bridge.ts"), ...argv], {
            env: { ...process.env, FLYAI_DEPLOYMENTS_DIR: dirs().deployments },
          })
        ).stdout;
      const signalFire = `0x${registered[3].args.tokenId.toString(16).padStart(64, "0")}`;
      const echo = devAccounts(8)[7].address;
      const there = await bridge(["send-track", signalFire, "--rpc", RPC, "--to", REMOTE_RPC, "--account", "7"]);
      const provenance = (text: string, label: string) => text.split(label)[1]?.split("\n").slice(2, 7).join("\n");
      assert.match(there, new RegExp(`arrived, ${REMOTE_RPC}:\\n\\s+owner\\s+${echo}`), there);
      assert.equal(provenance(there, "arrived"), provenance(there, "before"), "the same provenance on both sides");
      assert.equal(await music.ownerOf(signalFire), deployment.contracts.MusicNFTAdapter.address, "locked at home");
      const back = await bridge(["send-track", signalFire, "--rpc", REMOTE_RPC, "--to", RPC, "--account", "7"]);
      assert.match(back, new RegExp(`arrived, ${RPC}:\\n\\s+owner\\s+${echo}`), back);
      assert.equal(await music.ownerOf(signalFire), echo, "the same token, back at home");

      // the keeper: epoch 1 closed and its root went live; lena claims the MINT her listening earned with the
      // README's one command (the proof comes from the keeper's API); the keeper reports its cursor and epochs
      const cli = async (script: string, argv: string[]) =>
        (
          await promisify(execFile)(process.execPath, [join(root, script), ...argv], {
            env: { ...process.env, FLYAI_DEPLOYMENTS_DIR: dirs().deployments, FLYAI_KEEPER_URL: KEEPER },
          })
        ).stdout;
      const distributor = RewardsDistributor__factory.connect(
        deployment.contracts.RewardsDistributor.address,
        provider,
      );
      const [liveEpoch] = await distributor.liveRoot();
      assert.ok(liveEpoch >= 1n, "epoch 1's root is live");
      const lena = devAccounts(13)[12].address;
      const claimed = await cli("protocol/cli/defi.ts", [
        "claim-epoch-rewards",
        "--account",
        "12",
        "--rpc",
        RPC,
        "--keeper",
        KEEPER,
      ]);
      assert.match(claimed, /claimed [\d,.]+ MINT for/, claimed);
      assert.ok((await token.balanceOf(lena)) > 0n, "lena holds the MINT she claimed");
      assert.equal(await distributor.claimed(lena), await token.balanceOf(lena));
      const status = JSON.parse((await cli("keeper/src/cli.ts", ["status"])).split("\n").slice(1).join("\n"));
      assert.ok(status.cursor.block > 0, "the keeper's cursor");
      assert.equal(status.epochs.find((e: { epoch: number }) => e.epoch === 1)?.status, "live");

      const created = await governor.queryFilter(governor.filters.ProposalCreated());
      assert.equal(created.length, 2);
      assert.equal(await governor.state(created[0].args.proposalId), 7n, "the launch proposal is Executed");
      assert.equal(await staking.rewardRate(), parseEther(STAKING_RATE), "the launch set the staking reward rate");
      const { proposalId, proposer, description } = created[1].args;
      assert.equal(proposer, alice.address);
      assert.ok(description.endsWith(`\n\n#proposer=${alice.address}`));
      assert.equal(await governor.state(proposalId), 1n, "the proposal is Active");
      assert.ok(await governor.hasVoted(proposalId, bob.address));
      assert.ok(devnet.output().includes(`npm run gov -- show ${proposalId} --rpc ${RPC}`), "prints what to try");
    } finally {
      provider.destroy();
    }

    devnet.child.kill("SIGINT");
    assert.deepEqual(await exitWithin(devnet), { code: 0, signal: null }, devnet.output());
    assert.match(devnet.output(), /devnet stopped/);
    assert.ok(!isAlive(anvil), "anvil was stopped");
    assert.ok(await isPortFree("127.0.0.1", PORT), "the RPC port is closed");
    assert.ok(!existsSync(join(dirs().state, "devnet.json")), "the pid file is removed");
  });

  it("runs a second time, refuses a concurrent start with a message, and recovers from a killed devnet", async () => {
    const first = start();
    await first.waitFor(READY);

    // the same checkout: refused, naming the running devnet
    const second = start();
    assert.equal((await exitWithin(second)).code, 1);
    assert.match(second.output(), new RegExp(`a devnet is already running .*pid ${first.child.pid}`));
    assert.doesNotMatch(second.output(), /\n\s+at /, "no stack trace");

    // another checkout, same port: refused, naming what holds the port
    const other = start([], { state: join(base, "other-state"), deployments: join(base, "other-deployments") });
    assert.equal((await exitWithin(other)).code, 1);
    assert.match(other.output(), new RegExp(`port ${PORT} on 127.0.0.1 is already in use`));
    assert.match(other.output(), /held by {2}pid \d+: .*anvil/);

    // killed outright: its anvil is orphaned; the next start stops it and runs
    const [orphan] = childPids(dirs().state);
    first.child.kill("SIGKILL");
    await exitWithin(first);
    assert.ok(isAlive(orphan), "anvil outlives a devnet killed with SIGKILL");
    const third = start(["--exit-after-seed"]);
    assert.equal((await exitWithin(third, 120_000)).code, 0, third.output());
    assert.match(third.output(), new RegExp(`stopping anvil \\(chain 31337\\) \\(pid ${orphan}\\) left running`));
    assert.match(third.output(), READY);
    assert.ok(!isAlive(orphan));
    assert.ok(await isPortFree("127.0.0.1", PORT));
    assert.ok(!existsSync(join(dirs().state, "devnet.json")));
  });
});
