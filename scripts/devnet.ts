// `npm start`: the FlyAIMusic devnet. Starts the local chain(s) with anvil on 127.0.0.1, deploys the suite, seeds
// demo data, prints addresses and what to try, then runs until Ctrl-C, which stops every child process.
//
//   npm start                        run until Ctrl-C
//   npm start -- --exit-after-seed   stop after seeding and printing (CI, tests); also FLYAI_DEVNET_ONCE=1
//
// Environment: FLYAI_DEVNET_PORT (RPC port of the home chain, default 8545), FLYAI_DEVNET_DIR (logs and pid file,
// default .devnet/), FLYAI_DEPLOYMENTS_DIR (deployment files, default deployments/), FLYAI_ANVIL (anvil binary).
//
// Shape: chains (scripts/devnet/anvil.ts) -> steps (scripts/devnet/steps.ts) -> summary; every child process belongs
// to the supervisor (scripts/devnet/supervisor.ts). A later area adds a chain to `chains()` or a step to `steps()`.
//
// Nothing imported at the top needs the generated bindings: `ensureBindings` builds them first on a fresh checkout,
// and the chain launcher and the steps that use them are imported after it (test/devnet-imports.test.ts checks this).
import { join, relative } from "node:path";
import { devAccounts } from "./devnet/accounts.ts";
import type { Chain, ChainSpec } from "./devnet/anvil.ts";
import { ensureBindings } from "./devnet/build.ts";
import { claimInstance, type Instance } from "./devnet/instance.ts";
import { createLogger, DevnetError } from "./devnet/log.ts";
import { type DevnetContext, type DevnetStep, runSteps } from "./devnet/steps.ts";
import { createSupervisor, describeExit } from "./devnet/supervisor.ts";

const USAGE = `usage: npm start [-- --exit-after-seed]

Starts the FlyAIMusic devnet: anvil on 127.0.0.1, the suite deployed, demo data seeded.
Ctrl-C stops it. --exit-after-seed (or FLYAI_DEVNET_ONCE=1) stops it once it is seeded.

environment: FLYAI_DEVNET_PORT (home chain, default 8545; the remote chain takes the next port), FLYAI_DEVNET_DIR (default .devnet/),
             FLYAI_DEPLOYMENTS_DIR (default deployments/), FLYAI_ANVIL (anvil binary)`;

const root = join(import.meta.dirname, "..");

function port(): number {
  const raw = process.env.FLYAI_DEVNET_PORT ?? "8545";
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new DevnetError(`FLYAI_DEVNET_PORT must be a TCP port number, not "${raw}"`);
  return value;
}

/** The chains of the devnet, started in this order. */
function chains(): ChainSpec[] {
  return [
    { name: "home", chainId: 31337, port: port() },
    { name: "remote", chainId: 31338, port: port() + 1 },
  ];
}

/** What runs once the chains answer, in this order. */
async function steps(): Promise<DevnetStep[]> {
  const { deployGovernance, seedGovernance } = await import("./devnet/governance.ts");
  const { launchDefi } = await import("./devnet/launch.ts");
  const { seedAuctions, seedMusic } = await import("./devnet/music.ts");
  const { DEVNET_AUCTION_DELAY, runKeeper } = await import("./devnet/keeper.ts");
  const { seedDefi } = await import("./devnet/defi.ts");
  const { bridgeHints, deployBridges } = await import("./devnet/bridge.ts");
  return [
    deployGovernance("home"),
    deployGovernance("remote"),
    deployBridges("home", "remote"),
    launchDefi("home"),
    seedMusic("home"),
    seedDefi("home"),
    // the keeper's first epoch moves the chain's clock an hour (its challenge window): before the live auction and
    // the open proposal, which it would end
    runKeeper("home"),
    seedAuctions("home", DEVNET_AUCTION_DELAY),
    seedGovernance("home"),
    bridgeHints("home", "remote"),
  ];
}

const log = createLogger();
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  log.plain(USAGE);
  process.exit(0);
}
const unknown = args.filter((arg) => arg !== "--exit-after-seed");
if (unknown.length > 0) {
  log.error(`unknown argument ${unknown[0]}\n${USAGE}`);
  process.exit(2);
}
const once = args.includes("--exit-after-seed") || process.env.FLYAI_DEVNET_ONCE === "1";
const stateDir = process.env.FLYAI_DEVNET_DIR ?? join(root, ".devnet");
const started = performance.now();

