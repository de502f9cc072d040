// Closing an epoch of N accounts end to end, as the keeper does it: read the epoch's plays from the store, run the
// fraud filters and the reward model, record the rewards and the new cumulative balances (one transaction), build
// the Merkle tree of every balance and write it, load it as the proofs API does and serve a proof. Runs in a child
// process so its peak memory (maxRSS) is its own; the store is filled first (not timed).
//
//   node bench/keeper/epoch-close.bench.ts [--accounts 1000000]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "../bench-row.ts";
import type { TrackInfo } from "../../keeper/src/domain.ts";
import { manualClock } from "../../keeper/src/clock.ts";
import { memoryLogger } from "../../keeper/src/log.ts";
import { fileTreeBuilder } from "../../keeper/src/merkle/file-builder.ts";
import { createProofService } from "../../keeper/src/merkle/proofs.ts";
import { computeEpochRewards } from "../../keeper/src/rewards/model.ts";
import { SqliteStore } from "../../keeper/src/store/sqlite.ts";
import type { KeeperStore } from "../../keeper/src/store/store.ts";
import type { ReadModel } from "../../keeper/src/chain/read-model.ts";
import { createEpochClock } from "../../keeper/src/jobs/epoch-clock.ts";
import { createEpochsJob } from "../../keeper/src/jobs/epochs.ts";

const GENESIS = 1_800_000_000;
const EPOCH = 86_400;
const TRACKS = 1_000;
const TARGET_SECONDS = 15;
const TARGET_MIB = 1024;

interface Measurement {
  accounts: number;
  plays: number;
  readAndModelSeconds: number;
  recordSeconds: number;
  treeSeconds: number;
  proofReadySeconds: number;
  totalSeconds: number;
  maxRssMiB: number;
  root: string;
}

function address(i: number, salt: number): string {
  return `0x${salt.toString(16).padStart(8, "0")}${i.toString(16).padStart(32, "0")}`;
}

async function measure(accounts: number): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), "epoch-close-bench-"));
  try {
    const store = new SqliteStore({ path: join(dir, "keeper.sqlite") });
    const tracks: TrackInfo[] = Array.from({ length: TRACKS }, (_, t) => ({
      trackId: String(1_000_000 + t),
      registeredAt: GENESIS - 30 * 86_400,
      tier: 0,
      creators: [{ account: address(t, 0xc0ffee), shareBps: 10_000 }],
      owner: address(t, 0xbeef),
    }));
    // one listener, one report, one play of 30-210 s each: the widest epoch for its size
    for (let from = 0; from < accounts; from += 20_000) {
      const batch = [];
      for (let i = from; i < Math.min(accounts, from + 20_000); i++) {
        const listener = address(i, 0x1157e7);
        batch.push({
          digest: `0x${i.toString(16).padStart(64, "0")}`,
          listener,
          nonce: 1,
          signedAt: GENESIS + 3_600,
          receivedAt: GENESIS + 3_600,
          plays: [
            {
              listener,
              trackId: tracks[i % TRACKS].trackId,
              startedAt: GENESIS + (i % 80_000),
              playedSeconds: 30 + (i % 180),
            },
          ],
        });
      }
      await store.insertReports(batch);
    }
    const readModel = { tracks: async () => tracks } as unknown as ReadModel;
    const clock = manualClock(GENESIS + EPOCH + 120);
    const budget = {
      listen: 40_000n * 10n ** 18n,
      holder: 15_000n * 10n ** 18n,
      create: 25_000n * 10n ** 18n,
      engagement: 10_000n * 10n ** 18n,
      discovery: 10_000n * 10n ** 18n,
    };
    const phases = { model: 0, record: 0 };
    const job = createEpochsJob({
      store: {
        ...(bindAll(store) as unknown as KeeperStore),
        recordEpoch: async (c) => {
          const started = performance.now();
          await store.recordEpoch(c);
          phases.record += (performance.now() - started) / 1000;
        },
      },
      readModel,
      epochClock: createEpochClock(GENESIS, EPOCH),
      clock,
      log: memoryLogger(),
      budget,
      dataDir: dir,
      graceSeconds: 60,
      compute: (input) => computeEpochRewards(input),
      trees: fileTreeBuilder,
    });
    const started = performance.now();
    await job.compute(1);
    const computed = performance.now();
    phases.model = (computed - started) / 1000 - phases.record;
    await job.tree(1);
    const built = performance.now();
    const proofs = createProofService(store);
    const record = (await store.epochs(1))[0];
    await store.updateEpoch(1, { status: "live", updatedAt: clock.now() });
    const proof = await proofs.proof(address(12_345 % accounts, 0x1157e7), 1);
    if (!proof) throw new Error("no proof for a listener of the epoch");
    const ready = performance.now();
    await store.close();
    return {
      accounts,
      plays: accounts,
      readAndModelSeconds: phases.model,
      recordSeconds: phases.record,
      treeSeconds: (built - computed) / 1000,
      proofReadySeconds: (ready - built) / 1000,
      totalSeconds: (ready - started) / 1000,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      root: record.root!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The store's methods bound to it, so one can be wrapped (timed) without subclassing. */
function bindAll(store: SqliteStore) {
  const proto = Object.getPrototypeOf(store) as Record<string, unknown>;
  const bound: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(proto)) {
    const value = (store as unknown as Record<string, unknown>)[name];
    if (name !== "constructor" && typeof value === "function")
      bound[name] = (value as (...a: unknown[]) => unknown).bind(store);
  }
  return bound as unknown as SqliteStore;
}

function measureInChild(accounts: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--child", String(accounts)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`epoch close bench child exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as Measurement);
    });
  });
}

