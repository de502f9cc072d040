// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {SaleSettlement} from "./SaleSettlement.sol";

/// @title Marketplace
/// @notice Fixed-price, non-custodial listings of music NFTs in ETH or MINT (see IMarketplace). A sale pays the
/// royalty into the track's split, the protocol fee and the seller through SaleSettlement.
///
/// Invariant: this contract never holds an NFT (listings are non-custodial; a sale moves the token from the seller
/// straight to the buyer). Its ETH == totalProceedsOwed (the sum of `proceedsOwed`) + `feesOwed(ETH)`, its MINT ==
/// `feesOwed(MINT)`, and each fees figure is the sum of past sales' fees minus what was swept: a buy takes exactly
/// the price (an exact msg.value, or MINT pulled from the buyer) and passes all of it on within the call but the
/// fee and whatever it must credit to a seller that refused its ETH. Every sale divides to the wei:
/// seller + royalty + fee == price.
///
/// Storage: a listing is two slots (seller | price, currency | expiresAt), written by `list` and deleted by `buy` or
/// `cancel` (the refund of the two cleared slots pays for the delete).
///
/// Order of a buy (checks-effects-interactions): all checks, then the listing is deleted, then the NFT moves from
/// seller to buyer, then the money moves. Neither hands control to the seller: the NFT moves by plain
/// `transferFrom` on our own MusicNFT (no receiver hook), and the seller's ETH is sent only if it has no code (a
/// seller with code is credited; see SaleSettlement). The order is kept as defence in depth: were a payment ever
/// to run untrusted code, it would run after the sale is complete (listing gone, NFT delivered, royalty
/// deposited, fee kept). `buy`, `withdrawProceeds` and `sweepFees` share one re-entrancy lock; `list` and
/// `cancel` call MusicNFT's views only.
///
/// A stale listing (the seller no longer owns the token) cannot be bought and anyone may cancel it. If the token
/// returns to the seller before that, the listing is live again: a seller who moves a listed token should cancel
/// its listing (listings expire within MAX_LISTING_DURATION in any case).
contract Marketplace is IMarketplace, SaleSettlement {
    /// @notice The longest a listing may last, seconds.
    uint256 public constant MAX_LISTING_DURATION = 365 days;

    mapping(uint256 tokenId => Listing) private _listings;

    /// @param owner_ the timelock (sets the protocol fee)
    /// @param musicNFT_ the MusicNFT (ERC-721 + EIP-2981)
    /// @param splitter_ the RoyaltySplitter, which must register this contract as a sale recorder
    /// @param mintToken_ MINT, the one accepted ERC-20
    /// @param treasury_ where protocol fees are swept
    /// @param protocolFeeBps_ the initial protocol fee, basis points of the price
    constructor(
        address owner_,
        IERC721 musicNFT_,
        IRoyaltySplitter splitter_,
        IERC20 mintToken_,
        address treasury_,
        uint16 protocolFeeBps_
    ) SaleSettlement(owner_, musicNFT_, splitter_, mintToken_, treasury_, protocolFeeBps_) {}

    /// @inheritdoc IMarketplace
    function list(uint256 tokenId, address currency, uint96 price, uint40 expiresAt) external {
        if (price == 0) revert MarketplaceZeroPrice();
        if (expiresAt <= block.timestamp || expiresAt > block.timestamp + MAX_LISTING_DURATION) {
            revert MarketplaceBadExpiry(expiresAt);
        }
        _checkCurrency(currency);
        if (musicNFT.ownerOf(tokenId) != msg.sender) revert MarketplaceNotTokenOwner(msg.sender);
        if (musicNFT.getApproved(tokenId) != address(this) && !musicNFT.isApprovedForAll(msg.sender, address(this))) {
            revert MarketplaceNotApproved();
        }
        // the seller pays for its own credit slot, once (see SaleSettlement)
        _openProceeds(msg.sender);
        _listings[tokenId] = Listing({
            seller: msg.sender,
            price: price,
            currency: currency,
            expiresAt: expiresAt,
            feeBps: protocolFeeBps
        });
        emit Listed(tokenId, msg.sender, currency, price, expiresAt);
    }

    /// @inheritdoc IMarketplace
    function cancel(uint256 tokenId) external {
        address seller = _listings[tokenId].seller;
        if (seller == address(0)) revert MarketplaceNotListed(tokenId);
        // anyone may clear a stale listing: it can never fill, and it would revive if the token came back
        if (msg.sender != seller && musicNFT.ownerOf(tokenId) == seller) revert MarketplaceNotSeller(msg.sender);
        delete _listings[tokenId];
        emit ListingCanceled(tokenId, seller, msg.sender);
    }

    /// @inheritdoc IMarketplace
    function buy(uint256 tokenId, uint256 expectedPrice, address referrer) external payable nonReentrant {
        Listing memory listing = _listings[tokenId];
        if (listing.seller == address(0)) revert MarketplaceNotListed(tokenId);
        if (block.timestamp >= listing.expiresAt) revert MarketplaceListingExpired(tokenId, listing.expiresAt);
        // a seller who raises the price (or relists) in front of the buyer makes the buy fail, never cost more; a
        // switch of currency fails the payment check below
        if (listing.price != expectedPrice) revert MarketplacePriceChanged(expectedPrice, listing.price);
        uint256 ethDue = listing.currency == address(0) ? listing.price : 0;
        if (msg.value != ethDue) revert MarketplaceWrongPayment(msg.value, ethDue);
        if (msg.sender == listing.seller) revert MarketplaceBuyerIsSeller();

        delete _listings[tokenId];
        // The NFT before the money: see the contract header. A stale listing (the seller no longer owns the token)
        // fails here with MusicNFT's ERC721IncorrectOwner(seller, tokenId, owner): checking ownerOf first would
        // cost every buy an extra call for the same answer.
        musicNFT.transferFrom(listing.seller, msg.sender, tokenId);
        (uint256 royalty, uint256 fee) = _settleSale(
            tokenId,
            listing.seller,
            msg.sender,
            listing.currency,
            listing.price,
            referrer,
            listing.feeBps
        );
        emit Sold(tokenId, listing.seller, msg.sender, listing.currency, listing.price, royalty, fee, referrer);
    }

    /// @inheritdoc IMarketplace
    function listingOf(uint256 tokenId) external view returns (Listing memory) {
        return _listings[tokenId];
    }
}
