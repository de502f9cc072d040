// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {FlyGovernor} from "../../contracts/governor/FlyGovernor.sol";
import {FlyTimelock} from "../../contracts/governor/FlyTimelock.sol";
import {MintToken} from "../../contracts/token/MintToken.sol";

/// @notice Drives the governor through random lifecycles of proposals that set the voting period (propose, vote,
/// queue, execute, cancel, time passing), interleaved with attempts to change settings, budgets or the timelock's
/// schedule without a proposal. Ghost state: what each proposal went through, the tallies the voters cast, the
/// voting period the executed proposals set, and a count of anything that should have been impossible.
contract GovernorHandler is CommonBase, StdCheats, StdUtils {
    struct Tracked {
        uint256 id;
        address proposer;
        uint32 newVotingPeriod;
        string description;
        uint256 queuedAt;
        bool executed;
        bool canceled;
    }

    uint256 internal constant MAX_PROPOSALS = 6;

    FlyGovernor public immutable governor;
    MintToken public immutable token;
    FlyTimelock public immutable timelock;
    address[] internal _voters;
    Tracked[] internal _proposals;

    uint256 public currentTime;
    uint256 public ghostVotingPeriod;
    /// @dev bypasses, early executions, cancels by strangers: each one the handler saw succeed
    uint256 public violations;
    mapping(uint256 proposalId => uint256[3] tally) internal _ghostTally;
    mapping(string action => uint256) public succeeded;

    constructor(FlyGovernor governor_, MintToken token_, FlyTimelock timelock_, address[] memory voters_) {
        governor = governor_;
        token = token_;
        timelock = timelock_;
        _voters = voters_;
        currentTime = block.timestamp;
        ghostVotingPeriod = governor_.votingPeriod();
    }

    modifier timed() {
        vm.warp(currentTime);
        _;
    }

    // ---------------------------------------------------------------- the lifecycle

    function propose(uint256 proposerSeed, uint256 periodSeed) external timed {
        if (_proposals.length >= MAX_PROPOSALS) return;
        address proposer = _voters[proposerSeed % _voters.length];
        uint32 period = uint32(bound(periodSeed, 1 days, 10 days));
        Tracked storage p = _proposals.push();
        p.proposer = proposer;
        p.newVotingPeriod = period;
        p.description = string.concat(
            "Voting period ",
            Strings.toString(period),
            " (#",
            Strings.toString(_proposals.length),
            ")\n\n#proposer=",
            Strings.toHexString(proposer)
        );
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _calls(p);
        vm.prank(proposer);
        try governor.propose(targets, values, calldatas, p.description) returns (uint256 id) {
            p.id = id;
            ++succeeded["propose"];
        } catch {
            _proposals.pop();
        }
    }

    function castVote(uint256 proposalSeed, uint256 voterSeed, uint8 support) external timed {
        if (_proposals.length == 0) return;
        Tracked storage p = _proposals[proposalSeed % _proposals.length];
        support = uint8(bound(support, 0, 3)) == 0 ? 0 : uint8(bound(support, 1, 2)); // mostly for and abstain
        vm.prank(_voters[voterSeed % _voters.length]);
        try governor.castVote(p.id, support) returns (uint256 weight) {
            _ghostTally[p.id][support] += weight;
            ++succeeded["castVote"];
        } catch {}
    }

    function queue(uint256 proposalSeed) external timed {
        if (_proposals.length == 0) return;
        Tracked storage p = _proposals[proposalSeed % _proposals.length];
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _calls(p);
        try governor.queue(targets, values, calldatas, keccak256(bytes(p.description))) {
            p.queuedAt = block.timestamp;
            ++succeeded["queue"];
        } catch {}
    }

    function execute(uint256 proposalSeed, uint256 executorSeed) external timed {
        if (_proposals.length == 0) return;
        Tracked storage p = _proposals[proposalSeed % _proposals.length];
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _calls(p);
        vm.prank(address(uint160(bound(executorSeed, 1, type(uint160).max)))); // anyone
        try governor.execute(targets, values, calldatas, keccak256(bytes(p.description))) {
            if (p.queuedAt == 0 || block.timestamp < p.queuedAt + timelock.getMinDelay()) ++violations;
            p.executed = true;
            ghostVotingPeriod = p.newVotingPeriod;
            ++succeeded["execute"];
        } catch {}
    }

    function cancel(uint256 proposalSeed, uint256 callerSeed) external timed {
        if (_proposals.length == 0) return;
        Tracked storage p = _proposals[proposalSeed % _proposals.length];
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _calls(p);
        address caller = _voters[callerSeed % _voters.length];
        vm.prank(caller);
        try governor.cancel(targets, values, calldatas, keccak256(bytes(p.description))) {
            if (caller != p.proposer) ++violations;
            p.canceled = true;
            ++succeeded["cancel"];
        } catch {}
    }

    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1, 3 days);
        vm.warp(currentTime);
    }

    /// @dev Jumps to the next second that matters for one proposal (voting opens, voting closed, timelock ready), so
    /// that random sequences reach execution often.
    function warpToNextStage(uint256 proposalSeed) external timed {
        if (_proposals.length == 0) return;
        uint256 id = _proposals[proposalSeed % _proposals.length].id;
        IGovernor.ProposalState state = governor.state(id);
        uint256 target = currentTime + 1;
        if (state == IGovernor.ProposalState.Pending) target = governor.proposalSnapshot(id) + 1;
        else if (state == IGovernor.ProposalState.Active) target = governor.proposalDeadline(id) + 1;
        else if (state == IGovernor.ProposalState.Queued) target = governor.proposalEta(id);
        if (target > currentTime) currentTime = target;
        vm.warp(currentTime);
    }

    // ---------------------------------------------------------------- the shortcuts that must not work

    function bypassGovernorSetting(uint256 callerSeed, uint32 period) external timed {
        vm.prank(_voters[callerSeed % _voters.length]);
        try governor.setVotingPeriod(period) {
            ++violations;
        } catch {}
    }

    function bypassEmissionsBudget(uint256 callerSeed, uint256 budget) external timed {
        address caller = _voters[callerSeed % _voters.length];
        vm.prank(caller);
        try token.setEmissionsBudget(caller, budget) {
            ++violations;
        } catch {}
    }

    function bypassTimelockSchedule(uint256 callerSeed, uint32 period) external timed {
        address caller = _voters[callerSeed % _voters.length];
        bytes memory data = abi.encodeCall(governor.setVotingPeriod, (period));
        vm.prank(caller);
        try timelock.schedule(address(governor), 0, data, 0, 0, timelock.getMinDelay()) {
            ++violations;
        } catch {}
    }

    // ---------------------------------------------------------------- views for the invariants

    function proposalCount() external view returns (uint256) {
        return _proposals.length;
    }

    function proposalAt(uint256 index) external view returns (uint256 id, bool executed, bool canceled) {
        Tracked storage p = _proposals[index];
        return (p.id, p.executed, p.canceled);
    }

    function ghostTally(uint256 proposalId) external view returns (uint256 against, uint256 for_, uint256 abstain) {
        uint256[3] storage tally = _ghostTally[proposalId];
        return (tally[0], tally[1], tally[2]);
    }

    function _calls(
        Tracked storage p
    ) internal view returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = address(governor);
        calldatas[0] = abi.encodeCall(governor.setVotingPeriod, (p.newVotingPeriod));
    }
}
