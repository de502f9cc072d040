// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFractionVault} from "../../contracts/interfaces/IFractionVault.sol";
import {FractionsFixture} from "./FractionsFixture.sol";
import {RevertingReceiver} from "../mocks/RevertingReceiver.sol";

/// @notice Redeeming after a sale: each fraction is worth price / supply, computed per payment as
/// mulDiv(price, amount, supply) (never a pre-divided per-fraction price), the same whatever the order of
/// redemptions; the escrow always covers every redemption and the rounding dust goes to the buyer at the end.
contract RedeemTest is FractionsFixture {
    /// @dev a price that does not divide evenly by the supply
    uint256 internal constant PRICE = 10 ether + 7;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
    }

    function test_redeem_paysTheExactShareOfThePrice() public {
        _sell(PRICE);
        uint256 expected = Math.mulDiv(PRICE, 300 ether, SUPPLY);
        assertEq(vault.redeemValue(300 ether), expected);
        uint256 before = alice.balance;
        vm.expectEmit(address(vault));
        emit IFractionVault.Redeemed(alice, alice, 300 ether, expected);
        assertEq(_redeem(alice, 300 ether), expected);
        assertEq(alice.balance - before, expected);
        assertEq(vault.balanceOf(alice), 0);
        assertEq(vault.totalSupply(), 700 ether, "burned");
        assertEq(vault.proceeds(), PRICE - expected);
    }

    /// @dev The value of a fraction does not depend on who redeemed before (no stale price: the divisor is the
    /// supply the bid was priced on, not the shrinking supply left).
    function test_redeem_orderDoesNotChangeTheValue() public {
        _sell(PRICE);
        uint256 first = _redeem(bob, 100 ether);
        _redeem(collector, 400 ether);
        _redeem(alice, 300 ether);
        uint256 last = _redeem(bob, 100 ether);
        assertEq(first, last, "the same 100 fractions, first and after 800 were burned");
        assertEq(_redeem(carol, 100 ether), first);
    }

    /// @dev Fractional v2's lesson: with a trillion fractions (1e30 units) and a 0.5 ETH bid, a per-unit price of
    /// price / supply rounds to zero and every holder would get nothing. Here a 0.1% holder gets its 0.0005 ETH.
    function test_redeem_neverRoundsAHolderToZero() public {
        _fractionalizeFresh("a trillion fractions", 1e30, 0.5 ether);
        _send(collector, alice, 1e27);
        _bid(bidder, 0.5 ether, 0);
        _settle();
        uint256 naivePerUnit = uint256(0.5 ether) / 1e30;
        assertEq(naivePerUnit * 1e27, 0, "the naive per-fraction price pays nothing");
        assertEq(_redeem(alice, 1e27), 0.0005 ether, "mulDiv pays the exact share");
    }

    function test_redeem_revertsBeforeASale() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Open,
                IFractionVault.State.Sold
            )
        );
        vault.redeem(1 ether, alice);
        _bid(bidder, RESERVE, 0);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Live,
                IFractionVault.State.Sold
            )
        );
        vault.redeem(1 ether, alice);
        assertEq(vault.redeemValue(1 ether), 0, "no value before a sale");
    }

    function test_redeem_revertsWithZeroTooMuchOrABadRecipient() public {
        _sell(PRICE);
        vm.startPrank(alice);
        vm.expectRevert(IFractionVault.FractionVaultZeroAmount.selector);
        vault.redeem(0, alice);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultInsufficientFractions.selector, 300 ether, 301 ether)
        );
        vault.redeem(301 ether, alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInvalidRecipient.selector, address(0)));
        vault.redeem(1 ether, address(0));
        vm.stopPrank();
    }

    /// @dev Income earned before redeeming stays claimable after the fractions are burned.
    function test_redeem_incomeEarnedBeforeStaysClaimable() public {
        _depositETH(track, 10 ether);
        _sell(PRICE);
        _redeem(alice, 300 ether);
        assertEq(vault.claimable(alice, ETH), 0.3 ether);
        assertEq(_claim(alice)[0], 0.3 ether);
    }

    /// @dev A redeemer whose receiver reverts fails its own call only: its fractions stay, others redeem.
    function test_redeem_aFailingReceiverOnlyFailsItsOwnRedemption() public {
        _sell(PRICE);
        RevertingReceiver refusing = new RevertingReceiver();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultTransferFailed.selector, address(refusing)));
        vault.redeem(300 ether, address(refusing));
        assertEq(vault.balanceOf(alice), 300 ether);
        _redeem(bob, 200 ether);
        _redeem(alice, 300 ether);
    }

    // ---------------------------------------------------------------- objections and refunds

    /// @dev An objector whose objection did not stop the sale redeems its locked fractions in one call.
    function test_redeemObjection_paysTheLockedFractions() public {
        _bid(bidder, PRICE, 0);
        _object(alice, 300 ether);
        _settle();
        uint256 expected = Math.mulDiv(PRICE, 300 ether, SUPPLY);
        vm.expectEmit(address(vault));
        emit IFractionVault.ObjectionRedeemed(alice, alice, 300 ether, expected);
        vm.prank(alice);
        assertEq(vault.redeemObjection(alice), expected);
        assertEq(vault.balanceOf(address(vault)), 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultNoObjection.selector, alice));
        vault.redeemObjection(alice);
    }

    function test_redeemObjection_revertsBeforeASale() public {
        _bid(bidder, PRICE, 0);
        _object(alice, 300 ether);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Live,
                IFractionVault.State.Sold
            )
        );
        vault.redeemObjection(alice);
    }

    /// @dev The fractions of a failed bid, withdrawn after a later sale, redeem like any others.
    function test_redeem_aFailedBiddersFractionsAfterALaterSale() public {
        _bid(collector, PRICE, 400 ether);
        _object(alice, 300 ether);
        _settle();
        vm.prank(alice);
        vault.withdrawObjection();
        _sell(2 * PRICE);
        vm.prank(collector);
        vault.withdrawBid(collector);
        assertEq(_redeem(collector, 400 ether), Math.mulDiv(2 * PRICE, 400 ether, SUPPLY));
    }

    // ---------------------------------------------------------------- dust

    function test_sweepDust_afterEveryFractionIsBurned() public {
        _bid(bidder, PRICE, 0);
        _object(carol, 100 ether);
        _settle();
        _redeem(collector, 400 ether);
        _redeem(alice, 300 ether);
        vm.prank(bidder);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultFractionsOutstanding.selector, 300 ether));
        vault.sweepDust(bidder);
        _redeem(bob, 200 ether);
        vm.prank(carol);
        vault.redeemObjection(carol);
        // 7 wei over 1,000 fractions: every redemption rounded down
        uint256 dust = vault.proceeds();
        assertLe(dust, 4, "at most one wei per redemption");
        assertEq(address(vault).balance, dust);
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultNotBidder.selector, eve));
        vault.sweepDust(eve);
        uint256 before = bidder.balance;
        vm.expectEmit(address(vault));
        emit IFractionVault.DustSwept(bidder, bidder, dust);
        vm.prank(bidder);
        assertEq(vault.sweepDust(bidder), dust);
        assertEq(bidder.balance - before, dust);
        assertEq(address(vault).balance, 0, "nothing stuck");
        assertEq(vault.proceeds(), 0);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Any price, any fractions put in by the bidder, any split of the rest: the deposit covers every
    /// redemption, each pays its exact rounded-down share, and what remains is at most one wei per redemption.
    function testFuzz_redeem_escrowCoversEveryRedemption(
        uint256 price,
        uint256 fractionsIn,
        uint256 a,
        uint256 b
    ) public {
        price = bound(price, RESERVE, 1e27);
        fractionsIn = bound(fractionsIn, 0, 400 ether);
        a = bound(a, 1, 300 ether);
        b = bound(b, 0, 300 ether - a);
        // alice keeps a, gives b to eve and the rest to bob
        _send(alice, eve, b);
        _send(alice, bob, 300 ether - a - b);
        uint256 deposit = _bid(collector, price, fractionsIn);
        _settle();
        assertEq(vault.proceeds(), deposit);

        address[5] memory holders = [alice, eve, bob, carol, collector];
        uint256 paid;
        uint256 redemptions;
        for (uint256 i; i < holders.length; ++i) {
            uint256 balance = vault.balanceOf(holders[i]);
            if (balance == 0) continue;
            uint256 value = _redeem(holders[i], balance);
            assertEq(value, Math.mulDiv(price, balance, SUPPLY), "exact share, rounded down");
            paid += value;
            ++redemptions;
            // the rest of the proceeds still covers every fraction left
            assertGe(vault.proceeds() * SUPPLY, price * vault.totalSupply(), "covers the rest");
        }
        assertEq(vault.totalSupply(), 0);
        assertEq(paid + vault.proceeds(), deposit);
        assertLe(vault.proceeds(), redemptions + 1, "dust: at most one wei per redemption and the round-up");
        vm.prank(collector);
        vault.sweepDust(collector);
        assertEq(address(vault).balance, 0);
    }
}
