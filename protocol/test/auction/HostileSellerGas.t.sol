// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionFixture} from "./AuctionFixture.sol";
import {AuctionHostileReceiver} from "../mocks/AuctionHostileReceiver.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";

/// @notice A hostile seller taxing the next buyer, at auction (see market/HostileSellerGas.t.sol): a seller contract
/// whose `receive` reverted, burned its gas or return-bombed made the buyer pay ~46,000-74,000 gas more than buying
/// from an honest seller. Now its code never runs (credited into storage it opened when it started the auction):
/// each test buys the same kind of auction (a fresh track, its first sale, everything cold) from an honest EOA and
/// from each hostile seller, in ETH and in MINT, and the difference must stay under 10,000 gas.
contract HostileSellerGasTest is AuctionFixture {
    uint256 internal constant MAX_EXTRA_GAS = 10_000;

    address internal honest;
    AuctionHostileReceiver internal hostile;

    function setUp() public override {
        super.setUp();
        honest = makeAddr("honest seller");
        vm.deal(honest, 1 ether);
        hostile = new AuctionHostileReceiver();
        vm.deal(address(hostile), 1 ether);
    }

    /// @dev The buyer's gas for `tokenId` from a cold state; the state is rolled back after.
    function _coldBuyGas(uint256 tokenId, address seller, bool inMint) internal returns (uint256 used) {
        uint256 snapshot = vm.snapshotState();
        vm.cool(address(auction));
        vm.cool(address(music));
        vm.cool(address(splitter));
        vm.cool(address(token));
        vm.cool(seller);
        vm.prank(buyer);
        uint256 before = gasleft();
        auction.buy{value: inMint ? 0 : START_PRICE}(tokenId, type(uint256).max, address(0));
        used = before - gasleft();
        assertEq(music.ownerOf(tokenId), buyer, "bought");
        vm.revertToState(snapshot);
    }

    function _assertBounded(address currency) internal {
        IDutchAuction.AuctionParams memory params = _params(
            currency,
            START_PRICE,
            RESERVE_PRICE,
            DURATION,
            IDutchAuction.Curve.Linear
        );
        bool inMint = currency != address(0);
        uint256 honestGas = _coldBuyGas(_startAuction(honest, "honest seller's track", params), honest, inMint);
        AuctionHostileReceiver.Mode[3] memory modes = [
            AuctionHostileReceiver.Mode.Revert,
            AuctionHostileReceiver.Mode.BurnGas,
            AuctionHostileReceiver.Mode.ReturnBomb
        ];
        for (uint256 i; i < modes.length; ++i) {
            uint256 tokenId = _startAuction(address(hostile), abi.encode("hostile seller's track", i), params);
            hostile.setMode(modes[i]);
            uint256 hostileGas = _coldBuyGas(tokenId, address(hostile), inMint);
            emit log_named_uint("honest seller", honestGas);
            emit log_named_uint("hostile seller", hostileGas);
            assertLt(hostileGas, honestGas + MAX_EXTRA_GAS, "a hostile seller costs the buyer < 10,000 gas more");
        }
    }

    function test_buy_hostileSellerCostsAnETHBuyerLessThan10kGasMore() public {
        _assertBounded(address(0));
        // the fallback is kept: the hostile seller's proceeds are credited and withdrawn
        uint256 tokenId = _startAuction(address(hostile), "credited", _ethParams(IDutchAuction.Curve.Linear));
        hostile.setMode(AuctionHostileReceiver.Mode.Revert);
        uint256 price = _buyETH(buyer, tokenId, START_PRICE);
        (uint256 sellerAmount, , ) = _expectedSplit(price);
        assertEq(auction.proceedsOwed(address(hostile)), sellerAmount, "credited");
        address sink = makeAddr("sink");
        vm.prank(address(hostile));
        auction.withdrawProceeds(sink);
        assertEq(sink.balance, sellerAmount, "withdrawn");
    }

    function test_buy_hostileSellerCostsAMintBuyerLessThan10kGasMore() public {
        _assertBounded(address(token));
    }
}
