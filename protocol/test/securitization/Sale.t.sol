// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";
import {IRoyaltyVault} from "../../contracts/interfaces/IRoyaltyVault.sol";
import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice The primary sale: shares move from the creator's balance to buyers at the fixed or falling price,
/// never below it (cost rounds up), never more than offered or than the creator still holds; proceeds wait for the
/// creator, and neither a hostile creator nor a hostile buyer can block or drain anything.
contract SaleTest is SecuritizationFixture {
    uint96 internal constant HIGH = 0.01 ether;
    uint96 internal constant LOW = 0.001 ether;
    uint32 internal constant FALL = 10 days;

    // ---------------------------------------------------------------- fixed price

    function test_buy_atAFixedPrice() public {
        RoyaltyVault vault = _securitizeSolo();
        (uint256 price, uint256 cost) = vault.quote(1_000 ether);
        assertEq(price, PRICE);
        assertEq(cost, 1 ether, "1,000 shares at 0.001 ETH");
        uint256 creatorEth = creator.balance;
        vm.expectEmit(address(vault));
        emit IRoyaltyVault.SharesBought(buyer, 1_000 ether, PRICE, 1 ether);
        vm.prank(buyer);
        (uint256 bought, uint256 paid) = vault.buy{value: 1 ether}(1_000 ether, PRICE);
        assertEq(bought, 1_000 ether);
        assertEq(paid, 1 ether);
        assertEq(vault.balanceOf(buyer), 1_000 ether);
        assertEq(vault.balanceOf(creator), SUPPLY - 1_000 ether, "out of the creator's balance");
        assertEq(vault.saleRemaining(), SALE - 1_000 ether);
        assertEq(vault.proceeds(), 1 ether, "credited to the creator");
        assertEq(creator.balance, creatorEth, "not pushed: the creator pulls");
        assertEq(address(vault).balance, 1 ether);
        assertEq(vault.totalSupply(), SUPPLY, "nothing minted");
    }

    function test_buy_refundsTheExcess() public {
        RoyaltyVault vault = _securitizeSolo();
        uint256 before = buyer.balance;
        vm.prank(buyer);
        (, uint256 cost) = vault.buy{value: 5 ether}(1_000 ether, PRICE);
        assertEq(cost, 1 ether);
        assertEq(before - buyer.balance, 1 ether, "4 ETH came back");
        assertEq(address(vault).balance, 1 ether);
    }

    function test_buy_revertsOnInsufficientPayment() public {
        RoyaltyVault vault = _securitizeSolo();
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultInsufficientPayment.selector, 1 ether - 1, 1 ether)
        );
        vault.buy{value: 1 ether - 1}(1_000 ether, PRICE);
    }

    function test_buy_revertsOnZeroShares() public {
        RoyaltyVault vault = _securitizeSolo();
        vm.prank(buyer);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultZeroShares.selector);
        vault.buy{value: 1 ether}(0, PRICE);
    }

    // ---------------------------------------------------------------- Dutch prices

    /// @dev start - (start - end) x elapsed / duration, then the end price until the sale closes.
    function test_buy_linearPriceFallsOverTime() public {
        RoyaltyVault vault = _securitize(creator, _dutch(IDutchAuction.Curve.Linear));
        uint256 start = block.timestamp;
        assertEq(_price(vault), HIGH);
        vm.warp(start + FALL / 4);
        assertEq(_price(vault), HIGH - (HIGH - LOW) / 4);
        vm.warp(start + FALL / 2);
        assertEq(_price(vault), 0.0055 ether);
        vm.warp(start + FALL / 2 + 1);
        // the discount rounds down: the price rounds up, in the creator's favour
        uint256 exact = HIGH - (uint256(HIGH - LOW) * (FALL / 2 + 1)) / FALL;
        assertEq(_price(vault), exact);
        vm.warp(start + FALL);
        assertEq(_price(vault), LOW);
        vm.warp(start + 3 * FALL);
        assertEq(_price(vault), LOW, "stays at the end price");

        vm.warp(start + FALL / 2);
        uint256 before = buyer.balance;
        vm.prank(buyer);
        (, uint256 cost) = vault.buy{value: 1 ether}(100 ether, 0.0055 ether);
        assertEq(cost, 0.55 ether);
        assertEq(before - buyer.balance, 0.55 ether);
    }

    /// @dev The exponential fall halves the price at each quarter of a 16x fall, and never rises.
    function test_buy_exponentialPriceFallsGeometrically() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _dutch(IDutchAuction.Curve.Exponential);
        (params.startPrice, params.endPrice, params.saleDuration) = (0.016 ether, LOW, 4 days);
        RoyaltyVault vault = _securitize(creator, params);
        uint256 start = block.timestamp;
        assertEq(_price(vault), 0.016 ether);
        for (uint256 day = 1; day < 4; ++day) {
            vm.warp(start + day * 1 days);
            assertApproxEqRel(_price(vault), 0.016 ether >> day, 1e6, "halves every day");
            assertGe(_price(vault), 0.016 ether >> day, "rounded up");
        }
        vm.warp(start + 4 days);
        assertEq(_price(vault), LOW);
        uint256 last = type(uint256).max;
        for (uint256 t; t <= 4 days; t += 4 hours + 17) {
            vm.warp(start + t);
            assertLe(_price(vault), last, "non-increasing");
            last = _price(vault);
        }
    }

    /// @dev The buyer's limit protects it from a price it did not expect; waiting for the fall meets it.
    function test_buy_maxPriceGuard() public {
        RoyaltyVault vault = _securitize(creator, _dutch(IDutchAuction.Curve.Linear));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultPriceAboveMax.selector, HIGH, LOW));
        vault.buy{value: 10 ether}(100 ether, LOW);
        vm.warp(block.timestamp + FALL);
        vm.prank(buyer);
        (, uint256 cost) = vault.buy{value: 10 ether}(100 ether, LOW);
        assertEq(cost, 0.1 ether);
    }

    // ---------------------------------------------------------------- rounding

    /// @dev cost = ceil(price x shares / 1e18): never below the exact value, less than one wei above it.
    function testFuzz_buy_costNeverUnderpays(uint96 price, uint256 shares) public {
        price = uint96(bound(price, 1, 1_000 ether));
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.startPrice, params.endPrice) = (price, price);
        RoyaltyVault vault = _securitize(creator, params);
        shares = bound(shares, 1, SALE);
        (, uint256 quoted) = vault.quote(shares);
        vm.deal(buyer, quoted);
        vm.prank(buyer);
        (uint256 bought, uint256 cost) = vault.buy{value: quoted}(shares, price);
        assertEq(bought, shares);
        assertEq(cost, quoted, "quote == cost");
        assertGe(cost * 1e18, uint256(price) * shares, "never below the exact cost");
        assertLt(cost * 1e18 - uint256(price) * shares, 1e18, "less than one wei above it");
        assertGt(cost, 0, "no share unit is free");
    }

    /// @dev The smallest purchase at the smallest price still pays: one share unit for one wei.
    function test_buy_oneShareUnitAtOneWeiPerShareCostsOneWei() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.startPrice, params.endPrice) = (1, 1);
        RoyaltyVault vault = _securitize(creator, params);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultInsufficientPayment.selector, 0, 1));
        vault.buy(1, 1);
        vm.prank(buyer);
        (, uint256 cost) = vault.buy{value: 1}(1, 1);
        assertEq(cost, 1);
    }

    // ---------------------------------------------------------------- how much can be sold

    /// @dev A buyer asking for more than is left gets what is left (and pays for that only); then the sale is over.
    function test_buy_soldOut() public {
        RoyaltyVault vault = _securitizeSolo();
        _buy(vault, buyer, SALE - 10 ether);
        uint256 before = buyer2.balance;
        vm.prank(buyer2);
        (uint256 bought, uint256 cost) = vault.buy{value: 1 ether}(1_000 ether, PRICE);
        assertEq(bought, 10 ether, "only what was left");
        assertEq(cost, 0.01 ether);
        assertEq(before - buyer2.balance, 0.01 ether, "the rest refunded");
        assertFalse(vault.saleOpen());
        assertEq(vault.balanceOf(creator), SUPPLY - SALE, "the creator keeps what it did not offer");
        vm.prank(buyer2);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultSaleClosed.selector);
        vault.buy{value: 1 ether}(1 ether, PRICE);
    }

    /// @dev The creator moved shares away after offering them: the sale sells only what the creator still holds,
    /// and resumes if the creator holds shares again.
    function test_buy_limitedToWhatTheCreatorStillHolds() public {
        RoyaltyVault vault = _securitizeSolo();
        _transferShares(vault, creator, collector, SUPPLY - 300_000 ether);
        assertEq(vault.saleAvailable(), 300_000 ether);
        vm.prank(buyer);
        (uint256 bought, ) = vault.buy{value: 400 ether}(SALE, PRICE);
        assertEq(bought, 300_000 ether);
        assertEq(vault.saleRemaining(), 100_000 ether, "still offered");
        assertEq(vault.saleAvailable(), 0, "but the creator holds none");
        vm.prank(buyer);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultNothingForSale.selector);
        vault.buy{value: 1 ether}(1 ether, PRICE);

        _transferShares(vault, collector, creator, 50_000 ether);
        vm.prank(buyer);
        (bought, ) = vault.buy{value: 400 ether}(SALE, PRICE);
        assertEq(bought, 50_000 ether);
        assertEq(vault.balanceOf(collector), SUPPLY - 350_000 ether, "the collector's shares were never touched");
    }

    // ---------------------------------------------------------------- endSale

    function test_endSale_closesTheSaleAndTheCreatorKeepsTheRest() public {
        RoyaltyVault vault = _securitizeSolo();
        _buy(vault, buyer, 100_000 ether);
        vm.expectEmit(address(vault));
        emit IRoyaltyVault.SaleEnded(SALE - 100_000 ether);
        vm.prank(creator);
        vault.endSale();
        assertFalse(vault.saleOpen());
        assertEq(vault.saleRemaining(), 0);
        assertEq(vault.balanceOf(creator), SUPPLY - 100_000 ether);
        vm.prank(buyer);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultSaleClosed.selector);
        vault.buy{value: 1 ether}(1 ether, PRICE);
        vm.prank(creator);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultSaleClosed.selector);
        vault.endSale();
        assertEq(vault.proceeds(), 100 ether, "proceeds of the closed sale stay withdrawable");
    }

    function test_endSale_onlyTheCreator() public {
        RoyaltyVault vault = _securitizeSolo();
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultNotCreator.selector, buyer));
        vault.endSale();
    }

    /// @dev Shares of a matured vault earn nothing more: the sale closes at maturity by itself.
    function test_buy_closedAtMaturity() public {
        RoyaltyVault vault = _securitizeSolo();
        vm.warp(vault.maturity() - 1);
        assertTrue(vault.saleOpen());
        _buy(vault, buyer, 1 ether);
        vm.warp(vault.maturity());
        assertFalse(vault.saleOpen());
        assertEq(vault.saleRemaining(), 0);
        assertEq(vault.saleAvailable(), 0);
        vm.prank(buyer);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultSaleClosed.selector);
        vault.buy{value: 1 ether}(1 ether, PRICE);
    }

    // ---------------------------------------------------------------- proceeds

    function test_withdrawProceeds_toAnyAddressOnce() public {
        RoyaltyVault vault = _securitizeSolo();
        _buy(vault, buyer, 2_000 ether);
        _buy(vault, buyer2, 3_000 ether);
        address wallet = makeAddr("wallet");
        vm.expectEmit(address(vault));
        emit IRoyaltyVault.ProceedsWithdrawn(wallet, 5 ether);
        vm.prank(creator);
        assertEq(vault.withdrawProceeds(wallet), 5 ether);
        assertEq(wallet.balance, 5 ether);
        assertEq(vault.proceeds(), 0);
        assertEq(address(vault).balance, 0);
        vm.prank(creator);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultNoProceeds.selector);
        vault.withdrawProceeds(wallet);
    }

    function test_withdrawProceeds_onlyTheCreator() public {
        RoyaltyVault vault = _securitizeSolo();
        _buy(vault, buyer, 2_000 ether);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultNotCreator.selector, buyer));
        vault.withdrawProceeds(buyer);
    }

    // ---------------------------------------------------------------- hostile parties

    /// @dev A creator contract that refuses ETH, or burns all gas, cannot block buyers (proceeds are pulled); it
    /// only fails its own withdrawal, and can still withdraw to another address.
    function test_hostileCreator_cannotBlockBuyers() public {
        MarketHostileSeller hostile = new MarketHostileSeller();
        RoyaltyVault vault = _securitizeByContract(hostile);
        hostile.setMode(MarketHostileSeller.Mode.Revert);
        _buy(vault, buyer, 1_000 ether);
        hostile.setMode(MarketHostileSeller.Mode.BurnGas);
        _buy(vault, buyer2, 1_000 ether);
        assertEq(vault.proceeds(), 2 ether);

        // its own withdrawal burns the gas it was given (all of it: the recipient is its own choice) and fails
        vm.prank(address(hostile));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultTransferFailed.selector, address(hostile)));
        vault.withdrawProceeds{gas: 1_000_000}(address(hostile));
        hostile.setMode(MarketHostileSeller.Mode.Revert);
        vm.prank(address(hostile));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultTransferFailed.selector, address(hostile)));
        vault.withdrawProceeds(address(hostile));
        assertEq(vault.proceeds(), 2 ether, "still owed");

        address wallet = makeAddr("hostile's wallet");
        vm.prank(address(hostile));
        vault.withdrawProceeds(wallet);
        assertEq(wallet.balance, 2 ether);
    }

    /// @dev A creator whose receive re-enters withdrawProceeds is paid once.
    function test_hostileCreator_reentrantWithdrawalPaysOnce() public {
        MarketHostileSeller hostile = new MarketHostileSeller();
        RoyaltyVault vault = _securitizeByContract(hostile);
        _buy(vault, buyer, 3_000 ether);
        hostile.setReentry(address(vault), abi.encodeCall(IRoyaltyVault.withdrawProceeds, (address(hostile))), false);
        vm.prank(address(hostile));
        vault.withdrawProceeds(address(hostile));
        assertTrue(hostile.reentryAttempted());
        assertFalse(hostile.reentrySucceeded());
        assertEq(
            hostile.reentryRevertHash(),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector))
        );
        assertEq(hostile.received(), 3 ether, "paid once");
        assertEq(address(vault).balance, 0);
    }

    /// @dev A buyer contract whose refund re-enters buy gets the guard; a buyer that refuses its refund can still
    /// buy by sending the exact cost.
    function test_hostileBuyer_refundCannotReenterOrBlock() public {
        RoyaltyVault vault = _securitizeSolo();
        MarketHostileSeller hostile = new MarketHostileSeller();
        vm.deal(address(hostile), 10 ether);
        hostile.setReentry(address(vault), abi.encodeCall(IRoyaltyVault.buy, (1_000 ether, PRICE)), false);
        vm.prank(address(hostile));
        vault.buy{value: 2 ether}(1_000 ether, PRICE);
        assertFalse(hostile.reentrySucceeded());
        assertEq(vault.balanceOf(address(hostile)), 1_000 ether, "bought once");
        assertEq(hostile.received(), 1 ether, "refunded once");

        hostile.setMode(MarketHostileSeller.Mode.Revert);
        vm.prank(address(hostile));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultTransferFailed.selector, address(hostile)));
        vault.buy{value: 2 ether}(1_000 ether, PRICE);
        vm.prank(address(hostile));
        vault.buy{value: 1 ether}(1_000 ether, PRICE);
        assertEq(vault.balanceOf(address(hostile)), 2_000 ether);
    }

    // ---------------------------------------------------------------- helpers

    function _dutch(
        IDutchAuction.Curve curve
    ) internal view returns (IRoyaltyVaultFactory.SecuritizeParams memory params) {
        params = _params(solo);
        (params.startPrice, params.endPrice, params.saleDuration, params.curve) = (HIGH, LOW, FALL, curve);
    }

    function _price(RoyaltyVault vault) internal view returns (uint256 price) {
        (price, ) = vault.quote(1 ether);
    }

    /// @dev `hostile` registers a track (it is its creator) and securitizes it on the default terms.
    function _securitizeByContract(MarketHostileSeller hostile) internal returns (RoyaltyVault) {
        vm.deal(address(hostile), BASIC_FEE);
        uint256 tokenId = _mintTrack(address(hostile), "a hostile creator's track");
        return _securitize(address(hostile), _params(tokenId));
    }
}
