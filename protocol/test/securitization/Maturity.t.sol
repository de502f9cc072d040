// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice Maturity: from `maturity` on the splitter carves nothing, so the creator's full cut is its own again
/// and the shares earn nothing new; income carved before maturity stays claimable forever; the track may be
/// securitized again.
contract MaturityTest is SecuritizationFixture {
    RoyaltyVault internal vault;

    function setUp() public override {
        super.setUp();
        vault = _securitizeSolo();
        _buy(vault, buyer, SALE);
    }

    /// @dev The last second before maturity is carved; maturity itself is not.
    function test_maturity_depositsFromMaturityOnAreNotCarved() public {
        uint40 maturity = vault.maturity();
        vm.warp(maturity - 1);
        assertFalse(vault.matured());
        _depositETH(solo, 1 ether);
        assertEq(splitter.streamOwed(address(vault), ETH), 0.475 ether, "carved in the term");
        assertEq(_splitterClaimable(creator, ETH, solo), 0.475 ether);

        vm.warp(maturity);
        assertTrue(vault.matured());
        _depositETH(solo, 1 ether);
        _depositMint(solo, 1_000 ether);
        _depositResale(solo, ETH, 1 ether);
        assertEq(splitter.streamOwed(address(vault), ETH), 0.475 ether, "nothing carved at maturity");
        assertEq(splitter.streamOwed(address(vault), address(token)), 0);
        assertEq(
            _splitterClaimable(creator, ETH, solo),
            0.475 ether + 0.95 ether + _resaleCreatorsPart(1 ether, false, false),
            "the full cut is the creator's again"
        );
        assertEq(_splitterClaimable(creator, address(token), solo), 950 ether);
    }

    /// @dev Income carved before maturity, synced or still at the splitter, is claimable decades later.
    function test_maturity_earlierIncomeIsClaimableForever() public {
        _depositETH(solo, 1 ether);
        vault.sync();
        _depositMint(solo, 1_000 ether);
        vm.warp(vault.maturity() + 50 * 365 days);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether);
        assertEq(vault.claimable(buyer, address(token)), 190 ether, "still waiting at the splitter");
        (uint256 eth, uint256 mint) = _claim(vault, buyer);
        assertEq(eth, 0.19 ether);
        assertEq(mint, 190 ether);
        (eth, mint) = _claim(vault, creator);
        assertEq(eth, 0.285 ether);
        assertEq(mint, 285 ether);
    }

    /// @dev After maturity shares still move, but carry no income: what was earned stays with who earned it.
    function test_maturity_transfersAfterMaturityMoveNoIncome() public {
        _depositETH(solo, 1 ether);
        vm.warp(vault.maturity());
        _depositETH(solo, 1 ether);
        _transferShares(vault, buyer, buyer2, SALE);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether);
        assertEq(vault.claimable(buyer2, ETH), 0);
    }

    /// @dev A second securitization of the track can start exactly at maturity; the old vault keeps its income and
    /// gets nothing new, the new vault gets only what is carved from then on.
    function test_maturity_theTrackCanBeSecuritizedAgain() public {
        _depositETH(solo, 1 ether);
        vm.warp(vault.maturity());
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(solo);
        params.bps = 2_000;
        RoyaltyVault second = _securitize(creator, params);
        assertEq(splitter.streamOf(solo).vault, address(second));
        _depositETH(solo, 1 ether);
        assertEq(splitter.streamOwed(address(vault), ETH), 0.475 ether, "the old vault: only its term");
        assertEq(splitter.streamOwed(address(second), ETH), 0.19 ether, "the new one: 20% of 0.95");
        assertEq(_splitterClaimable(creator, ETH, solo), 0.475 ether + 0.76 ether);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether);
        assertEq(factory.vaultsOf(solo).length, 2);
    }
}
