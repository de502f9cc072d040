// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice cancel: only the proposer, only while Pending; a canceled proposal is dead for good, and a proposal is
/// never both executed and canceled.
contract CancelTest is GovernanceFixture {
    Proposal internal proposal;
    uint256 internal proposalId;

    function setUp() public override {
        super.setUp();
        proposal = _setVotingPeriodProposal(alice);
        proposalId = _propose(proposal, alice);
    }

    function test_cancel_byProposerWhilePending() public {
        vm.expectEmit(address(governor));
        emit IGovernor.ProposalCanceled(proposalId);
        _cancelAs(alice);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Canceled));
    }

    function testFuzz_cancel_revertsForAnyoneButTheProposer(address caller) public {
        vm.assume(caller != alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, caller));
        _cancelAs(caller);
    }

    /// @dev The timelock (the DAO itself) cannot cancel a pending proposal through the governor either.
    function test_cancel_revertsForTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, address(timelock))
        );
        _cancelAs(address(timelock));
    }

    function test_cancel_revertsOnceActive() public {
        _warpToVoting(proposalId);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, alice));
        _cancelAs(alice);
    }

    function test_cancel_revertsOnceQueued() public {
        _voteThrough();
        _queue(proposal);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, alice));
        _cancelAs(alice);
        assertTrue(timelock.isOperationPending(_timelockOperationId(proposal)));
    }

    /// @dev Never both executed and canceled: after execution the proposer's cancel is refused and the state stays.
    function test_cancel_revertsAfterExecution() public {
        _voteThrough();
        _queue(proposal);
        vm.warp(governor.proposalEta(proposalId));
        _execute(proposal);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, alice));
        _cancelAs(alice);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
    }

    /// @dev ... and the other way round: a canceled proposal can be neither voted, queued, executed nor re-proposed.
    function test_cancel_canceledProposalIsDeadForGood() public {
        _cancelAs(alice);

        _warpToVoting(proposalId);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Canceled, IGovernor.ProposalState.Active);
        _vote(proposalId, alice, FOR);

        _warpPastDeadline(proposalId);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Canceled, IGovernor.ProposalState.Succeeded);
        _queue(proposal);

        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Canceled, IGovernor.ProposalState.Queued);
        _execute(proposal);

        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Canceled,
                bytes32(0)
            )
        );
        _propose(proposal, alice);
    }

    function test_cancel_revertsTwice() public {
        _cancelAs(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, alice));
        _cancelAs(alice);
    }

    /// @dev A queued operation cannot be pulled from the timelock by anyone but the canceller (the governor, which
    /// only cancels pending proposals, never queued ones).
    function testFuzz_cancel_timelockOperationOnlyByGovernor(address caller) public {
        vm.assume(caller != address(governor));
        _voteThrough();
        _queue(proposal);
        bytes32 operationId = _timelockOperationId(proposal);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                caller,
                timelock.CANCELLER_ROLE()
            )
        );
        vm.prank(caller);
        timelock.cancel(operationId);
    }

    /// @dev Walks the proposal to a random stage, then lets a random account try to cancel: it succeeds only for
    /// the proposer at the Pending stage, and an executed proposal never ends up canceled (nor the reverse).
    function testFuzz_cancel_neverBothExecutedAndCanceled(uint8 stage, bool asProposer, address other) public {
        stage = uint8(bound(stage, 0, 4));
        vm.assume(other != alice);
        if (stage >= 1) _warpToVoting(proposalId);
        if (stage >= 2) _voteThrough();
        if (stage >= 3) _queue(proposal);
        if (stage >= 4) {
            vm.warp(governor.proposalEta(proposalId));
            _execute(proposal);
        }
        address caller = asProposer ? alice : other;
        bool mayCancel = stage == 0 && asProposer;
        if (!mayCancel) {
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, caller));
        }
        _cancelAs(caller);

        IGovernor.ProposalState state = governor.state(proposalId);
        if (mayCancel) assertEq(uint8(state), uint8(IGovernor.ProposalState.Canceled));
        if (stage == 4) assertEq(uint8(state), uint8(IGovernor.ProposalState.Executed));

        // whatever happened, the other outcome is now out of reach
        if (state == IGovernor.ProposalState.Canceled) {
            vm.warp(governor.proposalDeadline(proposalId) + TIMELOCK_MIN_DELAY + 1);
            vm.expectRevert();
            _execute(proposal);
        }
    }

    // ---------------------------------------------------------------- helpers

    function _cancelAs(address caller) internal {
        vm.prank(caller);
        governor.cancel(proposal.targets, proposal.values, proposal.calldatas, _descriptionHash(proposal));
    }

    /// @dev From wherever voting is to past the deadline with the proposal Succeeded.
    function _voteThrough() internal {
        if (block.timestamp <= governor.proposalSnapshot(proposalId)) _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        _warpPastDeadline(proposalId);
    }
}
