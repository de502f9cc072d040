// Governance as holders live it, across transactions and time on the in-process chain: propose -> vote -> queue ->
// execute changes a protocol parameter; tokens moved after the snapshot weigh nothing; nothing executes early.
import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { id, parseEther } from "ethers";
import { boundDescription, deployFixture, type Suite } from "../fixtures.ts";

const STATE = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
};

describe("governance flow", () => {
  let suite: Suite;
  beforeEach(async () => {
    suite = await deployFixture();
    await suite.connection.networkHelpers.time.increase(1); // proposals read votes one second back
  });

  async function proposeSetVotingPeriod(seconds: number) {
    const { governor, alice } = suite;
    const target = await governor.getAddress();
    const calldata = governor.interface.encodeFunctionData("setVotingPeriod", [seconds]);
    const description = boundDescription(`Set the voting period to ${seconds} s`, alice.address);
    await (await governor.connect(alice).propose([target], [0], [calldata], description)).wait();
    const proposalId = await governor.getProposalId([target], [0], [calldata], id(description));
    const args: [string[], number[], string[], string] = [[target], [0], [calldata], id(description)];
    return { proposalId, args };
  }

  it("propose -> vote -> queue -> execute changes the voting period through the timelock", async () => {
    const { governor, alice, bob, carol, params, connection } = suite;
    const time = connection.networkHelpers.time;
    const { proposalId, args } = await proposeSetVotingPeriod(900);
    assert.equal(await governor.state(proposalId), STATE.Pending);

    await time.increase(params.votingDelay + 1);
    assert.equal(await governor.state(proposalId), STATE.Active);
    await (await governor.connect(alice).castVote(proposalId, 1)).wait();
    await (await governor.connect(bob).castVoteWithReason(proposalId, 1, "shorter votes, same quorum")).wait();
    await (await governor.connect(carol).castVote(proposalId, 0)).wait();
    const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
    assert.deepEqual([against, forVotes, abstain], [parseEther("3000000"), parseEther("18000000"), 0n]);

    await assert.rejects(governor.queue(...args), /GovernorUnexpectedProposalState/, "cannot queue while voting");
    await time.increase(params.votingPeriod + 1);
    assert.equal(await governor.state(proposalId), STATE.Succeeded);
    await (await governor.queue(...args)).wait();
    assert.equal(await governor.state(proposalId), STATE.Queued);

    await assert.rejects(governor.execute(...args), /TimelockUnexpectedOperationState/, "the timelock delay holds");
    await time.increase(params.timelockMinDelay + 1);
    await (await governor.connect(carol).execute(...args)).wait(); // anyone executes
    assert.equal(await governor.state(proposalId), STATE.Executed);
    assert.equal(await governor.votingPeriod(), 900n);
  });

  it("weighs votes at the snapshot: tokens received after it count for nothing", async () => {
    const { governor, token, alice, dave, others, params, connection } = suite;
    const time = connection.networkHelpers.time;
    const { proposalId } = await proposeSetVotingPeriod(900);
    await time.increase(params.votingDelay + 1);
    // after the snapshot alice hands her whole balance to a fresh account, which then votes
    const fresh = others[5];
    await (await token.connect(alice).transfer(fresh.address, await token.balanceOf(alice.address))).wait();
    assert.equal(await token.getVotes(fresh.address), parseEther("12000000"), "the tokens carry votes now");
    await (await governor.connect(fresh).castVote(proposalId, 1)).wait();
    await (await governor.connect(alice).castVote(proposalId, 1)).wait(); // alice still has her snapshot votes
    await (await governor.connect(dave).castVote(proposalId, 0)).wait();
    const [against, forVotes] = await governor.proposalVotes(proposalId);
    assert.equal(forVotes, parseEther("12000000"), "only alice's snapshot weight counts");
    assert.equal(against, parseEther("1000000"));
  });

  it("defeats a proposal that misses quorum however lopsided the vote", async () => {
    const { governor, carol, dave, params, connection } = suite;
    const time = connection.networkHelpers.time;
    const { proposalId } = await proposeSetVotingPeriod(900);
    await time.increase(params.votingDelay + 1);
    await (await governor.connect(carol).castVote(proposalId, 1)).wait();
    await (await governor.connect(dave).castVote(proposalId, 1)).wait();
    await time.increase(params.votingPeriod + 1);
    assert.equal(await governor.state(proposalId), STATE.Defeated, "4M for is below the 16.88M quorum");
  });
});
