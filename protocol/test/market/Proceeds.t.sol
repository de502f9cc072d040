// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MarketFixture} from "./MarketFixture.sol";
import {ISaleSettlement} from "../../contracts/interfaces/ISaleSettlement.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";

/// @notice A seller with code (a contract, whatever its `receive` does) is credited, never pushed: it cannot block
/// the buyer nor make the buy dearer, and withdraws later, to any address it chooses. A seller without code is paid
/// at once (Buy.t.sol).
contract ProceedsTest is MarketFixture {
    MarketHostileSeller internal seller;
    address internal sink;

    function setUp() public override {
        super.setUp();
        seller = new MarketHostileSeller();
        sink = makeAddr("sink");
        vm.deal(address(seller), 1 ether);
    }

    /// @dev The hostile seller mints a track, lists it at PRICE in ETH, then turns `mode` on.
    function _sellerListing(MarketHostileSeller.Mode mode) internal returns (uint256 tokenId) {
        tokenId = _mintAndList(address(seller), "seller's track", address(0), PRICE);
        seller.setMode(mode);
    }

    /// @dev The buy succeeds and the seller's part is credited, not paid; the fee and royalty are untouched.
    function _assertCredited(uint256 tokenId) internal {
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(PRICE);
        uint256 sellerBalance = address(seller).balance;
        vm.expectEmit(address(market));
        emit ISaleSettlement.ProceedsCredited(address(seller), sellerAmount);
        _buy(collector, tokenId, address(0));
        assertEq(music.ownerOf(tokenId), collector, "the buyer got the NFT");
        assertEq(address(seller).balance, sellerBalance, "nothing pushed");
        assertEq(market.proceedsOwed(address(seller)), sellerAmount, "credited");
        assertEq(market.totalProceedsOwed(), sellerAmount, "total credited");
        assertEq(market.feesOwed(address(0)), fee, "fees unchanged by the credit");
        assertEq(address(market).balance, sellerAmount + fee, "held: credit + fee");
        assertEq(address(splitter).balance, royalty, "royalty deposited");
    }

    function _assertWithdrawsToSink() internal {
        uint256 amount = market.proceedsOwed(address(seller));
        vm.expectEmit(address(market));
        emit ISaleSettlement.ProceedsWithdrawn(address(seller), sink, amount);
        vm.prank(address(seller));
        market.withdrawProceeds(sink);
        assertEq(sink.balance, amount);
        assertEq(market.proceedsOwed(address(seller)), 0);
        assertEq(market.totalProceedsOwed(), 0);
        (, , uint256 fee) = _expectedSplit(PRICE);
        assertEq(address(market).balance, fee, "only the fee left");
    }

    function test_proceeds_revertingSellerIsCreditedThenWithdraws() public {
        uint256 tokenId = _sellerListing(MarketHostileSeller.Mode.Revert);
        _assertCredited(tokenId);
        _assertWithdrawsToSink();
    }

    /// @dev A gas-burning seller costs the buyer exactly what a seller that simply refuses does: its code never runs.
    function test_proceeds_gasBurningSellerIsCreditedAtBoundedCost() public {
        uint256 tokenId = _sellerListing(MarketHostileSeller.Mode.Revert);
        (uint256 refused, uint256 burned) = _gasAgainstRefusal(tokenId, MarketHostileSeller.Mode.BurnGas);
        assertEq(burned, refused, "its code never runs");
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        assertEq(market.proceedsOwed(address(seller)), sellerAmount);
        _assertWithdrawsToSink();
    }

    /// @dev A 100 kB revert payload is never even built: the buy costs what it costs with a plain refusal.
    function test_proceeds_returnBombRevertingSellerIsCredited() public {
        uint256 tokenId = _sellerListing(MarketHostileSeller.Mode.Revert);
        (uint256 refused, uint256 bombed) = _gasAgainstRefusal(tokenId, MarketHostileSeller.Mode.ReturnBombRevert);
        assertEq(bombed, refused, "its code never runs");
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        assertEq(market.proceedsOwed(address(seller)), sellerAmount);
        _assertWithdrawsToSink();
    }

    /// @dev The gas of the same buy from the same (cold) state against a refusing seller and against `mode`; the
    /// state after is that of the buy against `mode`.
    function _gasAgainstRefusal(
        uint256 tokenId,
        MarketHostileSeller.Mode mode
    ) internal returns (uint256 refused, uint256 hostile) {
        uint256 snapshot = vm.snapshotState();
        refused = _coldGasOfBuy(tokenId);
        vm.revertToState(snapshot);
        seller.setMode(mode);
        hostile = _coldGasOfBuy(tokenId);
    }

    function _coldGasOfBuy(uint256 tokenId) internal returns (uint256 used) {
        vm.cool(address(market));
        vm.cool(address(music));
        vm.cool(address(splitter));
        vm.cool(address(seller));
        vm.prank(collector);
        uint256 before = gasleft();
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
        used = before - gasleft();
        assertEq(music.ownerOf(tokenId), collector);
    }

    function test_proceeds_returnBombRevertingSellerWithdraws() public {
        uint256 tokenId = _sellerListing(MarketHostileSeller.Mode.ReturnBombRevert);
        _assertCredited(tokenId);
        _assertWithdrawsToSink();
    }

    function _gasOfBuy(address who, uint256 tokenId) internal returns (uint256 used) {
        vm.prank(who);
        uint256 before = gasleft();
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
        used = before - gasleft();
        assertEq(music.ownerOf(tokenId), who);
    }

    /// @dev A seller that would answer with a huge success is credited like any seller with code.
    function test_proceeds_returnBombAcceptingSellerIsCredited() public {
        _assertCredited(_sellerListing(MarketHostileSeller.Mode.ReturnBombSuccess));
        _assertWithdrawsToSink();
    }

    /// @dev An honest contract wallet (its `receive` takes the ETH) is credited too, and withdraws whenever it likes:
    /// a sale never runs a seller's code, so no seller can tax its buyer.
    function test_proceeds_contractWalletIsCreditedThenWithdraws() public {
        _assertCredited(_sellerListing(MarketHostileSeller.Mode.Accept));
        assertEq(seller.received(), 0, "never pushed");
        _assertWithdrawsToSink();
    }

    /// @dev Credits from several sales add up, and the seller withdraws them in one go.
    function test_proceeds_accumulateAcrossSales() public {
        uint256 first = _sellerListing(MarketHostileSeller.Mode.Revert);
        uint256 second = _mintAndList(address(seller), "second track", address(0), 2 ether);
        _buy(collector, first, address(0));
        _buy(buyer, second, address(0));
        (uint256 a, , ) = _expectedSplit(PRICE);
        (uint256 b, , ) = _expectedSplit(2 ether);
        assertEq(market.proceedsOwed(address(seller)), a + b);
        vm.prank(address(seller));
        market.withdrawProceeds(sink);
        assertEq(sink.balance, a + b);
    }

    function test_withdrawProceeds_revertsWhenNothingOwed() public {
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        vm.prank(creator);
        market.withdrawProceeds(creator);
    }

    function test_withdrawProceeds_revertsTheSecondTime() public {
        _assertCredited(_sellerListing(MarketHostileSeller.Mode.Revert));
        vm.startPrank(address(seller));
        market.withdrawProceeds(sink);
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        market.withdrawProceeds(sink);
        vm.stopPrank();
    }

    /// @dev Withdrawing to an address that refuses ETH fails for the withdrawer only; the credit stays.
    function test_withdrawProceeds_toARefusingAddressKeepsTheCredit() public {
        _assertCredited(_sellerListing(MarketHostileSeller.Mode.Revert));
        uint256 owed = market.proceedsOwed(address(seller));
        vm.expectRevert(abi.encodeWithSelector(ISaleSettlement.SaleSettlementTransferFailed.selector, address(seller)));
        vm.prank(address(seller));
        market.withdrawProceeds(address(seller));
        assertEq(market.proceedsOwed(address(seller)), owed);
        assertEq(market.totalProceedsOwed(), owed);
    }

    /// @dev Nobody but the credited seller can take its proceeds.
    function test_withdrawProceeds_onlyTheCreditedSeller() public {
        _assertCredited(_sellerListing(MarketHostileSeller.Mode.Revert));
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        vm.prank(eve);
        market.withdrawProceeds(eve);
    }

    /// @dev A sweep of fees never touches credited proceeds.
    function test_sweepFees_leavesCreditedProceeds() public {
        _assertCredited(_sellerListing(MarketHostileSeller.Mode.Revert));
        (uint256 sellerAmount, , uint256 fee) = _expectedSplit(PRICE);
        uint256 treasuryBefore = address(timelock).balance;
        market.sweepFees(address(0));
        assertEq(address(timelock).balance - treasuryBefore, fee);
        assertEq(address(market).balance, sellerAmount);
        _assertWithdrawsToSinkAfterSweep(sellerAmount);
    }

    function _assertWithdrawsToSinkAfterSweep(uint256 amount) internal {
        vm.prank(address(seller));
        market.withdrawProceeds(sink);
        assertEq(sink.balance, amount);
        assertEq(address(market).balance, 0);
    }
}
