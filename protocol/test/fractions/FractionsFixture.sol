// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Fractionalizer} from "../../contracts/fractions/Fractionalizer.sol";
import {FractionVault} from "../../contracts/fractions/FractionVault.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {RoyaltiesFixture} from "../royalties/RoyaltiesFixture.sol";

/// @notice RoyaltiesFixture plus the Fractionalizer (owned by the timelock, as the deploy does it) and a track
/// whose primary sale made `collector` both its owner and its collector: the usual starting point of a
/// fractionalization.
///
/// Fractions: SUPPLY = 1,000 whole fractions; `_fractionalize` mints them all to `collector`, `_spread` then gives
/// holders `alice`, `bob` and `carol` 300 / 200 / 100 (collector keeps 400). `bidder` has ETH to bid with.
abstract contract FractionsFixture is RoyaltiesFixture {
    uint256 internal constant SUPPLY = 1_000 ether;
    uint256 internal constant RESERVE = 10 ether;
    uint256 internal constant WINDOW = 3 days;
    uint256 internal constant THRESHOLD_BPS = 5_000;

    Fractionalizer internal fractionalizer;
    /// @dev the vault of `track` once `_fractionalize` ran
    FractionVault internal vault;
    /// @dev `solo`, owned and collected by `collector`
    uint256 internal track;
    address internal bidder;

    function setUp() public virtual override {
        super.setUp();
        bidder = makeAddr("bidder");
        vm.deal(bidder, 1_000 ether);
        fractionalizer = new Fractionalizer(
            address(timelock),
            IERC721(address(music)),
            IRoyaltySplitter(address(splitter)),
            address(token)
        );
        track = solo;
        // the primary sale: the creator's copy goes to `collector`, who becomes the track's collector
        vm.prank(creator);
        music.transferFrom(creator, collector, track);
        _assignRoles(track);
        vm.prank(collector);
        music.setApprovalForAll(address(fractionalizer), true);
    }

    // ---------------------------------------------------------------- actions

    /// @dev `collector` fractionalizes `track` with the fixture's supply and reserve.
    function _fractionalize() internal returns (FractionVault) {
        return _fractionalize(SUPPLY, RESERVE);
    }

    function _fractionalize(uint256 supply, uint256 reserve) internal returns (FractionVault) {
        vm.prank(collector);
        vault = FractionVault(payable(fractionalizer.fractionalize(track, supply, reserve, "Solo Fractions", "SOLO")));
        return vault;
    }

    /// @dev A fresh track registered by `collector` (no collector role assigned), fractionalized: `vault` is its.
    function _fractionalizeFresh(bytes memory audio, uint256 supply, uint256 reserve) internal returns (FractionVault) {
        uint256 id = _mintTrack(collector, audio);
        vm.prank(collector);
        vault = FractionVault(payable(fractionalizer.fractionalize(id, supply, reserve, "Fresh", "FRSH")));
        return vault;
    }

    /// @dev Step two: the collector hands the track's collector role to the vault.
    function _giveRoleToVault() internal {
        vm.prank(collector);
        splitter.transferCollectorRole(track, address(vault));
    }

    /// @dev Fractionalize, hand the role over and spread the fractions: the vault every income test starts from.
    function _fractionalizeShared() internal {
        _fractionalize();
        _giveRoleToVault();
        _spread();
    }

    /// @dev collector 400, alice 300, bob 200, carol 100 (whole fractions).
    function _spread() internal {
        _send(collector, alice, 300 ether);
        _send(collector, bob, 200 ether);
        _send(collector, carol, 100 ether);
    }

    function _send(address from, address to, uint256 amount) internal {
        vm.prank(from);
        assertTrue(vault.transfer(to, amount), "fraction transfer");
    }

    /// @dev `who` bids `price` with `fractionsIn` of its fractions, paying exactly the required deposit.
    function _bid(address who, uint256 price, uint256 fractionsIn) internal returns (uint256 deposit) {
        deposit = vault.requiredDeposit(price, fractionsIn);
        vm.deal(who, who.balance + deposit);
        vm.prank(who);
        vault.startBuyout{value: deposit}(price, fractionsIn);
    }

    function _object(address who, uint256 amount) internal {
        vm.prank(who);
        vault.object(amount);
    }

    /// @dev Moves past the live buyout's window and settles it.
    function _settle() internal {
        vm.warp(vault.buyout().end);
        vault.settleBuyout();
    }

    /// @dev A buyout by `bidder` at `price` without fractions, settled with no objection: Sold.
    function _sell(uint256 price) internal {
        _bid(bidder, price, 0);
        _settle();
    }

    function _redeem(address who, uint256 amount) internal returns (uint256 value) {
        vm.prank(who);
        value = vault.redeem(amount, who);
    }

    function _claim(address who) internal returns (uint256[] memory amounts) {
        vm.prank(who);
        amounts = vault.claim(who);
    }

    // ---------------------------------------------------------------- reads

    /// @dev The collector part of an `amount` ETH or MINT plain deposit (no resale), under the default split.
    function _collectorPart(uint256 amount) internal pure returns (uint256) {
        return (amount * COLLECTOR_BPS) / 10_000;
    }
}
