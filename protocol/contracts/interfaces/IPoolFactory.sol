// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IPoolFactory
/// @notice Creates one constant-product pool per token pair, at a CREATE2 address fixed by the pair, and holds the
/// swap fee of every pool (basis points, default 30 = 0.30%, settable by the owner, the timelock, within
/// [0, MAX_FEE_BPS]). Each pool keeps a copy of the fee (reading it here on every swap cost ~3,300 gas): a change
/// reaches a pool when anyone calls its `syncFee()` (a fee proposal includes those calls for existing pools).
interface IPoolFactory {
    /// @notice Both tokens are the same.
    error PoolFactoryIdenticalTokens(address token);
    /// @notice A token is the zero address.
    error PoolFactoryZeroAddress();
    /// @notice The pair already has its pool.
    error PoolFactoryPoolExists(address pool);
    /// @notice The fee is above MAX_FEE_BPS.
    error PoolFactoryFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);

    /// @notice A pool for `token0` < `token1` was created; `index` is its position in `allPools`.
    event PoolCreated(address indexed token0, address indexed token1, address pool, uint256 index);
    /// @notice The swap fee of every pool changed (basis points).
    event FeeSet(uint256 oldFeeBps, uint256 newFeeBps);

    /// @notice The pool of a pair, in either order, or zero.
    function getPool(address tokenA, address tokenB) external view returns (address pool);

    /// @notice The address the pair's pool has or will have.
    function poolAddress(address tokenA, address tokenB) external view returns (address pool);

    /// @notice The swap fee of every pool, basis points.
    function feeBps() external view returns (uint16);

    /// @notice Number of pools created.
    function allPoolsLength() external view returns (uint256);

    /// @notice Creates the pool of a pair. Anyone may call it.
    function createPool(address tokenA, address tokenB) external returns (address pool);

    /// @notice Sets the swap fee (owner only), basis points, at most MAX_FEE_BPS.
    function setFeeBps(uint16 newFeeBps) external;
}
