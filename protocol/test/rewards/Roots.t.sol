// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {RewardsFixture} from "./RewardsFixture.sol";

contract RootsTest is RewardsFixture {
    bytes32 internal constant ROOT = keccak256("root");

    function test_postRoot_recordsTheRootAndItsWindow() public {
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.RootPosted(7, ROOT, 5 ether, block.timestamp + WINDOW);
        _post(7, ROOT, 5 ether);
        (uint64 epoch, bytes32 root, uint256 total, uint256 claimableAt, bool vetoed) = distributor.latestRoot();
        assertEq(epoch, 7);
        assertEq(root, ROOT);
        assertEq(total, 5 ether);
        assertEq(claimableAt, block.timestamp + WINDOW);
        assertFalse(vetoed);
        (, bytes32 live, ) = distributor.liveRoot();
        assertEq(live, bytes32(0), "not live during the window");
        vm.warp(claimableAt);
        (epoch, live, total) = distributor.liveRoot();
        assertEq(epoch, 7);
        assertEq(live, ROOT);
        assertEq(total, 5 ether);
    }

    function test_postRoot_onlyKeeper() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorNotKeeper.selector, eve));
        vm.prank(eve);
        distributor.postRoot(1, ROOT, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorNotKeeper.selector, address(timelock))
        );
        vm.prank(address(timelock));
        distributor.postRoot(1, ROOT, 1);
    }

    function test_veto_onlyGuardian() public {
        _post(1, ROOT, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorNotGuardian.selector, keeperAccount)
        );
        vm.prank(keeperAccount);
        distributor.veto(1);
    }

    function test_postRoot_zeroRootReverts() public {
        vm.expectRevert(IRewardsDistributor.RewardsDistributorZeroRoot.selector);
        _post(1, bytes32(0), 1);
        // claims compare the first 28 bytes: those must not be zero either
        vm.expectRevert(IRewardsDistributor.RewardsDistributorZeroRoot.selector);
        _post(1, bytes32(uint256(type(uint32).max)), 1);
    }

    function test_postRoot_epochsStrictlyIncrease() public {
        _post(5, ROOT, 1);
        vm.warp(block.timestamp + WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorEpochNotIncreasing.selector,
                uint64(5),
                uint64(5)
            )
        );
        _post(5, ROOT, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorEpochNotIncreasing.selector,
                uint64(4),
                uint64(5)
            )
        );
        _post(4, ROOT, 1);
        _post(6, ROOT, 1);
    }

    function test_postRoot_whileTheLatestIsPendingReverts() public {
        _post(1, ROOT, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorRootPending.selector,
                uint64(1),
                block.timestamp + WINDOW
            )
        );
        _post(2, ROOT, 1);
        // a vetoed root frees the slot at once
        vm.prank(guardianAccount);
        distributor.veto(1);
        _post(2, ROOT, 1);
    }

    function test_postRoot_overBudgetReverts() public {
        _post(1, ROOT, EPOCH_BUDGET);
        vm.warp(block.timestamp + WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorOverBudget.selector,
                2 * EPOCH_BUDGET + 1,
                EPOCH_BUDGET,
                EPOCH_BUDGET
            )
        );
        _post(2, ROOT, 2 * EPOCH_BUDGET + 1);
        _post(2, ROOT, 2 * EPOCH_BUDGET);
    }

    function test_postRoot_aVetoedRootDoesNotRaiseTheBudgetBase() public {
        _post(1, ROOT, EPOCH_BUDGET);
        vm.warp(block.timestamp + WINDOW);
        _post(2, ROOT, 2 * EPOCH_BUDGET);
        vm.prank(guardianAccount);
        distributor.veto(2);
        // the base is still epoch 1's total
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorOverBudget.selector,
                3 * EPOCH_BUDGET,
                EPOCH_BUDGET,
                EPOCH_BUDGET
            )
        );
        _post(3, ROOT, 3 * EPOCH_BUDGET);
    }

    function test_setters_onlyTimelock() public {
        bytes memory unauthorized = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, keeperAccount);
        vm.startPrank(keeperAccount);
        vm.expectRevert(unauthorized);
        distributor.setKeeper(eve);
        vm.expectRevert(unauthorized);
        distributor.setGuardian(eve);
        vm.expectRevert(unauthorized);
        distributor.setChallengeWindow(2 days);
        vm.expectRevert(unauthorized);
        distributor.setEpochBudget(1);
        vm.stopPrank();
    }

    function test_setters_setWithinBounds() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.KeeperSet(eve);
        distributor.setKeeper(eve);
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.GuardianSet(bob);
        distributor.setGuardian(bob);
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.ChallengeWindowSet(3 days);
        distributor.setChallengeWindow(3 days);
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.EpochBudgetSet(5 ether);
        distributor.setEpochBudget(5 ether);
        uint40 low = distributor.MIN_CHALLENGE_WINDOW() - 1;
        uint40 high = distributor.MAX_CHALLENGE_WINDOW() + 1;
        uint256 tooMuch = distributor.MAX_EPOCH_BUDGET() + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorChallengeWindowOutOfBounds.selector, low)
        );
        distributor.setChallengeWindow(low);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorChallengeWindowOutOfBounds.selector, high)
        );
        distributor.setChallengeWindow(high);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorEpochBudgetTooHigh.selector, tooMuch)
        );
        distributor.setEpochBudget(tooMuch);
        vm.stopPrank();
        assertEq(distributor.keeper(), eve);
        assertEq(distributor.guardian(), bob);
        assertEq(distributor.challengeWindow(), 3 days);
        assertEq(distributor.epochBudget(), 5 ether);
        // the new keeper posts with the new window; the new guardian vetoes
        vm.prank(eve);
        distributor.postRoot(1, ROOT, 5 ether);
        (, , , uint256 claimableAt, ) = distributor.latestRoot();
        assertEq(claimableAt, block.timestamp + 3 days);
        vm.prank(bob);
        distributor.veto(1);
    }

    function test_constructor_checksBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorChallengeWindowOutOfBounds.selector, 0)
        );
        new RewardsDistributor(address(timelock), IMintToken(address(token)), keeperAccount, guardianAccount, 0, 1);
    }
}
