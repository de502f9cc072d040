// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "solady/src/tokens/ERC20.sol";
import {IFractionVault} from "../../contracts/interfaces/IFractionVault.sol";
import {FractionVault} from "../../contracts/fractions/FractionVault.sol";
import {FractionsFixture} from "./FractionsFixture.sol";

/// @notice Objecting: holders lock fractions in the vault against the live bid, during its window only; a locked
/// fraction counts once and comes back once the buyout is settled. The bid fails exactly at the threshold.
contract BuyoutObjectionTest is FractionsFixture {
    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
    }

    function test_object_locksFractionsInTheVault() public {
        _bid(bidder, RESERVE, 0);
        vm.expectEmit(address(vault));
        emit IFractionVault.Objected(1, alice, 100 ether, 100 ether);
        _object(alice, 100 ether);
        assertEq(vault.balanceOf(alice), 200 ether);
        assertEq(vault.balanceOf(address(vault)), 100 ether);
        (uint256 id, uint256 amount) = vault.objectionOf(alice);
        assertEq(id, 1);
        assertEq(amount, 100 ether);
        assertEq(vault.buyout().objections, 100 ether);
    }

    function test_object_addsUpAcrossCallsAndHolders() public {
        _bid(bidder, RESERVE, 0);
        _object(alice, 100 ether);
        _object(alice, 50 ether);
        _object(bob, 200 ether);
        (, uint256 amount) = vault.objectionOf(alice);
        assertEq(amount, 150 ether);
        assertEq(vault.buyout().objections, 350 ether);
    }

    /// @dev Locked fractions have left the objector's balance: they cannot be moved on and counted again by
    /// someone else (the double-count of an objection by transfer).
    function test_object_theSameFractionsCannotCountTwice() public {
        _bid(bidder, RESERVE, 0);
        _object(alice, 300 ether);
        vm.prank(alice);
        vm.expectRevert(ERC20.InsufficientBalance.selector);
        vault.transfer(eve, 300 ether);
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInsufficientFractions.selector, 0, 1));
        vault.object(1);
        assertEq(vault.buyout().objections, 300 ether);
    }

    /// @dev Objecting and withdrawing in one transaction (with borrowed fractions, say) is impossible: the lock
    /// holds until the buyout is settled, even after its window.
    function test_withdrawObjection_lockedUntilTheBuyoutIsSettled() public {
        _bid(bidder, RESERVE, 0);
        _object(alice, 300 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultObjectionLocked.selector, 1));
        vault.withdrawObjection();
        vm.warp(vault.buyout().end + 1 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultObjectionLocked.selector, 1));
        vault.withdrawObjection();
    }

    function test_withdrawObjection_returnsTheFractionsAfterAFailure() public {
        _bid(bidder, RESERVE, 0);
        _object(alice, 300 ether);
        _object(collector, 400 ether);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open), "failed");
        vm.expectEmit(address(vault));
        emit IFractionVault.ObjectionWithdrawn(1, alice, 300 ether);
        vm.prank(alice);
        vault.withdrawObjection();
        assertEq(vault.balanceOf(alice), 300 ether);
        (, uint256 amount) = vault.objectionOf(alice);
        assertEq(amount, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultNoObjection.selector, alice));
        vault.withdrawObjection();
    }

    /// @dev After a sale the objector may take its fractions back (and redeem them like any others).
    function test_withdrawObjection_returnsTheFractionsAfterASale() public {
        _bid(bidder, RESERVE, 0);
        _object(carol, 100 ether);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Sold), "100 of 1,000 is below the threshold");
        vm.prank(carol);
        vault.withdrawObjection();
        assertEq(vault.balanceOf(carol), 100 ether);
        assertEq(_redeem(carol, 100 ether), 1 ether);
    }

    function test_object_revertsAfterTheWindow() public {
        _bid(bidder, RESERVE, 0);
        uint256 end = vault.buyout().end;
        vm.warp(end - 1);
        _object(alice, 1 ether);
        vm.warp(end);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultWindowClosed.selector, end));
        vault.object(1 ether);
    }

    function test_object_revertsWithoutALiveBuyout() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Open,
                IFractionVault.State.Live
            )
        );
        vault.object(1 ether);
    }

    function test_object_revertsWithZeroOrTooMuch() public {
        _bid(bidder, RESERVE, 0);
        vm.startPrank(alice);
        vm.expectRevert(IFractionVault.FractionVaultZeroAmount.selector);
        vault.object(0);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultInsufficientFractions.selector, 300 ether, 301 ether)
        );
        vault.object(301 ether);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- the threshold

    /// @dev 500 of 1,000 contested fractions (exactly 50%) fail the bid.
    function test_threshold_exactlyAtTheThresholdFails() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 100 ether);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open));
        assertEq(music.ownerOf(track), address(vault));
    }

    /// @dev One unit (1e-18 fraction) fewer and the bid wins.
    function test_threshold_oneUnitBelowSucceeds() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 100 ether - 1);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Sold));
        assertEq(music.ownerOf(track), bidder);
    }

    /// @dev The bidder's own fractions are not contested: the threshold is 50% of the other 600.
    function test_threshold_countsOnlyTheContestedFractions() public {
        _bid(collector, RESERVE, 400 ether);
        assertEq(vault.objectionsToFail(), 300 ether);
        _object(alice, 300 ether);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open), "300 of 600 fails");
    }

    function test_threshold_contestedBoundaryOneBelowSucceeds() public {
        _bid(collector, RESERVE, 400 ether);
        _object(alice, 300 ether - 1);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Sold));
    }

    /// @dev The threshold is exact, not rounded in the bidder's favour: 50% of 1,000 fractions minus one unit
    /// is 499.9999...995 fractions, so 500 fractions are needed (a floor would have allowed one unit less).
    function test_threshold_isRoundedUpToWholeUnits() public {
        _send(alice, bidder, 1);
        _bid(bidder, RESERVE, 1);
        assertEq(vault.objectionsToFail(), 500 ether);
    }

    function test_threshold_followsTheVaultsBps() public {
        vm.prank(address(timelock));
        fractionalizer.setObjectionThresholdBps(1_000);
        uint256 other = _mintTrack(collector, "other");
        vm.prank(collector);
        vault = FractionVault(payable(fractionalizer.fractionalize(other, SUPPLY, RESERVE, "O", "O")));
        _bid(bidder, RESERVE, 0);
        assertEq(vault.objectionsToFail(), 100 ether, "10% of 1,000");
        _object(collector, 100 ether);
        _settle();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open));
    }

    // ---------------------------------------------------------------- across buyouts

    /// @dev An objection locked against a failed buyout does not count against the next one; objecting again
    /// returns it first and locks only what is asked.
    function test_object_anEarlierObjectionDoesNotCountAgain() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        _bid(eve, 2 * RESERVE, 0);
        assertEq(vault.buyout().objections, 0, "a new bid starts with no objection");

        vm.expectEmit(address(vault));
        emit IFractionVault.ObjectionWithdrawn(1, alice, 300 ether);
        vm.expectEmit(address(vault));
        emit IFractionVault.Objected(2, alice, 100 ether, 100 ether);
        _object(alice, 100 ether);
        (uint256 id, uint256 amount) = vault.objectionOf(alice);
        assertEq(id, 2);
        assertEq(amount, 100 ether);
        assertEq(vault.balanceOf(alice), 200 ether);
        assertEq(vault.buyout().objections, 100 ether);
    }

    /// @dev The earlier objection can also be withdrawn while the next buyout runs: it is not locked against it.
    function test_withdrawObjection_ofAnEarlierBuyoutDuringTheNext() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        _bid(eve, 2 * RESERVE, 0);
        vm.prank(collector);
        vault.withdrawObjection();
        assertEq(vault.balanceOf(collector), 400 ether);
    }
}
