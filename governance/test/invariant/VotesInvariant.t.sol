// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {GovernanceFixture} from "../GovernanceFixture.sol";
import {VotesHandler} from "./VotesHandler.sol";

/// @notice MINT's vote accounting under random sequences of transfers, delegations, opt-outs, mints and time:
/// votes always sum to the supply held by accounts that vote, each delegate holds exactly what is delegated to it,
/// history reads back what was current at each past second, and supply stays under the cap.
contract VotesInvariantTest is GovernanceFixture {
    VotesHandler internal handler;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        actors = [alice, bob, carol, dave, eve, makeAddr("frank"), address(timelock)];
        uint256 budget = 100_000_000 ether;
        handler = new VotesHandler(token, actors, address(timelock), budget);
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(handler), budget);
        targetContract(address(handler));
    }

    /// @dev The sum over all holders of getVotes equals the sum of the balances of holders whose delegate is not
    /// address(0) (every holder is an actor and every delegatee an actor, so both sums are complete).
    function invariant_sumOfVotesEqualsDelegatedSupply() public view {
        uint256 sumOfVotes;
        uint256 delegatedSupply;
        uint256 ghostDelegatedSupply;
        for (uint256 i; i < actors.length; ++i) {
            sumOfVotes += token.getVotes(actors[i]);
            if (token.delegates(actors[i]) != address(0)) delegatedSupply += token.balanceOf(actors[i]);
            if (handler.ghostDelegate(actors[i]) != address(0)) ghostDelegatedSupply += token.balanceOf(actors[i]);
        }
        assertEq(sumOfVotes, delegatedSupply, "sum of votes vs delegated supply");
        assertEq(sumOfVotes, ghostDelegatedSupply, "sum of votes vs ghost-delegated supply");
    }

    /// @dev Per delegate: its votes are exactly the balances delegated to it; an opted-out balance counts nowhere.
    function invariant_votesEqualBalancesDelegatedToEachAccount() public view {
        for (uint256 d; d < actors.length; ++d) {
            address delegatee = actors[d];
            uint256 expected;
            for (uint256 h; h < actors.length; ++h) {
                if (handler.ghostDelegate(actors[h]) == delegatee) expected += token.balanceOf(actors[h]);
            }
            assertEq(token.getVotes(delegatee), expected, "votes of a delegate");
            assertEq(token.delegates(delegatee), handler.ghostDelegate(delegatee), "delegate choice");
            assertEq(token.votingOptedOut(delegatee), handler.ghostDelegate(delegatee) == address(0), "opt-out flag");
        }
    }

    function invariant_totalSupplyCheckpointMatches() public {
        vm.warp(handler.currentTime());
        skip(1); // make the current second a past one
        uint256 length = handler.historyLength();
        (, , uint256 latestSupply) = handler.historyAt(length - 1);
        assertEq(token.getPastTotalSupply(block.timestamp - 1), latestSupply, "supply one second ago");
        assertEq(token.totalSupply(), latestSupply, "supply now");
        assertEq(token.getPastTotalSupply(DEPLOY_TIME), GENESIS_SUPPLY, "genesis supply");
    }

    /// @dev The last few recorded seconds read back through getPastVotes / getPastTotalSupply (all of them would
    /// make the run quadratic).
    function invariant_pastVotesMatchHistory() public {
        vm.warp(handler.currentTime());
        skip(1);
        uint256 length = handler.historyLength();
        uint256 first = length > 4 ? length - 4 : 0;
        for (uint256 i = first; i < length; ++i) {
            (uint256 time, uint256[] memory votes, uint256 supply) = handler.historyAt(i);
            for (uint256 a; a < actors.length; ++a) {
                assertEq(token.getPastVotes(actors[a], time), votes[a], "past votes");
            }
            assertEq(token.getPastTotalSupply(time), supply, "past supply");
        }
    }

    function invariant_supplyNeverAboveCap() public view {
        assertLe(token.totalSupply(), token.cap(), "cap");
        assertEq(token.totalSupply(), GENESIS_SUPPLY + handler.ghostMinted(), "supply = genesis + minted");
        assertEq(
            token.emissionsBudget(address(handler)) + handler.ghostMinted(),
            handler.initialBudget(),
            "budget spent = minted"
        );
    }

    /// @dev Every token is held by an actor: transfers move supply, they never create or destroy it.
    function invariant_balancesSumToSupply() public view {
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) sum += token.balanceOf(actors[i]);
        assertEq(sum, token.totalSupply(), "balances");
    }
}
