// The keeper as one process: config -> store -> chain -> jobs (watcher, auctions, epochs, streaming) -> HTTP API.
// Each loop catches its own failures, logs them, counts them in the metrics and tries again after a backoff, so an
// RPC outage pauses the jobs and they resume where their persisted state says, never from the start.
import { findDeployment, type Deployment } from "@flyaimusic/bindings";
import { HDNodeWallet, type Signer, Wallet } from "ethers";
import { readFileSync } from "node:fs";
import { createIngest } from "./api/ingest.ts";
import { createMetrics, KEEPER_METRICS, type Metrics } from "./api/metrics.ts";
import { createProofService } from "./api/proofs.ts";
import { createApi, type ApiServices } from "./api/server.ts";
import { createReadModel, type ReadModel } from "./chain/read-model.ts";
import { type ChainClient, createChainClient } from "./chain/rpc.ts";
import { createTxSender, type TxSender } from "./chain/sender.ts";
import { suiteAddresses, type SuiteAddresses } from "./chain/suite.ts";
import { createWatcher, type Watcher } from "./chain/watcher.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { KeeperConfig } from "./config.ts";
import { describeError, KeeperError } from "./errors.ts";
import { createAuctionsJob } from "./jobs/auctions.ts";
import { createEpochClock, type EpochClock } from "./jobs/epoch-clock.ts";
import { createEpochsJob } from "./jobs/epochs.ts";
import { createPlayMultipliersJob } from "./jobs/play-multipliers.ts";
import { createStreamingJob } from "./jobs/streaming.ts";
import type { Logger } from "./log.ts";
import { fileTreeBuilder } from "./merkle/file-builder.ts";
import { createPricing } from "./pricing/service.ts";
import { createChainTime } from "./chain/chain-time.ts";
import { computeEpochRewards } from "./rewards/model.ts";
import { takeInstanceLock } from "./instance-lock.ts";
import { openSqliteStore } from "./store/sqlite.ts";
import type { KeeperStore } from "./store/store.ts";

/** Dev mnemonic account the devnet makes keeper of the auction, staking and rewards contracts. */
export const DEVNET_KEEPER_INDEX = 19;
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const DEVNET_CHAIN_IDS = [31337, 31338];

export interface KeeperDeps {
  config: KeeperConfig;
  log: Logger;
  clock?: Clock;
  /** Tests bring their own (in-memory, or shared across a simulated restart). */
  store?: KeeperStore;
  /** Tests bring their own (in-process network, fault injection). */
  chain?: ChainClient;
  deployment?: Deployment;
  signer?: Signer;
}

export interface KeeperContext {
  config: KeeperConfig;
  log: Logger;
  clock: Clock;
  store: KeeperStore;
  chain: ChainClient;
  deployment: Deployment;
  suite: SuiteAddresses;
  readModel: ReadModel;
  watcher: Watcher;
  epochClock: EpochClock;
  sender?: TxSender;
  /** Prices for the API and the auctions job (one instance for both). */
  pricing: ReturnType<typeof createPricing>;
  metrics: Metrics;
  jobs: {
    auctions?: ReturnType<typeof createAuctionsJob>;
    epochs: ReturnType<typeof createEpochsJob>;
    streaming?: ReturnType<typeof createStreamingJob>;
    multipliers?: ReturnType<typeof createPlayMultipliersJob>;
  };
  close(): Promise<void>;
}

async function chainIdOf(url: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    signal: AbortSignal.timeout(5_000),
  }).catch((error: unknown) => {
    throw new KeeperError(`cannot reach the RPC endpoint ${url} (${describeError(error)}): is the node running?`);
  });
  const body = (await response.json()) as { result?: string };
  if (!body.result) throw new KeeperError(`${url} did not answer eth_chainId`);
  return Number(BigInt(body.result));
}

