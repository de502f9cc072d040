// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {INFTStakingVault} from "../../contracts/interfaces/INFTStakingVault.sol";
import {NFTStakingVault} from "../../contracts/staking/NFTStakingVault.sol";
import {StakingFixture} from "./StakingFixture.sol";

contract EmergencyTest is StakingFixture {
    function test_emergencyUnstake_returnsTheNFTAndForfeitsOwed() public {
        uint256 a = _mintAndStake(creator, "a");
        uint256 b = _mintAndStake(creator, "b");
        vm.warp(block.timestamp + 100);
        vm.prank(creator);
        vault.unstake(_ids(b)); // settles 100 into owed
        vm.expectEmit(address(vault));
        emit INFTStakingVault.EmergencyUnstaked(creator, a);
        vm.expectEmit(address(vault));
        emit INFTStakingVault.RewardsForfeited(creator, 100 * RATE);
        vm.prank(creator);
        vault.emergencyUnstake(_ids(a));
        assertEq(music.ownerOf(a), creator);
        assertEq(vault.pendingRewards(creator), 0);
        assertEq(vault.totalWeight(), 0);
        assertEq(vault.weightOf(creator), 0);
    }

    function test_emergencyUnstake_revertsForSomeoneElse() public {
        uint256 id = _mintAndStake(creator, "song");
        uint256[] memory ids = _ids(id);
        vm.prank(staker2);
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultNotStaker.selector, id, staker2));
        vault.emergencyUnstake(ids);
    }

    /// @dev Another staker's rewards are untouched by someone's emergency exit.
    function test_emergencyUnstake_othersKeepTheirRewards() public {
        uint256 a = _mintAndStake(creator, "a");
        _mintAndStake(staker2, "b");
        vm.warp(block.timestamp + 100);
        vm.prank(creator);
        vault.emergencyUnstake(_ids(a));
        assertGe(vault.pendingRewards(staker2), 50 * RATE);
    }

    /// @dev The reward side broken (the accumulator would overflow at an absurd rate): unstake and claim revert,
    /// the emergency path still returns the NFT.
    function test_emergencyUnstake_worksWhenTheRewardSideFails() public {
        uint8[] memory tiers = new uint8[](1);
        uint32[] memory weights = new uint32[](1);
        weights[0] = 1;
        NFTStakingVault broken = new NFTStakingVault(
            address(timelock),
            IERC721(address(music)),
            IMintToken(address(token)),
            type(uint96).max,
            tiers,
            weights
        );
        vm.prank(address(timelock));
        broken.setRewardRate(type(uint96).max);
        uint256 id = _mintTrack(creator, "song");
        uint256[] memory ids = _ids(id);
        vm.startPrank(creator);
        music.approve(address(broken), id);
        broken.stake(ids);
        vm.warp(block.timestamp + 3650 days);
        vm.expectRevert();
        broken.unstake(ids);
        vm.expectRevert();
        broken.claim();
        broken.emergencyUnstake(ids);
        vm.stopPrank();
        assertEq(music.ownerOf(id), creator);
        assertEq(broken.totalWeight(), 0);
    }
}
