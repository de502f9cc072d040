// `npm run keeper -- <command>`: the keeper service and its one-shot operations, on the kit's CLI runner (the same
// parsing, help, declared options and positionals, and one-line errors as every other CLI here).
//
//   run                 watch the chain, run the jobs and serve the API until Ctrl-C
//   status              cursor, head and lag, epochs, pending transactions
//   catch-up            read the chain up to head - confirmations, with progress, then exit
//   epoch close         close every ended epoch now (compute, tree, post when allowed), with progress
//   proof <account>     the account's leaf and proof in the live root
//
// Configuration: environment variables FLYAI_KEEPER_* (see keeper/README.md) or a JSON file in FLYAI_KEEPER_CONFIG.
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { CliIO } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { type Program, runCli } from "@flyaimusic/kit/cli/run.ts";
import { print } from "@flyaimusic/kit/format.ts";
import { type KeeperConfig, loadConfig } from "./config.ts";
import { describeError, KeeperError } from "./errors.ts";
import { takeInstanceLock } from "./instance-lock.ts";
import { createLogger, type Logger } from "./log.ts";
import { createProgress } from "./progress.ts";
import { keeperStatus, openKeeper, startKeeper } from "./service.ts";
import type { KeeperContext } from "./compose.ts";

function setUp(io: CliIO): { config: KeeperConfig; log: Logger } {
  const config = loadConfig(io.env as NodeJS.ProcessEnv);
  return { config, log: createLogger({ level: config.log.level, format: config.log.format, component: "keeper" }) };
}

/** Opens the keeper's database and chain for a one-shot command; the commands that write hold the instance lock. */
async function withKeeper<T>(
  io: CliIO,
  command: string,
  writes: boolean,
  work: (k: KeeperContext, config: KeeperConfig) => Promise<T>,
): Promise<T> {
  const { config, log } = setUp(io);
  // the commands that write (catch-up, epoch close) must not run beside a keeper on the same database
  const release = writes ? takeInstanceLock(`${config.dbPath}.lock`, command) : () => {};
  try {
    const k = await openKeeper({ config, log });
    try {
      return await work(k, config);
    } finally {
      await k.close();
    }
  } finally {
    release();
  }
}

const offline = { options: [], network: "offline" } as const;

const run: Command = {
  name: "run",
  usage: "run",
  summary: "watch the chain, run the jobs (auctions, epochs, streaming) and serve the API until Ctrl-C",
  ...offline,
  async run(_args, io) {
    const { config, log } = setUp(io);
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
  },
};

const status: Command = {
  name: "status",
  usage: "status",
  summary:
    "cursor, head and lag, recent epochs, transactions not yet mined (asks the running keeper's API at " +
    "FLYAI_KEEPER_URL, default http://127.0.0.1:8600; else reads its database)",
  ...offline,
  async run(_args, io) {
    const { config } = setUp(io);
    // a running keeper answers for itself; otherwise read its database
    const url = io.env.FLYAI_KEEPER_URL ?? `http://${config.host}:${config.port}`;
    const answer = await fetch(`${url}/v1/status`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    if (answer?.ok) return print(io, `keeper at ${url}\n${JSON.stringify(await answer.json(), null, 2)}`);
    io.stderr.write(`no keeper answers at ${url}; reading its database ${config.dbPath}\n`);
    await withKeeper(io, "status", false, async (k) => print(io, JSON.stringify(await keeperStatus(k), null, 2)));
  },
};

const catchUp: Command = {
  name: "catch-up",
  usage: "catch-up",
  summary: "read the chain up to head - confirmations (progress shown), then exit",
  ...offline,
  async run(_args, io) {
    await withKeeper(io, "catch-up", true, async (k) => {
      const progress = createProgress("catch-up");
      const first = (await k.watcher.cursor())?.number ?? k.suite.startBlock;
      const started = Date.now();
      const result = await k.watcher.catchUp((step, target) =>
        progress.update(step.to - first, Math.max(1, target - first), `block ${step.to}`),
      );
      const seconds = (Date.now() - started) / 1000;
      progress.finish(`${result.events} events`);
      print(
        io,
        `read ${result.blocks} blocks and ${result.events} events in ${seconds.toFixed(1)} s` +
          (result.blocks ? ` (${Math.round(result.blocks / Math.max(seconds, 0.001))} blocks/s)` : ""),
      );
    });
  },
};

const epoch: Command = {
  name: "epoch",
  usage: "epoch close",
  summary: "close every ended epoch now: rewards, Merkle tree, root posted when the distributor allows",
  ...offline,
  positionals: [1, 1],
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== "close") throw new CliError(`unknown: epoch ${action}`, "the epoch command is `epoch close`");
    await withKeeper(io, "epoch", true, async (k, config) => {
      const progress = createProgress("epoch close");
      await k.watcher.catchUp();
      let steps = 0;
      const { done, waiting } = await k.jobs.epochs.tick((p) =>
        progress.update(++steps, steps + 1, `epoch ${p.epoch}: ${p.step}`),
      );
      progress.finish(done.length ? "done" : "nothing to do");
      for (const d of done) print(io, `epoch ${d.epoch}: ${d.step}`);
      if (waiting) print(io, `waiting: ${waiting}`);
      if (!done.length && !waiting) {
        const next = k.epochClock.epochAt(k.clock.now());
        const { end } = k.epochClock.bounds(next);
        print(
          io,
          `epoch ${next} is open until ${new Date(end * 1000).toISOString()} (+${config.epochGraceSeconds} s grace)`,
        );
      }
    });
  },
};

const proof: Command = {
  name: "proof",
  usage: "proof <account>",
  summary: "the account's cumulative rewards and Merkle proof in the live root",
  ...offline,
  positionals: [1, 1],
  async run(args, io) {
    const [account] = args.positionals;
    if (!/^0x[0-9a-fA-F]{40}$/.test(account))
      throw new CliError(`"${account}" is not an address (0x and 40 hex digits)`);
    await withKeeper(io, "proof", false, async (k) => {
      const { createProofService } = await import("./merkle/proofs.ts");
      const answer = await createProofService(k.store).proof(account.toLowerCase());
      if (!answer) throw new CliError(`${account} has no leaf in the live root (no rewards yet?)`);
      print(io, JSON.stringify(answer, null, 2));
    });
  },
};

export const KEEPER_PROGRAM: Program = {
  script: "keeper",
  about: "The FlyAIMusic keeper: the service (run) and its one-shot operations.",
  commands: [run, status, catchUp, epoch, proof],
  // a keeper error is the operator's to fix (configuration, a database of another chain, an unreachable node)
  userError: (error) => (error instanceof KeeperError ? new CliError(describeError(error)) : undefined),
  footer: [
    "configuration (environment, or a JSON file named by FLYAI_KEEPER_CONFIG):",
    "  FLYAI_KEEPER_RPC (default http://127.0.0.1:8545), FLYAI_KEEPER_RPC_FALLBACK, FLYAI_KEEPER_KEY or",
    "  FLYAI_KEEPER_KEYSTORE + FLYAI_KEEPER_KEYSTORE_PASSWORD, FLYAI_KEEPER_DB, FLYAI_KEEPER_DATA, FLYAI_KEEPER_PORT,",
    "  FLYAI_KEEPER_CONFIRMATIONS, FLYAI_KEEPER_EPOCH_SECONDS, FLYAI_KEEPER_LOG=json; see keeper/README.md",
  ].join("\n"),
};

if (import.meta.main) {
  process.exitCode = await runCli(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr, env: process.env },
    KEEPER_PROGRAM,
  );
}
