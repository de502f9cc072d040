// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PoolFixture} from "../PoolFixture.sol";
import {PoolHandler} from "./PoolHandler.sol";
import {Pool} from "../../../contracts/pools/Pool.sol";

/// @notice A pool under random deposits, withdrawals, swaps, donations, syncs, skims and time: reserves never
/// exceed balances, k never falls except on a burn, the locked minimum liquidity stays, and no LP gets out more
/// than it put in.
contract PoolInvariantTest is PoolFixture {
    PoolHandler internal handler;
    Pool internal pool;

    function setUp() public override {
        super.setUp();
        pool = _seed(address(fraction), address(weth), 1_000 ether, 10 ether);
        address[] memory actors = new address[](3);
        actors[0] = makeAddr("lp one");
        actors[1] = makeAddr("lp two");
        actors[2] = makeAddr("lp three");
        handler = new PoolHandler(pool, actors);
        targetContract(address(handler));
    }

    function invariant_reservesNeverExceedBalances() public view {
        (uint112 reserve0, uint112 reserve1, ) = pool.getReserves();
        assertLe(reserve0, _balance0());
        assertLe(reserve1, _balance1());
    }

    function invariant_kNeverDecreasesExceptOnBurn() public view {
        assertFalse(handler.kDecreasedOutsideBurn());
    }

    function invariant_minimumLiquidityStaysLocked() public view {
        assertGe(pool.totalSupply(), pool.MINIMUM_LIQUIDITY());
        assertEq(pool.balanceOf(pool.DEAD()), pool.MINIMUM_LIQUIDITY());
    }

    function invariant_noFreeValue() public view {
        assertFalse(handler.freeValue());
    }

    function _balance0() internal view returns (uint256) {
        return IERC20(pool.token0()).balanceOf(address(pool));
    }

    function _balance1() internal view returns (uint256) {
        return IERC20(pool.token1()).balanceOf(address(pool));
    }
}
