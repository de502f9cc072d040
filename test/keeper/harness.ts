// A keeper against the real suite deploy on the in-process Hardhat network: the keeper role on the auction and the
// rewards distributor (dev mnemonic account 19, as on the devnet), a guardian, a 1-hour challenge window and a
// MINT budget for the distributor. The keeper's clock is manual and kept in step with the chain's.
import { DutchAuction__factory, MintToken__factory, RewardsDistributor__factory } from "@flyaimusic/bindings";
import { createReadModel } from "@flyaimusic/keeper/src/chain/read-model.ts";
import { createChainClient, type ChainClient } from "@flyaimusic/keeper/src/chain/rpc.ts";
import { createTxSender } from "@flyaimusic/keeper/src/chain/sender.ts";
import { suiteAddresses } from "@flyaimusic/keeper/src/chain/suite.ts";
import { createWatcher } from "@flyaimusic/keeper/src/chain/watcher.ts";
import { manualClock } from "@flyaimusic/keeper/src/clock.ts";
import { DEV_MNEMONIC, DEVNET_KEEPER_INDEX } from "@flyaimusic/kit/devnet.ts";
import { memoryLogger } from "@flyaimusic/keeper/src/log.ts";
import { SqliteStore } from "@flyaimusic/keeper/src/store/sqlite.ts";
import { BrowserProvider, HDNodeWallet, type JsonRpcApiProvider, parseEther } from "ethers";
import { asTimelock, deployFixture, mintTrack as mintSuiteTrack, type Signer, type Suite } from "../fixtures.ts";

export { DEV_MNEMONIC };
export const keeperWallet = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${DEVNET_KEEPER_INDEX}`);

export interface KeeperHarness {
  suite: Suite;
  guardian: Signer;
  clock: ReturnType<typeof manualClock>;
  /** The chain's latest timestamp. */
  chainTime(): Promise<number>;
  /** Moves the chain (and the keeper's clock with it) to `time`. */
  warpTo(time: number): Promise<void>;
  provider(): JsonRpcApiProvider;
  chain(provider?: JsonRpcApiProvider): ChainClient;
  mintTrack(who: Signer, audio: string): Promise<string>;
}

export async function keeperHarness(): Promise<KeeperHarness> {
  const suite = await deployFixture((params, signers) => {
    params.music = { ...params.music, auctionKeeper: keeperWallet.address };
    params.defi = {
      ...params.defi,
      staking: { ...params.defi.staking, keeper: keeperWallet.address },
      rewards: {
        ...params.defi.rewards,
        keeper: keeperWallet.address,
        guardian: signers[3].address,
        challengeWindowHours: 1,
      },
    };
  });
  const c = suite.deployment.contracts;
  const helpers = suite.connection.networkHelpers;
  const timelock = await asTimelock(suite.connection, suite.deployment);
  await (
    await MintToken__factory.connect(c.MintToken.address, timelock).setEmissionsBudget(
      c.RewardsDistributor.address,
      parseEther("2000000"),
    )
  ).wait();
  const [, , , guardian] = await suite.connection.ethers.getSigners();
  const clock = manualClock();
  const chainTime = async () => (await suite.connection.ethers.provider.getBlock("latest"))!.timestamp;
  clock.set(await chainTime());
  const shared = new BrowserProvider(suite.connection.provider as never, 31337, { cacheTimeout: -1 });
  return {
    suite,
    guardian,
    clock,
    chainTime,
    async warpTo(time) {
      if (time > (await chainTime())) await helpers.time.increaseTo(time);
      clock.set(time);
    },
    provider: () => shared,
    chain: (provider = shared) =>
      createChainClient({
        urls: [],
        providers: [provider],
        chainId: 31337,
        clock,
        log: memoryLogger(),
        baseDelayMs: 1,
      }),
    mintTrack: async (who, audio) => BigInt(await mintSuiteTrack(suite, who, audio)).toString(),
  };
}

/** The keeper's parts over one store (a "process"): build again over the same store to simulate a restart. */
export async function keeperParts(h: KeeperHarness, store: SqliteStore, chain = h.chain()) {
  const suite = suiteAddresses(h.suite.deployment);
  const log = memoryLogger();
  const watcher = createWatcher({ chain, store, suite, clock: h.clock, log, confirmations: 0 });
  const readModel = createReadModel(store);
  const sender = await createTxSender({ chain, signer: keeperWallet, store, clock: h.clock, log, pollMs: 1 });
  const c = h.suite.deployment.contracts;
  return {
    suite,
    log,
    chain,
    watcher,
    readModel,
    sender,
    auction: DutchAuction__factory.connect(c.DutchAuction.address, h.suite.deployer),
    distributor: RewardsDistributor__factory.connect(c.RewardsDistributor.address, h.suite.deployer),
  };
}

/** A provider whose broadcasts fail with a "crash" while `crashBroadcasts` > 0: the keeper dies after recording
 * the signed transaction and before the node has it. */
export function crashingProvider(h: KeeperHarness, state: { crashBroadcasts: number; outage: number }) {
  const inner = h.suite.connection.provider;
  const provider = new BrowserProvider(
    {
      request: async (args: { method: string; params?: unknown[] }) => {
        if (state.outage > 0) {
          state.outage--;
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED" });
        }
        if (args.method === "eth_sendRawTransaction" && state.crashBroadcasts > 0) {
          state.crashBroadcasts--;
          throw new Error("simulated crash: the keeper died before the node received the transaction");
        }
        return inner.request(args as never);
      },
    } as never,
    31337,
    { cacheTimeout: -1, staticNetwork: true },
  );
  return provider;
}
