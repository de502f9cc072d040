// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Panic} from "@openzeppelin/contracts/utils/Panic.sol";
import {IMintToken} from "../../contracts/interfaces/IMintToken.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice queue and execute: a passed proposal waits the timelock's delay, then anyone executes it, once, and the
/// timelock (not the governor) makes the calls.
contract QueueExecuteTest is GovernanceFixture {
    // ---------------------------------------------------------------- full flows

    /// @dev propose -> vote -> queue -> execute changing a governor setting (onlyGovernance: the call must come
    /// from the timelock while the governor executes the proposal).
    function test_execute_changesVotingPeriod() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _propose(p, alice);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Pending));

        _warpToVoting(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active));
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);

        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
        vm.expectEmit(address(governor));
        emit IGovernor.ProposalQueued(proposalId, block.timestamp + TIMELOCK_MIN_DELAY);
        _queue(p);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Queued));
        assertEq(governor.proposalEta(proposalId), block.timestamp + TIMELOCK_MIN_DELAY);
        assertTrue(timelock.isOperationPending(_timelockOperationId(p)));

        vm.warp(governor.proposalEta(proposalId));
        vm.expectEmit(address(governor));
        emit GovernorSettings.VotingPeriodSet(VOTING_PERIOD, 7 days);
        vm.expectEmit(address(governor));
        emit IGovernor.ProposalExecuted(proposalId);
        vm.prank(eve); // anyone executes
        _execute(p);

        assertEq(governor.votingPeriod(), 7 days);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
        assertTrue(timelock.isOperationDone(_timelockOperationId(p)));
    }

    function test_execute_grantsEmissionsBudget() public {
        Proposal memory p = _proposal(
            address(token),
            abi.encodeCall(token.setEmissionsBudget, (carol, 5_000_000 ether)),
            "Give carol an emissions budget of 5M MINT",
            bob
        );
        _passAndQueue(p, bob);
        vm.expectEmit(address(token));
        emit IMintToken.EmissionsBudgetSet(carol, 5_000_000 ether);
        _execute(p);
        assertEq(token.emissionsBudget(carol), 5_000_000 ether);

        vm.prank(carol);
        token.mint(eve, 2_000_000 ether);
        assertEq(token.balanceOf(eve), 2_000_000 ether);
        assertEq(token.emissionsBudget(carol), 3_000_000 ether);
        assertEq(token.totalSupply(), GENESIS_SUPPLY + 2_000_000 ether);
    }

    /// @dev A batch: a setting, a budget and a treasury payment, executed together by the timelock.
    function test_execute_runsABatchFromTheTreasury() public {
        Proposal memory p;
        p.targets = new address[](3);
        p.values = new uint256[](3);
        p.calldatas = new bytes[](3);
        (p.targets[0], p.calldatas[0]) = (address(governor), abi.encodeCall(governor.setProposalThreshold, (1 ether)));
        (p.targets[1], p.calldatas[1]) = (address(token), abi.encodeCall(token.setEmissionsBudget, (dave, 1 ether)));
        (p.targets[2], p.calldatas[2]) = (address(token), abi.encodeCall(token.transfer, (eve, 250_000 ether)));
        p.description = _boundDescription("Lower the threshold, budget dave, pay eve", carol);

        _passProposal(p, carol);
        assertEq(governor.proposalThreshold(), 1 ether);
        assertEq(token.emissionsBudget(dave), 1 ether);
        assertEq(token.balanceOf(eve), 250_000 ether);
        assertEq(token.balanceOf(address(timelock)), TREASURY_AMOUNT - 250_000 ether);
    }

    // ---------------------------------------------------------------- queue

    function test_queue_revertsWhileActive() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _propose(p, alice);
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Active, IGovernor.ProposalState.Succeeded);
        _queue(p);
    }

    function test_queue_revertsWhenDefeated() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _propose(p, alice);
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, AGAINST);
        _vote(proposalId, carol, AGAINST);
        _vote(proposalId, dave, AGAINST);
        _warpPastDeadline(proposalId);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Defeated, IGovernor.ProposalState.Succeeded);
        _queue(p);
    }

    function test_queue_revertsTwice() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _passAndQueue(p, alice);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Queued, IGovernor.ProposalState.Succeeded);
        _queue(p);
    }

    // ---------------------------------------------------------------- execute

    function test_execute_revertsWithoutQueue() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _propose(p, alice);
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        _warpPastDeadline(proposalId);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Succeeded, IGovernor.ProposalState.Queued);
        _execute(p);
    }

    /// @dev One second before the eta the timelock refuses: the delay holds even for a passed proposal.
    function test_execute_revertsBeforeEta() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _passAndQueue(p, alice);
        vm.warp(governor.proposalEta(proposalId) - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                _timelockOperationId(p),
                _operationBitmap(TimelockController.OperationState.Ready)
            )
        );
        _execute(p);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
    }

    function test_execute_revertsRightAfterQueue() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _propose(p, alice);
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        _warpPastDeadline(proposalId);
        _queue(p);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                _timelockOperationId(p),
                _operationBitmap(TimelockController.OperationState.Ready)
            )
        );
        _execute(p);
    }

    function test_execute_revertsTwice() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _passProposal(p, alice);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Executed, IGovernor.ProposalState.Queued);
        _execute(p);
    }

    /// @dev A failing call reverts the whole execution: the proposal stays Queued and can be retried.
    function test_execute_failingCallLeavesProposalQueued() public {
        Proposal memory p = _proposal(
            address(token),
            abi.encodeCall(token.transfer, (eve, TREASURY_AMOUNT + 1)),
            "Pay eve more than the treasury holds",
            alice
        );
        uint256 proposalId = _passAndQueue(p, alice);
        vm.expectRevert();
        _execute(p);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Queued));
        assertEq(token.balanceOf(eve), 0);
    }

    /// @dev The executor role is open, so anyone may run a ready operation straight on the timelock; the governor
    /// then reports the proposal Executed and refuses to run it again.
    function test_execute_directlyOnTimelockCountsAsExecuted() public {
        Proposal memory p = _proposal(
            address(token),
            abi.encodeCall(token.setEmissionsBudget, (carol, 1 ether)),
            "Budget carol",
            alice
        );
        uint256 proposalId = _passAndQueue(p, alice);
        bytes32 salt = bytes20(address(governor)) ^ _descriptionHash(p);
        vm.prank(eve);
        timelock.executeBatch(p.targets, p.values, p.calldatas, 0, salt);

        assertEq(token.emissionsBudget(carol), 1 ether);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Executed, IGovernor.ProposalState.Queued);
        _execute(p);
    }

    /// @dev The other side of the open executor role: a call to the governor's own onlyGovernance functions works
    /// only while the governor executes (it whitelists the call first), so running such an operation straight on
    /// the timelock fails and leaves it for governor.execute.
    function test_execute_governorCallRunDirectlyOnTimelockReverts() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _passAndQueue(p, alice);
        bytes32 salt = bytes20(address(governor)) ^ _descriptionHash(p);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", Panic.EMPTY_ARRAY_POP));
        vm.prank(eve);
        timelock.executeBatch(p.targets, p.values, p.calldatas, 0, salt);

        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Queued));
        _execute(p);
        assertEq(governor.votingPeriod(), 7 days);
    }

    /// @dev A changed voting period applies to proposals made after the change.
    function test_execute_newVotingPeriodAppliesToNextProposal() public {
        _passProposal(_setVotingPeriodProposal(alice), alice);
        Proposal memory next = _proposal(
            address(token),
            abi.encodeCall(token.setEmissionsBudget, (carol, 1 ether)),
            "Budget carol",
            bob
        );
        uint256 nextId = _propose(next, bob);
        assertEq(governor.proposalDeadline(nextId), governor.proposalSnapshot(nextId) + 7 days);
    }
}
