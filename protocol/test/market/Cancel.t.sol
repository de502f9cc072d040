// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MarketFixture} from "./MarketFixture.sol";
import {IMarketplace} from "../../contracts/interfaces/IMarketplace.sol";

contract CancelTest is MarketFixture {
    function test_cancel_bySellerDeletesAndEmits() public {
        uint256 tokenId = _listDefault();
        vm.expectEmit(address(market));
        emit IMarketplace.ListingCanceled(tokenId, creator, creator);
        vm.prank(creator);
        market.cancel(tokenId);
        IMarketplace.Listing memory listing = market.listingOf(tokenId);
        assertEq(listing.seller, address(0));
        assertEq(listing.price, 0);
        assertEq(listing.currency, address(0));
        assertEq(listing.expiresAt, 0);
    }

    function test_cancel_thenBuyReverts() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        market.cancel(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, tokenId));
        vm.prank(collector);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    function test_cancel_bySellerAfterExpiry() public {
        uint256 tokenId = _listDefault();
        vm.warp(block.timestamp + 400 days);
        vm.prank(creator);
        market.cancel(tokenId);
        assertEq(market.listingOf(tokenId).seller, address(0));
    }

    function testFuzz_cancel_revertsForOthersWhileTheListingIsValid(address caller) public {
        vm.assume(caller != creator);
        uint256 tokenId = _listDefault();
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotSeller.selector, caller));
        vm.prank(caller);
        market.cancel(tokenId);
        assertEq(market.listingOf(tokenId).seller, creator);
    }

    /// @dev Expiry alone does not let others cancel: only the token having left the seller does.
    function test_cancel_revertsForOthersAfterExpiry() public {
        uint256 tokenId = _listDefault();
        vm.warp(block.timestamp + 400 days);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotSeller.selector, eve));
        vm.prank(eve);
        market.cancel(tokenId);
    }

    /// @dev The seller moved the token: the listing is stale and anyone (the keeper, the new owner) may clear it.
    function test_cancel_staleListingByAnyone() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.expectEmit(address(market));
        emit IMarketplace.ListingCanceled(tokenId, creator, eve);
        vm.prank(eve);
        market.cancel(tokenId);
        assertEq(market.listingOf(tokenId).seller, address(0));
    }

    function test_cancel_staleListingBySeller() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.prank(creator);
        market.cancel(tokenId);
        assertEq(market.listingOf(tokenId).seller, address(0));
    }

    function test_cancel_revertsWhenNotListed() public {
        uint256 tokenId = _mintApproved(creator, "track");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, tokenId));
        vm.prank(creator);
        market.cancel(tokenId);
    }

    function test_cancel_revertsTheSecondTime() public {
        uint256 tokenId = _listDefault();
        vm.startPrank(creator);
        market.cancel(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, tokenId));
        market.cancel(tokenId);
        vm.stopPrank();
    }

    /// @dev Documented behaviour (see the Marketplace header): an uncanceled stale listing revives if the token comes
    /// back to its seller. A seller who moves a listed token should cancel; anyone may cancel it while stale.
    function test_cancel_staleListingRevivesIfTheTokenReturnsUncanceled() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.prank(collector);
        music.transferFrom(collector, creator, tokenId);
        _buy(buyer, tokenId, address(0));
        assertEq(music.ownerOf(tokenId), buyer);
    }

    /// @dev ... while canceling it while stale ends it for good.
    function test_cancel_staleListingCanceledStaysDead() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.prank(eve);
        market.cancel(tokenId);
        vm.prank(collector);
        music.transferFrom(collector, creator, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, tokenId));
        vm.prank(buyer);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }
}
