// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {AuctionFixture} from "./AuctionFixture.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";

/// @notice settle: after the end of an auction nobody bought, anyone (usually the keeper) sends the NFT back to the
/// seller and gets true; with nothing to settle (already settled, sold, canceled, never started) it returns false
/// and changes nothing, so a keeper may retry freely; before the end it reverts (a clock mistake, not "done").
contract SettleTest is AuctionFixture {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _startDefault(IDutchAuction.Curve.Exponential);
    }

    function test_settle_returnsTheNFTAfterTheEnd() public {
        skip(DURATION + 1);
        vm.expectEmit(address(auction));
        emit IDutchAuction.AuctionEnded(tokenId, creator, false);
        vm.prank(keeper);
        assertTrue(auction.settle(tokenId));
        assertEq(music.ownerOf(tokenId), creator, "back to the seller");
        assertEq(auction.auctionOf(tokenId).seller, address(0), "auction gone");
        assertEq(address(auction).balance, 0, "no money moved");
        (address collector_, ) = splitter.rolesOf(tokenId);
        assertEq(collector_, address(0), "not a sale");
    }

    function testFuzz_settle_byAnyone(address caller, uint256 late) public {
        late = bound(late, 1, 365 days);
        skip(DURATION + late);
        vm.prank(caller);
        assertTrue(auction.settle(tokenId));
        assertEq(music.ownerOf(tokenId), creator);
    }

    /// @dev Single use: the second settle returns false, emits nothing and moves nothing.
    function test_settle_twiceHasNoEffect() public {
        skip(DURATION + 1);
        assertTrue(auction.settle(tokenId));
        // the seller auctions it again: a stale second settle must not touch the new auction
        vm.startPrank(creator);
        music.approve(address(auction), tokenId);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Linear));
        vm.stopPrank();
        skip(1 hours);
        _assertNoEffect();
        assertEq(auction.auctionOf(tokenId).seller, creator, "the new auction runs");
    }

    function test_settle_twiceInARowHasNoEffect() public {
        skip(DURATION + 1);
        assertTrue(auction.settle(tokenId));
        _assertNoEffect();
        assertEq(music.ownerOf(tokenId), creator);
    }

    /// @dev Buyable up to and including its last second: settling then is too early.
    function test_settle_revertsBeforeTheEnd() public {
        uint256 endTime = block.timestamp + DURATION;
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotEnded.selector, tokenId, endTime));
        auction.settle(tokenId);
        skip(DURATION);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotEnded.selector, tokenId, endTime));
        auction.settle(tokenId);
        skip(1);
        assertTrue(auction.settle(tokenId));
    }

    function test_settle_afterASaleReturnsFalse() public {
        skip(1 hours);
        _buyETH(buyer, tokenId, START_PRICE);
        skip(DURATION);
        _assertNoEffect();
        assertEq(music.ownerOf(tokenId), buyer, "the buyer keeps it");
    }

    function test_settle_afterCancelReturnsFalse() public {
        vm.prank(creator);
        auction.cancel(tokenId);
        skip(DURATION + 1);
        _assertNoEffect();
    }

    function test_settle_neverStartedReturnsFalse() public {
        uint256 other = _mintTrack(creator, "never auctioned");
        vm.recordLogs();
        assertFalse(auction.settle(other));
        assertEq(vm.getRecordedLogs().length, 0);
        assertFalse(auction.settle(12345));
    }

    /// @dev After the end nobody can buy: the keeper settles instead, and the NFT was never sold below reserve.
    function test_settle_endedAuctionCannotBeBought() public {
        skip(DURATION + 1);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionEnded.selector, tokenId));
        vm.prank(buyer);
        auction.buy{value: START_PRICE}(tokenId, type(uint256).max, address(0));
        assertTrue(auction.settle(tokenId));
    }

    /// @dev settle returns false, logs nothing and leaves the NFT and the money where they were.
    function _assertNoEffect() internal {
        address ownerBefore = music.ownerOf(tokenId);
        uint256 balanceBefore = address(auction).balance;
        IDutchAuction.Auction memory before = auction.auctionOf(tokenId);
        vm.recordLogs();
        vm.prank(keeper);
        bool settled;
        try auction.settle(tokenId) returns (bool result) {
            settled = result;
        } catch {
            // a live auction makes settle revert: no effect either
        }
        assertFalse(settled, "settled again");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 0, "events");
        assertEq(music.ownerOf(tokenId), ownerBefore, "NFT moved");
        assertEq(address(auction).balance, balanceBefore, "ETH moved");
        assertEq(keccak256(abi.encode(auction.auctionOf(tokenId))), keccak256(abi.encode(before)), "auction changed");
    }
}
