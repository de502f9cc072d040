// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionFixture} from "./AuctionFixture.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";

/// @notice buy: at the curve's current price, in ETH (excess refunded) or MINT, at most the buyer's maxPrice, only
/// while the auction runs; the price divides into seller + royalty + fee to the wei; the first sale makes the buyer
/// the track's collector and the referrer its curator; nothing ever sells below the reserve.
contract BuyTest is AuctionFixture {
    IDutchAuction.Curve internal constant LINEAR = IDutchAuction.Curve.Linear;
    IDutchAuction.Curve internal constant EXPONENTIAL = IDutchAuction.Curve.Exponential;

    // ---------------------------------------------------------------- ETH

    function test_buy_ethExactPrice() public {
        uint256 tokenId = _startDefault(LINEAR);
        skip(6 hours);
        uint256 price = auction.currentPrice(tokenId);
        assertEq(price, 0.775 ether);
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(price);
        uint256 sellerBefore = creator.balance;
        uint256 buyerBefore = buyer.balance;
        uint256 splitterBefore = address(splitter).balance;

        vm.prank(buyer);
        uint256 paid = auction.buy{value: price}(tokenId, price, address(0));

        assertEq(paid, price);
        assertEq(music.ownerOf(tokenId), buyer, "NFT to the buyer");
        assertEq(auction.auctionOf(tokenId).seller, address(0), "auction gone");
        assertEq(buyer.balance, buyerBefore - price, "buyer paid the price");
        assertEq(creator.balance, sellerBefore + sellerAmount, "seller paid");
        assertEq(address(splitter).balance, splitterBefore + royalty, "royalty to the splitter");
        assertEq(auction.feesOwed(address(0)), fee, "fee accrued");
        assertEq(address(auction).balance, fee, "the auction keeps the fee only");
        assertEq(sellerAmount + royalty + fee, price);
    }

    function test_buy_ethExcessRefunded() public {
        uint256 tokenId = _startDefault(EXPONENTIAL);
        skip(12 hours);
        uint256 price = auction.currentPrice(tokenId);
        uint256 buyerBefore = buyer.balance;
        vm.prank(buyer);
        auction.buy{value: 5 ether}(tokenId, type(uint256).max, address(0));
        assertEq(buyer.balance, buyerBefore - price, "excess refunded");
        (, , uint256 fee) = _expectedSplit(price);
        assertEq(address(auction).balance, fee);
    }

    function test_buy_revertsOnTooLittleETH() public {
        uint256 tokenId = _startDefault(LINEAR);
        skip(1 hours);
        uint256 price = auction.currentPrice(tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IDutchAuction.DutchAuctionInsufficientPayment.selector, price - 1, price)
        );
        vm.prank(buyer);
        auction.buy{value: price - 1}(tokenId, type(uint256).max, address(0));
    }

    // ---------------------------------------------------------------- MINT

    function test_buy_inMint() public {
        uint256 tokenId = _startAuction(
            creator,
            "mint auction",
            _params(address(token), 1_000 ether, 100 ether, DURATION, LINEAR)
        );
        skip(12 hours);
        uint256 price = auction.currentPrice(tokenId);
        assertEq(price, 550 ether);
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(price);
        uint256 buyerBefore = token.balanceOf(buyer);
        uint256 sellerBefore = token.balanceOf(creator);

        vm.prank(buyer);
        auction.buy(tokenId, price, address(0));

        assertEq(music.ownerOf(tokenId), buyer);
        assertEq(token.balanceOf(buyer), buyerBefore - price, "buyer paid");
        assertEq(token.balanceOf(creator), sellerBefore + sellerAmount, "seller paid");
        assertEq(token.balanceOf(address(splitter)), royalty, "royalty to the splitter");
        assertEq(token.balanceOf(address(auction)), fee, "fee held");
        assertEq(auction.feesOwed(address(token)), fee);
        assertEq(address(auction).balance, 0);
    }

    function test_buy_inMintRevertsWithETH() public {
        uint256 tokenId = _startAuction(
            creator,
            "mint auction",
            _params(address(token), 1_000 ether, 100 ether, DURATION, LINEAR)
        );
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionUnexpectedETH.selector, 1));
        vm.prank(buyer);
        auction.buy{value: 1}(tokenId, type(uint256).max, address(0));
    }

    function test_buy_inMintRevertsWithoutAllowance() public {
        uint256 tokenId = _startAuction(
            creator,
            "mint auction",
            _params(address(token), 1_000 ether, 100 ether, DURATION, LINEAR)
        );
        vm.prank(buyer);
        token.approve(address(auction), 0);
        vm.expectRevert();
        vm.prank(buyer);
        auction.buy(tokenId, type(uint256).max, address(0));
        assertEq(music.ownerOf(tokenId), address(auction), "nothing moved");
    }

    // ---------------------------------------------------------------- price and protection

    /// @dev The buyer's ceiling: a seller who cancels and restarts higher in front of the buy cannot charge more.
    function test_buy_revertsAboveMaxPrice() public {
        uint256 tokenId = _startDefault(LINEAR);
        skip(12 hours);
        uint256 price = auction.currentPrice(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionPriceAboveMax.selector, price, price - 1));
        vm.prank(buyer);
        auction.buy{value: price}(tokenId, price - 1, address(0));
    }

    function test_buy_priceAtSeveralTimesLinear() public {
        // 1 ETH → 0.1 ETH over a day: −0.225 ETH every 6 hours
        _assertBuyAt(LINEAR, 0, 1 ether, 0);
        _assertBuyAt(LINEAR, 6 hours, 0.775 ether, 0);
        _assertBuyAt(LINEAR, 12 hours, 0.55 ether, 0);
        _assertBuyAt(LINEAR, 18 hours, 0.325 ether, 0);
        _assertBuyAt(LINEAR, 1 days, 0.1 ether, 0);
    }

    function test_buy_priceAtSeveralTimesExponential() public {
        // 1 ETH → 0.1 ETH over a day: ×10^(−1/4) every 6 hours
        _assertBuyAt(EXPONENTIAL, 0, 1 ether, 0);
        _assertBuyAt(EXPONENTIAL, 6 hours, 0.562341325190349080 ether, 1e3);
        _assertBuyAt(EXPONENTIAL, 12 hours, 0.316227766016837933 ether, 1e3);
        _assertBuyAt(EXPONENTIAL, 18 hours, 0.177827941003892280 ether, 1e3);
        _assertBuyAt(EXPONENTIAL, 1 days, 0.1 ether, 0);
    }

    /// @dev The last second of the auction sells at exactly the reserve; the next one is the end.
    function test_buy_lastSecondAtReserveThenEnded() public {
        uint256 tokenId = _startDefault(EXPONENTIAL);
        uint256 other = _startAuction(creator, "second", _ethParams(LINEAR));
        skip(DURATION);
        assertEq(_buyETH(buyer, tokenId, 1 ether), RESERVE_PRICE);
        skip(1);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionEnded.selector, other));
        auction.currentPrice(other);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionEnded.selector, other));
        vm.prank(buyer);
        auction.buy{value: 1 ether}(other, type(uint256).max, address(0));
    }

    function test_buy_revertsWithoutAuction() public {
        uint256 tokenId = _mintTrack(creator, "never auctioned");
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotLive.selector, tokenId));
        auction.currentPrice(tokenId);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotLive.selector, tokenId));
        vm.prank(buyer);
        auction.buy{value: 1 ether}(tokenId, type(uint256).max, address(0));
    }

    /// @dev Sold once: the second buyer finds no auction.
    function test_buy_revertsOnceSold() public {
        uint256 tokenId = _startDefault(LINEAR);
        _buyETH(buyer, tokenId, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionNotLive.selector, tokenId));
        vm.prank(bob);
        auction.buy(tokenId, type(uint256).max, address(0));
    }

    /// @dev Black Thursday: whenever a buy lands, from the first second to long after the end, it pays at least
    /// the reserve and at most the start price, exactly the quoted price, or reverts.
    function testFuzz_buy_neverBelowReserve(bool exponential, uint96 reservePrice, uint256 wait) public {
        reservePrice = uint96(bound(reservePrice, 1, START_PRICE));
        wait = bound(wait, 0, 2 * DURATION);
        IDutchAuction.AuctionParams memory params = _ethParams(exponential ? EXPONENTIAL : LINEAR);
        params.reservePrice = reservePrice;
        uint256 tokenId = _startAuction(creator, "floor", params);
        skip(wait);
        if (wait > DURATION) {
            vm.expectRevert(abi.encodeWithSelector(IDutchAuction.DutchAuctionEnded.selector, tokenId));
            vm.prank(buyer);
            auction.buy{value: START_PRICE}(tokenId, type(uint256).max, address(0));
            return;
        }
        uint256 quoted = auction.currentPrice(tokenId);
        uint256 buyerBefore = buyer.balance;
        uint256 price = _buyETH(buyer, tokenId, START_PRICE);
        assertEq(price, quoted);
        assertGe(price, reservePrice, "below reserve");
        assertLe(price, START_PRICE, "above start");
        assertEq(buyerBefore - buyer.balance, price);
    }

    // ---------------------------------------------------------------- the split

    function testFuzz_buy_splitAddsUpToThePrice(bool exponential, bool inMint, uint96 startPrice, uint256 wait) public {
        startPrice = uint96(bound(startPrice, 1, 50 ether));
        wait = bound(wait, 0, DURATION);
        IDutchAuction.AuctionParams memory params = _params(
            inMint ? address(token) : address(0),
            startPrice,
            startPrice / 10 + 1 > startPrice ? startPrice : startPrice / 10 + 1,
            DURATION,
            exponential ? EXPONENTIAL : LINEAR
        );
        uint256 tokenId = _startAuction(creator, "split", params);
        skip(wait);
        uint256 sellerBefore = inMint ? token.balanceOf(creator) : creator.balance;
        uint256 splitterBefore = inMint ? token.balanceOf(address(splitter)) : address(splitter).balance;

        vm.prank(buyer);
        uint256 price = auction.buy{value: inMint ? 0 : startPrice}(tokenId, type(uint256).max, address(0));

        uint256 sellerGot = (inMint ? token.balanceOf(creator) : creator.balance) - sellerBefore;
        uint256 royalty = (inMint ? token.balanceOf(address(splitter)) : address(splitter).balance) - splitterBefore;
        uint256 fee = auction.feesOwed(inMint ? address(token) : address(0));
        assertEq(sellerGot + royalty + fee, price, "seller + royalty + fee == price");
        (uint256 expectedSeller, uint256 expectedRoyalty, uint256 expectedFee) = auction.quote(tokenId, price);
        assertEq(sellerGot, expectedSeller);
        assertEq(royalty, expectedRoyalty);
        assertEq(fee, expectedFee);
    }

    function test_buy_emitsAuctionSold() public {
        uint256 tokenId = _startDefault(LINEAR);
        skip(6 hours);
        uint256 price = auction.currentPrice(tokenId);
        (, uint256 royalty, uint256 fee) = _expectedSplit(price);
        vm.expectEmit(address(auction));
        emit IDutchAuction.AuctionSold(tokenId, creator, buyer, address(0), price, royalty, fee, curator);
        vm.prank(buyer);
        auction.buy{value: price}(tokenId, price, curator);
    }

    // ---------------------------------------------------------------- collector and curator

    function test_buy_firstSaleAssignsCollectorAndCurator() public {
        uint256 tokenId = _startDefault(LINEAR);
        vm.prank(buyer);
        auction.buy{value: START_PRICE}(tokenId, START_PRICE, curator);
        (address collector_, address curator_) = splitter.rolesOf(tokenId);
        assertEq(collector_, buyer, "first buyer collects");
        assertEq(curator_, curator, "referrer curates");
        // the sale is recorded before its royalty is deposited: the new collector and curator share in it
        (uint256 creatorsPot, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(tokenId, address(0));
        (, uint256 royalty, ) = _expectedSplit(START_PRICE);
        assertEq(curatorPot, (royalty * 1_500) / 10_000, "curator share");
        assertEq(collectorPot, (royalty * 1_000) / 10_000, "collector share");
        assertEq(creatorsPot + curatorPot + collectorPot + (royalty * 500) / 10_000, royalty, "platform has the rest");
    }

    /// @dev A resale through the auction pays a resale royalty: the curator's part first; the roles stay.
    function test_buy_resalePaysTheCuratorFirst() public {
        uint256 tokenId = _startDefault(LINEAR);
        vm.prank(buyer);
        auction.buy{value: START_PRICE}(tokenId, START_PRICE, curator);
        (, uint256 curatorPotBefore, ) = splitter.potsOf(tokenId, address(0));

        vm.startPrank(buyer);
        music.approve(address(auction), tokenId);
        auction.startAuction(tokenId, _ethParams(EXPONENTIAL));
        vm.stopPrank();
        vm.deal(bob, 10 ether);
        vm.prank(bob);
        uint256 price = auction.buy{value: START_PRICE}(tokenId, START_PRICE, makeAddr("another referrer"));

        (address collector_, address curator_) = splitter.rolesOf(tokenId);
        assertEq(collector_, buyer, "collector stays the first buyer");
        assertEq(curator_, curator, "curator stays");
        (, uint256 royalty, ) = _expectedSplit(price);
        uint256 resalePart = (royalty * CURATOR_RESALE_BPS) / 10_000;
        (, uint256 curatorPotAfter, ) = splitter.potsOf(tokenId, address(0));
        assertEq(
            curatorPotAfter - curatorPotBefore,
            resalePart + ((royalty - resalePart) * 1_500) / 10_000,
            "resale part, then the curator share of the rest"
        );
        assertEq(music.ownerOf(tokenId), bob);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A fresh auction on `curve`, bought `wait` seconds in: pays `expected` (within `relTolerance`, 1e18 =
    /// 100%), which the view quoted.
    function _assertBuyAt(IDutchAuction.Curve curve, uint256 wait, uint256 expected, uint256 relTolerance) internal {
        uint256 tokenId = _startAuction(creator, abi.encode("at", curve, wait), _ethParams(curve));
        skip(wait);
        uint256 quoted = auction.currentPrice(tokenId);
        uint256 price = _buyETH(buyer, tokenId, START_PRICE);
        assertEq(price, quoted);
        assertApproxEqRel(price, expected, relTolerance);
        rewind(wait);
    }
}
