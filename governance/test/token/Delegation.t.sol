// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {MintToken} from "../../contracts/token/MintToken.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice MINT delegation: holders vote without a delegate() call (default self-delegation), delegate() moves
/// votes as in ERC20Votes, delegate(address(0)) opts out and any later delegate() opts back in; the treasury starts
/// opted out.
contract DelegationTest is GovernanceFixture {
    event VotingOptOutSet(address indexed account, bool optedOut);

    // ---------------------------------------------------------------- default self-delegation

    function test_delegates_defaultsToSelfWithoutACall() public {
        vm.prank(alice);
        token.transfer(eve, 1_000_000 ether);
        assertEq(token.delegates(eve), eve);
        assertEq(token.getVotes(eve), 1_000_000 ether);
        assertFalse(token.votingOptedOut(eve));
        assertEq(token.getVotes(alice), ALICE_AMOUNT - 1_000_000 ether);
    }

    function test_delegates_genesisHoldersVoteFromTheStart() public view {
        assertEq(token.delegates(alice), alice);
        assertEq(token.getVotes(alice), ALICE_AMOUNT);
        assertEq(token.getPastVotes(alice, DEPLOY_TIME), ALICE_AMOUNT);
        assertEq(token.getVotes(dave), DAVE_AMOUNT);
    }

    function testFuzz_delegates_ofAnUntouchedAccountIsItself(address account) public view {
        vm.assume(account != address(timelock) && account != address(0));
        vm.assume(token.balanceOf(account) == 0);
        assertEq(token.delegates(account), account);
        assertEq(token.getVotes(account), 0);
        assertFalse(token.votingOptedOut(account));
    }

    /// @dev Indexers see the default delegation: the first receipt emits the event an explicit self-delegation would.
    function test_transfer_emitsDelegateChangedOnFirstReceipt() public {
        vm.expectEmit(address(token));
        emit IVotes.DelegateVotesChanged(eve, 0, 1 ether);
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(eve, address(0), eve);
        vm.prank(alice);
        token.transfer(eve, 1 ether);
    }

    function test_transfer_noDelegateChangedOnLaterReceipt() public {
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        vm.recordLogs();
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        assertEq(_count(vm.getRecordedLogs(), IVotes.DelegateChanged.selector), 0);
        assertEq(token.getVotes(eve), 2 ether);
    }

    function test_transfer_noDelegateChangedForOptedOutRecipient() public {
        vm.prank(eve);
        token.delegate(address(0));
        vm.recordLogs();
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        assertEq(_count(vm.getRecordedLogs(), IVotes.DelegateChanged.selector), 0);
        assertEq(token.getVotes(eve), 0);
    }

    function test_transfer_noDelegateChangedForRecipientThatDelegated() public {
        vm.prank(eve);
        token.delegate(bob);
        vm.recordLogs();
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        assertEq(_count(vm.getRecordedLogs(), IVotes.DelegateChanged.selector), 0);
        assertEq(token.getVotes(bob), BOB_AMOUNT + 1 ether);
    }

    /// @dev The noise an audit found: a holder that sold everything and bought again was announced again each time,
    /// though its delegate never changed. Every indexer saw a delegation per round trip.
    function test_transfer_noDelegateChangedWhenABalanceReturnsFromZero() public {
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        vm.prank(eve);
        token.transfer(alice, 1 ether);
        skip(1);
        vm.recordLogs();
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        assertEq(_count(vm.getRecordedLogs(), IVotes.DelegateChanged.selector), 0);
        assertEq(token.delegates(eve), eve);
        assertEq(token.getVotes(eve), 1 ether);
    }

    /// @dev An account whose first votes come from another holder's delegation is announced then, once: its own
    /// tokens, when they come, go to the delegate indexers already know.
    function test_delegate_toAFreshAccountAnnouncesItsDefaultOnce() public {
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(bob, bob, eve);
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(eve, address(0), eve);
        vm.prank(bob);
        token.delegate(eve);
        vm.recordLogs();
        vm.prank(alice);
        token.transfer(eve, 1 ether);
        assertEq(_count(vm.getRecordedLogs(), IVotes.DelegateChanged.selector), 0);
        assertEq(token.getVotes(eve), BOB_AMOUNT + 1 ether);
    }

    /// @dev A self-transfer of a whole balance does not start a holder from zero: nothing to announce.
    function test_transfer_noDelegateChangedOnSelfTransfer() public {
        vm.recordLogs();
        vm.prank(carol);
        token.transfer(carol, CAROL_AMOUNT);
        assertEq(_count(vm.getRecordedLogs(), IVotes.DelegateChanged.selector), 0);
    }

    function test_constructor_announcesGenesisDelegationsAndTreasuryOptOut() public {
        address[] memory holders = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (holders[0], amounts[0]) = (address(timelock), 10 ether);
        (holders[1], amounts[1]) = (alice, 1 ether);
        vm.expectEmit();
        emit VotingOptOutSet(address(timelock), true);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, address(0), alice);
        MintToken fresh = new MintToken(address(timelock), MAX_SUPPLY, holders, amounts);
        assertEq(fresh.getVotes(address(timelock)), 0);
        assertEq(fresh.getVotes(alice), 1 ether);
    }

    // ---------------------------------------------------------------- the treasury

    function test_treasury_startsOptedOut() public view {
        assertTrue(token.votingOptedOut(address(timelock)));
        assertEq(token.delegates(address(timelock)), address(0));
        assertEq(token.getVotes(address(timelock)), 0);
        assertEq(token.getPastVotes(address(timelock), DEPLOY_TIME), 0);
    }

    function test_treasury_paymentsBecomeVotes() public {
        vm.prank(address(timelock));
        token.transfer(eve, 5_000_000 ether);
        assertEq(token.getVotes(eve), 5_000_000 ether);
        assertEq(token.getVotes(address(timelock)), 0);
    }

    // ---------------------------------------------------------------- delegate

    function test_delegate_movesVotes() public {
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(carol, carol, bob);
        vm.expectEmit(address(token));
        emit IVotes.DelegateVotesChanged(carol, CAROL_AMOUNT, 0);
        vm.expectEmit(address(token));
        emit IVotes.DelegateVotesChanged(bob, BOB_AMOUNT, BOB_AMOUNT + CAROL_AMOUNT);
        vm.prank(carol);
        token.delegate(bob);

        assertEq(token.delegates(carol), bob);
        assertEq(token.getVotes(carol), 0);
        assertEq(token.getVotes(bob), BOB_AMOUNT + CAROL_AMOUNT);
        assertEq(token.balanceOf(carol), CAROL_AMOUNT);
    }

    function test_delegate_laterBalanceChangesFollowTheDelegate() public {
        vm.prank(carol);
        token.delegate(bob);
        vm.prank(alice);
        token.transfer(carol, 1_000_000 ether);
        assertEq(token.getVotes(bob), BOB_AMOUNT + CAROL_AMOUNT + 1_000_000 ether);
        vm.prank(carol);
        token.transfer(dave, 500_000 ether);
        assertEq(token.getVotes(bob), BOB_AMOUNT + CAROL_AMOUNT + 500_000 ether);
        assertEq(token.getVotes(carol), 0);
    }

    function test_delegate_redelegationMovesEverything() public {
        vm.startPrank(carol);
        token.delegate(bob);
        token.delegate(dave);
        vm.stopPrank();
        assertEq(token.getVotes(bob), BOB_AMOUNT);
        assertEq(token.getVotes(dave), DAVE_AMOUNT + CAROL_AMOUNT);
    }

    /// @dev Delegation is not transitive: bob's delegate gets bob's balance, not what others delegated to bob.
    function test_delegate_isNotTransitive() public {
        vm.prank(carol);
        token.delegate(bob);
        vm.prank(bob);
        token.delegate(dave);
        assertEq(token.getVotes(bob), CAROL_AMOUNT);
        assertEq(token.getVotes(dave), DAVE_AMOUNT + BOB_AMOUNT);
    }

    function test_delegate_explicitSelfDelegationChangesNothing() public {
        vm.prank(carol);
        token.delegate(carol);
        assertEq(token.delegates(carol), carol);
        assertEq(token.getVotes(carol), CAROL_AMOUNT);
        assertFalse(token.votingOptedOut(carol));
    }

    // ---------------------------------------------------------------- opting out and back in

    function test_delegate_toZeroOptsOut() public {
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(carol, carol, address(0));
        vm.expectEmit(address(token));
        emit VotingOptOutSet(carol, true);
        vm.prank(carol);
        token.delegate(address(0));

        assertTrue(token.votingOptedOut(carol));
        assertEq(token.delegates(carol), address(0));
        assertEq(token.getVotes(carol), 0);

        // what it receives later carries no votes either
        vm.prank(alice);
        token.transfer(carol, 1_000_000 ether);
        assertEq(token.getVotes(carol), 0);
        assertEq(token.balanceOf(carol), CAROL_AMOUNT + 1_000_000 ether);
    }

    function test_delegate_optOutTwiceAnnouncesOnce() public {
        vm.prank(carol);
        token.delegate(address(0));
        vm.recordLogs();
        vm.prank(carol);
        token.delegate(address(0));
        assertEq(_count(vm.getRecordedLogs(), VotingOptOutSet.selector), 0);
        assertTrue(token.votingOptedOut(carol));
    }

    function test_delegate_selfOptsBackIn() public {
        vm.prank(carol);
        token.delegate(address(0));
        vm.expectEmit(address(token));
        emit VotingOptOutSet(carol, false);
        vm.prank(carol);
        token.delegate(carol);

        assertFalse(token.votingOptedOut(carol));
        assertEq(token.delegates(carol), carol);
        assertEq(token.getVotes(carol), CAROL_AMOUNT);
    }

    function test_delegate_elsewhereOptsBackIn() public {
        vm.prank(carol);
        token.delegate(address(0));
        vm.prank(carol);
        token.delegate(bob);
        assertFalse(token.votingOptedOut(carol));
        assertEq(token.getVotes(bob), BOB_AMOUNT + CAROL_AMOUNT);
    }

    /// @dev An opted-out account that empties itself and receives again stays opted out (no default comes back).
    function test_delegate_optOutSurvivesAnEmptyBalance() public {
        vm.startPrank(carol);
        token.delegate(address(0));
        token.transfer(dave, CAROL_AMOUNT);
        vm.stopPrank();
        vm.prank(alice);
        token.transfer(carol, 1 ether);
        assertTrue(token.votingOptedOut(carol));
        assertEq(token.getVotes(carol), 0);
    }

    /// @dev The treasury's votes can be switched on only by a proposal (the timelock calling delegate).
    function test_delegate_treasuryOptsInOnlyByProposal() public {
        Proposal memory p = _proposal(
            address(token),
            abi.encodeCall(token.delegate, (address(timelock))),
            "Let the treasury vote",
            alice
        );
        _passProposal(p, alice);
        assertEq(token.getVotes(address(timelock)), TREASURY_AMOUNT);
        assertFalse(token.votingOptedOut(address(timelock)));
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_delegate_movesExactlyTheBalance(uint256 amount, address delegatee) public {
        vm.assume(delegatee != address(0) && delegatee != eve && delegatee != address(timelock));
        amount = bound(amount, 0, ALICE_AMOUNT);
        vm.prank(alice);
        token.transfer(eve, amount);
        uint256 before = token.getVotes(delegatee);

        vm.prank(eve);
        token.delegate(delegatee);
        assertEq(token.getVotes(delegatee), before + amount);
        assertEq(token.getVotes(eve), 0);
        assertEq(token.delegates(eve), delegatee);
    }

    function testFuzz_delegate_optOutAndBackIn(uint256 amount, bool backToSelf) public {
        amount = bound(amount, 1, ALICE_AMOUNT);
        vm.prank(alice);
        token.transfer(eve, amount);
        uint256 totalVotes = _totalVotes();

        vm.prank(eve);
        token.delegate(address(0));
        assertEq(token.getVotes(eve), 0);
        assertEq(_totalVotes(), totalVotes - amount);

        address delegatee = backToSelf ? eve : dave;
        vm.prank(eve);
        token.delegate(delegatee);
        assertEq(_totalVotes(), totalVotes);
        assertEq(token.getVotes(delegatee), amount + (backToSelf ? 0 : DAVE_AMOUNT));
    }

    // ---------------------------------------------------------------- helpers

    function _totalVotes() internal view returns (uint256) {
        return
            token.getVotes(alice) +
            token.getVotes(bob) +
            token.getVotes(carol) +
            token.getVotes(dave) +
            token.getVotes(eve) +
            token.getVotes(address(timelock));
    }

    function _count(Vm.Log[] memory logs, bytes32 topic) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(token) && logs[i].topics[0] == topic) ++count;
        }
    }
}
