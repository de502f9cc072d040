// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ProtocolFixture} from "../ProtocolFixture.sol";
import {IMarketplace} from "../../contracts/interfaces/IMarketplace.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {Marketplace} from "../../contracts/market/Marketplace.sol";

/// @notice The protocol suite plus the Marketplace, wired as the deploy does it: owned by the timelock, fees to the
/// treasury (the timelock), registered with the splitter as a sale recorder. Sellers are creators who minted a
/// basic-tier track (5% royalty); the protocol fee is 2.5%; the split is 70/15/10/5 with a 30% curator resale part.
///
/// Actors: `creator` mints and sells first; `collector` buys first (then resells); `curator` is the referrer of the
/// first sale; `buyer` buys resales. `collector` and `buyer` hold ETH and MINT and approved the market for MINT.
abstract contract MarketFixture is ProtocolFixture {
    uint96 internal constant PRICE = 1 ether;
    uint40 internal constant LISTING_DURATION = 7 days;
    uint256 internal constant BUYER_MINT = 1_000_000 ether;
    uint16 internal constant BPS = 10_000;

    Marketplace internal market;
    address internal buyer;

    function setUp() public virtual override {
        super.setUp();
        buyer = makeAddr("buyer");
        market = new Marketplace(
            address(timelock),
            IERC721(address(music)),
            IRoyaltySplitter(address(splitter)),
            IERC20(address(token)),
            address(timelock),
            PROTOCOL_FEE_BPS
        );
        vm.label(address(market), "market");
        vm.label(address(splitter), "splitter");
        vm.label(address(music), "music");
        vm.prank(address(timelock));
        splitter.setSaleRecorder(address(market), true);

        vm.deal(buyer, 100 ether);
        _fundMint(collector, BUYER_MINT);
        _fundMint(buyer, BUYER_MINT);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev `who` receives `amount` MINT from alice and approves the market for all of it.
    function _fundMint(address who, uint256 amount) internal {
        vm.prank(alice);
        token.transfer(who, amount);
        vm.prank(who);
        token.approve(address(market), type(uint256).max);
    }

    /// @dev `seller` mints a track from `audio` and makes the market its operator.
    function _mintApproved(address seller, bytes memory audio) internal returns (uint256 tokenId) {
        tokenId = _mintTrack(seller, audio);
        vm.prank(seller);
        music.setApprovalForAll(address(market), true);
    }

    /// @dev `seller` lists `tokenId` at `price` of `currency` for LISTING_DURATION.
    function _list(address seller, uint256 tokenId, address currency, uint96 price) internal {
        vm.prank(seller);
        market.list(tokenId, currency, price, _expiry());
    }

    /// @dev `seller` mints `audio`, approves the market and lists it.
    function _mintAndList(
        address seller,
        bytes memory audio,
        address currency,
        uint96 price
    ) internal returns (uint256 tokenId) {
        tokenId = _mintApproved(seller, audio);
        _list(seller, tokenId, currency, price);
    }

    /// @dev The default first listing: the creator's track at PRICE in ETH.
    function _listDefault() internal returns (uint256 tokenId) {
        return _mintAndList(creator, "listed track", address(0), PRICE);
    }

    /// @dev `who` buys `tokenId` at its listed price (ETH sent for an ETH listing).
    function _buy(address who, uint256 tokenId, address referrer) internal {
        IMarketplace.Listing memory listing = market.listingOf(tokenId);
        uint256 value = listing.currency == address(0) ? listing.price : 0;
        vm.prank(who);
        market.buy{value: value}(tokenId, listing.price, referrer);
    }

    /// @dev A first sale (creator -> collector, referred by `curator`) then the collector's resale listing at
    /// `resalePrice` of `currency` (the collector made the market its operator).
    function _firstSaleThenRelist(address currency, uint96 resalePrice) internal returns (uint256 tokenId) {
        tokenId = _listDefault();
        _buy(collector, tokenId, curator);
        vm.prank(collector);
        music.setApprovalForAll(address(market), true);
        _list(collector, tokenId, currency, resalePrice);
    }

    function _expiry() internal view returns (uint40) {
        return uint40(block.timestamp + LISTING_DURATION);
    }

    /// @dev What the seller, the splitter (royalty) and the fees get out of `price` for a basic-tier track at the
    /// market's current fee.
    function _expectedSplit(uint256 price) internal view returns (uint256 seller, uint256 royalty, uint256 fee) {
        royalty = (price * BASIC_ROYALTY_BPS) / BPS;
        fee = (price * market.protocolFeeBps()) / BPS;
        seller = price - royalty - fee;
    }

    /// @dev How the splitter divides a deposit of `amount` (resale: the curator's 30% first), every role assigned:
    /// (creators, curator, collector, platform).
    function _expectedPots(
        uint256 amount,
        bool resale
    ) internal pure returns (uint256 creators, uint256 curatorPot, uint256 collectorPot, uint256 platform) {
        uint256 curatorPart = resale ? (amount * CURATOR_RESALE_BPS) / BPS : 0;
        uint256 rest = amount - curatorPart;
        platform = (rest * 500) / BPS;
        curatorPot = (rest * 1_500) / BPS;
        collectorPot = (rest * 1_000) / BPS;
        creators = rest - platform - curatorPot - collectorPot;
        curatorPot += curatorPart;
    }
}
