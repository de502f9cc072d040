// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {INFTStakingVault} from "../../contracts/interfaces/INFTStakingVault.sol";
import {NFTStakingVault} from "../../contracts/staking/NFTStakingVault.sol";
import {StakingFixture} from "./StakingFixture.sol";

/// @dev A staker contract that refuses ERC-721 safe transfers: the vault must still return its tokens.
contract RefusingStaker {
    error RefusingStakerNoThanks();

    function stake(NFTStakingVault vault, uint256 tokenId) external {
        IERC721(address(vault.musicNFT())).setApprovalForAll(address(vault), true);
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vault.stake(ids);
    }

    function unstake(NFTStakingVault vault, uint256 tokenId) external {
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vault.unstake(ids);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        revert RefusingStakerNoThanks();
    }
}

contract AttacksTest is StakingFixture {
    /// @dev Stake and unstake in one block: no time passed, no reward (no flash-stake value).
    function test_attack_sameBlockStakeUnstakeEarnsNothing() public {
        _mintAndStake(creator, "honest");
        vm.warp(block.timestamp + 100);
        uint256 id = _mintAndStake(staker2, "flash");
        vm.prank(staker2);
        vault.unstake(_ids(id));
        assertEq(vault.pendingRewards(staker2), 0);
        assertEq(vault.pendingRewards(creator), 100 * RATE);
    }

    /// @dev The smallest possible weight (tier weight 1 at the lowest multiplier) gets exactly its share, rounded
    /// down, with the sub-wei fractions kept: no rounding in its favour.
    function test_attack_smallestWeightGetsNoMoreThanItsShare() public {
        uint256 big = _mintAndStake(creator, "big");
        _post(big, 30_000);
        uint256 small = _mintTrack(staker2, "small");
        _post(small, 5_000);
        vm.prank(staker2);
        vault.stake(_ids(small));
        vm.prank(address(timelock));
        vault.setRewardRate(7); // 7 wei per second over weight 35,000
        vm.warp(block.timestamp + 1);
        assertEq(vault.pendingRewards(staker2), 1, "7 x 5,000 / 35,000 = 1");
        assertEq(vault.pendingRewards(creator), 6);
        vm.warp(block.timestamp + 2);
        assertEq(vault.pendingRewards(staker2) + vault.pendingRewards(creator), 21);
    }

    /// @dev Rewards of a period with nothing staked are carried, not lost, and not given to a later staker twice.
    function test_attack_zeroWeightPeriodPaidOnce() public {
        vm.warp(block.timestamp + 500);
        uint256 id = _mintAndStake(creator, "first");
        vm.warp(block.timestamp + 1);
        vm.prank(creator);
        assertEq(vault.claim(), 501 * RATE);
        _mintAndStake(staker2, "second");
        vm.warp(block.timestamp + 2);
        assertEq(vault.pendingRewards(staker2), RATE);
        assertEq(vault.pendingRewards(creator), RATE);
        vm.prank(creator);
        vault.unstake(_ids(id));
        assertEq(vault.carry(), 0);
    }

    /// @dev Claim, unstake, restake, claim: every second is paid once.
    function test_attack_claimUnstakeRestakeCannotDoublePay() public {
        uint256 id = _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 10);
        vm.startPrank(creator);
        vault.claim();
        vault.unstake(_ids(id));
        vault.stake(_ids(id));
        vm.warp(block.timestamp + 10);
        vault.claim();
        vm.stopPrank();
        assertEq(token.balanceOf(creator), 20 * RATE);
    }

    /// @dev The vault moves NFTs with transferFrom: no receiver hook is called, so a contract that refuses (or
    /// would re-enter through) onERC721Received cannot block or re-enter, and still gets its token back.
    function test_attack_noReceiverHook() public {
        RefusingStaker refusing = new RefusingStaker();
        uint256 id = _mintTrack(creator, "song");
        vm.prank(creator);
        music.transferFrom(creator, address(refusing), id);
        refusing.stake(vault, id);
        vm.warp(block.timestamp + 10);
        refusing.unstake(vault, id);
        assertEq(music.ownerOf(id), address(refusing));
        assertEq(vault.pendingRewards(address(refusing)), 10 * RATE);
    }

    /// @dev A keeper cannot push a weight out of bounds or reweigh twice in an epoch (bounded influence).
    function test_attack_keeperBoundedOncePerEpoch() public {
        uint256 id = _mintAndStake(creator, "song");
        _post(id, 30_000);
        uint256[] memory ids = _ids(id);
        uint16[] memory values = new uint16[](1);
        values[0] = 30_000;
        vm.prank(keeperAccount);
        vm.expectRevert(
            abi.encodeWithSelector(
                INFTStakingVault.NFTStakingVaultAlreadyPostedThisEpoch.selector,
                id,
                block.timestamp / 1 days
            )
        );
        vault.postPlayMultipliers(ids, values);
        assertEq(vault.weightOf(creator), 30_000);
    }
}
