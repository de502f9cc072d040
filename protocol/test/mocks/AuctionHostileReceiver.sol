// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice An auction seller or buyer whose ETH `receive` is hostile in one of several ways, and whose ERC-721
/// receiver hook always refuses (and counts its calls), to show that neither party can block, grief or re-enter
/// an auction:
/// - Accept: takes the ETH, writing storage (a contract wallet that needs more than 2,300 gas);
/// - Revert: refuses every ETH transfer;
/// - BurnGas: loops until it runs out of gas;
/// - ReturnBomb: reverts with `BOMB_SIZE` bytes of return data;
/// - Reenter: calls `reentryTarget` with `reentryData` once and records the outcome (in the slot that already holds
///   the mode, so it fits a seller's 50,000-gas stipend), then accepts the ETH.
/// Its ERC-721 hook refuses every NFT: the auction moves NFTs with plain `transferFrom`, so they arrive anyway.
/// Tests act as this contract with vm.prank (approve, startAuction, buy, cancel, withdrawProceeds).
contract AuctionHostileReceiver {
    enum Mode {
        Accept,
        Revert,
        BurnGas,
        ReturnBomb,
        Reenter
    }

    error AuctionHostileReceiverRefused();

    uint256 public constant BOMB_SIZE = 100_000;

    // one slot: the mode, the re-entry target and what the re-entry attempt did
    Mode public mode;
    address public reentryTarget;
    bool public reentryAttempted;
    bool public reentrySucceeded;
    bytes4 public reentryError;

    bytes public reentryData;
    /// @dev ETH accepted in Accept mode, and a counter the gas burner bumps
    uint256 public received;
    uint256 public counter;

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @dev Switches to Reenter: on the next ETH it receives, it calls `target` with `data`.
    function setReentry(address target, bytes calldata data) external {
        mode = Mode.Reenter;
        reentryTarget = target;
        reentryData = data;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        Mode mode_ = mode;
        if (mode_ == Mode.Accept) {
            received += msg.value;
        } else if (mode_ == Mode.Revert) {
            revert AuctionHostileReceiverRefused();
        } else if (mode_ == Mode.BurnGas) {
            while (true) ++counter;
        } else if (mode_ == Mode.ReturnBomb) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(0, BOMB_SIZE)
            }
        } else if (!reentryAttempted) {
            reentryAttempted = true;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = reentryTarget.call(reentryData);
            reentrySucceeded = ok;
            if (!ok && result.length >= 4) reentryError = bytes4(result);
        }
    }

    /// @dev Would make any safeTransferFrom to this contract fail; the auction never calls it.
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        revert AuctionHostileReceiverRefused();
    }
}
