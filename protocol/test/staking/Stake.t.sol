// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {INFTStakingVault} from "../../contracts/interfaces/INFTStakingVault.sol";
import {StakingFixture} from "./StakingFixture.sol";

contract StakeTest is StakingFixture {
    function test_stake_recordsStakerWeightAndHoldsTheNFT() public {
        uint256 id = _mintTrack(creator, "song");
        vm.expectEmit(address(vault));
        emit INFTStakingVault.Staked(creator, id, BASIC_WEIGHT * 10_000);
        vm.prank(creator);
        vault.stake(_ids(id));
        assertEq(music.ownerOf(id), address(vault));
        (address who, uint256 weight, uint256 bps, ) = vault.stakeOf(id);
        assertEq(who, creator);
        assertEq(weight, 10_000);
        assertEq(bps, 10_000);
        assertEq(vault.weightOf(creator), 10_000);
        assertEq(vault.totalWeight(), 10_000);
    }

    function test_stake_manyInOneCall() public {
        uint256 a = _mintTrack(creator, "a");
        uint256 b = _mintTrack(creator, "b");
        vm.prank(creator);
        vault.stake(_ids(a, b));
        assertEq(music.ownerOf(a), address(vault));
        assertEq(music.ownerOf(b), address(vault));
        assertEq(vault.weightOf(creator), 20_000);
        assertEq(vault.totalWeight(), 20_000);
    }

    function test_stake_revertsOnEmptyList() public {
        vm.prank(creator);
        vm.expectRevert(INFTStakingVault.NFTStakingVaultNoTokens.selector);
        vault.stake(new uint256[](0));
    }

    function test_stake_revertsForSomeoneElsesNFT() public {
        uint256 id = _mintTrack(creator, "song");
        uint256[] memory ids = _ids(id);
        vm.prank(staker2);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, staker2, id, creator));
        vault.stake(ids);
    }

    function test_stake_revertsForTheSameNFTTwiceInOneCall() public {
        uint256 id = _mintTrack(creator, "song");
        uint256[] memory ids = _ids(id, id);
        vm.prank(creator);
        vm.expectRevert();
        vault.stake(ids);
    }

    function test_stake_revertsForADisabledTier() public {
        vm.prank(address(timelock));
        vault.setTierWeight(BASIC, 0);
        uint256 id = _mintTrack(creator, "song");
        uint256[] memory ids = _ids(id);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultTierNotStakeable.selector, id, BASIC));
        vault.stake(ids);
    }

    function test_stake_revertsWithoutApproval() public {
        address stranger = makeAddr("stranger");
        vm.deal(stranger, 1 ether);
        uint256 id = _mintTrack(stranger, "song");
        uint256[] memory ids = _ids(id);
        vm.prank(stranger);
        vm.expectRevert();
        vault.stake(ids);
    }
}