async function loadSigner(config: KeeperConfig, chainId: number, log: Logger): Promise<Signer | undefined> {
  if (config.key && "privateKey" in config.key) return new Wallet(config.key.privateKey);
  if (config.key && "keystore" in config.key) {
    try {
      return await Wallet.fromEncryptedJson(readFileSync(config.key.keystore, "utf8"), config.key.password);
    } catch (error) {
      throw new KeeperError(
        `cannot open the keystore ${config.key.keystore}: ${describeError(error)}; check FLYAI_KEEPER_KEYSTORE_PASSWORD`,
      );
    }
  }
  if (DEVNET_CHAIN_IDS.includes(chainId)) {
    log.info("devnet: signing with the dev mnemonic's keeper account", { index: DEVNET_KEEPER_INDEX });
    return HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${DEVNET_KEEPER_INDEX}`);
  }
  log.warn("no keeper key (FLYAI_KEEPER_KEY or FLYAI_KEEPER_KEYSTORE): read-only, no transactions are sent");
  return undefined;
}

/** One database, one chain: nonces, cursors and roots recorded for one chain are wrong on another (a restarted
 * devnet has the same chain id and a new genesis block). */
async function checkChainIdentity(store: KeeperStore, chain: ChainClient): Promise<void> {
  const genesis = await chain.run("block 0", (p) => p.getBlock(0));
  const identity = `${chain.chainId}:${genesis?.hash}`;
  const recorded = await store.meta("chain");
  if (recorded === undefined) return store.setMeta("chain", identity);
  if (recorded !== identity) {
    throw new KeeperError(
      `the keeper database belongs to chain ${recorded.split(":")[0]} with genesis ${recorded.split(":")[1]}, not this one ` +
        `(${identity.split(":")[1]}): point FLYAI_KEEPER_DB at another file (a restarted devnet is a new chain)`,
    );
  }
}

/** Builds every part of the keeper without starting loops or the API (the CLI's one-shot commands use this). */
export async function openKeeper(deps: KeeperDeps): Promise<KeeperContext> {
  const { config, log } = deps;
  const clock = deps.clock ?? systemClock;
  const chainId = deps.chain?.chainId ?? (await chainIdOf(config.rpcUrls[0]));
  const deployment = deps.deployment ?? findDeployment(chainId);
  if (!deployment) {
    throw new KeeperError(
      `no FlyAIMusic deployment for chain ${chainId}: run \`npm start\` (devnet) or \`npm run deploy -- --rpc <url>\`, ` +
        "or set FLYAI_DEPLOYMENTS_DIR",
    );
  }
  const store = deps.store ?? openSqliteStore(config.dbPath);
  const chain = deps.chain ?? createChainClient({ urls: config.rpcUrls, chainId, clock, log: log.child("rpc") });
  const suite = suiteAddresses(deployment);
  await checkChainIdentity(store, chain);
  const metrics = createMetrics(KEEPER_METRICS);
  const readModel = createReadModel(store);
  const watcher = createWatcher({
    chain,
    store,
    suite,
    clock,
    log: log.child("watcher"),
    confirmations: config.confirmations,
  });
  let genesis = config.epochGenesis;
  if (genesis === undefined) {
    const stored = await store.meta("epochGenesis");
    genesis = stored ? Number(stored) : Math.floor(clock.now() / config.epochSeconds) * config.epochSeconds;
    if (!stored) await store.setMeta("epochGenesis", String(genesis));
  }
  const epochClock = createEpochClock(genesis, config.epochSeconds);
  const signer = deps.signer ?? (await loadSigner(config, chainId, log));
  const sender = signer ? await createTxSender({ chain, signer, store, clock, log: log.child("tx") }) : undefined;
  const pricing = createPricing({ store, readModel, chainTime: createChainTime(chain, clock) });
  const jobs: KeeperContext["jobs"] = {
    auctions: sender
      ? createAuctionsJob({
          chain,
          sender,
          readModel,
          auctionAddress: suite.address("DutchAuction"),
          clock,
          log: log.child("auctions"),
          startAuctions: config.jobs.auctions,
          startDelaySeconds: config.auctionStartDelaySeconds,
          plan: (authorization) => pricing.planAuction(authorization),
        })
      : undefined,
    epochs: createEpochsJob({
      store,
      readModel,
      epochClock,
      clock,
      log: log.child("epochs"),
      budget: config.budget,
      dataDir: config.dataDir,
      graceSeconds: config.epochGraceSeconds,
      compute: (input) => computeEpochRewards(input),
      trees: fileTreeBuilder,
      chain,
      sender,
      distributorAddress: suite.address("RewardsDistributor"),
    }),
    streaming:
      sender && config.jobs.streaming && config.streamingWeiPerPlay > 0n
        ? createStreamingJob({
            store,
            sender,
            splitterAddress: suite.address("RoyaltySplitter"),
            weiPerPlay: config.streamingWeiPerPlay,
            clock,
            log: log.child("streaming"),
          })
        : undefined,
    multipliers: sender
      ? createPlayMultipliersJob({
          store,
          readModel,
          chain,
          sender,
          stakingAddress: suite.address("NFTStakingVault"),
          clock,
          log: log.child("staking"),
        })
      : undefined,
  };
  return {
    config,
    log,
    clock,
    store,
    chain,
    deployment,
    suite,
    readModel,
    watcher,
    epochClock,
    sender,
    pricing,
    metrics,
    jobs,
    async close() {
      if (!deps.chain) chain.destroy();
      if (!deps.store) await store.close();
    },
  };
}

