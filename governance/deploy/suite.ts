// The one deploy of the whole suite. Every entry point (the `npm run deploy` CLI, the devnet, the deploy test and the
// gas snapshot) calls `deploySuite`, so the wiring the test asserts is the wiring a real network gets.
//
// Order: timelock (deployer as temporary admin) -> MINT (owned by the timelock) -> governor -> timelock roles
// (governor proposes and cancels, anyone executes) -> music core (protocol/deploy/music.ts) -> DeFi suite
// (protocol/deploy/defi.ts: staking, pools, fractions, royalty vaults) -> both handed to the timelock -> deployer
// renounces admin. Later areas add their steps the same way.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  type Deployment,
  deploymentPath,
  FlyGovernor__factory,
  FlyTimelock__factory,
  MintToken__factory,
} from "@flyaimusic/bindings";
import { DEFI_STEPS, deployDefi, handDefiToTimelock } from "@flyaimusic/protocol/deploy/defi.ts";
import { deployMusic, handMusicToTimelock, MUSIC_STEPS } from "@flyaimusic/protocol/deploy/music.ts";
import { parseEther, type Signer, ZeroAddress } from "ethers";
import { createDeployContext } from "./context.ts";
import { type GovernanceParams, validateParams } from "./params.ts";

export interface DeployOptions {
  signer: Signer;
  params: GovernanceParams;
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

export const ROLES = {
  DEFAULT_ADMIN_ROLE: "0x0000000000000000000000000000000000000000000000000000000000000000",
} as const;

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
    7 + MUSIC_STEPS + DEFI_STEPS + 1,
    options.log ?? (() => {}),
  );
  const { contracts, progress } = ctx;

  progress("timelock (the treasury)");
  const timelock = await ctx.deployed(
    "FlyTimelock",
    await new FlyTimelock__factory(signer).deploy(params.timelockMinDelay, [], [], deployer),
  );
  const timelockAddress = await timelock.getAddress();

  progress("MINT token");
  const holders = [timelockAddress, ...params.genesis.map((g) => g.holder)];
  const amounts = [parseEther(params.treasuryAmount), ...params.genesis.map((g) => parseEther(g.amount))];
  const token = await ctx.deployed(
    "MintToken",
    await new MintToken__factory(signer).deploy(timelockAddress, parseEther(params.maxSupply), holders, amounts),
  );

  progress("governor");
  const governor = await ctx.deployed(
    "FlyGovernor",
    await new FlyGovernor__factory(signer).deploy(await token.getAddress(), timelockAddress, {
      votingDelay: params.votingDelay,
      votingPeriod: params.votingPeriod,
      proposalThreshold: parseEther(params.proposalThreshold),
      quorumPercent: params.quorumPercent,
      lateQuorumExtension: params.lateQuorumExtension,
    }),
  );
  const governorAddress = await governor.getAddress();

  progress("timelock: governor is the proposer");
  await ctx.sent(timelock.grantRole(await timelock.PROPOSER_ROLE(), governorAddress), "proposer role");
  progress("timelock: governor is the canceller");
  await ctx.sent(timelock.grantRole(await timelock.CANCELLER_ROLE(), governorAddress), "canceller role");
  progress("timelock: anyone executes");
  await ctx.sent(timelock.grantRole(await timelock.EXECUTOR_ROLE(), ZeroAddress), "executor role");

  const music = await deployMusic(ctx, params.music, {
    timelock: timelockAddress,
    mintToken: await token.getAddress(),
  });
  const defi = await deployDefi(ctx, params.defi, music, {
    timelock: timelockAddress,
    mintToken: await token.getAddress(),
  });
  await handDefiToTimelock(ctx, defi, timelockAddress);
  await handMusicToTimelock(ctx, music, timelockAddress);

  progress("timelock: deployer renounces admin");
  await ctx.sent(timelock.renounceRole(ROLES.DEFAULT_ADMIN_ROLE, deployer), "renounce admin");

  const deployment: Deployment = {
    chainId,
    network: options.network,
    deployer,
    deployedAt: new Date().toISOString(),
    contracts,
    treasury: timelockAddress,
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
