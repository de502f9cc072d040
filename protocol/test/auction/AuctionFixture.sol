// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ProtocolFixture} from "../ProtocolFixture.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {DutchAuction} from "../../contracts/auction/DutchAuction.sol";

/// @notice The protocol suite plus the DutchAuction, wired as the deploy does it: owned by the timelock, fees to the
/// treasury (the timelock), registered with the splitter as a sale recorder, and one keeper granted by the timelock.
/// Sellers are creators who minted a basic-tier track (5% royalty); the protocol fee is 2.5%.
abstract contract AuctionFixture is ProtocolFixture {
    uint96 internal constant START_PRICE = 1 ether;
    uint96 internal constant RESERVE_PRICE = 0.1 ether;
    uint32 internal constant DURATION = 1 days;
    uint256 internal constant BUYER_MINT = 1_000_000 ether;

    DutchAuction internal auction;
    address internal keeper;
    /// @dev buys; holds ETH and MINT
    address internal buyer;

    function setUp() public virtual override {
        super.setUp();
        keeper = makeAddr("keeper");
        buyer = makeAddr("buyer");
        auction = new DutchAuction(
            address(timelock),
            IERC721(address(music)),
            IRoyaltySplitter(address(splitter)),
            IERC20(address(token)),
            address(timelock),
            PROTOCOL_FEE_BPS
        );
        vm.label(address(auction), "auction");
        vm.startPrank(address(timelock));
        splitter.setSaleRecorder(address(auction), true);
        auction.setKeeper(keeper, true);
        vm.stopPrank();

        vm.deal(buyer, 100 ether);
        vm.prank(alice);
        token.transfer(buyer, BUYER_MINT);
        vm.prank(buyer);
        token.approve(address(auction), type(uint256).max);
    }

    // ---------------------------------------------------------------- helpers

    function _params(
        address currency,
        uint96 startPrice,
        uint96 reservePrice,
        uint32 duration,
        IDutchAuction.Curve curve
    ) internal pure returns (IDutchAuction.AuctionParams memory) {
        return
            IDutchAuction.AuctionParams({
                currency: currency,
                startPrice: startPrice,
                reservePrice: reservePrice,
                duration: duration,
                curve: curve
            });
    }

    /// @dev The default: ETH, 1 ETH down to 0.1 ETH over a day, linear.
    function _ethParams(IDutchAuction.Curve curve) internal pure returns (IDutchAuction.AuctionParams memory) {
        return _params(address(0), START_PRICE, RESERVE_PRICE, DURATION, curve);
    }

    /// @dev `seller` mints a track from `audio` and approves the auction for it.
    function _mintApproved(address seller, bytes memory audio) internal returns (uint256 tokenId) {
        tokenId = _mintTrack(seller, audio);
        vm.prank(seller);
        music.approve(address(auction), tokenId);
    }

    /// @dev `seller` mints a track and starts an auction of it with `params`.
    function _startAuction(
        address seller,
        bytes memory audio,
        IDutchAuction.AuctionParams memory params
    ) internal returns (uint256 tokenId) {
        tokenId = _mintApproved(seller, audio);
        vm.prank(seller);
        auction.startAuction(tokenId, params);
    }

    /// @dev The creator auctions a fresh track with the default ETH parameters on `curve`.
    function _startDefault(IDutchAuction.Curve curve) internal returns (uint256 tokenId) {
        return _startAuction(creator, "auctioned track", _ethParams(curve));
    }

    function _buyETH(address who, uint256 tokenId, uint256 value) internal returns (uint256 price) {
        vm.prank(who);
        price = auction.buy{value: value}(tokenId, type(uint256).max, address(0));
    }

    /// @dev What the seller, the splitter (royalty) and the fee pot get out of `price` for a basic-tier track.
    function _expectedSplit(uint256 price) internal pure returns (uint256 seller, uint256 royalty, uint256 fee) {
        royalty = (price * BASIC_ROYALTY_BPS) / 10_000;
        fee = (price * PROTOCOL_FEE_BPS) / 10_000;
        seller = price - royalty - fee;
    }
}
