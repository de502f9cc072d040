// Measures every gas snapshot row: `receipt.gasUsed` of one real transaction each, on the in-process network with
// the suite deployed by the real deploy (PERF.md: whole transaction, suite warm, the user cold). The same operations
// run against unmodified OpenZeppelin contracts (governance/test/baseline) in the same run, as the baseline.
import { FlyTimelock__factory } from "@flyaimusic/bindings";
import { type BaseContract, id, parseEther, ZeroAddress } from "ethers";
import { boundDescription, type Connection, deployFixture, GENESIS, type Signer, type Suite } from "../fixtures.ts";

export type GasSnapshot = Record<string, number>;

async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

export async function measureGas(): Promise<GasSnapshot> {
  const suite = await deployFixture();
  const { token, governor, alice, bob, carol, dave, others, connection, params } = suite;
  const time = connection.networkHelpers.time;
  const gas: GasSnapshot = {};
  await time.increase(10);

  // MINT: a holder with votes sends to an address that never held MINT (its first vote checkpoint included).
  gas["mint.transfer"] = await gasOf(token.connect(dave).transfer(others[0].address, parseEther("1000")));
  // MINT: first explicit delegation, to a delegate who already has votes (the usual case: backing an active
  // delegate). Holders need no delegation to vote, so vanilla's "first delegate" has no counterpart here.
  gas["mint.delegate"] = await gasOf(token.connect(carol).delegate(bob.address));
  // ... and to an address that never had votes.
  gas["mint.delegate.toNewDelegate"] = await gasOf(token.connect(others[0]).delegate(others[1].address));
  await time.increase(10);

  Object.assign(gas, await measureProposalLifecycle(governor, { alice, bob, dave }, params, time));
  return gas;
}

/**
 * The same operations on unmodified OpenZeppelin ERC20Votes + Governor (same modules, CountingSimple and
 * PreventLateQuorum), same parameters and holders. Vanilla holders must delegate to themselves before they can vote:
 * that step is `mint.delegate` here (vanilla's "first delegate").
 */
export async function measureBaseline(): Promise<GasSnapshot> {
  const suite = await deployFixture();
  const { connection, params, deployer, alice, bob, carol, dave, others } = suite;
  const time = connection.networkHelpers.time;
  const ethers = connection.ethers;
  const gas: GasSnapshot = {};
  const deploy = async (name: string, args: unknown[]): Promise<BaseContract> => {
    const contract = await ethers.deployContract(name, args, deployer);
    await contract.waitForDeployment();
    return contract;
  };
  const timelock = await new FlyTimelock__factory(deployer).deploy(params.timelockMinDelay, [], [], deployer.address);
  await timelock.waitForDeployment();
  // the same supply as the suite: the treasury's 400M (undelegated, like the suite's opted-out treasury) and the
  // four voters, so the quorum is the same 16.88M
  const holders = [await timelock.getAddress(), ...[alice, bob, carol, dave].map((h) => h.address)];
  const amounts = [params.treasuryAmount, ...Object.values(GENESIS)].map((a) => parseEther(a));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- baseline contracts are not in the generated bindings
  const token: any = await deploy("VanillaVotesToken", [holders, amounts]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const governor: any = await deploy("VanillaGovernor", [
    await token.getAddress(),
    await timelock.getAddress(),
    params.votingDelay,
    params.votingPeriod,
    parseEther(params.proposalThreshold),
    params.quorumPercent,
    params.lateQuorumExtension,
  ]);
  await (await timelock.grantRole(await timelock.PROPOSER_ROLE(), await governor.getAddress())).wait();
  await (await timelock.grantRole(await timelock.EXECUTOR_ROLE(), ZeroAddress)).wait();

  gas["mint.delegate"] = await gasOf(token.connect(dave).delegate(dave.address));
  for (const h of [alice, bob, carol] as Signer[]) await (await token.connect(h).delegate(h.address)).wait();
  await time.increase(10);
  gas["mint.transfer.undelegatedRecipient"] = await gasOf(
    token.connect(dave).transfer(others[0].address, parseEther("1000")),
  );
  gas["mint.delegate.toNewDelegate"] = await gasOf(token.connect(others[0]).delegate(others[1].address));
  await gasOf(token.connect(others[3]).delegate(others[3].address));
  gas["mint.transfer.delegatedRecipient"] = await gasOf(
    token.connect(dave).transfer(others[3].address, parseEther("1000")),
  );
  gas["mint.delegate.redelegate"] = await gasOf(token.connect(carol).delegate(bob.address));
  await time.increase(10);

  Object.assign(gas, await measureProposalLifecycle(governor, { alice, bob, dave }, params, time));
  return gas;
}

/** The governor the lifecycle needs: FlyGovernor or the OpenZeppelin baseline. */
interface GovernorLike {
  interface: { encodeFunctionData(name: "setVotingPeriod", args: [number]): string };
  getAddress(): Promise<string>;
  connect(signer: Signer): GovernorLike;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the two governors' typed methods differ in nominal types only
  [method: string]: any;
}

/**
 * One proposal through its whole life, the same on every governor: alice proposes doubling the voting period (the
 * governor's own setting, executed through the timelock), dave casts the first vote, bob votes with a reason, alice's
 * vote brings quorum, then queue and execute.
 */
async function measureProposalLifecycle(
  governor: GovernorLike,
  voters: { alice: Signer; bob: Signer; dave: Signer },
  params: Suite["params"],
  time: Connection["networkHelpers"]["time"],
): Promise<GasSnapshot> {
  const { alice, bob, dave } = voters;
  const gas: GasSnapshot = {};
  const target = await governor.getAddress();
  const calldata = governor.interface.encodeFunctionData("setVotingPeriod", [params.votingPeriod * 2]);
  const description = boundDescription("Double the voting period", alice.address);
  const args = [[target], [0], [calldata], id(description)] as const;
  gas["governor.propose"] = await gasOf(governor.connect(alice).propose([target], [0], [calldata], description));
  const proposalId = await governor.getProposalId(...args);
  await time.increase(params.votingDelay + 1);
  gas["governor.castVote"] = await gasOf(governor.connect(dave).castVote(proposalId, 1));
  gas["governor.castVoteWithReason"] = await gasOf(
    governor.connect(bob).castVoteWithReason(proposalId, 1, "Longer votes let more holders take part."),
  );
  await gasOf(governor.connect(alice).castVote(proposalId, 1));
  await time.increase(params.votingPeriod + params.lateQuorumExtension + 1);
  gas["governor.queue"] = await gasOf(governor.queue(...args));
  await time.increase(params.timelockMinDelay + 1);
  gas["governor.execute"] = await gasOf(governor.execute(...args));
  return gas;
}

export type { Connection };
