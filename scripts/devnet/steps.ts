// What the devnet does once its chains answer: an ordered list of steps (deploy, seed, later the keeper and the web
// app). A step gets the context, may start processes through the supervisor, and adds what the reader should see to
// the summary printed when the devnet is ready.
import type { Deployment } from "@flyaimusic/bindings";
import type { DevAccount } from "./accounts.ts";
import type { Chain } from "./anvil.ts";
import type { Logger } from "./log.ts";
import type { Supervisor } from "./supervisor.ts";

export interface SummarySection {
  title: string;
  lines: string[];
}

export interface TryCommand {
  command: string;
  /** What it shows or does, one line. */
  why: string;
}

export interface DevnetContext {
  /** Chains by name ("home"). */
  chains: ReadonlyMap<string, Chain>;
  /** The chain named `name`; throws if the devnet has none. */
  chain(name: string): Chain;
  /** Dev mnemonic accounts 0..19, labelled (deployer, alice, bob, carol, dave, nova, echo, ...). */
  accounts: DevAccount[];
  /** Deployments written so far, by chain name. */
  deployments: Map<string, Deployment>;
  supervisor: Supervisor;
  /** Folder for logs and the pid file (`.devnet/`). */
  stateDir: string;
  log: Logger;
  /** Sections of the ready summary, in order. */
  summary: SummarySection[];
  /** "What to try" commands printed last. */
  tryCommands: TryCommand[];
}

export interface DevnetStep {
  title: string;
  run(context: DevnetContext): Promise<void>;
}

export async function runSteps(steps: readonly DevnetStep[], context: DevnetContext): Promise<void> {
  for (const step of steps) {
    const started = performance.now();
    context.log.step(step.title);
    await step.run(context);
    context.log.info(context.log.dim(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`));
  }
}
