// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IIncomeShares} from "../../contracts/interfaces/IIncomeShares.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {IRoyaltyVault} from "../../contracts/interfaces/IRoyaltyVault.sol";
import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {PoolFactory} from "../../contracts/pools/PoolFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {MarketHostileSeller} from "../mocks/MarketHostileSeller.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice Attacks on a royalty vault, each failing for the reason the design gives: income is what the splitter
/// returns (donations count for nothing), the supply never changes, rounding is down, renounced and absent holders
/// earn nothing, and a hostile holder only ever fails its own claim.
contract AttacksTest is SecuritizationFixture {
    address internal pool;
    RoyaltyVault internal vault;

    function setUp() public override {
        super.setUp();
        pool = makeAddr("pool");
        vault = _securitizeSolo();
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        _depositMint(solo, 1_000 ether);
    }

    // ---------------------------------------------------------------- the pool's renounce

    /// @dev The pool-renounce attack of fractions/PoolIncomeAttacks.t.sol on royalty shares: one share unit sent to
    /// the royalty-shares/MINT pool's CREATE2 address and a few wei carved at the splitter made the pool's capped
    /// renounce (which synced, pulling the splitter) run out of gas and fail silently; the pool then earned income
    /// nobody could claim. The renounce no longer calls the source: the pool renounces, and the income its shares
    /// would have earned is the other holders'.
    function test_attack_sharesPoolCannotBeMadeToKeepIncome() public {
        PoolFactory factory = new PoolFactory(address(timelock));
        address predicted = factory.poolAddress(address(vault), address(token));
        _transferShares(vault, buyer, predicted, 1);
        _depositETH(solo, 30);
        _depositMint(solo, 30);
        vm.cool(address(vault));
        vm.cool(address(splitter));
        vm.cool(address(token));
        address created = factory.createPool(address(vault), address(token));
        assertEq(created, predicted);
        assertTrue(vault.incomeRenounced(created), "renounced");

        _transferShares(vault, buyer, created, 100_000 ether);
        _depositETH(solo, 1 ether);
        _depositMint(solo, 1_000 ether);
        for (uint256 a; a < 2; ++a) {
            address asset = a == 0 ? ETH : address(token);
            assertEq(vault.claimable(created, asset), 0, "the pool earns nothing");
            uint256 income = _balanceOf(asset, address(vault)) + splitter.streamOwed(address(vault), asset);
            if (asset == ETH) income -= vault.proceeds();
            uint256 holders = vault.claimable(buyer, asset) + vault.claimable(creator, asset);
            assertApproxEqAbs(holders, income, 3, "every wei of income is the holders'");
        }
    }

    // ---------------------------------------------------------------- donations (inflation)

    /// @dev ETH forced in (selfdestruct, coinbase) raises the balance, not anyone's claim: income is measured by
    /// what the splitter returns, and the donation just stays here.
    function test_attack_forcedETHDonationChangesNoClaim() public {
        uint256 buyerBefore = vault.claimable(buyer, ETH);
        uint256 creatorBefore = vault.claimable(creator, ETH);
        vm.deal(address(vault), address(vault).balance + 100 ether);
        vault.sync();
        assertEq(vault.claimable(buyer, ETH), buyerBefore);
        assertEq(vault.claimable(creator, ETH), creatorBefore);
        (uint256 eth, ) = _claim(vault, buyer);
        assertEq(eth, 0.19 ether, "40% of the income, nothing of the donation");
        (eth, ) = _claim(vault, creator);
        assertEq(eth, 0.285 ether);
        assertEq(address(vault).balance, 100 ether + vault.proceeds(), "the donation is never paid out");
    }

    /// @dev MINT sent straight to the vault is never income either (no balance difference is ever read).
    function test_attack_tokenDonationIsNeverIncome() public {
        vm.prank(alice);
        assertTrue(token.transfer(address(vault), 1_000_000 ether));
        vault.sync();
        assertEq(vault.claimable(buyer, address(token)), 190 ether);
        (, uint256 mint) = _claim(vault, buyer);
        assertEq(mint, 190 ether);
    }

    /// @dev A plain ETH transfer from anyone but the splitter is refused.
    function test_attack_plainETHTransferIsRefused() public {
        vm.deal(eve, 1 ether);
        vm.prank(eve);
        (bool ok, bytes memory reason) = address(vault).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(reason, abi.encodeWithSelector(IIncomeShares.IncomeSharesUnexpectedETH.selector, eve));
    }

    /// @dev Nobody but the vault can pull the vault's stream: withdrawStream pays the caller's own balance.
    function test_attack_nobodyElseCanPullTheStream() public {
        vm.prank(eve);
        assertEq(splitter.withdrawStream(ETH), 0);
        assertEq(splitter.streamOwed(address(vault), ETH), 0.475 ether);
    }

    /// @dev Nobody can start a stream on someone else's income by calling the splitter directly.
    function test_attack_streamsStartOnlyThroughARegistrar() public {
        uint256 tokenId = _mintTrack(creator, "another");
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotStreamRegistrar.selector, eve));
        splitter.startStream(tokenId, creator, eve, 10_000, uint40(block.timestamp + 365 days));
    }

    // ---------------------------------------------------------------- rounding (1-wei holders)

    /// @dev The smallest holding in the smallest vault (1 share unit of 1e18) earns 0.475 wei per 1 ETH deposit.
    /// Settling after every deposit (a transfer to itself settles nothing; a 1-unit round trip does) only loses
    /// the fractions: it never earns more than its exact share, and the holders together never more than came in.
    function test_attack_oneUnitHolderGetsNoMoreThanItsShare() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(duet);
        (params.supply, params.saleAmount, params.bps) = (1e18, 1, 10_000);
        vm.prank(coAuthor);
        RoyaltyVault tiny = RoyaltyVault(payable(factory.securitize(params)));
        vm.deal(eve, 1 ether);
        _buy(tiny, eve, 1);
        assertEq(tiny.balanceOf(eve), 1);
        // each 1 ETH deposit: creators 0.95, the co-author's 40% = 0.38 ETH to the vault, 0.38 wei per unit
        for (uint256 i; i < 10; ++i) {
            _depositETH(duet, 1 ether);
            _transferShares(tiny, eve, buyer2, 1);
            _transferShares(tiny, buyer2, eve, 1);
        }
        assertLe(tiny.claimable(eve, ETH), 3, "never above the exact share, 3.8 wei");
        assertEq(tiny.claimable(eve, ETH), 0, "each settlement rounded its 0.38 wei down");
        assertEq(tiny.claimable(buyer2, ETH), 0);
        assertLe(tiny.claimable(eve, ETH) + tiny.claimable(coAuthor, ETH), 10 * 0.38 ether);

        // holding still, the fractions accumulate in the 27-decimal accumulator and are paid
        for (uint256 i; i < 10; ++i) _depositETH(duet, 1 ether);
        assertEq(tiny.claimable(eve, ETH), 3, "floor(10 x 0.38)");
    }

    // ---------------------------------------------------------------- renounced and absent holders

    /// @dev A pool that renounced earns nothing from then on: the others share all of the income, and what it had
    /// earned before (it could never claim it) is theirs too.
    function test_attack_renouncedPoolEarnsNothingAndDilutesNobody() public {
        _transferShares(vault, creator, pool, 300_000 ether);
        vault.sync();
        _depositETH(solo, 1 ether);
        vault.sync();
        uint256 poolEarned = vault.claimable(pool, ETH);
        assertEq(poolEarned, 0.1425 ether, "30% of the second deposit");
        vm.expectEmit(address(vault));
        emit IIncomeShares.IncomeRenounced(pool);
        vm.prank(pool);
        vault.renounceIncome();
        assertTrue(vault.incomeRenounced(pool));
        assertEq(vault.eligibleSupply(), SUPPLY - 300_000 ether);

        assertEq(vault.claimable(pool, ETH), 0, "what it earned is forfeited");
        assertApproxEqAbs(vault.claimable(buyer, ETH), 0.38 ether + (poolEarned * 4) / 7, 1, "4/7 of it: the buyer's");
        uint256 buyerBefore = vault.claimable(buyer, ETH);
        _depositETH(solo, 7 ether);
        assertEq(vault.claimable(pool, ETH), 0, "nothing new for the pool");
        assertEq(vault.claimable(buyer, ETH) - buyerBefore, (7 * 0.475 ether * 4) / 7, "4/7 of the deposit");
        vm.prank(pool);
        vm.expectRevert(abi.encodeWithSelector(IIncomeShares.IncomeSharesAlreadyRenounced.selector, pool));
        vault.renounceIncome();

        // shares leaving the pool earn again
        _transferShares(vault, pool, buyer2, 100_000 ether);
        assertEq(vault.eligibleSupply(), SUPPLY - 200_000 ether);
        _depositETH(solo, 8 ether);
        assertEq(vault.claimable(buyer2, ETH), (8 * 0.475 ether) / 8, "1/8 of the deposit");
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vm.prank(pool);
        vault.claim(pool);
    }

    /// @dev While every share is renounced, income waits: nobody can claim it, and it goes to the first eligible
    /// holders once income is shared again, never lost and never paid twice. Later income is pro rata as usual.
    function test_attack_zeroEligibleSupplyPeriodLosesNothing() public {
        vault.sync();
        _transferShares(vault, creator, pool, SUPPLY - SALE);
        _transferShares(vault, buyer, pool, SALE);
        vm.prank(pool);
        vault.renounceIncome();
        assertEq(vault.eligibleSupply(), 0);
        _depositETH(solo, 2 ether);
        vault.sync();
        assertEq(vault.claimable(pool, ETH), 0);
        assertEq(vault.claimable(creator, ETH), 0.285 ether, "only what it earned before");
        assertEq(vault.claimable(buyer, ETH), 0.19 ether, "only what it earned before");

        _transferShares(vault, pool, buyer, 100_000 ether);
        _depositETH(solo, 1 ether);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether + 0.95 ether + 0.475 ether, "the waiting and the new");
        _transferShares(vault, pool, buyer2, 300_000 ether);
        _depositETH(solo, 1 ether);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether + 1.425 ether + 0.475 ether / 4);
        assertEq(vault.claimable(buyer2, ETH), (0.475 ether * 3) / 4, "no part of what waited");
        _claim(vault, buyer);
        _claim(vault, buyer2);
        _claim(vault, creator);
        assertEq(address(vault).balance, vault.proceeds(), "all of it paid, once");
    }

    /// @dev Shares sent to the vault itself would earn for nobody and never come back: refused.
    function test_attack_sharesCannotBeSentToTheVault() public {
        vm.prank(buyer);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultTransferToVault.selector);
        vault.transfer(address(vault), 1);
    }

    /// @dev The supply is minted once: no sequence of sales, transfers, claims and maturity changes it.
    function test_attack_supplyNeverChanges() public {
        _transferShares(vault, buyer, buyer2, 1 ether);
        _claim(vault, buyer);
        vm.warp(vault.maturity() + 1);
        _claim(vault, creator);
        assertEq(vault.totalSupply(), SUPPLY);
    }

    // ---------------------------------------------------------------- hostile holders

    /// @dev A holder that refuses ETH fails only its own claim; its income stays owed and the others claim.
    function test_attack_refusingHolderBlocksOnlyItself() public {
        MarketHostileSeller hostile = new MarketHostileSeller();
        hostile.setMode(MarketHostileSeller.Mode.Revert);
        _transferShares(vault, buyer, address(hostile), SALE / 2);
        _depositETH(solo, 1 ether);
        uint256 owed = vault.claimable(address(hostile), ETH);
        vm.prank(address(hostile));
        vm.expectRevert(abi.encodeWithSelector(IIncomeShares.IncomeSharesTransferFailed.selector, address(hostile)));
        vault.claim(address(hostile));
        _claim(vault, buyer);
        _claim(vault, creator);
        assertEq(vault.claimable(address(hostile), ETH), owed, "still owed");
        address wallet = makeAddr("wallet");
        vm.prank(address(hostile));
        vault.claim(wallet);
        assertEq(wallet.balance, owed);
    }
}
