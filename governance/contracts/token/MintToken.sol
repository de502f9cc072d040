// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IMintToken} from "../interfaces/IMintToken.sol";

/// @title MintToken (MINT)
/// @notice Governance token of FlyAIMusic.
///
/// Voting without a delegation step: an account that never called `delegate` counts as delegated to itself, so its
/// tokens carry votes from the moment it receives them. This is done by answering `delegates(account) == account`
/// while the account has no stored delegate, instead of writing a delegate slot on first receipt, so a new holder
/// pays only for its first vote checkpoint. An account that wants to hold without voting calls `delegate(address(0))`
/// (recorded as an opt-out); delegating anywhere else works exactly as in ERC20Votes.
///
/// Supply: a genesis allocation at construction, then only mints out of emissions budgets that the owner (the
/// timelock) grants with `setEmissionsBudget`; the cap bounds both. The owner starts opted out of voting: the
/// treasury's tokens would otherwise be votes the DAO casts with its own money.
///
/// Clock: ERC-6372 timestamps (`mode=timestamp`), so vote snapshots are the same on every chain and in every UI.
contract MintToken is ERC20, ERC20Permit, ERC20Votes, ERC20Capped, Ownable, IMintToken {
    mapping(address minter => uint256 budget) private _emissionsBudget;
    mapping(address account => bool optedOut) private _votingOptedOut;

    /// @param initialOwner the timelock: it alone grants emissions budgets
    /// @param maxSupply the cap on total supply (18 decimals)
    /// @param genesisHolders recipients of the genesis allocation
    /// @param genesisAmounts their amounts (18 decimals)
    constructor(
        address initialOwner,
        uint256 maxSupply,
        address[] memory genesisHolders,
        uint256[] memory genesisAmounts
    ) ERC20("FlyAIMusic", "MINT") ERC20Permit("FlyAIMusic") ERC20Capped(maxSupply) Ownable(initialOwner) {
        if (genesisHolders.length != genesisAmounts.length) {
            revert MintTokenGenesisLengthMismatch(genesisHolders.length, genesisAmounts.length);
        }
        _votingOptedOut[initialOwner] = true;
        emit VotingOptOutSet(initialOwner, true);
        for (uint256 i; i < genesisHolders.length; ++i) {
            _mint(genesisHolders[i], genesisAmounts[i]);
        }
    }

    // ---------------------------------------------------------------- emissions

    /// @inheritdoc IMintToken
    function mint(address to, uint256 amount) external {
        uint256 budget = _emissionsBudget[msg.sender];
        if (amount > budget) revert MintTokenEmissionsBudgetExceeded(msg.sender, amount, budget);
        // unchecked: amount <= budget was checked on the line above
        unchecked {
            budget -= amount;
        }
        _emissionsBudget[msg.sender] = budget;
        _mint(to, amount);
        emit EmissionsMinted(msg.sender, to, amount, budget);
    }

    /// @inheritdoc IMintToken
    function setEmissionsBudget(address minter, uint256 budget) external onlyOwner {
        _emissionsBudget[minter] = budget;
        emit EmissionsBudgetSet(minter, budget);
    }

    /// @inheritdoc IMintToken
    function emissionsBudget(address minter) external view returns (uint256) {
        return _emissionsBudget[minter];
    }

    // ---------------------------------------------------------------- default self-delegation

    /// @notice The account whose votes `account`'s tokens count for: its chosen delegate, itself if it never chose
    /// one, or nobody (address(0)) if it opted out.
    function delegates(address account) public view override returns (address) {
        address chosen = super.delegates(account);
        if (chosen != address(0) || _votingOptedOut[account]) return chosen;
        return account;
    }

    /// @inheritdoc IMintToken
    function votingOptedOut(address account) external view returns (bool) {
        return _votingOptedOut[account];
    }

    /// @dev Votes moves the units from the old delegate (read through `delegates`, so before the opt-out flag
    /// changes) to the new one; only then is the flag brought in line with the choice.
    function _delegate(address account, address delegatee) internal override {
        super._delegate(account, delegatee);
        bool optOut = delegatee == address(0);
        if (_votingOptedOut[account] != optOut) {
            _votingOptedOut[account] = optOut;
            emit VotingOptOutSet(account, optOut);
        }
    }

    // ---------------------------------------------------------------- ERC-6372 clock

    /// @notice Vote snapshots are timestamps (seconds).
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- required overrides

    /// @dev Besides the balance and vote moves, a holder that starts from zero with the default delegation gets the
    /// `DelegateChanged(holder, 0, holder)` event that an explicit self-delegation would have emitted, so indexers
    /// (Tally, the keeper) see every delegation without knowing this token's default.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes, ERC20Capped) {
        super._update(from, to, value);
        if (
            to != address(0) &&
            value != 0 &&
            balanceOf(to) == value &&
            super.delegates(to) == address(0) &&
            !_votingOptedOut[to]
        ) {
            emit DelegateChanged(to, address(0), to);
        }
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
