// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {AuctionFixture} from "./AuctionFixture.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";

/// @notice The keeper path: governance grants the keeper role; an owner authorises keeper auctions of one token in
/// one currency with a minimum reserve; the keeper starts one auction for that owner, never below the floor, never
/// for a token that changed hands, never twice on one authorisation.
contract StartByKeeperTest is AuctionFixture {
    uint96 internal constant FLOOR = 0.2 ether;
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _mintApproved(creator, "keeper auctioned");
    }

    // ---------------------------------------------------------------- the role

    function test_setKeeper_byOwner() public {
        address other = makeAddr("other keeper");
        vm.expectEmit(address(auction));
        emit IDutchAuction.KeeperSet(other, true);
        vm.prank(address(timelock));
        auction.setKeeper(other, true);
        assertTrue(auction.isKeeper(other));
        vm.prank(address(timelock));
        auction.setKeeper(other, false);
        assertFalse(auction.isKeeper(other));
    }

    function testFuzz_setKeeper_revertsForAnyoneButTheOwner(address caller) public {
        vm.assume(caller != address(timelock));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
        vm.prank(caller);
        auction.setKeeper(caller, true);
    }

    // ---------------------------------------------------------------- authorising

    function test_authorizeKeeper_recordsAndEmits() public {
        vm.expectEmit(address(auction));
        emit IDutchAuction.KeeperAuthorized(tokenId, creator, address(0), FLOOR, true);
        _authorize(address(0), FLOOR);
        IDutchAuction.KeeperAuthorization memory authorization = auction.keeperAuthorizationOf(tokenId);
        assertEq(authorization.seller, creator);
        assertEq(authorization.minReserve, FLOOR);
        assertEq(authorization.currency, address(0));
    }

    function test_authorizeKeeper_withdrawn() public {
        _authorize(address(0), FLOOR);
        vm.expectEmit(address(auction));
        emit IDutchAuction.KeeperAuthorized(tokenId, creator, address(0), 0, false);
        vm.prank(creator);
        auction.authorizeKeeper(tokenId, address(0), 0, false);
        assertEq(auction.keeperAuthorizationOf(tokenId).seller, address(0));
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    function testFuzz_authorizeKeeper_revertsForAnyoneButTheOwner(address caller) public {
        vm.assume(caller != creator);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotTokenOwner.selector, caller));
        vm.prank(caller);
        auction.authorizeKeeper(tokenId, address(0), 0, true);
    }

    function test_authorizeKeeper_revertsOnUnsupportedCurrency() public {
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionUnsupportedCurrency.selector, bob));
        vm.prank(creator);
        auction.authorizeKeeper(tokenId, bob, FLOOR, true);
    }

    // ---------------------------------------------------------------- starting

    function test_startAuctionFor_startsForTheSeller() public {
        _authorize(address(0), FLOOR);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectEmit(address(auction));
        emit IDutchAuction.AuctionStarted(
            tokenId,
            creator,
            keeper,
            address(0),
            params.startPrice,
            FLOOR,
            uint40(block.timestamp),
            params.duration,
            params.curve
        );
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);

        assertEq(music.ownerOf(tokenId), address(auction));
        IDutchAuction.Auction memory a = auction.auctionOf(tokenId);
        assertEq(a.seller, creator, "the owner sells, not the keeper");
        assertTrue(a.startedByKeeper);
        assertEq(auction.keeperAuthorizationOf(tokenId).seller, address(0), "authorisation consumed");
    }

    /// @dev The proceeds of a keeper auction go to the seller, never to the keeper.
    function test_startAuctionFor_sellerIsPaid() public {
        _authorize(address(0), FLOOR);
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, _keeperParams(FLOOR));
        uint256 sellerBefore = creator.balance;
        uint256 keeperBefore = keeper.balance;
        uint256 price = _buyETH(buyer, tokenId, 10 ether);
        (uint256 sellerAmount, , ) = _expectedSplit(price);
        assertEq(creator.balance, sellerBefore + sellerAmount);
        assertEq(keeper.balance, keeperBefore);
    }

    function testFuzz_startAuctionFor_revertsBelowTheFloor(uint96 reservePrice) public {
        reservePrice = uint96(bound(reservePrice, 0, FLOOR - 1));
        _authorize(address(0), FLOOR);
        IDutchAuction.AuctionParams memory params = _keeperParams(reservePrice);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    function testFuzz_startAuctionFor_acceptsAnyReserveFromTheFloor(uint96 reservePrice) public {
        reservePrice = uint96(bound(reservePrice, FLOOR, 2 ether));
        _authorize(address(0), FLOOR);
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, _keeperParams(reservePrice));
        assertEq(auction.auctionOf(tokenId).reservePrice, reservePrice);
    }

    function test_startAuctionFor_revertsInAnotherCurrency() public {
        _authorize(address(0), FLOOR);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        params.currency = address(token);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    function test_startAuctionFor_inMint() public {
        _authorize(address(token), 100 ether);
        IDutchAuction.AuctionParams memory params = _params(
            address(token),
            1_000 ether,
            100 ether,
            DURATION,
            IDutchAuction.Curve.Exponential
        );
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
        assertEq(auction.auctionOf(tokenId).currency, address(token));
    }

    function test_startAuctionFor_revertsWithoutAuthorisation() public {
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    function testFuzz_startAuctionFor_revertsForNonKeepers(address caller) public {
        vm.assume(caller != keeper);
        _authorize(address(0), FLOOR);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotKeeper.selector, caller));
        vm.prank(caller);
        auction.startAuctionFor(tokenId, params);
    }

    function test_startAuctionFor_revertsOnceTheRoleIsRevoked() public {
        _authorize(address(0), FLOOR);
        vm.prank(address(timelock));
        auction.setKeeper(keeper, false);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotKeeper.selector, keeper));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    /// @dev Attack: the owner authorised the keeper, then sold or gave the token away. The new owner approved the
    /// auction contract (say, to list it themselves): the keeper must not auction it on the old owner's permission.
    function test_startAuctionFor_revertsAfterTheTokenChangedHands() public {
        _authorize(address(0), FLOOR);
        vm.prank(creator);
        music.transferFrom(creator, bob, tokenId);
        vm.prank(bob);
        music.approve(address(auction), tokenId);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    /// @dev The same after the token sold through this very contract: the buyer owns it now.
    function test_startAuctionFor_revertsAfterTheTokenSold() public {
        _authorize(address(0), FLOOR);
        vm.prank(creator);
        auction.startAuction(tokenId, _ethParams(IDutchAuction.Curve.Linear));
        _buyETH(buyer, tokenId, START_PRICE);
        vm.prank(buyer);
        music.approve(address(auction), tokenId);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    /// @dev Documented behaviour: the permission belongs to the owner who gave it, so it applies again if the token
    /// comes back to them (they can withdraw it at any time). A per-token approval does not survive the round trip:
    /// the owner approves again.
    function test_startAuctionFor_authorisationReturnsWithItsOwner() public {
        _authorize(address(0), FLOOR);
        vm.prank(creator);
        music.transferFrom(creator, bob, tokenId);
        vm.prank(bob);
        music.transferFrom(bob, creator, tokenId);
        vm.prank(creator);
        music.approve(address(auction), tokenId);
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, _keeperParams(FLOOR));
        assertEq(auction.auctionOf(tokenId).seller, creator);
    }

    /// @dev One authorisation, one auction: after a cancel the keeper needs a new permission.
    function test_startAuctionFor_consumesTheAuthorisation() public {
        _authorize(address(0), FLOOR);
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, _keeperParams(FLOOR));
        vm.startPrank(creator);
        auction.cancel(tokenId);
        music.approve(address(auction), tokenId);
        vm.stopPrank();
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionKeeperNotAuthorized.selector, tokenId));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    /// @dev The owner withdrew the NFT approval: the keeper cannot take the token.
    function test_startAuctionFor_revertsWithoutApproval() public {
        _authorize(address(0), FLOOR);
        vm.prank(creator);
        music.approve(address(0), tokenId);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(auction), tokenId)
        );
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
    }

    /// @dev The keeper's parameters pass the same bounds as the seller's.
    function test_startAuctionFor_checksParams() public {
        _authorize(address(0), FLOOR);
        IDutchAuction.AuctionParams memory params = _keeperParams(FLOOR);
        params.duration = 1 minutes;
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionBadDuration.selector, 1 minutes));
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, params);
        assertEq(auction.keeperAuthorizationOf(tokenId).seller, creator, "not consumed by a failed start");
    }

    function test_startAuctionFor_sellerMayCancel() public {
        _authorize(address(0), FLOOR);
        vm.prank(keeper);
        auction.startAuctionFor(tokenId, _keeperParams(FLOOR));
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotSeller.selector, keeper));
        vm.prank(keeper);
        auction.cancel(tokenId);
        vm.prank(creator);
        auction.cancel(tokenId);
        assertEq(music.ownerOf(tokenId), creator);
    }

    // ---------------------------------------------------------------- helpers

    function _authorize(address currency, uint96 minReserve) internal {
        vm.prank(creator);
        auction.authorizeKeeper(tokenId, currency, minReserve, true);
    }

    /// @dev The keeper prices from market data: 2 ETH down to `reservePrice` over 6 hours, exponential.
    function _keeperParams(uint96 reservePrice) internal pure returns (IDutchAuction.AuctionParams memory) {
        return _params(address(0), 2 ether, reservePrice, 6 hours, IDutchAuction.Curve.Exponential);
    }
}
