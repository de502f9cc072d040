// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {GovernanceFixture} from "../../../governance/test/GovernanceFixture.sol";
import {IPool} from "../../contracts/interfaces/IPool.sol";
import {IPoolRouter} from "../../contracts/interfaces/IPoolRouter.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {PoolFactory} from "../../contracts/pools/PoolFactory.sol";
import {Router} from "../../contracts/pools/Router.sol";
import {PoolTestToken} from "./mocks/PoolTestToken.sol";

/// @notice The governance suite plus the pools: the factory owned by the timelock, a router, and two test tokens
/// (a "fraction" and "WETH") besides MINT. Helpers seed pools and swap as users do.
abstract contract PoolFixture is GovernanceFixture {
    uint256 internal constant SEED = 1_000 ether;

    PoolFactory internal factory;
    Router internal router;
    PoolTestToken internal fraction;
    PoolTestToken internal weth;

    address internal lp;
    address internal trader;

    function setUp() public virtual override {
        super.setUp();
        lp = makeAddr("lp");
        trader = makeAddr("trader");
        factory = new PoolFactory(address(timelock));
        router = new Router(factory);
        fraction = new PoolTestToken("Track fraction", "FRAC");
        weth = new PoolTestToken("Wrapped Ether", "WETH");
        vm.label(address(factory), "factory");
        vm.label(address(router), "router");
    }

    /// @dev Gives `who` `amount` of `tokenAddress` (MINT from alice's genesis balance) and approves the router.
    function _fund(address tokenAddress, address who, uint256 amount) internal {
        if (tokenAddress == address(token)) {
            vm.prank(alice);
            token.transfer(who, amount);
        } else {
            PoolTestToken(tokenAddress).mint(who, amount);
        }
        vm.prank(who);
        PoolTestToken(tokenAddress).approve(address(router), type(uint256).max);
    }

    /// @dev Creates the pool of (a, b) and has `lp` deposit `amountA`, `amountB` directly (transfer + mint).
    function _seed(address a, address b, uint256 amountA, uint256 amountB) internal returns (Pool pool) {
        address existing = factory.getPool(a, b);
        pool = Pool(existing == address(0) ? factory.createPool(a, b) : existing);
        _fund(a, lp, amountA);
        _fund(b, lp, amountB);
        vm.startPrank(lp);
        PoolTestToken(a).transfer(address(pool), amountA);
        PoolTestToken(b).transfer(address(pool), amountB);
        pool.mint(lp);
        vm.stopPrank();
    }

    function _reserves(Pool pool) internal view returns (uint256 reserve0, uint256 reserve1) {
        (reserve0, reserve1, ) = pool.getReserves();
    }

    function _k(Pool pool) internal view returns (uint256) {
        (uint256 reserve0, uint256 reserve1) = _reserves(pool);
        return reserve0 * reserve1;
    }

    function _path(address a, address b) internal pure returns (address[] memory path) {
        path = new address[](2);
        (path[0], path[1]) = (a, b);
    }

    function _path(address a, address b, address c) internal pure returns (address[] memory path) {
        path = new address[](3);
        (path[0], path[1], path[2]) = (a, b, c);
    }

    function _addParams(
        address a,
        address b,
        uint256 amountA,
        uint256 amountB,
        address to
    ) internal view returns (IPoolRouter.AddLiquidityParams memory) {
        return
            IPoolRouter.AddLiquidityParams({
                tokenA: a,
                tokenB: b,
                amountADesired: amountA,
                amountBDesired: amountB,
                amountAMin: 0,
                amountBMin: 0,
                to: to,
                deadline: block.timestamp
            });
    }

    /// @dev `who` swaps `amountIn` of `tokenIn` on `pool` directly (approve + swapExactIn).
    function _swap(Pool pool, address who, address tokenIn, uint256 amountIn) internal returns (uint256 amountOut) {
        _fund(tokenIn, who, amountIn);
        vm.startPrank(who);
        PoolTestToken(tokenIn).approve(address(pool), amountIn);
        amountOut = pool.swapExactIn(tokenIn, amountIn, 0, who);
        vm.stopPrank();
    }

    function _other(IPool pool, address tokenIn) internal view returns (address) {
        return tokenIn == pool.token0() ? pool.token1() : pool.token0();
    }
}
