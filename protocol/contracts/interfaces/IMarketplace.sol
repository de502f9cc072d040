// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IMarketplace
/// @notice Fixed-price listings of music NFTs in ETH or MINT, with expiry. Listings are non-custodial: the NFT stays
/// with the seller (who approves the marketplace) until it sells. Every sale pays the track's EIP-2981 royalty into
/// the RoyaltySplitter (a first sale as a plain deposit; a resale through `depositResaleRoyalty`, which gives the
/// curator its part first), the protocol fee to the treasury, and the rest to the seller:
/// seller + royalty + fee == price, to the wei. The sale is recorded with the splitter, so the first buyer becomes
/// the track's initial collector and the buyer's `referrer` its curator.
///
/// Invariant: the marketplace holds no NFTs, and holds ETH or tokens only as unsent seller proceeds (credited to
/// sellers whose ETH transfer failed) and protocol fees not yet swept to the treasury.
interface IMarketplace {
    struct Listing {
        address seller;
        uint96 price; // in currency units
        address currency; // address(0) = ETH, else the MINT token
        uint40 expiresAt; // seconds
    }

    event Listed(uint256 indexed tokenId, address indexed seller, address currency, uint256 price, uint40 expiresAt);
    event ListingCanceled(uint256 indexed tokenId, address indexed seller);
    /// @notice A sale: `royalty` went to the splitter, `fee` to the treasury, `price - royalty - fee` to the seller.
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
    /// @notice The seller's ETH could not be sent; it is credited for `withdrawProceeds`.
    event ProceedsCredited(address indexed seller, uint256 amount);
    event ProceedsWithdrawn(address indexed seller, address indexed to, uint256 amount);
    event ProtocolFeeSet(uint16 bps);
    event FeesSwept(address indexed currency, address indexed treasury, uint256 amount);

    error MarketplaceNotTokenOwner(address caller);
    error MarketplaceNotApproved();
    error MarketplaceUnsupportedCurrency(address currency);
    error MarketplaceZeroPrice();
    error MarketplacePriceTooHigh(uint256 price);
    error MarketplaceBadExpiry(uint40 expiresAt);
    error MarketplaceNotListed(uint256 tokenId);
    error MarketplaceListingExpired(uint256 tokenId, uint40 expiresAt);
    /// @notice The listing's seller no longer owns the token (it moved after listing).
    error MarketplaceStaleListing(uint256 tokenId);
    error MarketplaceWrongPayment(uint256 sent, uint256 price);
    /// @notice The listing changed since the buyer saw it (front-running protection).
    error MarketplacePriceChanged(uint256 expected, uint256 actual);
    error MarketplaceFeeOutOfBounds(uint16 bps);
    error MarketplaceNothingToWithdraw();
    error MarketplaceTransferFailed(address to);

    /// @notice Lists `tokenId` (the caller owns it and approved the marketplace) at `price` of `currency` until
    /// `expiresAt`. Listing again replaces the previous listing.
    function list(uint256 tokenId, address currency, uint96 price, uint40 expiresAt) external;

    /// @notice Cancels the caller's listing of `tokenId` (or any stale listing, by anyone).
    function cancel(uint256 tokenId) external;

    /// @notice Buys `tokenId` at its listed price (which must equal `expectedPrice`). ETH as msg.value (exact), or
    /// MINT pulled with transferFrom. `referrer` is who surfaced the track to the buyer (may be address(0)).
    function buy(uint256 tokenId, uint256 expectedPrice, address referrer) external payable;

    /// @notice The active listing of `tokenId` (seller zero if none).
    function listingOf(uint256 tokenId) external view returns (Listing memory);

    /// @notice How a sale at `price` of `tokenId` divides: (seller, royalty, fee).
    function quote(uint256 tokenId, uint256 price) external view returns (uint256 seller, uint256 royalty, uint256 fee);

    /// @notice Sends the caller's credited ETH proceeds to `to`.
    function withdrawProceeds(address to) external;

    /// @notice Sends accrued protocol fees in `currency` to the treasury. Anyone may call.
    function sweepFees(address currency) external;

    /// @notice Governance: the protocol fee in bps of the price (within bounds).
    function setProtocolFee(uint16 bps) external;
}
