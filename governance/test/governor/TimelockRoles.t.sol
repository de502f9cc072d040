// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Panic} from "@openzeppelin/contracts/utils/Panic.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice The timelock is the only path to a parameter or the treasury: the governor is its sole proposer and
/// canceller, nobody holds its admin role but itself, the minimum delay holds for everyone, and every setting of
/// the governor and the token refuses any caller but the timelock.
contract TimelockRolesTest is GovernanceFixture {
    // ---------------------------------------------------------------- scheduling

    function testFuzz_schedule_revertsForNonProposer(address caller) public {
        vm.assume(caller != address(governor));
        bytes memory data = abi.encodeCall(token.setEmissionsBudget, (caller, 1_000_000 ether));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                caller,
                timelock.PROPOSER_ROLE()
            )
        );
        vm.prank(caller);
        timelock.schedule(address(token), 0, data, 0, 0, TIMELOCK_MIN_DELAY);
    }

    /// @dev Not even the proposer can schedule under the minimum delay.
    function test_schedule_revertsBelowMinDelay() public {
        bytes memory data = abi.encodeCall(token.setEmissionsBudget, (eve, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockInsufficientDelay.selector,
                TIMELOCK_MIN_DELAY - 1,
                TIMELOCK_MIN_DELAY
            )
        );
        vm.prank(address(governor));
        timelock.schedule(address(token), 0, data, 0, 0, TIMELOCK_MIN_DELAY - 1);
    }

    function test_execute_revertsForUnscheduledOperation() public {
        bytes memory data = abi.encodeCall(token.setEmissionsBudget, (eve, 1));
        bytes32 id = timelock.hashOperation(address(token), 0, data, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                id,
                _operationBitmap(TimelockController.OperationState.Ready)
            )
        );
        vm.prank(eve);
        timelock.execute(address(token), 0, data, 0, 0);
    }

    /// @dev CVE-2021-39167 was an executor scheduling from inside an execution. Here an executed proposal cannot
    /// schedule anything either: the timelock itself is not a proposer.
    function test_execute_proposalCannotMakeTheTimelockSchedule() public {
        bytes memory inner = abi.encodeCall(token.setEmissionsBudget, (eve, 1_000_000 ether));
        Proposal memory p = _proposal(
            address(timelock),
            abi.encodeCall(timelock.schedule, (address(token), 0, inner, 0, 0, TIMELOCK_MIN_DELAY)),
            "Timelock schedules on its own",
            alice
        );
        _passAndQueue(p, alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(timelock),
                timelock.PROPOSER_ROLE()
            )
        );
        _execute(p);
    }

    // ---------------------------------------------------------------- the delay and the roles are the DAO's

    function testFuzz_updateDelay_revertsUnlessTimelock(address caller) public {
        vm.assume(caller != address(timelock));
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, caller));
        vm.prank(caller);
        timelock.updateDelay(0);
    }

    function test_updateDelay_throughProposal() public {
        Proposal memory p = _proposal(
            address(timelock),
            abi.encodeCall(timelock.updateDelay, (3 days)),
            "Three-day timelock",
            alice
        );
        _passAndQueue(p, alice);
        vm.expectEmit(address(timelock));
        emit TimelockController.MinDelayChange(TIMELOCK_MIN_DELAY, 3 days);
        _execute(p);
        assertEq(timelock.getMinDelay(), 3 days);
    }

    /// @dev The deployer renounced admin in the deploy; nobody else ever had it.
    function test_grantRole_revertsForFormerAdminAndEveryoneElse() public {
        address[4] memory callers = [deployer, address(governor), alice, eve];
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector,
                    callers[i],
                    timelock.DEFAULT_ADMIN_ROLE()
                )
            );
            vm.prank(callers[i]);
            timelock.grantRole(proposerRole, callers[i]);
        }
    }

    /// @dev The governor could give up its role by mistake; it cannot take anyone else's (it is no admin).
    function test_revokeRole_revertsForGovernor() public {
        bytes32 executorRole = timelock.EXECUTOR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(governor),
                timelock.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(address(governor));
        timelock.revokeRole(executorRole, address(0));
    }

    // ---------------------------------------------------------------- no parameter changes without the timelock

    function testFuzz_governorSettings_revertUnlessExecutor(address caller) public {
        vm.assume(caller != address(timelock));
        bytes[7] memory calls = [
            abi.encodeCall(governor.setVotingDelay, (0)),
            abi.encodeCall(governor.setVotingPeriod, (1)),
            abi.encodeCall(governor.setProposalThreshold, (0)),
            abi.encodeCall(governor.updateQuorumNumerator, (1)),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (0)),
            abi.encodeCall(governor.updateTimelock, (TimelockController(payable(caller)))),
            abi.encodeCall(governor.relay, (address(token), 0, abi.encodeCall(token.transfer, (caller, 1))))
        ];
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(caller);
            // a low-level call per entry: each must fail with exactly this error
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory reason) = address(governor).call(calls[i]);
            assertFalse(ok);
            assertEq(reason, abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
        }
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.timelock(), address(timelock));
    }

    /// @dev Even the timelock can change a governor setting only while the governor executes a proposal that
    /// contains the call (the governor whitelists it first); a bare call from the timelock address is refused.
    function test_governorSettings_revertForTimelockOutsideAProposal() public {
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", Panic.EMPTY_ARRAY_POP));
        vm.prank(address(timelock));
        governor.setVotingPeriod(1);
    }

    function testFuzz_tokenOwnerFunctions_revertUnlessTimelock(address caller) public {
        vm.assume(caller != address(timelock));
        bytes[3] memory calls = [
            abi.encodeCall(token.setEmissionsBudget, (caller, 1_000_000 ether)),
            abi.encodeCall(token.transferOwnership, (caller)),
            abi.encodeCall(token.renounceOwnership, ())
        ];
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(caller);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory reason) = address(token).call(calls[i]);
            assertFalse(ok);
            assertEq(reason, abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
        }
        assertEq(token.owner(), address(timelock));
        assertEq(token.emissionsBudget(caller), 0);
    }

    /// @dev The governor is not the owner either: only the timelock, after the delay, acts for the DAO.
    function test_setEmissionsBudget_revertsForGovernor() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(governor)));
        vm.prank(address(governor));
        token.setEmissionsBudget(eve, 1);
    }

    function test_treasury_cannotBeMovedWithoutAProposal() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, eve, 0, 1));
        vm.prank(eve);
        token.transferFrom(address(timelock), eve, 1);
    }

    /// @dev Funds sent to the governor would be stuck there (it executes nothing itself): it refuses them.
    function test_governor_refusesEther() public {
        vm.deal(eve, 1 ether);
        vm.prank(eve);
        (bool ok, bytes memory reason) = address(governor).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(reason, abi.encodeWithSelector(IGovernor.GovernorDisabledDeposit.selector));
    }
}
