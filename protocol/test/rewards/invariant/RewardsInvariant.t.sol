// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RewardsFixture} from "../RewardsFixture.sol";
import {RewardsHandler} from "./RewardsHandler.sol";

/// @notice The distributor's invariants under random posts, vetoes, time, honest and forged claims (see
/// RewardsHandler):
/// - the live root is the one the model says (latest after its window unless vetoed, else the previous live one);
/// - single use: no account was paid more than its live cumulative amount (leaves never decrease), so what was paid
///   in all never exceeds the live root's total; no forged claim paid anything;
/// - accounting: the claimed records add up to what claims paid, to the MINT minted and to the budget spent.
contract RewardsInvariantTest is RewardsFixture {
    RewardsHandler internal handler;
    uint256 internal supplyAtStart;
    uint256 internal budgetAtStart;

    function setUp() public override {
        super.setUp();
        address[] memory accounts = new address[](5);
        for (uint256 i; i < 5; ++i) accounts[i] = makeAddr(string(abi.encode("rewarded", i)));
        handler = new RewardsHandler(distributor, accounts);
        supplyAtStart = token.totalSupply();
        budgetAtStart = token.emissionsBudget(address(distributor));

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](5);
        actions[0] = RewardsHandler.post.selector;
        actions[1] = RewardsHandler.veto.selector;
        actions[2] = RewardsHandler.warp.selector;
        actions[3] = RewardsHandler.claim.selector;
        actions[4] = RewardsHandler.forge.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_liveRootMatchesTheModel() public view {
        (uint64 epoch, , ) = distributor.liveRoot();
        assertEq(epoch, handler.liveEpoch(), "live epoch");
    }

    function invariant_neverPaysMoreThanTheLiveLeaves() public view {
        address[] memory accounts = handler.accounts();
        (, uint256[] memory amounts) = handler.liveAmounts();
        (, , uint256 liveTotal) = distributor.liveRoot();
        uint256 claimedSum;
        for (uint256 i; i < accounts.length; ++i) {
            uint256 claimed = distributor.claimed(accounts[i]);
            assertLe(claimed, amounts[i], "claimed <= live leaf");
            claimedSum += claimed;
        }
        assertLe(claimedSum, liveTotal, "claimed total <= live total");
        assertFalse(handler.ghostForgedClaimPaid(), "no forged claim paid");
    }

    function invariant_accounting() public view {
        address[] memory accounts = handler.accounts();
        uint256 claimedSum;
        for (uint256 i; i < accounts.length; ++i) {
            uint256 claimed = distributor.claimed(accounts[i]);
            assertEq(token.balanceOf(accounts[i]), claimed, "balance = claimed");
            claimedSum += claimed;
        }
        assertEq(claimedSum, handler.ghostPaid(), "claimed = paid");
        assertEq(token.totalSupply() - supplyAtStart, claimedSum, "minted = claimed");
        assertEq(budgetAtStart - token.emissionsBudget(address(distributor)), claimedSum, "budget spent = claimed");
    }
}
