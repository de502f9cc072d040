// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {AuctionFixture} from "./AuctionFixture.sol";
import {AuctionHostileReceiver} from "../mocks/AuctionHostileReceiver.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";
import {ISaleSettlement} from "../../contracts/interfaces/ISaleSettlement.sol";

/// @notice Hostile parties against the auction (the attack classes: auction refund loops blocked by one party, gas
/// griefing of the buyer or the settler, re-entrancy through ETH and NFT callbacks, selling below reserve):
/// - a seller whose receive reverts, burns all its gas or answers with 100 kB cannot block a buy (a seller with code
///   is credited: its receive never runs; the gas it can cost a buyer is in HostileSellerGas.t.sol) nor a settle
///   or a cancel;
/// - a seller never gets control in a buy; a buyer re-entering through its refund meets the re-entrancy lock;
/// - the NFT moves with transferFrom: a buyer's or seller's onERC721Received never runs (a hook that refuses every
///   NFT does not stop delivery);
/// - a buyer that refuses its refund only fails its own buy;
/// - a seller who cancels and restarts higher in front of a buy is stopped by the buyer's maxPrice.
/// The keeper's attacks (below the floor, a token that changed hands) are in StartByKeeper.t.sol; selling below
/// the reserve at any time is fuzzed in Buy.t.sol and in the invariant suite.
contract AttacksTest is AuctionFixture {
    AuctionHostileReceiver internal hostile;

    function setUp() public override {
        super.setUp();
        hostile = new AuctionHostileReceiver();
        vm.label(address(hostile), "hostile");
        vm.deal(address(hostile), 10 ether);
    }

    // ---------------------------------------------------------------- a hostile seller

    function test_attack_revertingSellerCannotBlockBuy() public {
        _assertSellerCannotBlockBuy(AuctionHostileReceiver.Mode.Revert);
    }

    function test_attack_gasBurningSellerCannotBlockBuy() public {
        _assertSellerCannotBlockBuy(AuctionHostileReceiver.Mode.BurnGas);
    }

    function test_attack_returnBombSellerCannotBlockBuy() public {
        _assertSellerCannotBlockBuy(AuctionHostileReceiver.Mode.ReturnBomb);
    }

    /// @dev A seller's code never runs in a buy (a seller with code is credited): a seller about to re-enter from
    /// its proceeds push (to cancel another of its auctions mid-sale) never gets the chance; it is credited.
    function test_attack_sellerReenteringOnProceedsNeverGetsControl() public {
        uint256 sold = _hostileAuction("sold", _ethParams(IDutchAuction.Curve.Linear));
        uint256 other = _hostileAuction("other", _ethParams(IDutchAuction.Curve.Linear));
        hostile.setReentry(address(auction), abi.encodeCall(auction.cancel, (other)));
        uint256 before = address(hostile).balance;

        uint256 price = _buyETH(buyer, sold, START_PRICE);

        assertFalse(hostile.reentryAttempted(), "its code never ran");
        (uint256 sellerAmount, , ) = _expectedSplit(price);
        assertEq(address(hostile).balance, before, "not pushed");
        assertEq(auction.proceedsOwed(address(hostile)), sellerAmount, "credited");
        assertEq(music.ownerOf(other), address(auction), "the other auction untouched");
        assertEq(auction.auctionOf(other).seller, address(hostile));
    }

    /// @dev Neither the ETH receive nor the ERC-721 hook of the seller can stop the NFT going back.
    function test_attack_hostileSellerCannotBlockSettleOrCancel() public {
        hostile.setMode(AuctionHostileReceiver.Mode.Revert);
        uint256 settled = _hostileAuction("settled", _ethParams(IDutchAuction.Curve.Exponential));
        uint256 canceled = _hostileAuction("canceled", _ethParams(IDutchAuction.Curve.Exponential));
        vm.prank(address(hostile));
        auction.cancel(canceled);
        assertEq(music.ownerOf(canceled), address(hostile), "canceled back");
        skip(DURATION + 1);
        vm.prank(keeper);
        assertTrue(auction.settle(settled));
        assertEq(music.ownerOf(settled), address(hostile), "settled back");
    }

    // ---------------------------------------------------------------- a hostile buyer

    /// @dev The buyer's ERC-721 hook refuses every NFT; transferFrom never asks it.
    function test_attack_buyerHookIsNotCalled() public {
        uint256 tokenId = _startDefault(IDutchAuction.Curve.Linear);
        _buyETH(address(hostile), tokenId, START_PRICE);
        assertEq(music.ownerOf(tokenId), address(hostile));
    }

    function test_attack_buyerReenteringBuyOnRefundIsLockedOut() public {
        uint256 other = _startAuction(creator, "other", _ethParams(IDutchAuction.Curve.Linear));
        _assertRefundReentryLocked(abi.encodeWithSelector(auction.buy.selector, other, type(uint256).max, address(0)));
        assertEq(auction.auctionOf(other).seller, creator, "the other auction untouched");
    }

    function test_attack_buyerReenteringSettleOnRefundIsLockedOut() public {
        uint256 ended = _startAuction(
            creator,
            "ended",
            _params(address(0), 1 ether, 0.1 ether, 10 minutes, IDutchAuction.Curve.Linear)
        );
        skip(10 minutes + 1);
        _assertRefundReentryLocked(abi.encodeCall(auction.settle, (ended)));
        assertEq(auction.auctionOf(ended).seller, creator, "not settled from inside a buy");
    }

    function test_attack_buyerReenteringSweepOnRefundIsLockedOut() public {
        _assertRefundReentryLocked(abi.encodeCall(auction.sweepFees, (address(0))));
    }

    /// @dev A buyer that cannot take ETH back fails only its own buy when it overpays; paying exactly works.
    function test_attack_buyerRefusingItsRefundFailsOnlyItself() public {
        uint256 tokenId = _startDefault(IDutchAuction.Curve.Linear);
        hostile.setMode(AuctionHostileReceiver.Mode.Revert);
        skip(1 hours);
        uint256 price = auction.currentPrice(tokenId);
        vm.expectRevert(SafeTransferLib.ETHTransferFailed.selector);
        _buyETH(address(hostile), tokenId, price + 1);
        assertEq(music.ownerOf(tokenId), address(auction), "still for sale");
        _buyETH(address(hostile), tokenId, price);
        assertEq(music.ownerOf(tokenId), address(hostile));
    }

    // ---------------------------------------------------------------- front-running

    /// @dev The buyer saw 0.55 ETH; in front of its buy the seller cancels and restarts at 10 ETH: the buy fails
    /// instead of paying 10 ETH.
    function test_attack_sellerRestartingHigherIsStoppedByMaxPrice() public {
        uint256 tokenId = _startDefault(IDutchAuction.Curve.Linear);
        skip(12 hours);
        uint256 seen = auction.currentPrice(tokenId);
        vm.startPrank(creator);
        auction.cancel(tokenId);
        music.approve(address(auction), tokenId);
        auction.startAuction(tokenId, _params(address(0), 10 ether, 10 ether, DURATION, IDutchAuction.Curve.Linear));
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionPriceAboveMax.selector, 10 ether, seen));
        vm.prank(buyer);
        auction.buy{value: 10 ether}(tokenId, seen, address(0));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The creator mints a track, hands it to the hostile contract, which auctions it.
    function _hostileAuction(
        bytes memory audio,
        IDutchAuction.AuctionParams memory params
    ) internal returns (uint256 tokenId) {
        tokenId = _mintTrack(creator, audio);
        vm.prank(creator);
        music.transferFrom(creator, address(hostile), tokenId);
        vm.startPrank(address(hostile));
        music.approve(address(auction), tokenId);
        auction.startAuction(tokenId, params);
        vm.stopPrank();
    }

    /// @dev The hostile seller's push fails in `mode`: the buy goes through, the proceeds are credited and the
    /// seller withdraws them elsewhere.
    function _assertSellerCannotBlockBuy(AuctionHostileReceiver.Mode mode) internal {
        uint256 tokenId = _hostileAuction("hostile seller", _ethParams(IDutchAuction.Curve.Exponential));
        hostile.setMode(mode);
        skip(3 hours);
        uint256 price = auction.currentPrice(tokenId);
        (uint256 sellerAmount, , uint256 fee) = _expectedSplit(price);

        vm.expectEmit(address(auction));
        emit ISaleSettlement.ProceedsCredited(address(hostile), sellerAmount);
        _buyETH(buyer, tokenId, price);

        assertEq(music.ownerOf(tokenId), buyer, "sold");
        assertEq(auction.proceedsOwed(address(hostile)), sellerAmount, "credited");
        assertEq(address(auction).balance, sellerAmount + fee, "holds the credit and the fee");
        assertEq(auction.feesOwed(address(0)), fee);

        address payout = makeAddr("hostile's payout");
        vm.prank(address(hostile));
        auction.withdrawProceeds(payout);
        assertEq(payout.balance, sellerAmount, "withdrawn");
        assertEq(address(auction).balance, fee);
    }

    /// @dev The hostile contract buys with 1 ETH too much; on the refund it re-enters with `data`: locked out, and
    /// the outer buy completes with the refund accepted.
    function _assertRefundReentryLocked(bytes memory data) internal {
        uint256 tokenId = _startDefault(IDutchAuction.Curve.Exponential);
        hostile.setReentry(address(auction), data);
        uint256 price = auction.currentPrice(tokenId);
        uint256 before = address(hostile).balance;

        _buyETH(address(hostile), tokenId, price + 1 ether);

        assertTrue(hostile.reentryAttempted(), "attempted");
        assertFalse(hostile.reentrySucceeded(), "re-entered");
        assertEq(hostile.reentryError(), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(address(hostile).balance, before - price, "refunded");
        assertEq(music.ownerOf(tokenId), address(hostile));
    }
}
