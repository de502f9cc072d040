// Catch-up speed: how fast the watcher reads the suite's history after downtime, against a real local node
// (anvil) with the suite deployed, some activity, and 20,000 empty blocks on top. The baseline, in the same run
// against the same node, is the naive reader: one eth_getLogs per block.
//
//   node bench/keeper/catch-up.bench.ts [--blocks 20000]
import { anvilBinary } from "../../scripts/devnet/anvil.ts";
import { devnetParams } from "@flyaimusic/deploy/params.ts";
import { deploySuite } from "@flyaimusic/deploy/suite.ts";
import { MarginedJsonRpcProvider, MusicNFT__factory } from "@flyaimusic/bindings";
import { HDNodeWallet, Network, sha256, toUtf8Bytes } from "ethers";
import { spawn } from "node:child_process";
import type { BenchRow } from "../bench-row.ts";
import { systemClock } from "../../keeper/src/clock.ts";
import { memoryLogger } from "../../keeper/src/log.ts";
import { SqliteStore } from "../../keeper/src/store/sqlite.ts";
import { createChainClient } from "../../keeper/src/chain/rpc.ts";
import { suiteAddresses, WATCHED } from "../../keeper/src/chain/suite.ts";
import { createWatcher } from "../../keeper/src/chain/watcher.ts";
import { DEV_MNEMONIC } from "@flyaimusic/kit/devnet.ts";

const PORT = 18_745;
const BASELINE_BLOCKS = 2_000;
/**
 * Empty blocks mined per request. anvil's cost per mined block grows with the chain's length (measured here: the
 * 1st, 2nd and 3rd thousand took 0.9, 2.4 and 3.8 s on a busy machine; 20,000 in one request took 5 min), so one
 * request for all of them can outlast any request timeout. Small requests keep each one short and show progress.
 */
const MINE_CHUNK = 500;

/** Mines `count` empty blocks in small requests, reporting progress: bounded by progress, not one long request. */
async function mineEmptyBlocks(provider: MarginedJsonRpcProvider, count: number): Promise<void> {
  const started = performance.now();
  let reported = started;
  for (let mined = 0; mined < count;) {
    const next = Math.min(MINE_CHUNK, count - mined);
    await provider.send("anvil_mine", [`0x${next.toString(16)}`]);
    mined += next;
    if (performance.now() - reported > 5_000 || mined === count) {
      reported = performance.now();
      const seconds = ((reported - started) / 1000).toFixed(0);
      process.stderr.write(
        `  mined ${mined.toLocaleString("en")} of ${count.toLocaleString("en")} empty blocks (${seconds} s)\n`,
      );
    }
  }
}
const TARGET = 5_000;

export async function run(options: { blocks?: number } = {}): Promise<BenchRow[]> {
  const emptyBlocks = options.blocks ?? 20_000;
  const url = `http://127.0.0.1:${PORT}`;
  const anvil = spawn(anvilBinary(), ["--port", String(PORT), "--mnemonic", DEV_MNEMONIC, "--silent"], {
    stdio: "ignore",
  });
  try {
    const network = Network.from(31337);
    const provider = new MarginedJsonRpcProvider(url, network, { staticNetwork: network, cacheTimeout: -1 });
    for (let i = 0; ; i++) {
      try {
        await provider.getBlockNumber();
        break;
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    process.stderr.write(
      `catch-up: suite deployed on anvil, activity, ${emptyBlocks.toLocaleString("en")} empty blocks …\n`,
    );
    const wallet = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, "m/44'/60'/0'/0/0").connect(provider);
    const params = devnetParams([{ address: wallet.address, label: "deployer", amount: "1000000" }]);
    const { deployment } = await deploySuite({ signer: wallet, params, network: "bench", write: false, log: () => {} });
    const music = MusicNFT__factory.connect(deployment.contracts.MusicNFT.address, wallet);
    const fee = (await music.tierConfig(0)).mintFee;
    const mint = async (i: number) =>
      (
        await music.mint(
          {
            contentHash: sha256(toUtf8Bytes(`bench track ${i}`)),
            metadataDigest: sha256(toUtf8Bytes(`bench metadata ${i}`)),
            metadataCodec: 0x55,
            tier: 0,
            licenseId: 1,
            to: wallet.address,
            coAuthors: [],
          },
          { value: fee },
        )
      ).wait();
    for (let i = 0; i < 20; i++) await mint(i);
    await mineEmptyBlocks(provider, emptyBlocks);
    for (let i = 20; i < 40; i++) await mint(i);
    const head = await provider.getBlockNumber();
    const suite = suiteAddresses(deployment);

    // ours: ranged reads from the deployment block
    const chain = createChainClient({ urls: [url], chainId: 31337, clock: systemClock, log: memoryLogger() });
    const store = new SqliteStore({ path: ":memory:" });
    const watcher = createWatcher({ chain, store, suite, clock: systemClock, log: memoryLogger(), confirmations: 0 });
    const started = performance.now();
    const caught = await watcher.catchUp();
    const oursSeconds = (performance.now() - started) / 1000;
    const oursRate = caught.blocks / oursSeconds;
    if ((await store.eventCount()) === 0) throw new Error("the watcher read no events");

    // baseline: one getLogs per block over the first BASELINE_BLOCKS blocks
    const topics = [
      Object.values(WATCHED).flatMap(({ iface, events }) => events.map((e) => iface.getEvent(e)!.topicHash)),
    ];
    const addresses = [...suite.byAddress.keys()];
    const from = suite.startBlock;
    const baselineStarted = performance.now();
    for (let block = from; block < from + BASELINE_BLOCKS; block++) {
      await provider.getLogs({ address: addresses, topics, fromBlock: block, toBlock: block });
    }
    const baselineRate = BASELINE_BLOCKS / ((performance.now() - baselineStarted) / 1000);
    process.stderr.write(
      `  ours ${caught.blocks} blocks (${caught.events} events) in ${oursSeconds.toFixed(2)} s = ${oursRate.toFixed(0)} blocks/s; baseline ${baselineRate.toFixed(0)} blocks/s (head ${head})\n`,
    );
    chain.destroy();
    provider.destroy();
    return [
      {
        operation: "catch up on events (blocks/s, anvil)",
        baseline: baselineRate.toFixed(0),
        ours: oursRate.toFixed(0),
        unit: "blocks/s",
        ratio: oursRate / baselineRate,
        notes: `target >= ${TARGET} blocks/s; ${caught.blocks} blocks with ${caught.events} events; baseline = one eth_getLogs per block (${BASELINE_BLOCKS} blocks)`,
      },
    ];
  } finally {
    anvil.kill("SIGTERM");
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  console.table(await run({ blocks: args[0] === "--blocks" ? Number(args[1]) : undefined }));
}
