// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {MintToken} from "../../contracts/token/MintToken.sol";
import {FlyGovernor} from "../../contracts/governor/FlyGovernor.sol";
import {FlyTimelock} from "../../contracts/governor/FlyTimelock.sol";
import {VanillaGovernor} from "../baseline/VanillaGovernor.sol";

/// @notice FlyGovernor (packed tally, late quorum checked only in the late window) against the same OpenZeppelin
/// modules unmodified (GovernorCountingSimple + GovernorPreventLateQuorum): one token, one proposal on each, the same
/// random votes at random times. Tallies, deadlines (with late-quorum extensions) and states must agree throughout.
contract GovernorDifferentialTest is Test {
    uint256 internal constant ACTORS = 8;
    uint48 internal constant DELAY = 1 days;
    uint32 internal constant PERIOD = 5 days;
    uint48 internal constant EXTENSION = 2 days;

    MintToken internal token;
    FlyGovernor internal ours;
    VanillaGovernor internal vanilla;
    address[ACTORS] internal actors;

    function setUp() public {
        vm.warp(1_700_000_000);
        address[] memory holders = new address[](ACTORS);
        uint256[] memory amounts = new uint256[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            actors[i] = makeAddr(string.concat("voter", vm.toString(i)));
            holders[i] = actors[i];
            amounts[i] = (i + 1) * 1_000_000 ether; // 36M in all; quorum 4% of 36M = 1.44M
        }
        token = new MintToken(makeAddr("owner"), 1_000_000_000 ether, holders, amounts);
        vm.warp(block.timestamp + 1);
    }

    /// @dev Both governors with the same settings; a random quorum makes it reached early, late or never.
    function _deployGovernors(uint256 quorumPercent) internal {
        TimelockController timelockA = new FlyTimelock(1 days, new address[](0), new address[](0), address(this));
        TimelockController timelockB = new FlyTimelock(1 days, new address[](0), new address[](0), address(this));
        ours = new FlyGovernor(
            token,
            timelockA,
            FlyGovernor.Settings({
                votingDelay: DELAY,
                votingPeriod: PERIOD,
                proposalThreshold: 0,
                quorumPercent: quorumPercent,
                lateQuorumExtension: EXTENSION
            })
        );
        vanilla = new VanillaGovernor(token, timelockB, DELAY, PERIOD, 0, quorumPercent, EXTENSION);
    }

    function testFuzz_sameOutcomesAsOpenZeppelinModules(uint256 seed, uint8 quorumPercent) public {
        _deployGovernors(bound(quorumPercent, 1, 60));

        (uint256 idOurs, uint256 idVanilla) = _proposeOnBoth();
        vm.warp(block.timestamp + DELAY + 1);
        uint256 start = block.timestamp;
        for (uint256 i; i < ACTORS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (r % 5 == 0) continue; // some never vote
            uint8 support = uint8((r >> 8) % 3);
            // vote times spread over the whole period, late window included, in increasing order
            uint256 at = start + ((PERIOD * (i + 1)) / (ACTORS + 1)) + ((r >> 16) % 3600);
            vm.warp(at);
            if (ours.state(idOurs) != IGovernor.ProposalState.Active) {
                assertEq(uint8(vanilla.state(idVanilla)), uint8(ours.state(idOurs)), "state before vote");
                continue;
            }
            vm.prank(actors[i]);
            ours.castVote(idOurs, support);
            vm.prank(actors[i]);
            vanilla.castVote(idVanilla, support);
            _assertSame(idOurs, idVanilla);
        }
        vm.warp(start + PERIOD + EXTENSION + 1);
        _assertSame(idOurs, idVanilla);
    }

    function test_lateQuorumExtendsBothDeadlinesAlike() public {
        _deployGovernors(20); // 7.2M of 36M
        (uint256 idOurs, uint256 idVanilla) = _proposeOnBoth();
        uint256 originalDeadline = ours.proposalDeadline(idOurs);
        vm.warp(block.timestamp + DELAY + 1);
        _voteOnBoth(idOurs, idVanilla, 1, 1); // 2M: below quorum
        vm.warp(originalDeadline - 1 hours); // inside the late window
        _voteOnBoth(idOurs, idVanilla, 7, 1); // +8M: crosses quorum late
        _assertSame(idOurs, idVanilla);
        assertEq(ours.proposalDeadline(idOurs), block.timestamp + EXTENSION, "extended by the full extension");
        _voteOnBoth(idOurs, idVanilla, 6, 0); // another late vote never extends again
        _assertSame(idOurs, idVanilla);
        vm.warp(originalDeadline + 1);
        assertEq(uint8(ours.state(idOurs)), uint8(IGovernor.ProposalState.Active), "still open after the original end");
        _assertSame(idOurs, idVanilla);
    }

    function test_earlyQuorumNeverExtends() public {
        _deployGovernors(4);
        (uint256 idOurs, uint256 idVanilla) = _proposeOnBoth();
        uint256 originalDeadline = ours.proposalDeadline(idOurs);
        vm.warp(block.timestamp + DELAY + 1);
        _voteOnBoth(idOurs, idVanilla, 7, 1); // 8M >= 1.44M: quorum on day one
        vm.warp(originalDeadline - 1 hours);
        _voteOnBoth(idOurs, idVanilla, 6, 0);
        assertEq(ours.proposalDeadline(idOurs), originalDeadline, "no extension");
        _assertSame(idOurs, idVanilla);
    }

    function _voteOnBoth(uint256 idOurs, uint256 idVanilla, uint256 actor, uint8 support) internal {
        vm.prank(actors[actor]);
        ours.castVote(idOurs, support);
        vm.prank(actors[actor]);
        vanilla.castVote(idVanilla, support);
    }

    function _proposeOnBoth() internal returns (uint256 idOurs, uint256 idVanilla) {
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(token);
        calldatas[0] = abi.encodeCall(token.setEmissionsBudget, (actors[0], 1 ether));
        string memory description = string.concat("Budget\n\n#proposer=", Strings.toHexString(actors[0]));
        vm.prank(actors[0]);
        idOurs = ours.propose(targets, values, calldatas, description);
        vm.prank(actors[0]);
        idVanilla = vanilla.propose(targets, values, calldatas, description);
    }

    function _assertSame(uint256 idOurs, uint256 idVanilla) internal view {
        (uint256 againstA, uint256 forA, uint256 abstainA) = ours.proposalVotes(idOurs);
        (uint256 againstB, uint256 forB, uint256 abstainB) = vanilla.proposalVotes(idVanilla);
        assertEq(againstA, againstB, "against");
        assertEq(forA, forB, "for");
        assertEq(abstainA, abstainB, "abstain");
        assertEq(ours.proposalDeadline(idOurs), vanilla.proposalDeadline(idVanilla), "deadline");
        assertEq(uint8(ours.state(idOurs)), uint8(vanilla.state(idVanilla)), "state");
    }
}
