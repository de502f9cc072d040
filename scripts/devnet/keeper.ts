// The keeper on the devnet: the service (`npm run keeper -- run`) as a supervised process with short epochs, a
// listening history for its first epoch from five listeners (signed reports through its API), then a live listener
// stream. The first epoch closes a few seconds in; once its root is posted the step moves the chain's clock past
// the distributor's 1-hour challenge window, so a listener can claim MINT right away with one command.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { MusicNFT__factory, RewardsDistributor__factory } from "@flyaimusic/bindings";
import { formatEther } from "ethers";
import { DEVNET_LISTENERS } from "./accounts.ts";
import { postEngagement, postReports, sessionBetween, signedEngagement, signedReport } from "./listeners.ts";
import type { DevnetStep } from "./steps.ts";

/** Devnet epochs: two minutes, closed 3 s after their end. */
export const DEVNET_EPOCH_SECONDS = 120;
const GRACE_SECONDS = 3;
/** The keeper starts an opted-in auction this long after the opt-in (the schedule; see seedAuctions). */
export const DEVNET_AUCTION_DELAY = 15 * 60;

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`keeper: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export function runKeeper(chainName: string): DevnetStep {
  return {
    title: `keeper (chain ${chainName}): watcher, auctions, reward epochs, plays API, listener stream`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment?.contracts.RewardsDistributor) throw new Error(`keeper: no rewards distributor on ${chainName}`);
      const c = deployment.contracts;
      const port = chain.port + 55;
      const url = `http://127.0.0.1:${port}`;
      const dataDir = join(context.stateDir, "keeper");
      rmSync(dataDir, { recursive: true, force: true }); // a fresh chain: a fresh keeper state
      // epoch 1 began 110 s ago: the listening history below falls in it, and it closes ~13 s from now
      const genesis = Math.floor(Date.now() / 1000) - (DEVNET_EPOCH_SECONDS - 10);
      const logFile = join(context.stateDir, "keeper.log");
      await context.supervisor.start({
        name: "keeper",
        command: process.execPath,
        args: [join(import.meta.dirname, "../../keeper/src/cli.ts"), "run"],
        logFile,
        env: {
          ...process.env,
          FLYAI_KEEPER_RPC: chain.rpcUrl,
          FLYAI_KEEPER_DATA: dataDir,
          FLYAI_KEEPER_PORT: String(port),
          FLYAI_KEEPER_CONFIRMATIONS: "0",
          FLYAI_KEEPER_POLL_MS: "500",
          FLYAI_KEEPER_EPOCH_SECONDS: String(DEVNET_EPOCH_SECONDS),
          FLYAI_KEEPER_EPOCH_GENESIS: String(genesis),
          FLYAI_KEEPER_EPOCH_GRACE: String(GRACE_SECONDS),
          FLYAI_KEEPER_AUCTION_DELAY: String(DEVNET_AUCTION_DELAY),
          FLYAI_KEEPER_STREAMING_WEI_PER_PLAY: "100000000000000",
        },
      });
      await waitFor("its API", 30_000, async () => ((await fetch(`${url}/health`)).ok ? true : undefined));
      log.info(`keeper running: API ${url}, log ${logFile}`);

      const music = MusicNFT__factory.connect(c.MusicNFT.address, chain.provider);
      const tracks = (await music.queryFilter(music.filters.TrackRegistered())).map((e) => e.args.tokenId.toString());
      // the keeper's watcher must know the tracks before it accepts plays of them
      await waitFor("the keeper to read the tracks", 30_000, async () => {
        const status = (await (await fetch(`${url}/v1/status`)).json()) as { lag: number | null };
        return status.lag === 0 ? true : undefined;
      });
      const listeners = Object.entries(DEVNET_LISTENERS).map(([label, index]) => ({
        label,
        account: context.accounts[index],
      }));
      const now = Math.floor(Date.now() / 1000);
      const history = await Promise.all(
        listeners.map(({ account }, i) =>
          signedReport(
            account.wallet,
            Number(deployment.chainId),
            c.RewardsDistributor.address,
            sessionBetween(i + 1, tracks, genesis + 2, now - 2),
            now,
          ),
        ),
      );
      await postReports(url, history);
      const plays = history.reduce((n, r) => n + r.plays.length, 0);
      log.info(`${listeners.length} listeners reported ${plays} plays of the demo tracks (signed EIP-712 reports)`);
      // engagement on what they heard: saves and a comment (signed; the comment's text stays with the app)
      const chainId = Number(deployment.chainId);
      for (const [i, report] of history.entries()) {
        const { wallet } = listeners[i].account;
        const heard = report.plays[0].trackId;
        await postEngagement(
          url,
          await signedEngagement(wallet, chainId, c.RewardsDistributor.address, {
            kind: "save",
            trackId: heard,
            at: now - 1,
          }),
        );
        if (i === 1) {
          const text = "the drop at 1:12 is everything";
          await postEngagement(
            url,
            await signedEngagement(wallet, chainId, c.RewardsDistributor.address, {
              kind: "comment",
              text,
              trackId: heard,
              at: now - 1,
            }),
          );
        }
      }
      log.info(`${listeners.length} saves and a comment on what they heard (signed engagement)`);

      await context.supervisor.start({
        name: "listener stream",
        command: process.execPath,
        args: [join(import.meta.dirname, "listeners.ts")],
        logFile: join(context.stateDir, "listeners.log"),
        env: {
          ...process.env,
          FLYAI_LISTENERS_KEEPER: url,
          FLYAI_LISTENERS_CHAIN: String(deployment.chainId),
          FLYAI_LISTENERS_DISTRIBUTOR: c.RewardsDistributor.address,
          FLYAI_LISTENERS_TRACKS: tracks.join(","),
          FLYAI_LISTENERS_ACCOUNTS: listeners.map((l) => l.account.index).join(","),
        },
      });

      const distributor = RewardsDistributor__factory.connect(c.RewardsDistributor.address, chain.provider);
      log.info("waiting for the keeper to close epoch 1 and post its root ...");
      const root = await waitFor("the root of epoch 1", 60_000, async () => {
        const latest = await distributor.latestRoot();
        return latest.epoch >= 1n ? latest : undefined;
      });
      log.info(`epoch 1 root ${root.root} posted: ${formatEther(root.totalCumulative)} MINT to claim`);
      // the distributor's challenge window (1 h, its minimum) would hold claims for an hour: move the chain past it
      await chain.provider.send("evm_increaseTime", [
        Number(root.claimableAt) - Number((await chain.provider.getBlock("latest"))!.timestamp) + 1,
      ]);
      await chain.provider.send("evm_mine", []);
      const [liveEpoch] = await distributor.liveRoot();
      if (liveEpoch !== 1n)
        throw new Error(`keeper: epoch 1's root is not live after the challenge window (live: ${liveEpoch})`);
      log.info("moved the chain's clock past the 1-hour challenge window: epoch 1's rewards are claimable");

      const lena = listeners[0].account;
      const rewards = (await (await fetch(`${url}/v1/rewards/${lena.address}`)).json()) as { cumulative: string };
      context.summary.push({
        title: "keeper",
        lines: [
          `API       ${url}  (plays, engagement, proofs, rewards, pricing, quality; /health, /metrics)`,
          `epochs    ${DEVNET_EPOCH_SECONDS} s; epoch 1 is live: ${formatEther(root.totalCumulative)} MINT to ${listeners.length} listeners and the creators and holders of what they played`,
          `listeners ${listeners.map((l) => `${l.label} (${l.account.index})`).join(", ")}: a live stream of signed plays (log ${join(context.stateDir, "listeners.log")})`,
          `lena      earned ${formatEther(BigInt(rewards.cumulative))} MINT in epoch 1`,
          `log       ${logFile}`,
        ],
      });
      const rpc = chain.port === 8545 ? "" : ` --rpc ${chain.rpcUrl}`;
      context.tryCommands.push(
        {
          command: `npm run defi -- claim-epoch-rewards --account ${lena.index}${rpc}${port === 8600 ? "" : ` --keeper ${url}`}`,
          why: "lena claims the MINT her listening earned (the proof comes from the keeper)",
        },
        { command: `npm run keeper -- status`, why: "the keeper's cursor, epochs and pending transactions" },
        {
          command: `curl ${url}/v1/pricing/${tracks[0]}`,
          why: "a price suggestion for Night Drive, with its explanation",
        },
      );
    },
  };
}
