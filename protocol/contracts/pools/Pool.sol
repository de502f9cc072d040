// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IPoolFactory} from "../interfaces/IPoolFactory.sol";
import {PoolMath} from "./libraries/PoolMath.sol";

/// @title Pool
/// @notice A constant-product pool of two ERC-20 tokens with an ERC-20 LP token; see IPool.
///
/// Invariant: reserve0 <= token0.balanceOf(pool) and reserve1 <= token1.balanceOf(pool) after every call;
/// reserve0 * reserve1 never decreases across a swap (the fee stays in the pool); totalSupply() >=
/// MINIMUM_LIQUIDITY once initialised, that part held by DEAD forever.
contract Pool is IPool, ERC20 {
    using SafeTransferLib for address;

    /// @notice LP tokens burned into DEAD by the first deposit, so the share price can never be inflated from a
    /// near-empty supply.
    uint256 public constant MINIMUM_LIQUIDITY = 1_000;
    /// @notice Holds the locked minimum liquidity (OpenZeppelin's ERC20 refuses to mint to zero).
    address public constant DEAD = 0x000000000000000000000000000000000000dEaD;
    /// @notice Gas given to an income token's `renounceIncome()` in the constructor: IncomeShares needs at most
    /// ~110,000 with three income assets on cold storage, whatever the pool's balance and income (tested).
    uint256 public constant RENOUNCE_INCOME_GAS = 200_000;

    /// @inheritdoc IPool
    address public immutable factory;
    /// @inheritdoc IPool
    address public immutable token0;
    /// @inheritdoc IPool
    address public immutable token1;

    // one slot, as Uniswap v2: a swap reads and writes it once
    uint112 private _reserve0;
    uint112 private _reserve1;
    uint32 private _blockTimestampLast; // seconds, modulo 2**32

    /// @inheritdoc IPool
    uint256 public price0CumulativeLast;
    /// @inheritdoc IPool
    uint256 public price1CumulativeLast;

    /// @inheritdoc IPool
    /// @dev A copy of the factory's fee: a swap reads this slot (2,100 gas) instead of calling the factory.
    uint16 public feeBps;

    bool private transient _locked;

    modifier lock() {
        if (_locked) revert PoolLocked();
        _locked = true;
        _;
        _locked = false;
    }

    /// @dev Deployed by the factory with CREATE2; `token0_ < token1_`.
    constructor(address token0_, address token1_) ERC20("FlyAIMusic Pool LP", "FLY-LP") {
        factory = msg.sender;
        token0 = token0_;
        token1 = token1_;
        feeBps = IPoolFactory(msg.sender).feeBps();
        _optOutOfVoting(token0_);
        _optOutOfVoting(token1_);
        _renounceIncome(token0_);
        _renounceIncome(token1_);
    }

    /// @dev A pool cannot vote, and MINT counts every holder as voting by default: left in, every swap would also
    /// write the pool's vote checkpoints (~25,000 gas). `delegate(address(0))` opts a MINT (or any ERC20Votes)
    /// holder out; tokens without it ignore the call. Gas-capped and its result ignored: a token cannot block
    /// its own pool this way.
    function _optOutOfVoting(address token) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = token.call{gas: 100_000}(abi.encodeWithSignature("delegate(address)", address(0)));
        ok; // either way the pool works: a token without votes has nothing to opt out of
    }

    /// @dev Income-sharing tokens (fractions, royalty shares; see IIncomeShares) pay income to holders who claim
    /// it; a pool cannot claim, so its share would be stuck. `renounceIncome()` hands it to every other holder
    /// instead (with anything the pool's address earned before the pool existed: shares can be sent to a CREATE2
    /// address in advance): LPs earn the pool's swap fees, not the income of the tokens they deposited (the README
    /// says so). Gas-capped, so a token cannot make its own pool's creation cost without bound; IncomeShares'
    /// renounce does bounded work whatever the pool's balance or pending income, well within the cap. Should it
    /// fail anyway (the token's re-entrancy lock held by a caller that creates the pool from inside a claim, or
    /// gas withheld), a token that answers `incomeRenounced(pool)` with false is an income token whose income would
    /// be stuck here forever (one pool per pair): the creation reverts instead. A token without the function (its
    /// call fails or answers otherwise) shares no income and has nothing to renounce.
    function _renounceIncome(address token) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = token.call{gas: RENOUNCE_INCOME_GAS}(abi.encodeWithSignature("renounceIncome()"));
        if (ok) return;
        (bool answered, bytes memory result) = token.staticcall{gas: 30_000}(
            abi.encodeWithSignature("incomeRenounced(address)", address(this))
        );
        if (answered && result.length == 32 && abi.decode(result, (uint256)) == 0) {
            revert PoolIncomeNotRenounced(token);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IPool
    function getReserves() external view returns (uint112, uint112, uint32) {
        if (_locked) revert PoolLocked();
        return (_reserve0, _reserve1, _blockTimestampLast);
    }

    /// @inheritdoc IPool
    function currentCumulativePrices() external view returns (uint256 price0Cumulative, uint256 price1Cumulative) {
        (uint112 reserve0, uint112 reserve1, uint32 last) = (_reserve0, _reserve1, _blockTimestampLast);
        (price0Cumulative, price1Cumulative) = (price0CumulativeLast, price1CumulativeLast);
        // unchecked: the time wraps modulo 2**32 and the accumulators modulo 2**256 by design (differences stay right)
        unchecked {
            uint32 elapsed = uint32(block.timestamp) - last;
            if (elapsed > 0 && reserve0 != 0 && reserve1 != 0) {
                price0Cumulative += _uq112x112(reserve1, reserve0) * elapsed;
                price1Cumulative += _uq112x112(reserve0, reserve1) * elapsed;
            }
        }
    }

    // ---------------------------------------------------------------- liquidity

    /// @inheritdoc IPool
    function mint(address to) external lock returns (uint256 liquidity) {
        (uint112 reserve0, uint112 reserve1, uint32 last) = (_reserve0, _reserve1, _blockTimestampLast);
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 amount0 = balance0 - reserve0;
        uint256 amount1 = balance1 - reserve1;

        uint256 supply = totalSupply();
        if (supply == 0) {
            uint256 root = Math.sqrt(amount0 * amount1);
            if (root <= MINIMUM_LIQUIDITY) revert PoolInsufficientLiquidityMinted();
            // unchecked: root > MINIMUM_LIQUIDITY just above
            unchecked {
                liquidity = root - MINIMUM_LIQUIDITY;
            }
            _mint(DEAD, MINIMUM_LIQUIDITY);
        } else {
            liquidity = Math.min((amount0 * supply) / reserve0, (amount1 * supply) / reserve1);
        }
        if (liquidity == 0) revert PoolInsufficientLiquidityMinted();
        _mint(to, liquidity);

        _update(balance0, balance1, reserve0, reserve1, last);
        emit Mint(msg.sender, amount0, amount1);
    }

    /// @inheritdoc IPool
    function burn(address to) external lock returns (uint256 amount0, uint256 amount1) {
        (uint112 reserve0, uint112 reserve1, uint32 last) = (_reserve0, _reserve1, _blockTimestampLast);
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 liquidity = balanceOf(address(this));
        uint256 supply = totalSupply();

        // pro rata of the balances (rounded down), so donations go to the LPs
        amount0 = (liquidity * balance0) / supply;
        amount1 = (liquidity * balance1) / supply;
        if (amount0 == 0 || amount1 == 0) revert PoolInsufficientLiquidityBurned();
        _burn(address(this), liquidity);
        token0.safeTransfer(to, amount0);
        token1.safeTransfer(to, amount1);

        (balance0, balance1) = _balances();
        _update(balance0, balance1, reserve0, reserve1, last);
        emit Burn(msg.sender, amount0, amount1, to);
    }

    // ---------------------------------------------------------------- swaps

    /// @inheritdoc IPool
    function swapExactIn(
        address tokenIn,
        uint256 amountIn,
        uint256 amountOutMin,
        address to
    ) external lock returns (uint256 amountOut) {
        bool zeroForOne = tokenIn == token0;
        if (!zeroForOne && tokenIn != token1) revert PoolInvalidToken(tokenIn);
        if (to == token0 || to == token1) revert PoolInvalidRecipient(to);
        uint256 fee = feeBps;

        uint256 balanceIn;
        {
            (uint256 reserveIn, uint256 reserveOut) = zeroForOne
                ? (uint256(_reserve0), uint256(_reserve1))
                : (uint256(_reserve1), uint256(_reserve0));
            tokenIn.safeTransferFrom(msg.sender, address(this), amountIn);
            balanceIn = IERC20(tokenIn).balanceOf(address(this));
            // what actually arrived (fee-on-transfer tokens deliver less than amountIn)
            if (balanceIn <= reserveIn) revert PoolInsufficientInputAmount();
            amountOut = PoolMath.getAmountOut(balanceIn - reserveIn, reserveIn, reserveOut, fee);
        }
        if (amountOut < amountOutMin) revert PoolSlippage(amountOut, amountOutMin);
        if (amountOut == 0) revert PoolInsufficientOutputAmount();

        // the input's balance is known: only the output's is read again after paying it
        address tokenOut = zeroForOne ? token1 : token0;
        tokenOut.safeTransfer(to, amountOut);
        uint256 balanceOut = IERC20(tokenOut).balanceOf(address(this));
        if (zeroForOne) _settle(balanceIn, balanceOut, 0, amountOut, to, fee);
        else _settle(balanceOut, balanceIn, amountOut, 0, to, fee);
    }

    /// @inheritdoc IPool
    function swap(uint256 amount0Out, uint256 amount1Out, address to) external lock {
        _swap(amount0Out, amount1Out, to, feeBps);
    }

    /// @inheritdoc IPool
    function syncFee() external lock {
        uint16 fee = IPoolFactory(factory).feeBps();
        feeBps = fee;
        emit FeeSynced(fee);
    }

    // ---------------------------------------------------------------- balances vs reserves

    /// @inheritdoc IPool
    function skim(address to) external lock {
        (uint256 balance0, uint256 balance1) = _balances();
        token0.safeTransfer(to, balance0 - _reserve0);
        token1.safeTransfer(to, balance1 - _reserve1);
    }

    /// @inheritdoc IPool
    function sync() external lock {
        (uint256 balance0, uint256 balance1) = _balances();
        _update(balance0, balance1, _reserve0, _reserve1, _blockTimestampLast);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Pays the outputs, then settles against the balances.
    function _swap(uint256 amount0Out, uint256 amount1Out, address to, uint256 fee) private {
        if (amount0Out == 0 && amount1Out == 0) revert PoolInsufficientOutputAmount();
        if (amount0Out >= _reserve0 || amount1Out >= _reserve1) revert PoolInsufficientLiquidity();
        if (to == token0 || to == token1) revert PoolInvalidRecipient(to);

        if (amount0Out > 0) token0.safeTransfer(to, amount0Out);
        if (amount1Out > 0) token1.safeTransfer(to, amount1Out);
        (uint256 balance0, uint256 balance1) = _balances();
        _settle(balance0, balance1, amount0Out, amount1Out, to, fee);
    }

    /// @dev Infers the inputs from the balances after the outputs were paid, checks k after the fee on the inputs,
    /// and stores the new reserves. Every output is below its reserve (checked by the callers).
    function _settle(
        uint256 balance0,
        uint256 balance1,
        uint256 amount0Out,
        uint256 amount1Out,
        address to,
        uint256 fee
    ) private {
        // the reserves' slot is warm here: reading it again costs little and keeps the stack shallow
        (uint112 reserve0, uint112 reserve1) = (_reserve0, _reserve1);
        (uint256 amount0In, uint256 amount1In) = _checkedInputs(
            balance0,
            balance1,
            reserve0 - amount0Out,
            reserve1 - amount1Out,
            reserve0,
            reserve1,
            fee
        );
        _update(balance0, balance1, reserve0, reserve1, _blockTimestampLast);
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    /// @dev The inputs a swap received (balances above what the reserves keep after the outputs), required to keep
    /// k once the fee on the inputs is set aside.
    function _checkedInputs(
        uint256 balance0,
        uint256 balance1,
        uint256 kept0,
        uint256 kept1,
        uint112 reserve0,
        uint112 reserve1,
        uint256 fee
    ) private pure returns (uint256 amount0In, uint256 amount1In) {
        // unchecked: each subtraction is guarded by the comparison before it
        unchecked {
            amount0In = balance0 > kept0 ? balance0 - kept0 : 0;
            amount1In = balance1 > kept1 ? balance1 - kept1 : 0;
        }
        if (amount0In == 0 && amount1In == 0) revert PoolInsufficientInputAmount();
        // balances above 2**112 make these products revert (checked arithmetic); _update rejects them anyway
        uint256 adjusted0 = balance0 * PoolMath.BPS - amount0In * fee;
        uint256 adjusted1 = balance1 * PoolMath.BPS - amount1In * fee;
        if (adjusted0 * adjusted1 < uint256(reserve0) * reserve1 * (PoolMath.BPS * PoolMath.BPS)) {
            revert PoolKDecreased();
        }
    }

    /// @dev Accumulates the old price over the time since the last update, then stores the new reserves.
    function _update(uint256 balance0, uint256 balance1, uint112 reserve0, uint112 reserve1, uint32 last) private {
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert PoolOverflow();
        uint32 now32 = uint32(block.timestamp); // modulo 2**32 by design
        // unchecked: the time wraps modulo 2**32 and the accumulators modulo 2**256 by design (differences stay right)
        unchecked {
            uint32 elapsed = now32 - last;
            if (elapsed > 0 && reserve0 != 0 && reserve1 != 0) {
                price0CumulativeLast += _uq112x112(reserve1, reserve0) * elapsed;
                price1CumulativeLast += _uq112x112(reserve0, reserve1) * elapsed;
            }
        }
        _reserve0 = uint112(balance0);
        _reserve1 = uint112(balance1);
        _blockTimestampLast = now32;
        emit Sync(uint112(balance0), uint112(balance1));
    }

    function _balances() private view returns (uint256 balance0, uint256 balance1) {
        balance0 = IERC20(token0).balanceOf(address(this));
        balance1 = IERC20(token1).balanceOf(address(this));
    }

    /// @dev numerator / denominator as UQ112x112 (fits in 224 bits: numerator < 2**112, denominator >= 1).
    function _uq112x112(uint112 numerator, uint112 denominator) private pure returns (uint256) {
        return (uint256(numerator) << 112) / denominator;
    }
}
