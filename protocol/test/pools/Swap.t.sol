// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PoolFixture} from "./PoolFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {IPool} from "../../contracts/interfaces/IPool.sol";
import {PoolMath} from "../../contracts/pools/libraries/PoolMath.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";

contract SwapTest is PoolFixture {
    Pool internal pool;

    function setUp() public override {
        super.setUp();
        pool = _seed(address(token), address(weth), 10_000 ether, 10 ether);
        // the trader already holds both tokens and has approved the pool: the measured swap is a steady-state one
        _fund(address(token), trader, 1_000 ether);
        weth.mint(trader, 1 ether);
        vm.prank(trader);
        token.approve(address(pool), type(uint256).max);
    }

    function test_swapExactIn_paysTheQuotedAmount() public {
        (uint256 reserveIn, uint256 reserveOut) = _mintInReserves();
        uint256 expected = PoolMath.getAmountOut(100 ether, reserveIn, reserveOut, 30);
        uint256 wethBefore = weth.balanceOf(trader);

        vm.prank(trader);
        uint256 amountOut = pool.swapExactIn(address(token), 100 ether, expected, trader);

        assertEq(amountOut, expected);
        assertEq(weth.balanceOf(trader) - wethBefore, expected);
        assertEq(token.balanceOf(address(pool)), 10_100 ether);
    }

    function test_swapExactIn_emitsSwap() public {
        bool mintIsToken0 = pool.token0() == address(token);
        uint256 expected = 0.098715803439706129 ether; // 100 MINT at 1000:1, 0.30% fee
        vm.expectEmit(address(pool));
        if (mintIsToken0) emit IPool.Swap(trader, 100 ether, 0, 0, expected, bob);
        else emit IPool.Swap(trader, 0, 100 ether, expected, 0, bob);
        vm.prank(trader);
        pool.swapExactIn(address(token), 100 ether, 0, bob);
    }

    function test_swapExactIn_revertsBelowTheMinimum() public {
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolSlippage.selector, 0.098715803439706129 ether, 0.1 ether));
        pool.swapExactIn(address(token), 100 ether, 0.1 ether, trader);
    }

    function test_swapExactIn_revertsForAForeignToken() public {
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidToken.selector, address(fraction)));
        pool.swapExactIn(address(fraction), 1 ether, 0, trader);
    }

    function test_swapExactIn_revertsForZeroInput() public {
        vm.prank(trader);
        vm.expectRevert(IPool.PoolInsufficientInputAmount.selector);
        pool.swapExactIn(address(token), 0, 0, trader);
    }

    function test_swapExactIn_revertsWhenPayingToAPoolToken() public {
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IPool.PoolInvalidRecipient.selector, address(weth)));
        pool.swapExactIn(address(token), 1 ether, 0, address(weth));
    }

    function test_swap_revertsWithoutInput() public {
        (uint256 out0, uint256 out1) = pool.token0() == address(weth) ? (1 ether, uint256(0)) : (0, 1 ether);
        vm.expectRevert(IPool.PoolInsufficientInputAmount.selector);
        pool.swap(out0, out1, eve);
    }

    function test_swap_revertsWhenTheOutputBreaksK() public {
        // pay exactly the fee-free price: short of the fee, k after the fee decreases
        uint256 amountIn = 100 ether;
        uint256 feeFreeOut = (amountIn * 10 ether) / (10_000 ether + amountIn);
        _fund(address(token), eve, amountIn);
        vm.prank(eve);
        token.transfer(address(pool), amountIn);
        (uint256 out0, uint256 out1) = pool.token0() == address(weth) ? (feeFreeOut, uint256(0)) : (0, feeFreeOut);
        vm.expectRevert(IPool.PoolKDecreased.selector);
        pool.swap(out0, out1, eve);
    }

    function test_swap_revertsForNoOutputOrMoreThanTheReserve() public {
        vm.expectRevert(IPool.PoolInsufficientOutputAmount.selector);
        pool.swap(0, 0, eve);
        vm.expectRevert(IPool.PoolInsufficientLiquidity.selector);
        pool.swap(type(uint112).max, 0, eve);
    }

    function test_swap_lowLevelWithTheExactQuote() public {
        uint256 amountIn = 100 ether;
        (uint256 reserveIn, uint256 reserveOut) = _mintInReserves();
        uint256 out = PoolMath.getAmountOut(amountIn, reserveIn, reserveOut, 30);
        _fund(address(token), bob, amountIn);
        vm.prank(bob);
        token.transfer(address(pool), amountIn);
        (uint256 out0, uint256 out1) = pool.token0() == address(weth) ? (out, uint256(0)) : (0, out);
        pool.swap(out0, out1, bob);
        assertEq(weth.balanceOf(bob), out);
    }

    function test_swapExactIn_feeAccruesToTheLiquidityProviders() public {
        uint256 kBefore = _k(pool);
        for (uint256 i; i < 10; ++i) {
            uint256 wethOut = _swap(pool, trader, address(token), 500 ether);
            _swap(pool, trader, address(weth), wethOut);
        }
        assertGt(_k(pool), kBefore, "fees grow k at an unchanged LP supply");

        uint256 liquidity = pool.balanceOf(lp);
        vm.startPrank(lp);
        pool.transfer(address(pool), liquidity);
        pool.burn(lp);
        vm.stopPrank();
        // the LP put in 10,000 MINT and 10 WETH; round trips at a fee leave more MINT in the pool
        assertGt(token.balanceOf(lp), 10_000 ether - 1e6);
        assertGt(token.balanceOf(lp) * 1e18 + weth.balanceOf(lp) * 1_000e18, (20_000 ether) * 1e18);
    }

    /// @dev A fee the timelock sets reaches a pool when anyone syncs it, not before.
    function test_swapExactIn_feeFollowsTheFactoryOnceSynced() public {
        vm.prank(address(timelock));
        factory.setFeeBps(0);
        assertEq(pool.feeBps(), 30, "the pool's copy until someone syncs");
        vm.expectEmit(address(pool));
        emit IPool.FeeSynced(0);
        vm.prank(eve);
        pool.syncFee();
        assertEq(pool.feeBps(), 0);
        vm.prank(trader);
        uint256 noFee = pool.swapExactIn(address(token), 100 ether, 0, trader);
        assertEq(noFee, uint256(100 ether * 10 ether) / 10_100 ether);
    }

    function test_swapExactIn_feeOnTransferInputUsesWhatArrived() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(100); // 1%
        fot.mint(lp, 1_000 ether);
        weth.mint(lp, 1_000 ether);
        Pool fotPool = Pool(factory.createPool(address(fot), address(weth)));
        vm.startPrank(lp);
        fot.transfer(address(fotPool), 1_000 ether); // 990 arrive
        weth.transfer(address(fotPool), 1_000 ether);
        fotPool.mint(lp);
        vm.stopPrank();

        fot.mint(trader, 100 ether);
        vm.startPrank(trader);
        fot.approve(address(fotPool), 100 ether);
        uint256 out = fotPool.swapExactIn(address(fot), 100 ether, 0, trader);
        vm.stopPrank();
        assertEq(out, PoolMath.getAmountOut(99 ether, 990 ether, 1_000 ether, 30));
    }

    function testFuzz_swapExactIn_kNeverDecreases(uint256 amountIn, bool mintIn, uint16 feeBps) public {
        vm.prank(address(timelock));
        factory.setFeeBps(uint16(bound(feeBps, 0, 100)));
        pool.syncFee();
        address tokenIn = mintIn ? address(token) : address(weth);
        amountIn = bound(amountIn, 1e6, mintIn ? 1_000_000 ether : 1_000 ether);
        uint256 kBefore = _k(pool);
        _swap(pool, bob, tokenIn, amountIn);
        assertGe(_k(pool), kBefore);
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        assertEq(reserve0, IERC20(pool.token0()).balanceOf(address(pool)));
        assertEq(reserve1, IERC20(pool.token1()).balanceOf(address(pool)));
    }

    /// @dev (MINT reserve, WETH reserve)
    function _mintInReserves() internal view returns (uint256 reserveIn, uint256 reserveOut) {
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        (reserveIn, reserveOut) = pool.token0() == address(token) ? (reserve0, reserve1) : (reserve1, reserve0);
    }
}
