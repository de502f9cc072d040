// Proof latency under load: the keeper's HTTP API serving proofs of a 1M-account epoch. The server runs in its own
// process (as in production), the load generator here (node:http, keep-alive). First 64 clients back to back (closed
// loop: the most it serves, its saturation rate); then a steady open-loop load at half of that measured saturation
// (the latency a claimant sees while the keeper is half busy: the same load on any machine, so the figure means the
// same everywhere), and at the fixed 5,000 requests a second (comparable with earlier runs on this machine, but a
// heavier load on a slower one). Latencies are round trips on loopback as the client saw them, its own time included.
//
//   node bench/keeper/proofs.bench.ts [--leaves 1000000] [--seconds 10]
import { spawn } from "node:child_process";
import { Agent, get } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "../bench-row.ts";
import { memoryLogger } from "../../keeper/src/log.ts";
import { RewardTree } from "../../keeper/src/merkle/tree.ts";
import { SqliteStore } from "../../keeper/src/store/sqlite.ts";
import { createMetrics, KEEPER_METRICS } from "../../keeper/src/metrics.ts";
import { createProofService } from "../../keeper/src/merkle/proofs.ts";
import { createApi } from "../../keeper/src/api/server.ts";
import type { ApiServices } from "../../keeper/src/api/services.ts";

const CONCURRENCY = 64;
/** The fixed steady load (proofs a second) earlier runs were measured under. */
const RATE = 5_000;
/** The relative steady load: this share of the saturation rate measured in the same run. */
const LOAD_SHARE = 0.5;
const TARGET_P99_MS = 5;

function address(i: number): string {
  return `0x${"a11ce".padStart(8, "0")}${i.toString(16).padStart(32, "0")}`;
}

