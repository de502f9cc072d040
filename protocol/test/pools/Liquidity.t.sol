// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {PoolFixture} from "./PoolFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {IPool} from "../../contracts/interfaces/IPool.sol";

contract LiquidityTest is PoolFixture {
    Pool internal pool;

    function setUp() public override {
        super.setUp();
        pool = Pool(factory.createPool(address(fraction), address(token)));
    }

    function _deposit(address who, uint256 amountFraction, uint256 amountMint) internal returns (uint256) {
        _fund(address(fraction), who, amountFraction);
        _fund(address(token), who, amountMint);
        vm.startPrank(who);
        fraction.transfer(address(pool), amountFraction);
        token.transfer(address(pool), amountMint);
        uint256 liquidity = pool.mint(who);
        vm.stopPrank();
        return liquidity;
    }

    function _withdraw(address who, uint256 liquidity) internal returns (uint256 amount0, uint256 amount1) {
        vm.startPrank(who);
        pool.transfer(address(pool), liquidity);
        (amount0, amount1) = pool.burn(who);
        vm.stopPrank();
    }

    function test_mint_firstDepositLocksTheMinimumLiquidity() public {
        uint256 liquidity = _deposit(lp, 400 ether, 100 ether);
        assertEq(liquidity, Math.sqrt(400 ether * 100 ether) - pool.MINIMUM_LIQUIDITY());
        assertEq(pool.balanceOf(pool.DEAD()), pool.MINIMUM_LIQUIDITY());
        assertEq(pool.totalSupply(), 200 ether);
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        assertEq(reserve0 + reserve1, 500 ether);
    }

    function test_mint_emitsMintAndSync() public {
        fraction.mint(address(pool), 4 ether);
        _fund(address(token), address(pool), 1 ether);
        (uint112 r0, uint112 r1) = pool.token0() == address(fraction)
            ? (uint112(4 ether), uint112(1 ether))
            : (uint112(1 ether), uint112(4 ether));
        vm.expectEmit(address(pool));
        emit IPool.Sync(r0, r1);
        vm.expectEmit(address(pool));
        emit IPool.Mint(address(this), r0, r1);
        pool.mint(lp);
    }

    function test_mint_revertsWhenTheFirstDepositIsTooSmall() public {
        fraction.mint(address(pool), 1_000);
        _fund(address(token), address(pool), 1_000);
        vm.expectRevert(IPool.PoolInsufficientLiquidityMinted.selector);
        pool.mint(lp);
    }

    function test_mint_laterDepositsGetTheirShare() public {
        _deposit(lp, 100 ether, 100 ether);
        uint256 supply = pool.totalSupply();
        uint256 liquidity = _deposit(bob, 50 ether, 60 ether); // the extra MINT is a gift to the pool
        assertEq(liquidity, supply / 2);
    }

    function test_mint_revertsWithNothingDeposited() public {
        _deposit(lp, 100 ether, 100 ether);
        vm.expectRevert(IPool.PoolInsufficientLiquidityMinted.selector);
        pool.mint(lp);
    }

    function test_burn_paysTheShareAndKeepsTheMinimumLocked() public {
        uint256 liquidity = _deposit(lp, 100 ether, 100 ether);
        uint256 fractionBefore = fraction.balanceOf(lp);
        (uint256 amount0, uint256 amount1) = _withdraw(lp, liquidity);
        assertEq(amount0, amount1);
        assertEq(fraction.balanceOf(lp) - fractionBefore, 100 ether - 1_000);
        assertEq(pool.totalSupply(), pool.MINIMUM_LIQUIDITY());
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        assertEq(reserve0, 1_000);
        assertEq(reserve1, 1_000);
    }

    function test_burn_emitsBurn() public {
        uint256 liquidity = _deposit(lp, 100 ether, 100 ether);
        vm.prank(lp);
        pool.transfer(address(pool), liquidity);
        vm.expectEmit(address(pool));
        emit IPool.Burn(address(this), 100 ether - 1_000, 100 ether - 1_000, lp);
        pool.burn(lp);
    }

    function test_burn_revertsWithNothingToBurn() public {
        _deposit(lp, 100 ether, 100 ether);
        vm.expectRevert(IPool.PoolInsufficientLiquidityBurned.selector);
        pool.burn(lp);
    }

    /// @dev The first-LP inflation trick: eve mints the smallest supply, donates to make one LP token worth a fortune,
    /// and hopes the victim's deposit rounds down to her profit. The locked minimum liquidity takes most of the
    /// donation: she loses it, and the victim loses almost nothing.
    function test_mint_firstDepositorInflationFailsToSteal() public {
        uint256 donation = 1_000 ether;
        _fund(address(fraction), eve, 1_001 + donation);
        _fund(address(token), eve, 1_001 + donation);
        uint256 eveSpent = 2 * (1_001 + donation);
        vm.startPrank(eve);
        fraction.transfer(address(pool), 1_001);
        token.transfer(address(pool), 1_001);
        assertEq(pool.mint(eve), 1, "eve holds one LP token");
        fraction.transfer(address(pool), donation);
        token.transfer(address(pool), donation);
        pool.sync();
        vm.stopPrank();

        uint256 victimIn = 1_000 ether;
        uint256 victimLiquidity = _deposit(bob, victimIn, victimIn);
        assertGt(victimLiquidity, 0, "the victim's deposit does not round to zero");

        (uint256 eve0, uint256 eve1) = _withdraw(eve, 1);
        assertLt(eve0 + eve1, eveSpent / 100, "eve gets back under 1% of what she put in");
        (uint256 bob0, uint256 bob1) = _withdraw(bob, victimLiquidity);
        assertGt(bob0 + bob1, (2 * victimIn * 999) / 1_000, "the victim loses under 0.1%");
    }

    function test_sync_absorbsADonation() public {
        _deposit(lp, 100 ether, 100 ether);
        fraction.mint(address(pool), 5 ether);
        pool.sync();
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        assertEq(reserve0 + reserve1, 205 ether);
    }

    function test_skim_sendsTheExcessOverTheReserves() public {
        _deposit(lp, 100 ether, 100 ether);
        fraction.mint(address(pool), 5 ether);
        pool.skim(carol);
        assertEq(fraction.balanceOf(carol), 5 ether);
        assertEq(fraction.balanceOf(address(pool)), 100 ether);
    }

    function test_mint_revertsWhenABalanceOverflowsTheReserve() public {
        fraction.mint(address(pool), uint256(type(uint112).max) + 1);
        _fund(address(token), address(pool), 1 ether);
        vm.expectRevert(IPool.PoolOverflow.selector);
        pool.mint(lp);
    }

    function testFuzz_addThenRemove_neverReturnsMore(uint96 seed0, uint96 seed1, uint96 in0, uint96 in1) public {
        uint256 s0 = bound(seed0, 1e6, 1e24);
        uint256 s1 = bound(seed1, 1e6, 1e24);
        _deposit(lp, s0, s1);
        uint256 a = bound(in0, 1e6, 1e24);
        uint256 b = bound(in1, 1e6, 1e24);
        _fund(address(fraction), trader, a);
        _fund(address(token), trader, b);
        vm.startPrank(trader);
        fraction.transfer(address(pool), a);
        token.transfer(address(pool), b);
        try pool.mint(trader) returns (uint256 liquidity) {
            pool.transfer(address(pool), liquidity);
            // a share too small to pay out both tokens cannot be burned: the depositor gets nothing back
            try pool.burn(trader) {} catch {}
            assertLe(fraction.balanceOf(trader), a);
            assertLe(token.balanceOf(trader), b);
        } catch {}
        vm.stopPrank();
    }
}
