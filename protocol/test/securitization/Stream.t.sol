// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice The splitter side of a securitization: every deposit in the term carves exactly the sold part of the
/// seller's cut into the vault, the seller's claimable drops by exactly that, nobody else's moves, and deposits
/// outside the term are not touched.
contract StreamTest is SecuritizationFixture {
    /// @dev The registrant of `duet` holds 6,000 bps of its creator share, the co-author 4,000.
    uint16 internal constant DUET_SELLER_SHARE = 6_000;

    RoyaltyVault internal vault;

    function setUp() public override {
        super.setUp();
        vault = _securitize(creator, _params(duet));
    }

    function test_stream_plainETHDepositIsCarvedExactly() public {
        (uint256 creatorsPart, , , ) = _parts(1 ether, false, false);
        _assertCarve(ETH, creatorsPart, 1 ether, false);
        assertEq(_carved(creatorsPart, DUET_SELLER_SHARE, BPS), 0.285 ether, "0.95 x 60% x 50%");
    }

    function test_stream_plainMintDepositIsCarvedExactly() public {
        (uint256 creatorsPart, , , ) = _parts(1_000 ether, false, false);
        uint256 before = _splitterClaimable(creator, address(token), duet);
        _depositMint(duet, 1_000 ether);
        uint256 part = _carved(creatorsPart, DUET_SELLER_SHARE, BPS);
        assertEq(splitter.streamOwed(address(vault), address(token)), part);
        assertEq(
            _splitterClaimable(creator, address(token), duet),
            before + (creatorsPart * DUET_SELLER_SHARE) / 10_000 - part,
            "the seller's claimable drops by exactly the part"
        );
    }

    function test_stream_resaleRoyaltiesAreCarvedExactly() public {
        _assignRoles(duet);
        uint256 creatorsPart = _resaleCreatorsPart(1 ether, true, true);
        _assertCarve(ETH, creatorsPart, 1 ether, true);
        creatorsPart = _resaleCreatorsPart(777 ether, true, true);
        uint256 sellerBefore = _splitterClaimable(creator, address(token), duet);
        uint256 coAuthorBefore = _splitterClaimable(coAuthor, address(token), duet);
        _depositResale(duet, address(token), 777 ether);
        uint256 part = _carved(creatorsPart, DUET_SELLER_SHARE, BPS);
        assertEq(splitter.streamOwed(address(vault), address(token)), part, "MINT resale carved");
        assertEq(
            _splitterClaimable(creator, address(token), duet),
            sellerBefore + (creatorsPart * DUET_SELLER_SHARE) / 10_000 - part
        );
        assertEq(
            _splitterClaimable(coAuthor, address(token), duet),
            coAuthorBefore + (creatorsPart * 4_000) / 10_000,
            "the co-author's income is untouched"
        );
    }

    /// @dev The royalty a sale contract pays with `recordSaleWithRoyalty` is a deposit like any other.
    function test_stream_saleRoyaltiesAreCarved() public {
        vm.deal(recorder, 2 ether);
        vm.prank(recorder);
        splitter.recordSaleWithRoyalty{value: 1 ether}(duet, creator, collector, curator);
        (uint256 creatorsPart, , , ) = _parts(1 ether, true, true);
        uint256 part = _carved(creatorsPart, DUET_SELLER_SHARE, BPS);
        assertEq(splitter.streamOwed(address(vault), ETH), part, "the primary sale's royalty");
        vm.prank(recorder);
        splitter.recordSaleWithRoyalty{value: 1 ether}(duet, collector, buyer, address(0));
        part += _carved(_resaleCreatorsPart(1 ether, true, true), DUET_SELLER_SHARE, BPS);
        assertEq(splitter.streamOwed(address(vault), ETH), part, "and a resale's");
    }

    /// @dev Any deposit, any bps, any roles: the carve is creators x sellerShare x bps / 1e8 rounded down, the
    /// seller loses exactly it, the co-author nothing, and seller + vault == the seller's cut without a stream.
    function testFuzz_stream_carveIsExact(uint256 amount, uint16 bps, bool resale, bool mint, bool roles) public {
        amount = bound(amount, 1, 1_000 ether);
        bps = uint16(bound(bps, 1, 10_000));
        address asset = mint ? address(token) : ETH;
        // a fresh track so the fuzzed bps applies
        uint256 tokenId = _mintTrackWith(coAuthor, "fuzzed duet", _coAuthors(creator, 6_000));
        if (roles) _sale(tokenId, coAuthor, collector, curator);
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(tokenId);
        params.bps = bps;
        RoyaltyVault fuzzVault = _securitize(creator, params);
        uint256 sellerBefore = _splitterClaimable(creator, asset, tokenId);
        uint256 otherBefore = _splitterClaimable(coAuthor, asset, tokenId);
        if (resale) _depositResale(tokenId, asset, amount);
        else if (mint) _depositMint(tokenId, amount);
        else _depositETH(tokenId, amount);
        uint256 creatorsPart;
        if (resale) creatorsPart = _resaleCreatorsPart(amount, roles, roles);
        else (creatorsPart, , , ) = _parts(amount, roles, roles);
        uint256 part = _carved(creatorsPart, 6_000, bps);
        assertEq(splitter.streamOwed(address(fuzzVault), asset), part, "carved into the vault");
        uint256 sellerCut = (creatorsPart * 6_000) / 10_000;
        assertEq(_splitterClaimable(creator, asset, tokenId), sellerBefore + sellerCut - part, "seller loses the part");
        assertEq(
            _splitterClaimable(coAuthor, asset, tokenId),
            otherBefore + (creatorsPart * 4_000) / 10_000,
            "the other co-author is untouched"
        );
    }

    /// @dev The co-author (not the registrant) sells all of its own cut: the registrant's income is exactly what
    /// it was without the stream, deposit after deposit.
    function test_stream_coAuthorSellsItsOwnCutOnly() public {
        uint256 tokenId = _mintTrackWith(creator, "second duet", _coAuthors(coAuthor, 4_000));
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(tokenId);
        params.bps = 10_000;
        RoyaltyVault coVault = _securitize(coAuthor, params);
        assertEq(splitter.streamOf(tokenId).sellerShareBps, 4_000);
        _depositETH(tokenId, 1 ether);
        _depositMint(tokenId, 100 ether);
        assertEq(_splitterClaimable(creator, ETH, tokenId), 0.57 ether, "the registrant's 60% of 0.95");
        assertEq(_splitterClaimable(creator, address(token), tokenId), 57 ether);
        assertEq(_splitterClaimable(coAuthor, ETH, tokenId), 0, "all of the co-author's cut was sold");
        assertEq(splitter.streamOwed(address(coVault), ETH), 0.38 ether);
        assertEq(splitter.streamOwed(address(coVault), address(token)), 38 ether);
    }

    /// @dev Revenue that arrived before the stream started stays the seller's, whole.
    function test_stream_depositsBeforeTheStartAreNotCarved() public {
        uint256 tokenId = _mintTrack(creator, "earned before");
        _depositETH(tokenId, 1 ether);
        RoyaltyVault later = _securitize(creator, _params(tokenId));
        assertEq(splitter.streamOwed(address(later), ETH), 0);
        assertEq(_splitterClaimable(creator, ETH, tokenId), 0.95 ether, "the whole pre-stream cut");
        _depositETH(tokenId, 1 ether);
        assertEq(splitter.streamOwed(address(later), ETH), 0.475 ether, "only the new deposit is carved");
        assertEq(_splitterClaimable(creator, ETH, tokenId), 0.95 ether + 0.475 ether);
    }

    /// @dev The seller may withdraw from the splitter at any time: its withdrawals and the vault's never mix.
    function test_stream_sellerAndVaultWithdrawIndependently() public {
        _depositETH(duet, 1 ether);
        uint256 sellerOwed = _splitterClaimable(creator, ETH, duet);
        vm.prank(creator);
        assertEq(splitter.withdraw(ETH, _ids(duet), creator), sellerOwed);
        _depositETH(duet, 1 ether);
        vault.sync();
        assertEq(address(vault).balance, 2 * 0.285 ether, "both deposits' parts reached the vault");
        assertEq(splitter.streamOwed(address(vault), ETH), 0);
        assertEq(_splitterClaimable(creator, ETH, duet), sellerOwed, "the second deposit's remaining cut");
        assertEq(_splitterClaimable(coAuthor, ETH, duet), 2 * 0.38 ether);
    }

    /// @dev The carve rounds down, in the seller's favour, deposit by deposit: many tiny deposits never carve more
    /// than the seller's cut of their sum.
    function test_stream_tinyDepositsRoundForTheSeller() public {
        for (uint256 i; i < 50; ++i) _depositETH(duet, 33);
        uint256 owed = splitter.streamOwed(address(vault), ETH);
        // each deposit: creators 32 (33 - 1 platform), carve floor(32 x 0.6 x 0.5) = 9
        assertEq(owed, 50 * 9);
        uint256 sellerCut = (50 * 32 * 6_000) / 10_000;
        assertEq(_splitterClaimable(creator, ETH, duet) + owed, sellerCut, "seller + vault == the seller's cut");
    }

    // ---------------------------------------------------------------- helpers

    function _coAuthors(address account, uint16 shareBps) internal pure returns (IMusicNFT.CoAuthor[] memory list) {
        list = new IMusicNFT.CoAuthor[](1);
        list[0] = IMusicNFT.CoAuthor(account, shareBps);
    }

    /// @dev Deposits `amount` of ETH for `duet` (a resale royalty or plain) and checks the carve of its
    /// `creatorsPart` on the three parties.
    function _assertCarve(address asset, uint256 creatorsPart, uint256 amount, bool resale) internal {
        uint256 sellerBefore = _splitterClaimable(creator, asset, duet);
        uint256 coAuthorBefore = _splitterClaimable(coAuthor, asset, duet);
        uint256 owedBefore = splitter.streamOwed(address(vault), asset);
        if (resale) _depositResale(duet, ETH, amount);
        else _depositETH(duet, amount);
        uint256 part = _carved(creatorsPart, DUET_SELLER_SHARE, BPS);
        assertEq(splitter.streamOwed(address(vault), asset) - owedBefore, part, "the vault gets exactly the part");
        assertEq(
            _splitterClaimable(creator, asset, duet),
            sellerBefore + (creatorsPart * DUET_SELLER_SHARE) / 10_000 - part,
            "the seller's claimable drops by exactly the part"
        );
        assertEq(
            _splitterClaimable(coAuthor, asset, duet),
            coAuthorBefore + (creatorsPart * 4_000) / 10_000,
            "the co-author's income is untouched"
        );
    }
}
