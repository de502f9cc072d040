// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MarketFixture} from "../MarketFixture.sol";
import {MarketHandler} from "./MarketHandler.sol";
import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {MarketHostileSeller} from "../../mocks/MarketHostileSeller.sol";

/// @notice The Marketplace under random sequences of listings, buys, cancels, transfers of listed tokens, time,
/// sweeps and withdrawals: it never holds an NFT, holds exactly the credited proceeds plus the fees, every sale
/// divides to the wei, and no value appears or disappears between buyers, sellers, the splitter, the market and
/// the treasury.
contract MarketInvariantTest is MarketFixture {
    MarketHandler internal handler;
    address[] internal actors;
    uint256[] internal tracks;
    address internal sink;
    uint256 internal treasuryETHAtStart;
    uint256 internal treasuryMintAtStart;

    function setUp() public override {
        super.setUp();
        sink = makeAddr("sink");
        MarketHostileSeller refusing = new MarketHostileSeller();
        refusing.setMode(MarketHostileSeller.Mode.Revert);
        MarketHostileSeller burning = new MarketHostileSeller();
        burning.setMode(MarketHostileSeller.Mode.BurnGas);
        actors = [creator, collector, buyer, address(refusing), address(burning)];

        for (uint256 i; i < actors.length; ++i) {
            vm.deal(actors[i], 1_000_000 ether);
            if (actors[i] != collector && actors[i] != buyer) _fundMint(actors[i], BUYER_MINT);
            vm.prank(actors[i]);
            music.setApprovalForAll(address(market), true);
        }
        // six tracks, spread over the actors
        for (uint256 i; i < 6; ++i) {
            uint256 tokenId = _mintTrack(creator, abi.encode("invariant track", i));
            address owner = actors[i % actors.length];
            if (owner != creator) {
                vm.prank(creator);
                music.transferFrom(creator, owner, tokenId);
            }
            tracks.push(tokenId);
        }
        treasuryETHAtStart = address(timelock).balance;
        treasuryMintAtStart = token.balanceOf(address(timelock));

        handler = new MarketHandler(market, music, address(splitter), token, sink, actors, tracks);
        targetContract(address(handler));
        // the actions only: the handler's ghost views are not actions
        bytes4[] memory actions = new bytes4[](7);
        actions[0] = MarketHandler.list.selector;
        actions[1] = MarketHandler.buy.selector;
        actions[2] = MarketHandler.cancel.selector;
        actions[3] = MarketHandler.transferAway.selector;
        actions[4] = MarketHandler.warp.selector;
        actions[5] = MarketHandler.sweep.selector;
        actions[6] = MarketHandler.withdraw.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_marketHoldsNoNFTs() public view {
        assertEq(music.balanceOf(address(market)), 0);
    }

    /// @dev ETH: the market holds exactly the credited proceeds plus the fees, as the ghosts count them.
    function invariant_ethHeldIsCreditsPlusFees() public view {
        uint256 credits = handler.ghostCredited() - handler.ghostWithdrawn();
        uint256 fees = handler.ghostFees(address(0)) - handler.ghostSwept(address(0));
        assertEq(address(market).balance, credits + fees, "balance vs ghosts");
        assertEq(market.totalProceedsOwed(), credits, "total credited");
        assertEq(market.feesOwed(address(0)), fees, "ETH fees owed");
    }

    function invariant_mintHeldIsFees() public view {
        uint256 fees = handler.ghostFees(address(token)) - handler.ghostSwept(address(token));
        assertEq(token.balanceOf(address(market)), fees);
        assertEq(market.feesOwed(address(token)), fees);
    }

    function invariant_creditsSumToTheTotal() public view {
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) sum += market.proceedsOwed(actors[i]);
        assertEq(sum, market.totalProceedsOwed());
        // only the hostile actors are ever credited
        assertEq(market.proceedsOwed(creator) + market.proceedsOwed(collector) + market.proceedsOwed(buyer), 0);
    }

    /// @dev seller + royalty + fee == price, and == the quote, for every sale.
    function invariant_everySaleDividesToTheWei() public view {
        assertEq(handler.ghostBrokenSales(), 0);
    }

    /// @dev What buyers paid == what sellers received + credits + the splitter's royalties + fees, per currency.
    function invariant_valueConserved() public view {
        address[2] memory currencies = [address(0), address(token)];
        for (uint256 i; i < 2; ++i) {
            address c = currencies[i];
            uint256 out = handler.ghostPaidToSellers(c) + handler.ghostRoyalties(c) + handler.ghostFees(c);
            if (c == address(0)) out += handler.ghostCredited();
            assertEq(handler.ghostPaidByBuyers(c), out, "paid vs distributed");
        }
        assertEq(sink.balance, handler.ghostWithdrawn(), "withdrawals arrived");
        assertEq(address(timelock).balance - treasuryETHAtStart, handler.ghostSwept(address(0)), "ETH sweeps");
        assertEq(token.balanceOf(address(timelock)) - treasuryMintAtStart, handler.ghostSwept(address(token)), "MINT");
    }

    /// @dev Every royalty reached the splitter and its books: its pots and platform share add up to what it holds.
    function invariant_splitterBooksEveryRoyalty() public view {
        address[2] memory currencies = [address(0), address(token)];
        for (uint256 i; i < 2; ++i) {
            address c = currencies[i];
            uint256 held = c == address(0) ? address(splitter).balance : token.balanceOf(address(splitter));
            assertEq(held, handler.ghostRoyalties(c), "splitter holds the royalties");
            uint256 booked = splitter.platformOwed(c);
            for (uint256 t; t < tracks.length; ++t) {
                (uint256 creators, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(tracks[t], c);
                booked += creators + curatorPot + collectorPot;
            }
            assertEq(booked, held, "pots + platform == royalties");
        }
    }

    function invariant_listingsAreWellFormed() public view {
        for (uint256 t; t < tracks.length; ++t) {
            IMarketplace.Listing memory listing = market.listingOf(tracks[t]);
            if (listing.seller == address(0)) {
                assertEq(listing.price, 0);
                assertEq(listing.expiresAt, 0);
            } else {
                assertGt(listing.price, 0);
                assertGt(listing.expiresAt, 0);
                assertTrue(listing.currency == address(0) || listing.currency == address(token));
            }
        }
    }
}
