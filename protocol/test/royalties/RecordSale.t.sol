// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";

/// @notice `recordSale`: only allowed sale contracts record; the first sale's buyer becomes the initial collector;
/// the first sale naming a valid referrer (not the buyer, the seller or a creator) makes it the curator; a role
/// once assigned never changes.
contract RecordSaleTest is RoyaltiesFixture {
    function test_recordSale_revertsForAnyoneButASaleRecorder() public {
        address[4] memory callers = [eve, creator, address(timelock), address(music)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotSaleRecorder.selector, callers[i])
            );
            vm.prank(callers[i]);
            splitter.recordSale(solo, seller, eve, address(0));
        }
        (address assignedCollector, ) = splitter.rolesOf(solo);
        assertEq(assignedCollector, address(0));
    }

    function test_recordSale_revertsOnceTheRecorderIsRemoved() public {
        vm.prank(address(timelock));
        splitter.setSaleRecorder(recorder, false);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotSaleRecorder.selector, recorder));
        _sale(solo, seller, collector, curator);
    }

    function test_recordSale_firstSaleAssignsTheCollector() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CollectorAssigned(solo, collector);
        assertTrue(_sale(solo, seller, collector, address(0)), "first");
        (address assignedCollector, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector);
        assertEq(assignedCurator, address(0));
    }

    function test_recordSale_laterSalesNeverChangeTheCollector() public {
        _sale(solo, seller, collector, address(0));
        vm.recordLogs();
        assertFalse(_sale(solo, collector, eve, address(0)), "second");
        assertFalse(_sale(solo, eve, bob, address(0)), "third");
        assertEq(vm.getRecordedLogs().length, 0, "no role event");
        (address assignedCollector, ) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector);
    }

    function test_recordSale_rolesArePerTrack() public {
        _sale(solo, seller, collector, curator);
        assertTrue(_sale(duet, seller, eve, bob), "the other track's first sale");
        (address soloCollector, address soloCurator) = splitter.rolesOf(solo);
        (address duetCollector, address duetCurator) = splitter.rolesOf(duet);
        assertEq(soloCollector, collector);
        assertEq(soloCurator, curator);
        assertEq(duetCollector, eve);
        assertEq(duetCurator, bob);
    }

    /// @dev Fixed: a sale of a track that was never registered used to assign a collector (when no referrer was
    /// named), after which `_deposit`'s shortcut (a collector means the track exists) accepted revenue for it.
    function test_recordSale_revertsForUnknownTrack() public {
        uint256 unknown = uint256(sha256("never minted"));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterUnknownTrack.selector, unknown));
        _sale(unknown, seller, collector, address(0));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterUnknownTrack.selector, unknown));
        _depositETH(unknown, 1 ether);
    }

    // ---------------------------------------------------------------- the curator rule

    function test_recordSale_validReferrerBecomesTheCurator() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CollectorAssigned(solo, collector);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.CuratorAssigned(solo, curator);
        _sale(solo, seller, collector, curator);
        (, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCurator, curator);
    }

    function test_recordSale_zeroReferrerIsIgnored() public {
        _sale(solo, seller, collector, address(0));
        (, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCurator, address(0));
    }

    function test_recordSale_buyerCannotReferThemselves() public {
        _expectNoCurator(solo, seller, collector, collector);
    }

    function test_recordSale_sellerCannotBeTheReferrer() public {
        _expectNoCurator(solo, seller, collector, seller);
    }

    function test_recordSale_registrantCannotBeTheReferrer() public {
        _expectNoCurator(duet, seller, collector, creator);
    }

    function test_recordSale_coAuthorCannotBeTheReferrer() public {
        _expectNoCurator(duet, seller, collector, coAuthor);
    }

    /// @dev An invalid referrer on the first sale does not stop the collector being assigned.
    function test_recordSale_invalidReferrerStillAssignsTheCollector() public {
        _sale(duet, seller, collector, coAuthor);
        (address assignedCollector, ) = splitter.rolesOf(duet);
        assertEq(assignedCollector, collector);
    }

    function test_recordSale_laterSaleNeverAssignsACurator() public {
        _sale(solo, seller, collector, address(0));
        vm.recordLogs();
        assertFalse(_sale(solo, collector, eve, curator));
        assertEq(vm.getRecordedLogs().length, 0, "no role event");
        (address assignedCollector, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector, "the collector stays");
        assertEq(assignedCurator, address(0), "the primary sale named no curator: none ever");
    }

    /// @dev The role-capture attack: a holder who got the track outside the protocol sells it to a second address
    /// of theirs naming a third. Only a creator's sale is the primary sale, so nothing is assigned and the shares
    /// stay with the creators until the creators sell.
    function test_recordSale_saleByANonCreatorAssignsNoRoles() public {
        vm.recordLogs();
        assertFalse(_sale(solo, eve, bob, carol), "not a primary sale");
        assertEq(vm.getRecordedLogs().length, 0, "no role event");
        (address assignedCollector, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCollector, address(0));
        assertEq(assignedCurator, address(0));
        // the creator's own sale later is the primary sale
        assertTrue(_sale(solo, creator, collector, curator));
        (assignedCollector, assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector);
        assertEq(assignedCurator, curator);
    }

    function test_recordSale_coAuthorsSaleIsThePrimarySale() public {
        assertTrue(_sale(duet, coAuthor, collector, curator));
        (address assignedCollector, ) = splitter.rolesOf(duet);
        assertEq(assignedCollector, collector);
    }

    function test_recordSale_curatorNeverChangesOnceSet() public {
        _sale(solo, seller, collector, curator);
        vm.recordLogs();
        _sale(solo, collector, eve, bob);
        _sale(solo, eve, carol, dave);
        assertEq(vm.getRecordedLogs().length, 0, "no role event");
        (address assignedCollector, address assignedCurator) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector);
        assertEq(assignedCurator, curator);
    }

    /// @dev A creator's referral is ignored even when the creator is a co-author added at mint far down the list.
    function test_recordSale_lastOfManyCoAuthorsCannotBeTheReferrer() public {
        IMusicNFT.CoAuthor[] memory many = new IMusicNFT.CoAuthor[](4);
        for (uint256 i; i < 4; ++i) many[i] = IMusicNFT.CoAuthor(makeAddr(string.concat("ca", vm.toString(i))), 100);
        uint256 band = _mintTrackWith(creator, "band", many);
        _expectNoCurator(band, seller, collector, many[3].account);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Any sequence of sales: the collector is the first buyer, the curator the first valid referrer, and
    /// neither ever changes after.
    function testFuzz_recordSale_rolesNeverChangeOnceSet(uint256[8] memory seeds) public {
        address[6] memory people = [collector, curator, eve, bob, creator, address(0)];
        address expectedCollector;
        address expectedCurator;
        address holder = creator;
        for (uint256 i; i < seeds.length; ++i) {
            address buyer = people[seeds[i] % 5];
            address referrer = people[(seeds[i] >> 8) % 6];
            bool first = _sale(duet, holder, buyer, referrer);
            bool primary = expectedCollector == address(0) && (holder == creator || holder == coAuthor);
            assertEq(first, primary, "the primary sale is the first sale by a creator");
            if (primary) expectedCollector = buyer;
            bool validReferrer =
                referrer != address(0) &&
                    referrer != buyer &&
                    referrer != holder &&
                    referrer != creator &&
                    referrer != coAuthor;
            if (primary && validReferrer) expectedCurator = referrer;
            (address assignedCollector, address assignedCurator) = splitter.rolesOf(duet);
            assertEq(assignedCollector, expectedCollector, "collector");
            assertEq(assignedCurator, expectedCurator, "curator");
            holder = buyer;
        }
    }

    // ---------------------------------------------------------------- helpers

    function _expectNoCurator(uint256 tokenId, address from, address to, address referrer) internal {
        vm.recordLogs();
        _sale(tokenId, from, to, referrer);
        assertEq(vm.getRecordedLogs().length, 1, "CollectorAssigned only");
        (, address assignedCurator) = splitter.rolesOf(tokenId);
        assertEq(assignedCurator, address(0));
    }
}

