// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice A contract that refuses every ETH transfer: a party or a `to` that cannot receive ETH.
contract RevertingReceiver {
    error RevertingReceiverRefused();

    receive() external payable {
        revert RevertingReceiverRefused();
    }
}
