// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {ProtocolFixture} from "../ProtocolFixture.sol";
import {MerkleTreeHelper} from "./MerkleTreeHelper.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";

/// @notice The protocol plus the rewards distributor, owned by the timelock as the deploy does it: the timelock
/// grants the distributor an emissions budget on MINT. Trees are built with MerkleTreeHelper.
abstract contract RewardsFixture is ProtocolFixture, MerkleTreeHelper {
    uint40 internal constant WINDOW = 1 days;
    uint256 internal constant EPOCH_BUDGET = 1_000_000 ether;
    uint256 internal constant BUDGET = 100_000_000 ether;

    RewardsDistributor internal distributor;
    address internal keeperAccount;
    address internal guardianAccount;

    function setUp() public virtual override {
        super.setUp();
        keeperAccount = makeAddr("keeper");
        guardianAccount = makeAddr("guardian");
        distributor = new RewardsDistributor(
            address(timelock),
            IMintToken(address(token)),
            keeperAccount,
            guardianAccount,
            WINDOW,
            EPOCH_BUDGET
        );
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(distributor), BUDGET);
    }

    /// @dev Four accounts: alice, bob, carol, dave.
    function _accounts() internal view returns (address[] memory accounts) {
        accounts = new address[](4);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (alice, bob, carol, dave);
    }

    function _amounts(uint256 a, uint256 b, uint256 c, uint256 d) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](4);
        (amounts[0], amounts[1], amounts[2], amounts[3]) = (a, b, c, d);
    }

    /// @dev The keeper posts `root` for `epoch` with `total`.
    function _post(uint64 epoch, bytes32 root, uint256 total) internal {
        vm.prank(keeperAccount);
        distributor.postRoot(epoch, root, total);
    }

    /// @dev The keeper posts the tree of `amounts` (for _accounts()) and the window passes; returns the leaves.
    function _postLive(uint64 epoch, uint256[] memory amounts) internal returns (bytes32[] memory leaves) {
        leaves = _leaves(_accounts(), amounts);
        _post(epoch, _root(leaves), amounts[0] + amounts[1] + amounts[2] + amounts[3]);
        vm.warp(block.timestamp + WINDOW);
    }
}
