// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IPool
/// @notice A constant-product pool (x * y = k) of two ERC-20 tokens, in Uniswap v2's spirit: liquidity providers
/// hold an ERC-20 LP token, every swap pays a fee (basis points, held by the factory) that stays in the pool and so
/// accrues to the LPs. `token0 < token1` by address.
///
/// Two ways to swap: `swapExactIn` pulls the input from the caller with `transferFrom` (one transaction, no
/// separate transfer), and the low-level `swap` pays out first and then checks that the tokens sent in beforehand
/// keep k (the router uses it to chain pools in a multi-hop swap).
///
/// Reserves and the time of their last update share one storage slot (uint112, uint112, uint32). The price
/// accumulators add, per second, the reserve ratio as a UQ112x112 fixed-point number: a TWAP over [t0, t1] is
/// (cumulative(t1) - cumulative(t0)) / (t1 - t0), and a price moved and moved back within one block never enters it.
///
/// Invariant: reserves <= balances of the pool; k = reserve0 * reserve1 never decreases across a swap; once
/// initialised the LP supply is >= MINIMUM_LIQUIDITY, which stays locked at a dead address forever.
interface IPool {
    /// @notice The pool is in the middle of a call (re-entrancy through a token callback, or a read-only re-entry).
    error PoolLocked();
    /// @notice The token is neither token0 nor token1.
    error PoolInvalidToken(address token);
    /// @notice A swap's recipient is one of the pool's own tokens.
    error PoolInvalidRecipient(address to);
    /// @notice A swap asked for no output, or an exact-in swap whose output rounds to zero.
    error PoolInsufficientOutputAmount();
    /// @notice A swap found no input (nothing arrived before the low-level swap, or the pull delivered nothing).
    error PoolInsufficientInputAmount();
    /// @notice A swap's output exceeds the reserve.
    error PoolInsufficientLiquidity();
    /// @notice An exact-in swap gave less than the caller's minimum.
    error PoolSlippage(uint256 amountOut, uint256 amountOutMin);
    /// @notice The balances after a swap, less the fee on the input, have a smaller product than the reserves.
    error PoolKDecreased();
    /// @notice A deposit would mint no LP tokens.
    error PoolInsufficientLiquidityMinted();
    /// @notice A withdrawal would pay out nothing of one token.
    error PoolInsufficientLiquidityBurned();
    /// @notice A balance no longer fits the 112-bit reserve.
    error PoolOverflow();
    /// @notice `token` shares income (it answers `incomeRenounced`) but refused the pool's `renounceIncome()`: the pool
    /// is not created rather than created earning income nobody could claim (see Pool's constructor).
    error PoolIncomeNotRenounced(address token);

    /// @notice LP tokens were minted against `amount0` and `amount1` deposited.
    event Mint(address indexed sender, uint256 amount0, uint256 amount1);
    /// @notice LP tokens were burned and `amount0`, `amount1` paid to `to`.
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    /// @notice A swap: what came in and what went out to `to`.
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    /// @notice The reserves are now these (after every mint, burn, swap and sync).
    event Sync(uint112 reserve0, uint112 reserve1);

    /// @notice The pool's swap fee became the factory's.
    event FeeSynced(uint16 feeBps);

    /// @notice The factory that created the pool and holds its fee.
    function factory() external view returns (address);

    /// @notice The swap fee this pool charges (basis points): the factory's as of creation or the last `syncFee`.
    function feeBps() external view returns (uint16);

    /// @notice Copies the factory's fee into the pool. Anyone may call: governance sets the fee at the factory.
    function syncFee() external;

    /// @notice The token with the lower address.
    function token0() external view returns (address);

    /// @notice The token with the higher address.
    function token1() external view returns (address);

    /// @notice The reserves and the last update time (seconds, modulo 2**32). Reverts while the pool is locked, so
    /// a re-entrant caller never reads reserves that are mid-update.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    /// @notice Sum over time of reserve1 / reserve0, UQ112x112 times seconds, as of the last update (wraps).
    function price0CumulativeLast() external view returns (uint256);

    /// @notice Sum over time of reserve0 / reserve1, UQ112x112 times seconds, as of the last update (wraps).
    function price1CumulativeLast() external view returns (uint256);

    /// @notice Both accumulators as they would be if the pool were updated now (no state change).
    function currentCumulativePrices() external view returns (uint256 price0Cumulative, uint256 price1Cumulative);

    /// @notice Mints LP tokens to `to` for the tokens sent to the pool since the last update. The first deposit
    /// mints sqrt(amount0 * amount1), of which MINIMUM_LIQUIDITY goes to a dead address.
    function mint(address to) external returns (uint256 liquidity);

    /// @notice Burns the LP tokens sent to the pool and pays `to` their share of both balances.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);

    /// @notice Pays out `amount0Out` / `amount1Out` to `to`, then requires the tokens already sent in to keep k
    /// after the fee. For routers that transfer the input first.
    function swap(uint256 amount0Out, uint256 amount1Out, address to) external;

    /// @notice Pulls `amountIn` of `tokenIn` from the caller (allowance needed), pays the other token to `to`.
    /// The output is computed from what actually arrived (fee-on-transfer tokens welcome).
    /// @return amountOut paid to `to`, at least `amountOutMin`
    function swapExactIn(
        address tokenIn,
        uint256 amountIn,
        uint256 amountOutMin,
        address to
    ) external returns (uint256 amountOut);

    /// @notice Sends `to` whatever the balances hold above the reserves.
    function skim(address to) external;

    /// @notice Sets the reserves to the balances (after a donation, or a token that changed balances by itself).
    function sync() external;
}
