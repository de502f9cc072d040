// The keeper killed (SIGKILL) again and again at random moments while it closes epochs, posts roots, pays streaming
// revenue, against a real local chain (anvil) and its own database on disk; restarted each time. Wherever the kills
// land, the chain must show each epoch's root posted once, every keeper transaction mined once (no nonce burned or
// reused), each streaming deposit made once, and the listeners' claims must pay exactly what the keeper computed.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  MarginedJsonRpcProvider,
  MintToken__factory,
  RewardsDistributor__factory,
  RoyaltySplitter__factory,
  type Deployment,
} from "@flyaimusic/bindings";
import { devnetParams } from "@flyaimusic/deploy/params.ts";
import { deploySuite } from "@flyaimusic/deploy/suite.ts";
import { listeningReportTypes, playsDomain } from "@flyaimusic/keeper/src/plays/typed-data.ts";
import { SqliteStore } from "@flyaimusic/keeper/src/store/sqlite.ts";
import { HDNodeWallet, Network, parseEther, Wallet } from "ethers";
import { anvilBinary } from "../../scripts/devnet/anvil.ts";
import { mintTrack } from "../fixtures.ts";
import { DEV_MNEMONIC, keeperWallet } from "./harness.ts";

const ANVIL_PORT = 18_645;
const KEEPER_PORT = 18_646;
const RPC = `http://127.0.0.1:${ANVIL_PORT}`;
const API = `http://127.0.0.1:${KEEPER_PORT}`;
const EPOCH = 20;
const STREAM_WEI_PER_PLAY = 10n ** 12n;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("keeper killed at random moments (anvil)", () => {
  let anvil: ChildProcess;
  let keeper: ChildProcess | undefined;
  let provider: MarginedJsonRpcProvider;
  let deployment: Deployment;
  let tracks: string[];
  let genesis: number;
  const dir = mkdtempSync(join(tmpdir(), "keeper-kill-"));
  const listeners = Array.from({ length: 12 }, () => Wallet.createRandom());
  const starts: number[] = [];

  function startKeeper(): ChildProcess {
    starts.push(Date.now());
    const log = openSync(join(dir, "keeper.log"), "a");
    const child = spawn(process.execPath, [join(import.meta.dirname, "../../keeper/src/cli.ts"), "run"], {
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        FLYAI_DEPLOYMENTS_DIR: dir,
        FLYAI_KEEPER_RPC: RPC,
        FLYAI_KEEPER_DATA: join(dir, "keeper"),
        FLYAI_KEEPER_PORT: String(KEEPER_PORT),
        FLYAI_KEEPER_CONFIRMATIONS: "0",
        FLYAI_KEEPER_POLL_MS: "200",
        FLYAI_KEEPER_EPOCH_SECONDS: String(EPOCH),
        FLYAI_KEEPER_EPOCH_GENESIS: String(genesis),
        FLYAI_KEEPER_EPOCH_GRACE: "1",
        FLYAI_KEEPER_STREAMING_WEI_PER_PLAY: String(STREAM_WEI_PER_PLAY),
      },
    });
    closeSync(log);
    return child;
  }

  /** The end of the keeper's log, for a failure message. */
  const keeperLog = () => readFileSync(join(dir, "keeper.log"), "utf8").split("\n").slice(-30).join("\n");

  async function kill(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; the keeper's log ends:\n${keeperLog()}`);
      await sleep(200);
    }
  }

  /** Kills and restarts the keeper at random moments until `done` holds; leaves one running. The deadline is
   * generous: beside the other test runners on 2 cores a life of 0.3–2.5 s is mostly the keeper's own start, so
   * progress (each step persisted, none repeated) comes a little per life. */
  async function chaos(done: () => Promise<boolean>, ms = 180_000): Promise<number> {
    let kills = 0;
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`no progress under kills; the keeper's log ends:\n${keeperLog()}`);
      await sleep(300 + Math.floor(Math.random() * 2_200));
      await kill(keeper);
      kills++;
      keeper = startKeeper();
    }
    return kills;
  }

  async function postPlays(epochStart: number, nonce: number) {
    const domain = playsDomain(31337, deployment.contracts.RewardsDistributor.address);
    const now = Math.floor(Date.now() / 1000);
    const reports = await Promise.all(
      listeners.map(async (listener, i) => {
        const value = {
          listener: listener.address,
          nonce,
          signedAt: now,
          plays: [{ trackId: tracks[i % tracks.length], startedAt: epochStart + 1 + i, playedSeconds: 30 + i }],
        };
        return { ...value, signature: await listener.signTypedData(domain, listeningReportTypes, value) };
      }),
    );
    const response = await fetch(`${API}/v1/plays/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reports }),
    });
    const body = (await response.json()) as { results: { status: number; outcome: string }[] };
    assert.deepEqual(
      body.results.map((r) => r.status),
      reports.map(() => 201),
      JSON.stringify(body),
    );
  }

  before(async () => {
    // 20 accounts: the keeper is account 19, as on the devnet
    anvil = spawn(
      anvilBinary(),
      ["--port", String(ANVIL_PORT), "--mnemonic", DEV_MNEMONIC, "--accounts", "20", "--silent"],
      {
        stdio: "ignore",
      },
    );
    const network = Network.from(31337);
    provider = new MarginedJsonRpcProvider(RPC, network, { staticNetwork: network, cacheTimeout: -1 });
    await waitFor("anvil", async () => (await provider.getBlockNumber()) >= 0 || undefined, 15_000);
    const deployer = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, "m/44'/60'/0'/0/0").connect(provider);
    const params = devnetParams([{ address: deployer.address, label: "deployer", amount: "1000000" }]);
    params.defi = {
      ...params.defi,
      rewards: {
        ...params.defi.rewards,
        keeper: keeperWallet.address,
        guardian: deployer.address,
        challengeWindowHours: 1,
      },
    };
    ({ deployment } = await deploySuite({
      signer: deployer,
      params,
      network: "kill-test",
      write: false,
      log: () => {},
    }));
    writeFileSync(join(dir, "31337.json"), JSON.stringify(deployment));
    // the timelock grants the distributor its budget (a proposal on a real network)
    const timelock = deployment.contracts.FlyTimelock.address;
    await provider.send("anvil_impersonateAccount", [timelock]);
    await provider.send("anvil_setBalance", [timelock, "0xde0b6b3a7640000"]);
    const asTimelock = await provider.getSigner(timelock);
    await (
      await MintToken__factory.connect(deployment.contracts.MintToken.address, asTimelock).setEmissionsBudget(
        deployment.contracts.RewardsDistributor.address,
        parseEther("1000000"),
      )
    ).wait();
    const creator = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, "m/44'/60'/0'/0/6").connect(provider);
    const suite = { deployment } as Parameters<typeof mintTrack>[0];
    tracks = [];
    for (const audio of ["kill test A", "kill test B", "kill test C"]) {
      tracks.push(BigInt(await mintTrack(suite, creator, audio)).toString());
    }
    genesis = Math.floor(Date.now() / 1000) - 2;
  });

  after(async () => {
    await kill(keeper);
    anvil?.kill("SIGTERM");
    provider?.destroy();
  });

  it("posts each root once, mines each transaction once and pays each claim what was computed", async () => {
    const distributor = RewardsDistributor__factory.connect(deployment.contracts.RewardsDistributor.address, provider);
    keeper = startKeeper();
    await waitFor("the keeper's API and its view of the tracks", async () => {
      const status = (await (await fetch(`${API}/v1/status`)).json()) as { lag: number | null };
      return status.lag === 0 || undefined;
    });
    await postPlays(genesis, 1);

    // epoch 1 closes and posts while the keeper is killed again and again
    let kills = await chaos(async () => (await distributor.latestRoot()).epoch >= 1n);
    // its challenge window passes; plays for the open epoch; more kills until that epoch's root is posted too
    const first = await distributor.latestRoot();
    await provider.send("evm_increaseTime", [
      Number(first.claimableAt) - (await provider.getBlock("latest"))!.timestamp + 1,
    ]);
    await provider.send("evm_mine", []);
    await waitFor("the keeper's API", async () => ((await fetch(`${API}/health`)).ok ? true : undefined));
    const open = genesis + Math.floor((Math.floor(Date.now() / 1000) - genesis) / EPOCH) * EPOCH;
    await postPlays(open, 2);
    kills += await chaos(async () => (await distributor.latestRoot()).epoch > first.epoch);
    // a last stretch without kills until the keeper has nothing in flight (on a busy machine its restart alone can
    // take seconds), then a clean stop (Ctrl-C): the keeper finishes what it started
    await sleep(4_000);
    await waitFor("the keeper to finish its pending transactions", async () => {
      const status = (await (await fetch(`${API}/v1/status`)).json()) as { pendingTransactions: unknown[] };
      return status.pendingTransactions.length === 0 || undefined;
    });
    const exited = new Promise<number | null>((resolve) => keeper!.once("exit", (code) => resolve(code)));
    keeper!.kill("SIGTERM");
    assert.equal(await exited, 0, keeperLog());
    keeper = undefined;
    assert.ok(kills >= 4, `the keeper was killed ${kills} times`);

    const store = new SqliteStore({ path: join(dir, "keeper", "keeper.sqlite") });
    try {
      // each epoch's root posted once, and the one the keeper computed
      const posted = await distributor.queryFilter(distributor.filters.RootPosted());
      const epochs = posted.map((e) => Number(e.args.epoch));
      assert.equal(new Set(epochs).size, epochs.length, `roots posted once per epoch: ${epochs}`);
      for (const event of posted) {
        const record = await store.epoch(Number(event.args.epoch));
        assert.equal(event.args.root, record?.root, `epoch ${event.args.epoch}'s root is the keeper's`);
      }
      // every keeper transaction mined once: the nonce equals the recorded transactions, none pending
      const intents = await store.intents({ limit: 10_000 });
      assert.deepEqual(
        intents.filter((i) => i.status !== "mined").map((i) => `${i.key}: ${i.status}`),
        [],
        "every recorded transaction was mined",
      );
      assert.equal(await provider.getTransactionCount(keeperWallet.address), intents.length);
      // each streaming deposit once: one per (epoch, track) intent, none beside them
      const splitter = RoyaltySplitter__factory.connect(deployment.contracts.RoyaltySplitter.address, provider);
      const deposits = (await splitter.queryFilter(splitter.filters.RevenueDeposited())).filter(
        (e) => e.args.from.toLowerCase() === keeperWallet.address.toLowerCase(),
      );
      assert.equal(deposits.length, intents.filter((i) => i.key.startsWith("stream:")).length);
      assert.ok(deposits.length > 0);

      // a listener claims its epoch-1 rewards (the live root) with the keeper's proof: paid what was computed
      const listener = listeners[0].address.toLowerCase();
      const proof = await fetch(`${API}/v1/proofs/${listener}`).catch(() => undefined);
      assert.equal(proof, undefined, "the keeper is stopped; the proof comes from its files below");
      const { createProofService } = await import("@flyaimusic/keeper/src/merkle/proofs.ts");
      const leaf = await createProofService(store).proof(listener, Number(first.epoch));
      assert.ok(leaf);
      const claimer = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, "m/44'/60'/0'/0/7").connect(provider);
      await (await distributor.connect(claimer).claim(listener, leaf.cumulative, leaf.proof)).wait();
      const token = MintToken__factory.connect(deployment.contracts.MintToken.address, provider);
      assert.equal(await token.balanceOf(listener), BigInt(leaf.cumulative));
      assert.equal(
        BigInt(leaf.cumulative),
        (await store.epochRewardsOf(listener))
          .filter((r) => r.epoch <= Number(first.epoch))
          .reduce((sum, r) => sum + r.amount, 0n),
      );
    } finally {
      await store.close();
    }
  });
});
