// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IPoolFactory} from "../interfaces/IPoolFactory.sol";
import {IPoolRouter} from "../interfaces/IPoolRouter.sol";
import {PoolMath} from "./libraries/PoolMath.sol";

/// @title Router
/// @notice Liquidity and multi-hop swaps over the factory's pools with slippage limits and deadlines; see
/// IPoolRouter.
///
/// Invariant: holds no tokens after any call (tokens go from the caller straight to the pools and from the pools
/// straight to the recipient).
contract Router is IPoolRouter {
    using SafeERC20 for IERC20;

    /// @notice The factory whose pools the router uses.
    IPoolFactory public immutable factory;

    modifier ensure(uint256 deadline) {
        if (block.timestamp > deadline) revert RouterExpired(deadline);
        _;
    }

    constructor(IPoolFactory factory_) {
        factory = factory_;
    }

    // ---------------------------------------------------------------- liquidity

    /// @inheritdoc IPoolRouter
    function addLiquidity(
        AddLiquidityParams calldata params
    ) external ensure(params.deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        address pool = factory.getPool(params.tokenA, params.tokenB);
        if (pool == address(0)) pool = factory.createPool(params.tokenA, params.tokenB);
        (amountA, amountB) = _depositAmounts(
            pool,
            params.tokenA,
            params.amountADesired,
            params.amountBDesired,
            params.amountAMin,
            params.amountBMin
        );
        IERC20(params.tokenA).safeTransferFrom(msg.sender, pool, amountA);
        IERC20(params.tokenB).safeTransferFrom(msg.sender, pool, amountB);
        liquidity = IPool(pool).mint(params.to);
    }

    /// @inheritdoc IPoolRouter
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountA, uint256 amountB) {
        address pool = _pool(tokenA, tokenB);
        IERC20(pool).safeTransferFrom(msg.sender, pool, liquidity);
        (uint256 amount0, uint256 amount1) = IPool(pool).burn(to);
        (amountA, amountB) = tokenA == IPool(pool).token0() ? (amount0, amount1) : (amount1, amount0);
        if (amountA < amountAMin) revert RouterInsufficientAmountA(amountA, amountAMin);
        if (amountB < amountBMin) revert RouterInsufficientAmountB(amountB, amountBMin);
    }

    // ---------------------------------------------------------------- swaps

    /// @inheritdoc IPoolRouter
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountOut) {
        if (path.length < 2) revert RouterInvalidPath();
        IERC20 tokenOut = IERC20(path[path.length - 1]);
        uint256 balanceBefore = tokenOut.balanceOf(to);
        address pool = _pool(path[0], path[1]);
        IERC20(path[0]).safeTransferFrom(msg.sender, pool, amountIn);

        uint256 last = path.length - 1;
        for (uint256 i; i < last; ++i) {
            address next = i < last - 1 ? _pool(path[i + 1], path[i + 2]) : to;
            _swapHop(pool, path[i], path[i + 1], next);
            pool = next;
        }

        amountOut = tokenOut.balanceOf(to) - balanceBefore;
        if (amountOut < amountOutMin) revert RouterInsufficientOutput(amountOut, amountOutMin);
    }

    // ---------------------------------------------------------------- quotes

    /// @inheritdoc IPoolRouter
    function getAmountsOut(uint256 amountIn, address[] calldata path) external view returns (uint256[] memory amounts) {
        if (path.length < 2) revert RouterInvalidPath();
        amounts = new uint256[](path.length);
        amounts[0] = amountIn;
        for (uint256 i; i < path.length - 1; ++i) {
            address pool = _pool(path[i], path[i + 1]);
            (uint256 reserveIn, uint256 reserveOut) = _reserves(pool, path[i]);
            amounts[i + 1] = PoolMath.getAmountOut(amounts[i], reserveIn, reserveOut, IPool(pool).feeBps());
        }
    }

    /// @inheritdoc IPoolRouter
    function getAmountsIn(uint256 amountOut, address[] calldata path) external view returns (uint256[] memory amounts) {
        if (path.length < 2) revert RouterInvalidPath();
        amounts = new uint256[](path.length);
        amounts[path.length - 1] = amountOut;
        for (uint256 i = path.length - 1; i > 0; --i) {
            address pool = _pool(path[i - 1], path[i]);
            (uint256 reserveIn, uint256 reserveOut) = _reserves(pool, path[i - 1]);
            amounts[i - 1] = PoolMath.getAmountIn(amounts[i], reserveIn, reserveOut, IPool(pool).feeBps());
        }
    }

    // ---------------------------------------------------------------- internals

    /// @dev The amounts to deposit: all of the first deposit, else the most of the desired amounts at the pool's
    /// ratio, each at least its minimum.
    function _depositAmounts(
        address pool,
        address tokenA,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin
    ) private view returns (uint256 amountA, uint256 amountB) {
        (uint256 reserveA, uint256 reserveB) = _reserves(pool, tokenA);

        if (reserveA == 0 && reserveB == 0) {
            (amountA, amountB) = (amountADesired, amountBDesired);
        } else {
            uint256 amountBOptimal = PoolMath.quote(amountADesired, reserveA, reserveB);
            if (amountBOptimal <= amountBDesired) {
                (amountA, amountB) = (amountADesired, amountBOptimal);
            } else {
                (amountA, amountB) = (PoolMath.quote(amountBDesired, reserveB, reserveA), amountBDesired);
            }
        }
        if (amountA < amountAMin) revert RouterInsufficientAmountA(amountA, amountAMin);
        if (amountB < amountBMin) revert RouterInsufficientAmountB(amountB, amountBMin);
    }

    /// @dev Swaps what arrived at `pool` in `input` since its last update for `output`, paid to `recipient`
    /// (the next pool, or the final recipient).
    function _swapHop(address pool, address input, address output, address recipient) private {
        (uint256 reserveIn, uint256 reserveOut) = _reserves(pool, input);
        // what actually arrived at this pool (fee-on-transfer tokens deliver less)
        uint256 hopIn = IERC20(input).balanceOf(pool) - reserveIn;
        uint256 hopOut = PoolMath.getAmountOut(hopIn, reserveIn, reserveOut, IPool(pool).feeBps());
        (uint256 amount0Out, uint256 amount1Out) = input < output ? (uint256(0), hopOut) : (hopOut, uint256(0));
        IPool(pool).swap(amount0Out, amount1Out, recipient);
    }

    function _pool(address tokenA, address tokenB) private view returns (address pool) {
        pool = factory.getPool(tokenA, tokenB);
        if (pool == address(0)) revert RouterPoolNotFound(tokenA, tokenB);
    }

    /// @dev The reserves of `pool` ordered as (reserve of `tokenIn`, reserve of the other token).
    function _reserves(address pool, address tokenIn) private view returns (uint256 reserveIn, uint256 reserveOut) {
        (uint112 reserve0, uint112 reserve1, ) = IPool(pool).getReserves();
        (reserveIn, reserveOut) = tokenIn == IPool(pool).token0() ? (reserve0, reserve1) : (reserve1, reserve0);
    }
}
