// Measures every gas snapshot row: `receipt.gasUsed` of one real transaction each, on the in-process network with
// the suite deployed by the real deploy (PERF.md: whole transaction, suite warm, the user cold).
import { id, parseEther } from "ethers";
import { boundDescription, deployFixture } from "../fixtures.ts";

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

  const target = await token.getAddress();
  const calldata = token.interface.encodeFunctionData("setEmissionsBudget", [others[2].address, parseEther("1000")]);
  const description = boundDescription("Grant an emissions budget", alice.address);
  gas["governor.propose"] = await gasOf(governor.connect(alice).propose([target], [0], [calldata], description));
  const proposalId = await governor.getProposalId([target], [0], [calldata], id(description));
  await time.increase(params.votingDelay + 1);

  gas["governor.castVote"] = await gasOf(governor.connect(dave).castVote(proposalId, 1));
  gas["governor.castVoteWithReason"] = await gasOf(
    governor.connect(bob).castVoteWithReason(proposalId, 1, "Emissions for the rewards distributor, as discussed."),
  );
  await gasOf(governor.connect(alice).castVote(proposalId, 1));
  await time.increase(params.votingPeriod + params.lateQuorumExtension + 1);

  gas["governor.queue"] = await gasOf(governor.queue([target], [0], [calldata], id(description)));
  await time.increase(params.timelockMinDelay + 1);
  gas["governor.execute"] = await gasOf(governor.execute([target], [0], [calldata], id(description)));
  return gas;
}
