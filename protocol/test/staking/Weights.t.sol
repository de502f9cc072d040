// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {INFTStakingVault} from "../../contracts/interfaces/INFTStakingVault.sol";
import {StakingFixture} from "./StakingFixture.sol";

contract WeightsTest is StakingFixture {
    function test_weights_proTierWeighsItsTierWeight() public {
        IMusicNFT.MintRequest memory request = _request("pro song", creator);
        request.tier = PRO;
        vm.startPrank(creator);
        token.approve(address(music), PRO_FEE);
        vm.stopPrank();
        vm.prank(alice);
        assertTrue(token.transfer(creator, PRO_FEE));
        vm.prank(creator);
        uint256 pro = music.mint(request);
        uint256 basic = _mintTrack(creator, "basic song");
        vm.prank(creator);
        vault.stake(_ids(pro, basic));
        (, uint256 weight, , ) = vault.stakeOf(pro);
        assertEq(weight, PRO_WEIGHT * 10_000);
        assertEq(vault.totalWeight(), (PRO_WEIGHT + BASIC_WEIGHT) * 10_000);
    }

    function test_weights_keeperPostReweighsAStakedTokenAndSettlesFirst() public {
        uint256 a = _mintAndStake(creator, "a");
        _mintAndStake(staker2, "b");
        vm.warp(block.timestamp + 100);
        vm.expectEmit(address(vault));
        emit INFTStakingVault.PlayMultiplierPosted(a, block.timestamp / 1 days, 30_000, 30_000);
        _post(a, 30_000);
        assertEq(vault.totalWeight(), 40_000);
        assertEq(vault.weightOf(creator), 30_000);
        vm.warp(block.timestamp + 100);
        // 50 before the post, 75 after
        assertEq(vault.pendingRewards(creator), 125 * RATE);
        assertEq(vault.pendingRewards(staker2), 75 * RATE);
    }

    function test_weights_postBeforeStakeAppliesAtStake() public {
        uint256 id = _mintTrack(creator, "song");
        _post(id, 5_000);
        vm.prank(creator);
        vault.stake(_ids(id));
        assertEq(vault.weightOf(creator), 5_000);
    }

    function test_weights_postOncePerEpoch() public {
        uint256 id = _mintAndStake(creator, "song");
        _post(id, 20_000);
        uint256 epoch = block.timestamp / 1 days;
        uint256[] memory ids = _ids(id);
        uint16[] memory values = new uint16[](1);
        values[0] = 25_000;
        vm.prank(keeperAccount);
        vm.expectRevert(
            abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultAlreadyPostedThisEpoch.selector, id, epoch)
        );
        vault.postPlayMultipliers(ids, values);
        vm.warp((epoch + 1) * 1 days);
        vm.prank(keeperAccount);
        vault.postPlayMultipliers(ids, values);
        assertEq(vault.weightOf(creator), 25_000);
    }

    function test_weights_postOutOfBoundsReverts() public {
        uint256 id = _mintAndStake(creator, "song");
        uint256[] memory ids = _ids(id);
        uint16[] memory values = new uint16[](1);
        values[0] = 4_999;
        vm.prank(keeperAccount);
        vm.expectRevert(
            abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultPlayMultiplierOutOfBounds.selector, id, 4_999)
        );
        vault.postPlayMultipliers(ids, values);
        values[0] = 30_001;
        vm.prank(keeperAccount);
        vm.expectRevert(
            abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultPlayMultiplierOutOfBounds.selector, id, 30_001)
        );
        vault.postPlayMultipliers(ids, values);
    }

    function test_weights_onlyKeeperPosts() public {
        uint256 id = _mintAndStake(creator, "song");
        uint256[] memory ids = _ids(id);
        uint16[] memory values = new uint16[](1);
        values[0] = 20_000;
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultNotKeeper.selector, creator));
        vault.postPlayMultipliers(ids, values);
    }

    function test_weights_governanceOnly() public {
        vm.startPrank(creator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, creator));
        vault.setRewardRate(1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, creator));
        vault.setTierWeight(BASIC, 5);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, creator));
        vault.setKeeper(creator);
        vm.stopPrank();
    }

    function test_weights_boundsOnRateAndTierWeight() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultRewardRateTooHigh.selector, MAX_RATE + 1, MAX_RATE)
        );
        vault.setRewardRate(MAX_RATE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(INFTStakingVault.NFTStakingVaultTierWeightOutOfBounds.selector, BASIC, 1_001)
        );
        vault.setTierWeight(BASIC, 1_001);
        vault.setTierWeight(BASIC, 7);
        vm.stopPrank();
        assertEq(vault.tierWeight(BASIC), 7);
    }

    /// @dev A rate change applies from that moment: what accrued before is at the old rate.
    function test_weights_rateChangeIsNotRetroactive() public {
        _mintAndStake(creator, "song");
        vm.warp(block.timestamp + 100);
        vm.prank(address(timelock));
        vault.setRewardRate(2 * RATE);
        vm.warp(block.timestamp + 100);
        assertEq(vault.pendingRewards(creator), 300 * RATE);
    }

    /// @dev Any bounded multiplier and time: the two stakers' rewards are in proportion to their weights.
    function testFuzz_weights_proportional(uint16 bps, uint32 dt) public {
        bps = uint16(bound(bps, 5_000, 30_000));
        dt = uint32(bound(dt, 1, 365 days));
        uint256 a = _mintAndStake(creator, "a");
        _post(a, bps);
        _mintAndStake(staker2, "b");
        vm.warp(block.timestamp + dt);
        uint256 total = uint256(dt) * RATE;
        assertApproxEqAbs(vault.pendingRewards(creator), (total * bps) / (uint256(bps) + 10_000), 2);
        assertApproxEqAbs(vault.pendingRewards(staker2), (total * 10_000) / (uint256(bps) + 10_000), 2);
    }
}
