// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IIncomeShares} from "../../contracts/interfaces/IIncomeShares.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice Holders' income: each holder gets its pro-rata share of the income carved while it held the shares,
/// in ETH and MINT, exactly what `claimable` shows, once. A buyer never receives income from before it bought,
/// and a seller keeps what it earned.
///
/// `solo` securitized on the default terms: half of the creator's cut, so a 1 ETH deposit (0.95 ETH creators'
/// part) sends 0.475 ETH to the vault, and 1,000 MINT sends 475 MINT.
contract ClaimTest is SecuritizationFixture {
    RoyaltyVault internal vault;

    function setUp() public override {
        super.setUp();
        vault = _securitizeSolo();
    }

    /// @dev 10% / 30% / 60% of the supply get 10% / 30% / 60% of the income in both assets; the creator's 60%
    /// includes the unsold shares: their income is the creator's with no special case.
    function test_claim_proRataInETHAndMint() public {
        _buy(vault, buyer, 100_000 ether);
        _buy(vault, buyer2, 300_000 ether);
        _depositETH(solo, 1 ether);
        _depositMint(solo, 1_000 ether);
        assertEq(vault.claimable(buyer, ETH), 0.0475 ether);
        assertEq(vault.claimable(buyer, address(token)), 47.5 ether);

        _assertClaim(buyer, 0.0475 ether, 47.5 ether);
        _assertClaim(buyer2, 0.1425 ether, 142.5 ether);
        _assertClaim(creator, 0.285 ether, 285 ether);
        assertEq(address(vault).balance, vault.proceeds(), "all income paid: only the proceeds are left");
        assertEq(token.balanceOf(address(vault)), 0);
    }

    /// @dev Income waiting at the splitter when shares change hands belongs to the seller: the vault pulls it
    /// before the transfer settles, even if nobody synced.
    function test_claim_aBuyerNeverReceivesIncomeFromBeforeItBought() public {
        _depositETH(solo, 1 ether);
        assertEq(splitter.streamOwed(address(vault), ETH), 0.475 ether, "still at the splitter");
        _buy(vault, buyer, SALE);
        assertEq(vault.claimable(buyer, ETH), 0, "nothing from before the purchase");
        assertEq(vault.claimable(creator, ETH), 0.475 ether, "all of it stays the creator's");

        _depositETH(solo, 1 ether);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether, "40% of the next deposit");
        assertEq(vault.claimable(creator, ETH), 0.475 ether + 0.285 ether);
    }

    /// @dev The same for a transfer between holders: the sender keeps what it earned, the receiver starts from
    /// zero, and both earn on their new balances from the next deposit.
    function test_claim_transferSettlesBothSides() public {
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        _transferShares(vault, buyer, buyer2, SALE / 2);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether, "the sender keeps its 40%");
        assertEq(vault.claimable(buyer2, ETH), 0);
        _depositMint(solo, 1_000 ether);
        assertEq(vault.claimable(buyer, address(token)), 95 ether);
        assertEq(vault.claimable(buyer2, address(token)), 95 ether);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether, "ETH unchanged by a MINT deposit");
        _assertClaim(buyer, 0.19 ether, 95 ether);
        _assertClaim(buyer2, 0, 95 ether);
    }

    /// @dev transferFrom settles the owner and the receiver, not the spender.
    function test_claim_transferFromSettlesOwnerAndReceiver() public {
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        vm.prank(buyer);
        vault.approve(collector, SALE);
        vm.prank(collector);
        assertTrue(vault.transferFrom(buyer, buyer2, SALE));
        assertEq(vault.claimable(buyer, ETH), 0.19 ether);
        assertEq(vault.claimable(buyer2, ETH), 0);
        assertEq(vault.claimable(collector, ETH), 0);
    }

    /// @dev A holder who sold everything still claims what it earned before.
    function test_claim_afterSellingEverything() public {
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        _transferShares(vault, buyer, buyer2, SALE);
        _depositETH(solo, 1 ether);
        _assertClaim(buyer, 0.19 ether, 0);
        _assertClaim(buyer2, 0.19 ether, 0);
    }

    function test_claim_toAnotherAddress() public {
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        _depositMint(solo, 10 ether);
        address wallet = makeAddr("wallet");
        vm.expectEmit(address(vault));
        emit IIncomeShares.IncomeClaimed(buyer, ETH, wallet, 0.19 ether);
        vm.expectEmit(address(vault));
        emit IIncomeShares.IncomeClaimed(buyer, address(token), wallet, 1.9 ether);
        vm.prank(buyer);
        vault.claim(wallet);
        assertEq(wallet.balance, 0.19 ether);
        assertEq(token.balanceOf(wallet), 1.9 ether);
        assertEq(vault.claimable(buyer, ETH), 0);
    }

    function test_claim_revertsWithNothingToClaim() public {
        _buy(vault, buyer, SALE);
        vm.prank(buyer);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vault.claim(buyer);
        _depositETH(solo, 1 ether);
        _claim(vault, buyer);
        vm.prank(buyer);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vault.claim(buyer);
        vm.prank(eve);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vault.claim(eve);
    }

    /// @dev Anyone may sync: the waiting income moves from the splitter to the vault and is shared at once.
    function test_sync_pullsTheIncomeForEveryone() public {
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        vm.expectEmit(address(vault));
        emit IIncomeShares.IncomeDistributed(ETH, 0.475 ether, SUPPLY);
        vm.prank(eve);
        vault.sync();
        assertEq(splitter.streamOwed(address(vault), ETH), 0);
        assertEq(address(vault).balance, 0.475 ether + vault.proceeds());
        assertEq(vault.claimable(buyer, ETH), 0.19 ether);
    }

    /// @dev Whatever the deposits, purchases and transfers, `claimable` is exactly what `claim` pays, and all
    /// holders together never get more than the vault received.
    function testFuzz_claim_paysExactlyTheClaimable(
        uint96 eth1,
        uint96 mint1,
        uint256 bought,
        uint256 moved,
        uint96 eth2,
        uint96 mint2
    ) public {
        eth1 = uint96(bound(eth1, 1, 1_000 ether));
        mint1 = uint96(bound(mint1, 1, 100_000 ether));
        eth2 = uint96(bound(eth2, 1, 1_000 ether));
        mint2 = uint96(bound(mint2, 1, 100_000 ether));
        bought = bound(bought, 1, SALE);
        _depositETH(solo, eth1);
        _buy(vault, buyer, bought);
        _depositMint(solo, mint1);
        moved = bound(moved, 0, bought);
        _transferShares(vault, buyer, buyer2, moved);
        _depositETH(solo, eth2);
        _depositMint(solo, mint2);

        uint256 incomeETH =
            _carved(eth1 - (uint256(eth1) * 500) / 10_000, 10_000, BPS) +
                _carved(eth2 - (uint256(eth2) * 500) / 10_000, 10_000, BPS);
        uint256 incomeMint =
            _carved(mint1 - (uint256(mint1) * 500) / 10_000, 10_000, BPS) +
                _carved(mint2 - (uint256(mint2) * 500) / 10_000, 10_000, BPS);
        address[3] memory holders = [creator, buyer, buyer2];
        uint256 paidETH;
        uint256 paidMint;
        for (uint256 i; i < 3; ++i) {
            uint256 owedETH = vault.claimable(holders[i], ETH);
            uint256 owedMint = vault.claimable(holders[i], address(token));
            if (owedETH == 0 && owedMint == 0) continue;
            (uint256 eth, uint256 mint) = _claim(vault, holders[i]);
            assertEq(eth, owedETH, "ETH claimable == paid");
            assertEq(mint, owedMint, "MINT claimable == paid");
            (paidETH, paidMint) = (paidETH + eth, paidMint + mint);
        }
        assertLe(paidETH, incomeETH, "no more ETH than came in");
        assertLe(paidMint, incomeMint, "no more MINT than came in");
        assertLe(incomeETH - paidETH, 5, "rounding: under a wei per settlement");
        assertLe(incomeMint - paidMint, 5, "rounding: under a wei per settlement");
    }

    // ---------------------------------------------------------------- re-entrancy

    /// @dev A holder whose receive re-enters claim is paid once: the second claim hits the guard.
    function test_claim_reentrantClaimIsRefused() public {
        MarketHostileSeller hostile = new MarketHostileSeller();
        _buy(vault, buyer, SALE);
        _transferShares(vault, buyer, address(hostile), SALE);
        _depositETH(solo, 1 ether);
        hostile.setReentry(address(vault), abi.encodeCall(IIncomeShares.claim, (address(hostile))), false);
        vm.prank(address(hostile));
        vault.claim(address(hostile));
        assertFalse(hostile.reentrySucceeded());
        assertEq(
            hostile.reentryRevertHash(),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector))
        );
        assertEq(hostile.received(), 0.19 ether, "paid once");
    }

    /// @dev A holder whose receive moves its shares to an accomplice mid-claim: the move settles (nothing new to
    /// settle), the accomplice gets no past income, and the two together are paid exactly the holder's income.
    function test_claim_reentrantTransferCannotDoublePay() public {
        MarketHostileSeller hostile = new MarketHostileSeller();
        address accomplice = makeAddr("accomplice");
        _buy(vault, buyer, SALE);
        _transferShares(vault, buyer, address(hostile), SALE);
        _depositETH(solo, 1 ether);
        _depositMint(solo, 1_000 ether);
        hostile.setReentry(address(vault), abi.encodeCall(vault.transfer, (accomplice, SALE)), false);
        vm.prank(address(hostile));
        vault.claim(address(hostile));
        assertTrue(hostile.reentrySucceeded(), "the transfer went through");
        assertEq(vault.balanceOf(accomplice), SALE);
        assertEq(hostile.received(), 0.19 ether);
        assertEq(token.balanceOf(address(hostile)), 190 ether, "MINT paid after the re-entry: still only its own");
        assertEq(vault.claimable(accomplice, ETH), 0);
        assertEq(vault.claimable(accomplice, address(token)), 0);
        assertEq(vault.claimable(address(hostile), ETH), 0);
        vm.prank(accomplice);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vault.claim(accomplice);
    }

    // ---------------------------------------------------------------- helpers

    function _assertClaim(address who, uint256 eth, uint256 mint) internal {
        uint256 ethBefore = who.balance;
        uint256 mintBefore = token.balanceOf(who);
        (uint256 paidETH, uint256 paidMint) = _claim(vault, who);
        assertEq(paidETH, eth, "ETH claimed");
        assertEq(paidMint, mint, "MINT claimed");
        assertEq(who.balance - ethBefore, eth, "ETH received");
        assertEq(token.balanceOf(who) - mintBefore, mint, "MINT received");
        assertEq(vault.claimable(who, ETH), 0);
        assertEq(vault.claimable(who, address(token)), 0);
    }
}
