// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {IRoyaltyVault} from "../../contracts/interfaces/IRoyaltyVault.sol";
import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice `securitize`: a creator sells part of its own cut of a track for a term. The vault and the splitter's
/// stream must agree on every term; nobody can sell income that is not theirs, twice, or outside the bounds.
contract SecuritizeTest is SecuritizationFixture {
    // ---------------------------------------------------------------- happy path

    function test_securitize_registersTheStreamAndMintsTheSupplyToTheCreator() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        address predicted = vm.computeCreateAddress(address(factory), vm.getNonce(address(factory)));
        uint40 maturity = uint40(block.timestamp) + TERM;
        vm.expectEmit(address(factory));
        emit IRoyaltyVaultFactory.VaultCreated(solo, creator, predicted, maturity, 0, params);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.StreamStarted(solo, creator, predicted, BPS, maturity);
        RoyaltyVault vault = _securitize(creator, params);
        assertEq(address(vault), predicted);

        IRoyaltySplitter.Stream memory stream = splitter.streamOf(solo);
        assertEq(stream.vault, address(vault), "stream pays the vault");
        assertEq(stream.seller, creator, "the caller's own income");
        assertEq(stream.bps, BPS);
        assertEq(stream.maturity, maturity);
        assertEq(stream.sellerShareBps, 10_000, "a solo creator holds the whole creator share");

        assertEq(vault.totalSupply(), SUPPLY);
        assertEq(vault.balanceOf(creator), SUPPLY, "the whole supply starts with the creator");
        assertEq(vault.eligibleSupply(), SUPPLY);
        assertEq(vault.saleRemaining(), SALE);
        assertEq(vault.name(), "Solo royalties 2026");
        assertEq(vault.symbol(), "SOLO26");
        assertEq(vault.decimals(), 18);
        assertEq(vault.creator(), creator);
        assertEq(vault.tokenId(), solo);
        assertEq(vault.bps(), BPS);
        assertEq(vault.maturity(), maturity);
        assertFalse(vault.matured());
        assertEq(vault.factory(), address(factory));
        assertEq(vault.splitter(), address(splitter));
        address[] memory assets = vault.incomeAssets();
        assertEq(assets.length, 2);
        assertEq(assets[0], ETH);
        assertEq(assets[1], address(token));
        assertTrue(token.votingOptedOut(address(vault)), "the vault cannot vote: MINT income writes no checkpoints");

        IRoyaltyVault.Terms memory terms = vault.terms();
        assertEq(terms.saleStart, block.timestamp);
        assertEq(terms.startPrice, PRICE);
        assertEq(terms.endPrice, PRICE);
        assertEq(terms.saleDuration, 0);

        assertEq(factory.allVaultsLength(), 1);
        assertEq(factory.allVaults(0), address(vault));
        assertEq(factory.vaultsOf(solo).length, 1);
        assertEq(factory.vaultsOf(solo)[0], address(vault));
        assertTrue(factory.isVault(address(vault)));
        assertFalse(factory.isVault(factory.implementation()), "the implementation is not a vault");
    }

    /// @dev Without a sale, no price is needed: the creator keeps every share (to sell elsewhere, or to hold).
    function test_securitize_withoutASale() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.saleAmount, params.startPrice, params.endPrice) = (0, 0, 0);
        RoyaltyVault vault = _securitize(creator, params);
        assertFalse(vault.saleOpen());
        assertEq(vault.saleAvailable(), 0);
        vm.prank(buyer);
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultSaleClosed.selector);
        vault.buy{value: 1 ether}(1 ether, type(uint256).max);
    }

    /// @dev The bounds in force allow exactly [minTerm, maxTerm] and [1e18, maxSupply], all of the cut, and the
    /// whole supply on sale.
    function test_securitize_atTheBounds() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.bps, params.term, params.supply, params.saleAmount) = (10_000, MIN_TERM, 1e18, 1e18);
        RoyaltyVault first = _securitize(creator, params);
        vm.warp(first.maturity());
        (params.bps, params.term, params.supply, params.saleAmount) = (1, MAX_TERM, MAX_SHARES, MAX_SHARES);
        RoyaltyVault second = _securitize(creator, params);
        assertEq(second.totalSupply(), MAX_SHARES);
        assertEq(factory.vaultsOf(solo).length, 2, "one vault per stream, oldest first");
        assertEq(factory.vaultsOf(solo)[1], address(second));
    }

    // ---------------------------------------------------------------- who may sell

    /// @dev Only a creator's own income can be sold: the splitter's check bubbles up.
    function test_securitize_revertsForAnyoneButACreator() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotCreator.selector, solo, eve));
        factory.securitize(params);
    }

    /// @dev Owning the NFT is not being its creator: the collector who bought it cannot sell the creator's income.
    function test_securitize_revertsForTheTokenOwnerWhoIsNotACreator() public {
        IMusicNFT.MintRequest memory request = _request("owned by the collector", collector);
        vm.prank(creator);
        uint256 tokenId = music.mint{value: BASIC_FEE}(request);
        assertEq(music.ownerOf(tokenId), collector);
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(tokenId);
        vm.prank(collector);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotCreator.selector, tokenId, collector)
        );
        factory.securitize(params);
    }

    function test_securitize_revertsWhileAStreamIsActive() public {
        RoyaltyVault vault = _securitizeSolo();
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        uint40 maturity = vault.maturity();
        vm.warp(maturity - 1);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterStreamActive.selector, solo, maturity));
        factory.securitize(params);
    }

    /// @dev One stream per track: a co-author's stream blocks the other co-author's until it matures.
    function test_securitize_coAuthorsShareTheOneStreamSlot() public {
        _securitize(coAuthor, _params(duet));
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(duet);
        vm.prank(creator);
        vm.expectPartialRevert(IRoyaltySplitter.RoyaltySplitterStreamActive.selector);
        factory.securitize(params);
    }

    /// @dev Until governance makes the factory a stream registrar, nothing can be securitized.
    function test_securitize_revertsWhenTheFactoryIsNotARegistrar() public {
        vm.prank(address(timelock));
        splitter.setStreamRegistrar(address(factory), false);
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        vm.prank(creator);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltySplitter.RoyaltySplitterNotStreamRegistrar.selector, address(factory))
        );
        factory.securitize(params);
    }

    // ---------------------------------------------------------------- bounds

    function test_securitize_revertsOnBpsOutOfRange() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        params.bps = 0;
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidBps.selector, 0)
        );
        params.bps = 10_001;
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidBps.selector, 10_001)
        );
    }

    function test_securitize_revertsOnTermOutOfBounds() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        params.term = MIN_TERM - 1;
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidTerm.selector,
                MIN_TERM - 1,
                MIN_TERM,
                MAX_TERM
            )
        );
        params.term = MAX_TERM + 1;
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidTerm.selector,
                MAX_TERM + 1,
                MIN_TERM,
                MAX_TERM
            )
        );
    }

    function test_securitize_revertsOnSupplyOutOfBounds() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.supply, params.saleAmount) = (1e18 - 1, 0);
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidSupply.selector, 1e18 - 1, MAX_SHARES)
        );
        params.supply = MAX_SHARES + 1;
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidSupply.selector,
                MAX_SHARES + 1,
                MAX_SHARES
            )
        );
    }

    function test_securitize_revertsWhenMoreIsOfferedThanTheSupply() public {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        params.saleAmount = SUPPLY + 1;
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidSaleAmount.selector,
                SUPPLY + 1,
                SUPPLY
            )
        );
    }

    /// @dev Prices a sale cannot run: free shares, a rising price, an exponential fall to zero, a fixed price with
    /// two prices, a sale that outlasts the term.
    function test_securitize_revertsOnSaleTermsTheCurveCannotRun() public {
        bytes memory invalid = abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidSale.selector);
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.startPrice, params.endPrice) = (0, 0);
        _expectFactoryRevert(params, invalid);

        params = _params(solo);
        (params.startPrice, params.endPrice, params.saleDuration) = (1 ether, 0, 1 days);
        _expectFactoryRevert(params, invalid);

        params = _params(solo);
        (params.startPrice, params.endPrice, params.saleDuration) = (1, 2, 1 days);
        _expectFactoryRevert(params, invalid);

        params = _params(solo);
        params.curve = IDutchAuction.Curve.Exponential;
        (params.startPrice, params.endPrice, params.saleDuration) = (1 ether, 0, 1 days);
        _expectFactoryRevert(params, invalid);

        params = _params(solo);
        (params.startPrice, params.endPrice, params.saleDuration) = (2 ether, 1 ether, 0);
        _expectFactoryRevert(params, invalid);

        params = _params(solo);
        (params.startPrice, params.endPrice, params.saleDuration) = (2 ether, 1 ether, uint32(TERM) + 1);
        _expectFactoryRevert(params, invalid);
    }

    // ---------------------------------------------------------------- initialize

    /// @dev A vault is initialized once, by its factory, in the transaction that creates it.
    function test_initialize_onlyTheFactoryOnlyOnce() public {
        RoyaltyVault vault = _securitizeSolo();
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultNotFactory.selector, eve));
        vault.initialize(1e18, 0, "x", "x");
        vm.prank(address(factory));
        vm.expectRevert(IRoyaltyVault.RoyaltyVaultAlreadyInitialized.selector);
        vault.initialize(1e18, 0, "x", "x");
        assertEq(vault.totalSupply(), SUPPLY);
    }

    /// @dev Only the factory may initialize, and it initializes only the clones it has just made: nobody can turn
    /// the implementation into a vault of their own.
    function test_initialize_theImplementationCannotBeInitialized() public {
        RoyaltyVault implementation = RoyaltyVault(payable(factory.implementation()));
        vm.prank(eve);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltyVault.RoyaltyVaultNotFactory.selector, eve));
        implementation.initialize(1e18, 0, "x", "x");
        assertEq(implementation.totalSupply(), 0);
    }

    // ---------------------------------------------------------------- governance

    function test_setTermBounds_byTheTimelockWithinTheLimits() public {
        vm.expectEmit(address(factory));
        emit IRoyaltyVaultFactory.TermBoundsSet(1 days, 20 * 365 days);
        vm.prank(address(timelock));
        factory.setTermBounds(1 days, 20 * 365 days);
        assertEq(factory.minTerm(), 1 days);
        assertEq(factory.maxTerm(), 20 * 365 days);

        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        params.term = 1 days;
        _securitize(creator, params);
    }

    function test_setTermBounds_revertsOutsideTheLimits() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidTermBounds.selector,
                1 days - 1,
                MAX_TERM
            )
        );
        factory.setTermBounds(1 days - 1, MAX_TERM);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidTermBounds.selector,
                MIN_TERM,
                20 * 365 days + 1
            )
        );
        factory.setTermBounds(MIN_TERM, 20 * 365 days + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidTermBounds.selector,
                MAX_TERM,
                MIN_TERM
            )
        );
        factory.setTermBounds(MAX_TERM, MIN_TERM);
        vm.stopPrank();
    }

    function test_setMaxSupply_byTheTimelockWithinTheLimits() public {
        vm.expectEmit(address(factory));
        emit IRoyaltyVaultFactory.MaxSupplySet(1e24);
        vm.prank(address(timelock));
        factory.setMaxSupply(1e24);
        assertEq(factory.maxSupply(), 1e24);
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        (params.supply, params.saleAmount) = (1e24 + 1, 0);
        _expectFactoryRevert(
            params,
            abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidSupply.selector, 1e24 + 1, 1e24)
        );

        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidMaxSupply.selector, 1e18 - 1)
        );
        factory.setMaxSupply(1e18 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRoyaltyVaultFactory.RoyaltyVaultFactoryInvalidMaxSupply.selector, 1e30 + 1)
        );
        factory.setMaxSupply(1e30 + 1);
        vm.stopPrank();
    }

    function test_governance_onlyTheOwner() public {
        assertEq(factory.owner(), address(timelock));
        vm.startPrank(eve);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        factory.setTermBounds(1 days, 2 days);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        factory.setMaxSupply(1e18);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- helpers

    function _expectFactoryRevert(IRoyaltyVaultFactory.SecuritizeParams memory params, bytes memory reason) internal {
        vm.prank(creator);
        vm.expectRevert(reason);
        factory.securitize(params);
    }
}
