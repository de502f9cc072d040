// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {AuctionFixture} from "./AuctionFixture.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";

/// @notice startAuction: only the token's owner, with the token approved; the NFT moves into escrow; parameters
/// within bounds (duration, prices, curve, currency); the event carries everything the keeper needs.
contract StartTest is AuctionFixture {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _mintApproved(creator, "to auction");
    }

    function test_startAuction_escrowsAndRecords() public {
        IDutchAuction.AuctionParams memory params = _ethParams(IDutchAuction.Curve.Exponential);
        vm.expectEmit(address(auction));
        emit IDutchAuction.AuctionStarted(
            tokenId,
            creator,
            creator,
            address(0),
            START_PRICE,
            RESERVE_PRICE,
            uint40(block.timestamp),
            DURATION,
            IDutchAuction.Curve.Exponential
        );
        vm.prank(creator);
        auction.startAuction(tokenId, params);

        assertEq(music.ownerOf(tokenId), address(auction), "escrowed");
        IDutchAuction.Auction memory a = auction.auctionOf(tokenId);
        assertEq(a.seller, creator);
        assertEq(a.startPrice, START_PRICE);
        assertEq(a.currency, address(0));
        assertEq(a.reservePrice, RESERVE_PRICE);
        assertEq(a.startTime, block.timestamp);
        assertEq(a.duration, DURATION);
        assertEq(uint8(a.curve), uint8(IDutchAuction.Curve.Exponential));
        assertFalse(a.startedByKeeper);
        assertEq(auction.currentPrice(tokenId), START_PRICE);
    }

    function test_startAuction_inMint() public {
        vm.prank(creator);
        auction.startAuction(tokenId, _params(address(token), 500 ether, 0, 1 hours, IDutchAuction.Curve.Linear));
        assertEq(auction.auctionOf(tokenId).currency, address(token));
    }

    /// @dev An operator approval (setApprovalForAll) is as good as approving the token.
    function test_startAuction_withOperatorApproval() public {
        uint256 other = _mintTrack(creator, "operator approved");
        vm.startPrank(creator);
        music.setApprovalForAll(address(auction), true);
        auction.startAuction(other, _ethParams(IDutchAuction.Curve.Linear));
        vm.stopPrank();
        assertEq(music.ownerOf(other), address(auction));
    }

    function test_startAuction_acceptsBounds() public {
        uint256 other = _mintApproved(creator, "bounds");
        vm.startPrank(creator);
        auction.startAuction(
            tokenId,
            _params(address(0), type(uint96).max, 1, auction.MIN_DURATION(), IDutchAuction.Curve.Exponential)
        );
        auction.startAuction(
            other,
            _params(address(0), type(uint96).max, type(uint96).max, auction.MAX_DURATION(), IDutchAuction.Curve.Linear)
        );
        vm.stopPrank();
        // a flat auction: the price is the reserve from the first second
        assertEq(auction.currentPrice(other), type(uint96).max);
    }

    function testFuzz_startAuction_revertsForAnyoneButTheOwner(address caller) public {
        vm.assume(caller != creator);
        IDutchAuction.AuctionParams memory params = _ethParams(IDutchAuction.Curve.Linear);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotTokenOwner.selector, caller));
        vm.prank(caller);
        auction.startAuction(tokenId, params);
    }

    /// @dev Someone the owner approved for the token (an operator) is still not its owner.
    function test_startAuction_revertsForApprovedOperator() public {
        vm.prank(creator);
        music.setApprovalForAll(bob, true);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotTokenOwner.selector, bob));
        vm.prank(bob);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Linear));
    }

    function test_startAuction_revertsWithoutApproval() public {
        uint256 unapproved = _mintTrack(creator, "not approved");
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(auction), unapproved)
        );
        vm.prank(creator);
        auction.startAuction(unapproved, _ethParams(IDutchAuction.Curve.Linear));
    }

    function test_startAuction_revertsForUnknownToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        vm.prank(creator);
        auction.startAuction(42, _ethParams(IDutchAuction.Curve.Linear));
    }

    /// @dev While under auction the token belongs to the auction contract: nobody can start it again.
    function test_startAuction_revertsWhileUnderAuction() public {
        vm.startPrank(creator);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Linear));
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotTokenOwner.selector, creator));
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Exponential));
        vm.stopPrank();
        // nor after its end while unsettled
        skip(DURATION + 1);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotTokenOwner.selector, creator));
        vm.prank(creator);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Linear));
    }

    function testFuzz_startAuction_revertsOnDurationOutOfBounds(uint32 duration) public {
        vm.assume(duration < auction.MIN_DURATION() || duration > auction.MAX_DURATION());
        IDutchAuction.AuctionParams memory params = _params(
            address(0),
            START_PRICE,
            RESERVE_PRICE,
            duration,
            IDutchAuction.Curve.Linear
        );
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionBadDuration.selector, duration));
        vm.prank(creator);
        auction.startAuction(tokenId, params);
    }

    function test_startAuction_revertsOnZeroStartPrice() public {
        _expectBadPrices(0, 0, IDutchAuction.Curve.Linear);
    }

    function testFuzz_startAuction_revertsOnReserveAboveStart(uint96 startPrice, uint96 reservePrice, bool exp) public {
        startPrice = uint96(bound(startPrice, 1, type(uint96).max - 1));
        reservePrice = uint96(bound(reservePrice, startPrice + 1, type(uint96).max));
        _expectBadPrices(startPrice, reservePrice, exp ? IDutchAuction.Curve.Exponential : IDutchAuction.Curve.Linear);
    }

    /// @dev A geometric curve never reaches zero: the exponential curve needs a reserve. The linear one may end at 0.
    function test_startAuction_exponentialRequiresReserve() public {
        _expectBadPrices(START_PRICE, 0, IDutchAuction.Curve.Exponential);
        vm.prank(creator);
        auction.startAuction(tokenId, _params(address(0), START_PRICE, 0, DURATION, IDutchAuction.Curve.Linear));
    }

    function testFuzz_startAuction_revertsOnUnsupportedCurrency(address currency) public {
        vm.assume(currency != address(0) && currency != address(token));
        IDutchAuction.AuctionParams memory params = _ethParams(IDutchAuction.Curve.Linear);
        params.currency = currency;
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionUnsupportedCurrency.selector, currency));
        vm.prank(creator);
        auction.startAuction(tokenId, params);
    }

    /// @dev A curve value outside the enum is refused by the ABI decoder.
    function test_startAuction_revertsOnUnknownCurve() public {
        bytes memory data = abi.encodeCall(auction.startAuction, (tokenId, _ethParams(IDutchAuction.Curve.Linear)));
        // the curve is the last word of the params tuple
        data[data.length - 1] = bytes1(uint8(2));
        vm.prank(creator);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = address(auction).call(data);
        assertFalse(ok);
        assertEq(music.ownerOf(tokenId), creator);
    }

    /// @dev After a settled auction the seller can auction the token again.
    function test_startAuction_againAfterSettle() public {
        vm.prank(creator);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Linear));
        skip(DURATION + 1);
        assertTrue(auction.settle(tokenId));
        vm.startPrank(creator);
        music.approve(address(auction), tokenId);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Exponential));
        vm.stopPrank();
        assertEq(uint8(auction.auctionOf(tokenId).curve), uint8(IDutchAuction.Curve.Exponential));
        assertEq(auction.auctionOf(tokenId).startTime, block.timestamp);
    }

    function _expectBadPrices(uint96 startPrice, uint96 reservePrice, IDutchAuction.Curve curve) internal {
        IDutchAuction.AuctionParams memory params = _params(address(0), startPrice, reservePrice, DURATION, curve);
        vm.expectRevert(
            abi.encodeWithSelector(IDutchAuction.DutchAuctionBadPrices.selector, startPrice, reservePrice, curve)
        );
        vm.prank(creator);
        auction.startAuction(tokenId, params);
    }
}
