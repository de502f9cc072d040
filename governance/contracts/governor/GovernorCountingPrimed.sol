// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor, IGovernor} from "@openzeppelin/contracts/governance/Governor.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title GovernorCountingPrimed
/// @notice Bravo-style counting (against / for / abstain; quorum counts for + abstain), the same rules and the same
/// public surface as OpenZeppelin's GovernorCountingSimple.
///
/// Why not GovernorCountingSimple itself: its tallies start at zero in three separate slots, so the first "for" vote
/// on a proposal pays a zero-to-non-zero store (22,100 gas) on top of the voter's own receipt. Here the against and
/// for tallies share one slot that `propose` primes to a non-zero value, so every vote pays a non-zero-to-non-zero
/// update instead, and the proposer (one transaction) carries the cost the many voters would otherwise pay. Both
/// tallies are stored plus one (the prime); every reader subtracts it. Abstain stays unprimed in its own slot.
///
/// Bounds: a tally is at most the token's total supply, which is capped far below 2^128 - 1.
abstract contract GovernorCountingPrimed is Governor {
    /// @notice Vote types, as in Governor Bravo.
    enum VoteType {
        Against,
        For,
        Abstain
    }

    /// @dev One slot: both tallies plus one once the proposal exists (so the slot is never zero after propose).
    struct PrimedTally {
        uint128 againstVotesPlusOne;
        uint128 forVotesPlusOne;
    }

    struct ProposalVote {
        PrimedTally tally;
        uint256 abstainVotes;
        mapping(address voter => bool) hasVoted;
    }

    mapping(uint256 proposalId => ProposalVote) private _proposalVotes;

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

    /// @dev Primes the tally slot of every new proposal.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        _proposalVotes[proposalId].tally = PrimedTally({againstVotesPlusOne: 1, forVotesPlusOne: 1});
    }

    /// @inheritdoc Governor
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        ProposalVote storage proposalVote = _proposalVotes[proposalId];
        (, uint256 forVotes) = _unprimed(proposalVote.tally);
        return quorum(proposalSnapshot(proposalId)) <= forVotes + proposalVote.abstainVotes;
    }

    /// @inheritdoc Governor
    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        PrimedTally memory tally = _proposalVotes[proposalId].tally;
        // Comparing the primed values is the same as comparing the tallies: both carry the same +1.
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

        if (support == uint8(VoteType.Against)) {
            proposalVote.tally.againstVotesPlusOne += SafeCast.toUint128(totalWeight);
        } else if (support == uint8(VoteType.For)) {
            proposalVote.tally.forVotesPlusOne += SafeCast.toUint128(totalWeight);
        } else if (support == uint8(VoteType.Abstain)) {
            proposalVote.abstainVotes += totalWeight;
        } else {
            revert GovernorInvalidVoteType();
        }
        return totalWeight;
    }

    function _unprimed(PrimedTally memory tally) private pure returns (uint256 againstVotes, uint256 forVotes) {
        // A proposal that does not exist has an unprimed (zero) slot: report zero, not -1.
        if (tally.forVotesPlusOne == 0) return (0, 0);
        // unchecked: both fields are >= 1 once primed, and they are primed together
        unchecked {
            return (uint256(tally.againstVotesPlusOne) - 1, uint256(tally.forVotesPlusOne) - 1);
        }
    }
}
