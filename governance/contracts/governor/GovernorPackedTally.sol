// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor, IGovernor} from "@openzeppelin/contracts/governance/Governor.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title GovernorPackedTally
/// @notice Bravo-style counting (against / for / abstain; quorum counts for + abstain) with late-quorum protection:
/// the rules and public surface of OpenZeppelin's GovernorCountingSimple + GovernorPreventLateQuorum (same functions,
/// events and errors), stored so that a vote costs less.
///
/// Why not those two modules: together they make the first vote on a proposal pay a zero-to-non-zero store for the
/// tally (22,100 gas), read a separate extended-deadline slot, and recompute the quorum (numerator history and total
/// supply checkpoints, ~10,000 gas) on every vote. Here:
/// - against and for share one slot with the proposal's late-quorum extension and the deadline extension; `propose`
///   writes it once with both tallies primed to one, so every vote is a non-zero-to-non-zero update (the proposer,
///   one transaction, pays what every first voter would have paid). Readers subtract the prime.
/// - the quorum is computed only for a vote cast inside the late window (`clock() + extension > deadline`), and the
///   deadline moves only when that vote is the one that crosses the quorum. OpenZeppelin records an extension on the
///   crossing vote whenever it happens, but an extension recorded before the late window never moves the deadline,
///   and no later vote can cross again (tallies only grow and the quorum is fixed at the snapshot), so the outcomes
///   are the same. A differential test runs both side by side.
/// - the extension is fixed per proposal when it is proposed, so a proposal's rules do not change under it.
///
/// Bounds: tallies are uint96 (7.9e28), above any total supply of the capped MINT (1e27); a vote with more weight
/// than that reverts instead of wrapping. Abstain has its own unprimed slot (its first voter pays the new slot).
abstract contract GovernorPackedTally is Governor {
    /// @notice Vote types, as in Governor Bravo.
    enum VoteType {
        Against,
        For,
        Abstain
    }

    /// @dev One slot, written at propose time, never zero afterwards.
    struct PackedTally {
        uint96 againstVotesPlusOne;
        uint96 forVotesPlusOne;
        uint32 lateQuorumExtension; // seconds, copied from the setting at propose time
        uint32 deadlineExtendedBy; // seconds added to the deadline by a late quorum (0 if none)
    }

    struct ProposalVote {
        PackedTally tally;
        uint256 abstainVotes;
        mapping(address voter => bool) hasVoted;
    }

    mapping(uint256 proposalId => ProposalVote) private _proposalVotes;
    uint32 private _lateQuorumVoteExtension;

    /// @notice Same event as GovernorPreventLateQuorum: a proposal's deadline moved because quorum came late.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);
    /// @notice Same event as GovernorPreventLateQuorum: the extension for new proposals changed.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);
    /// @notice Same error as GovernorPreventLateQuorum: the extension may not exceed the voting period.
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);

    /// @param initialVoteExtension seconds of voting added when quorum is reached late
    constructor(uint48 initialVoteExtension) {
        _setLateQuorumVoteExtension(initialVoteExtension);
    }

    // ---------------------------------------------------------------- counting

    /// @inheritdoc IGovernor
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain";
    }

    /// @inheritdoc IGovernor
    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return _proposalVotes[proposalId].hasVoted[account];
    }

    /// @notice The tallies of a proposal, in votes (token units, 18 decimals).
    function proposalVotes(
        uint256 proposalId
    ) public view virtual returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        ProposalVote storage proposalVote = _proposalVotes[proposalId];
        (againstVotes, forVotes) = _unprimed(proposalVote.tally);
        abstainVotes = proposalVote.abstainVotes;
    }

    /// @dev Writes the proposal's tally slot: both tallies primed, the current late-quorum extension fixed.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        _proposalVotes[proposalId].tally = PackedTally({
            againstVotesPlusOne: 1,
            forVotesPlusOne: 1,
            lateQuorumExtension: _lateQuorumVoteExtension,
            deadlineExtendedBy: 0
        });
    }

    /// @inheritdoc Governor
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        ProposalVote storage proposalVote = _proposalVotes[proposalId];
        (, uint256 forVotes) = _unprimed(proposalVote.tally);
        return quorum(proposalSnapshot(proposalId)) <= forVotes + proposalVote.abstainVotes;
    }

    /// @inheritdoc Governor
    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        PackedTally memory tally = _proposalVotes[proposalId].tally;
        // Comparing the primed values is comparing the tallies: both carry the same +1.
        return tally.forVotesPlusOne > tally.againstVotesPlusOne;
    }

    /// @inheritdoc Governor
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory // params
    ) internal virtual override returns (uint256) {
        ProposalVote storage proposalVote = _proposalVotes[proposalId];
        if (proposalVote.hasVoted[account]) revert GovernorAlreadyCastVote(account);
        proposalVote.hasVoted[account] = true;

        PackedTally memory tally = proposalVote.tally;
        uint96 weight = SafeCast.toUint96(totalWeight);
        if (support == uint8(VoteType.Against)) {
            tally.againstVotesPlusOne += weight;
            proposalVote.tally = tally;
            return totalWeight; // against votes never make the quorum
        } else if (support == uint8(VoteType.For)) {
            tally.forVotesPlusOne += weight;
            proposalVote.tally = tally;
        } else if (support == uint8(VoteType.Abstain)) {
            proposalVote.abstainVotes += totalWeight;
        } else {
            revert GovernorInvalidVoteType();
        }
        _extendIfQuorumReachedLate(proposalId, proposalVote, tally, totalWeight);
        return totalWeight;
    }

    /// @dev Moves the deadline when this vote, cast in the late window, is the one that reaches the quorum.
    function _extendIfQuorumReachedLate(
        uint256 proposalId,
        ProposalVote storage proposalVote,
        PackedTally memory tally,
        uint256 weight
    ) private {
        uint256 originalDeadline = super.proposalDeadline(proposalId);
        uint256 extendedDeadline = clock() + tally.lateQuorumExtension;
        if (extendedDeadline <= originalDeadline || tally.deadlineExtendedBy != 0) return;
        (, uint256 forVotes) = _unprimed(tally);
        uint256 quorumVotes = forVotes + proposalVote.abstainVotes;
        uint256 required = quorum(proposalSnapshot(proposalId));
        if (quorumVotes < required || quorumVotes - weight >= required) return;
        // extendedDeadline - originalDeadline <= lateQuorumExtension, a uint32
        tally.deadlineExtendedBy = uint32(extendedDeadline - originalDeadline);
        proposalVote.tally = tally;
        emit ProposalExtended(proposalId, SafeCast.toUint64(extendedDeadline));
    }

    function _unprimed(PackedTally memory tally) private pure returns (uint256 againstVotes, uint256 forVotes) {
        // A proposal that does not exist has a zero slot: report zero, not -1.
        if (tally.forVotesPlusOne == 0) return (0, 0);
        // unchecked: both fields are >= 1 once written, and they are written together
        unchecked {
            return (uint256(tally.againstVotesPlusOne) - 1, uint256(tally.forVotesPlusOne) - 1);
        }
    }

    // ---------------------------------------------------------------- late quorum

    /// @notice The proposal's deadline, including any late-quorum extension.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        return super.proposalDeadline(proposalId) + _proposalVotes[proposalId].tally.deadlineExtendedBy;
    }

    /// @notice Seconds of voting added to a proposal whose quorum is reached late (applies to new proposals).
    function lateQuorumVoteExtension() public view virtual returns (uint48) {
        return _lateQuorumVoteExtension;
    }

    /// @notice Sets the late-quorum extension for new proposals (at most the voting period). Governance only.
    function setLateQuorumVoteExtension(uint48 newVoteExtension) public virtual onlyGovernance {
        _setLateQuorumVoteExtension(newVoteExtension);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        uint256 maxVoteExtension = votingPeriod();
        if (newVoteExtension > maxVoteExtension) {
            revert GovernorPreventLateQuorumVoteExtensionTooLarge(newVoteExtension, maxVoteExtension);
        }
        emit LateQuorumVoteExtensionSet(_lateQuorumVoteExtension, newVoteExtension);
        // votingPeriod() is a uint32 in GovernorSettings, so the check above bounds this cast
        _lateQuorumVoteExtension = uint32(newVoteExtension);
    }
}
