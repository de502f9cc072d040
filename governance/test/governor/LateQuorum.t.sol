// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice Late-quorum protection: the vote that reaches quorum less than `lateQuorumVoteExtension` before the
/// deadline moves the deadline to `now + extension`, so a last-minute majority cannot leave the others no time.
contract LateQuorumTest is GovernanceFixture {
    // OpenZeppelin GovernorPreventLateQuorum's events and error, declared here so the test does not depend on which
    // contract of the governor emits them
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);

    Proposal internal proposal;
    uint256 internal proposalId;
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        proposal = _setVotingPeriodProposal(alice);
        proposalId = _propose(proposal, alice);
        deadline = governor.proposalDeadline(proposalId);
    }

    function test_castVote_extendsDeadlineWhenQuorumReachedInLastHour() public {
        vm.warp(deadline - 1 hours);
        _vote(proposalId, alice, FOR); // 12M: below quorum, nothing moves
        assertEq(governor.proposalDeadline(proposalId), deadline);

        uint256 extended = block.timestamp + LATE_QUORUM_EXTENSION;
        vm.expectEmit(address(governor));
        emit ProposalExtended(proposalId, uint64(extended));
        _vote(proposalId, bob, FOR); // 18M: quorum
        assertEq(governor.proposalDeadline(proposalId), extended);

        // still open after the original deadline, closed after the new one
        vm.warp(deadline + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active));
        _vote(proposalId, carol, AGAINST);
        vm.warp(extended);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active));
        vm.warp(extended + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    /// @dev The point of the extension: a whale reaching quorum at the last second, and the others outvoting it in
    /// the time the extension gives them.
    function test_castVote_extensionLetsOthersRespond() public {
        address whale = makeAddr("whale");
        vm.prank(address(timelock)); // test shortcut for a holder with 17M, bought before the snapshot
        token.transfer(whale, 17_000_000 ether);

        vm.warp(deadline);
        _vote(proposalId, whale, FOR);
        assertEq(governor.proposalDeadline(proposalId), deadline + LATE_QUORUM_EXTENSION);

        vm.warp(deadline + 1 days);
        _vote(proposalId, alice, AGAINST);
        _vote(proposalId, bob, AGAINST);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_castVote_noExtensionWhenQuorumReachedEarly() public {
        _warpToVoting(proposalId);
        vm.recordLogs();
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);

        vm.warp(deadline - 1 minutes); // later votes in the window do not move it either
        _vote(proposalId, carol, ABSTAIN);
        _vote(proposalId, dave, FOR);
        assertEq(_countProposalExtended(vm.getRecordedLogs()), 0);
        assertEq(governor.proposalDeadline(proposalId), deadline);

        vm.warp(deadline + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_castVote_extendsAtDeadlineSecond() public {
        vm.warp(deadline);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        assertEq(governor.proposalDeadline(proposalId), deadline + LATE_QUORUM_EXTENSION);
    }

    /// @dev Reaching quorum exactly `extension` before the deadline leaves the deadline where it is; one second
    /// later moves it by one second.
    function test_castVote_windowBoundary() public {
        vm.warp(deadline - LATE_QUORUM_EXTENSION);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        assertEq(governor.proposalDeadline(proposalId), deadline);
    }

    function test_castVote_windowBoundaryPlusOneSecond() public {
        vm.warp(deadline - LATE_QUORUM_EXTENSION + 1);
        _vote(proposalId, alice, FOR);
        vm.expectEmit(address(governor));
        emit ProposalExtended(proposalId, uint64(deadline + 1));
        _vote(proposalId, bob, FOR);
        assertEq(governor.proposalDeadline(proposalId), deadline + 1);
    }

    function test_castVote_extendsOnlyOnce() public {
        vm.warp(deadline - 1 hours);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        uint256 extended = governor.proposalDeadline(proposalId);

        vm.warp(extended); // the last second of the extension
        vm.recordLogs();
        _vote(proposalId, carol, FOR);
        _vote(proposalId, dave, ABSTAIN);
        assertEq(_countProposalExtended(vm.getRecordedLogs()), 0);
        assertEq(governor.proposalDeadline(proposalId), extended);
    }

    function test_castVote_abstainReachingQuorumLateExtends() public {
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        vm.warp(deadline - 10 minutes);
        _vote(proposalId, bob, ABSTAIN);
        assertEq(governor.proposalDeadline(proposalId), deadline - 10 minutes + LATE_QUORUM_EXTENSION);
    }

    /// @dev Against votes do not count toward quorum, so they never extend, however many arrive late.
    function test_castVote_againstVotesNeverExtend() public {
        vm.warp(deadline - 1 hours);
        vm.recordLogs();
        _vote(proposalId, alice, AGAINST);
        _vote(proposalId, bob, AGAINST);
        _vote(proposalId, carol, FOR);
        assertEq(_countProposalExtended(vm.getRecordedLogs()), 0);
        assertEq(governor.proposalDeadline(proposalId), deadline);
    }

    /// @dev Fuzzed: a first for vote below quorum at `firstAt`, the quorum-reaching vote at `secondAt`, a third vote
    /// later. The deadline is max(original, secondAt + extension) and never moves again.
    function testFuzz_castVote_deadlineAfterQuorum(uint256 firstAt, uint256 secondAt, uint256 thirdAt) public {
        uint256 votingStart = governor.proposalSnapshot(proposalId) + 1;
        firstAt = bound(firstAt, votingStart, deadline);
        secondAt = bound(secondAt, firstAt, deadline);
        vm.warp(firstAt);
        _vote(proposalId, alice, FOR);
        vm.warp(secondAt);
        _vote(proposalId, bob, ABSTAIN);

        uint256 expected = secondAt + LATE_QUORUM_EXTENSION > deadline ? secondAt + LATE_QUORUM_EXTENSION : deadline;
        assertEq(governor.proposalDeadline(proposalId), expected);

        thirdAt = bound(thirdAt, secondAt, expected);
        vm.warp(thirdAt);
        _vote(proposalId, carol, FOR);
        assertEq(governor.proposalDeadline(proposalId), expected);
        vm.warp(expected + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    // ---------------------------------------------------------------- the setting

    function test_setLateQuorumVoteExtension_throughProposal() public {
        Proposal memory p = _proposal(
            address(governor),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (1 days)),
            "Shorter late-quorum extension",
            bob
        );
        _passAndQueue(p, bob);
        vm.expectEmit(address(governor));
        emit LateQuorumVoteExtensionSet(LATE_QUORUM_EXTENSION, 1 days);
        _execute(p);
        assertEq(governor.lateQuorumVoteExtension(), 1 days);

        // a new proposal reached late is extended by the new amount
        Proposal memory next = _setVotingPeriodProposal(carol);
        uint256 nextId = _propose(next, carol);
        uint256 nextDeadline = governor.proposalDeadline(nextId);
        vm.warp(nextDeadline);
        _vote(nextId, alice, FOR);
        _vote(nextId, bob, FOR);
        assertEq(governor.proposalDeadline(nextId), nextDeadline + 1 days);
    }

    /// @dev FlyGovernor fixes the extension when a proposal is made (OpenZeppelin's module reads the current one
    /// when quorum is reached): a change voted meanwhile applies to later proposals only.
    function test_setLateQuorumVoteExtension_appliesToNewProposalsOnly() public {
        Proposal memory p = _proposal(
            address(governor),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (1 days)),
            "Shorter late-quorum extension",
            bob
        );
        uint256 changeId = _propose(p, bob);
        _warpToVoting(changeId);
        _vote(changeId, alice, FOR);
        _vote(changeId, bob, FOR);
        // a proposal made while the change is under way: its voting ends after the change executes
        vm.warp(governor.proposalDeadline(changeId));
        Proposal memory live = _setVotingPeriodProposal(carol);
        uint256 liveId = _propose(live, carol);
        _warpPastDeadline(changeId);
        _queue(p);
        vm.warp(governor.proposalEta(changeId));
        _execute(p);

        uint256 liveDeadline = governor.proposalDeadline(liveId);
        assertGt(liveDeadline, block.timestamp);
        vm.warp(liveDeadline);
        _vote(liveId, alice, FOR);
        _vote(liveId, bob, FOR);
        assertEq(governor.proposalDeadline(liveId), liveDeadline + LATE_QUORUM_EXTENSION);
    }

    function test_setLateQuorumVoteExtension_revertsAboveVotingPeriod() public {
        Proposal memory p = _proposal(
            address(governor),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (VOTING_PERIOD + 1)),
            "Extension longer than the vote",
            bob
        );
        _passAndQueue(p, bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorPreventLateQuorumVoteExtensionTooLarge.selector,
                VOTING_PERIOD + 1,
                VOTING_PERIOD
            )
        );
        _execute(p);
    }

    function test_setLateQuorumVoteExtension_revertsUnlessGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, eve));
        vm.prank(eve);
        governor.setLateQuorumVoteExtension(0);
    }

    // ---------------------------------------------------------------- helpers

    function _countProposalExtended(Vm.Log[] memory logs) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(governor) && logs[i].topics[0] == ProposalExtended.selector) ++count;
        }
    }
}
