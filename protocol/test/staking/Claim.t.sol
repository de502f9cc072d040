// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INFTStakingVault} from "../../contracts/interfaces/INFTStakingVault.sol";
import {StakingFixture} from "./StakingFixture.sol";

contract ClaimTest is StakingFixture {
    function test_claim_paysRateTimesTimeToASoleStaker() public {
        _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 100);
        assertEq(vault.pendingRewards(creator), 100 * RATE);
        uint256 before = token.balanceOf(creator);
        vm.expectEmit(address(vault));
        emit INFTStakingVault.RewardsClaimed(creator, 100 * RATE);
        vm.prank(creator);
        assertEq(vault.claim(), 100 * RATE);
        assertEq(token.balanceOf(creator) - before, 100 * RATE);
        assertEq(token.emissionsBudget(address(vault)), BUDGET - 100 * RATE);
    }

    function test_claim_splitsByWeight() public {
        _mintAndStake(creator, "a");
        _mintAndStake(creator, "b");
        _mintAndStake(staker2, "c");
        vm.warp(block.timestamp + 300);
        assertEq(vault.pendingRewards(creator), 200 * RATE);
        assertEq(vault.pendingRewards(staker2), 100 * RATE);
    }

    function test_claim_cannotDoublePay() public {
        _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 50);
        vm.startPrank(creator);
        vault.claim();
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultNothingToClaim.selector, creator));
        vault.claim();
        vm.stopPrank();
        assertEq(token.balanceOf(address(vault)), 0);
    }

    function test_claim_revertsWithNothing() public {
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultNothingToClaim.selector, creator));
        vault.claim();
    }

    function test_claim_budgetExhaustedRevertsAndKeepsTheRewardsOwed() public {
        _mintAndStake(creator, "song");
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(vault), 10 * RATE);
        vm.warp(block.timestamp + 100);
        vm.prank(creator);
        vm.expectRevert(
            abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultRewardMintFailed.selector, creator, 100 * RATE)
        );
        vault.claim();
        assertEq(vault.pendingRewards(creator), 100 * RATE, "still owed");
        // governance tops the budget up: the same rewards are paid
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(vault), BUDGET);
        vm.prank(creator);
        assertEq(vault.claim(), 100 * RATE);
    }

    /// @dev Emissions while nothing is staked are carried to the next stakers, not lost.
    function test_claim_zeroWeightPeriodIsCarried() public {
        vm.warp(block.timestamp + 1_000);
        assertEq(vault.carry(), 1_000 * RATE * 1e18);
        _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 10);
        assertEq(vault.pendingRewards(creator), 1_010 * RATE);
        assertEq(vault.carry(), 0);
    }

    /// @dev A late staker earns only from its stake on: no share of what others earned before (stale state).
    function test_claim_lateStakerGetsNothingFromBefore() public {
        _mintAndStake(creator, "a");
        vm.warp(block.timestamp + 1_000);
        _mintAndStake(staker2, "b");
        assertEq(vault.pendingRewards(staker2), 0);
        vm.warp(block.timestamp + 10);
        assertEq(vault.pendingRewards(staker2), 5 * RATE);
        assertEq(vault.pendingRewards(creator), 1_005 * RATE);
    }

    /// @dev Rewards at an odd rate and weight: the sub-wei remainders are carried (globally) or kept (per staker),
    /// so everything emitted is owed or carried, to the wei.
    function testFuzz_claim_paidPlusOwedPlusCarryIsEmitted(uint96 rate, uint32 dt1, uint32 dt2, uint16 bps) public {
        rate = uint96(bound(rate, 1, RATE)); // higher rates for a year would pass the MINT cap
        dt1 = uint32(bound(dt1, 1, 365 days));
        dt2 = uint32(bound(dt2, 1, 365 days));
        bps = uint16(bound(bps, 5_000, 30_000));
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(vault), type(uint256).max / 2);
        uint256 t0 = block.timestamp;
        vm.prank(address(timelock));
        vault.setRewardRate(rate);
        uint256 a = _mintAndStake(creator, "a");
        _post(a, bps);
        _mintAndStake(staker2, "b");
        vm.warp(block.timestamp + dt1);
        uint256 paid;
        if (vault.pendingRewards(creator) != 0) {
            vm.prank(creator);
            paid = vault.claim();
        }
        vm.warp(block.timestamp + dt2);
        uint256 emitted = uint256(rate) * (block.timestamp - t0);
        uint256 owed = vault.pendingRewards(creator) + vault.pendingRewards(staker2);
        assertLe(paid + owed, emitted, "never more than emitted");
        // the rest is sub-wei fractions: carry and the stakers' kept fractions, under 3 wei in all
        assertLe(emitted - paid - owed, vault.carry() / 1e18 + 3, "nothing leaks");
    }
}
