// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {PoolFixture} from "./PoolFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {IPoolFactory} from "../../contracts/interfaces/IPoolFactory.sol";

contract CreatePoolTest is PoolFixture {
    function test_constructor_ownedByTimelockWithDefaultFee() public view {
        assertEq(factory.owner(), address(timelock));
        assertEq(factory.feeBps(), 30);
        assertEq(factory.allPoolsLength(), 0);
    }

    function test_createPool_sortsTokensAtThePredictedAddress() public {
        address predicted = factory.poolAddress(address(weth), address(token));
        assertEq(predicted, factory.poolAddress(address(token), address(weth)), "either order");
        (address low, address high) = address(weth) < address(token)
            ? (address(weth), address(token))
            : (address(token), address(weth));

        vm.expectEmit(address(factory));
        emit IPoolFactory.PoolCreated(low, high, predicted, 0);
        address pool = factory.createPool(address(weth), address(token));

        assertEq(pool, predicted);
        assertEq(Pool(pool).token0(), low);
        assertEq(Pool(pool).token1(), high);
        assertEq(Pool(pool).factory(), address(factory));
        assertEq(factory.getPool(address(token), address(weth)), pool);
        assertEq(factory.getPool(address(weth), address(token)), pool);
        assertEq(factory.allPools(0), pool);
        assertEq(factory.allPoolsLength(), 1);
    }

    function test_createPool_revertsForAnExistingPairInEitherOrder() public {
        address pool = factory.createPool(address(fraction), address(token));
        vm.expectRevert(abi.encodeWithSelector(IPoolFactory.PoolFactoryPoolExists.selector, pool));
        factory.createPool(address(token), address(fraction));
    }

    function test_createPool_revertsForIdenticalTokens() public {
        vm.expectRevert(abi.encodeWithSelector(IPoolFactory.PoolFactoryIdenticalTokens.selector, address(token)));
        factory.createPool(address(token), address(token));
    }

    function test_createPool_revertsForTheZeroAddress() public {
        vm.expectRevert(IPoolFactory.PoolFactoryZeroAddress.selector);
        factory.createPool(address(0), address(token));
    }

    function test_setFeeBps_byTheTimelockWithinBounds() public {
        vm.expectEmit(address(factory));
        emit IPoolFactory.FeeSet(30, 100);
        vm.prank(address(timelock));
        factory.setFeeBps(100);
        assertEq(factory.feeBps(), 100);

        vm.prank(address(timelock));
        factory.setFeeBps(0);
        assertEq(factory.feeBps(), 0);
    }

    function test_setFeeBps_revertsAboveTheMaximum() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IPoolFactory.PoolFactoryFeeTooHigh.selector, 101, 100));
        factory.setFeeBps(101);
    }

    function test_setFeeBps_revertsForAnyoneButTheOwner() public {
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        factory.setFeeBps(0);
    }

    function test_setFeeBps_throughAGovernanceProposal() public {
        Proposal memory p = _proposal(
            address(factory),
            abi.encodeCall(factory.setFeeBps, (50)),
            "Set the pool fee to 0.50%",
            alice
        );
        _passAndQueue(p, alice);
        _execute(p);
        assertEq(factory.feeBps(), 50);
    }

    /// @dev A pool copies the factory's fee when created, and only a sync changes it afterwards.
    function test_createPool_newPoolsStartWithTheFactorysFee() public {
        vm.prank(address(timelock));
        factory.setFeeBps(5);
        address created = factory.createPool(address(weth), makeAddr("someToken"));
        assertEq(Pool(created).feeBps(), 5);
    }
}