let instance: Instance | undefined;
let shuttingDown = false;
const running = new Map<string, Chain>();

const supervisor = createSupervisor({
  onUnexpectedExit(child, status) {
    log.error(`${child.name} ${describeExit(status)} unexpectedly. Last lines of its output (${child.logFile}):`);
    for (const line of child.tail()) process.stderr.write(`${line}\n`);
    void shutdown(1);
  },
  onChange(children) {
    instance?.update({
      children: children
        .filter((child) => !child.exitStatus)
        .map((child) => ({ name: child.name, pid: child.pid, command: child.command })),
    });
  },
});

/** Stops every child, removes the pid file and exits. Runs once: a second Ctrl-C (npm forwards one) changes nothing. */
async function shutdown(code: number, why?: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  if (why) log.plain(`\n${why}`);
  for (const chain of running.values()) chain.provider.destroy();
  await supervisor.stopAll();
  instance?.release();
  if (why) log.plain("devnet stopped");
  process.exit(code);
}

// However the devnet ends, its pid file goes with it (the supervisor likewise kills its children on exit).
process.once("exit", () => instance?.release());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(0, `${signal === "SIGINT" ? "Ctrl-C" : signal}: stopping the devnet ...`));
}

function printSummary(context: DevnetContext, deploymentPath: (chainId: number) => string): void {
  const { bold } = log;
  log.plain();
  log.plain(bold("FlyAIMusic devnet"));
  for (const chain of running.values()) {
    const deployment = context.deployments.get(chain.name);
    log.plain();
    log.plain(bold(`chain ${chain.name}`));
    log.plain(`    chain id  ${chain.chainId}`);
    log.plain(`    RPC       ${chain.rpcUrl}  (${chain.client}, log ${chain.process.logFile})`);
    if (!deployment) continue;
    const file = deploymentPath(chain.chainId);
    log.plain(`    deployed  ${relative(process.cwd(), file).startsWith("..") ? file : relative(process.cwd(), file)}`);
    for (const [name, contract] of Object.entries(deployment.contracts)) {
      log.plain(`    ${name.padEnd(20)}${contract.address}`);
    }
  }
  for (const section of context.summary) {
    log.plain();
    log.plain(bold(section.title));
    for (const line of section.lines) log.plain(`    ${line}`);
  }
  if (context.tryCommands.length > 0) {
    log.plain();
    log.plain(bold("what to try"));
    for (const { command, why } of context.tryCommands) {
      log.plain(`    ${command}`);
      log.plain(log.dim(`        ${why}`));
    }
  }
  log.plain();
}

async function main(): Promise<void> {
  log.step("starting the FlyAIMusic devnet");
  instance = await claimInstance(stateDir, log);
  log.info(`logs and pid file in ${stateDir}`);
  await ensureBindings(root, log);
  const { deploymentPath } = await import("@flyaimusic/bindings");
  const { startChain } = await import("./devnet/anvil.ts");
  const plan = await steps();
  for (const spec of chains()) {
    log.step(`chain ${spec.name}: anvil, chain id ${spec.chainId}, port ${spec.port}`);
    running.set(spec.name, await startChain(spec, { supervisor, stateDir, log }));
    instance.update({ rpcUrls: [...running.values()].map((chain) => chain.rpcUrl) });
  }
  const context: DevnetContext = {
    chains: running,
    chain(name) {
      const chain = running.get(name);
      if (!chain) throw new Error(`devnet: no chain named ${name}`);
      return chain;
    },
    accounts: devAccounts(),
    deployments: new Map(),
    supervisor,
    stateDir,
    log,
    summary: [],
    tryCommands: [],
  };
  await runSteps(plan, context);
  printSummary(context, deploymentPath);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (once) {
    log.plain(`devnet ready in ${seconds} s; --exit-after-seed: stopping`);
    await shutdown(0);
  }
  log.plain(log.bold(`devnet ready in ${seconds} s. Ctrl-C stops it.`));
}

main().catch((error: unknown) => {
  if (shuttingDown) return; // a signal or a crashed child is already stopping everything
  if (error instanceof DevnetError) log.error(error.message);
  else log.error(`the devnet failed to start: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  void shutdown(1);
});
