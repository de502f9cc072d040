// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PoolFixture} from "./PoolFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {IPool} from "../../contracts/interfaces/IPool.sol";
import {PoolCallbackToken} from "./mocks/PoolCallbackToken.sol";

/// @notice A token whose transfers call back into the pool mid-call (imBTC-style): every entry point, and the
/// reserves view, fail with the lock error.
contract ReentrancyTest is PoolFixture {
    PoolCallbackToken internal callback;
    Pool internal pool;

    function setUp() public override {
        super.setUp();
        callback = new PoolCallbackToken();
        pool = Pool(factory.createPool(address(callback), address(weth)));
        callback.mint(address(pool), 100 ether);
        weth.mint(address(pool), 100 ether);
        pool.mint(lp);
        callback.mint(trader, 100 ether);
        vm.prank(trader);
        callback.approve(address(pool), type(uint256).max);
    }

    function _assertLocked() internal view {
        assertTrue(callback.reentered(), "the token called back");
        assertFalse(callback.reentrySucceeded(), "the re-entry failed");
        assertEq(callback.reentryRevertData(), abi.encodeWithSelector(IPool.PoolLocked.selector));
    }

    /// @dev arms the callback with `data`, then trader swaps callback tokens in (the pull triggers the callback)
    function _swapWithCallback(bytes memory data) internal {
        callback.arm(address(pool), data);
        vm.prank(trader);
        pool.swapExactIn(address(callback), 1 ether, 0, trader);
        _assertLocked();
    }

    function test_swapExactIn_reenteringSwapExactInFails() public {
        _swapWithCallback(abi.encodeCall(pool.swapExactIn, (address(weth), 1, 0, address(this))));
    }

    function test_swapExactIn_reenteringSwapFails() public {
        _swapWithCallback(abi.encodeCall(pool.swap, (0, 1 ether, address(this))));
    }

    function test_swapExactIn_reenteringMintFails() public {
        _swapWithCallback(abi.encodeCall(pool.mint, (address(this))));
    }

    function test_swapExactIn_reenteringBurnFails() public {
        _swapWithCallback(abi.encodeCall(pool.burn, (address(this))));
    }

    function test_swapExactIn_reenteringSyncAndSkimFails() public {
        _swapWithCallback(abi.encodeCall(pool.sync, ()));
        _swapWithCallback(abi.encodeCall(pool.skim, (address(this))));
    }

    function test_swapExactIn_readOnlyReentryOfGetReservesFails() public {
        _swapWithCallback(abi.encodeCall(pool.getReserves, ()));
    }

    function test_burn_reenteringSwapFails() public {
        uint256 liquidity = pool.balanceOf(lp);
        vm.prank(lp);
        pool.transfer(address(pool), liquidity / 2);
        callback.arm(address(pool), abi.encodeCall(pool.swap, (0, 1 ether, address(this))));
        pool.burn(lp); // paying out callback tokens calls back
        _assertLocked();
    }

    function test_swap_reenteringMintFails() public {
        weth.mint(address(pool), 1 ether);
        callback.arm(address(pool), abi.encodeCall(pool.mint, (address(this))));
        (uint256 out0, uint256 out1) = pool.token0() == address(callback) ? (0.5 ether, uint256(0)) : (0, 0.5 ether);
        pool.swap(out0, out1, trader); // paying out callback tokens calls back
        _assertLocked();
    }
}
