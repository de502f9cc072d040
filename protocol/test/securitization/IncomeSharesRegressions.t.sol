// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {PlainIncomeShares} from "./mocks/PlainIncomeShares.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice Regressions: defects of the IncomeShares base (protocol/contracts/shares/IncomeShares.sol) found while
/// building the royalty vault on it, each fixed in the base. Each test states the behaviour IIncomeShares promises
/// and failed on the unfixed base; the fix is in its comment.
contract IncomeSharesRegressionsTest is SecuritizationFixture {
    /// @dev IIncomeShares once promised "Income it already earned stays claimable" after `renounceIncome`, and the
    /// fix for the income still waiting at the splitter made the renounce sync first. That sync (a call to the
    /// source, whenever the renouncer held shares) is what let anyone make a pool's capped renounce run out of gas
    /// (fractions/PoolIncomeAttacks.t.sol). The rule now: a renouncer forfeits whatever it earned and did not
    /// claim, the waiting income included, to the other holders; a renouncer (a pool) cannot claim anyway, so
    /// nothing stays stuck with it and no income is lost.
    function test_regression_renounceForfeitsUnclaimedIncomeToTheHolders() public {
        address pool = makeAddr("pool");
        RoyaltyVault vault = _securitizeSolo();
        _transferShares(vault, creator, pool, 300_000 ether);
        _depositETH(solo, 1 ether);
        assertEq(vault.claimable(pool, ETH), 0.1425 ether, "30% of the income carved while the pool held 30%");
        vm.prank(pool);
        vault.renounceIncome();
        assertEq(vault.claimable(pool, ETH), 0, "forfeited");
        assertApproxEqAbs(vault.claimable(creator, ETH), 0.475 ether, 1, "the only other holder gets all of it");
    }

    /// @dev IIncomeShares: income that arrives while no eligible share exists "waits and is distributed with the
    /// next income ... never lost". A royalty vault gets no income after maturity, so income that waited is
    /// stranded forever once the term ends, even though eligible holders exist again.
    /// Fix: in `_distribute`, return early only if `amount + waiting == 0`, and share the waiting income whenever
    /// the eligible supply is non-zero (with or without new income); in `claimable`, fold `waiting` in under the
    /// same condition (`(incoming != 0 || accrual.waiting != 0) && _eligibleSupply != 0`).
    function test_regression_waitingIncomeIsStrandedAfterMaturity() public {
        address pool = makeAddr("pool");
        RoyaltyVault vault = _securitizeSolo();
        _transferShares(vault, creator, pool, SUPPLY);
        vm.prank(pool);
        vault.renounceIncome();
        _depositETH(solo, 1 ether);
        vault.sync();
        assertEq(address(vault).balance, 0.475 ether, "received, waiting for an eligible holder");

        _transferShares(vault, pool, buyer, 100_000 ether);
        vm.warp(vault.maturity());
        vault.sync();
        assertEq(vault.claimable(buyer, ETH), 0.475 ether, "the only eligible holder gets the waiting income");
    }

    /// @dev IIncomeShares: "a buyer never receives income that accrued before it held the shares". The base
    /// settles transfers against the last distribution, not against the income waiting at the source, so income
    /// that accrued before a transfer and was not yet synced goes to the receiver. The RoyaltyVault avoids it by
    /// syncing in its own `_beforeTokenTransfer`; any other subclass (FractionVault) inherits the defect.
    /// Fix: `_beforeTokenTransfer` calls `_syncAll()` before settling when `from != address(0)` (the concrete
    /// tokens' sources must then be trusted not to re-enter; the vault's override can drop its own sync).
    function test_regression_baseTransferSettlesAgainstStaleIncome() public {
        PlainIncomeShares shares = new PlainIncomeShares(100 ether);
        shares.accrue(10 ether);
        assertEq(shares.claimable(address(this), address(shares.asset())), 10 ether, "the holder's income");
        assertTrue(shares.transfer(buyer, 100 ether));
        assertEq(shares.claimable(buyer, address(shares.asset())), 0, "the buyer gets none of it");
        assertEq(shares.claimable(address(this), address(shares.asset())), 10 ether, "the seller keeps it");
    }
}
