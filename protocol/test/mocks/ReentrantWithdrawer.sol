// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";

/// @notice A party that, when paid ETH, calls `withdraw` again for the same tracks: the classic re-entrancy that
/// drains a contract which pays before it records the payment. `bubble` chooses whether the inner call's failure
/// makes the payment fail (to see what the outer call does) or is swallowed (to see what the attacker keeps).
contract ReentrantWithdrawer {
    IRoyaltySplitter public immutable splitter;
    bool public immutable bubble;

    uint256[] internal _tokenIds;
    uint256 public reentries;
    /// @dev the revert data of the last re-entrant call (empty if it succeeded)
    bytes public innerError;
    uint256 public innerPaid;

    constructor(IRoyaltySplitter splitter_, bool bubble_) {
        splitter = splitter_;
        bubble = bubble_;
    }

    function withdraw(uint256[] calldata tokenIds) external returns (uint256) {
        _tokenIds = tokenIds;
        return splitter.withdraw(address(0), tokenIds, address(this));
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (reentries != 0) return;
        ++reentries;
        try splitter.withdraw(address(0), _tokenIds, address(this)) returns (uint256 paid) {
            innerPaid = paid;
        } catch (bytes memory reason) {
            innerError = reason;
            if (bubble) {
                // solhint-disable-next-line no-inline-assembly
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }
}
