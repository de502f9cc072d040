// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MarketFixture} from "./MarketFixture.sol";
import {ISaleSettlement} from "../../contracts/interfaces/ISaleSettlement.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {Marketplace} from "../../contracts/market/Marketplace.sol";

contract FeesTest is MarketFixture {
    // ---------------------------------------------------------------- wiring

    function test_constructor_wiresTheSuite() public view {
        assertEq(market.owner(), address(timelock));
        assertEq(market.treasury(), address(timelock));
        assertEq(address(market.musicNFT()), address(music));
        assertEq(address(market.splitter()), address(splitter));
        assertEq(address(market.mintToken()), address(token));
        assertEq(market.protocolFeeBps(), PROTOCOL_FEE_BPS);
        assertTrue(splitter.isSaleRecorder(address(market)));
        // the splitter pulls MINT royalties from the market: one approval for all sales
        assertEq(token.allowance(address(market), address(splitter)), type(uint256).max);
    }

    function test_constructor_rejectsAFeeAboveTheBound() public {
        vm.expectRevert(abi.encodeWithSelector(ISaleSettlement.SaleSettlementFeeOutOfBounds.selector, 1_001));
        new Marketplace(
            address(timelock),
            IERC721(address(music)),
            IRoyaltySplitter(address(splitter)),
            IERC20(address(token)),
            address(timelock),
            1_001
        );
    }

    // ---------------------------------------------------------------- setProtocolFee

    function test_setProtocolFee_byTheTimelock() public {
        vm.expectEmit(address(market));
        emit ISaleSettlement.ProtocolFeeSet(1_000);
        vm.prank(address(timelock));
        market.setProtocolFee(1_000);
        assertEq(market.protocolFeeBps(), 1_000);
    }

    function testFuzz_setProtocolFee_revertsForAnyoneElse(address caller) public {
        vm.assume(caller != address(timelock));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
        vm.prank(caller);
        market.setProtocolFee(0);
    }

    function testFuzz_setProtocolFee_revertsAboveTheBound(uint16 bps) public {
        bps = uint16(bound(bps, market.MAX_PROTOCOL_FEE_BPS() + 1, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(ISaleSettlement.SaleSettlementFeeOutOfBounds.selector, bps));
        vm.prank(address(timelock));
        market.setProtocolFee(bps);
    }

    /// @dev The way it really happens: a proposal passes, waits in the timelock, executes.
    function test_setProtocolFee_throughGovernance() public {
        Proposal memory p = _proposal(
            address(market),
            abi.encodeCall(market.setProtocolFee, (500)),
            "Raise the marketplace fee to 5%",
            alice
        );
        _passProposal(p, alice);
        assertEq(market.protocolFeeBps(), 500);
    }

    /// @dev A new fee applies to every sale after it, listed before or after.
    /// @dev A listing keeps the fee in force when it was made: raising the fee never changes what an existing
    /// listing's seller receives; listings made afterwards pay the new fee.
    function test_setProtocolFee_appliesToLaterListings() public {
        uint256 tokenId = _listDefault();
        vm.prank(address(timelock));
        market.setProtocolFee(1_000);
        assertEq(market.listingOf(tokenId).feeBps, PROTOCOL_FEE_BPS, "the listing keeps its fee");
        _buy(collector, tokenId, address(0));
        assertEq(market.feesOwed(address(0)), (PRICE * PROTOCOL_FEE_BPS) / BPS);
        uint256 later = _mintAndList(creator, "listed after the change", address(0), PRICE);
        uint256 before = market.feesOwed(address(0));
        _buy(collector, later, address(0));
        assertEq(market.feesOwed(address(0)) - before, PRICE / 10);
    }

    function test_zeroFee_sellsWithoutFee() public {
        vm.prank(address(timelock));
        market.setProtocolFee(0);
        uint256 tokenId = _listDefault();
        uint256 before = creator.balance;
        _buy(collector, tokenId, address(0));
        assertEq(market.feesOwed(address(0)), 0);
        assertEq(address(market).balance, 0);
        assertEq(creator.balance - before, PRICE - (PRICE * BASIC_ROYALTY_BPS) / BPS);
    }

    // ---------------------------------------------------------------- quote

    function testFuzz_quote_addsUpToThePrice(uint96 price, uint16 bps) public {
        bps = uint16(bound(bps, 0, market.MAX_PROTOCOL_FEE_BPS()));
        vm.prank(address(timelock));
        market.setProtocolFee(bps);
        uint256 tokenId = _mintTrack(creator, "track");
        (uint256 sellerAmount, uint256 royalty, uint256 fee) = market.quote(tokenId, price);
        assertEq(sellerAmount + royalty + fee, price);
        assertEq(royalty, (uint256(price) * BASIC_ROYALTY_BPS) / BPS);
        assertEq(fee, (uint256(price) * bps) / BPS);
    }

    // ---------------------------------------------------------------- sweepFees

    function test_sweepFees_sendsETHFeesToTheTreasury_anyoneCalls() public {
        _buy(collector, _listDefault(), address(0));
        (, , uint256 fee) = _expectedSplit(PRICE);
        uint256 treasuryBefore = address(timelock).balance;
        vm.expectEmit(address(market));
        emit ISaleSettlement.FeesSwept(address(0), address(timelock), fee);
        vm.prank(eve);
        market.sweepFees(address(0));
        assertEq(address(timelock).balance - treasuryBefore, fee);
        assertEq(market.feesOwed(address(0)), 0);
        assertEq(address(market).balance, 0);
        assertEq(eve.balance, 0, "the caller gets nothing");
    }

    function test_sweepFees_sendsMintFeesToTheTreasury() public {
        uint96 price = 1_000 ether;
        _buy(collector, _mintAndList(creator, "track", address(token), price), address(0));
        (, , uint256 fee) = _expectedSplit(price);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        vm.expectEmit(address(market));
        emit ISaleSettlement.FeesSwept(address(token), address(timelock), fee);
        market.sweepFees(address(token));
        assertEq(token.balanceOf(address(timelock)) - treasuryBefore, fee);
        assertEq(token.balanceOf(address(market)), 0);
        assertEq(market.feesOwed(address(token)), 0);
    }

    function test_sweepFees_accumulatesAcrossSales() public {
        _buy(collector, _listDefault(), address(0));
        _buy(buyer, _mintAndList(creator, "second", address(0), 3 ether), address(0));
        (, , uint256 fee1) = _expectedSplit(PRICE);
        (, , uint256 fee2) = _expectedSplit(3 ether);
        assertEq(market.feesOwed(address(0)), fee1 + fee2);
        uint256 treasuryBefore = address(timelock).balance;
        market.sweepFees(address(0));
        assertEq(address(timelock).balance - treasuryBefore, fee1 + fee2);
    }

    function test_sweepFees_revertsWhenNothingOwed() public {
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        market.sweepFees(address(0));
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        market.sweepFees(address(token));
    }

    function test_sweepFees_twiceRevertsTheSecondTime() public {
        _buy(collector, _listDefault(), address(0));
        market.sweepFees(address(0));
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        market.sweepFees(address(0));
    }

    /// @dev Only ETH and MINT are ever owed: another token sent here is not the protocol's to sweep.
    function test_sweepFees_otherCurrencyOwesNothing() public {
        vm.expectRevert(ISaleSettlement.SaleSettlementNothingToWithdraw.selector);
        market.sweepFees(makeAddr("other token"));
    }

    /// @dev ETH forced in (a selfdestruct or a coinbase payment) or MINT sent by mistake is not stuck: it is swept
    /// to the treasury with the fees.
    function test_sweepFees_includesValueSentOutsideASale() public {
        vm.deal(address(market), 1 ether);
        vm.prank(alice);
        token.transfer(address(market), 5 ether);
        assertEq(market.feesOwed(address(0)), 1 ether);
        assertEq(market.feesOwed(address(token)), 5 ether);
        uint256 treasuryBefore = address(timelock).balance;
        market.sweepFees(address(0));
        market.sweepFees(address(token));
        assertEq(address(timelock).balance - treasuryBefore, 1 ether);
        assertEq(token.balanceOf(address(market)), 0);
    }

    /// @dev The market has no receive: plain ETH sent to it is refused.
    function test_market_refusesPlainETH() public {
        vm.prank(collector);
        (bool ok, ) = address(market).call{value: 1 ether}("");
        assertFalse(ok);
    }
}
