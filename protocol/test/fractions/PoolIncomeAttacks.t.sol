// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPool} from "../../contracts/interfaces/IPool.sol";
import {IPoolFactory} from "../../contracts/interfaces/IPoolFactory.sol";
import {IIncomeShares} from "../../contracts/interfaces/IIncomeShares.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {PoolFactory} from "../../contracts/pools/PoolFactory.sol";
import {FractionsFixture} from "./FractionsFixture.sol";
import {PoolCreatingHolder} from "./mocks/PoolCreatingHolder.sol";

/// @notice Attacks on the pool's income renounce (a pool cannot claim, so a fractions pool that kept earning would
/// hold income nobody can ever claim, for good: there is one pool per pair). The pool renounces in its constructor
/// under a gas cap; each attack tried to make that renounce fail while the pool still got created:
/// - donate and deposit: send one unit of fractions to the pool's CREATE2 address and leave a few wei of income at
///   the splitter, then create the pool. The old renounce synced (pulled the splitter) whenever the renouncer held
///   something: on cold state that needed more than the 100,000-gas cap, failed silently, and the pool earned (300
///   of 1,000 fractions in the pool: 3 ETH of every 10 ETH collector payout lost to every holder). Now the renounce
///   never calls the source and does the same bounded work whatever the balance or income;
/// - create the pool from inside a claim (the vault's re-entrancy lock held): the renounce reverts on the lock.
///   Now the pool asks the token `incomeRenounced(pool)` when the renounce fails, and an income token that says no
///   makes the creation revert.
/// Either way the income the pool's address earned before the pool existed goes to the holders, not to the pool.
contract PoolIncomeAttacksTest is FractionsFixture {
    uint256 internal constant PAYOUT = 100 ether; // its collector part, 10 ETH, is the holders' income

    PoolFactory internal factory;
    address internal predicted;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
        factory = new PoolFactory(address(timelock));
        predicted = factory.poolAddress(address(vault), address(token));
    }

    /// @dev A real network's state before the creation: nothing the renounce touches is warm.
    function _coolEverything() internal {
        vm.cool(address(vault));
        vm.cool(address(splitter));
        vm.cool(address(music));
        vm.cool(address(token));
        vm.cool(address(factory));
    }

    /// @dev What every holder outside the pool can claim, in `asset`.
    function _holdersClaimable(address asset) internal view returns (uint256) {
        return
            vault.claimable(collector, asset) +
            vault.claimable(alice, asset) +
            vault.claimable(bob, asset) +
            vault.claimable(carol, asset);
    }

    function test_attack_donationAndWaitingIncomeCannotMakeThePoolEarn() public {
        // the attacker (bob) donates one unit to the pool's future address and leaves a few wei at the splitter
        _send(bob, predicted, 1);
        _depositETH(track, 30);
        _depositMint(track, 30);
        _coolEverything();
        Pool pool = Pool(factory.createPool(address(vault), address(token)));
        assertEq(address(pool), predicted);
        assertTrue(vault.incomeRenounced(address(pool)), "renounced despite the donation and the waiting income");

        // alice provides liquidity with her 300 fractions; a 10 ETH collector payout follows
        vm.startPrank(alice);
        assertTrue(vault.transfer(address(pool), 300 ether));
        assertTrue(token.transfer(address(pool), 300 ether));
        pool.mint(alice);
        vm.stopPrank();
        _depositETH(track, PAYOUT);
        _depositMint(track, PAYOUT);

        assertEq(vault.claimable(address(pool), ETH), 0, "the pool earns nothing");
        assertEq(vault.claimable(address(pool), address(token)), 0);
        assertEq(vault.eligibleSupply(), SUPPLY - 300 ether - 1, "the pool's fractions are not eligible");
        // every wei of income (the few wei before the pool and the payout) is the holders', within rounding
        uint256 income = _collectorPart(30) + _collectorPart(PAYOUT);
        assertApproxEqAbs(_holdersClaimable(ETH), income, 4, "no ETH income lost");
        assertApproxEqAbs(_holdersClaimable(address(token)), income, 4, "no MINT income lost");
        assertApproxEqAbs(vault.claimable(collector, ETH), (_collectorPart(PAYOUT) * 400) / 700, 1);
    }

    /// @dev The pool's address earned income before the pool existed (the donation held shares through two
    /// payouts, one of them settled into `owed`): the renounce hands all of it to the holders.
    function test_attack_incomeEarnedAtThePoolsAddressGoesToTheHolders() public {
        _send(bob, predicted, 100 ether);
        _depositETH(track, PAYOUT);
        _send(bob, predicted, 1); // settles the address's income into `owed`
        _depositETH(track, PAYOUT);
        uint256 atTheAddress = vault.claimable(predicted, ETH);
        assertApproxEqAbs(atTheAddress, _collectorPart(PAYOUT) / 5, 2, "10% of two payouts");

        Pool pool = Pool(factory.createPool(address(vault), address(token)));

        assertEq(vault.claimable(address(pool), ETH), 0, "forfeited");
        assertApproxEqAbs(_holdersClaimable(ETH), 2 * _collectorPart(PAYOUT), 4, "all of it to the holders");
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vm.prank(address(pool));
        vault.claim(address(pool));
    }

    /// @dev The renounce's cost does not depend on what an attacker controls: the worst state (a balance, income
    /// owed and unsettled in both assets, income waiting at the splitter), cold, stays far below the pool's cap.
    function test_attack_renounceCostIsBoundedWhateverTheBalanceAndIncome() public {
        _send(bob, predicted, 50 ether);
        _depositETH(track, PAYOUT);
        _depositMint(track, PAYOUT);
        _send(bob, predicted, 1); // owed in both assets
        _depositETH(track, PAYOUT);
        _depositMint(track, PAYOUT);
        vault.sync(); // unsettled in both
        _depositETH(track, PAYOUT);
        _depositMint(track, PAYOUT); // and waiting at the splitter
        _coolEverything();
        vm.prank(predicted);
        uint256 before = gasleft();
        vault.renounceIncome();
        uint256 used = before - gasleft();
        emit log_named_uint("renounce gas, worst case", used);
        // the pool gives it RENOUNCE_INCOME_GAS (200,000)
        assertLt(used, 110_000, "bounded, far below the pool's cap");
    }

    /// @dev Created from inside a claim, the pool's renounce meets the vault's re-entrancy lock: the creation
    /// reverts (the pool would otherwise earn forever), and a later creation renounces as usual.
    function test_attack_poolCreatedInsideAClaimReverts() public {
        PoolCreatingHolder holder = new PoolCreatingHolder(vault, IPoolFactory(address(factory)), address(token));
        _send(bob, address(holder), 100 ether);
        _depositETH(track, PAYOUT);
        holder.claim();

        assertTrue(holder.attempted(), "the holder tried");
        assertEq(holder.created(), address(0), "no pool from inside the lock");
        assertEq(
            holder.creationRevertData(),
            abi.encodeWithSelector(IPool.PoolIncomeNotRenounced.selector, address(vault))
        );
        assertEq(factory.getPool(address(vault), address(token)), address(0));

        Pool pool = Pool(factory.createPool(address(vault), address(token)));
        assertTrue(vault.incomeRenounced(address(pool)));
    }

    /// @dev A token that shares no income (MINT) has nothing to renounce: its pools are created as before.
    function test_pool_aTokenWithoutIncomeIsNotAsked() public {
        address other = address(new PoolFactory(address(timelock))); // any contract without renounceIncome
        Pool pool = Pool(factory.createPool(address(token), other));
        assertEq(pool.token0() == address(token) ? pool.token1() : pool.token0(), other);
    }
}
