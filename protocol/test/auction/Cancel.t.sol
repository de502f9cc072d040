// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionFixture} from "./AuctionFixture.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";

/// @notice cancel: the seller, and only the seller, takes the NFT back at any time before a sale (also after the
/// end, before anyone settles); afterwards the auction is gone for buy and settle.
contract CancelTest is AuctionFixture {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _startDefault(IDutchAuction.Curve.Linear);
    }

    function test_cancel_returnsTheNFT() public {
        skip(1 hours);
        vm.expectEmit(address(auction));
        emit IDutchAuction.AuctionEnded(tokenId, creator, true);
        vm.prank(creator);
        auction.cancel(tokenId);
        assertEq(music.ownerOf(tokenId), creator);
        assertEq(auction.auctionOf(tokenId).seller, address(0));
    }

    function testFuzz_cancel_revertsForAnyoneButTheSeller(address caller) public {
        vm.assume(caller != creator);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotSeller.selector, caller));
        vm.prank(caller);
        auction.cancel(tokenId);
    }

    /// @dev Governance cannot take a seller's NFT out of escrow either.
    function test_cancel_revertsForTheOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotSeller.selector, address(timelock)));
        vm.prank(address(timelock));
        auction.cancel(tokenId);
    }

    function test_cancel_revertsAfterASale() public {
        _buyETH(buyer, tokenId, START_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotLive.selector, tokenId));
        vm.prank(creator);
        auction.cancel(tokenId);
        assertEq(music.ownerOf(tokenId), buyer);
    }

    function test_cancel_revertsTwice() public {
        vm.startPrank(creator);
        auction.cancel(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotLive.selector, tokenId));
        auction.cancel(tokenId);
        vm.stopPrank();
    }

    /// @dev Ended and unsettled: the seller need not wait for the keeper.
    function test_cancel_afterTheEndBeforeSettle() public {
        skip(DURATION + 1);
        vm.expectEmit(address(auction));
        emit IDutchAuction.AuctionEnded(tokenId, creator, true);
        vm.prank(creator);
        auction.cancel(tokenId);
        assertEq(music.ownerOf(tokenId), creator);
        assertFalse(auction.settle(tokenId));
    }

    function test_cancel_thenNoBuy() public {
        vm.prank(creator);
        auction.cancel(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotLive.selector, tokenId));
        vm.prank(buyer);
        auction.buy{value: START_PRICE}(tokenId, type(uint256).max, address(0));
    }
}
