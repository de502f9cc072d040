// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice Votes follow balances through transfers, by the holders' delegation choices; fuzzed single transfers and
/// fuzzed sequences of transfers, delegations and opt-outs checked against a model of who votes for whom.
contract TransferTest is GovernanceFixture {
    uint256 internal constant ACTORS = 6;
    address[ACTORS] internal actors;
    /// @dev the model: whom each actor's balance votes for (address(0): nobody)
    mapping(address account => address) internal modelDelegate;

    function setUp() public override {
        super.setUp();
        actors = [alice, bob, carol, dave, eve, address(timelock)];
        for (uint256 i; i < ACTORS; ++i) modelDelegate[actors[i]] = actors[i];
        modelDelegate[address(timelock)] = address(0);
    }

    // ---------------------------------------------------------------- single transfers

    function testFuzz_transfer_movesVotesBetweenDefaultHolders(uint256 amount) public {
        amount = bound(amount, 0, ALICE_AMOUNT);
        vm.prank(alice);
        token.transfer(bob, amount);
        assertEq(token.getVotes(alice), ALICE_AMOUNT - amount);
        assertEq(token.getVotes(bob), BOB_AMOUNT + amount);
        assertEq(token.totalSupply(), GENESIS_SUPPLY);
    }

    function testFuzz_transfer_toOptedOutHolderRemovesVotes(uint256 amount) public {
        amount = bound(amount, 0, ALICE_AMOUNT);
        vm.prank(bob);
        token.delegate(address(0));
        vm.prank(alice);
        token.transfer(bob, amount);
        assertEq(token.getVotes(alice), ALICE_AMOUNT - amount);
        assertEq(token.getVotes(bob), 0);
        assertEq(token.balanceOf(bob), BOB_AMOUNT + amount);
    }

    function testFuzz_transfer_fromOptedOutHolderAddsVotes(uint256 amount) public {
        amount = bound(amount, 0, TREASURY_AMOUNT);
        vm.prank(address(timelock));
        token.transfer(eve, amount);
        assertEq(token.getVotes(eve), amount);
        assertEq(token.getVotes(address(timelock)), 0);
    }

    function test_transfer_toSelfKeepsVotes() public {
        vm.prank(alice);
        token.transfer(alice, ALICE_AMOUNT);
        assertEq(token.getVotes(alice), ALICE_AMOUNT);
        assertEq(token.balanceOf(alice), ALICE_AMOUNT);
    }

    function testFuzz_transferFrom_movesVotesLikeTransfer(uint256 amount) public {
        amount = bound(amount, 0, CAROL_AMOUNT);
        vm.prank(carol);
        token.approve(eve, amount);
        vm.prank(eve);
        token.transferFrom(carol, dave, amount);
        assertEq(token.getVotes(carol), CAROL_AMOUNT - amount);
        assertEq(token.getVotes(dave), DAVE_AMOUNT + amount);
        assertEq(token.getVotes(eve), 0);
    }

    // ---------------------------------------------------------------- fuzzed sequences against the model

    /// @param ops each: kind (transfer, transferFrom, delegate, opt out, wait), from, to, amount, packed
    function testFuzz_sequence_votesMatchDelegationModel(uint256[24] calldata ops) public {
        uint256[ACTORS][24] memory votesAfter;
        uint256[24] memory timeAfter;
        for (uint256 i; i < ops.length; ++i) {
            _apply(ops[i]);
            _assertModel();
            timeAfter[i] = block.timestamp;
            for (uint256 a; a < ACTORS; ++a) votesAfter[i][a] = token.getVotes(actors[a]);
        }

        // history: the last value written in each second is what getPastVotes returns for it
        skip(1);
        for (uint256 i; i < ops.length; ++i) {
            if (i + 1 < ops.length && timeAfter[i + 1] == timeAfter[i]) continue;
            for (uint256 a; a < ACTORS; ++a) {
                assertEq(token.getPastVotes(actors[a], timeAfter[i]), votesAfter[i][a], "past votes");
            }
            assertEq(token.getPastTotalSupply(timeAfter[i]), GENESIS_SUPPLY, "past supply");
        }
    }

    function _apply(uint256 op) internal {
        uint256 kind = op % 5;
        address from = actors[(op >> 8) % ACTORS];
        address to = actors[(op >> 16) % ACTORS];
        uint256 amount = bound(op >> 24, 0, token.balanceOf(from));

        if (kind == 0) {
            vm.prank(from);
            token.transfer(to, amount);
        } else if (kind == 1) {
            vm.prank(from);
            token.approve(to, amount);
            vm.prank(to);
            token.transferFrom(from, to, amount);
        } else if (kind == 2) {
            vm.prank(from);
            token.delegate(to);
            modelDelegate[from] = to;
        } else if (kind == 3) {
            vm.prank(from);
            token.delegate(address(0));
            modelDelegate[from] = address(0);
        } else {
            skip((op >> 24) % 3 days);
        }
    }

    function _assertModel() internal view {
        uint256 sumVotes;
        uint256 votingSupply;
        for (uint256 a; a < ACTORS; ++a) {
            address account = actors[a];
            uint256 expected;
            for (uint256 h; h < ACTORS; ++h) {
                if (modelDelegate[actors[h]] == account) expected += token.balanceOf(actors[h]);
            }
            assertEq(token.getVotes(account), expected, "votes");
            assertEq(token.delegates(account), modelDelegate[account], "delegate");
            assertEq(token.votingOptedOut(account), modelDelegate[account] == address(0), "opted out");
            sumVotes += token.getVotes(account);
            if (modelDelegate[account] != address(0)) votingSupply += token.balanceOf(account);
        }
        assertEq(sumVotes, votingSupply, "sum of votes");
        assertEq(token.totalSupply(), GENESIS_SUPPLY, "supply");
    }
}
