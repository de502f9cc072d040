// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MarketFixture} from "./MarketFixture.sol";
import {IMarketplace} from "../../contracts/interfaces/IMarketplace.sol";
import {ISaleSettlement} from "../../contracts/interfaces/ISaleSettlement.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";
import {MarketReentrantBuyer} from "../mocks/MarketReentrantBuyer.sol";

/// @notice The only untrusted code a buy runs is the seller's `receive` (its ETH push), and it runs after the sale
/// is complete: listing deleted, NFT delivered, royalty deposited, fee kept. From there every function that moves
/// money is locked, and what is not locked acts on the completed state. The NFT moves by plain `transferFrom`, so a
/// buyer's ERC-721 hook never runs.
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
        assertEq(seller.received(), sellerAmount, "seller paid");
        assertEq(market.listingOf(sold).seller, address(0), "listing gone");
    }

    function _lockedError() internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    // ---------------------------------------------------------------- the seller re-enters from its receive

    function test_reentrantSeller_cannotBuy() public {
        _reenter(abi.encodeCall(market.buy, (other, PRICE, address(0))), false);
        _buy(collector, sold, address(0));
        _assertReentryRefusedWith(_lockedError());
        _assertSaleComplete();
        assertEq(music.ownerOf(other), creator, "the other listing did not sell");
        assertEq(market.listingOf(other).seller, creator);
    }

    /// @dev Even with proceeds credited from an earlier sale, the seller cannot withdraw from inside a buy.
    function test_reentrantSeller_cannotWithdrawProceeds() public {
        _reenter(abi.encodeCall(market.withdrawProceeds, (address(seller))), false);
        _buy(collector, sold, address(0));
        _assertReentryRefusedWith(_lockedError());
        _assertSaleComplete();
    }

    function test_reentrantSeller_cannotSweepFees() public {
        _reenter(abi.encodeCall(market.sweepFees, (address(0))), false);
        _buy(collector, sold, address(0));
        _assertReentryRefusedWith(_lockedError());
        (, , uint256 fee) = _expectedSplit(PRICE);
        assertEq(market.feesOwed(address(0)), fee);
    }

    /// @dev cancel is not locked: the listing was deleted before the seller got control, so there is nothing to
    /// cancel.
    function test_reentrantSeller_cancelHasNothingToCancel() public {
        _reenter(abi.encodeCall(market.cancel, (sold)), false);
        _buy(collector, sold, address(0));
        _assertReentryRefusedWith(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, sold));
        _assertSaleComplete();
    }

    /// @dev list is not locked: the NFT was delivered before the seller got control, so it cannot list it again.
    function test_reentrantSeller_cannotRelistTheSoldToken() public {
        _reenter(abi.encodeCall(market.list, (sold, address(0), 1, uint40(block.timestamp + 1 days))), false);
        _buy(collector, sold, address(0));
        _assertReentryRefusedWith(
            abi.encodeWithSelector(IMarketplace.MarketplaceNotTokenOwner.selector, address(seller))
        );
        _assertSaleComplete();
    }

    /// @dev The attack a pay-first order would allow: the seller, still owning the NFT while it is paid, moves it
    /// away so the buyer's transaction reverts. Here the NFT is already the buyer's when the seller runs.
    function test_reentrantSeller_cannotMoveTheNFTAwayWhilePaid() public {
        seller.setReentry(address(music), abi.encodeCall(music.transferFrom, (address(seller), eve, sold)), false);
        _buy(collector, sold, address(0));
        assertEq(music.ownerOf(sold), collector, "the buyer keeps the NFT");
        // the seller's move failed with ERC-721's own error: the NFT is no longer its to move
        assertEq(
            seller.reentryRevertHash(),
            keccak256(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(seller), sold))
        );
        _assertSaleComplete();
    }

    /// @dev A seller that re-enters and lets the lock's revert bubble just refuses its ETH: credited, buy done.
    function test_reentrantSeller_bubblingTheRevertGetsCredited() public {
        _reenter(abi.encodeCall(market.buy, (other, PRICE, address(0))), true);
        vm.expectEmit(address(market));
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        emit ISaleSettlement.ProceedsCredited(address(seller), sellerAmount);
        _buy(collector, sold, address(0));
        assertEq(music.ownerOf(sold), collector);
        assertEq(market.proceedsOwed(address(seller)), sellerAmount);
        assertEq(music.ownerOf(other), creator);
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
