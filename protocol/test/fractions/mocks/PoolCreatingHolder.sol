// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IIncomeShares} from "../../../contracts/interfaces/IIncomeShares.sol";
import {IPoolFactory} from "../../../contracts/interfaces/IPoolFactory.sol";

/// @notice A fraction holder that claims its income and, while the vault pays it (inside the vault's re-entrancy
/// lock), creates the fractions' pool: the pool's `renounceIncome()` then meets the lock. Records what the creation
/// did instead of bubbling it, so the claim completes either way.
contract PoolCreatingHolder {
    IIncomeShares public immutable shares;
    IPoolFactory public immutable factory;
    address public immutable otherToken;

    bool public attempted;
    address public created;
    bytes public creationRevertData;

    constructor(IIncomeShares shares_, IPoolFactory factory_, address otherToken_) {
        (shares, factory, otherToken) = (shares_, factory_, otherToken_);
    }

    function claim() external {
        shares.claim(address(this));
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (attempted) return;
        attempted = true;
        try factory.createPool(address(shares), otherToken) returns (address pool) {
            created = pool;
        } catch (bytes memory reason) {
            creationRevertData = reason;
        }
    }
}
