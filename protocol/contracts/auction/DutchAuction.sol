// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IDutchAuction} from "../interfaces/IDutchAuction.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {AuctionCurves} from "../libraries/AuctionCurves.sol";
import {SaleSettlement} from "../market/SaleSettlement.sol";

/// @title DutchAuction
/// @notice Descending-price auctions of music NFTs (see IDutchAuction), paid out through SaleSettlement: royalty into
/// the RoyaltySplitter, protocol fee, the rest to the seller (sent to a seller without code, credited to a seller
/// with code: no seller's code runs in a buy, so none can block it or make it cost more than ~5,000 gas extra).
///
/// One auction per token, keyed by token id, packed in two slots (seller and start price; reserve, times, curve and
/// flags): a buy reads two slots and clears them. The NFT moves with `transferFrom` both ways (into escrow, to the
/// buyer, back to the seller), so no receiver hook runs: neither a buyer nor a seller can re-enter or block through
/// `onERC721Received`. Every state-changing entry point is `nonReentrant` besides.
///
/// Invariant: this contract owns token `t` if and only if `auctionOf(t).seller != 0` (an auction is live or
/// ended and unsettled); each started auction ends exactly once, sold xor returned to its seller, and never sells
/// below its reserve nor after its end. Money: between calls it holds ETH == credited seller proceeds + the fees of
/// its ETH sales not yet swept, and MINT == the fees of its MINT sales not yet swept (SaleSettlement counts the fees
/// as what it holds beyond the credited proceeds, so nothing else may stay here: a buyer's excess ETH is refunded
/// within the buy, and this contract has no `receive`).
contract DutchAuction is IDutchAuction, SaleSettlement {
    /// @notice Bounds on an auction's duration, seconds.
    uint32 public constant MIN_DURATION = 10 minutes;
    uint32 public constant MAX_DURATION = 30 days;

    /// @dev Slot 0: seller | startPrice. Slot 1: reservePrice | startTime | duration | curve | inMint | byKeeper.
    /// The currency is one of two (ETH or MINT), so a flag stands for it and the auction fits two slots.
    struct StoredAuction {
        address seller;
        uint96 startPrice;
        uint96 reservePrice;
        uint40 startTime;
        uint32 duration;
        Curve curve;
        bool inMint;
        bool startedByKeeper;
    }

    mapping(uint256 tokenId => StoredAuction) private _auctions;
    mapping(uint256 tokenId => KeeperAuthorization) private _keeperAuthorizations;
    /// @inheritdoc IDutchAuction
    mapping(address account => bool) public isKeeper;

    /// @param owner_ the timelock: sets the fee and grants the keeper role
    /// @param musicNFT_ the MusicNFT whose tracks are auctioned
    /// @param splitter_ the RoyaltySplitter (this contract must be one of its sale recorders)
    /// @param mintToken_ MINT, the one currency besides ETH
    /// @param treasury_ receives swept protocol fees
    /// @param protocolFeeBps_ the protocol fee, basis points of the price
    constructor(
        address owner_,
        IERC721 musicNFT_,
        IRoyaltySplitter splitter_,
        IERC20 mintToken_,
        address treasury_,
        uint16 protocolFeeBps_
    ) SaleSettlement(owner_, musicNFT_, splitter_, mintToken_, treasury_, protocolFeeBps_) {}

    // ---------------------------------------------------------------- starting

    /// @inheritdoc IDutchAuction
    function startAuction(uint256 tokenId, AuctionParams calldata params) external nonReentrant {
        if (musicNFT.ownerOf(tokenId) != msg.sender) revert DutchAuctionNotTokenOwner(msg.sender);
        _start(tokenId, msg.sender, params, false);
    }

    /// @inheritdoc IDutchAuction
    function authorizeKeeper(uint256 tokenId, address currency, uint96 minReserve, bool allowed) external nonReentrant {
        if (musicNFT.ownerOf(tokenId) != msg.sender) revert DutchAuctionNotTokenOwner(msg.sender);
        if (allowed) {
            _checkAuctionCurrency(currency);
            // the seller's credit slot, opened now at its own cost rather than the keeper's (see SaleSettlement)
            _openProceeds(msg.sender);
            _keeperAuthorizations[tokenId] = KeeperAuthorization(msg.sender, minReserve, currency);
        } else {
            delete _keeperAuthorizations[tokenId];
        }
        emit KeeperAuthorized(tokenId, msg.sender, currency, minReserve, allowed);
    }

    /// @inheritdoc IDutchAuction
    /// @dev The authorisation binds the owner who gave it: after the token changes hands it matches nobody (if the
    /// token comes back to that owner, their permission applies again unless they withdrew it). Consumed here.
    function startAuctionFor(uint256 tokenId, AuctionParams calldata params) external nonReentrant {
        if (!isKeeper[msg.sender]) revert DutchAuctionNotKeeper(msg.sender);
        KeeperAuthorization memory authorization = _keeperAuthorizations[tokenId];
        // ownerOf is never zero (it reverts for unknown tokens), so an empty authorisation never matches
        address seller = musicNFT.ownerOf(tokenId);
        if (
            authorization.seller != seller ||
            authorization.currency != params.currency ||
            params.reservePrice < authorization.minReserve
        ) revert DutchAuctionKeeperNotAuthorized(tokenId);
        delete _keeperAuthorizations[tokenId];
        _start(tokenId, seller, params, true);
    }

    /// @dev Checks `params`, records the auction, then escrows the NFT (the seller approved this contract).
    function _start(uint256 tokenId, address seller, AuctionParams calldata params, bool byKeeper) private {
        _checkAuctionCurrency(params.currency);
        if (params.duration < MIN_DURATION || params.duration > MAX_DURATION) {
            revert DutchAuctionBadDuration(params.duration);
        }
        if (params.startPrice == 0 || !AuctionCurves.isValid(params.curve, params.startPrice, params.reservePrice)) {
            revert DutchAuctionBadPrices(params.startPrice, params.reservePrice, params.curve);
        }
        // Unreachable while the invariant holds (a token under auction is owned by this contract, so no one else
        // can start it); kept because overwriting an auction would break escrow accounting. Nearly free: the slot
        // read here makes the write below warm.
        if (_auctions[tokenId].seller != address(0)) revert DutchAuctionAlreadyLive(tokenId);
        // the seller pays for its own credit slot, once (see SaleSettlement); already open on the keeper's path
        _openProceeds(seller);

        uint40 startTime = uint40(block.timestamp);
        _auctions[tokenId] = StoredAuction({
            seller: seller,
            startPrice: params.startPrice,
            reservePrice: params.reservePrice,
            startTime: startTime,
            duration: params.duration,
            curve: params.curve,
            inMint: params.currency != address(0),
            startedByKeeper: byKeeper
        });
        emit AuctionStarted(
            tokenId,
            seller,
            msg.sender,
            params.currency,
            params.startPrice,
            params.reservePrice,
            startTime,
            params.duration,
            params.curve
        );
        musicNFT.transferFrom(seller, address(this), tokenId);
    }

    // ---------------------------------------------------------------- buying

    /// @inheritdoc IDutchAuction
    function buy(
        uint256 tokenId,
        uint256 maxPrice,
        address referrer
    ) external payable nonReentrant returns (uint256 price) {
        StoredAuction memory auction = _auctions[tokenId];
        price = _priceNow(tokenId, auction);
        if (price > maxPrice) revert DutchAuctionPriceAboveMax(price, maxPrice);
        address currency;
        if (auction.inMint) {
            if (msg.value != 0) revert DutchAuctionUnexpectedETH(msg.value);
            currency = address(mintToken);
        } else if (msg.value < price) {
            revert DutchAuctionInsufficientPayment(msg.value, price);
        }

        delete _auctions[tokenId];
        musicNFT.transferFrom(address(this), msg.sender, tokenId);
        (uint256 royalty, uint256 fee) = _settleSale(
            tokenId,
            auction.seller,
            msg.sender,
            currency,
            price,
            referrer,
            protocolFeeBps
        );
        emit AuctionSold(tokenId, auction.seller, msg.sender, currency, price, royalty, fee, referrer);
        // Refunded with all gas, reverting on failure: the buyer is the caller and chose the amount, so only its own
        // buy can fail this way (crediting it instead would mix buyers into the sellers' proceeds ledger).
        if (msg.value > price) {
            // msg.value > price: no underflow
            unchecked {
                SafeTransferLib.safeTransferETH(msg.sender, msg.value - price);
            }
        }
    }

    // ---------------------------------------------------------------- ending

    /// @inheritdoc IDutchAuction
    function settle(uint256 tokenId) external nonReentrant returns (bool settled) {
        StoredAuction memory auction = _auctions[tokenId];
        if (auction.seller == address(0)) return false;
        uint256 endTime = uint256(auction.startTime) + auction.duration;
        if (block.timestamp <= endTime) revert DutchAuctionNotEnded(tokenId, endTime);
        _returnToSeller(tokenId, auction.seller, false);
        return true;
    }

    /// @inheritdoc IDutchAuction
    function cancel(uint256 tokenId) external nonReentrant {
        address seller = _auctions[tokenId].seller;
        if (seller == address(0)) revert DutchAuctionNotLive(tokenId);
        if (seller != msg.sender) revert DutchAuctionNotSeller(msg.sender);
        _returnToSeller(tokenId, seller, true);
    }

    /// @dev Ends the auction of `tokenId` without a sale: the NFT goes back to `seller` (transferFrom: a seller's
    /// receiver hook cannot block it).
    function _returnToSeller(uint256 tokenId, address seller, bool canceled) private {
        delete _auctions[tokenId];
        emit AuctionEnded(tokenId, seller, canceled);
        musicNFT.transferFrom(address(this), seller, tokenId);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDutchAuction
    function auctionOf(uint256 tokenId) external view returns (Auction memory) {
        StoredAuction memory auction = _auctions[tokenId];
        return
            Auction({
                seller: auction.seller,
                startPrice: auction.startPrice,
                currency: auction.inMint ? address(mintToken) : address(0),
                reservePrice: auction.reservePrice,
                startTime: auction.startTime,
                duration: auction.duration,
                curve: auction.curve,
                startedByKeeper: auction.startedByKeeper
            });
    }

    /// @inheritdoc IDutchAuction
    function currentPrice(uint256 tokenId) external view returns (uint256) {
        return _priceNow(tokenId, _auctions[tokenId]);
    }

    /// @inheritdoc IDutchAuction
    function keeperAuthorizationOf(uint256 tokenId) external view returns (KeeperAuthorization memory) {
        return _keeperAuthorizations[tokenId];
    }

    /// @dev The price of `auction` now; reverts if there is none or it is past its last second.
    function _priceNow(uint256 tokenId, StoredAuction memory auction) private view returns (uint256) {
        if (auction.seller == address(0)) revert DutchAuctionNotLive(tokenId);
        // startTime is a past block's timestamp: no underflow
        uint256 elapsed = block.timestamp - auction.startTime;
        if (elapsed > auction.duration) revert DutchAuctionEnded(tokenId);
        return AuctionCurves.price(auction.curve, auction.startPrice, auction.reservePrice, elapsed, auction.duration);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IDutchAuction
    function setKeeper(address keeper, bool allowed) external onlyOwner {
        isKeeper[keeper] = allowed;
        emit KeeperSet(keeper, allowed);
    }

    /// @dev ETH (address(0)) or MINT.
    function _checkAuctionCurrency(address currency) private view {
        if (currency != address(0) && currency != address(mintToken)) revert DutchAuctionUnsupportedCurrency(currency);
    }
}
