// `npm run keeper -- <command>`: the keeper service and its one-shot operations.
//
//   run                 watch the chain, run the jobs and serve the API until Ctrl-C
//   status              cursor, head and lag, epochs, pending transactions
//   catch-up            read the chain up to head - confirmations, with progress, then exit
//   epoch close         close every ended epoch now (compute, tree, post when allowed), with progress
//   proof <account>     the account's leaf and proof in the live root
//
// Configuration: environment variables FLYAI_KEEPER_* (see keeper/README.md) or a JSON file in FLYAI_KEEPER_CONFIG.
import { parseArgs } from "node:util";
import { loadConfig } from "./config.ts";
import { describeError, KeeperError } from "./errors.ts";
import { createLogger } from "./log.ts";
import { takeInstanceLock } from "./instance-lock.ts";
import { createProgress } from "./progress.ts";
import { keeperStatus, openKeeper, startKeeper } from "./service.ts";

const USAGE = `usage: npm run keeper -- <command>

  run                 watch the chain, run the jobs (auctions, epochs, streaming) and serve the API until Ctrl-C
  status              cursor, head and lag, recent epochs, transactions not yet mined (asks the running keeper's
                      API at FLYAI_KEEPER_URL, default http://127.0.0.1:8600; else reads its database)
  catch-up            read the chain up to head - confirmations (progress shown), then exit
  epoch close         close every ended epoch now: rewards, Merkle tree, root posted when the distributor allows
  proof <account>     the account's cumulative rewards and Merkle proof in the live root

configuration (environment, or a JSON file named by FLYAI_KEEPER_CONFIG):
  FLYAI_KEEPER_RPC (default http://127.0.0.1:8545), FLYAI_KEEPER_RPC_FALLBACK, FLYAI_KEEPER_KEY or
  FLYAI_KEEPER_KEYSTORE + FLYAI_KEEPER_KEYSTORE_PASSWORD, FLYAI_KEEPER_DB, FLYAI_KEEPER_DATA, FLYAI_KEEPER_PORT,
  FLYAI_KEEPER_CONFIRMATIONS, FLYAI_KEEPER_EPOCH_SECONDS, FLYAI_KEEPER_LOG=json; see keeper/README.md`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
  } catch (error) {
    throw new KeeperError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  const [command, ...rest] = values.help ? ["help"] : positionals;
  if (!command || command === "help") {
    process.stdout.write(USAGE + "\n");
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const log = createLogger({ level: config.log.level, format: config.log.format, component: "keeper" });

  if (command === "run") {
    const keeper = await startKeeper({ config, log });
    const status = await keeperStatus(keeper.context);
    log.info("keeper running", {
      chainId: status.chainId,
      keeper: status.keeper,
      cursor: (status.cursor as { block: number } | null)?.block,
      epochSeconds: config.epochSeconds,
    });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    log.info("stopping: finishing the current step");
    await keeper.stop();
    return 0;
  }

  if (command === "status") {
    // a running keeper answers for itself; otherwise read its database
    const url = process.env.FLYAI_KEEPER_URL ?? `http://${config.host}:${config.port}`;
    const answer = await fetch(`${url}/v1/status`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    if (answer?.ok) {
      process.stdout.write(`keeper at ${url}\n${JSON.stringify(await answer.json(), null, 2)}\n`);
      return 0;
    }
    process.stderr.write(`no keeper answers at ${url}; reading its database ${config.dbPath}\n`);
  }
  // the commands that write (catch-up, epoch close) must not run beside a keeper on the same database
  const release = ["catch-up", "epoch"].includes(command)
    ? takeInstanceLock(`${config.dbPath}.lock`, command)
    : () => {};
  const k = await openKeeper({ config, log });
  try {
    switch (command) {
      case "status": {
        process.stdout.write(JSON.stringify(await keeperStatus(k), null, 2) + "\n");
        return 0;
      }
      case "catch-up": {
        const progress = createProgress("catch-up");
        const first = (await k.watcher.cursor())?.number ?? k.suite.startBlock;
        const started = Date.now();
        const result = await k.watcher.catchUp((step, target) =>
          progress.update(step.to - first, Math.max(1, target - first), `block ${step.to}`),
        );
        const seconds = (Date.now() - started) / 1000;
        progress.finish(`${result.events} events`);
        process.stdout.write(
          `read ${result.blocks} blocks and ${result.events} events in ${seconds.toFixed(1)} s` +
            (result.blocks ? ` (${Math.round(result.blocks / Math.max(seconds, 0.001))} blocks/s)` : "") +
            "\n",
        );
        return 0;
      }
      case "epoch": {
        if (rest[0] !== "close") throw new KeeperError(`unknown: epoch ${rest[0] ?? ""}; try: epoch close`);
        const progress = createProgress("epoch close");
        await k.watcher.catchUp();
        let steps = 0;
        const { done, waiting } = await k.jobs.epochs.tick((p) =>
          progress.update(++steps, steps + 1, `epoch ${p.epoch}: ${p.step}`),
        );
        progress.finish(done.length ? "done" : "nothing to do");
        for (const d of done) process.stdout.write(`epoch ${d.epoch}: ${d.step}\n`);
        if (waiting) process.stdout.write(`waiting: ${waiting}\n`);
        if (!done.length && !waiting) {
          const next = k.epochClock.epochAt(k.clock.now());
          const { end } = k.epochClock.bounds(next);
          process.stdout.write(
            `epoch ${next} is open until ${new Date(end * 1000).toISOString()} (+${config.epochGraceSeconds} s grace)\n`,
          );
        }
        return 0;
      }
      case "proof": {
        const account = rest[0];
        if (!account || !/^0x[0-9a-fA-F]{40}$/.test(account)) throw new KeeperError("usage: proof <0x account>");
        const { createProofService } = await import("./merkle/proofs.ts");
        const answer = await createProofService(k.store).proof(account.toLowerCase());
        if (!answer) throw new KeeperError(`${account} has no leaf in the live root (no rewards yet?)`);
        process.stdout.write(JSON.stringify(answer, null, 2) + "\n");
        return 0;
      }
      default:
        throw new KeeperError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await k.close();
    release();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`keeper: ${describeError(error)}\n`);
  process.exitCode = error instanceof KeeperError ? 2 : 1;
}
