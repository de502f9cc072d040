// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FractionsFixture} from "./FractionsFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {PoolFactory} from "../../contracts/pools/PoolFactory.sol";

/// @notice Fractions trade in the protocol's pools: a pool cannot claim income, so it renounces it when created and
/// its share goes to the holders; LPs earn swap fees, and the fractions' income never gets stuck in a pool.
contract FractionsInAPoolTest is FractionsFixture {
    uint256 internal constant DEPOSIT = 10 ether;
    PoolFactory internal factory;
    Pool internal pool;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
        factory = new PoolFactory(address(timelock));
        pool = Pool(factory.createPool(address(vault), address(token)));
    }

    function test_pool_renouncesTheFractionsIncomeWhenCreated() public view {
        assertTrue(vault.incomeRenounced(address(pool)));
        assertEq(vault.eligibleSupply(), SUPPLY, "nothing in the pool yet");
    }

    /// @dev The pool renounces under a 100,000 gas cap in its constructor: that must hold on a real network, where
    /// the vault, the splitter and MusicNFT are cold, even with income waiting at the splitter.
    function test_pool_renouncesOnColdStateWithIncomeWaiting() public {
        _depositETH(track, DEPOSIT);
        _depositMint(track, DEPOSIT);
        vm.cool(address(vault));
        vm.cool(address(vault.terms().splitter));
        vm.cool(address(music));
        vm.cool(address(splitter));
        Pool other = Pool(factory.createPool(address(vault), makeAddr("another token")));
        assertTrue(vault.incomeRenounced(address(other)));
        assertApproxEqAbs(vault.claimable(collector, ETH), (_collectorPart(DEPOSIT) * 400) / 1_000, 1);
    }

    /// @dev Alice puts her 300 fractions in the pool: the income is shared by the 700 outside it.
    function test_pool_itsFractionsShareIsPaidToTheHolders() public {
        vm.prank(alice);
        assertTrue(vault.transfer(address(pool), 300 ether), "fractions in");
        vm.prank(alice);
        assertTrue(token.transfer(address(pool), 300 ether), "MINT in");
        pool.mint(alice);
        assertEq(vault.eligibleSupply(), 700 ether);

        _depositETH(track, DEPOSIT);
        uint256 part = _collectorPart(DEPOSIT);
        assertEq(vault.claimable(address(pool), ETH), 0, "the pool earns nothing");
        assertApproxEqAbs(vault.claimable(collector, ETH), (part * 400) / 700, 1);
        assertApproxEqAbs(vault.claimable(bob, ETH), (part * 200) / 700, 1);
        assertApproxEqAbs(vault.claimable(carol, ETH), (part * 100) / 700, 1);

        // a trader buys fractions out of the pool: the buyer earns from then on, not on what was paid before
        address trader = makeAddr("trader");
        vm.prank(alice);
        assertTrue(token.transfer(trader, 50 ether), "MINT for the trader");
        vm.startPrank(trader);
        token.approve(address(pool), 50 ether);
        uint256 bought = pool.swapExactIn(address(token), 50 ether, 0, trader);
        vm.stopPrank();
        assertEq(vault.balanceOf(trader), bought);
        assertEq(vault.claimable(trader, ETH), 0, "no income from before the purchase");
        _depositETH(track, DEPOSIT);
        assertApproxEqAbs(vault.claimable(trader, ETH), (part * bought) / (700 ether + bought), 1);
    }
}
