// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice A seller (or any account) whose `receive` is hostile in one of several ways, to show a sale cannot be
/// blocked, made expensive without bound, or re-entered by the party it pays:
/// - Accept: takes the ETH (a well-behaved contract wallet that writes storage: needs more than 2,300 gas);
/// - Revert: refuses every ETH transfer;
/// - BurnGas: loops until it runs out of gas;
/// - ReturnBombRevert / ReturnBombSuccess: answers with `BOMB_SIZE` bytes of return data, reverting or not;
/// - Reenter: calls `reentryTarget` with `reentryData` (buy, cancel, withdrawProceeds, sweepFees on the market, or a
///   transfer of the NFT it just sold) and records the outcome; with `bubble` set it then reverts with the inner
///   error, otherwise it accepts the ETH.
/// Tests act as this contract with vm.prank (mint, approve, list, withdraw): it only needs the hostile receive.
///
/// It is paid with a 50,000-gas stipend, so what it records must be cheap: every slot it writes in `receive` starts
/// non-zero (a non-zero to non-zero write costs 2,900-5,000 gas instead of 22,100), and the outcome of a re-entry is
/// kept as a hash of the revert data.
contract MarketHostileSeller {
    enum Mode {
        Accept,
        Revert,
        BurnGas,
        ReturnBombRevert,
        ReturnBombSuccess,
        Reenter
    }

    error MarketHostileSellerRefused();

    uint256 public constant BOMB_SIZE = 100_000;

    Mode public mode;
    address public reentryTarget;
    bytes public reentryData;
    bool public bubble;

    uint256 private constant _IDLE = 1;
    uint256 private constant _FAILED = 2;
    uint256 private constant _SUCCEEDED = 3;

    /// @dev what the last re-entry attempt did (_IDLE: none yet), and keccak256 of its revert data
    uint256 private _reentryOutcome = _IDLE;
    bytes32 public reentryRevertHash = bytes32(uint256(1));
    /// @dev 1 + the ETH accepted through `receive`; a counter the gas burner bumps
    uint256 private _receivedPlusOne = 1;
    uint256 public counter = 1;

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @dev Switches to Reenter: on the next ETH it receives, it calls `target` with `data`.
    function setReentry(address target, bytes calldata data, bool bubble_) external {
        mode = Mode.Reenter;
        reentryTarget = target;
        reentryData = data;
        bubble = bubble_;
    }

    function reentryAttempted() external view returns (bool) {
        return _reentryOutcome != _IDLE;
    }

    function reentrySucceeded() external view returns (bool) {
        return _reentryOutcome == _SUCCEEDED;
    }

    /// @notice ETH accepted through `receive`.
    function received() external view returns (uint256) {
        return _receivedPlusOne - 1;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        Mode mode_ = mode;
        if (mode_ == Mode.Accept) {
            _receivedPlusOne += msg.value;
        } else if (mode_ == Mode.Revert) {
            revert MarketHostileSellerRefused();
        } else if (mode_ == Mode.BurnGas) {
            while (true) ++counter;
        } else if (mode_ == Mode.Reenter) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = reentryTarget.call(reentryData);
            _reentryOutcome = ok ? _SUCCEEDED : _FAILED;
            if (!ok) {
                if (bubble) {
                    // solhint-disable-next-line no-inline-assembly
                    assembly ("memory-safe") {
                        revert(add(result, 0x20), mload(result))
                    }
                }
                reentryRevertHash = keccak256(result);
            }
            _receivedPlusOne += msg.value;
        } else {
            bool reverts = mode_ == Mode.ReturnBombRevert;
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                if reverts {
                    revert(0, BOMB_SIZE)
                }
                return(0, BOMB_SIZE)
            }
        }
    }
}
