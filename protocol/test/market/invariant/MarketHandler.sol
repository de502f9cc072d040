// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {Marketplace} from "../../../contracts/market/Marketplace.sol";
import {MusicNFT} from "../../../contracts/music/MusicNFT.sol";

/// @notice Drives the Marketplace with random listings, buys, cancels, transfers of listed tokens (stale listings),
/// time, fee sweeps and proceeds withdrawals among a few actors (two of them hostile contracts that refuse or burn
/// the ETH they are paid) and a few tracks, in ETH and MINT.
///
/// Every sale is measured as balance changes of the buyer, the seller, the splitter and the market, and checked
/// against the price and the market's quote; the ghosts sum what moved, so the invariants can check that nothing
/// was created or lost. A mismatch is counted (not asserted here: a failing handler call is just skipped).
contract MarketHandler is CommonBase, StdCheats, StdUtils {
    Marketplace public immutable market;
    MusicNFT public immutable music;
    address public immutable splitter;
    IERC20 public immutable mintToken;
    /// @dev where actors withdraw their proceeds (hostile actors cannot take ETH themselves)
    address public immutable sink;

    address[] internal _actors;
    uint256[] internal _tracks;
    uint256 public currentTime;

    /// @dev per currency (address(0) = ETH, or MINT): what buyers paid and where it went
    mapping(address currency => uint256) public ghostPaidByBuyers;
    mapping(address currency => uint256) public ghostPaidToSellers;
    mapping(address currency => uint256) public ghostRoyalties;
    mapping(address currency => uint256) public ghostFees;
    mapping(address currency => uint256) public ghostSwept;
    /// @dev ETH proceeds credited to sellers whose push failed, and withdrawn since
    uint256 public ghostCredited;
    uint256 public ghostWithdrawn;
    uint256 public ghostSales;
    /// @dev sales whose parts did not add up to the price, or differed from the quote
    uint256 public ghostBrokenSales;

    mapping(string action => uint256) public calls;

    /// @dev balances around one sale
    struct Snapshot {
        uint256 buyer;
        uint256 seller;
        uint256 splitter;
        uint256 market;
        uint256 credited;
    }

    constructor(
        Marketplace market_,
        MusicNFT music_,
        address splitter_,
        IERC20 mintToken_,
        address sink_,
        address[] memory actors_,
        uint256[] memory tracks_
    ) {
        market = market_;
        music = music_;
        splitter = splitter_;
        mintToken = mintToken_;
        sink = sink_;
        _actors = actors_;
        _tracks = tracks_;
        currentTime = block.timestamp;
    }

    modifier action(string memory name) {
        vm.warp(currentTime);
        _;
        ++calls[name];
    }

    // ---------------------------------------------------------------- actions

    /// @dev The owner of a track lists it (or replaces its listing).
    function list(uint256 trackSeed, bool inMint, uint96 price, uint40 duration) external action("list") {
        uint256 tokenId = _track(trackSeed);
        address owner = music.ownerOf(tokenId);
        price = uint96(bound(price, 1, inMint ? 10_000 ether : 20 ether));
        duration = uint40(bound(duration, 1 hours, 30 days));
        vm.prank(owner);
        market.list(tokenId, inMint ? address(mintToken) : address(0), price, uint40(block.timestamp) + duration);
    }

    /// @dev An actor buys a listed track (live, expired or stale alike) at its price, naming a referrer or none.
    function buy(uint256 buyerSeed, uint256 trackSeed, uint256 referrerSeed) external action("buy") {
        uint256 tokenId = _listedTrack(trackSeed);
        IMarketplace.Listing memory listing = market.listingOf(tokenId);
        if (listing.seller == address(0)) return;
        address who = _actor(buyerSeed);
        if (who == listing.seller) who = _actor(buyerSeed + 1);
        address referrer = referrerSeed % 4 == 0 ? address(0) : _actor(referrerSeed);
        (uint256 quotedSeller, uint256 quotedRoyalty, uint256 quotedFee) = market.quote(tokenId, listing.price);

        Snapshot memory before = _snapshot(listing.currency, who, listing.seller);
        uint256 value = listing.currency == address(0) ? listing.price : 0;
        vm.prank(who);
        try market.buy{value: value}(tokenId, listing.price, referrer) {
            Snapshot memory later = _snapshot(listing.currency, who, listing.seller);
            _recordSale(listing, before, later, quotedSeller, quotedRoyalty, quotedFee);
        } catch {
            ++calls["buy reverted"];
        }
    }

    /// @dev An actor cancels a listing (its own, or a stale one).
    function cancel(uint256 actorSeed, uint256 trackSeed) external action("cancel") {
        uint256 tokenId = _listedTrack(trackSeed);
        vm.prank(_actor(actorSeed));
        market.cancel(tokenId);
    }

    /// @dev The owner of a track gives it to another actor, leaving any listing of it stale.
    function transferAway(uint256 trackSeed, uint256 toSeed) external action("transferAway") {
        uint256 tokenId = _track(trackSeed);
        address owner = music.ownerOf(tokenId);
        address to = _actor(toSeed);
        if (to == owner) to = _actor(toSeed + 1);
        vm.prank(owner);
        music.transferFrom(owner, to, tokenId);
    }

    function warp(uint256 seconds_) external action("warp") {
        currentTime += bound(seconds_, 0, 3 days);
    }

    function sweep(bool inMint) external action("sweep") {
        address currency = inMint ? address(mintToken) : address(0);
        uint256 owed = market.feesOwed(currency);
        if (owed == 0) return;
        market.sweepFees(currency);
        ghostSwept[currency] += owed;
    }

    function withdraw(uint256 actorSeed) external action("withdraw") {
        address who = _actor(actorSeed);
        uint256 owed = market.proceedsOwed(who);
        if (owed == 0) return;
        vm.prank(who);
        market.withdrawProceeds(sink);
        ghostWithdrawn += owed;
    }

    // ---------------------------------------------------------------- ghosts

    function _recordSale(
        IMarketplace.Listing memory listing,
        Snapshot memory before,
        Snapshot memory later,
        uint256 quotedSeller,
        uint256 quotedRoyalty,
        uint256 quotedFee
    ) private {
        address currency = listing.currency;
        uint256 paid = before.buyer - later.buyer;
        uint256 toSeller = later.seller - before.seller;
        uint256 credited = later.credited - before.credited;
        uint256 royalty = later.splitter - before.splitter;
        // what the market kept beyond the credit is the fee
        uint256 fee = later.market - before.market - credited;
        if (
            paid != listing.price ||
            toSeller + credited + royalty + fee != listing.price ||
            toSeller + credited != quotedSeller ||
            royalty != quotedRoyalty ||
            fee != quotedFee
        ) ++ghostBrokenSales;
        ++ghostSales;
        ghostPaidByBuyers[currency] += paid;
        ghostPaidToSellers[currency] += toSeller;
        ghostRoyalties[currency] += royalty;
        ghostFees[currency] += fee;
        ghostCredited += credited;
    }

    function _snapshot(address currency, address who, address seller) private view returns (Snapshot memory s) {
        s.buyer = _balance(currency, who);
        s.seller = _balance(currency, seller);
        s.splitter = _balance(currency, splitter);
        s.market = _balance(currency, address(market));
        s.credited = market.proceedsOwed(seller);
    }

    function _balance(address currency, address account) private view returns (uint256) {
        return currency == address(0) ? account.balance : mintToken.balanceOf(account);
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _track(uint256 seed) private view returns (uint256) {
        return _tracks[seed % _tracks.length];
    }

    /// @dev The first track from `seed` on that has a listing, or the seed's track if none has.
    function _listedTrack(uint256 seed) private view returns (uint256) {
        for (uint256 i; i < _tracks.length; ++i) {
            uint256 tokenId = _track(seed + i);
            if (market.listingOf(tokenId).seller != address(0)) return tokenId;
        }
        return _track(seed);
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tracks() external view returns (uint256[] memory) {
        return _tracks;
    }
}
