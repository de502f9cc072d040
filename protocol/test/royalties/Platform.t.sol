// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";

/// @notice The platform's part: accrued per asset, swept to the treasury (the timelock) by anyone; ETH that names
/// no track is the platform's too.
contract PlatformTest is RoyaltiesFixture {
    function test_sweepPlatform_sendsEthToTheTreasury() public {
        _depositETH(solo, 1 ether);
        _depositETH(duet, 3 ether);
        uint256 before = address(timelock).balance;
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.PlatformSwept(ETH, address(timelock), 0.2 ether);
        vm.prank(eve);
        assertEq(splitter.sweepPlatform(ETH), 0.2 ether, "anyone may sweep");
        assertEq(address(timelock).balance - before, 0.2 ether);
        assertEq(splitter.platformOwed(ETH), 0);
    }

    function test_sweepPlatform_sendsMintToTheTreasury() public {
        _depositMint(solo, 1_000 ether);
        uint256 before = token.balanceOf(address(timelock));
        assertEq(splitter.sweepPlatform(address(token)), 50 ether);
        assertEq(token.balanceOf(address(timelock)) - before, 50 ether);
    }

    function test_sweepPlatform_revertsWhenNothingIsOwed() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterNothingToWithdraw.selector);
        splitter.sweepPlatform(ETH);
        _depositETH(solo, 1 ether);
        splitter.sweepPlatform(ETH);
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterNothingToWithdraw.selector);
        splitter.sweepPlatform(ETH);
    }

    /// @dev Sweeping takes the platform's part only: every party can still withdraw all of its own afterwards.
    function test_sweepPlatform_leavesThePartiesFundsAlone() public {
        _assignRoles(duet);
        _depositETH(duet, 1 ether);
        splitter.sweepPlatform(ETH);
        address[4] memory parties = [creator, coAuthor, curator, collector];
        for (uint256 i; i < parties.length; ++i) {
            vm.prank(parties[i]);
            splitter.withdraw(ETH, _ids(duet), parties[i]);
        }
        assertEq(address(splitter).balance, 0);
    }

    /// @dev A foreign marketplace paying EIP-2981 by plain transfer names no track: the ETH is the platform's.
    function test_receive_unattributedEthGoesToThePlatform() public {
        vm.deal(eve, 1 ether);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.UnattributedRevenue(eve, 1 ether);
        vm.prank(eve);
        (bool ok, ) = address(splitter).call{value: 1 ether}("");
        assertTrue(ok);
        assertEq(splitter.platformOwed(ETH), 1 ether);
        (uint256 creators, , ) = splitter.potsOf(solo, ETH);
        assertEq(creators, 0, "no track credited");

        uint256 before = address(timelock).balance;
        splitter.sweepPlatform(ETH);
        assertEq(address(timelock).balance - before, 1 ether);
    }

    function testFuzz_receive_platformOwedTracksPlainTransfers(uint96 a, uint96 b) public {
        vm.deal(eve, uint256(a) + b);
        vm.startPrank(eve);
        (bool ok, ) = address(splitter).call{value: a}("");
        (bool ok2, ) = address(splitter).call{value: b}("");
        vm.stopPrank();
        assertTrue(ok && ok2);
        assertEq(splitter.platformOwed(ETH), uint256(a) + b);
        assertEq(address(splitter).balance, uint256(a) + b);
    }

    function test_platformOwed_isFivePercentOfDeposits() public {
        _depositETH(solo, 1 ether);
        _assignRoles(duet);
        _depositResale(duet, ETH, 1 ether);
        // 5% of 1 ether + 5% of the 70% a resale royalty leaves after the curator's 30%
        assertEq(splitter.platformOwed(ETH), 0.05 ether + 0.035 ether);
    }
}
