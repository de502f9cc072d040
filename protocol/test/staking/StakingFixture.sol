// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {ProtocolFixture} from "../ProtocolFixture.sol";
import {NFTStakingVault} from "../../contracts/staking/NFTStakingVault.sol";

/// @notice The protocol plus the staking vault, owned by the timelock as the deploy does it: the timelock sets the
/// rate and the keeper and grants the vault an emissions budget on MINT.
abstract contract StakingFixture is ProtocolFixture {
    uint96 internal constant MAX_RATE = 100 ether; // MINT per second
    uint256 internal constant RATE = 1 ether; // MINT per second
    uint256 internal constant BUDGET = 10_000_000 ether;
    uint32 internal constant BASIC_WEIGHT = 1;
    uint32 internal constant PRO_WEIGHT = 3;

    NFTStakingVault internal vault;
    address internal keeperAccount;
    address internal staker2;

    function setUp() public virtual override {
        super.setUp();
        keeperAccount = makeAddr("keeper");
        staker2 = makeAddr("staker2");
        vm.deal(staker2, 100 ether);
        uint8[] memory ids = new uint8[](2);
        (ids[0], ids[1]) = (BASIC, PRO);
        uint32[] memory weights = new uint32[](2);
        (weights[0], weights[1]) = (BASIC_WEIGHT, PRO_WEIGHT);
        vault = new NFTStakingVault(
            address(timelock),
            IERC721(address(music)),
            IMintToken(address(token)),
            MAX_RATE,
            ids,
            weights
        );
        vm.startPrank(address(timelock));
        token.setEmissionsBudget(address(vault), BUDGET);
        vault.setRewardRate(RATE);
        vault.setKeeper(keeperAccount);
        vm.stopPrank();
        vm.prank(creator);
        music.setApprovalForAll(address(vault), true);
        vm.prank(staker2);
        music.setApprovalForAll(address(vault), true);
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    /// @dev `who` mints a basic track of `audio` and stakes it.
    function _mintAndStake(address who, bytes memory audio) internal returns (uint256 tokenId) {
        tokenId = _mintTrack(who, audio);
        uint256[] memory ids = _ids(tokenId);
        vm.prank(who);
        vault.stake(ids);
    }

    function _post(uint256 tokenId, uint16 bps) internal {
        uint256[] memory ids = _ids(tokenId);
        uint16[] memory values = new uint16[](1);
        values[0] = bps;
        vm.prank(keeperAccount);
        vault.postPlayMultipliers(ids, values);
    }
}
