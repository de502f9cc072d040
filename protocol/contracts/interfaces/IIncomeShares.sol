// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IIncomeShares
/// @notice An ERC-20 whose holders share an income (royalties) pro rata, in a fixed list of assets (address(0) is
/// ETH). Fraction tokens (FractionVault) and royalty-share tokens (RoyaltyVault) are income shares.
///
/// Accounting is reward-per-share: each asset keeps a cumulative income per share; a holder's income is settled
/// into its `owed` whenever its balance changes (transfer, mint, burn), so a buyer never receives income that
/// accrued before it held the shares, and a seller keeps what it earned. New income reaches the contract when
/// anyone calls `sync` or `claim` (the concrete contract pulls it from its source, e.g. the RoyaltySplitter).
///
/// Contracts that cannot claim (liquidity pools) call `renounceIncome()` once: from then on their balance earns
/// nothing, what it earned and was not claimed is shared by everyone else, and so is all later income. While no eligible share exists, income waits and is
/// distributed with the next income after someone eligible holds shares: never lost, never leaked.
/// Division remainders are carried to the next distribution, so rounding leaks nothing either.
interface IIncomeShares {
    /// @notice `amount` of `asset` came in and was shared among the eligible shares.
    event IncomeDistributed(address indexed asset, uint256 amount, uint256 eligibleSupply);
    /// @notice `account` was paid `amount` of `asset` to `to`.
    event IncomeClaimed(address indexed account, address indexed asset, address indexed to, uint256 amount);
    /// @notice `account` no longer earns income on its balance.
    event IncomeRenounced(address indexed account);

    /// @notice Nothing to claim in any asset.
    error IncomeSharesNothingToClaim();
    /// @notice Shares cannot be transferred to `to` (address(0): they would be lost yet still counted).
    error IncomeSharesInvalidRecipient(address to);
    /// @notice Sending ETH to `to` failed (the income stays owed).
    error IncomeSharesTransferFailed(address to);
    /// @notice The account already renounced.
    error IncomeSharesAlreadyRenounced(address account);
    /// @notice ETH from anyone but the income source.
    error IncomeSharesUnexpectedETH(address from);

    /// @notice The assets this token's income is paid in (address(0) = ETH).
    function incomeAssets() external view returns (address[] memory);

    /// @notice Pulls new income from the source and shares it among the eligible shares. Anyone may call.
    function sync() external;

    /// @notice Pulls new income, then pays the caller everything it is owed, in every asset, to `to`.
    function claim(address to) external returns (uint256[] memory amounts);

    /// @notice What `account` would receive from `claim` now in `asset` (income waiting at the source included).
    function claimable(address account, address asset) external view returns (uint256);

    /// @notice The caller's balance stops earning income, for good (for pools and other contracts that cannot
    /// claim). Whatever it earned and did not claim (owed, unsettled, or its part of the income still waiting at
    /// the source) is forfeited to the other holders: a contract that can claim should claim first. The work is
    /// bounded whatever the caller's balance or income (no call to the source), so a pool's renounce in its
    /// constructor cannot be made to run out of gas.
    function renounceIncome() external;

    /// @notice Whether `account` renounced income.
    function incomeRenounced(address account) external view returns (bool);

    /// @notice The supply that earns income: total supply minus renounced balances.
    function eligibleSupply() external view returns (uint256);
}
