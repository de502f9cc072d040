// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IDutchAuction
/// @notice Descending-price auctions of music NFTs in ETH or MINT. The NFT is escrowed in the auction contract from
/// start to end. The price falls from `startPrice` to `reservePrice` over `duration` along a curve (linear or
/// exponential, see AuctionCurves); the first buyer pays the current price (excess ETH refunded). An auction nobody
/// buys ends with the NFT back to its seller (`settle`, callable by anyone, usually the keeper): never sold below
/// the reserve. Payment goes as in the marketplace: royalty into the splitter, protocol fee, the rest to the seller.
///
/// Timing: an auction started at `startTime` can be bought while `block.timestamp <= startTime + duration` (in its
/// last second at exactly the reserve) and settled from `startTime + duration + 1` on.
///
/// Started by the seller, or by the keeper role for a seller who authorised it for that token with a minimum
/// reserve (the keeper prices the auction from market data; the seller's floor binds it). An authorisation belongs
/// to the owner who gave it: it does nothing while anyone else owns the token, and an auction start consumes it.
///
/// Invariant: the contract holds exactly the NFTs of live or unsettled auctions, and ETH/tokens only as unsent
/// seller proceeds and unswept fees.
interface IDutchAuction {
    enum Curve {
        Linear,
        Exponential
    }

    struct AuctionParams {
        address currency; // address(0) = ETH, else the MINT token
        uint96 startPrice;
        uint96 reservePrice; // the floor: the price never goes below it and nothing sells after the end
        uint32 duration; // seconds
        Curve curve;
    }

    /// @notice An auction as `auctionOf` shows it (stored packed in two slots).
    struct Auction {
        address seller;
        uint96 startPrice;
        address currency;
        uint96 reservePrice;
        uint40 startTime; // seconds
        uint32 duration; // seconds
        Curve curve;
        bool startedByKeeper;
    }

    /// @notice A seller's permission for the keeper to auction one token (seller zero if none).
    struct KeeperAuthorization {
        address seller; // the owner who gave it: void while anyone else owns the token
        uint96 minReserve; // the lowest reserve the keeper may set, in currency units
        address currency;
    }

    /// @notice Everything the keeper needs to follow the auction: the price at time t is
    /// AuctionCurves.price(curve, startPrice, reservePrice, t - startTime, duration) until startTime + duration.
    event AuctionStarted(
        uint256 indexed tokenId,
        address indexed seller,
        address indexed startedBy,
        address currency,
        uint96 startPrice,
        uint96 reservePrice,
        uint40 startTime,
        uint32 duration,
        Curve curve
    );
    /// @notice The auction was bought: `royalty` went to the splitter, `fee` to the fee pot, `price - royalty - fee`
    /// to the seller (or credited to it, see ProceedsCredited).
    event AuctionSold(
        uint256 indexed tokenId,
        address indexed seller,
        address indexed buyer,
        address currency,
        uint256 price,
        uint256 royalty,
        uint256 fee,
        address referrer
    );
    /// @notice Nobody bought by the end (`settle`) or the seller canceled: the NFT went back to the seller.
    event AuctionEnded(uint256 indexed tokenId, address indexed seller, bool canceled);
    /// @notice `seller` allowed (or withdrew) keeper auctions of `tokenId` in `currency` with a reserve of at least
    /// `minReserve`. A keeper start consumes the permission (its AuctionStarted has `startedBy` = the keeper).
    event KeeperAuthorized(
        uint256 indexed tokenId,
        address indexed seller,
        address currency,
        uint96 minReserve,
        bool allowed
    );
    /// @notice Governance granted or revoked the keeper role.
    event KeeperSet(address indexed keeper, bool allowed);

    error DutchAuctionNotTokenOwner(address caller);
    error DutchAuctionAlreadyLive(uint256 tokenId);
    error DutchAuctionNotLive(uint256 tokenId);
    error DutchAuctionEnded(uint256 tokenId);
    /// @notice The duration is outside [MIN_DURATION, MAX_DURATION].
    error DutchAuctionBadDuration(uint32 duration);
    /// @notice A zero start price, a reserve above the start price, or a reserve of zero on the exponential curve.
    error DutchAuctionBadPrices(uint96 startPrice, uint96 reservePrice, Curve curve);
    error DutchAuctionUnsupportedCurrency(address currency);
    error DutchAuctionNotKeeper(address caller);
    /// @notice The seller has not authorised keeper auctions for this token, or the reserve is below their floor.
    error DutchAuctionKeeperNotAuthorized(uint256 tokenId);
    error DutchAuctionPriceAboveMax(uint256 price, uint256 maxPrice);
    error DutchAuctionInsufficientPayment(uint256 sent, uint256 price);
    /// @notice ETH sent to buy an auction priced in MINT.
    error DutchAuctionUnexpectedETH(uint256 sent);
    /// @notice `settle` before the auction's last second has passed.
    error DutchAuctionNotEnded(uint256 tokenId, uint256 endTime);
    error DutchAuctionNotSeller(address caller);

    /// @notice The caller escrows `tokenId` (approved to this contract) and starts its auction now.
    function startAuction(uint256 tokenId, AuctionParams calldata params) external;

    /// @notice The caller (owner of `tokenId`) lets the keeper start auctions of it in `currency` with a reserve of
    /// at least `minReserve`, or withdraws that permission. The token must stay approved to this contract.
    function authorizeKeeper(uint256 tokenId, address currency, uint96 minReserve, bool allowed) external;

    /// @notice Keeper role: starts an auction of `tokenId` for its owner, who authorised it.
    function startAuctionFor(uint256 tokenId, AuctionParams calldata params) external;

    /// @notice Buys `tokenId` at the current price, at most `maxPrice`, for the caller. ETH: send at least the price,
    /// the excess is refunded to the caller in the same call (which reverts if the caller cannot receive it: a buyer
    /// that cannot take ETH back sends the exact `currentPrice`); MINT: the price is pulled with transferFrom and
    /// no ETH may be sent. `referrer` is who surfaced the track (may be 0). The NFT is moved with `transferFrom`:
    /// the buyer's onERC721Received is not called. Reverts with DutchAuctionEnded after the end.
    function buy(uint256 tokenId, uint256 maxPrice, address referrer) external payable returns (uint256 price);

    /// @notice After the end of an auction nobody bought: sends the NFT back to the seller. Returns false and does
    /// nothing if there is no such auction (already settled, sold, canceled or never started): settling twice has
    /// no effect. Reverts with DutchAuctionNotEnded while the auction can still be bought (a too-early call is the
    /// caller's mistake, not "nothing to do"). Anyone may call.
    function settle(uint256 tokenId) external returns (bool settled);

    /// @notice The seller ends their auction (live, or ended and not yet settled) and takes the NFT back.
    function cancel(uint256 tokenId) external;

    /// @notice The live auction of `tokenId` (seller zero if none).
    function auctionOf(uint256 tokenId) external view returns (Auction memory);

    /// @notice The price `tokenId` sells for now; reverts if no live auction (DutchAuctionNotLive) or after its end
    /// (DutchAuctionEnded).
    function currentPrice(uint256 tokenId) external view returns (uint256);

    /// @notice The owner's standing permission for the keeper to auction `tokenId` (seller zero if none; void if
    /// the seller no longer owns the token).
    function keeperAuthorizationOf(uint256 tokenId) external view returns (KeeperAuthorization memory);

    /// @notice Whether `account` holds the keeper role.
    function isKeeper(address account) external view returns (bool);

    /// @notice Governance: grant or revoke the keeper role.
    function setKeeper(address keeper, bool allowed) external;
}
