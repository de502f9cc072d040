// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PoolFixture} from "./PoolFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";

contract TwapTest is PoolFixture {
    Pool internal pool;
    uint256 internal constant Q112 = 2 ** 112;

    function setUp() public override {
        super.setUp();
        // 1 fraction = 4 WETH-units... a simple 1:4 ratio
        pool = _seed(address(fraction), address(weth), 100 ether, 400 ether);
    }

    /// @dev price of token0 in token1, UQ112x112
    function _spot0() internal view returns (uint256) {
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        return (reserve1 * Q112) / reserve0;
    }

    function test_accumulators_moveWithTime() public {
        uint256 spot0 = _spot0();
        (uint256 start0, uint256 start1) = pool.currentCumulativePrices();
        skip(100);
        pool.sync();
        assertEq(pool.price0CumulativeLast() - start0, spot0 * 100);
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        assertEq(pool.price1CumulativeLast() - start1, ((reserve0 * Q112) / reserve1) * 100);
    }

    function test_currentCumulativePrices_countsTimeSinceTheLastUpdate() public {
        uint256 stored = pool.price0CumulativeLast();
        skip(50);
        (uint256 now0, ) = pool.currentCumulativePrices();
        assertEq(now0 - stored, _spot0() * 50);
        assertEq(pool.price0CumulativeLast(), stored, "a view changes nothing");
    }

    function test_accumulators_moveWithPrice() public {
        (uint256 start0, ) = pool.currentCumulativePrices();
        uint256 spotBefore = _spot0();
        skip(100);
        _swap(pool, trader, pool.token0(), 10 ether); // token0 gets cheaper
        uint256 spotAfter = _spot0();
        assertLt(spotAfter, spotBefore);
        skip(100);
        (uint256 end0, ) = pool.currentCumulativePrices();
        assertEq(end0 - start0, spotBefore * 100 + spotAfter * 100);
    }

    /// @dev An attacker moves the spot price as far as it goes and back within one block: a TWAP read over the
    /// window that ends in that block does not see it (the accumulators only count prices that lasted seconds).
    function test_twap_ignoresManipulationWithinOneBlock() public {
        (uint256 start0, ) = pool.currentCumulativePrices();
        uint256 spot = _spot0();
        skip(1 hours);

        address token0 = pool.token0();
        address token1 = pool.token1();
        uint256 received = _swap(pool, eve, token0, 10_000 ether); // spot of token0 crashes
        assertLt(_spot0(), spot / 100, "spot moved by more than 100x");
        (uint256 mid0, ) = pool.currentCumulativePrices();
        assertEq((mid0 - start0) / 1 hours, spot, "the TWAP read right after the push is untouched");

        _swap(pool, eve, token1, received); // and back
        (uint256 end0, ) = pool.currentCumulativePrices();
        assertEq((end0 - start0) / 1 hours, spot, "the TWAP read after the round trip is untouched");
    }

    function test_accumulators_wrapWithoutReverting() public {
        vm.warp(uint256(type(uint32).max) + 10); // the 32-bit timestamp wraps
        pool.sync();
        skip(10);
        (uint256 now0, ) = pool.currentCumulativePrices();
        assertEq(now0 - pool.price0CumulativeLast(), _spot0() * 10);
    }
}
