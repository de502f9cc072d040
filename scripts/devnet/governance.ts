// Devnet steps for governance: deploy the suite with the demo voters as genesis holders, then seed what a person
// needs to try the governor at once: voters with votes (one of them delegating), and one Active proposal with a
// first vote on it.
import { FlyGovernor__factory, MintToken__factory } from "@flyaimusic/bindings";
import { devnetParams } from "@flyaimusic/deploy/params.ts";
import { deploySuite } from "@flyaimusic/deploy/suite.ts";
import { type ContractTransactionResponse, id, parseEther } from "ethers";
import { DEVNET_HOLDERS, DEVNET_MUSIC_ACCOUNTS, type DevAccount, signer } from "./accounts.ts";
import type { DevnetContext, DevnetStep } from "./steps.ts";

/** Governor proposal states, in the order of OpenZeppelin's `ProposalState` enum. */
const PROPOSAL_STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const VOTE = { against: 0, for: 1, abstain: 2 } as const;
const EMISSIONS_BUDGET = "10000000";

/** Whole MINT with thousands separators: 12000000000000000000000000n -> "12,000,000". */
export function mint(amount: bigint): string {
  return (amount / 10n ** 18n).toLocaleString("en-US");
}

/** A duration as `gov warp` reads it: whole minutes as "10m", anything else in seconds. */
function warpArg(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${seconds} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

async function mined(tx: Promise<ContractTransactionResponse>, what: string): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt?.status !== 1) throw new Error(`seed: ${what} failed`);
}

function account(context: DevnetContext, label: string): DevAccount {
  const found = context.accounts.find((a) => a.label === label);
  if (!found) throw new Error(`devnet: no account labelled ${label}`);
  return found;
}

/** Deploys the governance suite on chain `chainName`, account 0 deploying, alice..dave holding genesis MINT. */
export function deployGovernance(chainName: string): DevnetStep {
  return {
    title: `deploy governance (chain ${chainName})`,
    async run(context) {
      const chain = context.chain(chainName);
      const deployer = context.accounts[0];
      const params = devnetParams(
        DEVNET_HOLDERS.map((h) => ({ address: context.accounts[h.index].address, label: h.label, amount: h.amount })),
      );
      const keeper = context.accounts[DEVNET_MUSIC_ACCOUNTS.keeper].address;
      params.music = { ...params.music, auctionKeeper: keeper };
      params.defi = {
        ...params.defi,
        staking: { ...params.defi.staking, keeper },
        // carol (account 3) stands in for the guardian multisig; the devnet waits 1 h before a root is claimable
        rewards: { ...params.defi.rewards, keeper, guardian: context.accounts[3].address, challengeWindowHours: 1 },
      };
      const { deployment } = await deploySuite({
        signer: signer(deployer, chain.provider),
        params,
        network: "devnet",
        log: (line) => context.log.info(line.trim().startsWith("[") ? line : `  ${line.trim()}`),
      });
      context.deployments.set(chainName, deployment);
    },
  };
}

