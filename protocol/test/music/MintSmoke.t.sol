// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ProtocolFixture} from "../ProtocolFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";

contract MintSmokeTest is ProtocolFixture {
    function test_mint_recordsTrackAndRendersCid() public {
        uint256 tokenId = _mintTrack(creator, "track one");
        assertEq(tokenId, uint256(sha256("track one")));
        assertEq(music.ownerOf(tokenId), creator);
        IMusicNFT.Track memory track = music.trackOf(tokenId);
        assertEq(track.registrant, creator);
        assertEq(track.creators.length, 1);
        assertEq(track.creators[0].shareBps, 10_000);
        IMusicNFT.MintRequest memory again = _request("track one", collector);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTContentAlreadyRegistered.selector, tokenId));
        vm.prank(collector);
        music.mint{value: BASIC_FEE}(again);
    }

    function test_tokenURI_matchesKnownCid() public {
        IMusicNFT.MintRequest memory request = _request("x", creator);
        request.metadataDigest = 0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855; // sha-256("")
        vm.prank(creator);
        uint256 tokenId = music.mint{value: BASIC_FEE}(request);
        assertEq(music.tokenURI(tokenId), "ipfs://bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }
}
