// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IFractionalizer} from "../../contracts/interfaces/IFractionalizer.sol";
import {IFractionVault} from "../../contracts/interfaces/IFractionVault.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {Fractionalizer} from "../../contracts/fractions/Fractionalizer.sol";
import {FractionVault} from "../../contracts/fractions/FractionVault.sol";
import {FractionsFixture} from "./FractionsFixture.sol";

/// @notice Fractionalizing: the NFT moves into a new clone vault, the whole supply goes to its owner, the vault's
/// rules are fixed at creation; every bad input has its named error; governance moves the defaults within bounds.
contract FractionalizeTest is FractionsFixture {
    // ---------------------------------------------------------------- happy path

    function test_fractionalize_movesTheNftAndMintsTheSupplyToTheOwner() public {
        _fractionalize();
        assertEq(music.ownerOf(track), address(vault), "the vault holds the NFT");
        assertEq(vault.balanceOf(collector), SUPPLY, "the owner holds every fraction");
        assertEq(vault.totalSupply(), SUPPLY);
        assertEq(vault.decimals(), 18);
        assertEq(vault.name(), "Solo Fractions");
        assertEq(vault.symbol(), "SOLO");
        assertEq(fractionalizer.vaultOf(track), address(vault));
        assertTrue(fractionalizer.isVault(address(vault)));
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Open));
        assertEq(vault.eligibleSupply(), SUPPLY, "every fraction earns");
        assertTrue(vault.incomeRenounced(address(vault)), "the vault's own escrow earns nothing");
        assertTrue(token.votingOptedOut(address(vault)), "its MINT income carries no votes nobody could cast");
    }

    function test_fractionalize_termsAreTheCloneArguments() public {
        _fractionalize();
        IFractionVault.Terms memory terms = vault.terms();
        assertEq(terms.fractionalizer, address(fractionalizer));
        assertEq(terms.nft, address(music));
        assertEq(terms.splitter, address(splitter));
        assertEq(terms.mintToken, address(token));
        assertEq(terms.tokenId, track);
        assertEq(terms.supply, SUPPLY);
        assertEq(terms.reservePrice, RESERVE);
        assertEq(terms.buyoutWindow, WINDOW);
        assertEq(terms.objectionThresholdBps, THRESHOLD_BPS);
        address[] memory assets = vault.incomeAssets();
        assertEq(assets.length, 2);
        assertEq(assets[0], ETH);
        assertEq(assets[1], address(token));
        assertEq(fractionalizer.incomeAssets(), assets, "the factory lists the same assets");
    }

    function test_fractionalize_isAMinimalCloneOfTheImplementation() public {
        _fractionalize();
        bytes memory code = address(vault).code;
        // 45 bytes of EIP-1167 proxy + the nine words of Terms
        assertEq(code.length, 45 + 9 * 32);
        address target;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            target := shr(96, mload(add(code, add(0x20, 10))))
        }
        assertEq(target, fractionalizer.implementation());
    }

    function test_fractionalize_emitsFractionalized() public {
        address predicted = vm.computeCreateAddress(address(fractionalizer), vm.getNonce(address(fractionalizer)));
        vm.expectEmit(address(fractionalizer));
        emit IFractionalizer.Fractionalized(
            track,
            predicted,
            collector,
            SUPPLY,
            RESERVE,
            WINDOW,
            THRESHOLD_BPS,
            "Solo Fractions",
            "SOLO"
        );
        _fractionalize();
        assertEq(address(vault), predicted);
    }

    function test_fractionalize_boundsOfSupplyAreAccepted() public {
        _fractionalize(fractionalizer.MIN_SUPPLY(), 1);
        assertEq(vault.totalSupply(), 1e18);
        uint256 other = _mintTrack(collector, "other");
        uint256 maxSupply = fractionalizer.MAX_SUPPLY();
        vm.prank(collector);
        address big = fractionalizer.fractionalize(other, maxSupply, 1, "Big", "BIG");
        assertEq(FractionVault(payable(big)).balanceOf(collector), 1e30);
    }

    function test_fractionalize_theCollectorRoleIsASecondStep() public {
        _fractionalize();
        (address roleHolder, ) = splitter.rolesOf(track);
        assertEq(roleHolder, collector, "fractionalizing alone does not move the role");
        _giveRoleToVault();
        (roleHolder, ) = splitter.rolesOf(track);
        assertEq(roleHolder, address(vault));
    }

    // ---------------------------------------------------------------- reverts

    function test_fractionalize_revertsBelowMinSupply() public {
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(IFractionalizer.FractionalizerSupplyOutOfBounds.selector, 1e18 - 1));
        fractionalizer.fractionalize(track, 1e18 - 1, RESERVE, "A", "A");
    }

    function test_fractionalize_revertsAboveMaxSupply() public {
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(IFractionalizer.FractionalizerSupplyOutOfBounds.selector, 1e30 + 1));
        fractionalizer.fractionalize(track, 1e30 + 1, RESERVE, "A", "A");
    }

    function test_fractionalize_revertsWithZeroReserve() public {
        vm.prank(collector);
        vm.expectRevert(IFractionalizer.FractionalizerZeroReservePrice.selector);
        fractionalizer.fractionalize(track, SUPPLY, 0, "A", "A");
    }

    function test_fractionalize_revertsWithEmptyOrLongName() public {
        vm.startPrank(collector);
        vm.expectRevert(IFractionalizer.FractionalizerInvalidName.selector);
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, "", "A");
        string memory long = string(new bytes(65));
        vm.expectRevert(IFractionalizer.FractionalizerInvalidName.selector);
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, long, "A");
        vm.stopPrank();
    }

    function test_fractionalize_revertsWithEmptyOrLongSymbol() public {
        vm.startPrank(collector);
        vm.expectRevert(IFractionalizer.FractionalizerInvalidSymbol.selector);
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, "A", "");
        string memory long = string(new bytes(17));
        vm.expectRevert(IFractionalizer.FractionalizerInvalidSymbol.selector);
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, "A", long);
        vm.stopPrank();
    }

    function test_fractionalize_maxLengthNameAndSymbolAreAccepted() public {
        vm.prank(collector);
        address v = fractionalizer.fractionalize(track, SUPPLY, RESERVE, string(new bytes(64)), string(new bytes(16)));
        assertEq(bytes(FractionVault(payable(v)).name()).length, 64);
    }

    /// @dev An operator approved for all of the owner's NFTs (a marketplace, say) cannot fractionalize them to
    /// itself: the fractions would be its own.
    function test_fractionalize_revertsForAnApprovedOperator() public {
        vm.prank(collector);
        music.setApprovalForAll(eve, true);
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IFractionalizer.FractionalizerNotOwner.selector, track, eve));
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, "A", "A");
    }

    function test_fractionalize_revertsWithoutApproval() public {
        vm.prank(collector);
        music.setApprovalForAll(address(fractionalizer), false);
        vm.prank(collector);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(fractionalizer), track)
        );
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, "A", "A");
    }

    /// @dev While its vault is live the NFT is the vault's: nobody can fractionalize it again.
    function test_fractionalize_revertsWhileAVaultHoldsTheTrack() public {
        _fractionalize();
        vm.prank(collector);
        vm.expectRevert(abi.encodeWithSelector(IFractionalizer.FractionalizerNotOwner.selector, track, collector));
        fractionalizer.fractionalize(track, SUPPLY, RESERVE, "A", "A");
    }

    /// @dev After a buyout, the buyer owns the NFT and may fractionalize it again: a new vault, a new record.
    function test_fractionalize_againAfterASale() public {
        _fractionalize();
        FractionVault first = vault;
        _sell(RESERVE);
        vm.startPrank(bidder);
        music.setApprovalForAll(address(fractionalizer), true);
        address second = fractionalizer.fractionalize(track, SUPPLY, RESERVE, "Again", "AGN");
        vm.stopPrank();
        assertEq(fractionalizer.vaultOf(track), second);
        assertTrue(second != address(first));
        assertEq(music.ownerOf(track), second);
        assertTrue(fractionalizer.isVault(address(first)), "the sold vault stays a vault (its holders redeem)");
    }

    function test_initialize_revertsASecondTime() public {
        _fractionalize();
        vm.prank(address(fractionalizer));
        vm.expectRevert(IFractionVault.FractionVaultAlreadyInitialized.selector);
        vault.initialize("X", "X", eve);
    }

    function test_initialize_theImplementationCannotBeInitialized() public {
        FractionVault implementation = FractionVault(payable(fractionalizer.implementation()));
        vm.expectRevert(IFractionVault.FractionVaultAlreadyInitialized.selector);
        implementation.initialize("X", "X", eve);
    }

    function test_constructor_revertsWithZeroMintToken() public {
        vm.expectRevert(IFractionalizer.FractionalizerZeroAddress.selector);
        new Fractionalizer(address(timelock), IERC721(address(music)), IRoyaltySplitter(address(splitter)), address(0));
    }

    // ---------------------------------------------------------------- governance

    function test_governance_defaults() public view {
        assertEq(fractionalizer.owner(), address(timelock));
        assertEq(fractionalizer.buyoutWindow(), 3 days);
        assertEq(fractionalizer.objectionThresholdBps(), 5_000);
    }

    function test_setBuyoutWindow_withinBounds() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(fractionalizer));
        emit IFractionalizer.BuyoutWindowSet(3 days, 1 days);
        fractionalizer.setBuyoutWindow(1 days);
        fractionalizer.setBuyoutWindow(14 days);
        vm.stopPrank();
        assertEq(fractionalizer.buyoutWindow(), 14 days);
    }

    function test_setBuyoutWindow_revertsOutOfBounds() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IFractionalizer.FractionalizerBuyoutWindowOutOfBounds.selector, 1 days - 1)
        );
        fractionalizer.setBuyoutWindow(1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionalizer.FractionalizerBuyoutWindowOutOfBounds.selector, 14 days + 1)
        );
        fractionalizer.setBuyoutWindow(14 days + 1);
        vm.stopPrank();
    }

    function test_setObjectionThresholdBps_withinBounds() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(fractionalizer));
        emit IFractionalizer.ObjectionThresholdSet(5_000, 1_000);
        fractionalizer.setObjectionThresholdBps(1_000);
        fractionalizer.setObjectionThresholdBps(9_000);
        vm.stopPrank();
        assertEq(fractionalizer.objectionThresholdBps(), 9_000);
    }

    function test_setObjectionThresholdBps_revertsOutOfBounds() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IFractionalizer.FractionalizerObjectionThresholdOutOfBounds.selector, 999)
        );
        fractionalizer.setObjectionThresholdBps(999);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionalizer.FractionalizerObjectionThresholdOutOfBounds.selector, 9_001)
        );
        fractionalizer.setObjectionThresholdBps(9_001);
        vm.stopPrank();
    }

    function test_governance_onlyTheOwner() public {
        vm.startPrank(eve);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        fractionalizer.setBuyoutWindow(2 days);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        fractionalizer.setObjectionThresholdBps(6_000);
        vm.stopPrank();
    }

    /// @dev A vault keeps the rules it was created with: governance cannot shorten a live vault's window or lower
    /// its threshold under its holders; new vaults get the new values.
    function test_governance_changesNeverAlterAnExistingVault() public {
        _fractionalize();
        vm.startPrank(address(timelock));
        fractionalizer.setBuyoutWindow(1 days);
        fractionalizer.setObjectionThresholdBps(9_000);
        vm.stopPrank();
        assertEq(vault.terms().buyoutWindow, 3 days);
        assertEq(vault.terms().objectionThresholdBps, 5_000);
        _bid(bidder, RESERVE, 0);
        assertEq(vault.buyout().end, block.timestamp + 3 days);
        assertEq(vault.objectionsToFail(), SUPPLY / 2);

        uint256 other = _mintTrack(collector, "other");
        vm.prank(collector);
        FractionVault fresh = FractionVault(payable(fractionalizer.fractionalize(other, SUPPLY, RESERVE, "B", "B")));
        assertEq(fresh.terms().buyoutWindow, 1 days);
        assertEq(fresh.terms().objectionThresholdBps, 9_000);
    }
}
