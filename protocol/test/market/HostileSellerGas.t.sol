// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MarketFixture} from "./MarketFixture.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";

/// @notice A hostile seller taxing the next buyer: a seller contract whose `receive` reverts, burns its gas or
/// answers with a 100 kB return bomb made whoever bought its listing pay 46,000-74,000 gas more than buying from an
/// honest seller (the push spent the 50,000-gas stipend and the 9,000 of a value call, then the credit wrote two
/// new storage slots); the sale still completed and the seller was credited. Now a seller with code is credited
/// without a push (its code never runs) into storage it opened, at its own cost, when it listed: each test buys
/// the same kind of listing (a fresh track, its first sale, everything cold) from an honest EOA and from each
/// hostile seller, and the difference must stay under 10,000 gas. MINT payments never ran a seller's code (MINT
/// has no receiver hook); they are held to the same bound.
contract HostileSellerGasTest is MarketFixture {
    uint256 internal constant MAX_EXTRA_GAS = 10_000;

    address internal honest;
    MarketHostileSeller internal hostile;

    function setUp() public override {
        super.setUp();
        honest = makeAddr("honest seller");
        vm.deal(honest, 1 ether);
        hostile = new MarketHostileSeller();
        vm.deal(address(hostile), 1 ether);
    }

    /// @dev The buyer's gas for `tokenId` from a cold state; the state is rolled back after.
    function _coldBuyGas(uint256 tokenId, address seller) internal returns (uint256 used) {
        uint256 snapshot = vm.snapshotState();
        vm.cool(address(market));
        vm.cool(address(music));
        vm.cool(address(splitter));
        vm.cool(address(token));
        vm.cool(seller);
        (uint96 price, address currency) = (market.listingOf(tokenId).price, market.listingOf(tokenId).currency);
        uint256 value = currency == address(0) ? price : 0;
        vm.prank(buyer);
        uint256 before = gasleft();
        market.buy{value: value}(tokenId, price, address(0));
        used = before - gasleft();
        assertEq(music.ownerOf(tokenId), buyer, "bought");
        vm.revertToState(snapshot);
    }

    function _assertBounded(address currency) internal {
        uint256 honestToken = _mintAndList(honest, "honest seller's track", currency, PRICE);
        uint256 honestGas = _coldBuyGas(honestToken, honest);
        MarketHostileSeller.Mode[4] memory modes = [
            MarketHostileSeller.Mode.Revert,
            MarketHostileSeller.Mode.BurnGas,
            MarketHostileSeller.Mode.ReturnBombRevert,
            MarketHostileSeller.Mode.ReturnBombSuccess
        ];
        for (uint256 i; i < modes.length; ++i) {
            uint256 tokenId = _mintAndList(address(hostile), abi.encode("hostile seller's track", i), currency, PRICE);
            hostile.setMode(modes[i]);
            uint256 hostileGas = _coldBuyGas(tokenId, address(hostile));
            emit log_named_uint("honest seller", honestGas);
            emit log_named_uint("hostile seller", hostileGas);
            assertLt(hostileGas, honestGas + MAX_EXTRA_GAS, "a hostile seller costs the buyer < 10,000 gas more");
        }
    }

    function test_buy_hostileSellerCostsAnETHBuyerLessThan10kGasMore() public {
        _assertBounded(address(0));
        // the fallback is kept: the hostile seller's proceeds are credited and withdrawn
        uint256 tokenId = _mintAndList(address(hostile), "credited", address(0), PRICE);
        hostile.setMode(MarketHostileSeller.Mode.Revert);
        _buy(buyer, tokenId, address(0));
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        assertEq(market.proceedsOwed(address(hostile)), sellerAmount, "credited");
        address sink = makeAddr("sink");
        vm.prank(address(hostile));
        market.withdrawProceeds(sink);
        assertEq(sink.balance, sellerAmount, "withdrawn");
    }

    function test_buy_hostileSellerCostsAMintBuyerLessThan10kGasMore() public {
        _assertBounded(address(token));
    }
}
