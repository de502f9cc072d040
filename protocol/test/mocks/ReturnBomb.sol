// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Answers an ETH transfer with `size` bytes of return data (reverting or not): a payer that copies return
/// data pays for the memory of all of it.
contract ReturnBomb {
    uint256 public immutable size;
    bool public immutable reverts;

    constructor(uint256 size_, bool reverts_) {
        size = size_;
        reverts = reverts_;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        uint256 size_ = size;
        bool reverts_ = reverts;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            if reverts_ {
                revert(0, size_)
            }
            return(0, size_)
        }
    }
}