/** What `keeper status` prints and GET /v1/status answers. */
export async function keeperStatus(k: KeeperContext): Promise<Record<string, unknown>> {
  const [cursor, head, epochs, pending, events, plays, auctions, optIns] = await Promise.all([
    k.watcher.cursor(),
    k.chain.run("head", (p) => p.getBlockNumber()).catch(() => undefined),
    k.store.epochs(5),
    k.store.intents({ status: ["signed", "sent"], limit: 20 }),
    k.store.eventCount(),
    k.store.playCount(),
    k.readModel.liveAuctions(),
    k.readModel.openAuthorizations(),
  ]);
  const now = k.clock.now();
  const current = k.epochClock.epochAt(now);
  const { end } = k.epochClock.bounds(current);
  return {
    chainId: k.chain.chainId,
    keeper: k.sender?.address ?? null,
    cursor: cursor ? { block: cursor.number, hash: cursor.hash } : null,
    head: head ?? null,
    lag: head !== undefined && cursor ? Math.max(0, head - cursor.number) : null,
    confirmations: k.config.confirmations,
    events,
    plays,
    epoch: { current, endsAt: new Date(end * 1000).toISOString(), lengthSeconds: k.epochClock.seconds },
    epochs: epochs.map((e) => ({
      epoch: e.epoch,
      status: e.status,
      root: e.root ?? null,
      accounts: e.accounts ?? null,
      total: e.total?.toString() ?? null,
      plays: e.summary?.plays ?? null,
      flagged: e.summary?.flagged ?? null,
    })),
    pendingTransactions: pending.map((i) => ({ key: i.key, nonce: i.nonce, hash: i.hash, status: i.status })),
    pendingWork: {
      auctionsLive: auctions.length,
      auctionsToSettle: auctions.filter((a) => a.settleableFrom <= now).length,
      optInsWaiting: optIns.length,
      epochsNotLive: epochs.filter((e) => !["live", "superseded", "vetoed"].includes(e.status)).map((e) => e.epoch),
    },
  };
}

export interface RunningKeeper {
  context: KeeperContext;
  port: number;
  stop(): Promise<void>;
}

