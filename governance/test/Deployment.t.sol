// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {GovernanceFixture} from "./GovernanceFixture.sol";

/// @notice The fixture's wiring is the deploy's wiring (governance/deploy/governance.ts, run first by deploy/suite.ts): if these fail, every other
/// governance test is testing the wrong system.
contract DeploymentTest is GovernanceFixture {
    function test_deploy_tokenGenesisAndOwner() public view {
        assertEq(token.name(), "FlyAIMusic");
        assertEq(token.symbol(), "MINT");
        assertEq(token.decimals(), 18);
        assertEq(token.cap(), MAX_SUPPLY);
        assertEq(token.owner(), address(timelock));
        assertEq(token.totalSupply(), GENESIS_SUPPLY);
        assertEq(token.balanceOf(address(timelock)), TREASURY_AMOUNT);
        assertEq(token.balanceOf(alice), ALICE_AMOUNT);
        assertEq(token.balanceOf(bob), BOB_AMOUNT);
        assertEq(token.balanceOf(carol), CAROL_AMOUNT);
        assertEq(token.balanceOf(dave), DAVE_AMOUNT);
    }

    function test_deploy_governorSettings() public view {
        assertEq(governor.name(), "FlyAIMusic Governor");
        assertEq(address(governor.token()), address(token));
        assertEq(governor.timelock(), address(timelock));
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD);
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
        assertEq(governor.quorumDenominator(), 100);
        assertEq(governor.lateQuorumVoteExtension(), LATE_QUORUM_EXTENSION);
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
    }

    function test_deploy_timelockRoles() public view {
        assertEq(timelock.getMinDelay(), TIMELOCK_MIN_DELAY);
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)));
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), deployer));
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), deployer));
        assertFalse(timelock.hasRole(timelock.CANCELLER_ROLE(), deployer));
    }

    function test_deploy_quorumIsFourPercentOfGenesis() public view {
        assertEq(governor.quorum(block.timestamp - 1), (GENESIS_SUPPLY * QUORUM_PERCENT) / 100);
        assertEq(governor.quorum(block.timestamp - 1), 16_880_000 ether);
    }
}
