// The one deploy of the whole suite. Every entry point (the `npm run deploy` CLI, the devnet, the deploy test and the
// gas snapshot) calls `deploySuite`, so the wiring the test asserts is the wiring a real network gets.
//
// Order: timelock (deployer as temporary admin) -> MINT (owned by the timelock) -> governor -> timelock roles
// (governor proposes and cancels, anyone executes) -> deployer renounces admin. Later areas add their steps here,
// each handing its parameters to the timelock.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  type Deployment,
  deploymentPath,
  FlyGovernor__factory,
  FlyTimelock__factory,
  MintToken__factory,
} from "@flyaimusic/bindings";
import { type BaseContract, type ContractTransactionResponse, parseEther, type Signer, ZeroAddress } from "ethers";
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
  const log = options.log ?? (() => {});
  validateParams(params);
  const provider = signer.provider;
  if (!provider) throw new Error("deploy: the signer has no provider");
  const chainId = Number((await provider.getNetwork()).chainId);
  const deployer = await signer.getAddress();
  const contracts: Deployment["contracts"] = {} as Deployment["contracts"];
  const total = 7;
  let step = 0;
  const progress = (what: string) => log(`[${++step}/${total}] ${what}`);

  async function deployed<T extends BaseContract>(name: string, contract: T): Promise<T> {
    const receipt = await contract.deploymentTransaction()?.wait();
    if (!receipt) throw new Error(`deploy: ${name} has no deployment receipt`);
    const address = await contract.getAddress();
    contracts[name] = { address, blockNumber: receipt.blockNumber };
    log(`      ${name} at ${address} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
    return contract;
  }
  async function sent(tx: Promise<ContractTransactionResponse>): Promise<void> {
    const receipt = await (await tx).wait();
    if (!receipt || receipt.status !== 1) throw new Error("deploy: a wiring transaction failed");
  }

  progress("timelock (the treasury)");
  const timelock = await deployed(
    "FlyTimelock",
    await new FlyTimelock__factory(signer).deploy(params.timelockMinDelay, [], [], deployer),
  );
  const timelockAddress = await timelock.getAddress();

  progress("MINT token");
  const holders = [timelockAddress, ...params.genesis.map((g) => g.holder)];
  const amounts = [parseEther(params.treasuryAmount), ...params.genesis.map((g) => parseEther(g.amount))];
  const token = await deployed(
    "MintToken",
    await new MintToken__factory(signer).deploy(timelockAddress, parseEther(params.maxSupply), holders, amounts),
  );

  progress("governor");
  const governor = await deployed(
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
  await sent(timelock.grantRole(await timelock.PROPOSER_ROLE(), governorAddress));
  progress("timelock: governor is the canceller");
  await sent(timelock.grantRole(await timelock.CANCELLER_ROLE(), governorAddress));
  progress("timelock: anyone executes");
  await sent(timelock.grantRole(await timelock.EXECUTOR_ROLE(), ZeroAddress));
  progress("timelock: deployer renounces admin");
  await sent(timelock.renounceRole(ROLES.DEFAULT_ADMIN_ROLE, deployer));

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
    },
  };
  if (options.write === false) return { deployment };
  const path = deploymentPath(chainId);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
  log(`      wrote ${path}`);
  return { deployment, path };
}
