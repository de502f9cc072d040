// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {MintToken} from "../../contracts/token/MintToken.sol";
import {VanillaVotesToken} from "../baseline/VanillaVotesToken.sol";

/// @notice MintToken's packed vote checkpoints against OpenZeppelin's ERC20Votes: the same random transfers,
/// delegations (including opting out and back in) and clock moves, with every vanilla holder self-delegated first
/// (MintToken's default). Votes, delegates, every checkpoint and every past lookup must agree.
contract VotesDifferentialTest is Test {
    uint256 internal constant ACTORS = 5;
    MintToken internal ours;
    VanillaVotesToken internal vanilla;
    address[ACTORS] internal actors;
    uint256[] internal timepoints;

    function setUp() public {
        vm.warp(1_700_000_000);
        address[] memory holders = new address[](ACTORS);
        uint256[] memory amounts = new uint256[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            holders[i] = actors[i];
            amounts[i] = (i + 1) * 1_000_000 ether;
        }
        ours = new MintToken(makeAddr("owner"), 1_000_000_000 ether, holders, amounts);
        vanilla = new VanillaVotesToken(holders, amounts);
        for (uint256 i; i < ACTORS; ++i) {
            vm.prank(actors[i]);
            vanilla.delegate(actors[i]);
        }
    }

    function testFuzz_sameVotesAsERC20Votes(uint256 seed) public {
        for (uint256 step; step < 40; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            address actor = actors[r % ACTORS];
            uint256 action = (r >> 8) % 4;
            if (action <= 1) {
                address to = actors[(r >> 16) % ACTORS];
                uint256 amount = (r >> 32) % (ours.balanceOf(actor) + 1);
                vm.prank(actor);
                ours.transfer(to, amount);
                vm.prank(actor);
                vanilla.transfer(to, amount);
            } else if (action == 2) {
                // index ACTORS means address(0): opting out
                uint256 pick = (r >> 16) % (ACTORS + 1);
                address delegatee = pick == ACTORS ? address(0) : actors[pick];
                vm.prank(actor);
                ours.delegate(delegatee);
                vm.prank(actor);
                vanilla.delegate(delegatee);
            } else {
                timepoints.push(block.timestamp);
                vm.warp(block.timestamp + ((r >> 16) % 4)); // 0 keeps several updates in one second
            }
            _assertSameNow();
        }
        timepoints.push(block.timestamp);
        vm.warp(block.timestamp + 1);
        _assertSameHistory();
    }

    function _assertSameNow() internal view {
        for (uint256 i; i < ACTORS; ++i) {
            address a = actors[i];
            assertEq(ours.getVotes(a), vanilla.getVotes(a), "getVotes");
            assertEq(ours.delegates(a), vanilla.delegates(a), "delegates");
            assertEq(ours.numCheckpoints(a), vanilla.numCheckpoints(a), "numCheckpoints");
        }
    }

    function _assertSameHistory() internal view {
        for (uint256 i; i < ACTORS; ++i) {
            address a = actors[i];
            uint32 count = ours.numCheckpoints(a);
            for (uint32 pos; pos < count; ++pos) {
                Checkpoints.Checkpoint208 memory mine = ours.checkpoints(a, pos);
                Checkpoints.Checkpoint208 memory theirs = vanilla.checkpoints(a, pos);
                assertEq(mine._key, theirs._key, "checkpoint key");
                assertEq(mine._value, theirs._value, "checkpoint value");
            }
            for (uint256 t; t < timepoints.length; ++t) {
                assertEq(ours.getPastVotes(a, timepoints[t]), vanilla.getPastVotes(a, timepoints[t]), "getPastVotes");
                assertEq(ours.getPastVotes(a, timepoints[t] - 1), vanilla.getPastVotes(a, timepoints[t] - 1), "before");
            }
        }
        for (uint256 t; t < timepoints.length; ++t) {
            assertEq(ours.getPastTotalSupply(timepoints[t]), vanilla.getPastTotalSupply(timepoints[t]), "supply");
        }
    }

    function test_lookupOfAFutureTimepointReverts() public {
        vm.expectRevert(
            abi.encodeWithSignature("ERC5805FutureLookup(uint256,uint48)", block.timestamp, block.timestamp)
        );
        ours.getPastVotes(actors[0], block.timestamp);
    }

    function test_lookupsAcrossManyCheckpointsMatch() public {
        // more than 5 history entries exercises the "probe near the end first" branch
        for (uint256 i; i < 40; ++i) {
            vm.warp(block.timestamp + 7);
            timepoints.push(block.timestamp);
            vm.prank(actors[0]);
            ours.transfer(actors[1], 1 ether + i);
            vm.prank(actors[0]);
            vanilla.transfer(actors[1], 1 ether + i);
        }
        vm.warp(block.timestamp + 1);
        _assertSameHistory();
    }
}
