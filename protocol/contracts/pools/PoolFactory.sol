// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {IPoolFactory} from "../interfaces/IPoolFactory.sol";
import {Pool} from "./Pool.sol";
import {PoolMath} from "./libraries/PoolMath.sol";

/// @title PoolFactory
/// @notice Creates the constant-product pools and holds their common swap fee; owned by the timelock. See
/// IPoolFactory.
///
/// Invariant: at most one pool per unordered pair, at the CREATE2 address `poolAddress` predicts; 0 <= feeBps <=
/// MAX_FEE_BPS. Holds no funds.
contract PoolFactory is IPoolFactory, Ownable {
    /// @notice The highest swap fee the owner can set: 1%, basis points.
    uint16 public constant MAX_FEE_BPS = 100;
    /// @notice The swap fee at deployment: 0.30%, basis points.
    uint16 public constant DEFAULT_FEE_BPS = 30;

    /// @inheritdoc IPoolFactory
    uint16 public feeBps;

    /// @notice Every pool, in creation order.
    address[] public allPools;

    mapping(address token0 => mapping(address token1 => address pool)) private _pools;

    constructor(address owner_) Ownable(owner_) {
        feeBps = DEFAULT_FEE_BPS;
        emit FeeSet(0, DEFAULT_FEE_BPS);
    }

    /// @inheritdoc IPoolFactory
    function getPool(address tokenA, address tokenB) external view returns (address) {
        (address token0, address token1) = PoolMath.sortTokens(tokenA, tokenB);
        return _pools[token0][token1];
    }

    /// @inheritdoc IPoolFactory
    function poolAddress(address tokenA, address tokenB) external view returns (address) {
        (address token0, address token1) = PoolMath.sortTokens(tokenA, tokenB);
        return Create2.computeAddress(_salt(token0, token1), keccak256(_initCode(token0, token1)));
    }

    /// @inheritdoc IPoolFactory
    function allPoolsLength() external view returns (uint256) {
        return allPools.length;
    }

    /// @inheritdoc IPoolFactory
    function createPool(address tokenA, address tokenB) external returns (address pool) {
        if (tokenA == tokenB) revert PoolFactoryIdenticalTokens(tokenA);
        (address token0, address token1) = PoolMath.sortTokens(tokenA, tokenB);
        if (token0 == address(0)) revert PoolFactoryZeroAddress();
        address existing = _pools[token0][token1];
        if (existing != address(0)) revert PoolFactoryPoolExists(existing);

        pool = address(new Pool{salt: _salt(token0, token1)}(token0, token1));
        _pools[token0][token1] = pool;
        allPools.push(pool);
        emit PoolCreated(token0, token1, pool, allPools.length - 1);
    }

    /// @inheritdoc IPoolFactory
    function setFeeBps(uint16 newFeeBps) external onlyOwner {
        if (newFeeBps > MAX_FEE_BPS) revert PoolFactoryFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeSet(feeBps, newFeeBps);
        feeBps = newFeeBps;
    }

    function _salt(address token0, address token1) private pure returns (bytes32) {
        return keccak256(abi.encode(token0, token1));
    }

    function _initCode(address token0, address token1) private pure returns (bytes memory) {
        return abi.encodePacked(type(Pool).creationCode, abi.encode(token0, token1));
    }
}
