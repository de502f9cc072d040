// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IPoolRouter
/// @notice Periphery of the pools: adds liquidity at the pool's ratio, removes it, swaps along a path of pools
/// (multi-hop) and quotes. Every action has a deadline (seconds) and minimum amounts. The router never holds
/// tokens between calls.
interface IPoolRouter {
    /// @notice `block.timestamp` is past the deadline.
    error RouterExpired(uint256 deadline);
    /// @notice A path has fewer than two tokens.
    error RouterInvalidPath();
    /// @notice No pool for a pair on the path.
    error RouterPoolNotFound(address tokenA, address tokenB);
    /// @notice A swap gave less than the minimum.
    error RouterInsufficientOutput(uint256 amountOut, uint256 amountOutMin);
    /// @notice Liquidity added or removed with less of token A than the minimum.
    error RouterInsufficientAmountA(uint256 amountA, uint256 amountAMin);
    /// @notice Liquidity added or removed with less of token B than the minimum.
    error RouterInsufficientAmountB(uint256 amountB, uint256 amountBMin);

    /// @notice What `addLiquidity` takes (a struct, as Uniswap v3's periphery does, to keep the stack shallow).
    struct AddLiquidityParams {
        address tokenA;
        address tokenB;
        uint256 amountADesired;
        uint256 amountBDesired;
        uint256 amountAMin;
        uint256 amountBMin;
        address to; // receives the LP tokens
        uint256 deadline; // seconds
    }

    /// @notice Deposits at most the desired amounts at the pool's current ratio (creating the pool if needed) and
    /// mints LP tokens to `to`.
    function addLiquidity(
        AddLiquidityParams calldata params
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice Burns `liquidity` LP tokens of the caller (allowance to the router needed) and pays `to`.
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice Swaps `amountIn` of path[0] through each pool of the path; `to` receives at least `amountOutMin`
    /// of the last token. Fee-on-transfer tokens work: each hop uses what actually arrived.
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256 amountOut);

    /// @notice The amounts each hop would give for `amountIn` at the current reserves (standard tokens).
    function getAmountsOut(uint256 amountIn, address[] calldata path) external view returns (uint256[] memory);

    /// @notice The inputs each hop needs for the path to end with `amountOut` (standard tokens).
    function getAmountsIn(uint256 amountOut, address[] calldata path) external view returns (uint256[] memory);
}
