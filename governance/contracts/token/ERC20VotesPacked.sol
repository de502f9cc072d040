// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title ERC20VotesPacked
/// @notice ERC20 voting power with ERC-5805 (IVotes + ERC-6372 timestamp clock), delegation by call or signature,
/// and default self-delegation: an account that never chose a delegate counts as delegated to itself, so holders
/// vote without a delegation transaction. `delegate(address(0))` opts out (the balance then carries no votes).
///
/// Why not OpenZeppelin's ERC20Votes: with default self-delegation every new holder gets vote checkpoints, and
/// ERC20Votes keeps them in a dynamic array, so a holder's first checkpoint writes two new slots (the array length
/// and the element, 44,200 gas) on every transfer to a new holder. Here an account's latest checkpoint and its
/// checkpoint count share one header slot, and only superseded checkpoints go to a history mapping: a new holder
/// costs one new slot. The delegate and the opt-out flag also share one slot. Lookups (`getPastVotes`) follow the
/// same rules as OpenZeppelin's `upperLookupRecent`, and a differential test runs this token beside ERC20Votes.
/// Total-supply checkpoints use OpenZeppelin's Checkpoints.Trace208 unchanged (only mints and burns touch them).
///
/// Invariant: for every account, getVotes(account) == sum of balanceOf(h) over holders h with delegates(h) ==
/// account; the sum of all votes equals the supply held by accounts that have not opted out.
abstract contract ERC20VotesPacked is ERC20, EIP712, Nonces, IERC5805 {
    using Checkpoints for Checkpoints.Trace208;

    /// @dev A holder's delegation choice: `delegatee == 0 && !optedOut` means "myself" (the default).
    struct Delegation {
        address delegatee;
        bool optedOut;
    }

    /// @dev The newest checkpoint of an account and how many it has in all (history holds the older ones).
    struct VoteHeader {
        uint32 count;
        uint48 latestTimepoint;
        uint176 latestVotes;
    }

    bytes32 private constant _DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    mapping(address account => Delegation) private _delegations;
    mapping(address account => VoteHeader) private _voteHeaders;
    /// @dev checkpoint i of an account, for i < count - 1 (the last one lives in the header)
    mapping(address account => mapping(uint256 index => Checkpoints.Checkpoint208)) private _voteHistory;
    Checkpoints.Trace208 private _totalCheckpoints;

    /// @notice `account` chose to hold its tokens without voting (`optedOut == true`) or to vote again.
    event VotingOptOutSet(address indexed account, bool optedOut);

    /// @notice A lookup asked for a time that is not yet in the past.
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);

    /// @notice The supply would exceed what vote checkpoints can hold.
    error ERC20ExceededSafeSupply(uint256 increasedSupply, uint256 cap);

    // ---------------------------------------------------------------- ERC-6372 clock

    /// @notice Vote snapshots are timestamps (seconds).
    function clock() public view virtual returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view virtual returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- reads

    /// @notice Current votes of `account` (18 decimals).
    function getVotes(address account) public view virtual returns (uint256) {
        return _voteHeaders[account].latestVotes;
    }

    /// @notice Votes of `account` at the end of second `timepoint` (must be in the past).
    function getPastVotes(address account, uint256 timepoint) public view virtual returns (uint256) {
        uint48 key = _pastKey(timepoint);
        VoteHeader memory header = _voteHeaders[account];
        if (header.count == 0) return 0;
        if (header.latestTimepoint <= key) return header.latestVotes;
        return _historyLookup(_voteHistory[account], header.count - 1, key);
    }

    /// @notice Total supply at the end of second `timepoint` (must be in the past).
    function getPastTotalSupply(uint256 timepoint) public view virtual returns (uint256) {
        return _totalCheckpoints.upperLookupRecent(_pastKey(timepoint));
    }

    /// @notice Whom `account`'s balance votes for: its chosen delegate, itself by default, nobody if opted out.
    function delegates(address account) public view virtual returns (address) {
        Delegation memory delegation = _delegations[account];
        if (delegation.delegatee != address(0) || delegation.optedOut) return delegation.delegatee;
        return account;
    }

    /// @notice Whether `account` has opted out of voting with its balance.
    function votingOptedOut(address account) public view virtual returns (bool) {
        return _delegations[account].optedOut;
    }

    /// @notice Number of vote checkpoints of `account`.
    function numCheckpoints(address account) public view virtual returns (uint32) {
        return _voteHeaders[account].count;
    }

    /// @notice Checkpoint `pos` of `account` (oldest first), as in ERC20Votes.
    function checkpoints(address account, uint32 pos) public view virtual returns (Checkpoints.Checkpoint208 memory) {
        VoteHeader memory header = _voteHeaders[account];
        if (pos + 1 == header.count) return Checkpoints.Checkpoint208(header.latestTimepoint, header.latestVotes);
        // out-of-range positions revert like an array read past its end
        if (pos >= header.count) revert Checkpoints.CheckpointUnorderedInsertion();
        return _voteHistory[account][pos];
    }

    // ---------------------------------------------------------------- delegation

    /// @notice Sends the caller's votes to `delegatee`; `address(0)` opts out, the caller's own address opts back in.
    function delegate(address delegatee) public virtual {
        _delegate(_msgSender(), delegatee);
    }

    /// @notice `delegate` authorised by an EIP-712 signature of the holder.
    function delegateBySig(
        address delegatee,
        uint256 nonce,
        uint256 expiry,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public virtual {
        if (block.timestamp > expiry) revert VotesExpiredSignature(expiry);
        address signer = ECDSA.recover(
            _hashTypedDataV4(keccak256(abi.encode(_DELEGATION_TYPEHASH, delegatee, nonce, expiry))),
            v,
            r,
            s
        );
        _useCheckedNonce(signer, nonce);
        _delegate(signer, delegatee);
    }

    function _delegate(address account, address delegatee) internal virtual {
        address oldDelegate = delegates(account);
        bool optOut = delegatee == address(0);
        bool wasOptedOut = _delegations[account].optedOut;
        _delegations[account] = Delegation({delegatee: delegatee, optedOut: optOut});
        emit DelegateChanged(account, oldDelegate, delegatee);
        if (wasOptedOut != optOut) emit VotingOptOutSet(account, optOut);
        _moveVotes(oldDelegate, delegatee, balanceOf(account));
    }

    // ---------------------------------------------------------------- balance changes

    /// @dev Moves votes with the balance; mints and burns checkpoint the total supply.
    function _update(address from, address to, uint256 value) internal virtual override {
        super._update(from, to, value);
        if (from == address(0)) {
            uint256 supply = totalSupply();
            uint256 maxSupply = type(uint176).max;
            if (supply > maxSupply) revert ERC20ExceededSafeSupply(supply, maxSupply);
            _totalCheckpoints.push(clock(), SafeCast.toUint208(supply));
        }
        if (to == address(0)) _totalCheckpoints.push(clock(), SafeCast.toUint208(totalSupply()));
        _moveVotes(delegates(from), delegates(to), value);
    }

    function _moveVotes(address from, address to, uint256 amount) private {
        if (from == to || amount == 0) return;
        if (from != address(0)) _writeCheckpoint(from, amount, false);
        if (to != address(0)) _writeCheckpoint(to, amount, true);
    }

    /// @dev Adds or subtracts `amount` from `account`'s votes at the current second. A new second archives the
    /// previous latest checkpoint into the history first.
    ///
    /// An account's first votes ever (its first checkpoint: its first receipt of tokens, or the first delegation to
    /// it) announce its default delegation with the `DelegateChanged(account, 0, account)` event an explicit
    /// self-delegation would have emitted, so indexers see every delegation without knowing this token's default.
    /// Once only: a balance that returns from zero changes no delegation and emits nothing.
    function _writeCheckpoint(address account, uint256 amount, bool add) private {
        VoteHeader memory header = _voteHeaders[account];
        bool firstVotes = header.count == 0;
        uint256 oldVotes = header.latestVotes;
        uint256 newVotes = add ? oldVotes + amount : oldVotes - amount;
        uint48 now_ = clock();
        if (header.count != 0 && header.latestTimepoint != now_) {
            // a checkpoint's key only grows: clock() never goes back
            _voteHistory[account][header.count - 1] = Checkpoints.Checkpoint208(
                header.latestTimepoint,
                header.latestVotes
            );
        }
        if (header.count == 0 || header.latestTimepoint != now_) ++header.count;
        header.latestTimepoint = now_;
        header.latestVotes = SafeCast.toUint176(newVotes);
        _voteHeaders[account] = header;
        emit DelegateVotesChanged(account, oldVotes, newVotes);
        if (firstVotes) {
            Delegation memory delegation = _delegations[account];
            if (delegation.delegatee == address(0) && !delegation.optedOut) {
                emit DelegateChanged(account, address(0), account);
            }
        }
    }

    // ---------------------------------------------------------------- lookups

    function _pastKey(uint256 timepoint) private view returns (uint48) {
        uint48 currentTimepoint = clock();
        if (timepoint >= currentTimepoint) revert ERC5805FutureLookup(timepoint, currentTimepoint);
        return SafeCast.toUint48(timepoint);
    }

    /// @dev Votes of the last history entry (of `length`) with a key <= `key`, 0 if none. Probes near the end first,
    /// as OpenZeppelin's `upperLookupRecent` does, since governance looks up recent snapshots.
    function _historyLookup(
        mapping(uint256 => Checkpoints.Checkpoint208) storage history,
        uint256 length,
        uint48 key
    ) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = length;
        if (length > 5) {
            uint256 mid = length - Math.sqrt(length);
            if (key < history[mid]._key) high = mid;
            else low = mid + 1;
        }
        // first index whose key is > `key`
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (history[mid]._key > key) high = mid;
            else low = mid + 1;
        }
        return high == 0 ? 0 : history[high - 1]._value;
    }
}
