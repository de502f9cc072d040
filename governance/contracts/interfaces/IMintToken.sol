// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IMintToken
/// @notice The FlyAIMusic governance token: a capped ERC20 with permit and timestamp-clocked votes, whose holders
/// vote without a manual self-delegation step, and whose supply after genesis grows only through emissions budgets
/// granted by the timelock.
interface IMintToken {
    /// @notice `minter` was given the right to mint up to `budget` more tokens (replacing any earlier budget).
    event EmissionsBudgetSet(address indexed minter, uint256 budget);

    /// @notice `minter` minted `amount` to `to`, leaving `budgetLeft` of its emissions budget.
    event EmissionsMinted(address indexed minter, address indexed to, uint256 amount, uint256 budgetLeft);

    /// @notice A mint asked for more than the caller's remaining emissions budget.
    error MintTokenEmissionsBudgetExceeded(address minter, uint256 requested, uint256 budget);

    /// @notice Genesis holder and amount arrays differ in length.
    error MintTokenGenesisLengthMismatch(uint256 holders, uint256 amounts);

    /// @notice Mints `amount` to `to` out of the caller's emissions budget.
    function mint(address to, uint256 amount) external;

    /// @notice Sets `minter`'s remaining emissions budget to `budget` (tokens, 18 decimals). Timelock only.
    function setEmissionsBudget(address minter, uint256 budget) external;

    /// @notice How many more tokens `minter` may mint.
    function emissionsBudget(address minter) external view returns (uint256);

    /// @notice Whether `account` has opted out of the default self-delegation.
    function votingOptedOut(address account) external view returns (bool);
}
