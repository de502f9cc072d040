// The governance deploy steps: timelock (the deployer its temporary admin) -> MINT (owned by the timelock) ->
// governor -> timelock roles (the governor proposes and cancels, anyone executes). The suite deploy (deploy/suite.ts)
// runs these first, the other areas' steps after them, and `renounceDeployerAdmin` last.
import { FlyGovernor__factory, FlyTimelock__factory, MintToken__factory } from "@flyaimusic/bindings";
import { parseEther, ZeroAddress } from "ethers";
import type { DeployContext } from "@flyaimusic/kit/deploy/context.ts";
import type { GovernanceParams } from "./params.ts";

/** How many progress lines `deployGovernance` and `renounceDeployerAdmin` log together. */
export const GOVERNANCE_STEPS = 7;

export const ROLES = {
  DEFAULT_ADMIN_ROLE: "0x0000000000000000000000000000000000000000000000000000000000000000",
} as const;

export interface DeployedGovernance {
  timelock: string;
  mintToken: string;
  governor: string;
}

export async function deployGovernance(ctx: DeployContext, params: GovernanceParams): Promise<DeployedGovernance> {
  const { signer, deployer, progress } = ctx;
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
  return { timelock: timelockAddress, mintToken: await token.getAddress(), governor: governorAddress };
}

/** The last step of a deploy: the deployer gives up the timelock's admin role, so only the DAO changes anything. */
export async function renounceDeployerAdmin(ctx: DeployContext, timelock: string): Promise<void> {
  ctx.progress("timelock: deployer renounces admin");
  const contract = FlyTimelock__factory.connect(timelock, ctx.signer);
  await ctx.sent(contract.renounceRole(ROLES.DEFAULT_ADMIN_ROLE, ctx.deployer), "renounce admin");
}
