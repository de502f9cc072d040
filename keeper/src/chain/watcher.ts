// Follows the suite's events from a persisted cursor: reads ranges of blocks up to `head - confirmations` with one
// eth_getLogs per range (not per block), stores each range's events and the cursor in one transaction, and before
// every step checks that the block under the cursor is still the chain's. When it is not (a reorg deeper than the
// confirmation depth), it walks back through its recorded block hashes to the newest one the chain still has,
// deletes every event above it, and reads forward again: what depended on the dropped blocks is re-derived.
import type { JsonRpcApiProvider, Log } from "ethers";
import type { Clock } from "../clock.ts";
import { KeeperError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Checkpoint, KeeperStore, StoredEvent } from "../store/store.ts";
import type { ChainClient } from "./rpc.ts";
import { type SuiteAddresses, WATCHED } from "./suite.ts";

export interface WatcherOptions {
  chain: ChainClient;
  store: KeeperStore;
  suite: SuiteAddresses;
  clock: Clock;
  log: Logger;
  /** Blocks below the head an event must be before the keeper acts on it. */
  confirmations: number;
  /** Most blocks per eth_getLogs (nodes cap ranges; 2,000 suits most providers). */
  maxRange?: number;
  /** Recorded block hashes kept for finding a common ancestor. */
  keepCheckpoints?: number;
  /** Cursor name (one per watched stream). */
  name?: string;
}

export interface WatchStep {
  from: number;
  to: number;
  /** Blocks read in this step (0 when caught up or after a rollback). */
  read: number;
  events: number;
  reorg?: { depth: number; rolledBackTo: number; eventsRemoved: number };
  /** True when the cursor reached head - confirmations. */
  caughtUp: boolean;
}

export interface Watcher {
  /** Reads the next range (or handles a reorg); call in a loop. */
  step(): Promise<WatchStep>;
  /** Steps until caught up; `onProgress` after each range (for a progress bar). */
  catchUp(onProgress?: (step: WatchStep, target: number) => void): Promise<{ blocks: number; events: number }>;
  cursor(): Promise<Checkpoint | undefined>;
}

function plain(value: unknown): string | boolean | string[] {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return /^0x[0-9a-fA-F]{40}$/.test(value) ? value.toLowerCase() : value;
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => String(plain(v)));
  if (typeof value === "number") return String(value);
  return String(value);
}

