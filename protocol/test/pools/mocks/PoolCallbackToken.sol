// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A hostile ERC-20 with a transfer hook (as ERC-777 / imBTC have): when armed, every transfer calls
/// `target` with `data` once and records whether that re-entry reverted and with what.
contract PoolCallbackToken is ERC20 {
    address public target;
    bytes public data;
    bool public armed;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor() ERC20("Callback", "CB") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        (target, data, armed, reentered) = (target_, data_, true, false);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed && from != address(0) && to != address(0)) {
            armed = false; // once: the re-entry's own transfers must not recurse
            reentered = true;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory returned) = target.call(data);
            reentrySucceeded = ok;
            reentryRevertData = returned;
        }
    }
}
