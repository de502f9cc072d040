// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IIncomeShares} from "../../../contracts/interfaces/IIncomeShares.sol";

/// @notice Stands for a liquidity pool holding fractions: it cannot claim income, so it renounces it, and the
/// income its balance would have earned goes to the other holders. It can pay fractions out (a swap).
contract RenouncingPool {
    error RenouncingPoolTransferFailed();

    function renounce(IIncomeShares shares) external {
        shares.renounceIncome();
    }

    function payOut(IERC20 shares, address to, uint256 amount) external {
        if (!shares.transfer(to, amount)) revert RenouncingPoolTransferFailed();
    }
}