/** Child: builds the tree, records it as epoch 1 and serves it; prints the port. */
async function serve(leaves: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "proofs-bench-"));
  const tree = RewardTree.build(
    Array.from({ length: leaves }, (_, i) => ({ account: address(i), cumulative: BigInt(i + 1) * 10n ** 15n })),
  );
  const file = join(dir, "epoch-1.tree");
  await tree.writeTo(file);
  const store = new SqliteStore({ path: ":memory:" });
  await store.recordEpoch({
    epoch: 1,
    start: 0,
    end: 1,
    rewards: new Map(),
    flags: [],
    quality: [],
    summary: {},
    at: 1,
  });
  await store.updateEpoch(1, {
    status: "live",
    root: tree.root,
    total: tree.total,
    treeFile: file,
    accounts: leaves,
    updatedAt: 1,
  });
  const proofs = createProofService(store);
  const api = createApi({
    host: "127.0.0.1",
    port: 0,
    maxBodyBytes: 1024,
    services: { proof: (account, epoch) => proofs.proof(account, epoch) } as ApiServices &
      Record<string, unknown> as ApiServices,
    metrics: createMetrics(KEEPER_METRICS),
    log: memoryLogger(),
  });
  const port = await api.listen();
  await proofs.proof(address(0)); // load the tree before the clock starts
  process.stdout.write(`${port}\n`);
  process.once("SIGTERM", () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

function request(agent: Agent, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path, agent }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

export async function run(options: { leaves?: number; seconds?: number } = {}): Promise<BenchRow[]> {
  const leaves = options.leaves ?? 1_000_000;
  const seconds = options.seconds ?? 10;
  process.stderr.write(`proofs under load: building and serving a ${leaves.toLocaleString("en")}-leaf tree …\n`);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve", String(leaves)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (chunk) => resolve(Number(String(chunk).trim())));
    child.once("exit", (code) => reject(new Error(`proof server exited with ${code}`)));
  });
  try {
    // node:http with keep-alive: a light client, so the load generator takes less of the two cores from the server
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let seed = 7;
    const nextAccount = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return address(seed % leaves);
    };
    let failures = 0;
    const ask = async (latencies: number[]) => {
      const started = performance.now();
      const { status, body } = await request(agent, port, `/v1/proofs/${nextAccount()}`);
      if (status !== 200 || !(JSON.parse(body) as { proof?: string[] }).proof) failures++;
      latencies.push(performance.now() - started);
    };
    const percentile = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    };

    // open loop: requests sent at `rate` per second whatever the answers, so the figure is the latency a claimant
    // sees while the keeper serves that load
    const steadyLoad = async (rate: number, duration: number, latencies: number[]) => {
      const inflight: Promise<void>[] = [];
      const began = performance.now();
      const total = Math.round(rate * duration);
      for (let sent = 0; sent < total;) {
        const due = Math.floor(((performance.now() - began) / 1000) * rate);
        for (; sent < Math.min(due, total); sent++) inflight.push(ask(latencies));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await Promise.all(inflight);
    };
    const steadyRow = async (rate: number, label: string) => {
      process.stderr.write(`  steady load ${label}: ${rate.toFixed(0)}/s for ${seconds} s …\n`);
      const latencies: number[] = [];
      await steadyLoad(rate, seconds, latencies);
      const p50 = percentile(latencies, 0.5);
      const p99 = percentile(latencies, 0.99);
      process.stderr.write(`  ${latencies.length} proofs, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms\n`);
      return { p50, p99 };
    };
    process.stderr.write(`  warm-up: ${RATE}/s for 2 s (connections opened, code compiled; not counted) …\n`);
    await steadyLoad(RATE, 2, []);

    // 1. saturation: CONCURRENCY clients back to back (closed loop): the most the keeper serves on this machine
    process.stderr.write(`  saturation: ${CONCURRENCY} clients back to back for ${seconds} s …\n`);
    const saturated: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) await ask(saturated);
      }),
    );
    const rate = saturated.length / seconds;
    process.stderr.write(
      `  ${saturated.length} proofs, ${rate.toFixed(0)}/s, p50 ${percentile(saturated, 0.5).toFixed(2)} ms, p99 ${percentile(saturated, 0.99).toFixed(2)} ms\n`,
    );

    // 2. latency at a load relative to that saturation, then at the fixed rate
    const relative = await steadyRow(rate * LOAD_SHARE, `at ${LOAD_SHARE * 100}% of saturation`);
    const fixed = await steadyRow(RATE, "at the fixed rate");
    if (failures > 0) throw new Error(`${failures} proof requests failed`);
    const size = leaves >= 1_000_000 ? `${leaves / 1_000_000}M` : String(leaves);
    return [
      {
        operation: `serve a proof (${size}-leaf tree) at ${LOAD_SHARE * 100}% of saturation (${(rate * LOAD_SHARE).toFixed(0)} requests/s): p99`,
        baseline: "-",
        ours: relative.p99.toFixed(2),
        unit: "ms",
        ratio: TARGET_P99_MS / relative.p99,
        notes: `target p99 <= ${TARGET_P99_MS} ms on loopback (ratio = target / ours); p50 ${relative.p50.toFixed(2)} ms; the load is relative to this machine's measured saturation, so the figure compares across machines`,
      },
      {
        operation: `serve a proof (${size}-leaf tree) at ${RATE.toLocaleString("en")} requests/s: p99`,
        baseline: "-",
        ours: fixed.p99.toFixed(2),
        unit: "ms",
        ratio: TARGET_P99_MS / fixed.p99,
        notes: `p50 ${fixed.p50.toFixed(2)} ms; a fixed rate is ${((RATE / rate) * 100).toFixed(0)}% of this machine's saturation (a heavier load on a slower machine)`,
      },
      {
        operation: `serve proofs (${size}-leaf tree): saturation, ${CONCURRENCY} clients`,
        baseline: "-",
        ours: rate.toFixed(0),
        unit: "proofs/s",
        ratio: 0,
        notes: `p50 ${percentile(saturated, 0.5).toFixed(2)} ms, p99 ${percentile(saturated, 0.99).toFixed(2)} ms (queueing at full load); client and server share the 2 cores`,
      },
    ];
  } finally {
    child.kill("SIGTERM");
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === "--serve") await serve(Number(args[1]));
  else {
    const leaves = args.includes("--leaves") ? Number(args[args.indexOf("--leaves") + 1]) : undefined;
    const seconds = args.includes("--seconds") ? Number(args[args.indexOf("--seconds") + 1]) : undefined;
    console.table(await run({ leaves, seconds }));
  }
}
