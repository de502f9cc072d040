// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IncomeShares} from "../../../contracts/shares/IncomeShares.sol";

/// @notice An ERC-20 income asset anyone can mint (test only).
contract IncomeTestAsset is ERC20 {
    constructor() ERC20("Income asset", "INC") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice The smallest concrete IncomeShares: one income asset, and a source that is just a counter of income
/// waiting to be collected (`accrue` plays a deposit at the source). Nothing overridden beyond the two hooks, so
/// it shows what the base itself promises to any subclass (a FractionVault, say).
contract PlainIncomeShares is IncomeShares {
    IncomeTestAsset public immutable asset;
    uint256 public waitingAtSource;

    constructor(uint256 supply) {
        asset = new IncomeTestAsset();
        address[] memory assets = new address[](1);
        assets[0] = address(asset);
        _initializeIncomeShares("Plain income shares", "PLAIN", assets);
        _mint(msg.sender, supply);
    }

    /// @dev Income arrives at the source; it reaches the holders at the next sync or claim.
    function accrue(uint256 amount) external {
        asset.mint(address(this), amount);
        waitingAtSource += amount;
    }

    function _collectIncome(address) internal override returns (uint256 received) {
        received = waitingAtSource;
        waitingAtSource = 0;
    }

    function _pendingIncome(address) internal view override returns (uint256) {
        return waitingAtSource;
    }
}
