// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {FlyTimelock} from "../contracts/governor/FlyTimelock.sol";
import {FlyGovernor} from "../contracts/governor/FlyGovernor.sol";
import {MintToken} from "../contracts/token/MintToken.sol";

/// @notice Deploys the governance suite exactly as deploy/suite.ts does (same order, same wiring, the
/// production parameters of governance/deploy/params.ts), plus helpers that walk proposals through their life.
///
/// Keep this in step with suite.ts: a fixture that wires differently tests a system nobody deploys.
abstract contract GovernanceFixture is Test {
    // ---------------------------------------------------------------- parameters (PRODUCTION_DEFAULTS)

    uint256 internal constant MAX_SUPPLY = 1_000_000_000 ether;
    uint256 internal constant TREASURY_AMOUNT = 400_000_000 ether;
    uint256 internal constant ALICE_AMOUNT = 12_000_000 ether;
    uint256 internal constant BOB_AMOUNT = 6_000_000 ether;
    uint256 internal constant CAROL_AMOUNT = 3_000_000 ether;
    uint256 internal constant DAVE_AMOUNT = 1_000_000 ether;
    uint256 internal constant GENESIS_SUPPLY = TREASURY_AMOUNT + ALICE_AMOUNT + BOB_AMOUNT + CAROL_AMOUNT + DAVE_AMOUNT;

    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 100_000 ether;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint48 internal constant LATE_QUORUM_EXTENSION = 2 days;
    uint256 internal constant TIMELOCK_MIN_DELAY = 2 days;

    /// @dev A realistic start time (seconds), far from zero so `clock() - 1` and past lookups are meaningful.
    uint256 internal constant DEPLOY_TIME = 1_750_000_000;

    // Bravo vote types (GovernorCountingPrimed.VoteType)
    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    // ---------------------------------------------------------------- actors

    address internal deployer;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol;
    address internal dave;
    /// @dev holds nothing at genesis: a newcomer, or an attacker
    address internal eve;
    uint256 internal eveKey;

    // ---------------------------------------------------------------- the suite

    FlyTimelock internal timelock;
    MintToken internal token;
    FlyGovernor internal governor;

    /// @notice A proposal's full content, as propose / queue / execute / cancel take it.
    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function setUp() public virtual {
        deployer = address(this);
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        carol = makeAddr("carol");
        dave = makeAddr("dave");
        (eve, eveKey) = makeAddrAndKey("eve");

        vm.warp(DEPLOY_TIME);

        // 1. timelock, deployer as temporary admin
        timelock = new FlyTimelock(TIMELOCK_MIN_DELAY, new address[](0), new address[](0), deployer);

        // 2. MINT, owned by the timelock, genesis: the treasury first, then the genesis holders
        address[] memory holders = new address[](5);
        uint256[] memory amounts = new uint256[](5);
        (holders[0], amounts[0]) = (address(timelock), TREASURY_AMOUNT);
        (holders[1], amounts[1]) = (alice, ALICE_AMOUNT);
        (holders[2], amounts[2]) = (bob, BOB_AMOUNT);
        (holders[3], amounts[3]) = (carol, CAROL_AMOUNT);
        (holders[4], amounts[4]) = (dave, DAVE_AMOUNT);
        token = new MintToken(address(timelock), MAX_SUPPLY, holders, amounts);

        // 3. governor
        governor = new FlyGovernor(
            IVotes(address(token)),
            TimelockController(payable(address(timelock))),
            FlyGovernor.Settings({
                votingDelay: VOTING_DELAY,
                votingPeriod: VOTING_PERIOD,
                proposalThreshold: PROPOSAL_THRESHOLD,
                quorumPercent: QUORUM_PERCENT,
                lateQuorumExtension: LATE_QUORUM_EXTENSION
            })
        );

        // 4-7. roles: the governor proposes and cancels, anyone executes, the deployer leaves
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), deployer);

        vm.label(address(timelock), "timelock");
        vm.label(address(token), "MINT");
        vm.label(address(governor), "governor");

        // On a real chain nobody proposes in the deploy's own second: let the genesis balances become past votes.
        skip(1);
    }

    // ---------------------------------------------------------------- descriptions

    /// @dev `text` bound to `proposer` with the suffix the governor requires (lowercase hex, which OpenZeppelin's
    /// parser accepts as it accepts any case).
    function _boundDescription(string memory text, address proposer) internal pure returns (string memory) {
        return string.concat(text, "\n\n#proposer=", Strings.toHexString(proposer));
    }

    // ---------------------------------------------------------------- building proposals

    /// @dev A one-call proposal bound to `proposer`.
    function _proposal(
        address target,
        bytes memory data,
        string memory text,
        address proposer
    ) internal pure returns (Proposal memory p) {
        p.targets = new address[](1);
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.targets[0] = target;
        p.calldatas[0] = data;
        p.description = _boundDescription(text, proposer);
    }

    /// @dev A harmless proposal: the governor asks the timelock to set its voting period to 7 days.
    function _setVotingPeriodProposal(address proposer) internal view returns (Proposal memory) {
        return
            _proposal(
                address(governor),
                abi.encodeCall(governor.setVotingPeriod, (7 days)),
                "Lengthen voting to 7 days",
                proposer
            );
    }

    function _descriptionHash(Proposal memory p) internal pure returns (bytes32) {
        return keccak256(bytes(p.description));
    }

    function _proposalId(Proposal memory p) internal view returns (uint256) {
        return governor.hashProposal(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    /// @dev The id under which GovernorTimelockControl schedules `p` on the timelock.
    function _timelockOperationId(Proposal memory p) internal view returns (bytes32) {
        bytes32 salt = bytes20(address(governor)) ^ _descriptionHash(p);
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
    }

    // ---------------------------------------------------------------- walking a proposal

    function _propose(Proposal memory p, address proposer) internal returns (uint256 proposalId) {
        vm.prank(proposer);
        proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _vote(uint256 proposalId, address voter, uint8 support) internal returns (uint256 weight) {
        vm.prank(voter);
        weight = governor.castVote(proposalId, support);
    }

    function _queue(Proposal memory p) internal returns (uint256) {
        return governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function _execute(Proposal memory p) internal returns (uint256) {
        return governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    /// @dev To the first second votes are accepted (the snapshot second itself is still Pending).
    function _warpToVoting(uint256 proposalId) internal {
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
    }

    /// @dev To the first second after voting closed.
    function _warpPastDeadline(uint256 proposalId) internal {
        vm.warp(governor.proposalDeadline(proposalId) + 1);
    }

    /// @dev Propose as `proposer`, every genesis holder votes for (22M: above the 4% quorum of 422M), queue, wait
    /// the timelock delay, execute. Returns the proposal id.
    function _passProposal(Proposal memory p, address proposer) internal returns (uint256 proposalId) {
        proposalId = _passAndQueue(p, proposer);
        _execute(p);
    }

    /// @dev `_passProposal` up to the second the timelock lets it execute: the caller executes (to expect events or
    /// errors of the execution).
    function _passAndQueue(Proposal memory p, address proposer) internal returns (uint256 proposalId) {
        proposalId = _propose(p, proposer);
        _warpToVoting(proposalId);
        _vote(proposalId, alice, FOR);
        _vote(proposalId, bob, FOR);
        _vote(proposalId, carol, FOR);
        _vote(proposalId, dave, FOR);
        _warpPastDeadline(proposalId);
        _queue(p);
        vm.warp(governor.proposalEta(proposalId));
    }

    /// @dev The `expectedStates` argument of GovernorUnexpectedProposalState for one allowed state.
    function _stateBitmap(IGovernor.ProposalState allowed) internal pure returns (bytes32) {
        return bytes32(1 << uint8(allowed));
    }

    /// @dev Expects the next call to revert because `proposalId` is in `actual` while only `allowed` would do.
    function _expectUnexpectedState(
        uint256 proposalId,
        IGovernor.ProposalState actual,
        IGovernor.ProposalState allowed
    ) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                actual,
                _stateBitmap(allowed)
            )
        );
    }

    /// @dev The same for TimelockController's TimelockUnexpectedOperationState.
    function _operationBitmap(TimelockController.OperationState allowed) internal pure returns (bytes32) {
        return bytes32(1 << uint8(allowed));
    }
}
