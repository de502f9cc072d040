// `keeper run` as a function: the keeper's parts (compose.ts) with its loops (run-loops.ts) and the HTTP API
// (api/) around them, and a stop that ends them in order. Resolves once the API listens. The public entry for programs and tests that run a keeper.
import { createApiServices } from "./api/services.ts";
import { type KeeperContext, type KeeperDeps, openKeeper } from "./compose.ts";
import { describeError } from "./errors.ts";
import { takeInstanceLock } from "./instance-lock.ts";
import { createProofService } from "./merkle/proofs.ts";
import { createIngest } from "./plays/ingest.ts";
import { startLoops } from "./run-loops.ts";
import { oldestUnmined } from "./chain/stuck.ts";

export { type KeeperContext, type KeeperDeps, openKeeper } from "./compose.ts";
export { keeperStatus } from "./status.ts";

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
  const { config, log, metrics } = k;
  const stopping = new AbortController();

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

  const ingest = createIngest({
    store: k.store,
    readModel: k.readModel,
    epochClock: k.epochClock,
    clock: k.clock,
    metrics,
    log: log.child("plays"),
    chainId: k.chain.chainId,
    verifyingContract: k.suite.address("RewardsDistributor"),
    limits: config.plays,
  });
  metrics.gauge("keeper_plays_total", "Plays stored in all", () => k.store.playCount());
  metrics.gauge(
    "keeper_oldest_unmined_transaction_seconds",
    "How long the oldest transaction the keeper signed has waited for a receipt (0: none waiting)",
    async () => (await oldestUnmined(k.store, k.clock.now()))?.waitingSeconds ?? 0,
  );
  // the loops first: after a crash the jobs resume at once, while the HTTP layer (Fastify, loaded here) comes up
  const loops = startLoops(k, stopping.signal);
  const services = createApiServices(k, {
    ingest,
    proofs: createProofService(k.store),
    watcherHealth: () => loops.watcherHealth(),
  });
  const { createApi } = await import("./api/server.ts");
  const api = createApi({
    host: config.host,
    port: config.port,
    maxBodyBytes: config.plays.maxBodyBytes,
    services,
    metrics,
    log: log.child("api"),
  });
  let port: number;
  try {
    port = await api.listen();
  } catch (error) {
    // the port is taken (or similar): stop what started, and say why
    stopping.abort();
    await loops.done();
    await ingest.close();
    await k.close();
    release();
    throw error;
  }
  log.info("keeper API listening", { url: `http://${config.host}:${port}` });

  return {
    context: k,
    port,
    async stop() {
      stopping.abort();
      await api.close();
      await loops.done();
      await ingest.close();
      await k.close();
      release();
      log.info("keeper stopped");
    },
  };
}
