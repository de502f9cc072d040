// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {MintToken} from "../../contracts/token/MintToken.sol";

/// @notice Drives MINT with random transfers, allowance transfers, delegations, opt-outs, mints out of an emissions
/// budget and the passing of time, among a fixed set of actors (the treasury included), and keeps ghost records:
/// each actor's delegation choice, what was minted, and the history of votes and supply second by second.
contract VotesHandler is CommonBase, StdCheats, StdUtils {
    MintToken public immutable token;
    address[] internal _actors;

    /// @dev whom each actor's balance votes for, as chosen through this handler (address(0): nobody)
    mapping(address account => address) public ghostDelegate;
    uint256 public ghostMinted;
    uint256 public immutable initialBudget;
    /// @dev the handler keeps time itself so it persists from one call to the next
    uint256 public currentTime;

    /// @dev one entry per second in which something changed: the votes of every actor and the supply at its end
    uint256[] internal _historyTimes;
    mapping(uint256 index => uint256[]) internal _historyVotes;
    mapping(uint256 index => uint256) internal _historySupply;

    mapping(string action => uint256) public calls;

    constructor(MintToken token_, address[] memory actors_, address treasury, uint256 budget) {
        token = token_;
        _actors = actors_;
        for (uint256 i; i < actors_.length; ++i) ghostDelegate[actors_[i]] = actors_[i];
        ghostDelegate[treasury] = address(0);
        initialBudget = budget;
        currentTime = block.timestamp;
        _record();
    }

    modifier action(string memory name) {
        vm.warp(currentTime);
        _;
        ++calls[name];
        _record();
    }

    // ---------------------------------------------------------------- actions

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external action("transfer") {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(_actor(toSeed), amount);
    }

    /// @dev approve + transferFrom by a third actor, to any actor
    function transferFrom(
        uint256 ownerSeed,
        uint256 spenderSeed,
        uint256 toSeed,
        uint256 amount
    ) external action("transferFrom") {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        amount = bound(amount, 0, token.balanceOf(owner));
        vm.prank(owner);
        token.approve(spender, amount);
        vm.prank(spender);
        token.transferFrom(owner, _actor(toSeed), amount);
    }

    function delegate(uint256 fromSeed, uint256 toSeed) external action("delegate") {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        vm.prank(from);
        token.delegate(to);
        ghostDelegate[from] = to;
    }

    function optOut(uint256 fromSeed) external action("optOut") {
        address from = _actor(fromSeed);
        vm.prank(from);
        token.delegate(address(0));
        ghostDelegate[from] = address(0);
    }

    /// @dev the handler is the minter: the timelock granted it `initialBudget`
    function mint(uint256 toSeed, uint256 amount) external action("mint") {
        uint256 room = token.cap() - token.totalSupply();
        uint256 budget = token.emissionsBudget(address(this));
        amount = bound(amount, 0, budget < room ? budget : room);
        token.mint(_actor(toSeed), amount);
        ghostMinted += amount;
    }

    function warp(uint256 seconds_) external action("warp") {
        currentTime += bound(seconds_, 1, 3 days);
        vm.warp(currentTime);
    }

    // ---------------------------------------------------------------- views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function historyLength() external view returns (uint256) {
        return _historyTimes.length;
    }

    function historyAt(uint256 index) external view returns (uint256 time, uint256[] memory votes, uint256 supply) {
        return (_historyTimes[index], _historyVotes[index], _historySupply[index]);
    }

    // ---------------------------------------------------------------- internals

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev Records the state at the end of the current second (a later action in the same second overwrites it).
    function _record() internal {
        uint256 length = _historyTimes.length;
        uint256 index = length;
        if (length > 0 && _historyTimes[length - 1] == block.timestamp) index = length - 1;
        else _historyTimes.push(block.timestamp);
        uint256[] storage votes = _historyVotes[index];
        for (uint256 i; i < _actors.length; ++i) {
            if (votes.length <= i) votes.push(token.getVotes(_actors[i]));
            else votes[i] = token.getVotes(_actors[i]);
        }
        _historySupply[index] = token.totalSupply();
    }
}
