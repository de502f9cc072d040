// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";
import {GovernorHandler} from "./GovernorHandler.sol";

/// @notice The governor under random proposal lifecycles and bypass attempts: a proposal is never both executed and
/// canceled, nothing executes before the timelock delay, settings change only when a proposal executes, nobody
/// but the governor schedules on the timelock, and the tallies are exactly the weights the voters cast.
contract GovernorInvariantTest is GovernanceFixture {
    GovernorHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory voters = new address[](5);
        (voters[0], voters[1], voters[2], voters[3], voters[4]) = (alice, bob, carol, dave, eve);
        handler = new GovernorHandler(governor, token, timelock, voters);
        targetContract(address(handler));
    }

    function invariant_neverBothExecutedAndCanceled() public {
        vm.warp(handler.currentTime());
        for (uint256 i; i < handler.proposalCount(); ++i) {
            (uint256 id, bool executed, bool canceled) = handler.proposalAt(i);
            assertFalse(executed && canceled, "executed and canceled");
            IGovernor.ProposalState state = governor.state(id);
            if (executed) assertEq(uint8(state), uint8(IGovernor.ProposalState.Executed), "executed state");
            if (canceled) assertEq(uint8(state), uint8(IGovernor.ProposalState.Canceled), "canceled state");
            if (state == IGovernor.ProposalState.Executed) assertTrue(executed, "executed behind the handler's back");
            if (state == IGovernor.ProposalState.Canceled) assertTrue(canceled, "canceled behind the handler's back");
        }
    }

    function invariant_noBypassOrEarlyExecution() public view {
        assertEq(handler.violations(), 0);
    }

    function invariant_settingsChangeOnlyThroughExecutedProposals() public view {
        assertEq(governor.votingPeriod(), handler.ghostVotingPeriod(), "voting period");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(timelock.getMinDelay(), TIMELOCK_MIN_DELAY, "min delay");
        assertEq(token.owner(), address(timelock), "token owner");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), deployer), "deployer admin");
        address[5] memory voters = [alice, bob, carol, dave, eve];
        for (uint256 i; i < voters.length; ++i) {
            assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), voters[i]), "proposer role");
            assertEq(token.emissionsBudget(voters[i]), 0, "budget");
        }
    }

    function invariant_talliesAreTheCastWeights() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            (uint256 id, , ) = handler.proposalAt(i);
            (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(id);
            (uint256 ghostAgainst, uint256 ghostFor, uint256 ghostAbstain) = handler.ghostTally(id);
            assertEq(againstVotes, ghostAgainst, "against");
            assertEq(forVotes, ghostFor, "for");
            assertEq(abstainVotes, ghostAbstain, "abstain");
        }
    }
}
