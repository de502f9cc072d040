// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IMintToken} from "../interfaces/IMintToken.sol";
import {ERC20VotesPacked} from "./ERC20VotesPacked.sol";

/// @title MintToken (MINT)
/// @notice Governance token of FlyAIMusic: ERC20 + EIP-2612 permit + ERC-5805 votes on a timestamp clock.
///
/// Voting without a delegation step: an account that never called `delegate` counts as delegated to itself, so its
/// tokens carry votes from the moment it receives them (see ERC20VotesPacked for how that stays cheap). An account
/// that wants to hold without voting calls `delegate(address(0))`; delegating anywhere else works as in ERC20Votes.
///
/// Supply: a genesis allocation at construction, then only mints out of emissions budgets that the owner (the
/// timelock) grants with `setEmissionsBudget`; the cap bounds both. The owner starts opted out of voting: the
/// treasury's tokens would otherwise be votes the DAO casts with its own money.
contract MintToken is ERC20, ERC20Permit, ERC20VotesPacked, ERC20Capped, Ownable, IMintToken {
    mapping(address minter => uint256 budget) private _emissionsBudget;

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
        _delegate(initialOwner, address(0));
        for (uint256 i; i < genesisHolders.length; ++i) {
            _mint(genesisHolders[i], genesisAmounts[i]);
        }
    }

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

    /// @inheritdoc IMintToken
    function votingOptedOut(address account) public view override(ERC20VotesPacked, IMintToken) returns (bool) {
        return super.votingOptedOut(account);
    }

    // ---------------------------------------------------------------- required overrides

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20VotesPacked, ERC20Capped) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
