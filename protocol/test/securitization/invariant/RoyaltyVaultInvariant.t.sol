// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IDutchAuction} from "../../../contracts/interfaces/IDutchAuction.sol";
import {IRoyaltyVaultFactory} from "../../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../../contracts/securitization/RoyaltyVault.sol";
import {SecuritizationFixture} from "../SecuritizationFixture.sol";
import {RoyaltyVaultHandler} from "./RoyaltyVaultHandler.sol";

/// @notice The vault's invariants under random sequences (see RoyaltyVaultHandler):
/// - solvency, per asset: what the vault holds plus what waits for it at the splitter covers every holder's
///   claimable (and, in ETH, the creator's proceeds);
/// - no free value: claimed + claimable never exceeds the income the stream carved, and the vault received
///   exactly that income (nothing counted twice, nothing invented);
/// - each holder's income is its pro-rata share of every deposit made while it held shares, within a wei per
///   settlement;
/// - the seller loses nothing to rounding: its remaining splitter income plus the vault's income is exactly its
///   cut without a stream; the co-author's income is untouched;
/// - the supply never changes and every share is with one of the actors; the eligible supply is the
///   non-renounced balances;
/// - the sale sold at most what was offered, and every wei paid for shares is proceeds, owed or withdrawn.
contract RoyaltyVaultInvariantTest is SecuritizationFixture {
    uint256 internal constant SALE_AMOUNT = 600_000 ether;

    RoyaltyVaultHandler internal handler;
    RoyaltyVault internal vault;

    function setUp() public override {
        super.setUp();
        _assignRoles(duet);
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(duet);
        params.saleAmount = SALE_AMOUNT;
        (params.startPrice, params.endPrice, params.saleDuration, params.curve) = (
            0.002 ether,
            0.0005 ether,
            30 days,
            IDutchAuction.Curve.Linear
        );
        vault = _securitize(creator, params);
        handler = new RoyaltyVaultHandler(vault, splitter, IERC20(address(token)), makeAddr("pool"));
        vm.prank(alice);
        assertTrue(token.transfer(address(handler), 1_000_000 ether));

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](12);
        actions[0] = RoyaltyVaultHandler.buy.selector;
        actions[1] = RoyaltyVaultHandler.transfer.selector;
        actions[2] = RoyaltyVaultHandler.depositETH.selector;
        actions[3] = RoyaltyVaultHandler.depositMint.selector;
        actions[4] = RoyaltyVaultHandler.claim.selector;
        actions[5] = RoyaltyVaultHandler.sync.selector;
        actions[6] = RoyaltyVaultHandler.renounce.selector;
        actions[7] = RoyaltyVaultHandler.sellerWithdraw.selector;
        actions[8] = RoyaltyVaultHandler.withdrawProceeds.selector;
        actions[9] = RoyaltyVaultHandler.endSale.selector;
        actions[10] = RoyaltyVaultHandler.warp.selector;
        // deposits twice as likely: they are what the vault is about
        actions[11] = RoyaltyVaultHandler.depositETH.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_noCheckFailedInsideAnAction() public view {
        assertEq(handler.violation(), "");
    }

    function invariant_solvencyPerAsset() public view {
        address[] memory actors = handler.actors();
        address[2] memory assets = handler.assets();
        for (uint256 a; a < 2; ++a) {
            uint256 owed;
            for (uint256 i; i < actors.length; ++i) owed += vault.claimable(actors[i], assets[a]);
            uint256 held = _balanceOf(assets[a], address(vault)) + splitter.streamOwed(address(vault), assets[a]);
            if (assets[a] == ETH) owed += vault.proceeds();
            assertGe(held, owed, "holdings cover what is owed");
        }
    }

    function invariant_noFreeValue() public view {
        address[] memory actors = handler.actors();
        address[2] memory assets = handler.assets();
        for (uint256 a; a < 2; ++a) {
            address asset = assets[a];
            uint256 owed;
            for (uint256 i; i < actors.length; ++i) owed += vault.claimable(actors[i], asset);
            uint256 carved = handler.modelCarved(asset);
            assertLe(handler.ghostClaimedTotal(asset) + owed, carved, "claimed + claimable <= income carved");
            // what reached the vault or waits for it is exactly the income carved
            uint256 received = _balanceOf(asset, address(vault)) + handler.ghostClaimedTotal(asset);
            if (asset == ETH) received -= vault.proceeds();
            assertEq(received + splitter.streamOwed(address(vault), asset), carved, "income in == carved");
        }
    }

    function invariant_eachHolderGetsItsTimeWeightedShare() public view {
        address[] memory actors = handler.actors();
        address[2] memory assets = handler.assets();
        for (uint256 a; a < 2; ++a) {
            for (uint256 i; i < actors.length; ++i) {
                address account = actors[i];
                uint256 actual = handler.ghostClaimed(account, assets[a]) + vault.claimable(account, assets[a]);
                uint256 model = handler.modelIncomeScaled(account, assets[a]) / 1e27;
                assertLe(actual, model + 1, "never more than its share");
                assertGe(actual + handler.ghostSettlements(account) + 1, model, "less only by rounding");
            }
        }
    }

    function invariant_sellerPlusVaultIsTheSellersCut() public view {
        address[2] memory assets = handler.assets();
        for (uint256 a; a < 2; ++a) {
            address asset = assets[a];
            uint256 pot = handler.modelCreatorsPot(asset);
            uint256 seller = _splitterClaimable(creator, asset, duet) + handler.ghostSellerWithdrawn(asset);
            assertEq(seller + handler.modelCarved(asset), (pot * 6_000) / 10_000, "seller + vault == the cut");
            assertEq(_splitterClaimable(coAuthor, asset, duet), (pot * 4_000) / 10_000, "co-author untouched");
        }
    }

    function invariant_supplyAndEligibleSupply() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) sum += vault.balanceOf(actors[i]);
        assertEq(vault.totalSupply(), SUPPLY, "never minted or burned");
        assertEq(sum, SUPPLY, "every share is with an actor");
        assertEq(vault.eligibleSupply(), handler.modelEligible(), "eligible == non-renounced balances");
    }

    function invariant_saleWithinTheOffer() public view {
        (uint256 sold, uint256 paid, uint256 withdrawn) = handler.ghostSale();
        assertLe(sold, SALE_AMOUNT, "never more than offered");
        assertEq(paid, vault.proceeds() + withdrawn, "every wei paid is proceeds");
        if (vault.saleOpen()) assertEq(vault.saleRemaining(), SALE_AMOUNT - sold);
    }
}
