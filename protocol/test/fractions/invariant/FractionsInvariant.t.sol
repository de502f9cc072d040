// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFractionVault} from "../../../contracts/interfaces/IFractionVault.sol";
import {FractionsFixture} from "../FractionsFixture.sol";
import {FractionsHandler} from "./FractionsHandler.sol";

/// @notice The vault's invariants under random sequences (see FractionsHandler):
/// - solvency: its ETH covers every holder's claimable income plus every escrow (the live bid, failed bids, the
///   sale's unpaid proceeds); its MINT covers the claimable MINT; after a sale the proceeds cover every outstanding
///   fraction at the sale price, with at most a wei of dust per redemption;
/// - sums: the holders' fractions plus those locked in the vault are the supply minus what was burned, and the
///   vault's own fractions are exactly the locked objections, the live bid's and the failed bids';
/// - no free value: no account was ever paid (or is owed) more income than its exact share, in total no more than
///   came in; refunds never exceed failed deposits;
/// - custody: the vault holds the NFT until a sale, then the buyer does.
contract FractionsInvariantTest is FractionsFixture {
    FractionsHandler internal handler;
    address internal pool;
    address[] internal holders;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
        // a pool-like holder that renounced income (its balance earns nothing)
        pool = makeAddr("pool");
        vm.prank(pool);
        vault.renounceIncome();
        _send(collector, pool, 100 ether);
        holders = [collector, alice, bob, carol, pool];

        handler = new FractionsHandler(vault, IERC20(address(token)), holders);
        vm.prank(alice);
        assertTrue(token.transfer(address(handler), ALICE_AMOUNT / 2), "fund handler");

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](15);
        actions[0] = FractionsHandler.transfer.selector;
        actions[1] = FractionsHandler.depositETH.selector;
        actions[2] = FractionsHandler.depositMint.selector;
        actions[3] = FractionsHandler.claim.selector;
        actions[4] = FractionsHandler.startBuyout.selector;
        actions[5] = FractionsHandler.object.selector;
        actions[6] = FractionsHandler.withdrawObjection.selector;
        actions[7] = FractionsHandler.settle.selector;
        actions[8] = FractionsHandler.withdrawBid.selector;
        actions[9] = FractionsHandler.redeem.selector;
        actions[10] = FractionsHandler.redeemObjection.selector;
        actions[11] = FractionsHandler.sweepDust.selector;
        actions[12] = FractionsHandler.warp.selector;
        actions[13] = FractionsHandler.objectAll.selector; // whole balances locked: failures happen too
        actions[14] = FractionsHandler.windDown.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// @dev The handler's own checks (claims pay what claimable said, refunds and returned objections are exact,
    /// redemptions are mulDiv(price, amount, supply), the outcome of a settlement follows the rule) all held.
    function invariant_handlerChecksHeld() public view {
        assertEq(handler.violation(), "", "handler check failed");
    }

    function invariant_solvent() public view {
        uint256 owedEth;
        uint256 owedMint;
        for (uint256 i; i < holders.length; ++i) {
            owedEth += vault.claimable(holders[i], ETH);
            owedMint += vault.claimable(holders[i], address(token));
        }
        assertGe(address(vault).balance, owedEth + vault.escrowedETH(), "ETH covers income owed and escrow");
        assertGe(token.balanceOf(address(vault)), owedMint, "MINT covers income owed");

        // the escrow is what its parts say
        IFractionVault.Buyout memory buyout = vault.buyout();
        uint256 refunds;
        for (uint256 i; i < holders.length; ++i) {
            (uint256 eth, ) = vault.refundOf(holders[i]);
            refunds += eth;
        }
        uint256 live = vault.state() == IFractionVault.State.Live ? buyout.deposit : 0;
        assertEq(vault.escrowedETH(), live + refunds + vault.proceeds(), "escrow = live bid + refunds + proceeds");
    }

    function invariant_proceedsCoverEveryOutstandingFraction() public view {
        if (vault.state() != IFractionVault.State.Sold) {
            assertEq(vault.proceeds(), 0);
            return;
        }
        uint256 price = vault.buyout().price;
        uint256 covered = vault.proceeds() * SUPPLY;
        uint256 owed = price * vault.totalSupply();
        assertGe(covered, owed, "proceeds cover the outstanding fractions at the sale price");
        assertLe(covered - owed, (handler.ghostRedemptions() + 1) * SUPPLY, "dust <= a wei per redemption");
    }

    function invariant_fractionsAddUp() public view {
        uint256 held;
        uint256 locked;
        uint256 refunded;
        for (uint256 i; i < holders.length; ++i) {
            held += vault.balanceOf(holders[i]);
            (, uint256 objection) = vault.objectionOf(holders[i]);
            locked += objection;
            (, uint256 fractions) = vault.refundOf(holders[i]);
            refunded += fractions;
        }
        uint256 bid = vault.state() == IFractionVault.State.Live ? vault.buyout().fractionsIn : 0;
        assertEq(vault.balanceOf(address(vault)), locked + bid + refunded, "the vault holds exactly the escrow");
        assertEq(held + vault.balanceOf(address(vault)), vault.totalSupply(), "every fraction is somewhere");
        assertEq(vault.totalSupply(), SUPPLY - handler.ghostBurned(), "supply less what was burned");
        if (vault.state() != IFractionVault.State.Sold) assertEq(vault.totalSupply(), SUPPLY, "no burn before a sale");
    }

    /// @dev Nobody was paid or is owed more income than its exact share (1 wei of rounding allowed), and in
    /// total no more than came in.
    function invariant_noIncomeBeyondEntitlement() public view {
        address[2] memory assets = handler.assets();
        for (uint256 a; a < 2; ++a) {
            uint256 total = handler.ghostClaimedTotal(assets[a]);
            for (uint256 i; i < holders.length; ++i) {
                uint256 owed = vault.claimable(holders[i], assets[a]);
                uint256 got = handler.ghostClaimed(holders[i], assets[a]) + owed;
                assertLe(got, handler.entitledScaled(holders[i], assets[a]) / 1e27 + 1, "within its share");
                total += owed;
            }
            assertLe(total, handler.ghostIncome(assets[a]), "no more than came in");
        }
        assertEq(vault.claimable(pool, ETH) + handler.ghostClaimed(pool, ETH), 0, "the renounced pool earns nothing");
    }

    function invariant_refundsNeverExceedFailedDeposits() public view {
        for (uint256 i; i < holders.length; ++i) {
            (uint256 eth, ) = vault.refundOf(holders[i]);
            assertEq(
                handler.ghostRefunded(holders[i]) + eth,
                handler.ghostFailedDeposits(holders[i]),
                "refunded + owed == failed deposits"
            );
        }
    }

    function invariant_custody() public view {
        if (vault.state() == IFractionVault.State.Sold) {
            assertEq(music.ownerOf(track), vault.buyout().bidder, "the buyer holds the NFT");
            (address roleHolder, ) = splitter.rolesOf(track);
            assertEq(roleHolder, vault.buyout().bidder, "and collects the track");
        } else {
            assertEq(music.ownerOf(track), address(vault), "the vault holds the NFT");
        }
    }
}
