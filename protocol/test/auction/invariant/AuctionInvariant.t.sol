// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionFixture} from "../AuctionFixture.sol";
import {AuctionHandler} from "./AuctionHandler.sol";
import {AuctionHostileReceiver} from "../../mocks/AuctionHostileReceiver.sol";

/// @notice The DutchAuction under random sequences of starts (seller and keeper), buys (ETH and MINT, both curves),
/// settles, cancels, transfers, withdrawals, sweeps and time, over four tracks and five actors (one a contract that
/// refuses ETH): it holds exactly the NFTs of its unsettled auctions, never sells outside [reserve, start] nor
/// after the end, ends each auction at most once (sold xor returned), lets the keeper act only within the seller's
/// authorisation, and holds exactly the credited proceeds plus the fees of its sales, in both currencies.
contract AuctionInvariantTest is AuctionFixture {
    AuctionHandler internal handler;
    address[] internal actors;
    uint256[] internal tokens;

    function setUp() public override {
        super.setUp();
        AuctionHostileReceiver refuser = new AuctionHostileReceiver();
        refuser.setMode(AuctionHostileReceiver.Mode.Revert);
        actors = [creator, coAuthor, collector, buyer, address(refuser)];
        for (uint256 i; i < 4; ++i) {
            uint256 tokenId = _mintTrack(creator, abi.encode("invariant track", i));
            address holder = actors[i + 1];
            vm.prank(creator);
            music.transferFrom(creator, holder, tokenId);
            tokens.push(tokenId);
        }
        for (uint256 i; i < actors.length; ++i) {
            vm.deal(actors[i], 100_000 ether);
            vm.prank(alice);
            token.transfer(actors[i], 100_000 ether);
            vm.startPrank(actors[i]);
            music.setApprovalForAll(address(auction), true);
            token.approve(address(auction), type(uint256).max);
            vm.stopPrank();
        }
        handler = new AuctionHandler(auction, keeper, address(refuser), actors, tokens);
        targetContract(address(handler));
    }

    /// @dev Escrow: the auction owns a track iff it has a live or unsettled auction of it, the one the handler
    /// started, for the seller it started it for.
    function invariant_holdsExactlyTheNFTsOfUnsettledAuctions() public view {
        uint256 escrowed;
        for (uint256 i; i < tokens.length; ++i) {
            uint256 tokenId = tokens[i];
            bool held = music.ownerOf(tokenId) == address(auction);
            bool recorded = auction.auctionOf(tokenId).seller != address(0);
            bool ghostLive = handler.liveAuctionOf(tokenId) != 0;
            assertEq(held, recorded, "escrow vs record");
            assertEq(recorded, ghostLive, "record vs ghost");
            assertEq(auction.auctionOf(tokenId).seller, handler.ghostSellerOf(tokenId), "seller");
            if (held) ++escrowed;
        }
        assertEq(music.balanceOf(address(auction)), escrowed, "no other NFT");
        assertEq(escrowed, handler.live(), "live count");
    }

    function invariant_neverSoldBelowReserveNorAfterTheEnd() public view {
        assertFalse(handler.soldOutsideRange(), "sold outside [reserve, start] or not at the quoted price");
        assertFalse(handler.soldAfterEnd(), "sold after the end");
    }

    /// @dev Single use: every auction started is live, sold or returned, and none ended twice; settle never acts
    /// on what is not there, nor early.
    function invariant_eachAuctionEndsAtMostOnce() public view {
        assertFalse(handler.endedTwice(), "ended twice");
        assertFalse(handler.settledWhatWasNotThere(), "settle out of step with the auctions");
        assertFalse(handler.settledEarly(), "settled early");
        assertEq(handler.started(), handler.sold() + handler.returned() + handler.live(), "started = ended + live");
    }

    function invariant_keeperStaysWithinTheSellersAuthorisation() public view {
        assertFalse(handler.keeperBypassedTheSeller(), "keeper started without a valid authorisation");
    }

    /// @dev Solvency: its ETH is exactly the credited proceeds plus the fees of its ETH sales not yet swept; its
    /// MINT the fees of its MINT sales not yet swept. Nothing else stays behind (refunds, royalties, seller shares).
    function invariant_holdsExactlyProceedsAndFees() public view {
        uint256 credited;
        for (uint256 i; i < actors.length; ++i) credited += auction.proceedsOwed(actors[i]);
        assertEq(auction.totalProceedsOwed(), credited, "total credited");
        assertEq(address(auction).balance, credited + handler.ghostFeesETH(), "ETH");
        assertEq(token.balanceOf(address(auction)), handler.ghostFeesMint(), "MINT");
        assertEq(auction.feesOwed(address(0)), handler.ghostFeesETH(), "ETH fees");
        assertEq(auction.feesOwed(address(token)), handler.ghostFeesMint(), "MINT fees");
    }
}
