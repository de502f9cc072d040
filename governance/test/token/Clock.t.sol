// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice ERC-6372 timestamp clock and ERC-5805 history: getPastVotes / getPastTotalSupply return the last value
/// written in or before a past second, and refuse the present and the future.
contract ClockTest is GovernanceFixture {
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);

    function test_clock_isTheBlockTimestamp() public {
        assertEq(token.clock(), block.timestamp);
        skip(12345);
        assertEq(token.clock(), block.timestamp);
        assertEq(governor.clock(), token.clock());
    }

    function test_CLOCK_MODE_isTimestamp() public view {
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
    }

    function test_getPastVotes_readsHistory() public {
        uint256 t0 = block.timestamp; // alice 12M
        skip(100);
        uint256 t1 = block.timestamp;
        vm.prank(alice);
        token.transfer(eve, 2_000_000 ether); // alice 10M
        skip(1 days);
        uint256 t2 = block.timestamp;
        vm.prank(alice);
        token.delegate(bob); // alice 0
        skip(1);

        assertEq(token.getPastVotes(alice, DEPLOY_TIME - 1), 0);
        assertEq(token.getPastVotes(alice, t0), ALICE_AMOUNT);
        assertEq(token.getPastVotes(alice, t1 - 1), ALICE_AMOUNT);
        assertEq(token.getPastVotes(alice, t1), 10_000_000 ether);
        assertEq(token.getPastVotes(alice, t2 - 1), 10_000_000 ether);
        assertEq(token.getPastVotes(alice, t2), 0);
        assertEq(token.getPastVotes(bob, t2 - 1), BOB_AMOUNT);
        assertEq(token.getPastVotes(bob, t2), BOB_AMOUNT + 10_000_000 ether);
        assertEq(token.getPastVotes(eve, t1 - 1), 0);
        assertEq(token.getPastVotes(eve, t2), 2_000_000 ether);
    }

    /// @dev Several changes in one second leave one value for it: the last.
    function test_getPastVotes_lastWriteOfASecondWins() public {
        uint256 t = block.timestamp;
        vm.startPrank(alice);
        token.transfer(eve, 1_000_000 ether);
        token.transfer(eve, 1_000_000 ether);
        token.delegate(bob);
        token.delegate(alice);
        vm.stopPrank();
        vm.prank(eve);
        token.transfer(alice, 500_000 ether);
        skip(1);
        assertEq(token.getPastVotes(alice, t), 10_500_000 ether);
        assertEq(token.getPastVotes(eve, t), 1_500_000 ether);
        assertEq(token.getPastVotes(bob, t), BOB_AMOUNT);
    }

    function test_getPastVotes_revertsForNowAndFuture() public {
        vm.expectRevert(abi.encodeWithSelector(ERC5805FutureLookup.selector, block.timestamp, uint48(block.timestamp)));
        token.getPastVotes(alice, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(ERC5805FutureLookup.selector, block.timestamp + 1, uint48(block.timestamp))
        );
        token.getPastVotes(alice, block.timestamp + 1);
    }

    function test_getPastTotalSupply_revertsForNowAndFuture() public {
        vm.expectRevert(abi.encodeWithSelector(ERC5805FutureLookup.selector, block.timestamp, uint48(block.timestamp)));
        token.getPastTotalSupply(block.timestamp);
    }

    function test_getPastTotalSupply_followsMints() public {
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(this), 3 ether);
        uint256 t0 = block.timestamp;
        token.mint(eve, 1 ether);
        skip(10);
        uint256 t1 = block.timestamp;
        token.mint(eve, 2 ether);
        skip(1);

        assertEq(token.getPastTotalSupply(DEPLOY_TIME - 1), 0);
        assertEq(token.getPastTotalSupply(DEPLOY_TIME), GENESIS_SUPPLY);
        assertEq(token.getPastTotalSupply(t0), GENESIS_SUPPLY + 1 ether);
        assertEq(token.getPastTotalSupply(t1 - 1), GENESIS_SUPPLY + 1 ether);
        assertEq(token.getPastTotalSupply(t1), GENESIS_SUPPLY + 3 ether);
    }

    /// @dev Many checkpoints at fuzzed gaps (including several in one second): every recorded second reads back.
    function testFuzz_getPastVotes_matchesRecordedHistory(uint96[16] calldata amounts, uint8[16] calldata gaps) public {
        uint256[16] memory times;
        uint256[16] memory votes;
        for (uint256 i; i < amounts.length; ++i) {
            skip(gaps[i] % 4 == 0 ? 0 : uint256(gaps[i]) * 1 hours);
            uint256 amount = bound(amounts[i], 0, token.balanceOf(alice));
            vm.prank(alice);
            token.transfer(eve, amount);
            times[i] = block.timestamp;
            votes[i] = token.getVotes(eve);
        }
        skip(1);
        for (uint256 i; i < amounts.length; ++i) {
            // a later write in the same second supersedes this one
            uint256 last = i;
            while (last + 1 < amounts.length && times[last + 1] == times[i]) ++last;
            assertEq(token.getPastVotes(eve, times[i]), votes[last]);
            if (times[i] > DEPLOY_TIME) {
                uint256 before = i == 0 ? 0 : votes[i - 1];
                if (i == 0 || times[i - 1] < times[i] - 1) {
                    // nothing was written in the second before this one
                    assertEq(token.getPastVotes(eve, times[i] - 1), before);
                }
            }
        }
    }

    /// @dev The public checkpoint list (ERC20Votes' numCheckpoints / checkpoints) is ordered by time, one per
    /// second, and agrees with getPastVotes.
    function testFuzz_checkpoints_agreeWithPastVotes(uint8[8] calldata gaps) public {
        for (uint256 i; i < gaps.length; ++i) {
            skip(gaps[i] % 3 == 0 ? 0 : gaps[i]);
            vm.prank(alice);
            token.transfer(bob, 1 ether);
        }
        skip(1);
        uint32 count = token.numCheckpoints(bob);
        assertGt(count, 0);
        uint48 previousKey;
        for (uint32 i; i < count; ++i) {
            (uint48 key, uint208 value) = _checkpoint(bob, i);
            if (i > 0) assertGt(key, previousKey);
            assertEq(token.getPastVotes(bob, key), value);
            previousKey = key;
        }
        (, uint208 latest) = _checkpoint(bob, count - 1);
        assertEq(latest, token.getVotes(bob));
    }

    function _checkpoint(address account, uint32 pos) internal view returns (uint48 key, uint208 value) {
        (bool ok, bytes memory data) = address(token).staticcall(
            abi.encodeWithSignature("checkpoints(address,uint32)", account, pos)
        );
        assertTrue(ok);
        (key, value) = abi.decode(data, (uint48, uint208));
    }
}
