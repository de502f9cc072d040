// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MarketFixture} from "./MarketFixture.sol";
import {IMarketplace} from "../../contracts/interfaces/IMarketplace.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";

/// @notice Attacks on other people's listings and sales: listing what is not yours, selling what you no longer own,
/// blocking the next buyer, and raising the price in front of a buyer.
contract GriefingTest is MarketFixture {
    // ---------------------------------------------------------------- listing someone else's token

    function testFuzz_list_someoneElsesTokenReverts(address attacker) public {
        vm.assume(attacker != creator);
        uint256 tokenId = _mintApproved(creator, "track");
        uint40 expiresAt = _expiry();
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotTokenOwner.selector, attacker));
        vm.prank(attacker);
        market.list(tokenId, address(0), 1, expiresAt);
    }

    /// @dev An operator the owner trusts still cannot list in its own name (it would be paid as the seller).
    function test_list_byTheOwnersOperatorReverts() public {
        uint256 tokenId = _mintApproved(creator, "track");
        vm.startPrank(creator);
        music.setApprovalForAll(eve, true);
        music.approve(eve, tokenId);
        vm.stopPrank();
        uint40 expiresAt = _expiry();
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotTokenOwner.selector, eve));
        vm.prank(eve);
        market.list(tokenId, address(0), 1, expiresAt);
    }

    /// @dev The old owner's listing cannot sell the new owner's token, even though the new owner made the market
    /// its operator (its own listings need that): the buy checks the seller still owns the token.
    function test_buy_staleListingCannotSellTheNewOwnersToken() public {
        uint256 tokenId = _mintAndList(creator, "track", address(0), 1);
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.prank(collector);
        music.setApprovalForAll(address(market), true);
        vm.deal(eve, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, creator, tokenId, collector)
        );
        vm.prank(eve);
        market.buy{value: 1}(tokenId, 1, address(0));
        assertEq(music.ownerOf(tokenId), collector);
    }

    // ---------------------------------------------------------------- blocking the next buyer

    /// @dev A seller that refuses ETH, burns gas or answers with a return bomb cannot make the buy revert.
    function test_buy_sellerThatCannotReceiveETHDoesNotBlockTheBuyer() public {
        MarketHostileSeller seller = new MarketHostileSeller();
        vm.deal(address(seller), 1 ether);
        MarketHostileSeller.Mode[3] memory modes = [
            MarketHostileSeller.Mode.Revert,
            MarketHostileSeller.Mode.BurnGas,
            MarketHostileSeller.Mode.ReturnBombRevert
        ];
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        for (uint256 i; i < modes.length; ++i) {
            uint256 tokenId = _mintAndList(address(seller), abi.encode("track", i), address(0), PRICE);
            seller.setMode(modes[i]);
            _buy(buyer, tokenId, address(0));
            assertEq(music.ownerOf(tokenId), buyer);
            assertEq(market.proceedsOwed(address(seller)), sellerAmount * (i + 1));
        }
    }

    /// @dev A buyer's limited gas cannot keep an honest seller's money: if the push fails for lack of gas, the
    /// proceeds are credited, never lost.
    function test_buy_withLittleGasCreditsRatherThanLoses() public {
        MarketHostileSeller seller = new MarketHostileSeller();
        vm.deal(address(seller), 1 ether);
        uint256 tokenId = _mintAndList(address(seller), "track", address(0), PRICE);
        seller.setMode(MarketHostileSeller.Mode.BurnGas);
        // whatever gas the buyer gives, either the whole buy reverts or the seller is paid or credited in full
        (uint256 sellerAmount, , ) = _expectedSplit(PRICE);
        uint256 completed;
        for (uint256 gasLimit = 150_000; gasLimit <= 400_000; gasLimit += 10_000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(buyer);
            try market.buy{value: PRICE, gas: gasLimit}(tokenId, PRICE, address(0)) {
                assertEq(music.ownerOf(tokenId), buyer);
                assertEq(market.proceedsOwed(address(seller)) + seller.received(), sellerAmount);
                ++completed;
            } catch {
                assertEq(music.ownerOf(tokenId), address(seller));
                assertEq(market.proceedsOwed(address(seller)), 0);
            }
            vm.revertToState(snapshot);
        }
        assertGt(completed, 0, "some gas limits complete the buy");
    }

    // ---------------------------------------------------------------- front-running the buyer

    /// @dev The seller sees the buy in the mempool and relists higher: the buyer's expectedPrice stops it.
    function test_buy_frontRunByRaisingThePriceFails() public {
        uint256 tokenId = _listDefault();
        _list(creator, tokenId, address(0), 100 ether);
        vm.deal(collector, 200 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplacePriceChanged.selector, PRICE, 100 ether));
        vm.prank(collector);
        market.buy{value: 100 ether}(tokenId, PRICE, address(0));
    }

    /// @dev A MINT buyer who approved the market for much more than the price still pays only the price, even if
    /// the seller relists: a higher price fails on expectedPrice.
    function test_buy_mintBuyerWithAHugeAllowancePaysOnlyThePrice() public {
        uint256 tokenId = _mintAndList(creator, "track", address(token), 10 ether);
        _list(creator, tokenId, address(token), 1_000 ether);
        uint256 before = token.balanceOf(collector);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplacePriceChanged.selector, 10 ether, 1_000 ether));
        vm.prank(collector);
        market.buy(tokenId, 10 ether, address(0));
        _list(creator, tokenId, address(token), 10 ether);
        vm.prank(collector);
        market.buy(tokenId, 10 ether, address(0));
        assertEq(before - token.balanceOf(collector), 10 ether);
        assertEq(token.allowance(collector, address(market)), type(uint256).max);
    }
}
