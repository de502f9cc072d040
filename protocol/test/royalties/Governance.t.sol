// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {RoyaltySplitter} from "../../contracts/royalties/RoyaltySplitter.sol";

/// @notice The split, the curator's resale part and the sale recorders are the timelock's to set, within bounds;
/// a new split applies to deposits made after it, never to revenue already accrued.
contract GovernanceTest is RoyaltiesFixture {
    function test_constructor_wiring() public view {
        assertEq(splitter.owner(), address(timelock));
        assertEq(splitter.treasury(), address(timelock));
        assertEq(address(splitter.musicNFT()), address(music));
        assertEq(abi.encode(splitter.currentSplit()), abi.encode(_split(7_000, 1_500, 1_000, 500)));
        assertEq(splitter.curatorResaleBps(), CURATOR_RESALE_BPS);
    }

    function test_constructor_revertsOnASplitOutOfBounds() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterSplitOutOfBounds.selector);
        new RoyaltySplitter(
            address(timelock),
            IMusicNFT(address(music)),
            address(timelock),
            _split(4_000, 3_000, 2_000, 1_000),
            CURATOR_RESALE_BPS
        );
    }

    // ---------------------------------------------------------------- only the timelock

    function test_setSplit_revertsForAnyoneButTheTimelock() public {
        IRoyaltySplitter.Split memory split = _split(8_000, 1_000, 500, 500);
        address[3] memory callers = [eve, creator, address(governor)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            splitter.setSplit(split);
        }
    }

    function test_setCuratorResaleBps_revertsForAnyoneButTheTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        splitter.setCuratorResaleBps(0);
    }

    /// @dev Attack: whoever could name a sale recorder could assign themselves collector and curator of every
    /// track before its first sale.
    function test_setSaleRecorder_revertsForAnyoneButTheTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        splitter.setSaleRecorder(eve, true);
        assertFalse(splitter.isSaleRecorder(eve));
    }

    function test_setSplit_setsAndEmits() public {
        IRoyaltySplitter.Split memory split = _split(6_000, 2_000, 1_500, 500);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.SplitSet(split);
        vm.prank(address(timelock));
        splitter.setSplit(split);
        assertEq(abi.encode(splitter.currentSplit()), abi.encode(split));
    }

    function test_setCuratorResaleBps_setsAndEmits() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CuratorResaleBpsSet(5_000);
        vm.prank(address(timelock));
        splitter.setCuratorResaleBps(5_000);
        assertEq(splitter.curatorResaleBps(), 5_000);
    }

    function test_setSaleRecorder_allowsAndDisallows() public {
        address market = makeAddr("market");
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.SaleRecorderSet(market, true);
        vm.prank(address(timelock));
        splitter.setSaleRecorder(market, true);
        assertTrue(splitter.isSaleRecorder(market));
        vm.prank(address(timelock));
        splitter.setSaleRecorder(market, false);
        assertFalse(splitter.isSaleRecorder(market));
    }

    /// @dev The whole path: a proposal passes, waits in the timelock, and its execution sets the split.
    function test_setSplit_throughAGovernanceProposal() public {
        IRoyaltySplitter.Split memory split = _split(7_500, 1_000, 1_000, 500);
        Proposal memory p = _proposal(
            address(splitter),
            abi.encodeCall(splitter.setSplit, (split)),
            "More for creators",
            alice
        );
        _passProposal(p, alice);
        assertEq(abi.encode(splitter.currentSplit()), abi.encode(split));
    }

    // ---------------------------------------------------------------- bounds

    function test_setSplit_revertsWhenCreatorsBelowMinimum() public {
        _expectSplitOutOfBounds(_split(4_999, 3_000, 2_000, 1)); // sums to 10,000
    }

    function test_setSplit_revertsWhenCuratorAboveMaximum() public {
        _expectSplitOutOfBounds(_split(6_999, 3_001, 0, 0));
    }

    function test_setSplit_revertsWhenCollectorAboveMaximum() public {
        _expectSplitOutOfBounds(_split(7_999, 0, 2_001, 0));
    }

    function test_setSplit_revertsWhenPlatformAboveMaximum() public {
        _expectSplitOutOfBounds(_split(8_999, 0, 0, 1_001));
    }

    function test_setSplit_revertsWhenPartsDoNotSumToTenThousand() public {
        _expectSplitOutOfBounds(_split(7_000, 1_500, 1_000, 499));
        _expectSplitOutOfBounds(_split(7_000, 1_500, 1_000, 501));
        // parts that wrap around uint16 do not sneak through
        _expectSplitOutOfBounds(_split(65_535, 3_000, 2_000, 1_000));
    }

    function test_setSplit_acceptsTheBounds() public {
        vm.startPrank(address(timelock));
        splitter.setSplit(_split(5_000, 3_000, 2_000, 0));
        splitter.setSplit(_split(5_000, 3_000, 1_000, 1_000));
        splitter.setSplit(_split(10_000, 0, 0, 0));
        vm.stopPrank();
    }

    function test_setCuratorResaleBps_revertsAboveMaximum() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterSplitOutOfBounds.selector);
        vm.prank(address(timelock));
        splitter.setCuratorResaleBps(5_001);
    }

    function testFuzz_setSplit_withinBoundsOrReverts(
        uint16 creators,
        uint16 curatorBps,
        uint16 collectorBps,
        uint16 platformBps
    ) public {
        IRoyaltySplitter.Split memory split = _split(creators, curatorBps, collectorBps, platformBps);
        bool valid =
            creators >= 5_000 &&
                curatorBps <= 3_000 &&
                collectorBps <= 2_000 &&
                platformBps <= 1_000 &&
                uint256(creators) + curatorBps + collectorBps + platformBps == 10_000;
        if (!valid) vm.expectRevert(IRoyaltySplitter.RoyaltySplitterSplitOutOfBounds.selector);
        vm.prank(address(timelock));
        splitter.setSplit(split);
        if (valid) assertEq(abi.encode(splitter.currentSplit()), abi.encode(split));
    }

    function testFuzz_setSplit_validSplitsAreAccepted(
        uint16 curatorBps,
        uint16 collectorBps,
        uint16 platformBps
    ) public {
        platformBps = uint16(_bound(platformBps, 0, 1_000));
        collectorBps = uint16(_bound(collectorBps, 0, 2_000));
        uint256 room = 5_000 - platformBps - collectorBps;
        curatorBps = uint16(_bound(curatorBps, 0, room < 3_000 ? room : 3_000));
        IRoyaltySplitter.Split memory split = _split(
            10_000 - curatorBps - collectorBps - platformBps,
            curatorBps,
            collectorBps,
            platformBps
        );
        vm.prank(address(timelock));
        splitter.setSplit(split);
        assertEq(abi.encode(splitter.currentSplit()), abi.encode(split));
    }

    // ---------------------------------------------------------------- only later deposits

    /// @dev Revenue accrued under the old split keeps its division: what each party can claim from it is the same
    /// the moment after the change; only the next deposit divides the new way.
    function test_setSplit_appliesOnlyToLaterDeposits() public {
        _assignRoles(duet);
        _depositETH(duet, 1 ether);
        uint256 creatorBefore = _claimable(creator, ETH, duet);
        uint256 curatorBefore = _claimable(curator, ETH, duet);
        uint256 collectorBefore = _claimable(collector, ETH, duet);
        uint256 platformBefore = splitter.platformOwed(ETH);

        vm.prank(address(timelock));
        splitter.setSplit(_split(5_000, 3_000, 2_000, 0));
        assertEq(_claimable(creator, ETH, duet), creatorBefore, "creator: accrued revenue untouched");
        assertEq(_claimable(curator, ETH, duet), curatorBefore, "curator");
        assertEq(_claimable(collector, ETH, duet), collectorBefore, "collector");
        assertEq(splitter.platformOwed(ETH), platformBefore, "platform");

        _depositETH(duet, 1 ether);
        assertEq(_claimable(creator, ETH, duet) - creatorBefore, 0.3 ether, "6,000 bps of the new 50%");
        assertEq(_claimable(curator, ETH, duet) - curatorBefore, 0.3 ether);
        assertEq(_claimable(collector, ETH, duet) - collectorBefore, 0.2 ether);
        assertEq(splitter.platformOwed(ETH), platformBefore, "no platform part any more");
    }

    function test_setCuratorResaleBps_appliesOnlyToLaterDeposits() public {
        _assignRoles(solo);
        _depositResale(solo, ETH, 1_000);
        vm.prank(address(timelock));
        splitter.setCuratorResaleBps(0);
        (, uint256 curatorPot, ) = splitter.potsOf(solo, ETH);
        assertEq(curatorPot, 405);
        _depositResale(solo, ETH, 1_000);
        (, curatorPot, ) = splitter.potsOf(solo, ETH);
        assertEq(curatorPot, 405 + 150, "now just the split's 15%");
    }

    /// @dev A removed recorder can no longer assign roles; roles it assigned before stay.
    function test_setSaleRecorder_removalKeepsAssignedRoles() public {
        _assignRoles(solo);
        vm.prank(address(timelock));
        splitter.setSaleRecorder(recorder, false);
        (address assignedCollector, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector);
        assertEq(assignedCurator, curator);
    }

    // ---------------------------------------------------------------- helpers

    function _split(
        uint16 creators,
        uint16 curatorBps,
        uint16 collectorBps,
        uint16 platformBps
    ) internal pure returns (IRoyaltySplitter.Split memory) {
        return
            IRoyaltySplitter.Split({
                creatorsBps: creators,
                curatorBps: curatorBps,
                collectorBps: collectorBps,
                platformBps: platformBps
            });
    }

    function _expectSplitOutOfBounds(IRoyaltySplitter.Split memory split) internal {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterSplitOutOfBounds.selector);
        vm.prank(address(timelock));
        splitter.setSplit(split);
    }
}
