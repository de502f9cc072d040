// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MusicFixture} from "./MusicFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";

/// @notice Lookups of the copyright record by content hash and by token.
contract LookupsTest is MusicFixture {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        vm.warp(DEPLOY_TIME + 3 days);
        tokenId = _mintTrackWith(creator, "song", _coAuthors2(coAuthor, 3_000, curator, 500));
    }

    function test_tokenIdOfContent_returnsTheTokenOfRegisteredAudio() public view {
        assertEq(music.tokenIdOfContent(sha256("song")), tokenId);
        assertEq(tokenId, uint256(sha256("song")));
    }

    function test_tokenIdOfContent_returnsZeroForUnregisteredAudio() public view {
        assertEq(music.tokenIdOfContent(sha256("never registered")), 0);
        assertEq(music.tokenIdOfContent(bytes32(0)), 0);
    }

    function testFuzz_tokenIdOfContent_zeroUnlessRegistered(bytes32 contentHash) public view {
        vm.assume(contentHash != sha256("song"));
        assertEq(music.tokenIdOfContent(contentHash), 0);
        assertFalse(music.exists(uint256(contentHash)));
    }

    function test_exists_trueOnlyForRegisteredTracks() public view {
        assertTrue(music.exists(tokenId));
        assertFalse(music.exists(uint256(sha256("other"))));
        assertFalse(music.exists(0));
    }

    function test_trackOf_returnsTheRecord() public view {
        IMusicNFT.Track memory track = music.trackOf(tokenId);
        assertEq(track.contentHash, sha256("song"));
        assertEq(track.metadataDigest, sha256(abi.encodePacked("metadata of ", "song")));
        assertEq(track.registrant, creator);
        assertEq(track.registeredAt, DEPLOY_TIME + 3 days);
        assertEq(track.creators.length, 3);
    }

    function test_registeredAt_isTheMintSecond() public {
        assertEq(music.registeredAt(tokenId), DEPLOY_TIME + 3 days);
        skip(365 days);
        assertEq(music.registeredAt(tokenId), DEPLOY_TIME + 3 days, "time passing changes nothing");
    }

    function test_creatorsOf_listsTheRegistrantFirstThenCoAuthorsInOrder() public view {
        (address[] memory accounts, uint16[] memory shares) = music.creatorsOf(tokenId);
        assertEq(accounts.length, 3);
        assertEq(accounts[0], creator);
        assertEq(accounts[1], coAuthor);
        assertEq(accounts[2], curator);
        assertEq(shares[0], 6_500);
        assertEq(shares[1], 3_000);
        assertEq(shares[2], 500);
    }

    function test_creatorShareOf_returnsEachCreatorsShareAndZeroForOthers() public view {
        assertEq(music.creatorShareOf(tokenId, creator), 6_500);
        assertEq(music.creatorShareOf(tokenId, coAuthor), 3_000);
        assertEq(music.creatorShareOf(tokenId, curator), 500);
        assertEq(music.creatorShareOf(tokenId, collector), 0);
        assertEq(music.creatorShareOf(tokenId, address(0)), 0);
    }

    /// @dev The record follows the work, not the token: a transfer changes the owner only.
    function test_trackOf_unchangedByTransfers() public {
        IMusicNFT.Track memory before = music.trackOf(tokenId);
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        vm.prank(collector);
        music.safeTransferFrom(collector, eve, tokenId);
        assertEq(music.ownerOf(tokenId), eve);
        assertEq(abi.encode(music.trackOf(tokenId)), abi.encode(before));
        assertEq(music.creatorShareOf(tokenId, eve), 0, "owning is not authoring");
    }

    function test_trackOf_revertsForUnknownTrack() public {
        uint256 unknown = uint256(sha256("unknown"));
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, unknown));
        music.trackOf(unknown);
    }

    function test_registeredAt_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, 42));
        music.registeredAt(42);
    }

    function test_creatorsOf_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, 42));
        music.creatorsOf(42);
    }

    function test_creatorShareOf_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, 42));
        music.creatorShareOf(42, creator);
    }

    function testFuzz_lookups_revertForUnknownTracks(uint256 unknown) public {
        vm.assume(unknown != tokenId);
        bytes memory err = abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, unknown);
        vm.expectRevert(err);
        music.trackOf(unknown);
        vm.expectRevert(err);
        music.registeredAt(unknown);
        vm.expectRevert(err);
        music.creatorsOf(unknown);
        vm.expectRevert(err);
        music.tokenURI(unknown);
        vm.expectRevert(err);
        music.royaltyInfo(unknown, 1 ether);
    }
}
