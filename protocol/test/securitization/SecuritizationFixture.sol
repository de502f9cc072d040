// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";
import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {RoyaltyVaultFactory} from "../../contracts/securitization/RoyaltyVaultFactory.sol";
import {RoyaltiesFixture} from "../royalties/RoyaltiesFixture.sol";

/// @notice The royalties fixture (tracks `solo` and `duet`, a payer of ETH and MINT revenue) plus the
/// RoyaltyVaultFactory, owned by the timelock and made a stream registrar of the splitter by the timelock, as the
/// deploy does it. Helpers securitize, buy and read the splitter the way users and the web app do.
abstract contract SecuritizationFixture is RoyaltiesFixture {
    uint40 internal constant MIN_TERM = 30 days;
    uint40 internal constant MAX_TERM = 10 * 365 days;
    uint256 internal constant MAX_SHARES = 1e30;

    /// @dev the default securitization: half the creator's cut for a year, 1M shares, 400k on sale at 0.001 ETH
    uint16 internal constant BPS = 5_000;
    uint40 internal constant TERM = 365 days;
    uint256 internal constant SUPPLY = 1_000_000 ether;
    uint256 internal constant SALE = 400_000 ether;
    uint96 internal constant PRICE = 0.001 ether;

    RoyaltyVaultFactory internal factory;
    address internal buyer;
    address internal buyer2;

    function setUp() public virtual override {
        super.setUp();
        buyer = makeAddr("buyer");
        buyer2 = makeAddr("buyer2");
        vm.deal(buyer, 10_000 ether);
        vm.deal(buyer2, 10_000 ether);
        factory = new RoyaltyVaultFactory(
            address(timelock),
            IRoyaltySplitter(address(splitter)),
            address(token),
            MIN_TERM,
            MAX_TERM,
            MAX_SHARES
        );
        vm.prank(address(timelock));
        splitter.setStreamRegistrar(address(factory), true);
        vm.label(address(factory), "factory");
    }

    // ---------------------------------------------------------------- actions

    /// @dev The default terms for `tokenId`: a fixed-price sale.
    function _params(uint256 tokenId) internal pure returns (IRoyaltyVaultFactory.SecuritizeParams memory params) {
        params.tokenId = tokenId;
        params.bps = BPS;
        params.term = TERM;
        params.supply = SUPPLY;
        params.saleAmount = SALE;
        params.startPrice = PRICE;
        params.endPrice = PRICE;
        params.curve = IDutchAuction.Curve.Linear;
        params.name = "Solo royalties 2026";
        params.symbol = "SOLO26";
    }

    function _securitize(
        address who,
        IRoyaltyVaultFactory.SecuritizeParams memory params
    ) internal returns (RoyaltyVault vault) {
        vm.prank(who);
        vault = RoyaltyVault(payable(factory.securitize(params)));
        vm.label(address(vault), "vault");
    }

    /// @dev The creator securitizes `solo` on the default terms.
    function _securitizeSolo() internal returns (RoyaltyVault) {
        return _securitize(creator, _params(solo));
    }

    /// @dev `who` buys `shares` at the current price, paying exactly the quoted cost.
    function _buy(RoyaltyVault vault, address who, uint256 shares) internal returns (uint256 cost) {
        (uint256 price, uint256 quoted) = vault.quote(shares);
        vm.prank(who);
        (, cost) = vault.buy{value: quoted}(shares, price);
    }

    function _claim(RoyaltyVault vault, address who) internal returns (uint256 eth, uint256 mint) {
        vm.prank(who);
        uint256[] memory amounts = vault.claim(who);
        (eth, mint) = (amounts[0], amounts[1]);
    }

    function _transferShares(RoyaltyVault vault, address from, address to, uint256 amount) internal {
        vm.prank(from);
        assertTrue(vault.transfer(to, amount), "share transfer");
    }

    // ---------------------------------------------------------------- the rules, computed independently

    /// @dev What a deposit carves for a stream: the seller's share of the deposit's creators part times bps,
    /// rounded down (IRoyaltySplitter: creators x sellerShare x bps / 1e8).
    function _carved(uint256 creatorsPart, uint256 sellerShareBps, uint256 bps) internal pure returns (uint256) {
        return (creatorsPart * sellerShareBps * bps) / 1e8;
    }

    /// @dev The creators part of a resale royalty of `amount` under the default split (curator's resale part
    /// first; unassigned roles' parts go to the creators).
    function _resaleCreatorsPart(
        uint256 amount,
        bool hasCurator,
        bool hasCollector
    ) internal pure returns (uint256 creators) {
        uint256 curatorFirst = (amount * CURATOR_RESALE_BPS) / 10_000;
        (creators, , , ) = _parts(amount - curatorFirst, hasCurator, hasCollector);
        if (!hasCurator) creators += curatorFirst;
    }

    function _splitterClaimable(address account, address asset, uint256 tokenId) internal view returns (uint256) {
        return splitter.claimable(account, asset, _ids(tokenId));
    }

    function _balanceOf(address asset, address who) internal view returns (uint256) {
        return asset == ETH ? who.balance : token.balanceOf(who);
    }
}
