// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";

/// @notice The initial collector may hand its role on (to a FractionVault, a buyer of the income): the unpaid
/// collector income moves with the role, what was paid stays paid, and nobody else can move it.
contract CollectorRoleTest is RoyaltiesFixture {
    function test_transferCollectorRole_futureIncomeGoesToTheNewCollector() public {
        _assignRoles(solo);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CollectorRoleTransferred(solo, collector, eve);
        vm.prank(collector);
        splitter.transferCollectorRole(solo, eve);

        (address assigned, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assigned, eve);
        assertEq(assignedCurator, curator, "the curator is untouched");
        _depositETH(solo, 1 ether);
        assertEq(_claimable(eve, ETH, solo), 0.1 ether);
        assertEq(_claimable(collector, ETH, solo), 0, "the old collector earns nothing new");
        assertEq(_withdraw(eve, ETH, _ids(solo)), 0.1 ether);
    }

    /// @dev Withdraw first: what the old collector already took stays taken, the rest goes with the role; the
    /// collector pot is paid out exactly once in total.
    function test_transferCollectorRole_unpaidIncomeMovesWithTheRoleAndNothingIsPaidTwice() public {
        _assignRoles(solo);
        _depositETH(solo, 1 ether);
        assertEq(_withdraw(collector, ETH, _ids(solo)), 0.1 ether);
        _depositETH(solo, 2 ether); // 0.2 unpaid
        _depositMint(solo, 10 ether); // 1 MINT unpaid
        vm.prank(collector);
        splitter.transferCollectorRole(solo, eve);

        assertEq(_claimable(collector, ETH, solo), 0);
        assertEq(_claimable(eve, ETH, solo), 0.2 ether);
        assertEq(_claimable(eve, address(token), solo), 1 ether);
        assertEq(_withdraw(eve, ETH, _ids(solo)), 0.2 ether);
        (, , uint256 collectorPot) = splitter.potsOf(solo, ETH);
        assertEq(collectorPot, 0.3 ether, "the pot is cumulative: 0.1 + 0.2 paid once each");

        // and back: eve's next collector income, not the pot again
        vm.prank(eve);
        splitter.transferCollectorRole(solo, collector);
        _depositETH(solo, 1 ether);
        assertEq(_claimable(collector, ETH, solo), 0.1 ether);
        assertEq(_claimable(collector, address(token), solo), 1 ether, "the MINT eve never took came back");
    }

    /// @dev A co-author collector hands on only the collector part: its creator cut stays its own.
    function test_transferCollectorRole_aCreatorCollectorKeepsItsCreatorCut() public {
        _sale(duet, creator, coAuthor, curator);
        vm.prank(coAuthor);
        splitter.transferCollectorRole(duet, eve);
        _depositETH(duet, 1 ether);
        assertEq(_claimable(coAuthor, ETH, duet), 0.28 ether, "40% of the 70% creator pot");
        assertEq(_claimable(eve, ETH, duet), 0.1 ether);
    }

    function test_transferCollectorRole_revertsForAnyoneButTheCollector() public {
        _assignRoles(solo);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotCollector.selector, solo, creator));
        vm.prank(creator);
        splitter.transferCollectorRole(solo, creator);
    }

    /// @dev Before the primary sale nobody holds the role: the zero address cannot "hand it on" and neither can
    /// anyone else.
    function test_transferCollectorRole_revertsBeforeThePrimarySale() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotCollector.selector, solo, eve));
        vm.prank(eve);
        splitter.transferCollectorRole(solo, eve);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotCollector.selector, solo, address(0))
        );
        vm.prank(address(0));
        splitter.transferCollectorRole(solo, eve);
    }

    function test_transferCollectorRole_revertsToTheZeroAddress() public {
        _assignRoles(solo);
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterZeroAddress.selector);
        vm.prank(collector);
        splitter.transferCollectorRole(solo, address(0));
    }

    /// @dev Moving the role never changes what a later sale does: roles are assigned once.
    function test_transferCollectorRole_aLaterSaleDoesNotReassign() public {
        _assignRoles(solo);
        vm.prank(collector);
        splitter.transferCollectorRole(solo, eve);
        assertFalse(_sale(solo, creator, bob, address(0)), "not a primary sale");
        (address assigned, ) = splitter.rolesOf(solo);
        assertEq(assigned, eve);
    }

    /// @dev Fuzz: however deposits, withdrawals and hand-overs interleave, the collectors together are paid
    /// exactly the collector pot.
    function testFuzz_transferCollectorRole_collectorsArePaidThePotExactlyOnce(
        uint64[4] calldata deposits,
        bool[4] calldata withdrawBeforeMove
    ) public {
        _assignRoles(solo);
        address[4] memory holders = [collector, eve, bob, collector];
        uint256 paid;
        for (uint256 i; i < 4; ++i) {
            if (deposits[i] != 0) _depositETH(solo, deposits[i]);
            if (withdrawBeforeMove[i] && _claimable(holders[i], ETH, solo) != 0) {
                paid += _withdraw(holders[i], ETH, _ids(solo));
            }
            if (i < 3) {
                vm.prank(holders[i]);
                splitter.transferCollectorRole(solo, holders[i + 1]);
            }
        }
        if (_claimable(collector, ETH, solo) != 0) paid += _withdraw(collector, ETH, _ids(solo));
        (, , uint256 collectorPot) = splitter.potsOf(solo, ETH);
        assertEq(paid, collectorPot);
        assertEq(_claimable(eve, ETH, solo) + _claimable(bob, ETH, solo), 0);
    }
}
