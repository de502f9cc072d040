// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {ReentrantDepositToken} from "../mocks/ReentrantDepositToken.sol";

/// @notice Deposits: who may pay, how each payment divides into the track's pots and the platform's, in ETH and
/// in ERC-20s (fee-on-transfer ones included).
contract DepositTest is RoyaltiesFixture {
    // ---------------------------------------------------------------- the default division

    /// @dev No sale yet: the curator's and collector's parts go to the creators (95%), the platform keeps 5%.
    function test_depositETH_beforeAnySaleAllButPlatformGoesToCreators() public {
        _depositETH(solo, 1 ether);
        _assertPots(solo, ETH, 0.95 ether, 0, 0);
        assertEq(splitter.platformOwed(ETH), 0.05 ether);
        assertEq(address(splitter).balance, 1 ether);
    }

    function test_depositETH_withBothRolesDividesSeventyFifteenTenFive() public {
        _assignRoles(solo);
        _depositETH(solo, 1 ether);
        _assertPots(solo, ETH, 0.7 ether, 0.15 ether, 0.1 ether);
        assertEq(splitter.platformOwed(ETH), 0.05 ether);
    }

    function test_depositETH_withCollectorButNoCuratorCuratorPartToCreators() public {
        _sale(solo, seller, collector, address(0));
        _depositETH(solo, 1 ether);
        _assertPots(solo, ETH, 0.85 ether, 0, 0.1 ether);
        assertEq(splitter.platformOwed(ETH), 0.05 ether);
    }

    function test_depositToken_mintDividesLikeEth() public {
        _assignRoles(duet);
        uint256 before = token.balanceOf(payer);
        _depositMint(duet, 1_000 ether);
        _assertPots(duet, address(token), 700 ether, 150 ether, 100 ether);
        assertEq(splitter.platformOwed(address(token)), 50 ether);
        assertEq(before - token.balanceOf(payer), 1_000 ether);
        assertEq(token.balanceOf(address(splitter)), 1_000 ether);
    }

    function test_depositToken_beforeAnySale() public {
        _depositMint(duet, 1_000 ether);
        _assertPots(duet, address(token), 950 ether, 0, 0);
    }

    function test_deposit_anyoneMayPay() public {
        vm.deal(eve, 1 ether);
        vm.prank(eve);
        splitter.depositETH{value: 1 ether}(solo);
        _assertPots(solo, ETH, 0.95 ether, 0, 0);
    }

    function test_depositETH_emitsRevenueDeposited() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueDeposited(solo, ETH, payer, 1 ether, 0);
        _depositETH(solo, 1 ether);
    }

    /// @dev Deposits accumulate: pots are cumulative, never reset by withdrawals.
    function test_deposit_potsAreCumulative() public {
        _depositETH(solo, 1 ether);
        vm.prank(creator);
        splitter.withdraw(ETH, _ids(solo), creator);
        _depositETH(solo, 2 ether);
        _assertPots(solo, ETH, 2.85 ether, 0, 0);
    }

    // ---------------------------------------------------------------- resale royalties

    /// @dev 1,000 wei resale royalty with both roles: curator 300 first, the 700 left split 490 / 105 / 70 / 35.
    function test_depositResaleRoyalty_givesTheCuratorThirtyPercentFirst() public {
        _assignRoles(solo);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueDeposited(solo, ETH, payer, 1_000, 300);
        _depositResale(solo, ETH, 1_000);
        _assertPots(solo, ETH, 490, 405, 70);
        assertEq(splitter.platformOwed(ETH), 35);
    }

    function test_depositResaleRoyalty_withoutCuratorItsPartsGoToCreators() public {
        _sale(solo, seller, collector, address(0));
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueDeposited(solo, ETH, payer, 1_000, 0);
        _depositResale(solo, ETH, 1_000);
        _assertPots(solo, ETH, 895, 0, 70);
        assertEq(splitter.platformOwed(ETH), 35);
    }

    function test_depositResaleRoyalty_inMint() public {
        _assignRoles(solo);
        _depositResale(solo, address(token), 1_000 ether);
        _assertPots(solo, address(token), 490 ether, 405 ether, 70 ether);
        assertEq(splitter.platformOwed(address(token)), 35 ether);
    }

    function test_depositResaleRoyalty_revertsWhenEthDiffersFromAmount() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterWrongAsset.selector);
        vm.prank(payer);
        splitter.depositResaleRoyalty{value: 1 ether}(solo, ETH, 2 ether);
    }

    function test_depositResaleRoyalty_revertsOnEthWithTokenAsset() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterWrongAsset.selector);
        vm.prank(payer);
        splitter.depositResaleRoyalty{value: 1 ether}(solo, address(token), 1 ether);
    }

    // ---------------------------------------------------------------- invalid deposits

    function test_depositETH_revertsForUnknownTrack() public {
        uint256 unknown = uint256(sha256("never minted"));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterUnknownTrack.selector, unknown));
        vm.prank(payer);
        splitter.depositETH{value: 1 ether}(unknown);
    }

    function test_depositToken_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterUnknownTrack.selector, 42));
        _depositMint(42, 1 ether);
    }

    function test_depositResaleRoyalty_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterUnknownTrack.selector, 42));
        _depositResale(42, ETH, 1 ether);
    }

    function test_depositETH_revertsOnZero() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterZeroDeposit.selector);
        _depositETH(solo, 0);
    }

    function test_depositToken_revertsOnZero() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterZeroDeposit.selector);
        _depositMint(solo, 0);
    }

    function test_depositResaleRoyalty_revertsOnZero() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterZeroDeposit.selector);
        _depositResale(solo, ETH, 0);
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterZeroDeposit.selector);
        _depositResale(solo, address(token), 0);
    }

    function test_depositToken_revertsOnTheEthSentinel() public {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterWrongAsset.selector);
        vm.prank(payer);
        splitter.depositToken(solo, ETH, 1 ether);
    }

    // ---------------------------------------------------------------- hostile tokens

    /// @dev A token that burns 10% in transit: the pots divide the 900 that arrived, not the 1,000 asked for, so
    /// the splitter never owes more of it than it holds.
    function test_depositToken_feeOnTransferCreditsWhatArrived() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(1_000);
        fot.mint(payer, 1_000);
        vm.prank(payer);
        fot.approve(address(splitter), type(uint256).max);

        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueDeposited(solo, address(fot), payer, 900, 0);
        vm.prank(payer);
        splitter.depositToken(solo, address(fot), 1_000);

        assertEq(fot.balanceOf(address(splitter)), 900);
        _assertPots(solo, address(fot), 855, 0, 0);
        assertEq(splitter.platformOwed(address(fot)), 45);

        // and the creator can take all of it out (the outgoing transfer burns too, on the creator's side)
        vm.prank(creator);
        assertEq(splitter.withdraw(address(fot), _ids(solo), creator), 855);
        assertEq(splitter.sweepPlatform(address(fot)), 45);
        assertEq(fot.balanceOf(address(splitter)), 0);
    }

    /// @dev Attack: a token whose transferFrom makes a second deposit before it moves the first one's tokens. The
    /// outer deposit measures its balance difference around the pull, so without a guard it would credit the inner
    /// deposit's tokens a second time (1,000 credited for 500 received). The guard stops the inner deposit.
    function test_depositToken_reentrantTokenCannotBeCreditedTwice() public {
        ReentrantDepositToken evil = new ReentrantDepositToken();
        evil.mint(payer, 500);
        evil.mint(address(evil), 500);
        vm.prank(payer);
        evil.approve(address(splitter), type(uint256).max);
        evil.arm(splitter, solo);

        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(payer);
        splitter.depositToken(solo, address(evil), 500);

        (uint256 creators, , ) = splitter.potsOf(solo, address(evil));
        assertEq(creators, 0);
        assertEq(evil.balanceOf(address(splitter)), 0);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev One fuzzed deposit: its parameters and the rule's expected parts.
    struct Case {
        uint256 amount;
        bool resale;
        bool hasCollector;
        bool hasCurator;
        uint16 curatorResaleBps;
        IRoyaltySplitter.Split split;
    }

    /// @dev Every wei of every deposit lands in exactly one pot or the platform, for any amount, any split within
    /// bounds, resale or not, with or without roles.
    function testFuzz_deposit_partsSumToTheAmount(
        uint256 amount,
        uint16 curatorBps,
        uint16 collectorBps,
        uint16 platformBps,
        uint16 curatorResaleBps,
        uint8 flags
    ) public {
        Case memory c;
        c.amount = _bound(amount, 1, 1_000_000 ether);
        c.split = _setFuzzedSplit(curatorBps, collectorBps, platformBps);
        c.curatorResaleBps = uint16(_bound(curatorResaleBps, 0, 5_000));
        vm.prank(address(timelock));
        splitter.setCuratorResaleBps(c.curatorResaleBps);
        c.resale = flags & 1 != 0;
        c.hasCollector = flags & 2 != 0;
        c.hasCurator = c.hasCollector && flags & 4 != 0;
        if (c.hasCollector) _sale(duet, seller, collector, c.hasCurator ? curator : address(0));

        if (c.resale) _depositResale(duet, ETH, c.amount);
        else _depositETH(duet, c.amount);
        _checkParts(c);
    }

    function _checkParts(Case memory c) internal view {
        (uint256 creators, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(duet, ETH);
        uint256 platform = splitter.platformOwed(ETH);
        assertEq(creators + curatorPot + collectorPot + platform, c.amount, "conservation");
        // each part as the rule states it
        uint256 curatorPart = c.resale ? (c.amount * c.curatorResaleBps) / 10_000 : 0;
        uint256 rest = c.amount - curatorPart;
        assertEq(platform, (rest * c.split.platformBps) / 10_000, "platform");
        assertEq(collectorPot, c.hasCollector ? (rest * c.split.collectorBps) / 10_000 : 0, "collector");
        assertEq(curatorPot, c.hasCurator ? (rest * c.split.curatorBps) / 10_000 + curatorPart : 0, "curator");
        assertGe(creators, (rest * c.split.creatorsBps) / 10_000, "creators get at least their share");
    }

    /// @dev Sets a split within bounds out of three fuzzed parts (the creators take the rest).
    function _setFuzzedSplit(
        uint16 curatorBps,
        uint16 collectorBps,
        uint16 platformBps
    ) internal returns (IRoyaltySplitter.Split memory split) {
        split.platformBps = uint16(_bound(platformBps, 0, 1_000));
        split.collectorBps = uint16(_bound(collectorBps, 0, 2_000));
        // the creators keep at least MIN_CREATORS_BPS (5,000)
        uint256 room = 5_000 - split.platformBps - split.collectorBps;
        split.curatorBps = uint16(_bound(curatorBps, 0, room < 3_000 ? room : 3_000));
        split.creatorsBps = 10_000 - split.curatorBps - split.collectorBps - split.platformBps;
        vm.prank(address(timelock));
        splitter.setSplit(split);
    }

    function testFuzz_depositToken_partsSumToTheAmount(uint256 amount, bool roles) public {
        amount = _bound(amount, 1, 1_000_000 ether);
        if (roles) _assignRoles(solo);
        _depositMint(solo, amount);
        (uint256 creators, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(solo, address(token));
        assertEq(creators + curatorPot + collectorPot + splitter.platformOwed(address(token)), amount);
        (uint256 c, uint256 cu, uint256 co, uint256 p) = _parts(amount, roles, roles);
        _assertPots(solo, address(token), c, cu, co);
        assertEq(splitter.platformOwed(address(token)), p);
    }

    // ---------------------------------------------------------------- helpers

    function _assertPots(
        uint256 tokenId,
        address asset,
        uint256 creators,
        uint256 curatorPot,
        uint256 collectorPot
    ) internal view {
        (uint256 c, uint256 cu, uint256 co) = splitter.potsOf(tokenId, asset);
        assertEq(c, creators, "creators pot");
        assertEq(cu, curatorPot, "curator pot");
        assertEq(co, collectorPot, "collector pot");
    }
}
