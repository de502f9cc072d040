// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {StakingFixture} from "../StakingFixture.sol";
import {StakingHandler} from "./StakingHandler.sol";

/// @notice The vault's invariants under random sequences (see StakingHandler):
/// - no free value: rewards paid + owed never exceed what was emitted (rate x time), and the emissions budget
///   fell by exactly what was paid;
/// - nothing leaks: what was emitted and is neither paid nor owed is the carry (plus each staker's sub-wei
///   fraction); only the emergency path, which forfeits, may leave more unpaid;
/// - custody: every token is either in the vault with a stake record of its holder, or with its holder and no
///   stake record;
/// - sums: the stake records' weights, and the stakers' weights, each add up to totalWeight.
contract StakingInvariantTest is StakingFixture {
    StakingHandler internal handler;
    uint256 internal budgetAtStart;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](3);
        (actors[0], actors[1], actors[2]) = (creator, staker2, collector);
        vm.prank(collector);
        music.setApprovalForAll(address(vault), true);
        uint256[] memory tokenIds = new uint256[](6);
        address[] memory holders = new address[](6);
        for (uint256 i; i < 6; ++i) {
            holders[i] = actors[i % 3];
            tokenIds[i] = _mintTrack(holders[i], abi.encodePacked("track ", i));
        }
        handler = new StakingHandler(vault, address(timelock), keeperAccount, actors, tokenIds, holders);
        budgetAtStart = token.emissionsBudget(address(vault));

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](6);
        actions[0] = StakingHandler.stake.selector;
        actions[1] = StakingHandler.unstake.selector;
        actions[2] = StakingHandler.claim.selector;
        actions[3] = StakingHandler.warp.selector;
        actions[4] = StakingHandler.post.selector;
        actions[5] = StakingHandler.setRate.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_paidPlusOwedNeverExceedsEmitted() public view {
        address[] memory actors = handler.actors();
        uint256 owed;
        for (uint256 i; i < actors.length; ++i) owed += vault.pendingRewards(actors[i]);
        uint256 emitted = handler.ghostEmitted() + handler.ghostRate() * (block.timestamp - handler.ghostLastTime());
        assertLe(handler.ghostPaid() + owed, emitted, "paid + owed <= emitted");
        assertEq(budgetAtStart - token.emissionsBudget(address(vault)), handler.ghostPaid(), "budget spent = paid");
        uint256 unpaid = emitted - handler.ghostPaid() - owed;
        assertGe(unpaid, vault.carry() / 1e18, "the carry is unpaid");
        if (handler.ghostEmergencies() == 0) {
            assertLe(unpaid, vault.carry() / 1e18 + 1 + actors.length, "the rest is sub-wei fractions");
        }
    }

    function invariant_everyTokenIsStakedOrWithItsHolder() public view {
        uint256[] memory tokenIds = handler.tokens();
        for (uint256 i; i < tokenIds.length; ++i) {
            (address staker, uint256 weight, , ) = vault.stakeOf(tokenIds[i]);
            address holder = handler.holderOf(tokenIds[i]);
            if (music.ownerOf(tokenIds[i]) == address(vault)) {
                assertEq(staker, holder, "staked by its holder");
                assertGt(weight, 0, "a stake has weight");
            } else {
                assertEq(music.ownerOf(tokenIds[i]), holder, "back with its holder");
                assertEq(staker, address(0), "no stake record");
                assertEq(weight, 0, "no weight");
            }
        }
    }

    function invariant_weightsSumToTotal() public view {
        uint256[] memory tokenIds = handler.tokens();
        uint256 sumTokens;
        for (uint256 i; i < tokenIds.length; ++i) {
            (, uint256 weight, , ) = vault.stakeOf(tokenIds[i]);
            sumTokens += weight;
        }
        address[] memory actors = handler.actors();
        uint256 sumStakers;
        for (uint256 i; i < actors.length; ++i) sumStakers += vault.weightOf(actors[i]);
        assertEq(sumTokens, vault.totalWeight(), "token weights sum to the total");
        assertEq(sumStakers, vault.totalWeight(), "staker weights sum to the total");
    }
}
