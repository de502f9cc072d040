// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFractionVault} from "../../contracts/interfaces/IFractionVault.sol";
import {FractionsFixture} from "./FractionsFixture.sol";
import {HostileBidder} from "./mocks/HostileBidder.sol";
import {RenouncingPool} from "./mocks/RenouncingPool.sol";
import {RevertingReceiver} from "../mocks/RevertingReceiver.sol";

/// @notice Settling: after the window anyone decides the buyout, once. A winning bid takes the NFT and the collector
/// role (after the holders' last income was pulled); a failed one returns every escrow exactly, by pull. A bidder
/// that refuses ETH and NFTs can block nothing.
contract BuyoutSettleTest is FractionsFixture {
    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
    }

    // ---------------------------------------------------------------- timing and single use

    function test_settleBuyout_revertsBeforeTheEnd() public {
        _bid(bidder, RESERVE, 0);
        uint256 end = vault.buyout().end;
        vm.warp(end - 1);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultBuyoutNotEnded.selector, end));
        vault.settleBuyout();
        vm.warp(end);
        vault.settleBuyout();
    }

    function test_settleBuyout_revertsASecondTimeAfterASale() public {
        _sell(RESERVE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Sold,
                IFractionVault.State.Live
            )
        );
        vault.settleBuyout();
    }

    function test_settleBuyout_revertsASecondTimeAfterAFailure() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Open,
                IFractionVault.State.Live
            )
        );
        vault.settleBuyout();
        (uint256 eth, ) = vault.refundOf(bidder);
        assertEq(eth, RESERVE, "refunded once");
    }

    function test_settleBuyout_anyoneMaySettle() public {
        _bid(bidder, RESERVE, 0);
        vm.warp(vault.buyout().end);
        vm.prank(eve);
        vault.settleBuyout();
        assertEq(music.ownerOf(track), bidder);
    }

    // ---------------------------------------------------------------- success

    function test_settleBuyout_successGivesTheBidderTheNftAndTheRole() public {
        _bid(bidder, 20 ether, 0);
        _object(carol, 100 ether);
        vm.warp(vault.buyout().end);
        vm.expectEmit(address(vault));
        emit IFractionVault.BuyoutSucceeded(1, bidder, 20 ether, 100 ether, true);
        vault.settleBuyout();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Sold));
        assertEq(music.ownerOf(track), bidder);
        (address roleHolder, ) = splitter.rolesOf(track);
        assertEq(roleHolder, bidder, "the buyer is the track's collector now");
        assertEq(vault.proceeds(), 20 ether);
        assertEq(vault.escrowedETH(), 20 ether);
        assertEq(vault.redeemValue(1 ether), 0.02 ether);
    }

    /// @dev Income paid before the sale is the holders', not the buyer's: settlement pulls it before the role
    /// (which takes unwithdrawn income with it) moves. Income after the sale is the buyer's.
    function test_settleBuyout_theHoldersKeepTheIncomeBeforeTheSale() public {
        _bid(bidder, RESERVE, 0);
        _depositETH(track, 10 ether);
        _settle();
        assertEq(splitter.claimable(bidder, ETH, _ids(track)), 0, "nothing of the past for the buyer");
        assertEq(vault.claimable(alice, ETH), 0.3 ether);
        _depositETH(track, 10 ether);
        assertEq(splitter.claimable(bidder, ETH, _ids(track)), 1 ether, "the buyer collects from now on");
        assertEq(vault.claimable(alice, ETH), 0.3 ether, "the holders nothing more");
        assertEq(_claim(alice)[0], 0.3 ether);
    }

    /// @dev The bidder paid for the other fractions only: its own are burned, the others redeem the deposit.
    function test_settleBuyout_burnsTheBiddersFractions() public {
        _bid(collector, 20 ether, 400 ether);
        _settle();
        assertEq(vault.totalSupply(), 600 ether);
        assertEq(vault.balanceOf(address(vault)), 0);
        assertEq(vault.proceeds(), 12 ether);
        assertEq(music.ownerOf(track), collector);
    }

    /// @dev Without the role the vault sells the NFT alone; the role stays where it is.
    function test_settleBuyout_withoutTheRoleLeavesItAlone() public {
        vm.prank(address(vault));
        splitter.transferCollectorRole(track, collector); // the vault hands it back (only possible as itself)
        _bid(bidder, RESERVE, 0);
        vm.warp(vault.buyout().end);
        vm.expectEmit(address(vault));
        emit IFractionVault.BuyoutSucceeded(1, bidder, RESERVE, 0, false);
        vault.settleBuyout();
        (address roleHolder, ) = splitter.rolesOf(track);
        assertEq(roleHolder, collector);
        assertEq(music.ownerOf(track), bidder);
    }

    /// @dev If no fraction earns at settlement (all held by a renounced pool), the last income has nobody to go
    /// to in a vault that is about to be sold out: instead of waiting there forever, it goes with the role.
    function test_settleBuyout_withNoEarningFractionTheIncomeGoesWithTheRole() public {
        RenouncingPool pool = new RenouncingPool();
        pool.renounce(vault);
        _send(collector, address(pool), 400 ether);
        _send(alice, address(pool), 300 ether);
        _send(bob, address(pool), 200 ether);
        _send(carol, address(pool), 100 ether);
        _bid(bidder, RESERVE, 0);
        _depositETH(track, 10 ether);
        _settle();
        assertEq(splitter.claimable(bidder, ETH, _ids(track)), 1 ether, "the unshared income moved with the role");
        assertEq(address(vault).balance, RESERVE, "only the sale's proceeds stay in the vault");
    }

    // ---------------------------------------------------------------- failure

    /// @dev Every escrow of a failed buyout comes back exactly: the bid's ETH and fractions, every objection.
    function test_settleBuyout_failureReturnsEveryEscrowExactly() public {
        uint256 deposit = _bid(collector, 25 ether, 400 ether);
        uint256 collectorEth = collector.balance;
        _object(alice, 300 ether);
        _object(bob, 100 ether);
        vm.warp(vault.buyout().end);
        vm.expectEmit(address(vault));
        emit IFractionVault.BuyoutFailed(1, collector, 400 ether);
        vault.settleBuyout();
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open));
        assertEq(music.ownerOf(track), address(vault), "the NFT stays");
        (uint256 eth, uint256 fractions) = vault.refundOf(collector);
        assertEq(eth, deposit);
        assertEq(fractions, 400 ether);
        assertEq(vault.escrowedETH(), deposit);

        vm.expectEmit(address(vault));
        emit IFractionVault.BidWithdrawn(collector, collector, deposit, 400 ether);
        vm.prank(collector);
        vault.withdrawBid(collector);
        assertEq(collector.balance, collectorEth + deposit);
        assertEq(vault.balanceOf(collector), 400 ether);
        vm.prank(alice);
        vault.withdrawObjection();
        vm.prank(bob);
        vault.withdrawObjection();
        assertEq(vault.balanceOf(alice), 300 ether);
        assertEq(vault.balanceOf(bob), 200 ether);
        assertEq(vault.balanceOf(address(vault)), 0);
        assertEq(address(vault).balance, 0);
        assertEq(vault.escrowedETH(), 0);

        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultNoRefund.selector, collector));
        vault.withdrawBid(collector);
    }

    /// @dev A failed bidder's escrow waits for it across later buyouts; bids of the same bidder add up.
    function test_settleBuyout_refundsAddUpAcrossFailedBids() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        _bid(bidder, 2 * RESERVE, 0);
        _object(bob, 200 ether);
        vm.prank(collector);
        vault.object(1); // the collector's earlier objection comes back; only 1 unit is locked now
        _object(alice, 300 ether);
        _settle();
        (uint256 eth, ) = vault.refundOf(bidder);
        assertEq(eth, 3 * RESERVE);
        uint256 before = bidder.balance;
        vm.prank(bidder);
        vault.withdrawBid(bidder);
        assertEq(bidder.balance - before, 3 * RESERVE);
    }

    /// @dev After a failed buyout a new one can start, and win; the failed bidder still withdraws afterwards.
    function test_settleBuyout_secondBuyoutAfterAFailure() public {
        _bid(eve, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        vm.prank(collector);
        vault.withdrawObjection();
        _bid(bidder, 30 ether, 0);
        assertEq(vault.buyout().id, 2);
        _settle();
        assertEq(music.ownerOf(track), bidder);
        assertEq(vault.proceeds(), 30 ether);
        assertEq(vault.escrowedETH(), 30 ether + RESERVE, "the sale and eve's failed bid");
        uint256 before = eve.balance;
        vm.prank(eve);
        vault.withdrawBid(eve);
        assertEq(eve.balance - before, RESERVE);
        // alice's objection against buyout 1 is redeemed at the sale price
        vm.prank(alice);
        assertEq(vault.redeemObjection(alice), 9 ether);
    }

    // ---------------------------------------------------------------- hostile bidders

    /// @dev A bidder contract that reverts on ETH and on onERC721Received: settlement sends it nothing that can
    /// fail (transferFrom has no hook), so it wins the NFT and the role and cannot block the holders' redemptions.
    function test_settleBuyout_hostileBidderCannotBlockSettlement() public {
        HostileBidder hostile = new HostileBidder();
        vm.deal(address(this), RESERVE);
        hostile.bid{value: RESERVE}(vault, RESERVE, 0);
        _settle();
        assertEq(music.ownerOf(track), address(hostile));
        (address roleHolder, ) = splitter.rolesOf(track);
        assertEq(roleHolder, address(hostile));
        assertEq(_redeem(alice, 300 ether), 3 ether, "holders redeem regardless");
    }

    /// @dev The same bidder failing: its refund waits for it, and it can take it to another address; nobody else's
    /// withdrawal depends on it.
    function test_settleBuyout_hostileBidderRefundIsPulledToAnotherAddress() public {
        HostileBidder hostile = new HostileBidder();
        vm.deal(address(this), RESERVE);
        hostile.bid{value: RESERVE}(vault, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        vm.prank(alice);
        vault.withdrawObjection();
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultTransferFailed.selector, address(hostile)));
        hostile.withdrawBid(vault, address(hostile));
        address wallet = makeAddr("wallet");
        hostile.withdrawBid(vault, wallet);
        assertEq(wallet.balance, RESERVE);
    }

    /// @dev A refund sent to a reverting receiver fails that withdrawal only, and the refund stays owed.
    function test_withdrawBid_toARevertingReceiverKeepsTheRefund() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        RevertingReceiver refusing = new RevertingReceiver();
        vm.prank(bidder);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultTransferFailed.selector, address(refusing)));
        vault.withdrawBid(address(refusing));
        (uint256 eth, ) = vault.refundOf(bidder);
        assertEq(eth, RESERVE);
    }

    function test_withdrawBid_revertsToZeroOrToTheVault() public {
        _bid(bidder, RESERVE, 0);
        _object(collector, 400 ether);
        _object(alice, 300 ether);
        _settle();
        vm.startPrank(bidder);
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInvalidRecipient.selector, address(0)));
        vault.withdrawBid(address(0));
        vm.expectRevert(abi.encodeWithSelector(IFractionVault.FractionVaultInvalidRecipient.selector, address(vault)));
        vault.withdrawBid(address(vault));
        vm.stopPrank();
    }
}
