// The DeFi launch on the devnet: MINT is owned by the timelock from its first block, so staking rewards start the
// way they would on a real network, with a proposal. Alice proposes, alice and bob vote, the devnet moves its clock
// through voting and the timelock delay, anyone queues and executes. The proposal grants the staking vault an
// emissions budget and sets its reward rate, and grants the RewardsDistributor the budget the keeper's first reward
// epochs pay out of. Runs before the demo proposal of `seedGovernance`, which must stay Active.
import { FlyGovernor__factory, MintToken__factory, NFTStakingVault__factory } from "@flyaimusic/bindings";
import { type ContractTransactionResponse, id, parseEther } from "ethers";
import { signer } from "./accounts.ts";
import type { DevnetStep } from "./steps.ts";

/** MINT the staking vault may mint, and its rate (MINT per second over all stakes). */
export const STAKING_BUDGET = "5000000";
export const STAKING_RATE = "0.5";
/** MINT the rewards distributor may mint for the first epochs (listen, holder, create, engagement, discovery). */
export const REWARDS_BUDGET = "2000000";

async function mined(tx: Promise<ContractTransactionResponse>, what: string): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt?.status !== 1) throw new Error(`launch: ${what} failed`);
}

export function launchDefi(chainName: string): DevnetStep {
  return {
    title: `launch DeFi (chain ${chainName}): a proposal funds staking and listening rewards, voted, queued and executed`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment?.contracts.NFTStakingVault) throw new Error(`launch: no staking vault on chain ${chainName}`);
      if (!deployment.contracts.RewardsDistributor)
        throw new Error(`launch: no rewards distributor on chain ${chainName}`);
      const c = deployment.contracts;
      const [alice, bob, carol] = [1, 2, 3].map((i) => signer(context.accounts[i], chain.provider));
      const governor = FlyGovernor__factory.connect(c.FlyGovernor.address, chain.provider);
      const token = MintToken__factory.connect(c.MintToken.address, chain.provider);
      const staking = NFTStakingVault__factory.connect(c.NFTStakingVault.address, chain.provider);
      const advance = async (seconds: number) => {
        await chain.provider.send("evm_increaseTime", [seconds]);
        await chain.provider.send("evm_mine", []);
      };

      const budget = parseEther(STAKING_BUDGET);
      const rate = parseEther(STAKING_RATE);
      const targets = [c.MintToken.address, c.NFTStakingVault.address, c.MintToken.address];
      const values = [0n, 0n, 0n];
      const calldatas = [
        token.interface.encodeFunctionData("setEmissionsBudget", [c.NFTStakingVault.address, budget]),
        staking.interface.encodeFunctionData("setRewardRate", [rate]),
        token.interface.encodeFunctionData("setEmissionsBudget", [
          c.RewardsDistributor.address,
          parseEther(REWARDS_BUDGET),
        ]),
      ];
      const description = [
        "# Start NFT staking and listening rewards",
        "",
        `Grants the NFTStakingVault (${c.NFTStakingVault.address}) an emissions budget of ${STAKING_BUDGET} MINT and`,
        `sets its reward rate to ${STAKING_RATE} MINT per second, shared by staked tracks by weight (pro tier x3).`,
        `Grants the RewardsDistributor (${c.RewardsDistributor.address}) ${REWARDS_BUDGET} MINT for the first reward`,
        "epochs the keeper closes (listen-to-earn, holder mining, create-to-earn, engagement, discovery).",
        "",
        `#proposer=${alice.address}`,
      ].join("\n");
      // the proposer's votes are read one second before the proposal: step past the deploy's second
      await advance(1);
      await mined(governor.connect(alice).propose(targets, values, calldatas, description), "propose");
      const proposalId = await governor.getProposalId(targets, values, calldatas, id(description));
      await advance(Number(await governor.votingDelay()) + 1);
      await mined(governor.connect(alice).castVote(proposalId, 1), "alice's vote");
      await mined(governor.connect(bob).castVote(proposalId, 1), "bob's vote");
      await advance(Number(await governor.proposalDeadline(proposalId)) - Number(await latest()) + 1);
      await mined(governor.connect(carol).queue(targets, values, calldatas, id(description)), "queue");
      await advance(Number(deployment.parameters.timelockMinDelay) + 1);
      await mined(governor.connect(carol).execute(targets, values, calldatas, id(description)), "execute");
      if ((await staking.rewardRate()) !== rate) throw new Error("launch: the reward rate did not change");
      log.info(
        `proposal "Start NFT staking and listening rewards" executed: staking ${STAKING_BUDGET} MINT at ${STAKING_RATE} MINT/s, rewards distributor ${REWARDS_BUDGET} MINT (alice + bob voted; the clock was moved through voting and the timelock delay)`,
      );

      async function latest(): Promise<number> {
        return (await chain.provider.getBlock("latest"))?.timestamp ?? 0;
      }
    },
  };
}
