// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice Quorum (4% of total supply at the snapshot, counting for + abstain) and the vote-success rule (for >
/// against), at their edges.
contract QuorumTest is GovernanceFixture {
    /// @dev 4% of the 422M genesis supply
    uint256 internal constant QUORUM = 16_880_000 ether;

    Proposal internal proposal;
    uint256 internal proposalId;

    function setUp() public override {
        super.setUp();
        proposal = _setVotingPeriodProposal(alice);
        proposalId = _propose(proposal, alice);
    }

    function test_quorum_isFourPercentOfSupplyAtSnapshot() public {
        _warpToVoting(proposalId);
        assertEq(governor.quorum(governor.proposalSnapshot(proposalId)), QUORUM);
        assertEq(QUORUM, (GENESIS_SUPPLY * QUORUM_PERCENT) / 100);
    }

    /// @dev Supply minted before the snapshot raises the proposal's quorum; supply minted after it does not.
    function test_quorum_followsSupplyAtSnapshot() public {
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(this), 200_000_000 ether);
        token.mint(eve, 100_000_000 ether);
        _warpToVoting(proposalId);
        token.mint(eve, 100_000_000 ether);

        uint256 snapshot = governor.proposalSnapshot(proposalId);
        assertEq(governor.quorum(snapshot), ((GENESIS_SUPPLY + 100_000_000 ether) * QUORUM_PERCENT) / 100);
        skip(1);
        assertEq(governor.quorum(block.timestamp - 1), ((GENESIS_SUPPLY + 200_000_000 ether) * QUORUM_PERCENT) / 100);
        assertEq(governor.quorum(snapshot), 20_880_000 ether);
    }

    function test_state_succeedsAtExactQuorum() public {
        _giveBobVotes(QUORUM);
        _warpToVoting(proposalId);
        _vote(proposalId, bob, FOR);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_state_defeatedOneWeiBelowQuorum() public {
        _giveBobVotes(QUORUM - 1);
        _warpToVoting(proposalId);
        _vote(proposalId, bob, FOR);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    function testFuzz_state_quorumEdge(uint256 forVotes) public {
        forVotes = bound(forVotes, QUORUM - 1 ether, QUORUM + 1 ether);
        _giveBobVotes(forVotes);
        _warpToVoting(proposalId);
        _vote(proposalId, bob, FOR);
        _warpPastDeadline(proposalId);
        IGovernor.ProposalState expected =
            forVotes >= QUORUM ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated;
        assertEq(uint8(governor.state(proposalId)), uint8(expected));
    }

    /// @dev carol's 3M for plus bob's abstain make exactly the quorum.
    function test_state_abstainCountsTowardQuorum() public {
        _giveBobVotes(QUORUM - CAROL_AMOUNT);
        _warpToVoting(proposalId);
        _vote(proposalId, carol, FOR);
        _vote(proposalId, bob, ABSTAIN);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_state_abstainOneWeiShortOfQuorumIsDefeated() public {
        _giveBobVotes(QUORUM - CAROL_AMOUNT - 1);
        _warpToVoting(proposalId);
        _vote(proposalId, carol, FOR);
        _vote(proposalId, bob, ABSTAIN);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    /// @dev 9M for, 8M against: 17M voted (above quorum) and for wins, but only the 9M for counts toward quorum.
    function test_state_againstDoesNotCountTowardQuorum() public {
        vm.prank(alice);
        token.transfer(eve, 4_000_000 ether); // alice keeps 8M
        _warpToVoting(proposalId);
        _vote(proposalId, bob, FOR);
        _vote(proposalId, carol, FOR);
        _vote(proposalId, alice, AGAINST);
        _warpPastDeadline(proposalId);

        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 9_000_000 ether);
        assertEq(againstVotes, 8_000_000 ether);
        assertEq(abstainVotes, 0);
        assertGt(forVotes + againstVotes, QUORUM);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    /// @dev The same votes with alice abstaining instead: quorum reached, for wins.
    function test_state_sameVotesWithAbstainSucceed() public {
        vm.prank(alice);
        token.transfer(eve, 4_000_000 ether);
        _warpToVoting(proposalId);
        _vote(proposalId, bob, FOR);
        _vote(proposalId, carol, FOR);
        _vote(proposalId, alice, ABSTAIN);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    /// @dev Quorum reached, for == against: a tie does not pass.
    function test_state_tieIsDefeated() public {
        address abstainer = makeAddr("abstainer");
        vm.prank(alice);
        token.transfer(dave, 6_000_000 ether); // alice 6M, dave 7M
        vm.prank(address(timelock)); // test shortcut for "another holder"
        token.transfer(abstainer, 1_000_000 ether);
        _warpToVoting(proposalId);
        _vote(proposalId, bob, FOR); // 6M
        _vote(proposalId, alice, AGAINST); // 6M
        _vote(proposalId, dave, ABSTAIN); // 7M
        _vote(proposalId, carol, ABSTAIN); // 3M
        _vote(proposalId, abstainer, ABSTAIN); // 1M
        _warpPastDeadline(proposalId);

        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(forVotes, againstVotes);
        assertGe(forVotes + abstainVotes, QUORUM);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    /// @dev The same tie broken by one wei of for: passes.
    function test_state_oneWeiMoreForSucceeds() public {
        address abstainer = makeAddr("abstainer");
        vm.prank(alice);
        token.transfer(dave, 6_000_000 ether - 1); // alice 6M + 1 wei
        vm.prank(address(timelock));
        token.transfer(abstainer, 1_000_000 ether);
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR); // 6M + 1 wei
        _vote(proposalId, bob, AGAINST); // 6M
        _vote(proposalId, dave, ABSTAIN);
        _vote(proposalId, carol, ABSTAIN);
        _vote(proposalId, abstainer, ABSTAIN);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_state_noVotesIsDefeated() public {
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    /// @dev More for than against is not enough without quorum, whatever the margin.
    function test_state_unanimousBelowQuorumIsDefeated() public {
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, carol, FOR);
        _vote(proposalId, dave, FOR); // 16M of the 16.88M
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Before the snapshot, alice tops bob up (or bob hands the excess to alice) so bob holds exactly `votes`.
    function _giveBobVotes(uint256 votes) internal {
        if (votes > BOB_AMOUNT) {
            vm.prank(alice);
            token.transfer(bob, votes - BOB_AMOUNT);
        } else {
            vm.prank(bob);
            token.transfer(alice, BOB_AMOUNT - votes);
        }
        assertEq(token.getVotes(bob), votes);
    }
}
