// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MarketFixture} from "./MarketFixture.sol";
import {ISaleSettlement} from "../../contracts/interfaces/ISaleSettlement.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";
import {MarketReentrantBuyer} from "../mocks/MarketReentrantBuyer.sol";

/// @notice A buy runs no untrusted code: a seller with code is credited, never pushed (so its `receive` never runs
/// inside a buy), and the NFT moves by plain `transferFrom`, so a buyer's ERC-721 hook never runs either. A seller
/// withdrawing its credit to itself meets the lock shared by every function that moves money.
contract ReentrancyTest is MarketFixture {
    MarketHostileSeller internal seller;
    uint256 internal sold;
    /// @dev another live listing (the creator's, in MINT) the re-entrant seller goes after
    uint256 internal other;

    function setUp() public override {
        super.setUp();
        seller = new MarketHostileSeller();
        vm.deal(address(seller), 1 ether);
        _fundMint(address(seller), 10_000 ether);
        sold = _mintAndList(address(seller), "seller's track", address(0), PRICE);
        other = _mintAndList(creator, "another track", address(token), PRICE);
    }

    function _reenter(bytes memory data, bool bubble) internal {
        seller.setReentry(address(market), data, bubble);
    }

    function _assertReentryRefusedWith(bytes memory expected) internal view {
        assertTrue(seller.reentryAttempted(), "the seller's code ran");
        assertFalse(seller.reentrySucceeded(), "the re-entry failed");
        assertEq(seller.reentryRevertHash(), keccak256(expected), "with the expected error");
    }

    function _assertSaleComplete() internal view {
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        assertEq(music.ownerOf(sold), collector, "buyer has the NFT");
        assertEq(market.proceedsOwed(address(seller)), sellerAmount, "seller credited");
        assertEq(market.listingOf(sold).seller, address(0), "listing gone");
    }

    function _lockedError() internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    // ---------------------------------------------------------------- the seller would re-enter from its receive

    /// @dev The seller's code never runs in a buy: a seller with code is credited, never pushed (SaleSettlement), so
    /// none of the re-entries a receive hook could try is even attempted: buying another listing, withdrawing
    /// proceeds, sweeping fees, cancelling or relisting the sold token, moving the NFT away while being paid (the
    /// attack a pay-first order would allow), with or without bubbling the failure. The buy completes and the
    /// seller's part is credited.
    function test_reentrantSeller_neverGetsControl() public {
        bytes[6] memory attempts = [
            abi.encodeCall(market.buy, (other, PRICE, address(0))),
            abi.encodeCall(market.withdrawProceeds, (address(seller))),
            abi.encodeCall(market.sweepFees, (address(0))),
            abi.encodeCall(market.cancel, (sold)),
            abi.encodeCall(market.list, (sold, address(0), 1, uint40(block.timestamp + 1 days))),
            abi.encodeCall(music.transferFrom, (address(seller), eve, sold))
        ];
        (uint256 sellerAmount, , uint256 fee) = _expectedSplit(PRICE);
        for (uint256 i; i < attempts.length; ++i) {
            for (uint256 bubbling; bubbling < 2; ++bubbling) {
                uint256 snapshot = vm.snapshotState();
                address target = i == 5 ? address(music) : address(market);
                seller.setReentry(target, attempts[i], bubbling == 1);
                vm.expectEmit(address(market));
                emit ISaleSettlement.ProceedsCredited(address(seller), sellerAmount);
                _buy(collector, sold, address(0));
                assertFalse(seller.reentryAttempted(), "the seller's code never ran");
                _assertSaleComplete();
                assertEq(market.feesOwed(address(0)), fee);
                assertEq(music.ownerOf(other), creator, "the other listing did not sell");
                vm.revertToState(snapshot);
            }
        }
    }

    /// @dev withdrawProceeds forwards all gas to the seller's chosen address; re-entering it from there is locked.
    function test_reentrantWithdrawal_cannotWithdrawTwice() public {
        seller.setMode(MarketHostileSeller.Mode.Revert);
        _buy(collector, sold, address(0));
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        assertEq(market.proceedsOwed(address(seller)), sellerAmount);

        // it withdraws to itself, and its receive tries to withdraw again (bubbling the failure)
        _reenter(abi.encodeCall(market.withdrawProceeds, (address(seller))), true);
        vm.expectRevert(abi.encodeWithSelector(ISaleSettlement.SaleSettlementTransferFailed.selector, address(seller)));
        vm.prank(address(seller));
        market.withdrawProceeds(address(seller));
        assertEq(market.proceedsOwed(address(seller)), sellerAmount, "still owed, once");

        // without bubbling, the inner attempt fails on the lock and the outer withdrawal pays exactly once
        _reenter(abi.encodeCall(market.withdrawProceeds, (address(seller))), false);
        vm.prank(address(seller));
        market.withdrawProceeds(address(seller));
        _assertReentryRefusedWith(_lockedError());
        assertEq(seller.received(), sellerAmount);
        assertEq(market.proceedsOwed(address(seller)), 0);
        assertEq(address(market).balance, market.feesOwed(address(0)));
    }

    // ---------------------------------------------------------------- the buyer's ERC-721 hook

    /// @dev The NFT moves with transferFrom: a buying contract's onERC721Received never runs, so it cannot re-enter.
    function test_reentrantBuyer_hookNeverRuns() public {
        MarketReentrantBuyer contractBuyer = new MarketReentrantBuyer(address(market));
        contractBuyer.setReentry(abi.encodeCall(market.buy, (other, PRICE, address(0))), false);
        vm.deal(address(contractBuyer), PRICE);
        _buy(address(contractBuyer), sold, address(0));
        assertEq(music.ownerOf(sold), address(contractBuyer));
        assertEq(contractBuyer.hookCalls(), 0);
        assertEq(music.ownerOf(other), creator);
    }

    /// @dev ... and a buying contract that would refuse NFTs in its hook cannot make the seller's sale revert
    /// afterwards either: it called buy itself, it gets the NFT.
    function test_reentrantBuyer_refusingHookDoesNotMatter() public {
        MarketReentrantBuyer contractBuyer = new MarketReentrantBuyer(address(market));
        contractBuyer.setReentry("", true);
        vm.deal(address(contractBuyer), PRICE);
        _buy(address(contractBuyer), sold, address(0));
        assertEq(music.ownerOf(sold), address(contractBuyer));
    }
}