export function createWatcher(options: WatcherOptions): Watcher {
  const { chain, store, suite, log } = options;
  const name = options.name ?? `events:${suite.chainId}`;
  const maxRange = options.maxRange ?? 2_000;
  const keep = options.keepCheckpoints ?? 512;
  const addresses = [...suite.byAddress.keys()];
  const topics = new Map<string, { contract: string; event: string }>();
  for (const [contract, { iface, events }] of Object.entries(WATCHED)) {
    for (const event of events) {
      const fragment = iface.getEvent(event);
      if (!fragment) throw new KeeperError(`${contract} has no event ${event}: regenerate the bindings`);
      topics.set(fragment.topicHash, { contract, event });
    }
  }
  const topicFilter = [[...topics.keys()]];
  const blockTimes = new Map<string, number>();

  function decode(entry: Log, blockTime: number): StoredEvent | undefined {
    const contract = suite.byAddress.get(entry.address.toLowerCase());
    const known = topics.get(entry.topics[0]);
    if (!contract || !known || known.contract !== contract) return undefined;
    const parsed = WATCHED[contract].iface.parseLog({ topics: [...entry.topics], data: entry.data });
    if (!parsed) return undefined;
    const args: StoredEvent["args"] = {};
    parsed.fragment.inputs.forEach((input, i) => {
      args[input.name || `arg${i}`] = plain(parsed.args[i]);
    });
    const tokenId = typeof args.tokenId === "string" ? args.tokenId : undefined;
    return {
      block: entry.blockNumber,
      logIndex: entry.index,
      blockHash: entry.blockHash,
      txHash: entry.transactionHash,
      blockTime,
      contract,
      name: parsed.name,
      tokenId,
      args,
    };
  }

  async function block(provider: JsonRpcApiProvider, number: number) {
    const b = await provider.getBlock(number);
    if (!b || !b.hash) throw new KeeperError(`the node has no block ${number} although it reported a higher head`);
    return b;
  }

  async function start(): Promise<Checkpoint> {
    const existing = await store.cursor(name);
    if (existing) return existing;
    const first = Math.max(0, options.suite.startBlock - 1);
    const b = await chain.run(`block ${first}`, (p) => block(p, first));
    const checkpoint = { number: first, hash: b.hash! };
    await store.applyRange(name, checkpoint, [], []);
    log.info("watcher starts", { fromBlock: first + 1 });
    return checkpoint;
  }

  /** The newest recorded block the chain still has: where to roll back to. */
  async function commonAncestor(from: number): Promise<Checkpoint> {
    let below = from;
    for (;;) {
      const candidates = await store.checkpointsBelow(below, 64);
      if (candidates.length === 0) {
        throw new KeeperError(
          `reorg deeper than the ${keep} recorded blocks (below ${below}): stop the keeper, delete its database ` +
            "(FLYAI_KEEPER_DB) and start it again to re-read the chain",
        );
      }
      for (const c of candidates) {
        const onChain = await chain.run(`block ${c.number}`, (p) => p.getBlock(c.number));
        if (onChain?.hash === c.hash) return c;
      }
      below = candidates.at(-1)!.number - 1;
    }
  }

  async function step(): Promise<WatchStep> {
    const cursor = await start();
    const head = await chain.run("head", (p) => p.getBlockNumber());
    // is the block under the cursor still the chain's?
    const under = await chain.run(`block ${cursor.number}`, (p) => p.getBlock(cursor.number));
    if (!under || under.hash !== cursor.hash) {
      const ancestor = await commonAncestor(cursor.number - 1);
      const { eventsRemoved } = await store.rollbackTo(name, ancestor);
      const depth = cursor.number - ancestor.number;
      log.warn("reorg: rolled back", { depth, to: ancestor.number, eventsRemoved });
      return {
        from: ancestor.number,
        to: ancestor.number,
        read: 0,
        events: 0,
        reorg: { depth, rolledBackTo: ancestor.number, eventsRemoved },
        caughtUp: false,
      };
    }
    const target = head - options.confirmations;
    if (target <= cursor.number) return { from: cursor.number, to: cursor.number, read: 0, events: 0, caughtUp: true };
    const from = cursor.number + 1;
    const to = Math.min(target, cursor.number + maxRange);
    const end = await chain.run(`block ${to}`, (p) => block(p, to));
    const logs = await chain.run(`getLogs ${from}-${to}`, (p) =>
      p.getLogs({ address: addresses, topics: topicFilter, fromBlock: from, toBlock: to }),
    );
    // the range's last block unchanged across the read means every block of the range is on that same chain (each
    // block commits to its parent): otherwise a reorg happened while reading, and this step is simply read again
    const endAfter = await chain.run(`block ${to}`, (p) => block(p, to));
    if (endAfter.hash !== end.hash) {
      log.warn("the chain changed while reading a range; reading it again", { from, to });
      return { from, to: cursor.number, read: 0, events: 0, caughtUp: false };
    }
    const checkpoints = new Map<number, string>();
    const events: StoredEvent[] = [];
    for (const entry of logs) {
      if (entry.removed) continue;
      let time = blockTimes.get(entry.blockHash);
      if (time === undefined) {
        const b = await chain.run(`block ${entry.blockNumber}`, (p) => block(p, entry.blockNumber));
        if (b.hash !== entry.blockHash) {
          log.warn("a log's block is no longer the chain's; reading the range again", { block: entry.blockNumber });
          return { from, to: cursor.number, read: 0, events: 0, caughtUp: false };
        }
        time = b.timestamp;
        blockTimes.set(entry.blockHash, time);
        if (blockTimes.size > 10_000) blockTimes.clear();
      }
      checkpoints.set(entry.blockNumber, entry.blockHash);
      const event = decode(entry, time);
      if (event) events.push(event);
    }
    const toCheckpoint = { number: to, hash: end.hash! };
    await store.applyRange(
      name,
      toCheckpoint,
      events,
      [...checkpoints].map(([number, hash]) => ({ number, hash })),
    );
    await store.pruneCheckpoints(keep);
    return { from, to, read: to - from + 1, events: events.length, caughtUp: to >= target };
  }

  async function catchUp(onProgress?: (s: WatchStep, target: number) => void) {
    let blocks = 0;
    let events = 0;
    for (;;) {
      const s = await step();
      blocks += s.read;
      events += s.events;
      if (onProgress) {
        const head = await chain.run("head", (p) => p.getBlockNumber());
        onProgress(s, head - options.confirmations);
      }
      if (s.caughtUp) return { blocks, events };
    }
  }

  return { step, catchUp, cursor: () => store.cursor(name) };
}
