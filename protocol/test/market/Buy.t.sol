// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MarketFixture} from "./MarketFixture.sol";
import {IMarketplace} from "../../contracts/interfaces/IMarketplace.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";

contract BuyTest is MarketFixture {
    // ---------------------------------------------------------------- first sale

    function test_buy_firstSaleInETH_paysRoyaltyFeeAndSeller() public {
        uint256 tokenId = _listDefault();
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(PRICE);
        uint256 creatorBefore = creator.balance;
        uint256 collectorBefore = collector.balance;

        vm.expectEmit(address(market));
        emit IMarketplace.Sold(tokenId, creator, collector, address(0), PRICE, royalty, fee, curator);
        _buy(collector, tokenId, curator);

        assertEq(music.ownerOf(tokenId), collector, "NFT to the buyer");
        assertEq(collector.balance, collectorBefore - PRICE, "buyer paid the price");
        assertEq(creator.balance, creatorBefore + sellerAmount, "seller paid");
        assertEq(address(splitter).balance, royalty, "royalty in the splitter");
        assertEq(address(market).balance, fee, "fee kept");
        assertEq(market.feesOwed(address(0)), fee, "fee owed");
        assertEq(sellerAmount + royalty + fee, PRICE, "every wei");
        assertEq(market.listingOf(tokenId).seller, address(0), "listing gone");
    }

    /// @dev The first sale is a plain deposit made after the sale was recorded: the buyer is the collector and the
    /// referrer the curator, and they already take their split parts of this first royalty; no resale part.
    function test_buy_firstSale_assignsRolesAndDepositsPlainly() public {
        uint256 tokenId = _listDefault();
        (, uint256 royalty, ) = _expectedSplit(PRICE);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CollectorAssigned(tokenId, collector);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CuratorAssigned(tokenId, curator);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueDeposited(tokenId, address(0), address(market), royalty, 0);
        _buy(collector, tokenId, curator);

        (address collectorRole, address curatorRole) = splitter.rolesOf(tokenId);
        assertEq(collectorRole, collector);
        assertEq(curatorRole, curator);
        (uint256 creators, uint256 curatorPot, uint256 collectorPot, uint256 platform) = _expectedPots(royalty, false);
        (uint256 c, uint256 cu, uint256 co) = splitter.potsOf(tokenId, address(0));
        assertEq(c, creators, "creators");
        assertEq(cu, curatorPot, "curator");
        assertEq(co, collectorPot, "collector");
        assertEq(splitter.platformOwed(address(0)), platform, "platform");
    }

    function test_buy_firstSaleWithoutReferrer_leavesCuratorUnassigned() public {
        uint256 tokenId = _listDefault();
        (, uint256 royalty, ) = _expectedSplit(PRICE);
        _buy(collector, tokenId, address(0));
        (address collectorRole, address curatorRole) = splitter.rolesOf(tokenId);
        assertEq(collectorRole, collector);
        assertEq(curatorRole, address(0));
        // the unassigned curator's part went to the creators
        (uint256 c, uint256 cu, ) = splitter.potsOf(tokenId, address(0));
        assertEq(cu, 0);
        assertEq(c, royalty - (royalty * 500) / BPS - (royalty * 1_000) / BPS);
    }

    /// @dev The splitter, not the market, judges referrers: the seller (a creator) cannot name itself.
    function test_buy_referrerWhoIsTheSellerIsIgnored() public {
        uint256 tokenId = _listDefault();
        _buy(collector, tokenId, creator);
        (, address curatorRole) = splitter.rolesOf(tokenId);
        assertEq(curatorRole, address(0));
    }

    function test_buy_firstSaleInMint() public {
        uint96 price = 1_000 ether;
        uint256 tokenId = _mintAndList(creator, "track", address(token), price);
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(price);
        uint256 buyerBefore = token.balanceOf(collector);

        vm.expectEmit(address(market));
        emit IMarketplace.Sold(tokenId, creator, collector, address(token), price, royalty, fee, curator);
        _buy(collector, tokenId, curator);

        assertEq(music.ownerOf(tokenId), collector);
        assertEq(token.balanceOf(collector), buyerBefore - price, "buyer paid");
        assertEq(token.balanceOf(creator), sellerAmount, "seller paid");
        assertEq(token.balanceOf(address(splitter)), royalty, "royalty in the splitter");
        assertEq(token.balanceOf(address(market)), fee, "fee kept");
        assertEq(market.feesOwed(address(token)), fee);
        (uint256 c, uint256 cu, uint256 co) = splitter.potsOf(tokenId, address(token));
        assertEq(c + cu + co + splitter.platformOwed(address(token)), royalty, "royalty fully split");
    }

    // ---------------------------------------------------------------- resale

    /// @dev A resale's royalty goes through depositResaleRoyalty: the curator takes 30% of it first, then the split.
    function test_buy_resaleInETH_givesTheCuratorItsPartFirst() public {
        uint96 resalePrice = 2 ether;
        uint256 tokenId = _firstSaleThenRelist(address(0), resalePrice);
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(resalePrice);
        uint256[4] memory before = _potsAndPlatform(tokenId);
        uint256 fees0 = market.feesOwed(address(0));
        uint256 sellerBefore = collector.balance;

        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueDeposited(
            tokenId,
            address(0),
            address(market),
            royalty,
            (royalty * CURATOR_RESALE_BPS) / BPS
        );
        vm.expectEmit(address(market));
        emit IMarketplace.Sold(tokenId, collector, buyer, address(0), resalePrice, royalty, fee, address(0));
        _buy(buyer, tokenId, address(0));

        uint256[4] memory expected;
        (expected[0], expected[1], expected[2], expected[3]) = _expectedPots(royalty, true);
        uint256[4] memory afterSale = _potsAndPlatform(tokenId);
        assertEq(afterSale[0] - before[0], expected[0], "creators");
        assertEq(afterSale[1] - before[1], expected[1], "curator: 30% first, then its split part");
        assertEq(afterSale[2] - before[2], expected[2], "collector");
        assertEq(afterSale[3] - before[3], expected[3], "platform");
        assertEq(market.feesOwed(address(0)) - fees0, fee, "fee accrued");
        assertEq(collector.balance - sellerBefore, sellerAmount, "seller paid");
        assertEq(music.ownerOf(tokenId), buyer);
        // the roles stay with the first sale
        (address collectorRole, address curatorRole) = splitter.rolesOf(tokenId);
        assertEq(collectorRole, collector);
        assertEq(curatorRole, curator);
    }

    /// @dev The ETH pots of `tokenId` and the platform's: (creators, curator, collector, platform).
    function _potsAndPlatform(uint256 tokenId) private view returns (uint256[4] memory pots) {
        (pots[0], pots[1], pots[2]) = splitter.potsOf(tokenId, address(0));
        pots[3] = splitter.platformOwed(address(0));
    }

    function test_buy_resaleInMint() public {
        uint96 resalePrice = 2_000 ether;
        uint256 tokenId = _firstSaleThenRelist(address(token), resalePrice);
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(resalePrice);
        uint256 sellerBefore = token.balanceOf(collector);
        _buy(buyer, tokenId, address(0));

        (uint256 creators, uint256 curatorPot, uint256 collectorPot, uint256 platform) = _expectedPots(royalty, true);
        (uint256 c, uint256 cu, uint256 co) = splitter.potsOf(tokenId, address(token));
        assertEq(c, creators);
        assertEq(cu, curatorPot);
        assertEq(co, collectorPot);
        assertEq(splitter.platformOwed(address(token)), platform);
        assertEq(token.balanceOf(collector) - sellerBefore, sellerAmount);
        assertEq(token.balanceOf(address(market)), fee);
        assertEq(market.feesOwed(address(token)), fee);
    }

    /// @dev A resale naming a referrer when the first sale named none: the curator is assigned by this sale and
    /// already gets its resale part of this royalty.
    /// @dev Roles are set at the primary sale only: a resale naming a referrer assigns no curator, and the curator's
    /// resale part goes to the creators.
    function test_buy_resaleNeverAssignsTheCurator() public {
        uint256 tokenId = _listDefault();
        _buy(collector, tokenId, address(0));
        vm.prank(collector);
        music.setApprovalForAll(address(market), true);
        _list(collector, tokenId, address(0), PRICE);
        _buy(buyer, tokenId, curator);
        (, address curatorRole) = splitter.rolesOf(tokenId);
        assertEq(curatorRole, address(0));
        (, uint256 curatorPot, ) = splitter.potsOf(tokenId, address(0));
        assertEq(curatorPot, 0);
    }

    // ---------------------------------------------------------------- every wei

    /// @dev seller + royalty + fee == price for any price and fee, first sale and resale, in ETH: measured as
    /// balances, not recomputed.
    function testFuzz_buy_accountsForEveryWeiInETH(uint96 price, uint16 feeBps, uint96 resalePrice) public {
        price = uint96(bound(price, 1, 1_000_000 ether));
        resalePrice = uint96(bound(resalePrice, 1, 1_000_000 ether));
        feeBps = uint16(bound(feeBps, 0, market.MAX_PROTOCOL_FEE_BPS()));
        vm.prank(address(timelock));
        market.setProtocolFee(feeBps);
        vm.deal(collector, price);
        vm.deal(buyer, resalePrice);

        uint256 tokenId = _mintAndList(creator, "track", address(0), price);
        _assertSaleBalances(tokenId, creator, collector, curator);
        vm.prank(collector);
        music.setApprovalForAll(address(market), true);
        _list(collector, tokenId, address(0), resalePrice);
        _assertSaleBalances(tokenId, collector, buyer, address(0));
    }

    function _assertSaleBalances(uint256 tokenId, address seller, address who, address referrer) private {
        uint256 price = market.listingOf(tokenId).price;
        (uint256 quotedSeller, uint256 quotedRoyalty, uint256 quotedFee) = market.quote(tokenId, price);
        uint256 seller0 = seller.balance;
        uint256 splitter0 = address(splitter).balance;
        uint256 market0 = address(market).balance;
        uint256 buyer0 = who.balance;
        _buy(who, tokenId, referrer);
        uint256 sellerGot = seller.balance - seller0;
        uint256 royalty = address(splitter).balance - splitter0;
        uint256 fee = address(market).balance - market0;
        assertEq(buyer0 - who.balance, price, "buyer paid the price");
        assertEq(sellerGot + royalty + fee, price, "seller + royalty + fee == price");
        assertEq(sellerGot, quotedSeller, "seller as quoted");
        assertEq(royalty, quotedRoyalty, "royalty as quoted");
        assertEq(fee, quotedFee, "fee as quoted");
        assertEq(royalty, (price * BASIC_ROYALTY_BPS) / BPS, "EIP-2981 rate");
        assertEq(fee, (price * market.protocolFeeBps()) / BPS, "fee rate");
    }

    function testFuzz_buy_accountsForEveryWeiInMint(uint96 price, uint16 feeBps) public {
        price = uint96(bound(price, 1, BUYER_MINT));
        feeBps = uint16(bound(feeBps, 0, market.MAX_PROTOCOL_FEE_BPS()));
        vm.prank(address(timelock));
        market.setProtocolFee(feeBps);
        uint256 tokenId = _mintAndList(creator, "track", address(token), price);
        uint256 buyer0 = token.balanceOf(collector);
        _buy(collector, tokenId, curator);
        uint256 sellerGot = token.balanceOf(creator);
        uint256 royalty = token.balanceOf(address(splitter));
        uint256 fee = token.balanceOf(address(market));
        assertEq(buyer0 - token.balanceOf(collector), price);
        assertEq(sellerGot + royalty + fee, price);
        assertEq(fee, market.feesOwed(address(token)));
        assertEq(fee, (uint256(price) * feeBps) / BPS);
    }

    /// @dev A 1-wei sale: royalty and fee round to zero, nothing is deposited (the splitter refuses empty
    /// deposits), the seller gets the wei, the roles are still recorded.
    function test_buy_oneWeiSale() public {
        uint256 tokenId = _mintAndList(creator, "track", address(0), 1);
        uint256 before = creator.balance;
        _buy(collector, tokenId, curator);
        assertEq(creator.balance, before + 1);
        assertEq(address(splitter).balance, 0);
        (address collectorRole, ) = splitter.rolesOf(tokenId);
        assertEq(collectorRole, collector);
    }

    // ---------------------------------------------------------------- refusals

    function test_buy_revertsWhenNotListed() public {
        uint256 tokenId = _mintApproved(creator, "track");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, tokenId));
        vm.prank(collector);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    function test_buy_revertsTheSecondTime() public {
        uint256 tokenId = _listDefault();
        _buy(collector, tokenId, address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotListed.selector, tokenId));
        vm.prank(buyer);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    function test_buy_succeedsUntilTheSecondBeforeExpiry() public {
        uint256 tokenId = _listDefault();
        uint40 expiresAt = market.listingOf(tokenId).expiresAt;
        vm.warp(expiresAt - 1);
        _buy(collector, tokenId, address(0));
        assertEq(music.ownerOf(tokenId), collector);
    }

    function testFuzz_buy_revertsWhenExpired(uint256 late) public {
        uint256 tokenId = _listDefault();
        uint40 expiresAt = market.listingOf(tokenId).expiresAt;
        vm.warp(bound(late, expiresAt, expiresAt + 1_000 days));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceListingExpired.selector, tokenId, expiresAt));
        vm.prank(collector);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    /// @dev The seller moved the token after listing: the listing cannot fill (nothing is paid). MusicNFT refuses
    /// the transfer: the new owner never authorised the marketplace (if it had, ERC721IncorrectOwner: see Griefing).
    function test_buy_revertsWhenStale() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.transferFrom(creator, eve, tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(market), tokenId)
        );
        vm.prank(collector);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    /// @dev The seller raises the price in front of the buyer's transaction: the buy fails instead of paying more.
    function test_buy_revertsWhenThePriceChanged() public {
        uint256 tokenId = _listDefault();
        _list(creator, tokenId, address(0), 2 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplacePriceChanged.selector, PRICE, 2 ether));
        vm.prank(collector);
        market.buy{value: 2 ether}(tokenId, PRICE, address(0));
    }

    /// @dev Switching currency at the same number (MINT -> ETH) cannot make a MINT buyer pay ETH: it sent none.
    function test_buy_revertsWhenTheCurrencyChangedToETH() public {
        uint256 tokenId = _mintAndList(creator, "track", address(token), PRICE);
        _list(creator, tokenId, address(0), PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceWrongPayment.selector, 0, PRICE));
        vm.prank(collector);
        market.buy(tokenId, PRICE, address(0));
    }

    /// @dev ... nor an ETH buyer pay MINT: it sent ETH, which a MINT listing refuses.
    function test_buy_revertsWhenTheCurrencyChangedToMint() public {
        uint256 tokenId = _listDefault();
        _list(creator, tokenId, address(token), PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceWrongPayment.selector, PRICE, 0));
        vm.prank(collector);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    function testFuzz_buy_revertsOnWrongETH(uint256 value) public {
        uint256 tokenId = _listDefault();
        value = bound(value, 0, 10 ether);
        vm.assume(value != PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceWrongPayment.selector, value, PRICE));
        vm.prank(collector);
        market.buy{value: value}(tokenId, PRICE, address(0));
    }

    function test_buy_inMintRevertsWithoutAllowance() public {
        uint256 tokenId = _mintAndList(creator, "track", address(token), PRICE);
        vm.prank(collector);
        token.approve(address(market), PRICE - 1);
        // the seller's part is pulled, then the royalty + fee part lacks one wei: the whole buy reverts
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = _expectedSplit(PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(market),
                PRICE - 1 - sellerAmount,
                royalty + fee
            )
        );
        vm.prank(collector);
        market.buy(tokenId, PRICE, address(0));
        assertEq(music.ownerOf(tokenId), creator);
        assertEq(token.balanceOf(creator), 0);
    }

    function test_buy_inMintRevertsWithoutBalance() public {
        uint256 tokenId = _mintAndList(creator, "track", address(token), PRICE);
        vm.prank(eve);
        token.approve(address(market), type(uint256).max);
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, eve, 0, sellerAmount));
        vm.prank(eve);
        market.buy(tokenId, PRICE, address(0));
    }

    /// @dev A seller cannot buy its own listing (a wash sale that would claim the collector role).
    function test_buy_revertsForTheSeller() public {
        uint256 tokenId = _listDefault();
        vm.expectRevert(IMarketplace.MarketplaceBuyerIsSeller.selector);
        vm.prank(creator);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    /// @dev The seller revoked the market's approval: MusicNFT refuses the transfer and nothing is paid.
    function test_buy_revertsWhenApprovalWasRevoked() public {
        uint256 tokenId = _listDefault();
        vm.prank(creator);
        music.setApprovalForAll(address(market), false);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(market), tokenId)
        );
        vm.prank(collector);
        market.buy{value: PRICE}(tokenId, PRICE, address(0));
    }

    /// @dev A listing made with a per-token approval: the sale clears that approval (ERC-721), as any transfer does.
    function test_buy_withTokenApproval_clearsIt() public {
        uint256 tokenId = _mintTrack(creator, "track");
        vm.startPrank(creator);
        music.approve(address(market), tokenId);
        market.list(tokenId, address(0), PRICE, _expiry());
        vm.stopPrank();
        _buy(collector, tokenId, address(0));
        assertEq(music.getApproved(tokenId), address(0));
        assertEq(music.ownerOf(tokenId), collector);
    }
}
