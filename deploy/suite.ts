// The one deploy of the whole suite, above the areas it assembles. Every entry point (the `npm run deploy` CLI, the
// devnet, the deploy test and the gas snapshot) calls `deploySuite`, so the wiring the test asserts is the wiring a
// real network gets.
//
// Order: governance (governance/deploy/governance.ts: timelock, MINT, governor, roles) -> music core
// (protocol/deploy/music.ts) -> DeFi suite (protocol/deploy/defi.ts: staking, pools, fractions, royalty vaults) ->
// both handed to the timelock -> deployer renounces admin. Later areas add their steps the same way.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type Deployment, deploymentPath } from "@flyaimusic/bindings";
import { createDeployContext } from "@flyaimusic/kit/deploy/context.ts";
import { deployGovernance, GOVERNANCE_STEPS, renounceDeployerAdmin } from "@flyaimusic/governance/deploy/governance.ts";
import { DEFI_STEPS, deployDefi, handDefiToTimelock } from "@flyaimusic/protocol/deploy/defi.ts";
import { deployMusic, handMusicToTimelock, MUSIC_STEPS } from "@flyaimusic/protocol/deploy/music.ts";
import type { Signer } from "ethers";
import { type SuiteParams, validateParams } from "./params.ts";

export interface DeployOptions {
  signer: Signer;
  params: SuiteParams;
  /** Human name of the network for the deployment file. */
  network: string;
  /** Write deployments/<chainId>.json (default true). */
  write?: boolean;
  log?: (line: string) => void;
}

export interface DeployedSuite {
  deployment: Deployment;
  path?: string;
}

export async function deploySuite(options: DeployOptions): Promise<DeployedSuite> {
  const { signer, params } = options;
  validateParams(params);
  const provider = signer.provider;
  if (!provider) throw new Error("deploy: the signer has no provider");
  const chainId = Number((await provider.getNetwork()).chainId);
  const deployer = await signer.getAddress();
  const ctx = createDeployContext(
    signer,
    deployer,
    chainId,
    GOVERNANCE_STEPS + MUSIC_STEPS + DEFI_STEPS,
    options.log ?? (() => {}),
  );

  const governance = await deployGovernance(ctx, params);
  const core = { timelock: governance.timelock, mintToken: governance.mintToken };
  const music = await deployMusic(ctx, params.music, core);
  const defi = await deployDefi(ctx, params.defi, music, core);
  await handDefiToTimelock(ctx, defi, governance.timelock);
  await handMusicToTimelock(ctx, music, governance.timelock);
  await renounceDeployerAdmin(ctx, governance.timelock);

  const deployment: Deployment = {
    chainId,
    network: options.network,
    deployer,
    deployedAt: new Date().toISOString(),
    contracts: ctx.contracts,
    treasury: governance.timelock,
    parameters: {
      maxSupply: params.maxSupply,
      treasuryAmount: params.treasuryAmount,
      votingDelay: params.votingDelay,
      votingPeriod: params.votingPeriod,
      proposalThreshold: params.proposalThreshold,
      quorumPercent: params.quorumPercent,
      lateQuorumExtension: params.lateQuorumExtension,
      timelockMinDelay: params.timelockMinDelay,
      protocolFeeBps: params.music.protocolFeeBps,
      curatorResaleBps: params.music.curatorResaleBps,
    },
  };
  if (options.write === false) return { deployment };
  const path = deploymentPath(chainId);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
  ctx.log(`      wrote ${path}`);
  return { deployment, path };
}
