// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {GovernanceFixture} from "../../governance/test/GovernanceFixture.sol";
import {IMusicNFT} from "../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../contracts/interfaces/IRoyaltySplitter.sol";
import {MusicNFT} from "../contracts/music/MusicNFT.sol";
import {RoyaltySplitter} from "../contracts/royalties/RoyaltySplitter.sol";
import {IpfsCid} from "../contracts/libraries/IpfsCid.sol";

/// @notice The governance suite plus the music core, deployed and owned as the suite deploy does it
/// (deploy/suite.ts: the governance and protocol deploy steps): every parameter owned by the timelock, fees to the
/// treasury (the timelock). Area fixtures (market, auction) extend this one.
abstract contract ProtocolFixture is GovernanceFixture {
    uint8 internal constant BASIC = 0;
    uint8 internal constant PRO = 1;
    uint96 internal constant BASIC_FEE = 0.002 ether; // ETH
    uint96 internal constant PRO_FEE = 100 ether; // MINT
    uint16 internal constant BASIC_ROYALTY_BPS = 500;
    uint16 internal constant PRO_ROYALTY_BPS = 1_000;
    uint96 internal constant MAX_MINT_FEE = 1_000_000 ether;
    uint40 internal constant MIN_COMMIT_AGE = 30;
    uint40 internal constant COMMIT_WINDOW = 1 days;
    uint16 internal constant CURATOR_RESALE_BPS = 3_000;
    uint16 internal constant PROTOCOL_FEE_BPS = 250;

    MusicNFT internal music;
    RoyaltySplitter internal splitter;

    /// @dev creators in the music tests
    address internal creator;
    address internal coAuthor;
    address internal collector;
    address internal curator;

    function setUp() public virtual override {
        super.setUp();
        creator = makeAddr("creator");
        coAuthor = makeAddr("coAuthor");
        collector = makeAddr("collector");
        curator = makeAddr("curator");

        // the splitter's address is needed by MusicNFT (its royalty receiver) and vice versa: predict it
        address predictedSplitter = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        music = new MusicNFT(
            address(timelock),
            address(timelock),
            predictedSplitter,
            MAX_MINT_FEE,
            _tierIds(),
            _tiers(),
            MIN_COMMIT_AGE,
            COMMIT_WINDOW
        );
        splitter = new RoyaltySplitter(
            address(timelock),
            IMusicNFT(address(music)),
            address(timelock),
            IRoyaltySplitter.Split({creatorsBps: 7_000, curatorBps: 1_500, collectorBps: 1_000, platformBps: 500}),
            CURATOR_RESALE_BPS
        );
        assertEq(address(splitter), predictedSplitter, "the splitter is where MusicNFT expects it");
        vm.deal(creator, 100 ether);
        vm.deal(coAuthor, 100 ether);
        vm.deal(collector, 100 ether);
    }

    function _tierIds() internal pure returns (uint8[] memory ids) {
        ids = new uint8[](2);
        ids[0] = BASIC;
        ids[1] = PRO;
    }

    function _tiers() internal view returns (IMusicNFT.TierConfig[] memory tiers) {
        tiers = new IMusicNFT.TierConfig[](2);
        tiers[0] = IMusicNFT.TierConfig({
            enabled: true,
            feeToken: address(0),
            mintFee: BASIC_FEE,
            royaltyBps: BASIC_ROYALTY_BPS,
            maxCoAuthors: 4,
            flags: 0
        });
        tiers[1] = IMusicNFT.TierConfig({
            enabled: true,
            feeToken: address(token),
            mintFee: PRO_FEE,
            royaltyBps: PRO_ROYALTY_BPS,
            maxCoAuthors: 16,
            flags: 3 // FLAG_FULL_GENERATOR_PARAMS | FLAG_COMMERCIAL_LICENSE
        });
    }

    /// @dev A basic-tier request for `audio` (call it before vm.prank: sha256 is a precompile call) (any bytes standing for the audio file) by a solo creator.
    function _request(bytes memory audio, address to) internal pure returns (IMusicNFT.MintRequest memory request) {
        request.contentHash = sha256(audio);
        request.metadataDigest = sha256(abi.encodePacked("metadata of ", audio));
        request.metadataCodec = IpfsCid.DAG_PB;
        request.tier = BASIC;
        request.licenseId = 1;
        request.to = to;
    }

    /// @dev `who` registers `audio` on the basic tier, paying the fee; returns the token id.
    function _mintTrack(address who, bytes memory audio) internal returns (uint256 tokenId) {
        // build the request first: its sha256 precompile calls would consume a prank
        IMusicNFT.MintRequest memory request = _request(audio, who);
        vm.prank(who);
        tokenId = music.mint{value: BASIC_FEE}(request);
    }

    /// @dev `who` registers `audio` with co-authors.
    function _mintTrackWith(
        address who,
        bytes memory audio,
        IMusicNFT.CoAuthor[] memory coAuthors
    ) internal returns (uint256 tokenId) {
        IMusicNFT.MintRequest memory request = _request(audio, who);
        request.coAuthors = coAuthors;
        vm.prank(who);
        tokenId = music.mint{value: BASIC_FEE}(request);
    }
}
