// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title PoolMath
/// @notice Constant-product quotes with a fee in basis points, shared by the pool and the router so a quote is
/// exactly what the pool pays.
library PoolMath {
    /// @notice The quote has no input, or asks for no output.
    error PoolMathZeroAmount();
    /// @notice A reserve is empty, or the output asked for is not below the reserve.
    error PoolMathInsufficientLiquidity();

    uint256 internal constant BPS = 10_000;

    /// @notice The output for `amountIn`, after a fee of `feeBps` on the input (rounded down: in the pool's favour).
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut,
        uint256 feeBps
    ) internal pure returns (uint256) {
        if (amountIn == 0) revert PoolMathZeroAmount();
        if (reserveIn == 0 || reserveOut == 0) revert PoolMathInsufficientLiquidity();
        uint256 amountInWithFee = amountIn * (BPS - feeBps);
        return (amountInWithFee * reserveOut) / (reserveIn * BPS + amountInWithFee);
    }

    /// @notice The input that yields at least `amountOut` after the fee (rounded up: in the pool's favour).
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut,
        uint256 feeBps
    ) internal pure returns (uint256) {
        if (amountOut == 0) revert PoolMathZeroAmount();
        if (reserveIn == 0 || amountOut >= reserveOut) revert PoolMathInsufficientLiquidity();
        return (reserveIn * amountOut * BPS) / ((reserveOut - amountOut) * (BPS - feeBps)) + 1;
    }

    /// @notice `amountA` of A is worth this much B at the reserves' ratio (no fee): the amount to deposit alongside.
    function quote(uint256 amountA, uint256 reserveA, uint256 reserveB) internal pure returns (uint256) {
        if (amountA == 0) revert PoolMathZeroAmount();
        if (reserveA == 0 || reserveB == 0) revert PoolMathInsufficientLiquidity();
        return (amountA * reserveB) / reserveA;
    }

    /// @notice The pair in the pools' order, lower address first.
    function sortTokens(address tokenA, address tokenB) internal pure returns (address token0, address token1) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }
}
