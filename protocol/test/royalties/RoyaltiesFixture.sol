// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ProtocolFixture} from "../ProtocolFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";

/// @notice ProtocolFixture plus two registered tracks, a sale recorder the timelock allowed, and a payer of
/// revenue holding ETH and MINT.
///
/// Tracks: `solo` (creator alone) and `duet` (creator 6,000 bps, coAuthor 4,000 bps of the creator share).
abstract contract RoyaltiesFixture is ProtocolFixture {
    uint16 internal constant CREATORS_BPS = 7_000;
    uint16 internal constant CURATOR_BPS = 1_500;
    uint16 internal constant COLLECTOR_BPS = 1_000;
    uint16 internal constant PLATFORM_BPS = 500;

    address internal constant ETH = address(0);

    /// @dev stands for a Marketplace / DutchAuction: allowed by the timelock to record sales
    address internal recorder;
    /// @dev pays revenue in (a streaming service, a marketplace)
    address internal payer;
    address internal seller;

    uint256 internal solo;
    uint256 internal duet;

    function setUp() public virtual override {
        super.setUp();
        recorder = makeAddr("recorder");
        payer = makeAddr("payer");
        // the primary sale is a creator's: `seller` is the registrant of `solo` and `duet`
        seller = creator;
        vm.prank(address(timelock));
        splitter.setSaleRecorder(recorder, true);

        solo = _mintTrack(creator, "solo");
        IMusicNFT.CoAuthor[] memory coAuthors = new IMusicNFT.CoAuthor[](1);
        coAuthors[0] = IMusicNFT.CoAuthor(coAuthor, 4_000);
        duet = _mintTrackWith(creator, "duet", coAuthors);

        vm.deal(payer, 1_000_000 ether);
        _giveMint(payer, 1_000_000 ether);
    }

    // ---------------------------------------------------------------- actions

    /// @dev The recorder records a sale of `tokenId` from `from` to `to` naming `referrer`.
    function _sale(uint256 tokenId, address from, address to, address referrer) internal returns (bool first) {
        vm.prank(recorder);
        first = splitter.recordSale(tokenId, from, to, referrer);
    }

    /// @dev A first sale to `collector` naming `curator`: both roles assigned.
    function _assignRoles(uint256 tokenId) internal {
        _sale(tokenId, seller, collector, curator);
    }

    function _depositETH(uint256 tokenId, uint256 amount) internal {
        vm.prank(payer);
        splitter.depositETH{value: amount}(tokenId);
    }

    function _depositMint(uint256 tokenId, uint256 amount) internal {
        vm.prank(payer);
        splitter.depositToken(tokenId, address(token), amount);
    }

    function _depositResale(uint256 tokenId, address asset, uint256 amount) internal {
        vm.prank(payer);
        splitter.depositResaleRoyalty{value: asset == ETH ? amount : 0}(tokenId, asset, amount);
    }

    /// @dev Gives `who` MINT out of alice's genesis balance and lets the splitter pull it.
    function _giveMint(address who, uint256 amount) internal {
        vm.prank(alice);
        assertTrue(token.transfer(who, amount), "MINT transfer");
        vm.prank(who);
        token.approve(address(splitter), type(uint256).max);
    }

    function _withdraw(address who, address asset, uint256[] memory ids) internal returns (uint256 amount) {
        vm.prank(who);
        amount = splitter.withdraw(asset, ids, who);
    }

    // ---------------------------------------------------------------- reads

    function _claimable(address account, address asset, uint256 tokenId) internal view returns (uint256) {
        return splitter.claimable(account, asset, _ids(tokenId));
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    /// @dev What a deposit of `amount` puts in each pot under the default split (creators take the remainder).
    function _parts(
        uint256 amount,
        bool hasCurator,
        bool hasCollector
    ) internal pure returns (uint256 creators, uint256 curatorPot, uint256 collectorPot, uint256 platform) {
        platform = (amount * PLATFORM_BPS) / 10_000;
        curatorPot = (amount * CURATOR_BPS) / 10_000;
        collectorPot = (amount * COLLECTOR_BPS) / 10_000;
        creators = amount - platform - curatorPot - collectorPot;
        if (!hasCurator) (creators, curatorPot) = (creators + curatorPot, 0);
        if (!hasCollector) (creators, collectorPot) = (creators + collectorPot, 0);
    }
}
