// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MarketFixture} from "./MarketFixture.sol";
import {IMarketplace} from "../../contracts/interfaces/IMarketplace.sol";
import {ISaleSettlement} from "../../contracts/interfaces/ISaleSettlement.sol";

contract ListTest is MarketFixture {
    function test_list_storesListingAndEmits() public {
        uint256 tokenId = _mintApproved(creator, "track");
        uint40 expiresAt = _expiry();
        vm.expectEmit(address(market));
        emit IMarketplace.Listed(tokenId, creator, address(0), PRICE, expiresAt);
        vm.prank(creator);
        market.list(tokenId, address(0), PRICE, expiresAt);

        IMarketplace.Listing memory listing = market.listingOf(tokenId);
        assertEq(listing.seller, creator);
        assertEq(listing.price, PRICE);
        assertEq(listing.currency, address(0));
        assertEq(listing.expiresAt, expiresAt);
    }

    function test_list_isNonCustodial() public {
        uint256 tokenId = _listDefault();
        assertEq(music.ownerOf(tokenId), creator);
        assertEq(music.balanceOf(address(market)), 0);
    }

    function test_list_inMint() public {
        uint256 tokenId = _mintAndList(creator, "track", address(token), 500 ether);
        IMarketplace.Listing memory listing = market.listingOf(tokenId);
        assertEq(listing.currency, address(token));
        assertEq(listing.price, 500 ether);
    }

    function test_list_withTokenApprovalOnly() public {
        uint256 tokenId = _mintTrack(creator, "track");
        vm.startPrank(creator);
        music.approve(address(market), tokenId);
        market.list(tokenId, address(0), PRICE, _expiry());
        vm.stopPrank();
        assertEq(market.listingOf(tokenId).seller, creator);
    }

    function test_list_againReplacesTheListing() public {
        uint256 tokenId = _listDefault();
        uint40 later = uint40(block.timestamp + 30 days);
        vm.expectEmit(address(market));
        emit IMarketplace.Listed(tokenId, creator, address(token), 3 ether, later);
        vm.prank(creator);
        market.list(tokenId, address(token), 3 ether, later);
        IMarketplace.Listing memory listing = market.listingOf(tokenId);
        assertEq(listing.price, 3 ether);
        assertEq(listing.currency, address(token));
        assertEq(listing.expiresAt, later);
    }

    /// @dev The token moved on: its new owner's listing replaces the stale one.
    function test_list_newOwnerReplacesStaleListing() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.startPrank(collector);
        music.setApprovalForAll(address(market), true);
        market.list(tokenId, address(0), 2 ether, _expiry());
        vm.stopPrank();
        assertEq(market.listingOf(tokenId).seller, collector);
        assertEq(market.listingOf(tokenId).price, 2 ether);
    }

    function testFuzz_list_anyPriceUpToUint96(uint96 price) public {
        price = uint96(bound(price, 1, type(uint96).max));
        uint256 tokenId = _mintAndList(creator, "track", address(0), price);
        assertEq(market.listingOf(tokenId).price, price);
    }

    function test_list_revertsOnZeroPrice() public {
        uint256 tokenId = _mintApproved(creator, "track");
        uint40 expiresAt = _expiry();
        vm.expectRevert(IMarketplace.MarketplaceZeroPrice.selector);
        vm.prank(creator);
        market.list(tokenId, address(0), 0, expiresAt);
    }

    function testFuzz_list_revertsOnExpiryNotInTheFuture(uint40 expiresAt) public {
        expiresAt = uint40(bound(expiresAt, 0, block.timestamp));
        uint256 tokenId = _mintApproved(creator, "track");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceBadExpiry.selector, expiresAt));
        vm.prank(creator);
        market.list(tokenId, address(0), PRICE, expiresAt);
    }

    function testFuzz_list_revertsOnExpiryBeyondMaxDuration(uint40 expiresAt) public {
        uint256 max = block.timestamp + market.MAX_LISTING_DURATION();
        expiresAt = uint40(bound(expiresAt, max + 1, type(uint40).max));
        uint256 tokenId = _mintApproved(creator, "track");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceBadExpiry.selector, expiresAt));
        vm.prank(creator);
        market.list(tokenId, address(0), PRICE, expiresAt);
    }

    function test_list_acceptsTheBoundsOfExpiry() public {
        uint256 tokenId = _mintApproved(creator, "track");
        vm.startPrank(creator);
        market.list(tokenId, address(0), PRICE, uint40(block.timestamp + 1));
        market.list(tokenId, address(0), PRICE, uint40(block.timestamp + market.MAX_LISTING_DURATION()));
        vm.stopPrank();
        assertEq(market.listingOf(tokenId).expiresAt, block.timestamp + 365 days);
    }

    function test_list_revertsOnUnsupportedCurrency() public {
        uint256 tokenId = _mintApproved(creator, "track");
        address other = makeAddr("other token");
        uint40 expiresAt = _expiry();
        vm.expectRevert(abi.encodeWithSelector(ISaleSettlement.SaleSettlementUnsupportedCurrency.selector, other));
        vm.prank(creator);
        market.list(tokenId, other, PRICE, expiresAt);
    }

    function test_list_revertsWithoutApproval() public {
        uint256 tokenId = _mintTrack(creator, "track");
        uint40 expiresAt = _expiry();
        vm.expectRevert(IMarketplace.MarketplaceNotApproved.selector);
        vm.prank(creator);
        market.list(tokenId, address(0), PRICE, expiresAt);
    }

    /// @dev Approval of someone else does not count: the marketplace itself must be able to move the token.
    function test_list_revertsWhenAnotherAccountIsApproved() public {
        uint256 tokenId = _mintTrack(creator, "track");
        vm.startPrank(creator);
        music.approve(eve, tokenId);
        music.setApprovalForAll(eve, true);
        vm.expectRevert(IMarketplace.MarketplaceNotApproved.selector);
        market.list(tokenId, address(0), PRICE, _expiry());
        vm.stopPrank();
    }

    function test_list_revertsForUnknownToken() public {
        uint40 expiresAt = _expiry();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        vm.prank(creator);
        market.list(42, address(0), PRICE, expiresAt);
    }
}
