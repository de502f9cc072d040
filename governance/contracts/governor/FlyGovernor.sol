// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {GovernorPackedTally} from "./GovernorPackedTally.sol";
import {ProposerSuffix} from "../libraries/ProposerSuffix.sol";

/// @title FlyGovernor
/// @notice The FlyAIMusic DAO's governor, assembled from OpenZeppelin modules:
/// - settings (voting delay and period in seconds, proposal threshold in MINT), changeable by governance;
/// - votes read from MINT at the proposal snapshot (ERC-6372 timestamps), so tokens borrowed, bought or moved after
///   the snapshot weigh nothing;
/// - quorum as a fraction of total supply at the snapshot;
/// - bravo counting and late-quorum protection (reaching quorum near the deadline extends voting by
///   `lateQuorumVoteExtension`), packed into one slot per proposal (see GovernorPackedTally);
/// - every passed proposal goes through the timelock, which holds the treasury and owns every parameter.
///
/// Proposals are bound to their proposer: a description must end with `#proposer=<proposer address>` (OpenZeppelin's
/// opt-in front-running protection, made mandatory here), so nobody can copy a pending proposal, submit it first
/// under their own name and then cancel it.
contract FlyGovernor is
    Governor,
    GovernorSettings,
    GovernorPackedTally,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    /// @notice Initial governance settings (all later changed only by proposals).
    struct Settings {
        uint48 votingDelay; // seconds from propose to the vote snapshot
        uint32 votingPeriod; // seconds of voting
        uint256 proposalThreshold; // MINT (18 decimals) of votes needed to propose
        uint256 quorumPercent; // percent of total supply at the snapshot
        uint48 lateQuorumExtension; // seconds added when quorum is reached late
    }

    constructor(
        IVotes token,
        TimelockController timelock,
        Settings memory settings
    )
        Governor("FlyAIMusic Governor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(settings.quorumPercent)
        GovernorPackedTally(settings.lateQuorumExtension)
        GovernorTimelockControl(timelock)
    {}

    /// @dev As OpenZeppelin's Governor: a description without a `#proposer=` suffix is anyone's (what the ecosystem's
    /// frontends write), and one with a suffix binds the proposal to the proposer it names, so a copy submitted first
    /// from another account reverts. Stricter on one point: a suffix that names no address in the exact form
    /// `0x<40 hex digits>` binds the proposal to nobody (OpenZeppelin leaves it open to anyone, so a broken client's
    /// proposal could be front-run and cancelled). This project's CLI and web app always write the suffix.
    function _isValidDescriptionForProposer(
        address proposer,
        string memory description
    ) internal pure override returns (bool) {
        return !ProposerSuffix.hasSuffix(description) || ProposerSuffix.isBoundTo(description, proposer);
    }

    // ---------------------------------------------------------------- overrides required by Solidity

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPackedTally) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorPackedTally) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
