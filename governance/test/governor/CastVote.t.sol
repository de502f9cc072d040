// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";
import {FlashLender} from "../mocks/FlashLender.sol";
import {FlashLoanVoter} from "../mocks/FlashLoanVoter.sol";

/// @notice castVote: bravo tallies, one vote per account, and weight read at the snapshot, so that votes borrowed,
/// bought, delegated or moved after it weigh nothing.
contract CastVoteTest is GovernanceFixture {
    Proposal internal proposal;
    uint256 internal proposalId;

    function setUp() public override {
        super.setUp();
        proposal = _setVotingPeriodProposal(alice);
        proposalId = _propose(proposal, alice);
    }

    // ---------------------------------------------------------------- counting

    function test_castVote_countsVotesAtSnapshot() public {
        _warpToVoting(proposalId);
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(alice, proposalId, FOR, ALICE_AMOUNT, "");
        uint256 weight = _vote(proposalId, alice, FOR);

        assertEq(weight, ALICE_AMOUNT);
        assertTrue(governor.hasVoted(proposalId, alice));
        assertFalse(governor.hasVoted(proposalId, bob));
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(againstVotes, 0);
        assertEq(forVotes, ALICE_AMOUNT);
        assertEq(abstainVotes, 0);
    }

    function test_castVote_talliesAgainstForAbstain() public {
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, AGAINST);
        _vote(proposalId, carol, ABSTAIN);
        _vote(proposalId, dave, FOR);

        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(againstVotes, BOB_AMOUNT);
        assertEq(forVotes, ALICE_AMOUNT + DAVE_AMOUNT);
        assertEq(abstainVotes, CAROL_AMOUNT);
    }

    function test_castVoteWithReason_emitsReason() public {
        _warpToVoting(proposalId);
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(bob, proposalId, AGAINST, BOB_AMOUNT, "too long");
        vm.prank(bob);
        governor.castVoteWithReason(proposalId, AGAINST, "too long");
    }

    function test_castVoteBySig_countsTheSigner() public {
        _warpToVoting(proposalId);
        uint256 nonce = governor.nonces(bob);
        bytes32 structHash = keccak256(abi.encode(governor.BALLOT_TYPEHASH(), proposalId, FOR, bob, nonce));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(bobKey, _governorDigest(structHash));

        vm.prank(eve); // a relayer
        uint256 weight = governor.castVoteBySig(proposalId, FOR, bob, abi.encodePacked(r, s, v));

        assertEq(weight, BOB_AMOUNT);
        assertTrue(governor.hasVoted(proposalId, bob));
        assertFalse(governor.hasVoted(proposalId, eve));
        assertEq(governor.nonces(bob), nonce + 1);
    }

    function test_castVoteBySig_revertsForAnotherSigner() public {
        _warpToVoting(proposalId);
        bytes32 structHash = keccak256(abi.encode(governor.BALLOT_TYPEHASH(), proposalId, FOR, bob, 0));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(eveKey, _governorDigest(structHash));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(proposalId, FOR, bob, abi.encodePacked(r, s, v));
    }

    // ---------------------------------------------------------------- one vote, a valid vote, in the window

    function test_castVote_revertsWhenVotingTwice() public {
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        _vote(proposalId, alice, AGAINST);
    }

    function testFuzz_castVote_revertsForInvalidSupport(uint8 support) public {
        support = uint8(bound(support, 3, type(uint8).max));
        _warpToVoting(proposalId);
        vm.expectRevert(IGovernor.GovernorInvalidVoteType.selector);
        _vote(proposalId, alice, support);
    }

    function test_castVote_revertsWhilePending() public {
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Pending, IGovernor.ProposalState.Active);
        _vote(proposalId, alice, FOR);
    }

    /// @dev The snapshot second itself is still Pending: votes open one second later.
    function test_castVote_revertsAtSnapshotSecond() public {
        vm.warp(governor.proposalSnapshot(proposalId));
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Pending, IGovernor.ProposalState.Active);
        _vote(proposalId, alice, FOR);
    }

    function test_castVote_acceptedAtDeadlineSecond() public {
        vm.warp(governor.proposalDeadline(proposalId));
        assertEq(_vote(proposalId, carol, FOR), CAROL_AMOUNT);
    }

    function test_castVote_revertsAfterDeadline() public {
        _warpPastDeadline(proposalId);
        _expectUnexpectedState(proposalId, IGovernor.ProposalState.Defeated, IGovernor.ProposalState.Active);
        _vote(proposalId, alice, FOR);
    }

    function test_castVote_revertsForUnknownProposal() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorNonexistentProposal.selector, 42));
        _vote(42, alice, FOR);
    }

    function test_proposalVotes_ofUnknownProposalAreZero() public view {
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(42);
        assertEq(againstVotes + forVotes + abstainVotes, 0);
        assertFalse(governor.hasVoted(42, alice));
    }

    function test_castVote_zeroWeightVoteIsRecorded() public {
        _warpToVoting(proposalId);
        assertEq(_vote(proposalId, eve, FOR), 0);
        assertTrue(governor.hasVoted(proposalId, eve));
        (, uint256 forVotes, ) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 0);
    }

    // ---------------------------------------------------------------- weight is read at the snapshot

    /// @dev Alice votes, then hands her tokens to eve: the same tokens cannot vote twice.
    function test_castVote_tokensMovedAfterSnapshotWeighNothing() public {
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        vm.prank(alice);
        token.transfer(eve, ALICE_AMOUNT);

        assertEq(token.getVotes(eve), ALICE_AMOUNT); // eve votes on later proposals ...
        assertEq(_vote(proposalId, eve, FOR), 0); // ... but not on this one
        (, uint256 forVotes, ) = governor.proposalVotes(proposalId);
        assertEq(forVotes, ALICE_AMOUNT);
    }

    /// @dev Selling after the snapshot does not take the seller's vote away either: the snapshot is the record.
    function test_castVote_sellerKeepsSnapshotWeight() public {
        _warpToVoting(proposalId);
        vm.prank(bob);
        token.transfer(eve, BOB_AMOUNT);
        assertEq(_vote(proposalId, eve, AGAINST), 0);
        assertEq(_vote(proposalId, bob, FOR), BOB_AMOUNT);
    }

    function test_castVote_delegationAfterSnapshotWeighsNothing() public {
        _warpToVoting(proposalId);
        vm.prank(carol);
        token.delegate(eve);
        assertEq(_vote(proposalId, eve, FOR), 0);
        assertEq(_vote(proposalId, carol, FOR), CAROL_AMOUNT);
    }

    function test_castVote_optOutAfterSnapshotKeepsSnapshotWeight() public {
        _warpToVoting(proposalId);
        vm.prank(carol);
        token.delegate(address(0));
        assertEq(token.getVotes(carol), 0);
        assertEq(_vote(proposalId, carol, FOR), CAROL_AMOUNT);
    }

    /// @dev The boundary: a move inside the snapshot second counts, one second later it does not.
    function testFuzz_castVote_weightFollowsMoveTime(uint256 amount, uint256 moveAt) public {
        amount = bound(amount, 1, ALICE_AMOUNT);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        moveAt = bound(moveAt, block.timestamp, governor.proposalDeadline(proposalId));
        vm.warp(moveAt);
        vm.prank(alice);
        token.transfer(eve, amount);

        vm.warp(governor.proposalDeadline(proposalId));
        bool beforeSnapshot = moveAt <= snapshot;
        assertEq(_vote(proposalId, eve, FOR), beforeSnapshot ? amount : 0);
        assertEq(_vote(proposalId, alice, FOR), beforeSnapshot ? ALICE_AMOUNT - amount : ALICE_AMOUNT);
    }

    /// @dev Beanstalk, 2022: borrow votes, vote, repay, all in one transaction. The borrower really holds the votes
    /// during the loan (a governor reading current votes would count them), but the governor reads the snapshot.
    function test_castVote_flashLoanedVotesWeighNothing() public {
        (FlashLender lender, FlashLoanVoter attacker) = _flashLoanSetup(100_000_000 ether);
        _warpToVoting(proposalId);

        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(address(attacker), proposalId, FOR, 0, "");
        attacker.voteWithLoan(proposalId, FOR, 100_000_000 ether);

        assertEq(attacker.votesDuringLoan(), 100_000_000 ether);
        assertEq(attacker.weightCast(), 0);
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(againstVotes + forVotes + abstainVotes, 0);
        assertEq(token.balanceOf(address(lender)), 100_000_000 ether);
        assertEq(token.balanceOf(address(attacker)), 0);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active));
    }

    /// @dev The same loan taken inside the snapshot second: the snapshot keeps the last value of that second, which
    /// is after the repayment.
    function test_castVote_flashLoanInSnapshotSecondWeighsNothing() public {
        (, FlashLoanVoter attacker) = _flashLoanSetup(100_000_000 ether);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.warp(snapshot);
        attacker.holdWithLoan(100_000_000 ether);
        assertEq(attacker.votesDuringLoan(), 100_000_000 ether);

        skip(1);
        assertEq(token.getPastVotes(address(attacker), snapshot), 0);
        attacker.voteWithLoan(proposalId, FOR, 100_000_000 ether);
        assertEq(attacker.weightCast(), 0);
    }

    /// @dev A proposal passes only with votes held at the snapshot: borrowed quorum-sized power changes nothing.
    function test_castVote_flashLoanCannotPassAProposal() public {
        (, FlashLoanVoter attacker) = _flashLoanSetup(100_000_000 ether);
        _warpToVoting(proposalId);
        attacker.voteWithLoan(proposalId, FOR, 100_000_000 ether);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    // ---------------------------------------------------------------- helpers

    function _flashLoanSetup(uint256 liquidity) internal returns (FlashLender lender, FlashLoanVoter attacker) {
        lender = new FlashLender(IERC20(address(token)));
        attacker = new FlashLoanVoter(lender, governor, address(token));
        vm.prank(address(timelock)); // stands in for a pool's liquidity; a transfer keeps supply (and quorum) unchanged
        token.transfer(address(lender), liquidity);
    }

    function _governorDigest(bytes32 structHash) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(governor.name())),
                keccak256(bytes(governor.version())),
                block.chainid,
                address(governor)
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }
}
