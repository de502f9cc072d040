// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INFTStakingVault} from "../../contracts/interfaces/INFTStakingVault.sol";
import {StakingFixture} from "./StakingFixture.sol";

contract UnstakeTest is StakingFixture {
    function test_unstake_returnsTheNFTAndKeepsRewardsOwed() public {
        uint256 id = _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 100);
        vm.expectEmit(address(vault));
        emit INFTStakingVault.Unstaked(creator, id);
        vm.prank(creator);
        vault.unstake(_ids(id));
        assertEq(music.ownerOf(id), creator);
        (address who, uint256 weight, , ) = vault.stakeOf(id);
        assertEq(who, address(0));
        assertEq(weight, 0);
        assertEq(vault.totalWeight(), 0);
        assertEq(vault.weightOf(creator), 0);
        vm.warp(block.timestamp + 100);
        assertEq(vault.pendingRewards(creator), 100 * RATE, "earned while staked only");
        vm.prank(creator);
        vault.claim();
        assertEq(token.balanceOf(creator), 100 * RATE);
    }

    function test_unstake_manyAndPartly() public {
        uint256 a = _mintTrack(creator, "a");
        uint256 b = _mintTrack(creator, "b");
        uint256 c = _mintTrack(creator, "c");
        uint256[] memory ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (a, b, c);
        vm.prank(creator);
        vault.stake(ids);
        vm.prank(creator);
        vault.unstake(_ids(a, c));
        assertEq(music.ownerOf(a), creator);
        assertEq(music.ownerOf(b), address(vault));
        assertEq(vault.weightOf(creator), 10_000);
        assertEq(vault.totalWeight(), 10_000);
    }

    function test_unstake_revertsForSomeoneElse() public {
        uint256 id = _mintAndStake(creator, "song");
        uint256[] memory ids = _ids(id);
        vm.prank(staker2);
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultNotStaker.selector, id, staker2));
        vault.unstake(ids);
    }

    function test_unstake_revertsTwice() public {
        uint256 id = _mintAndStake(creator, "song");
        uint256[] memory ids = _ids(id, id);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultNotStaker.selector, id, creator));
        vault.unstake(ids);
    }

    function test_unstake_worksWithTheBudgetExhausted() public {
        uint256 id = _mintAndStake(creator, "song");
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(vault), 0);
        vm.warp(block.timestamp + 100);
        vm.prank(creator);
        vault.unstake(_ids(id));
        assertEq(music.ownerOf(id), creator);
        assertEq(vault.pendingRewards(creator), 100 * RATE);
    }

    /// @dev Stale state: a token unstaked, sold and restaked by its new owner brings none of the old rewards along.
    function test_unstake_newOwnerInheritsNothing() public {
        uint256 id = _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 100);
        vm.startPrank(creator);
        vault.unstake(_ids(id));
        music.transferFrom(creator, staker2, id);
        vm.stopPrank();
        uint256[] memory ids = _ids(id);
        vm.prank(staker2);
        vault.stake(ids);
        vm.warp(block.timestamp + 10);
        assertEq(vault.pendingRewards(staker2), 10 * RATE);
        assertEq(vault.pendingRewards(creator), 100 * RATE);
    }
}
