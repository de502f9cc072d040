// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ProtocolFixture} from "../../ProtocolFixture.sol";
import {IMusicNFT} from "../../../contracts/interfaces/IMusicNFT.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {SplitterHandler} from "./SplitterHandler.sol";

/// @notice The RoyaltySplitter's money invariants under random sequences of deposits, sales, withdrawals, sweeps
/// split changes, collector hand-overs and royalty streams (see SplitterHandler), per asset (ETH, MINT, a
/// fee-on-transfer token):
/// - solvency: its balance covers everything claimable by every party on every track, every stream vault's owed
///   and the platform's owed;
/// - conservation: what came in is exactly the tracks' pots plus the platform's total (owed + swept);
/// - the pots are what the rules say (an independent model of the division);
/// - no party ever withdrew more than its entitlement, and withdrawn + claimable == entitlement;
/// - the dust kept back by rounding is less than one wei per creator per track.
contract SplitterInvariantTest is ProtocolFixture {
    SplitterHandler internal handler;
    address[] internal actors;
    uint256[] internal tracks;
    address[3] internal assets;
    uint256 internal creatorSlots;

    function setUp() public override {
        super.setUp();
        address coAuthor2 = makeAddr("coAuthor2");
        // creators, and others who buy, refer and sell: every possible party is an actor
        actors = [creator, coAuthor, coAuthor2, collector, curator, eve, bob];

        tracks.push(_mintTrack(creator, "solo"));
        IMusicNFT.CoAuthor[] memory duo = new IMusicNFT.CoAuthor[](1);
        duo[0] = IMusicNFT.CoAuthor(coAuthor, 4_000);
        tracks.push(_mintTrackWith(creator, "duet", duo));
        IMusicNFT.CoAuthor[] memory trio = new IMusicNFT.CoAuthor[](2);
        trio[0] = IMusicNFT.CoAuthor(creator, 3_333);
        trio[1] = IMusicNFT.CoAuthor(coAuthor2, 3_333);
        vm.deal(coAuthor, 1 ether);
        tracks.push(_mintTrackWith(coAuthor, "trio", trio));
        creatorSlots = 1 + 2 + 3;

        FeeOnTransferToken fot = new FeeOnTransferToken(100); // 1% burned per transfer
        handler = new SplitterHandler(splitter, address(timelock), address(token), fot, actors, tracks);
        assets = handler.assets();
        vm.prank(alice);
        assertTrue(token.transfer(address(handler), ALICE_AMOUNT), "fund handler");
        vm.startPrank(address(timelock));
        splitter.setSaleRecorder(address(handler), true);
        splitter.setStreamRegistrar(address(handler), true);
        vm.stopPrank();

        targetContract(address(handler));
        // the actions only: the handler's model views are not actions
        bytes4[] memory actions = new bytes4[](12);
        actions[0] = SplitterHandler.depositETH.selector;
        actions[1] = SplitterHandler.depositToken.selector;
        actions[2] = SplitterHandler.depositResale.selector;
        actions[3] = SplitterHandler.sendPlainEth.selector;
        actions[4] = SplitterHandler.recordSale.selector;
        actions[5] = SplitterHandler.withdraw.selector;
        actions[6] = SplitterHandler.sweepPlatform.selector;
        actions[7] = SplitterHandler.setSplit.selector;
        actions[8] = SplitterHandler.transferCollectorRole.selector;
        actions[9] = SplitterHandler.startStream.selector;
        actions[10] = SplitterHandler.withdrawStream.selector;
        actions[11] = SplitterHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// @dev The handler's own checks (withdraw pays exactly what claimable said, the first sale is reported once,
    /// the sweep goes to the treasury, a party with something owed can always withdraw) all held.
    function invariant_handlerChecksHeld() public view {
        assertEq(handler.violation(), "", "handler check failed");
    }

    /// @dev Per asset: balance >= sum over every party and track of claimable + platform owed; and what the
    /// balance holds beyond that (rounding dust) is less than one wei per creator per track.
    function invariant_solvent() public view {
        for (uint256 a; a < assets.length; ++a) {
            uint256 balance = _balance(assets[a]);
            uint256 owed = splitter.platformOwed(assets[a]);
            for (uint256 i; i < actors.length; ++i) owed += splitter.claimable(actors[i], assets[a], tracks);
            address[] memory vaults = handler.vaults();
            for (uint256 v; v < vaults.length; ++v) {
                uint256 streamOwed = splitter.streamOwed(vaults[v], assets[a]);
                assertEq(streamOwed, handler.modelStreamOwed(vaults[v], assets[a]), "stream owed vs model");
                owed += streamOwed;
            }
            assertGe(balance, owed, "owes more than it holds");
            assertLt(balance - owed, creatorSlots, "dust");
        }
    }

    /// @dev Per asset: deposits == sum of every track's pots + platform (owed and swept), to the wei; every pot and
    /// role is what the division rule (computed by the handler, not the contract) says; and the balance is exactly
    /// what came in minus what went out.
    function invariant_depositsEqualPotsPlusPlatform() public view {
        for (uint256 a; a < assets.length; ++a) {
            address asset = assets[a];
            uint256 pots;
            for (uint256 t; t < tracks.length; ++t) {
                (uint256 creators, uint256 curatorPot, uint256 collectorPot) = splitter.potsOf(tracks[t], asset);
                SplitterHandler.ModelPots memory model = handler.modelPots(tracks[t], asset);
                assertEq(creators, model.creators, "creators pot vs model");
                assertEq(curatorPot, model.curator, "curator pot vs model");
                assertEq(collectorPot, model.collector, "collector pot vs model");
                pots += creators + curatorPot + collectorPot;
            }
            uint256 platform = splitter.platformOwed(asset) + handler.ghostSwept(asset);
            assertEq(handler.ghostDeposited(asset), pots + platform, "deposits vs pots + platform");
            assertEq(platform, handler.ghostPlatform(asset), "platform total vs model");
            assertEq(
                _balance(asset),
                handler.ghostDeposited(asset) - handler.ghostWithdrawnTotal(asset) - handler.ghostSwept(asset),
                "balance vs flows"
            );
        }
        for (uint256 t; t < tracks.length; ++t) {
            (address assignedCollector, address assignedCurator) = splitter.rolesOf(tracks[t]);
            assertEq(assignedCollector, handler.modelCollector(tracks[t]), "collector vs model");
            assertEq(assignedCurator, handler.modelCurator(tracks[t]), "curator vs model");
        }
    }

    /// @dev No party ever withdrew more than its share of the deposits (its entitlement under the rules), and
    /// what it withdrew plus what it can still claim is exactly that share: nothing lost, nothing extra.
    function invariant_withdrawnNeverExceedsEntitlement() public view {
        for (uint256 a; a < assets.length; ++a) {
            uint256[] memory entitlements = handler.modelEntitlements(assets[a]);
            for (uint256 i; i < actors.length; ++i) {
                uint256 withdrawn = handler.ghostWithdrawn(actors[i], assets[a]);
                assertLe(withdrawn, entitlements[i], "withdrew more than its share");
                assertEq(
                    withdrawn + splitter.claimable(actors[i], assets[a], tracks),
                    entitlements[i],
                    "withdrawn + claimable vs share"
                );
            }
        }
    }

    function _balance(address asset) internal view returns (uint256) {
        return asset == address(0) ? address(splitter).balance : IERC20(asset).balanceOf(address(splitter));
    }
}
