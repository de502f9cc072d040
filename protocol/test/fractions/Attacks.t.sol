// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IFractionVault} from "../../contracts/interfaces/IFractionVault.sol";
import {IIncomeShares} from "../../contracts/interfaces/IIncomeShares.sol";
import {FractionsFixture} from "./FractionsFixture.sol";
import {ReentrantHolder} from "./mocks/ReentrantHolder.sol";

/// @notice Attacks on the vault's money paths: re-entry through an ETH receiver on every payment (redeem,
/// redeemObjection, withdrawBid, claim, sweepDust), donations, fractions parked in the vault, income sniping around
/// a sale. Each shows the attack failing for the right reason and nobody paid twice.
contract AttacksTest is FractionsFixture {
    uint256 internal constant PRICE = 20 ether;

    ReentrantHolder internal attacker;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
        attacker = new ReentrantHolder(address(vault));
        _send(alice, address(attacker), 300 ether);
    }

    function _assertReentryBlocked() internal view {
        assertTrue(attacker.reentered(), "the receiver called back");
        assertFalse(attacker.reentrySucceeded(), "the re-entry failed");
        assertEq(
            attacker.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
    }

    // ---------------------------------------------------------------- re-entry on payments

    /// @dev Redeem half, re-enter to redeem the other half while being paid: blocked; exactly one payment.
    function test_attack_reenteringRedeemFromRedeem() public {
        _sell(PRICE);
        attacker.arm(abi.encodeCall(vault.redeem, (150 ether, address(attacker))));
        attacker.act(abi.encodeCall(vault.redeem, (150 ether, address(attacker))));
        _assertReentryBlocked();
        assertEq(attacker.received(), 3 ether, "150 fractions' worth, once");
        assertEq(vault.balanceOf(address(attacker)), 150 ether, "the other half is still there");
    }

    function test_attack_reenteringClaimFromRedeem() public {
        _depositETH(track, 10 ether);
        _sell(PRICE);
        attacker.arm(abi.encodeCall(vault.claim, (address(attacker))));
        attacker.act(abi.encodeCall(vault.redeem, (300 ether, address(attacker))));
        _assertReentryBlocked();
        assertEq(attacker.received(), 6 ether);
        assertEq(vault.claimable(address(attacker), ETH), 0.3 ether, "its income waits for a normal claim");
    }

    /// @dev Claim income, re-enter claim while being paid: blocked; the income is paid once.
    function test_attack_reenteringClaimFromClaim() public {
        _depositETH(track, 10 ether);
        attacker.arm(abi.encodeCall(vault.claim, (address(attacker))));
        attacker.act(abi.encodeCall(vault.claim, (address(attacker))));
        _assertReentryBlocked();
        assertEq(attacker.received(), 0.3 ether);
    }

    /// @dev Re-entering a buyout action from a claim: blocked too (one lock for every money path).
    function test_attack_reenteringStartBuyoutFromClaim() public {
        _depositETH(track, 10 ether);
        attacker.arm(abi.encodeCall(vault.startBuyout, (RESERVE, 300 ether)));
        attacker.act(abi.encodeCall(vault.claim, (address(attacker))));
        _assertReentryBlocked();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open));
    }

    /// @dev A failed bidder re-entering withdrawBid while its refund is paid: blocked; refunded once.
    function test_attack_reenteringWithdrawBidFromWithdrawBid() public {
        uint256 deposit = vault.requiredDeposit(PRICE, 300 ether);
        vm.deal(address(this), deposit);
        attacker.act{value: deposit}(abi.encodeCall(vault.startBuyout, (PRICE, 300 ether)));
        _object(collector, 400 ether);
        _settle();
        attacker.arm(abi.encodeCall(vault.withdrawBid, (address(attacker))));
        attacker.act(abi.encodeCall(vault.withdrawBid, (address(attacker))));
        _assertReentryBlocked();
        assertEq(attacker.received(), deposit, "refunded once");
        assertEq(vault.balanceOf(address(attacker)), 300 ether, "its fractions once");
        assertEq(address(vault).balance, 0);
    }

    function test_attack_reenteringSettleFromWithdrawBid() public {
        uint256 deposit = vault.requiredDeposit(RESERVE, 0);
        vm.deal(address(this), deposit);
        attacker.act{value: deposit}(abi.encodeCall(vault.startBuyout, (RESERVE, 0)));
        _object(collector, 400 ether);
        _object(bob, 200 ether);
        _settle();
        _bid(bidder, PRICE, 0);
        vm.warp(vault.buyout().end);
        attacker.arm(abi.encodeCall(vault.settleBuyout, ()));
        attacker.act(abi.encodeCall(vault.withdrawBid, (address(attacker))));
        _assertReentryBlocked();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Live), "settled by nobody yet");
    }

    function test_attack_reenteringRedeemFromRedeemObjection() public {
        _bid(bidder, PRICE, 0);
        attacker.act(abi.encodeCall(vault.object, (100 ether)));
        _settle();
        attacker.arm(abi.encodeCall(vault.redeemObjection, (address(attacker))));
        attacker.act(abi.encodeCall(vault.redeemObjection, (address(attacker))));
        _assertReentryBlocked();
        assertEq(attacker.received(), 2 ether, "100 locked fractions' worth, once");
    }

    function test_attack_reenteringRedeemFromSweepDust() public {
        _send(address(attacker), collector, 300 ether);
        uint256 deposit = vault.requiredDeposit(RESERVE + 7, 0);
        vm.deal(address(this), deposit);
        attacker.act{value: deposit}(abi.encodeCall(vault.startBuyout, (RESERVE + 7, 0)));
        _settle();
        _redeem(collector, 700 ether);
        _redeem(bob, 200 ether);
        _redeem(carol, 100 ether);
        uint256 dust = vault.proceeds();
        attacker.arm(abi.encodeCall(vault.sweepDust, (address(attacker))));
        attacker.act(abi.encodeCall(vault.sweepDust, (address(attacker))));
        _assertReentryBlocked();
        assertEq(attacker.received(), dust, "swept once");
    }

    // ---------------------------------------------------------------- value tricks

    /// @dev ETH forced into the vault (selfdestruct, coinbase) changes no payout: every amount is accounted,
    /// never read from the balance.
    function test_attack_forcedEthChangesNoPayout() public {
        _sell(PRICE);
        vm.deal(address(vault), address(vault).balance + 5 ether);
        assertEq(vault.redeemValue(200 ether), 4 ether, "price x 200 / 1,000, not balance x 200 / supply left");
        assertEq(_redeem(bob, 200 ether), 4 ether);
        assertEq(vault.escrowedETH(), PRICE - 4 ether);
        assertEq(vault.claimable(bob, ETH), 0, "nor is it income");
    }

    /// @dev Fractions cannot be parked in the vault by transfer: they would be out of every account, could never
    /// be redeemed, and would keep the sale's dust from the buyer forever.
    function test_attack_transferToTheVaultOrZeroIsRefused() public {
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInvalidRecipient.selector, address(vault)));
        vault.transfer(address(vault), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInvalidRecipient.selector, address(0)));
        vault.transfer(address(0), 1 ether);
        vault.approve(eve, 1 ether);
        vm.stopPrank();
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInvalidRecipient.selector, address(vault)));
        vault.transferFrom(bob, address(vault), 1 ether);
    }

    /// @dev A royalty paid just before a sale cannot be sniped by buying fractions after it: the purchase pulls
    /// the income first, so the sniper's new fractions earn none of it.
    function test_attack_incomeSnipingAroundADeposit() public {
        _depositETH(track, 100 ether); // 10 ETH collector part, waiting at the splitter
        _send(collector, eve, 400 ether); // eve "buys" the collector's 40%
        vm.prank(eve);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vault.claim(eve);
        assertEq(vault.claimable(collector, ETH), 4 ether);
    }

    /// @dev A bidder who puts in fractions cannot also have them earn while escrowed, nor object with them.
    function test_attack_escrowedBidFractionsNeitherEarnNorObject() public {
        _bid(collector, PRICE, 400 ether);
        _depositETH(track, 10 ether);
        assertEq(vault.claimable(collector, ETH), 0, "escrowed: no income");
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInsufficientFractions.selector, 0, 1));
        vault.object(1);
    }
}
