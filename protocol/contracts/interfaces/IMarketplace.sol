// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISaleSettlement} from "./ISaleSettlement.sol";

/// @title IMarketplace
/// @notice Fixed-price listings of music NFTs in ETH or MINT, with expiry. Listings are non-custodial: the NFT stays
/// with the seller (who approves the marketplace) until it sells. Every sale pays the track's EIP-2981 royalty into
/// the RoyaltySplitter (a first sale as a plain deposit; a resale through `depositResaleRoyalty`, which gives the
/// curator its part first), the protocol fee to the treasury, and the rest to the seller:
/// seller + royalty + fee == price, to the wei. The sale is recorded with the splitter, so the first buyer becomes
/// the track's initial collector and the buyer's `referrer` its curator.
///
/// How the price divides, seller proceeds that could not be pushed, and protocol fees (quote, withdrawProceeds,
/// sweepFees, setProtocolFee and their events and errors) are ISaleSettlement's, shared with the DutchAuction.
///
/// Invariant: the marketplace holds no NFTs, and holds ETH or tokens only as unsent seller proceeds (credited to
/// sellers whose ETH transfer failed) and protocol fees not yet swept to the treasury.
interface IMarketplace is ISaleSettlement {
    /// @notice A listing: two slots, seller | price and currency | expiresAt.
    struct Listing {
        address seller; // address(0): not listed
        uint96 price; // in currency units (wei, or MINT's 18-decimal units)
        address currency; // address(0) = ETH, else the MINT token
        uint40 expiresAt; // seconds; buyable while block.timestamp < expiresAt
        uint16 feeBps; // the protocol fee when listed: a later fee change never applies to an existing listing
    }

    /// @notice `seller` listed `tokenId` at `price` of `currency` until `expiresAt` (seconds, exclusive). Replaces any
    /// earlier listing of `tokenId`.
    event Listed(uint256 indexed tokenId, address indexed seller, address currency, uint256 price, uint40 expiresAt);
    /// @notice The listing of `tokenId` by `seller` was removed without a sale, by the seller or (the listing being
    /// stale: the seller no longer owns the token) by `canceledBy`.
    event ListingCanceled(uint256 indexed tokenId, address indexed seller, address canceledBy);
    /// @notice A sale: `royalty` went to the splitter, `fee` to the protocol's fees, `price - royalty - fee` to the
    /// seller (pushed, or credited: see ProceedsCredited). The listing is gone.
    event Sold(
        uint256 indexed tokenId,
        address indexed seller,
        address indexed buyer,
        address currency,
        uint256 price,
        uint256 royalty,
        uint256 fee,
        address referrer
    );

    /// @notice The caller does not own the token it tries to list.
    error MarketplaceNotTokenOwner(address caller);
    /// @notice The marketplace is neither approved for the token nor an operator of its owner.
    error MarketplaceNotApproved();
    error MarketplaceZeroPrice();
    /// @notice `expiresAt` is not in the future, or more than MAX_LISTING_DURATION away.
    error MarketplaceBadExpiry(uint40 expiresAt);
    error MarketplaceNotListed(uint256 tokenId);
    error MarketplaceListingExpired(uint256 tokenId, uint40 expiresAt);
    /// @notice ETH sent differs from the price of an ETH listing, or ETH sent for a MINT listing (`price` 0).
    error MarketplaceWrongPayment(uint256 sent, uint256 price);
    /// @notice The listing changed since the buyer saw it (front-running protection).
    error MarketplacePriceChanged(uint256 expected, uint256 actual);
    /// @notice Only the seller cancels a listing that is not stale.
    error MarketplaceNotSeller(address caller);
    /// @notice A seller cannot buy its own listing: nothing would move but the fees, and the sale would be recorded
    /// with the splitter (collector and curator roles) as if it were real.
    error MarketplaceBuyerIsSeller();

    /// @notice Lists `tokenId` (the caller owns it and approved the marketplace) at `price` of `currency` until
    /// `expiresAt`. Listing again replaces the previous listing.
    function list(uint256 tokenId, address currency, uint96 price, uint40 expiresAt) external;

    /// @notice Cancels the caller's listing of `tokenId` (or any stale listing, by anyone).
    function cancel(uint256 tokenId) external;

    /// @notice Buys `tokenId` at its listed price (which must equal `expectedPrice`). ETH as msg.value (exact), or
    /// MINT pulled with transferFrom (approve the marketplace for the price). `referrer` is who surfaced the track to
    /// the buyer (may be address(0)).
    function buy(uint256 tokenId, uint256 expectedPrice, address referrer) external payable;

    /// @notice The listing of `tokenId` (seller zero if none). It may be expired or stale: `buy` checks both.
    function listingOf(uint256 tokenId) external view returns (Listing memory);
}
