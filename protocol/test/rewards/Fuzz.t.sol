// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsFixture} from "./RewardsFixture.sol";

contract RewardsFuzzTest is RewardsFixture {
    uint256 internal constant LEAVES = 7; // odd: exercises the carried-up node

    /// @dev Random amounts in a small tree, claimed in a random order (with repeats): each account gets exactly its
    /// leaf, and what is minted in all never exceeds the posted total.
    function testFuzz_claimedTotalNeverExceedsPostedTotal(uint96[LEAVES] memory raw, uint256 order) public {
        address[] memory accounts = new address[](LEAVES);
        uint256[] memory amounts = new uint256[](LEAVES);
        uint256 total;
        for (uint256 i; i < LEAVES; ++i) {
            accounts[i] = makeAddr(string(abi.encode("account", i)));
            amounts[i] = bound(raw[i], 1, EPOCH_BUDGET / LEAVES);
            total += amounts[i];
        }
        bytes32[] memory leaves = _leaves(accounts, amounts);
        _post(1, _root(leaves), total);
        vm.warp(block.timestamp + WINDOW);
        uint256 supplyBefore = token.totalSupply();
        for (uint256 k; k < 2 * LEAVES; ++k) {
            uint256 i = uint256(keccak256(abi.encode(order, k))) % LEAVES;
            bytes32[] memory proof = _proof(leaves, i);
            if (distributor.claimed(accounts[i]) == amounts[i]) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IRewardsDistributor.RewardsDistributorNothingToClaim.selector,
                        accounts[i],
                        amounts[i],
                        amounts[i]
                    )
                );
            }
            distributor.claim(accounts[i], amounts[i], proof);
            assertLe(token.totalSupply() - supplyBefore, total, "claimed total <= posted total");
        }
        uint256 paid;
        for (uint256 i; i < LEAVES; ++i) {
            paid += distributor.claimed(accounts[i]);
            assertLe(distributor.claimed(accounts[i]), amounts[i]);
            assertEq(token.balanceOf(accounts[i]), distributor.claimed(accounts[i]));
        }
        assertEq(token.totalSupply() - supplyBefore, paid);
        assertLe(paid, total);
    }

    /// @dev A leaf with any other amount, or for any other account, does not prove.
    function testFuzz_tamperedLeafDoesNotProve(uint96[LEAVES] memory raw, uint256 index, uint256 otherAmount) public {
        address[] memory accounts = new address[](LEAVES);
        uint256[] memory amounts = new uint256[](LEAVES);
        uint256 total;
        for (uint256 i; i < LEAVES; ++i) {
            accounts[i] = makeAddr(string(abi.encode("account", i)));
            amounts[i] = bound(raw[i], 1, EPOCH_BUDGET / LEAVES);
            total += amounts[i];
        }
        index = bound(index, 0, LEAVES - 1);
        vm.assume(otherAmount != amounts[index]);
        bytes32[] memory leaves = _leaves(accounts, amounts);
        _post(1, _root(leaves), total);
        vm.warp(block.timestamp + WINDOW);
        bytes32[] memory proof = _proof(leaves, index);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorInvalidProof.selector,
                accounts[index],
                otherAmount
            )
        );
        distributor.claim(accounts[index], otherAmount, proof);
        address other = accounts[(index + 1) % LEAVES];
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, other, amounts[index])
        );
        distributor.claim(other, amounts[index], proof);
    }
}
