// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RoyaltiesFixture} from "./RoyaltiesFixture.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {RevertingReceiver} from "../mocks/RevertingReceiver.sol";

/// @notice Royalty streams (securitization at the splitter level): a registrar starts a stream for a creator; from
/// then until maturity, every deposit carves `bps` of that creator's cut into the vault's stream balance. Nobody
/// else's income changes, and seller + vault together get exactly what the seller alone would have.
contract StreamsTest is RoyaltiesFixture {
    address internal registrar;
    address internal vault;
    uint40 internal maturity;

    function setUp() public override {
        super.setUp();
        registrar = makeAddr("registrar");
        vault = makeAddr("vault");
        maturity = uint40(block.timestamp + 365 days);
        vm.prank(address(timelock));
        splitter.setStreamRegistrar(registrar, true);
    }

    function test_startStream_recordsTheStream() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.StreamStarted(duet, coAuthor, vault, 2_500, maturity);
        _start(duet, coAuthor, 2_500);
        IRoyaltySplitter.Stream memory stream = splitter.streamOf(duet);
        assertEq(stream.vault, vault);
        assertEq(stream.seller, coAuthor);
        assertEq(stream.bps, 2_500);
        assertEq(stream.maturity, maturity);
        assertEq(stream.sellerShareBps, 4_000, "the co-author's share, cached");
    }

    /// @dev Solo track, 30% of the creator's cut: of a 1 ETH deposit the creators' 0.95 (no roles yet) gives
    /// 0.285 to the vault and 0.665 to the creator.
    function test_deposit_carvesTheStreamOutOfTheSellersCut() public {
        _start(solo, creator, 3_000);
        _depositETH(solo, 1 ether);
        assertEq(splitter.streamOwed(vault, ETH), 0.285 ether);
        assertEq(_claimable(creator, ETH, solo), 0.665 ether);
        (uint256 creators, , ) = splitter.potsOf(solo, ETH);
        assertEq(creators, 0.95 ether, "the pot is what the split rule assigns; the carve is inside it");
    }

    /// @dev A co-author sells half of its own 40%: the registrant's income does not move.
    function test_deposit_coAuthorsStreamLeavesTheOtherCreatorsCutAlone() public {
        _assignRoles(duet);
        _start(duet, coAuthor, 5_000);
        _depositETH(duet, 1 ether);
        _depositMint(duet, 100 ether);
        assertEq(_claimable(creator, ETH, duet), 0.42 ether, "60% of 0.7");
        assertEq(_claimable(coAuthor, ETH, duet), 0.14 ether, "half of 40% of 0.7");
        assertEq(splitter.streamOwed(vault, ETH), 0.14 ether);
        assertEq(splitter.streamOwed(vault, address(token)), 14 ether);
        assertEq(_claimable(collector, ETH, duet), 0.1 ether);
        assertEq(_claimable(curator, ETH, duet), 0.15 ether);
    }

    /// @dev The curator's resale part comes first; the stream carves from the creators' part of the rest.
    function test_deposit_resaleRoyaltyIsCarvedFromTheCreatorsPart() public {
        _assignRoles(solo);
        _start(solo, creator, 10_000);
        _depositResale(solo, ETH, 1 ether);
        // curator 30% first; of the remaining 0.7: creators 70% = 0.49
        assertEq(splitter.streamOwed(vault, ETH), 0.49 ether);
        assertEq(_claimable(creator, ETH, solo), 0);
    }

    function test_deposit_beforeTheStartIsNotCarved() public {
        _depositETH(solo, 1 ether);
        _start(solo, creator, 5_000);
        assertEq(splitter.streamOwed(vault, ETH), 0);
        assertEq(_claimable(creator, ETH, solo), 0.95 ether, "income earned before the sale stays the seller's");
    }

    function test_deposit_afterMaturityIsNotCarved() public {
        _start(solo, creator, 5_000);
        _depositETH(solo, 1 ether);
        vm.warp(maturity);
        _depositETH(solo, 1 ether);
        assertEq(splitter.streamOwed(vault, ETH), 0.475 ether, "only the deposit before maturity");
        assertEq(_claimable(creator, ETH, solo), 0.475 ether + 0.95 ether);
    }

    function test_withdrawStream_paysTheVaultOnce() public {
        _start(solo, creator, 5_000);
        _depositETH(solo, 1 ether);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.StreamWithdrawn(vault, ETH, 0.475 ether);
        vm.prank(vault);
        assertEq(splitter.withdrawStream(ETH), 0.475 ether);
        assertEq(vault.balance, 0.475 ether);
        vm.prank(vault);
        assertEq(splitter.withdrawStream(ETH), 0, "nothing twice; no revert so vaults can poll");
        // the seller's own withdrawal is unaffected by the vault's
        assertEq(_withdraw(creator, ETH, _ids(solo)), 0.475 ether);
        assertEq(address(splitter).balance, splitter.platformOwed(ETH));
    }

    function test_withdrawStream_aVaultThatCannotReceiveKeepsItsBalance() public {
        RevertingReceiver broken = new RevertingReceiver();
        vm.prank(registrar);
        splitter.startStream(solo, creator, address(broken), 5_000, maturity);
        _depositETH(solo, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterTransferFailed.selector, address(broken))
        );
        vm.prank(address(broken));
        splitter.withdrawStream(ETH);
        assertEq(splitter.streamOwed(address(broken), ETH), 0.475 ether);
    }

    function test_startStream_aNewStreamOnlyAfterMaturity() public {
        _start(solo, creator, 5_000);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterStreamActive.selector, solo, maturity));
        vm.prank(registrar);
        splitter.startStream(solo, creator, makeAddr("vault2"), 1_000, maturity + 1);

        _depositETH(solo, 1 ether);
        vm.warp(maturity);
        address vault2 = makeAddr("vault2");
        vm.prank(registrar);
        splitter.startStream(solo, creator, vault2, 1_000, maturity + 30 days);
        _depositETH(solo, 1 ether);
        assertEq(splitter.streamOwed(vault, ETH), 0.475 ether, "the first vault keeps what it was carved");
        assertEq(splitter.streamOwed(vault2, ETH), 0.095 ether);
        assertEq(_claimable(creator, ETH, solo), 0.475 ether + 0.855 ether);
    }

    function test_startStream_revertsForAnyoneButARegistrar() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotStreamRegistrar.selector, creator));
        vm.prank(creator);
        splitter.startStream(solo, creator, vault, 5_000, maturity);
    }

    function test_startStream_revertsForANonCreator() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotCreator.selector, solo, eve));
        vm.prank(registrar);
        splitter.startStream(solo, eve, vault, 5_000, maturity);
    }

    function test_startStream_revertsOnBadParameters() public {
        uint40 now_ = uint40(block.timestamp);
        uint40 longest = uint40(block.timestamp + splitter.MAX_STREAM_TERM());
        uint40 tooFar = longest + 1;
        _expectInvalid(solo, address(0), 5_000, maturity);
        _expectInvalid(solo, vault, 0, maturity);
        _expectInvalid(solo, vault, 10_001, maturity);
        _expectInvalid(solo, vault, 5_000, now_);
        _expectInvalid(solo, vault, 5_000, tooFar);
        // the bounds themselves are allowed
        vm.prank(registrar);
        splitter.startStream(solo, creator, vault, 10_000, longest);
    }

    function test_setStreamRegistrar_onlyTheTimelock() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", eve));
        vm.prank(eve);
        splitter.setStreamRegistrar(eve, true);

        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.StreamRegistrarSet(registrar, false);
        vm.prank(address(timelock));
        splitter.setStreamRegistrar(registrar, false);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotStreamRegistrar.selector, registrar));
        vm.prank(registrar);
        splitter.startStream(solo, creator, vault, 5_000, maturity);
    }

    /// @dev Fuzz: for any stream size, deposits and withdrawal timing, seller + vault receive exactly what the
    /// seller alone would have (its floor share of the pot: carve rounding only moves wei between the two), and the
    /// other creator's income is exactly what it is without any stream.
    function testFuzz_stream_sellerPlusVaultIsTheSellersCut(
        uint16 bps,
        uint64[5] calldata deposits,
        uint8 withdrawMask
    ) public {
        bps = uint16(bound(bps, 1, 10_000));
        _start(duet, coAuthor, bps);
        uint256 sellerPaid;
        uint256 total;
        for (uint256 i; i < deposits.length; ++i) {
            if (deposits[i] == 0) continue;
            _depositETH(duet, deposits[i]);
            total += deposits[i];
            if (withdrawMask & (1 << i) != 0 && _claimable(coAuthor, ETH, duet) != 0) {
                sellerPaid += _withdraw(coAuthor, ETH, _ids(duet));
            }
        }
        uint256 sellerTotal = sellerPaid + _claimable(coAuthor, ETH, duet) + splitter.streamOwed(vault, ETH);
        (uint256 creators, , ) = splitter.potsOf(duet, ETH);
        uint256 alone = (creators * 4_000) / 10_000;
        assertEq(sellerTotal, alone, "seller + vault == the seller's cut");
        assertEq(_claimable(creator, ETH, duet), (creators * 6_000) / 10_000, "the other creator untouched");
        assertGe(address(splitter).balance, sellerTotal - sellerPaid + _claimable(creator, ETH, duet));
        assertGe(total, creators);
    }

    function _start(uint256 tokenId, address seller_, uint16 bps) internal {
        vm.prank(registrar);
        splitter.startStream(tokenId, seller_, vault, bps, maturity);
    }

    function _expectInvalid(uint256 tokenId, address vault_, uint16 bps, uint40 maturity_) internal {
        vm.expectRevert(IRoyaltySplitter.RoyaltySplitterInvalidStream.selector);
        vm.prank(registrar);
        splitter.startStream(tokenId, creator, vault_, bps, maturity_);
    }
}