/** Starts the loops and the API; resolves once the API listens. */
export async function startKeeper(deps: KeeperDeps): Promise<RunningKeeper> {
  const release = deps.store ? () => {} : takeInstanceLock(`${deps.config.dbPath}.lock`, "keeper run");
  const k = await openKeeper(deps).catch((error: unknown) => {
    release();
    throw error;
  });
  const { config, log, clock, metrics } = k;
  const stopping = new AbortController();
  let lastWatch = { at: clock.nowMs(), ok: true, error: undefined as string | undefined };

  if (k.sender) {
    // not fatal: a transaction that cannot go out yet (the node down, the account unfunded) is retried by its job,
    // which finds it recorded under its key; the API and the watcher start meanwhile
    await k.sender
      .resume()
      .then((resumed) => {
        if (resumed) log.info("resumed transactions recorded before the last stop", { count: resumed });
      })
      .catch((error: unknown) =>
        log.error("could not finish a transaction recorded before the last stop; its job retries it", {
          error: describeError(error),
        }),
      );
  }

  const proofs = createProofService(k.store);
  const ingest = createIngest({
    store: k.store,
    readModel: k.readModel,
    epochClock: k.epochClock,
    clock,
    metrics,
    log: log.child("plays"),
    chainId: k.chain.chainId,
    verifyingContract: k.suite.address("RewardsDistributor"),
    limits: config.plays,
  });

  const services: ApiServices = {
    submitReports: (reports, client) => ingest.submitReports(reports, client),
    submitEngagement: (item, client) => ingest.submitEngagement(item, client),
    proof: (account, epoch) => proofs.proof(account, epoch),
    rewards: async (account) => {
      const [balance, history, proof] = await Promise.all([
        k.store.balanceOf(account),
        k.store.epochRewardsOf(account),
        proofs.proof(account),
      ]);
      return {
        account,
        cumulative: balance?.cumulative.toString() ?? "0",
        byEpoch: history.map((h) => ({ epoch: h.epoch, category: h.category, amount: h.amount.toString() })),
        claimable: proof ?? null,
      };
    },
    epochs: async () =>
      (await k.store.epochs(100)).map((e) => ({ ...e, total: e.total?.toString(), summary: undefined })),
    epoch: async (n) => {
      const record = await k.store.epoch(n);
      if (!record) return undefined;
      return { ...record, total: record.total?.toString(), flags: await k.store.flags(n) };
    },
    price: (request) => k.pricing.suggest(request),
    quality: async (kind, subject) => k.store.quality(kind, subject),
    status: () => keeperStatus(k),
    health: async () => {
      const staleMs = clock.nowMs() - lastWatch.at;
      const ok = lastWatch.ok && staleMs < Math.max(30_000, config.pollMs * 10);
      return { ok, detail: { watcher: lastWatch.ok ? "ok" : lastWatch.error, lastStepMsAgo: staleMs } };
    },
  };
  const api = createApi({
    host: config.host,
    port: config.port,
    maxBodyBytes: config.plays.maxBodyBytes,
    services,
    metrics,
    log: log.child("api"),
  });
  metrics.gauge("keeper_plays_total", "Plays stored in all", () => k.store.playCount());
  const port = await api.listen();
  log.info("keeper API listening", { url: `http://${config.host}:${port}` });

  const loops: Promise<void>[] = [];
  function loop(name: string, intervalMs: number, work: () => Promise<void>) {
    loops.push(
      (async () => {
        let failures = 0;
        while (!stopping.signal.aborted) {
          try {
            await work();
            failures = 0;
            metrics.inc("keeper_job_runs_total", { job: name, outcome: "ok" });
            await clock.sleep(intervalMs, stopping.signal);
          } catch (error) {
            failures++;
            metrics.inc("keeper_job_runs_total", { job: name, outcome: "error" });
            const wait = Math.min(60_000, intervalMs * 2 ** Math.min(failures, 6));
            log.error(`${name} failed; trying again`, { inMs: wait, error: describeError(error) });
            await clock.sleep(wait, stopping.signal);
          }
        }
      })(),
    );
  }

  loop("watcher", config.pollMs, async () => {
    try {
      for (;;) {
        const step = await k.watcher.step();
        metrics.inc("keeper_watcher_blocks_total", {}, step.read);
        metrics.inc("keeper_watcher_events_total", {}, step.events);
        if (step.reorg) metrics.inc("keeper_reorgs_total");
        metrics.set("keeper_cursor_block", step.to);
        lastWatch = { at: clock.nowMs(), ok: true, error: undefined };
        if (step.caughtUp || stopping.signal.aborted) break;
      }
      if (k.jobs.auctions) {
        const tick = await k.jobs.auctions.tick();
        metrics.inc("keeper_auctions_settled_total", {}, tick.settled.length);
        metrics.inc("keeper_auctions_started_total", {}, tick.started.length);
      }
    } catch (error) {
      lastWatch = { at: lastWatch.at, ok: false, error: describeError(error) };
      throw error;
    }
  });
  if (config.jobs.epochs) {
    loop("epochs", Math.max(1_000, config.pollMs), async () => {
      const { done, waiting } = await k.jobs.epochs.tick();
      for (const step of done) {
        if (step.step === "compute") metrics.inc("keeper_epochs_closed_total");
        if (step.step === "post") metrics.inc("keeper_roots_posted_total");
      }
      if (waiting) log.debug("epochs waiting", { why: waiting });
      await k.jobs.streaming?.tick();
      await k.jobs.multipliers?.tick();
    });
  }

  return {
    context: k,
    port,
    async stop() {
      stopping.abort();
      await api.close();
      await Promise.allSettled(loops);
      await ingest.close();
      await k.close();
      release();
      log.info("keeper stopped");
    },
  };
}
