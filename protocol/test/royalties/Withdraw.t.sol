// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {RevertingReceiver} from "../mocks/RevertingReceiver.sol";
import {GasGuzzler} from "../mocks/GasGuzzler.sol";
import {ReturnBomb} from "../mocks/ReturnBomb.sol";
import {ReentrantWithdrawer} from "../mocks/ReentrantWithdrawer.sol";

/// @notice Withdrawals: each party pulls its cut of each track's pots, across many tracks and roles in one call,
/// exactly once; a hostile or broken receiver only ever fails its own withdrawal.
contract WithdrawTest is RoyaltiesFixture {
    // ---------------------------------------------------------------- shares and roles

    /// @dev The duet's creator pot of 0.95 ETH divides 6,000 / 4,000 between registrant and co-author.
    function test_withdraw_coAuthorsGetTheirShareOfTheCreatorPot() public {
        _depositETH(duet, 1 ether);
        assertEq(_withdraw(creator, ETH, _ids(duet)), 0.57 ether);
        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.38 ether);
        assertEq(address(splitter).balance, splitter.platformOwed(ETH), "only the platform's part is left");
    }

    function test_withdraw_everyRoleGetsItsPot() public {
        _assignRoles(duet);
        _depositETH(duet, 1 ether);
        assertEq(_withdraw(creator, ETH, _ids(duet)), 0.42 ether);
        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.28 ether);
        assertEq(_withdraw(curator, ETH, _ids(duet)), 0.15 ether);
        assertEq(_withdraw(collector, ETH, _ids(duet)), 0.1 ether);
        assertEq(splitter.sweepPlatform(ETH), 0.05 ether);
        assertEq(address(splitter).balance, 0);
    }

    /// @dev A co-author who bought the first copy is also the collector: both cuts in one withdrawal.
    function test_withdraw_oneAccountInSeveralRolesOnOneTrack() public {
        _sale(duet, creator, coAuthor, curator);
        _depositETH(duet, 1 ether);
        assertEq(_claimable(coAuthor, ETH, duet), 0.28 ether + 0.1 ether);
        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.38 ether);
        assertEq(_claimable(coAuthor, ETH, duet), 0);
    }

    function test_withdraw_manyTracksInOneCall() public {
        _depositETH(solo, 1 ether);
        _depositETH(duet, 2 ether);
        uint256[] memory ids = _ids(solo, duet);
        assertEq(splitter.claimable(creator, ETH, ids), 0.95 ether + 1.14 ether);
        uint256 before = creator.balance;
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.Withdrawn(creator, ETH, creator, 2.09 ether, ids);
        assertEq(_withdraw(creator, ETH, ids), 2.09 ether);
        assertEq(creator.balance - before, 2.09 ether);
    }

    function test_withdraw_manyTracksAndRolesAcrossTracks() public {
        // the collector of solo is the curator of duet
        _sale(solo, creator, collector, address(0));
        _sale(duet, creator, eve, collector);
        _depositETH(solo, 1 ether);
        _depositETH(duet, 1 ether);
        assertEq(_withdraw(collector, ETH, _ids(solo, duet)), 0.1 ether + 0.15 ether);
    }

    function test_withdraw_mint() public {
        _assignRoles(duet);
        _depositMint(duet, 1_000 ether);
        assertEq(_withdraw(coAuthor, address(token), _ids(duet)), 280 ether);
        assertEq(token.balanceOf(coAuthor), 280 ether);
        assertEq(_withdraw(curator, address(token), _ids(duet)), 150 ether);
        assertEq(token.balanceOf(curator), 150 ether);
    }

    /// @dev ETH and MINT are separate ledgers: withdrawing one leaves the other claimable.
    function test_withdraw_assetsAreSeparate() public {
        _depositETH(solo, 1 ether);
        _depositMint(solo, 100 ether);
        _withdraw(creator, ETH, _ids(solo));
        assertEq(_claimable(creator, address(token), solo), 95 ether);
        assertEq(_withdraw(creator, address(token), _ids(solo)), 95 ether);
    }

    // ---------------------------------------------------------------- exactly once

    function test_withdraw_revertsTheSecondTime() public {
        _depositETH(solo, 1 ether);
        _withdraw(creator, ETH, _ids(solo));
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterNothingToWithdraw.selector);
        vm.prank(creator);
        splitter.withdraw(ETH, _ids(solo), creator);
    }

    function test_withdraw_laterRevenuePaysOnlyTheNewPart() public {
        _depositETH(solo, 1 ether);
        _withdraw(creator, ETH, _ids(solo));
        _depositETH(solo, 2 ether);
        assertEq(_claimable(creator, ETH, solo), 1.9 ether);
        assertEq(_withdraw(creator, ETH, _ids(solo)), 1.9 ether);
    }

    function test_withdraw_aTrackListedTwicePaysOnce() public {
        _depositETH(solo, 1 ether);
        uint256[] memory twice = _ids(solo, solo);
        assertEq(splitter.claimable(creator, ETH, twice), 0.95 ether, "claimable counts it once");
        assertEq(_withdraw(creator, ETH, twice), 0.95 ether);
    }

    function test_withdraw_revertsForSomeoneWithNothing() public {
        _depositETH(solo, 1 ether);
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterNothingToWithdraw.selector);
        vm.prank(eve);
        splitter.withdraw(ETH, _ids(solo, duet), eve);
    }

    function test_withdraw_revertsOnAnEmptyList() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterNothingToWithdraw.selector);
        vm.prank(creator);
        splitter.withdraw(ETH, new uint256[](0), creator);
    }

    /// @dev Unknown or unpaid tracks in the list are skipped, not fatal.
    function test_withdraw_skipsTracksWithNothingOwed() public {
        _depositETH(solo, 1 ether);
        uint256[] memory ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (42, duet, solo);
        assertEq(_withdraw(creator, ETH, ids), 0.95 ether);
    }

    function test_withdraw_toAnotherAddress() public {
        _depositETH(solo, 1 ether);
        address vault = makeAddr("vault");
        uint256 before = creator.balance;
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.Withdrawn(creator, ETH, vault, 0.95 ether, _ids(solo));
        vm.prank(creator);
        splitter.withdraw(ETH, _ids(solo), vault);
        assertEq(vault.balance, 0.95 ether);
        assertEq(creator.balance, before);
    }

    /// @dev Withdrawing first and then the remaining revenue give the same total as withdrawing once at the end.
    function testFuzz_claimable_matchesWithdrawals(uint96 a, uint96 b, bool roles) public {
        a = uint96(_bound(a, 1, 1_000 ether));
        b = uint96(_bound(b, 1, 1_000 ether));
        if (roles) _assignRoles(duet);
        _depositETH(duet, a);
        uint256 first = _claimable(coAuthor, ETH, duet);
        if (first != 0) assertEq(_withdraw(coAuthor, ETH, _ids(duet)), first);
        _depositETH(duet, b);
        uint256 second = _claimable(coAuthor, ETH, duet);
        if (second != 0) assertEq(_withdraw(coAuthor, ETH, _ids(duet)), second);
        (uint256 creators, , ) = splitter.potsOf(duet, ETH);
        assertEq(first + second, (creators * 4_000) / 10_000, "in total, the co-author's share of the pot");
    }

    // ---------------------------------------------------------------- hostile and broken receivers

    /// @dev Sending to a contract that refuses ETH fails that withdrawal alone: the amount stays claimable, the
    /// co-author still withdraws, and the creator later withdraws to an address that accepts.
    function test_withdraw_revertingReceiverOnlyFailsItsOwnWithdrawal() public {
        RevertingReceiver refuser = new RevertingReceiver();
        _depositETH(duet, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterTransferFailed.selector, address(refuser))
        );
        vm.prank(creator);
        splitter.withdraw(ETH, _ids(duet), address(refuser));
        assertEq(_claimable(creator, ETH, duet), 0.57 ether, "still claimable");

        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.38 ether, "others are not blocked");
        assertEq(_withdraw(creator, ETH, _ids(duet)), 0.57 ether);
    }

    /// @dev A party that cannot receive ETH at all (the collector is a contract without a payable receive) is
    /// never paid by push, so it blocks nobody, and withdraws to another address.
    function test_withdraw_partyThatCannotReceiveEthBlocksNobody() public {
        RevertingReceiver refuser = new RevertingReceiver();
        _sale(solo, creator, address(refuser), curator);
        _depositETH(solo, 1 ether);
        assertEq(_withdraw(creator, ETH, _ids(solo)), 0.7 ether);
        assertEq(_withdraw(curator, ETH, _ids(solo)), 0.15 ether);
        splitter.sweepPlatform(ETH);

        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterTransferFailed.selector, address(refuser))
        );
        vm.prank(address(refuser));
        splitter.withdraw(ETH, _ids(solo), address(refuser));
        address wallet = makeAddr("refuser's wallet");
        vm.prank(address(refuser));
        splitter.withdraw(ETH, _ids(solo), wallet);
        assertEq(wallet.balance, 0.1 ether);
        assertEq(address(splitter).balance, 0);
    }

    /// @dev A receiver that burns all the gas it gets fails that withdrawal (the 1/64 kept back is enough to
    /// revert with the error), and costs nobody else anything.
    function test_withdraw_gasGuzzlerOnlyFailsItsOwnWithdrawal() public {
        GasGuzzler guzzler = new GasGuzzler();
        _depositETH(duet, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterTransferFailed.selector, address(guzzler))
        );
        vm.prank(creator);
        splitter.withdraw{gas: 2_000_000}(ETH, _ids(duet), address(guzzler));
        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.38 ether);
        assertEq(_claimable(creator, ETH, duet), 0.57 ether);
    }

    /// @dev A receiver that reverts with a megabyte of data: the splitter never copies return data, so the
    /// withdrawal fails with the splitter's own error and others are unaffected.
    function test_withdraw_revertingReturnBombOnlyFailsItsOwnWithdrawal() public {
        ReturnBomb bomb = new ReturnBomb(1_000_000, true);
        _depositETH(duet, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterTransferFailed.selector, address(bomb)));
        vm.prank(creator);
        splitter.withdraw(ETH, _ids(duet), address(bomb));
        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.38 ether);
    }

    /// @dev A receiver that accepts but returns 300 kB: the withdrawal succeeds, and the extra gas it costs is the
    /// bomb's own memory (paid inside the bomb), not a second copy in the splitter.
    function test_withdraw_returnBombCostsTheSplitterNothingExtra() public {
        ReturnBomb quiet = new ReturnBomb(0, false);
        ReturnBomb bomb = new ReturnBomb(300_000, false);
        _assignRoles(duet);
        _depositETH(duet, 1 ether);
        // creator and co-author are in the same state (one slot written each): measure both
        vm.prank(creator);
        uint256 gasBefore = gasleft();
        splitter.withdraw(ETH, _ids(duet), address(bomb));
        uint256 bombGas = gasBefore - gasleft();
        vm.prank(coAuthor);
        gasBefore = gasleft();
        splitter.withdraw(ETH, _ids(duet), address(quiet));
        uint256 quietGas = gasBefore - gasleft();

        assertEq(address(bomb).balance, 0.42 ether);
        uint256 words = 300_000 / 32;
        uint256 bombMemory = 3 * words + (words * words) / 512; // what the bomb pays for its own memory
        assertLt(bombGas, quietGas + bombMemory + 30_000, "no copy of the return data");
    }

    /// @dev Attack: the curator's contract re-enters withdraw when paid, hoping to be paid twice before its
    /// withdrawal is recorded. The guard stops the inner call (ReentrancyGuardReentrantCall); swallowing that
    /// error, the attacker keeps exactly its entitlement.
    function test_withdraw_reentrantReceiverGetsNothingExtra() public {
        ReentrantWithdrawer attacker = new ReentrantWithdrawer(splitter, false);
        _sale(duet, creator, collector, address(attacker));
        _depositETH(duet, 1 ether);
        _depositETH(solo, 1 ether); // more ETH in the splitter than the attacker is owed

        assertEq(attacker.withdraw(_ids(duet)), 0.15 ether);
        assertEq(attacker.reentries(), 1);
        assertEq(
            attacker.innerError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(attacker.innerPaid(), 0);
        assertEq(address(attacker).balance, 0.15 ether, "exactly its cut");

        // everybody else is paid in full from what is left
        assertEq(_withdraw(creator, ETH, _ids(solo, duet)), 0.95 ether + 0.42 ether);
        assertEq(_withdraw(coAuthor, ETH, _ids(duet)), 0.28 ether);
        assertEq(_withdraw(collector, ETH, _ids(duet)), 0.1 ether);
        splitter.sweepPlatform(ETH);
        assertEq(address(splitter).balance, 0);
    }

    /// @dev The same attacker letting the guard's error propagate makes its own payment fail: the whole withdrawal
    /// reverts with RoyaltySplitterTransferFailed and nothing moves.
    function test_withdraw_reentrantReceiverThatPropagatesFailsItsOwnWithdrawal() public {
        ReentrantWithdrawer attacker = new ReentrantWithdrawer(splitter, true);
        _sale(duet, creator, collector, address(attacker));
        _depositETH(duet, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterTransferFailed.selector, address(attacker))
        );
        attacker.withdraw(_ids(duet));
        assertEq(_claimable(address(attacker), ETH, duet), 0.15 ether);
        assertEq(_withdraw(creator, ETH, _ids(duet)), 0.42 ether);
    }

    // ---------------------------------------------------------------- rounding

    /// @dev Three creators at 3,334 / 3,333 / 3,333 of a 95-wei pot get 31 each: 2 wei of dust stay in the
    /// splitter, fewer than the number of creators, and they are not lost to anyone's later share.
    function test_withdraw_roundingDustIsBelowTheCreatorCount() public {
        uint256 trio = _mintTrackWith(creator, "trio", _twoCoAuthors(3_333, 3_333));
        _depositETH(trio, 100);
        assertEq(_withdraw(creator, ETH, _ids(trio)), 31);
        assertEq(_withdraw(coAuthor, ETH, _ids(trio)), 31);
        assertEq(_withdraw(curator, ETH, _ids(trio)), 31);
        assertEq(address(splitter).balance - splitter.platformOwed(ETH), 2);

        // the next deposit's rounding is computed on the cumulative pot: the dust does not pile up per deposit
        _depositETH(trio, 100);
        assertEq(_withdraw(creator, ETH, _ids(trio)), 32); // floor(190 * 3334 / 10000) - 31
        assertEq(_withdraw(coAuthor, ETH, _ids(trio)), 32);
        assertEq(_withdraw(curator, ETH, _ids(trio)), 32);
        assertEq(address(splitter).balance - splitter.platformOwed(ETH), 1);
    }

    function testFuzz_withdraw_dustBoundedByCoAuthorCount(
        uint16[4] memory rawShares,
        uint8 count,
        uint256[3] memory amounts
    ) public {
        count = uint8(_bound(count, 0, 4));
        IMusicNFT.CoAuthor[] memory list = new IMusicNFT.CoAuthor[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = IMusicNFT.CoAuthor(makeAddr(vm.toString(i)), uint16(_bound(rawShares[i], 1, 2_400)));
        }
        uint256 band = _mintTrackWith(creator, "band", list);
        for (uint256 d; d < amounts.length; ++d) {
            _depositETH(band, _bound(amounts[d], 1, 1_000 ether));
            // everyone withdraws after each deposit (when there is something to withdraw)
            if (_claimable(creator, ETH, band) != 0) _withdraw(creator, ETH, _ids(band));
            for (uint256 i; i < count; ++i) {
                if (_claimable(list[i].account, ETH, band) != 0) _withdraw(list[i].account, ETH, _ids(band));
            }
        }
        uint256 dust = address(splitter).balance - splitter.platformOwed(ETH);
        assertLt(dust, uint256(count) + 1, "less than one wei per creator");
    }

    // ---------------------------------------------------------------- helpers

    function _twoCoAuthors(uint16 a, uint16 b) internal view returns (IMusicNFT.CoAuthor[] memory list) {
        list = new IMusicNFT.CoAuthor[](2);
        list[0] = IMusicNFT.CoAuthor(coAuthor, a);
        list[1] = IMusicNFT.CoAuthor(curator, b);
    }
}
