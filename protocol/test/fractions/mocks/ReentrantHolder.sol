// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice A fraction holder (or bidder) that, when paid ETH, calls the vault again with armed calldata: the
/// re-entrancy that drains a contract paying before it records the payment. The re-entry's failure is recorded,
/// not bubbled, so the outer call completes and the test can count what was paid.
contract ReentrantHolder {
    address public immutable vault;

    bytes public reentryData;
    bool public armed;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryRevertData;
    uint256 public received;

    constructor(address vault_) {
        vault = vault_;
    }

    /// @dev Calls the vault as this contract (bid, object, redeem, claim ...), bubbling any revert.
    function act(bytes calldata data) external payable returns (bytes memory returned) {
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, returned) = vault.call{value: msg.value}(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
    }

    function arm(bytes calldata data) external {
        (reentryData, armed, reentered) = (data, true, false);
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        received += msg.value;
        if (!armed) return;
        armed = false; // once: the re-entry's own payment must not recurse
        reentered = true;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = vault.call(reentryData);
        reentrySucceeded = ok;
        reentryRevertData = returned;
    }
}