export async function run(options: { accounts?: number } = {}): Promise<BenchRow[]> {
  const accounts = options.accounts ?? 1_000_000;
  process.stderr.write(`epoch close, ${accounts.toLocaleString("en")} accounts (filling the store first) …\n`);
  const m = await measureInChild(accounts);
  process.stderr.write(
    `  ${m.totalSeconds.toFixed(2)} s (plays + model ${m.readAndModelSeconds.toFixed(2)}, record ${m.recordSeconds.toFixed(2)}, tree ${m.treeSeconds.toFixed(2)}, proofs ready ${m.proofReadySeconds.toFixed(2)}), max RSS ${m.maxRssMiB.toFixed(0)} MiB\n`,
  );
  const label = accounts >= 1_000_000 ? `${accounts / 1_000_000}M` : `${accounts / 1000}k`;
  return [
    {
      operation: `close an epoch of ${label} accounts (plays -> filters -> rewards -> balances -> tree -> proofs ready)`,
      baseline: accounts === 1_000_000 ? "305 (library tree alone)" : "-",
      ours: m.totalSeconds.toFixed(2),
      unit: "s",
      ratio: accounts === 1_000_000 ? 305 / m.totalSeconds : 0,
      notes: `target <= ${TARGET_SECONDS} s; plays+model ${m.readAndModelSeconds.toFixed(1)} s, record ${m.recordSeconds.toFixed(1)} s, tree ${m.treeSeconds.toFixed(1)} s, proofs ${m.proofReadySeconds.toFixed(1)} s`,
    },
    {
      operation: `close an epoch of ${label} accounts: peak memory`,
      baseline: accounts === 1_000_000 ? "2003 (library tree alone)" : "-",
      ours: m.maxRssMiB.toFixed(0),
      unit: "MiB",
      ratio: accounts === 1_000_000 ? 2003 / m.maxRssMiB : 0,
      notes: `target <= ${TARGET_MIB} MiB (max RSS of the closing process)`,
    },
  ];
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    process.stdout.write(JSON.stringify(await measure(Number(args[1]))) + "\n");
  } else {
    const accounts = args[0] === "--accounts" ? Number(args[1]) : undefined;
    console.table(await run({ accounts }));
  }
}
