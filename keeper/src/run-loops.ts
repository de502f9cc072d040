// The keeper's loops, supervised: each catches its own failures, logs them, counts them in the metrics and tries
// again after a backoff, so an RPC outage pauses the jobs and they resume where their persisted state says, never
// from the start. A new job gets its tick called from one of these loops (or a loop of its own via `loop`).
import type { KeeperContext } from "./compose.ts";
import { describeError } from "./errors.ts";

/** How the watcher loop is doing, for GET /health. */
export interface WatcherHealth {
  /** When the watcher last finished a step (or the loops started), ms. */
  at: number;
  ok: boolean;
  error: string | undefined;
}

export interface RunningLoops {
  watcherHealth(): WatcherHealth;
  /** Resolves when every loop has seen `signal` abort and finished its current step. */
  done(): Promise<void>;
}

/** Starts the watcher loop (then the auctions job, on each new block range) and the epochs loop (then streaming
 * and staking multipliers, which follow epoch closes). */
export function startLoops(k: KeeperContext, signal: AbortSignal): RunningLoops {
  const { config, log, clock, metrics } = k;
  let lastWatch: WatcherHealth = { at: clock.nowMs(), ok: true, error: undefined };
  const loops: Promise<void>[] = [];

  function loop(name: string, intervalMs: number, work: () => Promise<void>) {
    loops.push(
      (async () => {
        let failures = 0;
        while (!signal.aborted) {
          try {
            await work();
            failures = 0;
            metrics.inc("keeper_job_runs_total", { job: name, outcome: "ok" });
            await clock.sleep(intervalMs, signal);
          } catch (error) {
            failures++;
            metrics.inc("keeper_job_runs_total", { job: name, outcome: "error" });
            const wait = Math.min(60_000, intervalMs * 2 ** Math.min(failures, 6));
            log.error(`${name} failed; trying again`, { inMs: wait, error: describeError(error) });
            await clock.sleep(wait, signal);
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
        if (step.caughtUp || signal.aborted) break;
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
    watcherHealth: () => lastWatch,
    done: async () => {
      await Promise.allSettled(loops);
    },
  };
}