/// @notice recordSaleWithRoyalty: what an ETH sale does in one call (record, then split the royalty).
contract RecordSaleWithRoyaltyTest is RoyaltiesFixture {
    function _saleWithRoyalty(
        uint256 tokenId,
        address from,
        address to,
        address referrer,
        uint256 royalty
    ) internal returns (bool first) {
        vm.deal(recorder, royalty);
        vm.prank(recorder);
        first = splitter.recordSaleWithRoyalty{value: royalty}(tokenId, from, to, referrer);
    }

    function test_recordSaleWithRoyalty_onlySaleRecorders() public {
        vm.deal(eve, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotSaleRecorder.selector, eve));
        vm.prank(eve);
        splitter.recordSaleWithRoyalty{value: 1 ether}(solo, seller, collector, curator);
    }

    /// @dev The primary sale assigns the roles and its royalty is plain revenue split 70/15/10/5 among them.
    function test_recordSaleWithRoyalty_primarySaleSplitsThePlainWay() public {
        assertTrue(_saleWithRoyalty(solo, seller, collector, curator, 1 ether));
        (uint256 creators, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(solo, ETH);
        assertEq(creators, 0.7 ether);
        assertEq(curatorPot, 0.15 ether);
        assertEq(collectorPot, 0.1 ether);
        assertEq(splitter.platformOwed(ETH), 0.05 ether);
    }

    /// @dev A later sale's royalty is a resale royalty: the curator's 30% first, then the split.
    function test_recordSaleWithRoyalty_resaleGivesTheCuratorItsPartFirst() public {
        _saleWithRoyalty(solo, seller, collector, curator, 0);
        assertFalse(_saleWithRoyalty(solo, collector, eve, address(0), 1 ether));
        (uint256 creators, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(solo, ETH);
        assertEq(curatorPot, 0.3 ether + 0.105 ether);
        assertEq(collectorPot, 0.07 ether);
        assertEq(splitter.platformOwed(ETH), 0.035 ether);
        assertEq(creators, 0.49 ether);
        assertEq(creators + curatorPot + collectorPot + splitter.platformOwed(ETH), 1 ether, "every wei");
    }

    function test_recordSaleWithRoyalty_zeroRoyaltyOnlyRecords() public {
        assertTrue(_saleWithRoyalty(solo, seller, collector, curator, 0));
        (uint256 creators, , ) = splitter.potsOf(solo, ETH);
        assertEq(creators, 0);
        (address assignedCollector, ) = splitter.rolesOf(solo);
        assertEq(assignedCollector, collector);
    }
}
