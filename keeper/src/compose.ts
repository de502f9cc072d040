// The keeper's parts wired together: config -> store -> chain -> read model, watcher, sender, pricing -> jobs. Nothing
// runs yet: `keeper run` starts the loops and the API around this (service.ts), the one-shot commands (cli.ts) use
// it as it is. A new job is built here (its file in jobs/) and ticked by a loop in run-loops.ts.
import { findDeployment, type Deployment } from "@flyaimusic/bindings";
import type { Signer } from "ethers";
import { createChainTime } from "./chain/chain-time.ts";
import { createReadModel, type ReadModel } from "./chain/read-model.ts";
import { type ChainClient, createChainClient } from "./chain/rpc.ts";
import { createTxSender, type TxSender } from "./chain/sender.ts";
import { suiteAddresses, type SuiteAddresses } from "./chain/suite.ts";
import { createWatcher, type Watcher } from "./chain/watcher.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { KeeperConfig } from "./config.ts";
import { probeChainId } from "./devnet.ts";
import { KeeperError } from "./errors.ts";
import { createAuctionsJob } from "./jobs/auctions.ts";
import { createEpochClock, type EpochClock } from "./jobs/epoch-clock.ts";
import { createEpochsJob } from "./jobs/epochs.ts";
import { createPlayMultipliersJob } from "./jobs/play-multipliers.ts";
import { createStreamingJob } from "./jobs/streaming.ts";
import type { Logger } from "./log.ts";
import { fileTreeBuilder } from "./merkle/file-builder.ts";
import { createMetrics, KEEPER_METRICS, type Metrics } from "./metrics.ts";
import { createPricing } from "./pricing/service.ts";
import { computeEpochRewards } from "./rewards/model.ts";
import { loadSigner } from "./signer.ts";
import { openSqliteStore } from "./store/sqlite.ts";
import type { KeeperStore } from "./store/store.ts";

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

/**
 * The epoch schedule (genesis and length) belongs to the database as the chain does: plays, closed epochs and paid
 * balances are counted in its epochs. Another length or genesis on the same database would close "new" epochs over
 * time already paid (an audit measured cumulative balances going from 2,055,000 to 3,045,000 MINT after a restart
 * with a shorter FLYAI_KEEPER_EPOCH_SECONDS), so a change is refused with what to do instead.
 */
async function epochSchedule(store: KeeperStore, config: KeeperConfig, clock: Clock): Promise<EpochClock> {
  const storedGenesis = await store.meta("epochGenesis");
  const storedSeconds = await store.meta("epochSeconds");
  const genesis =
    config.epochGenesis ??
    (storedGenesis ? Number(storedGenesis) : Math.floor(clock.now() / config.epochSeconds) * config.epochSeconds);
  if (storedGenesis !== undefined && Number(storedGenesis) !== genesis) {
    throw new KeeperError(
      `the keeper database counts epochs from ${storedGenesis}, not ${genesis} (FLYAI_KEEPER_EPOCH_GENESIS): the ` +
        "epochs already closed and paid would be counted again; keep the database's genesis, or start a new " +
        "database (FLYAI_KEEPER_DB) for a new schedule",
    );
  }
  // a database from before the length was recorded keeps the length it is opened with now
  if (storedSeconds !== undefined && Number(storedSeconds) !== config.epochSeconds) {
    throw new KeeperError(
      `the keeper database's epochs last ${storedSeconds} s, not ${config.epochSeconds} s ` +
        "(FLYAI_KEEPER_EPOCH_SECONDS): a new length would close epochs inside time already paid; keep " +
        `FLYAI_KEEPER_EPOCH_SECONDS=${storedSeconds}, or start a new database (FLYAI_KEEPER_DB) for a new schedule`,
    );
  }
  if (storedGenesis === undefined) await store.setMeta("epochGenesis", String(genesis));
  if (storedSeconds === undefined) await store.setMeta("epochSeconds", String(config.epochSeconds));
  return createEpochClock(genesis, config.epochSeconds);
}

/** Builds every part of the keeper without starting loops or the API (the CLI's one-shot commands use this). */
export async function openKeeper(deps: KeeperDeps): Promise<KeeperContext> {
  const { config, log } = deps;
  const clock = deps.clock ?? systemClock;
  const chainId = deps.chain?.chainId ?? (await probeChainId(config.rpcUrls[0]));
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
  const epochClock = await epochSchedule(store, config, clock);
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
