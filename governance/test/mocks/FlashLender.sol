// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @notice A fee-less ERC-3156 lending pool for one token: what an attacker rents voting power from (Beanstalk).
/// It lends what it holds for the length of one call and pulls it back before returning.
contract FlashLender is IERC3156FlashLender {
    using SafeERC20 for IERC20;

    bytes32 internal constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IERC20 public immutable asset;

    error FlashLenderUnsupportedToken(address token);
    error FlashLenderCallbackFailed();

    constructor(IERC20 asset_) {
        asset = asset_;
    }

    function maxFlashLoan(address token) external view returns (uint256) {
        return token == address(asset) ? asset.balanceOf(address(this)) : 0;
    }

    function flashFee(address token, uint256) external view returns (uint256) {
        if (token != address(asset)) revert FlashLenderUnsupportedToken(token);
        return 0;
    }

    function flashLoan(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data
    ) external returns (bool) {
        if (token != address(asset)) revert FlashLenderUnsupportedToken(token);
        asset.safeTransfer(address(receiver), amount);
        if (receiver.onFlashLoan(msg.sender, token, amount, 0, data) != CALLBACK_SUCCESS) {
            revert FlashLenderCallbackFailed();
        }
        asset.safeTransferFrom(address(receiver), address(this), amount);
        return true;
    }
}
