// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IDutchAuction} from "../../../contracts/interfaces/IDutchAuction.sol";
import {DutchAuction} from "../../../contracts/auction/DutchAuction.sol";

/// @notice Drives the DutchAuction with random starts (by sellers and by the keeper on their authorisation), buys in
/// ETH and MINT (with excess ETH, with referrers), settles, cancels, NFT transfers between actors, proceeds
/// withdrawals, fee sweeps and the passing of time, over a few tracks and actors (one of them a contract whose ETH
/// receive always reverts, so its proceeds are credited). It keeps ghost records of every auction it started and
/// raises a flag whenever the auction does something it must never do.
// a handler is its ghost state: one variable per record and flag reads best
// solhint-disable-next-line max-states-count
contract AuctionHandler is CommonBase, StdCheats, StdUtils {
    struct GhostAuction {
        address seller;
        uint96 startPrice;
        uint96 reservePrice;
        uint256 endTime;
        bool inMint;
    }

    DutchAuction public immutable auction;
    IERC721 public immutable music;
    IERC20 public immutable mintToken;
    address public immutable keeper;
    /// @dev the actor whose receive reverts: it buys with the exact price only (a refund to it would fail its buy)
    address public immutable hostile;
    address internal immutable _payout;
    address[] internal _actors;
    uint256[] internal _tokens;
    /// @dev the handler keeps time itself so it persists from one call to the next
    uint256 public currentTime;

    // ---------------------------------------------------------------- ghosts

    /// @dev auction ids start at 1; 0 = no live auction
    mapping(uint256 tokenId => uint256 auctionId) public liveAuctionOf;
    mapping(uint256 auctionId => GhostAuction) internal _ghost;
    mapping(uint256 auctionId => uint256) public endings;
    uint256 public started;
    uint256 public sold;
    uint256 public returned;
    uint256 public live;
    /// @dev fees of the sales so far minus what was swept, per currency
    uint256 public ghostFeesETH;
    uint256 public ghostFeesMint;

    bool public soldOutsideRange;
    bool public soldAfterEnd;
    bool public endedTwice;
    bool public settledWhatWasNotThere;
    bool public settledEarly;
    bool public keeperBypassedTheSeller;

    mapping(string action => uint256) public calls;

    constructor(
        DutchAuction auction_,
        address keeper_,
        address hostile_,
        address[] memory actors_,
        uint256[] memory tokens_
    ) {
        auction = auction_;
        music = auction_.musicNFT();
        mintToken = auction_.mintToken();
        keeper = keeper_;
        hostile = hostile_;
        _actors = actors_;
        _tokens = tokens_;
        _payout = makeAddr("payout");
        currentTime = block.timestamp;
    }

    modifier action(string memory name) {
        vm.warp(currentTime);
        _;
        ++calls[name];
    }

    // ---------------------------------------------------------------- starting

    function start(
        uint256 tokenSeed,
        uint96 startPrice,
        uint96 reservePrice,
        uint32 duration,
        bool exponential,
        bool inMint
    ) external action("start") {
        uint256 tokenId = _token(tokenSeed);
        address owner = music.ownerOf(tokenId);
        if (owner == address(auction)) return;
        IDutchAuction.AuctionParams memory params = _boundParams(
            startPrice,
            reservePrice,
            duration,
            exponential,
            inMint
        );
        vm.prank(owner);
        auction.startAuction(tokenId, params);
        _recordStart(tokenId, owner, params);
    }

    /// @dev The owner authorises the keeper with a floor; the keeper starts at or above it.
    function startByKeeper(
        uint256 tokenSeed,
        uint96 minReserve,
        uint96 startPrice,
        uint96 reservePrice,
        uint32 duration,
        bool exponential,
        bool inMint
    ) external action("startByKeeper") {
        uint256 tokenId = _token(tokenSeed);
        address owner = music.ownerOf(tokenId);
        if (owner == address(auction)) return;
        IDutchAuction.AuctionParams memory params = _boundParams(
            startPrice,
            reservePrice,
            duration,
            exponential,
            inMint
        );
        minReserve = uint96(bound(minReserve, 0, params.reservePrice));
        vm.prank(owner);
        auction.authorizeKeeper(tokenId, params.currency, minReserve, true);
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
        _recordStart(tokenId, owner, params);
    }

    /// @dev The keeper tries what it must not: below the owner's floor, or after the token changed hands.
    function keeperOverreaches(
        uint256 tokenSeed,
        uint256 toSeed,
        uint96 minReserve,
        bool changeHands
    ) external action("keeperOverreaches") {
        uint256 tokenId = _token(tokenSeed);
        address owner = music.ownerOf(tokenId);
        if (owner == address(auction)) return;
        address to = _actor(toSeed);
        minReserve = uint96(bound(minReserve, 1, 100 ether));
        vm.prank(owner);
        auction.authorizeKeeper(tokenId, address(0), minReserve, true);
        IDutchAuction.AuctionParams memory params = IDutchAuction.AuctionParams({
            currency: address(0),
            startPrice: 200 ether,
            reservePrice: minReserve,
            duration: 1 hours,
            curve: IDutchAuction.Curve.Linear
        });
        if (changeHands && to != owner) {
            vm.prank(owner);
            music.transferFrom(owner, to, tokenId);
        } else {
            params.reservePrice = minReserve - 1;
        }
        vm.prank(keeper);
        try auction.startAuctionFor(tokenId, params) {
            keeperBypassedTheSeller = true;
            _recordStart(tokenId, music.ownerOf(tokenId), params);
        } catch {}
    }

    // ---------------------------------------------------------------- buying

    function buy(uint256 tokenSeed, uint256 buyerSeed, uint256 referrerSeed, uint256 excess) external action("buy") {
        uint256 tokenId = _token(tokenSeed);
        uint256 id = liveAuctionOf[tokenId];
        if (id == 0) return;
        GhostAuction memory ghost = _ghost[id];
        address buyer = _actor(buyerSeed);
        address referrer = referrerSeed % 3 == 0 ? address(0) : _actor(referrerSeed / 3);
        excess = buyer == hostile || ghost.inMint ? 0 : bound(excess, 0, 10 ether);

        if (block.timestamp > ghost.endTime) {
            vm.prank(buyer);
            try auction.buy{value: ghost.inMint ? 0 : ghost.startPrice}(tokenId, type(uint256).max, referrer) {
                soldAfterEnd = true;
                _end(tokenId, id);
                ++sold;
            } catch {}
            return;
        }
        uint256 price = auction.currentPrice(tokenId);
        (, , uint256 fee) = auction.quote(tokenId, price);
        vm.prank(buyer);
        uint256 paid = auction.buy{value: ghost.inMint ? 0 : price + excess}(tokenId, price, referrer);

        if (paid != price || paid < ghost.reservePrice || paid > ghost.startPrice) soldOutsideRange = true;
        if (ghost.inMint) ghostFeesMint += fee;
        else ghostFeesETH += fee;
        _end(tokenId, id);
        ++sold;
    }

    // ---------------------------------------------------------------- ending

    function settle(uint256 tokenSeed, uint256 callerSeed) external action("settle") {
        uint256 tokenId = _token(tokenSeed);
        uint256 id = liveAuctionOf[tokenId];
        vm.prank(_actor(callerSeed));
        try auction.settle(tokenId) returns (bool settled) {
            if (!settled) {
                if (id != 0) settledWhatWasNotThere = true; // a live or ended auction was ignored
                return;
            }
            if (id == 0) {
                settledWhatWasNotThere = true;
                return;
            }
            if (block.timestamp <= _ghost[id].endTime) settledEarly = true;
            if (music.ownerOf(tokenId) != _ghost[id].seller) settledWhatWasNotThere = true;
            _end(tokenId, id);
            ++returned;
        } catch {
            // only a live auction makes settle revert
            if (id == 0 || block.timestamp > _ghost[id].endTime) settledWhatWasNotThere = true;
        }
    }

    function cancel(uint256 tokenSeed) external action("cancel") {
        uint256 tokenId = _token(tokenSeed);
        uint256 id = liveAuctionOf[tokenId];
        if (id == 0) return;
        vm.prank(_ghost[id].seller);
        auction.cancel(tokenId);
        _end(tokenId, id);
        ++returned;
    }

    // ---------------------------------------------------------------- everything else

    function transferNFT(uint256 tokenSeed, uint256 toSeed) external action("transferNFT") {
        uint256 tokenId = _token(tokenSeed);
        address owner = music.ownerOf(tokenId);
        if (owner == address(auction)) return;
        vm.prank(owner);
        music.transferFrom(owner, _actor(toSeed), tokenId);
    }

    function withdrawProceeds(uint256 actorSeed) external action("withdrawProceeds") {
        address actor = _actor(actorSeed);
        if (auction.proceedsOwed(actor) == 0) return;
        vm.prank(actor);
        auction.withdrawProceeds(_payout);
    }

    function sweepFees(bool inMint) external action("sweepFees") {
        address currency = inMint ? address(mintToken) : address(0);
        uint256 amount = auction.feesOwed(currency);
        if (amount == 0) return;
        auction.sweepFees(currency);
        if (inMint) ghostFeesMint -= amount;
        else ghostFeesETH -= amount;
    }

    function warp(uint256 seconds_) external action("warp") {
        currentTime += bound(seconds_, 1, 2 days);
        vm.warp(currentTime);
    }

    // ---------------------------------------------------------------- views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    function ghostSellerOf(uint256 tokenId) external view returns (address) {
        return _ghost[liveAuctionOf[tokenId]].seller;
    }

    // ---------------------------------------------------------------- internals

    function _recordStart(uint256 tokenId, address seller, IDutchAuction.AuctionParams memory params) internal {
        uint256 id = ++started;
        liveAuctionOf[tokenId] = id;
        _ghost[id] = GhostAuction({
            seller: seller,
            startPrice: params.startPrice,
            reservePrice: params.reservePrice,
            endTime: block.timestamp + params.duration,
            inMint: params.currency != address(0)
        });
        ++live;
    }

    function _end(uint256 tokenId, uint256 id) internal {
        if (++endings[id] > 1) endedTwice = true;
        liveAuctionOf[tokenId] = 0;
        --live;
    }

    /// @dev Prices up to 100 (ETH or MINT), a reserve the curve accepts, a duration within the auction's bounds.
    function _boundParams(
        uint96 startPrice,
        uint96 reservePrice,
        uint32 duration,
        bool exponential,
        bool inMint
    ) internal view returns (IDutchAuction.AuctionParams memory params) {
        params.startPrice = uint96(bound(startPrice, 1, 100 ether));
        params.reservePrice = uint96(bound(reservePrice, exponential ? 1 : 0, params.startPrice));
        params.duration = uint32(bound(duration, auction.MIN_DURATION(), 3 days));
        params.curve = exponential ? IDutchAuction.Curve.Exponential : IDutchAuction.Curve.Linear;
        params.currency = inMint ? address(mintToken) : address(0);
    }

    function _token(uint256 seed) internal view returns (uint256) {
        return _tokens[seed % _tokens.length];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }
}
