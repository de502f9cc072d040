// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Burns every unit of gas it is given when it receives ETH (an endless loop runs out of gas): a receiver
/// that tries to make its payer's transaction fail or cost the payer everything.
contract GasGuzzler {
    uint256 public counter;

    receive() external payable {
        while (true) {
            ++counter;
        }
    }
}
