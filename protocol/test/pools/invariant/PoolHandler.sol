// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {Pool} from "../../../contracts/pools/Pool.sol";
import {PoolTestToken} from "../mocks/PoolTestToken.sol";

/// @notice Drives one pool with random deposits, withdrawals, swaps, donations, syncs, skims and time, and records
/// any breach of the properties that can only be seen across a single action (k falling outside a burn; an LP
/// getting back more than it put in).
contract PoolHandler is Test {
    uint256 internal constant MAX_AMOUNT = 1e30;

    Pool public immutable pool;
    PoolTestToken public immutable token0;
    PoolTestToken public immutable token1;
    address[] internal actors;

    /// @notice set if k = reserve0 * reserve1 ever fell across an action other than a burn
    bool public kDecreasedOutsideBurn;
    /// @notice set if an add-then-remove ever returned more of a token than was deposited
    bool public freeValue;
    uint256 public calls;

    constructor(Pool pool_, address[] memory actors_) {
        pool = pool_;
        token0 = PoolTestToken(pool_.token0());
        token1 = PoolTestToken(pool_.token1());
        actors = actors_;
    }

    modifier kKept() {
        uint256 kBefore = _k();
        _;
        if (_k() < kBefore) kDecreasedOutsideBurn = true;
        ++calls;
    }

    function addLiquidity(uint256 actorSeed, uint256 amount0, uint256 amount1) external kKept {
        address actor = _actor(actorSeed);
        amount0 = bound(amount0, 1e3, MAX_AMOUNT);
        amount1 = bound(amount1, 1e3, MAX_AMOUNT);
        _deposit(actor, amount0, amount1);
    }

    function removeLiquidity(uint256 actorSeed, uint256 share) external {
        address actor = _actor(actorSeed);
        uint256 liquidity = (pool.balanceOf(actor) * bound(share, 1, 100)) / 100;
        if (liquidity == 0) return;
        vm.startPrank(actor);
        pool.transfer(address(pool), liquidity);
        try pool.burn(actor) {} catch {
            // a share too small to pay out both tokens: take it back
            pool.skim(actor);
        }
        vm.stopPrank();
        ++calls;
    }

    function addThenRemove(uint256 actorSeed, uint256 amount0, uint256 amount1) external {
        address actor = _actor(actorSeed);
        amount0 = bound(amount0, 1e3, MAX_AMOUNT);
        amount1 = bound(amount1, 1e3, MAX_AMOUNT);
        // tokens sent to the pool and not yet synced belong to whoever mints, skims or syncs next (as in Uniswap v2):
        // they count as part of what this deposit put in
        (uint112 reserve0, uint112 reserve1, ) = pool.getReserves();
        uint256 pending0 = token0.balanceOf(address(pool)) - reserve0;
        uint256 pending1 = token1.balanceOf(address(pool)) - reserve1;
        uint256 liquidity = _deposit(actor, amount0, amount1);
        if (liquidity == 0) return;
        (amount0, amount1) = (amount0 + pending0, amount1 + pending1);
        // LP tokens already held by the pool (left by a burn that failed in an earlier call) are burnt together with
        // ours and belong to whoever burns next, as in Uniswap v2: judge only our share of what comes out
        uint256 orphanLiquidity = pool.balanceOf(address(pool));
        vm.startPrank(actor);
        pool.transfer(address(pool), liquidity);
        try pool.burn(actor) returns (uint256 out0, uint256 out1) {
            uint256 burnt = liquidity + orphanLiquidity;
            if ((out0 * liquidity) / burnt > amount0 || (out1 * liquidity) / burnt > amount1) freeValue = true;
        } catch {}
        vm.stopPrank();
        ++calls;
    }

    function swap(uint256 actorSeed, bool zeroForOne, uint256 amountIn) external kKept {
        address actor = _actor(actorSeed);
        amountIn = bound(amountIn, 1, MAX_AMOUNT);
        PoolTestToken tokenIn = zeroForOne ? token0 : token1;
        tokenIn.mint(actor, amountIn);
        vm.startPrank(actor);
        tokenIn.approve(address(pool), amountIn);
        try pool.swapExactIn(address(tokenIn), amountIn, 0, actor) {} catch {}
        vm.stopPrank();
    }

    function donate(bool zero, uint256 amount) external kKept {
        (zero ? token0 : token1).mint(address(pool), bound(amount, 1, MAX_AMOUNT));
    }

    function sync() external kKept {
        try pool.sync() {} catch {}
    }

    function skim(uint256 actorSeed) external kKept {
        pool.skim(_actor(actorSeed));
    }

    function warp(uint256 seconds_) external kKept {
        skip(bound(seconds_, 1, 30 days));
    }

    function _deposit(address actor, uint256 amount0, uint256 amount1) internal returns (uint256 liquidity) {
        token0.mint(actor, amount0);
        token1.mint(actor, amount1);
        vm.startPrank(actor);
        token0.transfer(address(pool), amount0);
        token1.transfer(address(pool), amount1);
        try pool.mint(actor) returns (uint256 minted) {
            liquidity = minted;
        } catch {
            pool.skim(actor); // nothing minted (or an overflow): take the tokens back
        }
        vm.stopPrank();
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _k() internal view returns (uint256) {
        (uint112 reserve0, uint112 reserve1, ) = pool.getReserves();
        return uint256(reserve0) * reserve1;
    }
}
