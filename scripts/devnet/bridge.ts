// Devnet step for the bridges: each chain gets LayerZero's endpoint and the local message library (verified by the
// relayer, account 18), the home chain the track and MINT adapters, the remote chain the remote collection and
// MINT; the pairs are wired both ways and handed to each chain's timelock; the deployment files gain the addresses;
// then the relayer starts as a supervised process and delivers every packet either chain sends.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deploymentPath, MusicNFT__factory } from "@flyaimusic/bindings";
import {
  deployHomeBridge,
  deployLocalLayerZero,
  deployRemoteBridge,
  handEndToTimelock,
  LOCAL_EIDS,
  useLocalLibraryFor,
  wireEnd,
} from "@flyaimusic/bridge/deploy/bridge.ts";
import { signer } from "./accounts.ts";
import type { DevnetStep } from "./steps.ts";

/** The relayer's dev-mnemonic account: the only verifier of both local message libraries. */
export const RELAYER_ACCOUNT = 18;

export function deployBridges(homeName: string, remoteName: string): DevnetStep {
  return {
    title: `deploy bridges (chains ${homeName} <-> ${remoteName}): LayerZero endpoints, adapters, relayer`,
    async run(context) {
      const { log } = context;
      const [home, remote] = [context.chain(homeName), context.chain(remoteName)];
      const [homeDeployment, remoteDeployment] = [homeName, remoteName].map((name) => {
        const deployment = context.deployments.get(name);
        if (!deployment) throw new Error(`deploy bridges: nothing deployed on chain ${name}`);
        return deployment;
      });
      const relayer = context.accounts[RELAYER_ACCOUNT];
      const homeSigner = signer(context.accounts[0], home.provider);
      const remoteSigner = signer(context.accounts[0], remote.provider);

      const homeLz = await deployLocalLayerZero(homeSigner, LOCAL_EIDS.home, relayer.address, homeDeployment.contracts);
      const remoteLz = await deployLocalLayerZero(
        remoteSigner,
        LOCAL_EIDS.remote,
        relayer.address,
        remoteDeployment.contracts,
      );
      await useLocalLibraryFor(homeSigner, homeLz.endpoint, homeLz.messageLib, LOCAL_EIDS.remote);
      await useLocalLibraryFor(remoteSigner, remoteLz.endpoint, remoteLz.messageLib, LOCAL_EIDS.home);
      log.info(`LayerZero endpoints: ${homeName} eid ${LOCAL_EIDS.home}, ${remoteName} eid ${LOCAL_EIDS.remote}`);

      const c = homeDeployment.contracts;
      const homeEnd = await deployHomeBridge(
        homeSigner,
        {
          endpoint: homeLz.endpoint,
          musicNFT: c.MusicNFT.address,
          mintToken: c.MintToken.address,
          eid: LOCAL_EIDS.home,
        },
        homeDeployment.contracts,
      );
      const remoteEnd = await deployRemoteBridge(
        remoteSigner,
        { endpoint: remoteLz.endpoint, eid: LOCAL_EIDS.remote },
        remoteDeployment.contracts,
      );
      await wireEnd(homeSigner, homeEnd, remoteEnd);
      await wireEnd(remoteSigner, remoteEnd, homeEnd);
      await handEndToTimelock(homeSigner, homeEnd, homeDeployment.treasury);
      await handEndToTimelock(remoteSigner, remoteEnd, remoteDeployment.treasury);
      log.info(`wired: tracks ${homeEnd.track} <-> ${remoteEnd.track}; MINT ${homeEnd.mint} <-> ${remoteEnd.mint}`);
      log.info("peers and enforced receive gas set; each end now belongs to its chain's timelock");

      for (const [deployment, eid] of [
        [homeDeployment, LOCAL_EIDS.home],
        [remoteDeployment, LOCAL_EIDS.remote],
      ] as const) {
        deployment.parameters.lzEid = eid;
        writeFileSync(deploymentPath(deployment.chainId), `${JSON.stringify(deployment, null, 2)}\n`);
      }

      await context.supervisor.start({
        name: "relayer (LayerZero, devnet)",
        command: process.execPath,
        args: [join(import.meta.dirname, "../../bridge/relayer/run.ts")],
        logFile: join(context.stateDir, "relayer.log"),
        env: {
          ...process.env,
          FLYAI_RELAYER_CHAINS: `${homeName}=${home.rpcUrl},${remoteName}=${remote.rpcUrl}`,
          FLYAI_RELAYER_KEY: relayer.wallet.privateKey,
        },
      });
      log.info(`relayer started (log ${join(context.stateDir, "relayer.log")})`);

      context.summary.push({
        title: "bridges",
        lines: [
          `${homeName} (eid ${LOCAL_EIDS.home}) MusicNFTAdapter ${homeEnd.track}, MintOFTAdapter ${homeEnd.mint}`,
          `${remoteName} (eid ${LOCAL_EIDS.remote}) RemoteMusicNFT ${remoteEnd.track}, RemoteMint ${remoteEnd.mint}`,
          `relayer  account ${RELAYER_ACCOUNT}, log ${join(context.stateDir, "relayer.log")}`,
        ],
      });
    },
  };
}

/** After the music seed: what to try with the bridges, on a seeded track echo holds ("Signal Fire"). */
export function bridgeHints(homeName: string, remoteName: string): DevnetStep {
  return {
    title: "bridge demo: commands to try",
    async run(context) {
      const [home, remote] = [context.chain(homeName), context.chain(remoteName)];
      const deployment = context.deployments.get(homeName);
      if (!deployment) throw new Error(`bridge hints: nothing deployed on chain ${homeName}`);
      const music = MusicNFT__factory.connect(deployment.contracts.MusicNFT.address, home.provider);
      const registered = await music.queryFilter(music.filters.TrackRegistered());
      // the music seed's fourth track, "Signal Fire", stays with echo (account 7)
      const id = `0x${registered[3].args.tokenId.toString(16).padStart(64, "0")}`;
      const rpc = home.port === 8545 ? "" : ` --rpc ${home.rpcUrl}`;
      context.tryCommands.push(
        {
          command: `npm run bridge -- send-track ${id} --to ${remote.rpcUrl} --account 7${rpc}`,
          why: `echo sends "Signal Fire" to chain ${remoteName}; its provenance is printed on both sides`,
        },
        {
          command: `npm run bridge -- send-track ${id} --rpc ${remote.rpcUrl} --to ${home.rpcUrl} --account 7`,
          why: "and back: the same token is released at home",
        },
        {
          command: `npm run bridge -- send-mint 1000 --to ${remote.rpcUrl} --account 1${rpc}`,
          why: "alice bridges MINT (her votes at home drop by as much until it comes back)",
        },
      );
    },
  };
}
