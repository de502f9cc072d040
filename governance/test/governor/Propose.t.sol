// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";
import {FlashLender} from "../mocks/FlashLender.sol";
import {FlashLoanVoter} from "../mocks/FlashLoanVoter.sol";

/// @notice propose: the proposer-bound description, the threshold read one second in the past, and the attacks
/// around both (copycat front-running, flash-loaned threshold).
contract ProposeTest is GovernanceFixture {
    // ---------------------------------------------------------------- happy path

    function test_propose_createsPendingProposal() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 expectedId = _proposalId(p);
        uint256 snapshot = block.timestamp + VOTING_DELAY;

        vm.expectEmit(address(governor));
        emit IGovernor.ProposalCreated(
            expectedId,
            alice,
            p.targets,
            p.values,
            new string[](1),
            p.calldatas,
            snapshot,
            snapshot + VOTING_PERIOD,
            p.description
        );
        uint256 proposalId = _propose(p, alice);

        assertEq(proposalId, expectedId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Pending));
        assertEq(governor.proposalProposer(proposalId), alice);
        assertEq(governor.proposalSnapshot(proposalId), snapshot);
        assertEq(governor.proposalDeadline(proposalId), snapshot + VOTING_PERIOD);
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(againstVotes + forVotes + abstainVotes, 0);
    }

    function test_propose_acceptsChecksummedSuffix() public {
        // vm.toString gives the EIP-55 mixed-case form; the parser is case-insensitive
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = string.concat("Lengthen voting\n\n#proposer=", vm.toString(alice));
        uint256 proposalId = _propose(p, alice);
        assertEq(governor.proposalProposer(proposalId), alice);
    }

    function test_propose_acceptsBareSuffix() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = string.concat("#proposer=", vm.toLowercase(vm.toString(alice))); // the suffix alone
        assertEq(bytes(p.description).length, 52);
        _propose(p, alice);
    }

    // ---------------------------------------------------------------- without a #proposer= suffix: anyone's

    /// @dev What the ecosystem's frontends (Tally, Agora and their kind, built for OpenZeppelin's Governor) write: no
    /// suffix. Before, every such proposal reverted with GovernorRestrictedProposer, so none of them could propose.
    function test_propose_acceptsDescriptionWithoutSuffix() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = "Lengthen voting to 7 days, a description long enough to hold a suffix but without one";
        uint256 proposalId = _propose(p, alice);
        assertEq(governor.proposalProposer(proposalId), alice);
    }

    function test_propose_acceptsShortDescription() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = "";
        assertEq(governor.proposalProposer(_propose(p, alice)), alice);
    }

    /// @dev The suffix is where OpenZeppelin looks for it, at the very end: text after it makes it no suffix.
    function test_propose_suffixFollowedByTextBindsNobody() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = string.concat(_boundDescription("Lengthen voting", alice), "\n");
        assertEq(governor.proposalProposer(_propose(p, bob)), bob);
    }

    function test_propose_otherMarkerBindsNobody() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = string.concat("Lengthen voting\n\n#proposed=", vm.toLowercase(vm.toString(alice)));
        assertEq(governor.proposalProposer(_propose(p, bob)), bob);
    }

    /// @dev A proposal from a standard frontend lives its whole life like a bound one: vote, queue, execute.
    function test_propose_descriptionWithoutSuffixRunsItsWholeLife() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = "# Lengthen voting\n\nWritten by a frontend that knows nothing of #proposer= suffixes.";
        uint256 proposalId = _passProposal(p, alice);
        assertEq(governor.proposalProposer(proposalId), alice);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
        assertEq(governor.votingPeriod(), 7 days);
    }

    // ---------------------------------------------------------------- with a #proposer= suffix: its proposer's only

    function test_propose_revertsForUppercaseHexPrefix() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        bytes memory suffix = bytes(Strings.toHexString(alice));
        suffix[1] = "X";
        p.description = string.concat("Lengthen voting\n\n#proposer=", string(suffix));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, alice));
        _propose(p, alice);
    }

    /// @dev The governor decodes the suffix with its own hex parser; this compares it, on fuzzed texts, letter cases
    /// and single-byte corruptions anywhere near the end, with OpenZeppelin's Strings.tryParseAddress.
    function testFuzz_propose_suffixCheckMatchesReferenceParser(
        string calldata text,
        uint256 caseMask,
        bool corrupt,
        uint256 corruptAt,
        bytes1 corruption
    ) public {
        bytes memory description = bytes(string.concat(text, "#proposer=", _hexWithCase(alice, caseMask)));
        if (corrupt) {
            // anywhere in the last 64 bytes: the suffix and a little of the text before it
            uint256 window = description.length < 64 ? description.length : 64;
            description[description.length - 1 - (corruptAt % window)] = corruption;
        }
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = string(description);

        if (!_referenceIsBoundTo(p.description, alice)) {
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, alice));
        }
        _propose(p, alice);
    }

    /// @dev Any correctly bound description, in any letter case, is accepted from its proposer only.
    function testFuzz_propose_boundToAnyAddress(address bound, address caller, uint256 caseMask) public {
        vm.assume(caller != address(0) && caller != address(timelock));
        vm.prank(alice);
        token.transfer(caller, PROPOSAL_THRESHOLD);
        skip(1);
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.description = string.concat("Any text\n\n#proposer=", _hexWithCase(bound, caseMask));
        if (bound != caller) {
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, caller));
        }
        _propose(p, caller);
    }

    /// @dev A suffix that names no parseable address must not leave the proposal open to anyone: otherwise anyone
    /// can submit a copy first and cancel it, and the real proposer can never propose that text again.
    /// FlyGovernor checks the marker but leaves the address to OpenZeppelin, which treats an unparseable address as
    /// "no restriction" (`return !success || recovered == proposer`).
    function test_propose_revertsForUnparseableProposerSuffix() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        // "0x" + 40 characters that are not hex: what a broken client might write
        p.description = "Lengthen voting\n\n#proposer=0xgggggggggggggggggggggggggggggggggggggggg";
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, bob));
        _propose(p, bob);
    }

    // ---------------------------------------------------------------- copycat front-running

    /// @dev The attack: bob sees alice's proposal in the mempool, submits it first, then cancels it while Pending,
    /// so alice's identical proposal (same id) can never be made. The bound description stops the first step.
    function test_propose_revertsForCopycat() public {
        Proposal memory p = _setVotingPeriodProposal(alice);

        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, bob));
        _propose(p, bob);

        // alice's own submission still goes through, and bob cannot cancel it
        uint256 proposalId = _propose(p, alice);
        assertEq(governor.proposalProposer(proposalId), alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, bob));
        vm.prank(bob);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Pending));
    }

    /// @dev Re-binding a copy to oneself is allowed, but it is a different proposal: it cannot block the original.
    function test_propose_copycatBoundToItselfGetsAnotherId() public {
        Proposal memory original = _setVotingPeriodProposal(alice);
        Proposal memory copy = _setVotingPeriodProposal(bob);

        uint256 copyId = _propose(copy, bob);
        vm.prank(bob);
        governor.cancel(copy.targets, copy.values, copy.calldatas, _descriptionHash(copy));

        uint256 originalId = _propose(original, alice);
        assertTrue(originalId != copyId);
        assertEq(uint8(governor.state(copyId)), uint8(IGovernor.ProposalState.Canceled));
        assertEq(uint8(governor.state(originalId)), uint8(IGovernor.ProposalState.Pending));
    }

    function testFuzz_propose_revertsForAnyoneButTheBoundProposer(address caller) public {
        vm.assume(caller != alice);
        Proposal memory p = _setVotingPeriodProposal(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, caller));
        _propose(p, caller);
    }

    // ---------------------------------------------------------------- proposal threshold

    function test_propose_atExactThreshold() public {
        vm.prank(alice);
        token.transfer(eve, PROPOSAL_THRESHOLD);
        skip(1);
        uint256 proposalId = _propose(_setVotingPeriodProposal(eve), eve);
        assertEq(governor.proposalProposer(proposalId), eve);
    }

    function test_propose_revertsOneWeiBelowThreshold() public {
        vm.prank(alice);
        token.transfer(eve, PROPOSAL_THRESHOLD - 1);
        skip(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector,
                eve,
                PROPOSAL_THRESHOLD - 1,
                PROPOSAL_THRESHOLD
            )
        );
        _propose(_setVotingPeriodProposal(eve), eve);
    }

    function testFuzz_propose_thresholdEdge(uint256 votes) public {
        votes = bound(votes, 0, 2 * PROPOSAL_THRESHOLD);
        vm.prank(alice);
        token.transfer(eve, votes);
        skip(1);
        Proposal memory p = _setVotingPeriodProposal(eve);
        if (votes < PROPOSAL_THRESHOLD) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IGovernor.GovernorInsufficientProposerVotes.selector,
                    eve,
                    votes,
                    PROPOSAL_THRESHOLD
                )
            );
        }
        _propose(p, eve);
    }

    /// @dev The threshold is read at clock() - 1: votes received in the proposing second do not count yet.
    function test_propose_revertsInTheSecondVotesArrive() public {
        vm.prank(alice);
        token.transfer(eve, PROPOSAL_THRESHOLD);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, eve, 0, PROPOSAL_THRESHOLD)
        );
        _propose(_setVotingPeriodProposal(eve), eve);
    }

    function test_propose_countsDelegatedVotes() public {
        vm.prank(carol);
        token.delegate(eve);
        skip(1);
        assertEq(token.balanceOf(eve), 0);
        uint256 proposalId = _propose(_setVotingPeriodProposal(eve), eve);
        assertEq(governor.proposalProposer(proposalId), eve);
    }

    function test_propose_revertsForOptedOutHolder() public {
        vm.prank(alice);
        token.delegate(address(0));
        skip(1);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, alice, 0, PROPOSAL_THRESHOLD)
        );
        _propose(_setVotingPeriodProposal(alice), alice);
    }

    /// @dev Beanstalk-style: borrow far more than the threshold, propose inside the loan. The threshold is read at
    /// clock() - 1, when the borrower held nothing.
    function test_propose_revertsForFlashLoanedVotes() public {
        FlashLender lender = new FlashLender(IERC20(address(token)));
        FlashLoanVoter attacker = new FlashLoanVoter(lender, governor, address(token));
        vm.prank(address(timelock)); // stands in for a pool's liquidity; a transfer keeps supply unchanged
        token.transfer(address(lender), 50_000_000 ether);
        skip(1);

        Proposal memory p = _setVotingPeriodProposal(address(attacker));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector,
                address(attacker),
                0,
                PROPOSAL_THRESHOLD
            )
        );
        attacker.proposeWithLoan(p.targets, p.values, p.calldatas, p.description, 50_000_000 ether);
    }

    // ---------------------------------------------------------------- malformed proposals

    function test_propose_revertsForEmptyProposal() public {
        Proposal memory p;
        p.description = _boundDescription("nothing", alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 0, 0, 0));
        _propose(p, alice);
    }

    function test_propose_revertsForLengthMismatch() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        p.values = new uint256[](2);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 1, 1, 2));
        _propose(p, alice);
    }

    function test_propose_revertsForDuplicate() public {
        Proposal memory p = _setVotingPeriodProposal(alice);
        uint256 proposalId = _propose(p, alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Pending,
                bytes32(0)
            )
        );
        _propose(p, alice);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev "0x" and `account`'s 40 hex digits, each letter upper-case where the matching bit of `caseMask` is set.
    function _hexWithCase(address account, uint256 caseMask) internal pure returns (string memory) {
        bytes memory hex_ = bytes(Strings.toHexString(account));
        for (uint256 i = 2; i < hex_.length; ++i) {
            if (hex_[i] >= "a" && (caseMask >> i) & 1 == 1) hex_[i] = bytes1(uint8(hex_[i]) - 32);
        }
        return string(hex_);
    }

    /// @dev The rule FlyGovernor promises, written with OpenZeppelin's parser: a description whose last 52 bytes
    /// do not start with "#proposer=" is anyone's; one whose do must go on with "0x" and 40 hex digits (any case)
    /// that spell `proposer`.
    function _referenceIsBoundTo(string memory description, address proposer) internal pure returns (bool) {
        bytes memory text = bytes(description);
        bytes memory marker = "#proposer=";
        uint256 length = text.length;
        if (length < 52) return true;
        for (uint256 i; i < marker.length; ++i) {
            if (text[length - 52 + i] != marker[i]) return true;
        }
        if (text[length - 42] != "0" || text[length - 41] != "x") return false;
        (bool parsed, address recovered) = Strings.tryParseAddress(description, length - 42, length);
        return parsed && recovered == proposer;
    }
}