/** Seeds voters and one Active proposal on the governance deployed on `chainName`. */
export function seedGovernance(chainName: string): DevnetStep {
  return {
    title: `seed governance (chain ${chainName}): voters and an active proposal`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment) throw new Error(`seed governance: nothing deployed on chain ${chainName}`);
      const as = (label: string) => signer(account(context, label), chain.provider);
      const tokenAddress = deployment.contracts.MintToken.address;
      const token = MintToken__factory.connect(tokenAddress, chain.provider);
      const governor = FlyGovernor__factory.connect(deployment.contracts.FlyGovernor.address, chain.provider);
      const [alice, bob, carol, dave] = ["alice", "bob", "carol", "dave"].map((label) => account(context, label));

      // Holders vote without delegating (MINT counts them as self-delegated); one delegation shows the other path.
      await mined(token.connect(as("dave")).delegate(carol.address), "dave's delegation");
      log.info("dave delegated his votes to carol (everyone else votes with their own tokens, no delegation needed)");

      // The launch proposal granted the distributor its first budget; this one raises it (a vote still open).
      const distributor = deployment.contracts.RewardsDistributor.address;
      const distributorName = "RewardsDistributor";
      const budget = parseEther(EMISSIONS_BUDGET);
      const calldata = token.interface.encodeFunctionData("setEmissionsBudget", [distributor, budget]);
      const title = "Raise the rewards distributor's emissions budget";
      const description = [
        `# ${title}`,
        "",
        `Lets the rewards distributor (${distributor}) mint up to ${mint(budget)} MINT for the coming reward epochs:`,
        "listen-to-earn, holder mining, create-to-earn, engagement and discovery. The budget replaces the launch",
        "budget, and whatever is not minted stays unminted under the cap.",
        "",
        `Call: MintToken(${tokenAddress}).setEmissionsBudget(${distributor}, ${budget})`,
        "",
        // mandatory: the governor accepts only descriptions bound to their proposer
        `#proposer=${alice.address}`,
      ].join("\n");
      // The governor counts a proposer's votes one second before the proposal (ERC-6372 timestamps), and the chain
      // has mined every block so far within the same second: step its clock so alice's genesis MINT counts.
      await chain.provider.send("evm_increaseTime", [1]);
      const targets = [tokenAddress];
      const values = [0n];
      const calldatas = [calldata];
      await mined(governor.connect(as("alice")).propose(targets, values, calldatas, description), "alice's proposal");
      const proposalId = await governor.getProposalId(targets, values, calldatas, id(description));
      log.info(`alice proposed "${title}"`);

      // Voting opens `votingDelay` seconds after the proposal: move the chain's clock past it.
      const votingDelay = Number(await governor.votingDelay());
      await chain.provider.send("evm_increaseTime", [votingDelay + 1]);
      await chain.provider.send("evm_mine", []);
      log.info(`moved the chain's clock ${votingDelay + 1} s ahead: voting is open`);

      const reason = "Rewards are what bring listeners and curators in; 10M MINT is 1% of the cap.";
      await mined(governor.connect(as("bob")).castVoteWithReason(proposalId, VOTE.for, reason), "bob's vote");
      log.info(`bob voted for: "${reason}"`);

      const state = PROPOSAL_STATES[Number(await governor.state(proposalId))];
      if (state !== "Active") throw new Error(`seed governance: the proposal is ${state}, expected Active`);
      const [againstVotes, forVotes, abstainVotes] = await governor.proposalVotes(proposalId);
      const snapshot = await governor.proposalSnapshot(proposalId);
      const quorum = await governor.quorum(snapshot);
      const deadline = Number(await governor.proposalDeadline(proposalId));
      const now = (await chain.provider.getBlock("latest"))?.timestamp ?? 0;
      const endsAt = new Date(Date.now() + (deadline - now) * 1000).toLocaleTimeString("en-GB");

      const holderLines: string[] = [];
      for (const holder of [context.accounts[0], alice, bob, carol, dave]) {
        const [balance, votes, delegate] = await Promise.all([
          token.balanceOf(holder.address),
          token.getVotes(holder.address),
          token.delegates(holder.address),
        ]);
        const delegation =
          delegate === holder.address
            ? ""
            : `  (delegates to ${context.accounts.find((a) => a.address === delegate)?.label ?? delegate})`;
        holderLines.push(
          `${String(holder.index).padStart(2)}  ${holder.label.padEnd(9)}${holder.address}  ${mint(balance).padStart(10)} MINT  ${mint(votes).padStart(10)} votes${delegation}`,
        );
      }
      const treasury = await token.balanceOf(deployment.treasury);
      context.summary.push(
        {
          title: "accounts (dev mnemonic; the governance CLI picks one with --account <index>)",
          lines: [
            ...holderLines,
            `    treasury ${deployment.treasury} ${mint(treasury).padStart(11)} MINT  (the timelock)`,
          ],
        },
        {
          title: "active proposal",
          lines: [
            `id        ${proposalId}`,
            `title     ${title}  (by alice; budget to ${distributorName})`,
            `state     ${state}: voting ends ${endsAt} (in ${duration(deadline - now)})`,
            `tally     for ${mint(forVotes)} (bob), against ${mint(againstVotes)}, abstain ${mint(abstainVotes)}; quorum ${mint(quorum)} (${deployment.parameters.quorumPercent}% of supply)`,
          ],
        },
      );
      const rpc = chain.port === 8545 ? "" : ` --rpc ${chain.rpcUrl}`;
      context.tryCommands.push(
        { command: `npm run gov -- list${rpc}`, why: "proposals and their state" },
        { command: `npm run gov -- show ${proposalId}${rpc}`, why: "tallies, quorum, deadline and the votes cast" },
        {
          command: `npm run gov -- vote ${proposalId} for --reason "Fund the first epochs" --account 1${rpc}`,
          why: "alice's 12M votes take it past quorum",
        },
        {
          command: `npm run gov -- warp ${warpArg(Number(deployment.parameters.votingPeriod))}${rpc}`,
          why: "devnet only: move the clock past the end of voting instead of waiting",
        },
        {
          command: `npm run gov -- queue ${proposalId} --account 3${rpc}`,
          why: `then \`warp ${warpArg(Number(deployment.parameters.timelockMinDelay))}\` and \`execute <id> --account 3\`: anyone may execute after the timelock delay`,
        },
        { command: `npm run gov -- templates${rpc}`, why: "proposals you can make: `propose <template> --args ...`" },
      );
    },
  };
}
