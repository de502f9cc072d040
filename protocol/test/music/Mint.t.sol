// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MusicFixture} from "./MusicFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IpfsCid} from "../../contracts/libraries/IpfsCid.sol";

/// @notice `mint`: what the copyright record holds, what makes a registration invalid, and what it costs.
contract MintTest is MusicFixture {
    // ---------------------------------------------------------------- the record

    function test_mint_recordsEveryField() public {
        vm.warp(DEPLOY_TIME + 1 days);
        IMusicNFT.MintRequest memory request = _request("song", collector);
        request.metadataCodec = IpfsCid.RAW;
        request.licenseId = 7;
        request.coAuthors = _coAuthors2(coAuthor, 2_500, curator, 1_000);
        vm.prank(creator);
        uint256 tokenId = music.mint{value: BASIC_FEE}(request);

        assertEq(tokenId, uint256(sha256("song")), "token id is the content hash");
        assertEq(music.ownerOf(tokenId), collector, "minted to `to`");
        assertEq(music.balanceOf(collector), 1);
        IMusicNFT.Track memory track = music.trackOf(tokenId);
        assertEq(track.contentHash, sha256("song"));
        assertEq(track.metadataDigest, request.metadataDigest);
        assertEq(track.metadataCodec, IpfsCid.RAW);
        assertEq(track.tier, BASIC);
        assertEq(track.licenseId, 7);
        assertEq(track.registeredAt, DEPLOY_TIME + 1 days);
        assertEq(track.registrant, creator, "the caller registers, whoever receives the token");
        assertEq(track.creators.length, 3);
        assertEq(track.creators[0].account, creator);
        assertEq(track.creators[0].shareBps, 6_500, "the registrant keeps the rest");
        assertEq(track.creators[1].account, coAuthor);
        assertEq(track.creators[1].shareBps, 2_500);
        assertEq(track.creators[2].account, curator);
        assertEq(track.creators[2].shareBps, 1_000);
    }

    function test_mint_emitsTrackRegisteredWithAllFields() public {
        vm.warp(DEPLOY_TIME + 12345);
        IMusicNFT.MintRequest memory request = _request("song", collector);
        request.licenseId = 3;
        request.coAuthors = _coAuthors2(coAuthor, 4_000, curator, 1);
        uint256 tokenId = uint256(request.contentHash);
        address[] memory creators = new address[](3);
        (creators[0], creators[1], creators[2]) = (creator, coAuthor, curator);
        uint16[] memory shares = new uint16[](3);
        (shares[0], shares[1], shares[2]) = (5_999, 4_000, 1);

        vm.expectEmit(address(music));
        emit IMusicNFT.TrackRegistered(
            tokenId,
            creator,
            collector,
            request.metadataDigest,
            IpfsCid.DAG_PB,
            BASIC,
            3,
            uint40(DEPLOY_TIME + 12345)
        );
        vm.expectEmit(address(music));
        emit IMusicNFT.CoAuthorsRegistered(tokenId, creators, shares);
        vm.expectEmit(address(music));
        emit IMusicNFT.MintFeePaid(tokenId, creator, address(0), BASIC_FEE);
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    /// @dev A solo track's record is the one event: no CoAuthorsRegistered.
    function test_mint_soloTrackEmitsNoCoAuthorsEvent() public {
        IMusicNFT.MintRequest memory request = _request("solo song", creator);
        vm.recordLogs();
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IMusicNFT.CoAuthorsRegistered.selector, "no co-author event");
        }
    }

    function test_mint_soloCreatorHoldsTheWholeCreatorShare() public {
        uint256 tokenId = _mintTrack(creator, "solo");
        (address[] memory accounts, uint16[] memory shares) = music.creatorsOf(tokenId);
        assertEq(accounts.length, 1);
        assertEq(accounts[0], creator);
        assertEq(shares[0], 10_000);
    }

    // ---------------------------------------------------------------- registered once

    function test_mint_revertsWhenContentAlreadyRegistered() public {
        uint256 tokenId = _mintTrack(creator, "song");
        IMusicNFT.MintRequest memory again = _request("song", creator);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTContentAlreadyRegistered.selector, tokenId));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(again);
    }

    /// @dev The same audio under another account, tier, metadata, license and owner is still the same work.
    function test_mint_revertsWhenContentAlreadyRegisteredFromAnotherAccountAndTier() public {
        uint256 tokenId = _mintTrack(creator, "song");
        _fundMint(eve, PRO_FEE);
        IMusicNFT.MintRequest memory copy = _proRequest("song", eve);
        copy.metadataDigest = keccak256("other metadata");
        copy.metadataCodec = IpfsCid.RAW;
        copy.licenseId = 99;
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTContentAlreadyRegistered.selector, tokenId));
        vm.prank(eve);
        music.mint(copy);
        assertEq(music.trackOf(tokenId).registrant, creator, "the first registration stands");
    }

    /// @dev Even after the token moved: the record, not the current owner, blocks a second registration.
    function test_mint_revertsWhenContentAlreadyRegisteredAfterTransfer() public {
        uint256 tokenId = _mintTrack(creator, "song");
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        IMusicNFT.MintRequest memory again = _request("song", collector);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTContentAlreadyRegistered.selector, tokenId));
        vm.prank(collector);
        music.mint{value: BASIC_FEE}(again);
    }

    function testFuzz_mint_revertsWhenContentAlreadyRegistered(bytes32 contentHash, address other) public {
        vm.assume(contentHash != bytes32(0) && other != address(0) && other != creator);
        IMusicNFT.MintRequest memory request = _request("any", creator);
        request.contentHash = contentHash;
        vm.prank(creator);
        uint256 tokenId = music.mint{value: BASIC_FEE}(request);
        assertEq(tokenId, uint256(contentHash));

        request.to = other;
        vm.deal(other, BASIC_FEE);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTContentAlreadyRegistered.selector, tokenId));
        vm.prank(other);
        music.mint{value: BASIC_FEE}(request);
    }

    // ---------------------------------------------------------------- invalid requests

    function test_mint_revertsOnEmptyContentHash() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.contentHash = bytes32(0);
        vm.expectRevert(IMusicNFT.MusicNFTEmptyHash.selector);
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function test_mint_revertsOnEmptyMetadataDigest() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.metadataDigest = bytes32(0);
        vm.expectRevert(IMusicNFT.MusicNFTEmptyHash.selector);
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function testFuzz_mint_revertsOnUnsupportedCodec(uint8 codec) public {
        vm.assume(codec != IpfsCid.DAG_PB && codec != IpfsCid.RAW);
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.metadataCodec = codec;
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnsupportedCodec.selector, codec));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function test_mint_revertsOnDagCborCodec() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.metadataCodec = 0x71; // dag-cbor: a valid CID codec, but not one `ipfs add` gives a metadata file
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnsupportedCodec.selector, 0x71));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function test_mint_revertsOnUnconfiguredTier() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.tier = 2;
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTierDisabled.selector, 2));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function test_mint_revertsOnDisabledTier() public {
        IMusicNFT.TierConfig memory basic = music.tierConfig(BASIC);
        basic.enabled = false;
        vm.prank(address(timelock));
        music.setTierConfig(BASIC, basic);
        IMusicNFT.MintRequest memory request = _request("song", creator);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTierDisabled.selector, BASIC));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function test_mint_revertsWhenMintedToZeroAddress() public {
        IMusicNFT.MintRequest memory request = _request("song", address(0));
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    // ---------------------------------------------------------------- co-authors

    function test_mint_revertsOnZeroAddressCoAuthor() public {
        _expectInvalidCoAuthors(_coAuthors1(address(0), 1_000));
    }

    function test_mint_revertsOnZeroShareCoAuthor() public {
        _expectInvalidCoAuthors(_coAuthors2(coAuthor, 1_000, curator, 0));
    }

    function test_mint_revertsOnDuplicateCoAuthor() public {
        _expectInvalidCoAuthors(_coAuthors2(coAuthor, 1_000, coAuthor, 1_000));
    }

    function test_mint_revertsWhenRegistrantListedAsCoAuthor() public {
        _expectInvalidCoAuthors(_coAuthors1(creator, 1_000));
    }

    /// @dev A record names its author: co-authors taking the whole creator share leave the registrant nothing.
    function test_mint_revertsWhenCoAuthorSharesReachTenThousand() public {
        _expectInvalidCoAuthors(_coAuthors2(coAuthor, 5_000, curator, 5_000));
    }

    function test_mint_revertsWhenCoAuthorSharesExceedTenThousand() public {
        _expectInvalidCoAuthors(_coAuthors2(coAuthor, 60_000, curator, 5_536));
    }

    function test_mint_acceptsCoAuthorSharesJustBelowTenThousand() public {
        uint256 tokenId = _mintTrackWith(creator, "song", _coAuthors2(coAuthor, 5_000, curator, 4_999));
        assertEq(music.creatorShareOf(tokenId, creator), 1);
    }

    function test_mint_revertsOnTooManyCoAuthorsForTier() public {
        IMusicNFT.CoAuthor[] memory five = _manyCoAuthors(5, 100);
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.coAuthors = five;
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTooManyCoAuthors.selector, 5, 4));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function test_mint_acceptsTheTiersMaximumOfCoAuthors() public {
        // basic: 4
        uint256 basicId = _mintTrackWith(creator, "basic", _manyCoAuthors(4, 100));
        assertEq(music.trackOf(basicId).creators.length, 5);
        // pro: 16
        _fundMint(creator, PRO_FEE);
        IMusicNFT.MintRequest memory request = _proRequest("pro", creator);
        request.coAuthors = _manyCoAuthors(16, 600);
        vm.prank(creator);
        uint256 proId = music.mint(request);
        assertEq(music.trackOf(proId).creators.length, 17);
        assertEq(music.creatorShareOf(proId, creator), 400);
    }

    function testFuzz_mint_coAuthorSharesSumToTenThousand(uint16[4] memory raw, uint8 count) public {
        count = uint8(_bound(count, 0, 4));
        IMusicNFT.CoAuthor[] memory list = _manyCoAuthors(count, 1);
        uint256 given;
        for (uint256 i; i < count; ++i) {
            list[i].shareBps = uint16(_bound(raw[i], 1, 2_499));
            given += list[i].shareBps;
        }
        uint256 tokenId = _mintTrackWith(creator, "song", list);
        (address[] memory accounts, uint16[] memory shares) = music.creatorsOf(tokenId);
        uint256 sum;
        for (uint256 i; i < shares.length; ++i) {
            sum += shares[i];
            assertEq(music.creatorShareOf(tokenId, accounts[i]), shares[i]);
        }
        assertEq(sum, 10_000);
        assertEq(shares[0], 10_000 - given);
    }

    // ---------------------------------------------------------------- fees

    /// @dev ETH fees wait in the NFT contract (no transfer per mint) and anyone sweeps them to the treasury.
    function test_mint_ethFeeReachesTheTreasuryBySweep() public {
        uint256 before = address(timelock).balance;
        _mintTrack(creator, "song");
        _mintTrack(coAuthor, "another song");
        assertEq(address(music).balance, 2 * BASIC_FEE, "held until swept");
        vm.expectEmit(address(music));
        emit IMusicNFT.MintFeesSwept(address(timelock), 2 * BASIC_FEE);
        vm.prank(eve);
        assertEq(music.sweepFees(), 2 * BASIC_FEE);
        assertEq(address(timelock).balance - before, 2 * BASIC_FEE);
        assertEq(address(music).balance, 0, "nothing stays in the NFT");
        vm.expectRevert(IMusicNFT.MusicNFTNothingToSweep.selector);
        music.sweepFees();
    }

    function test_mint_revertsOnTooLittleEth() public {
        _expectWrongFee(BASIC_FEE - 1, BASIC_FEE);
    }

    function test_mint_revertsOnTooMuchEth() public {
        _expectWrongFee(BASIC_FEE + 1, BASIC_FEE);
    }

    function test_mint_revertsOnNoEth() public {
        _expectWrongFee(0, BASIC_FEE);
    }

    function testFuzz_mint_revertsUnlessEthFeeExact(uint96 sent) public {
        sent = uint96(_bound(sent, 0, 100 ether));
        vm.assume(sent != BASIC_FEE);
        _expectWrongFee(sent, BASIC_FEE);
    }

    function test_mint_pullsTheMintFeeToTheTreasuryOnPro() public {
        _fundMint(creator, PRO_FEE);
        uint256 before = token.balanceOf(address(timelock));
        IMusicNFT.MintRequest memory request = _proRequest("song", creator);
        vm.expectEmit(address(music));
        emit IMusicNFT.MintFeePaid(uint256(request.contentHash), creator, address(token), PRO_FEE);
        vm.prank(creator);
        music.mint(request);
        assertEq(token.balanceOf(address(timelock)) - before, PRO_FEE);
        assertEq(token.balanceOf(creator), 0);
        assertEq(token.balanceOf(address(music)), 0);
    }

    function test_mint_revertsOnProWithoutAllowance() public {
        vm.prank(alice);
        assertTrue(token.transfer(creator, PRO_FEE));
        IMusicNFT.MintRequest memory request = _proRequest("song", creator);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(music), 0, PRO_FEE)
        );
        vm.prank(creator);
        music.mint(request);
    }

    function test_mint_revertsOnProWithTooLittleMint() public {
        _fundMint(creator, PRO_FEE - 1);
        IMusicNFT.MintRequest memory request = _proRequest("song", creator);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, creator, PRO_FEE - 1, PRO_FEE)
        );
        vm.prank(creator);
        music.mint(request);
    }

    /// @dev ETH sent to a tier that charges MINT would be stuck in the NFT: refused.
    function test_mint_revertsOnEthSentToMintFeeTier() public {
        _fundMint(creator, PRO_FEE);
        IMusicNFT.MintRequest memory request = _proRequest("song", creator);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTWrongFee.selector, 1 wei, 0));
        vm.prank(creator);
        music.mint{value: 1 wei}(request);
    }

    function test_mint_freeTierTakesNoFeeAndEmitsNoFeeEvent() public {
        IMusicNFT.TierConfig memory free = music.tierConfig(BASIC);
        free.mintFee = 0;
        vm.prank(address(timelock));
        music.setTierConfig(2, free);
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.tier = 2;
        vm.recordLogs();
        vm.prank(creator);
        music.mint(request);
        assertEq(vm.getRecordedLogs().length, 2, "Transfer and TrackRegistered only");
        assertEq(address(music).balance, 0);

        IMusicNFT.MintRequest memory paid = _request("song two", creator);
        paid.tier = 2;
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTWrongFee.selector, 1 wei, 0));
        vm.prank(creator);
        music.mint{value: 1 wei}(paid);
    }

    // ---------------------------------------------------------------- helpers

    function _expectInvalidCoAuthors(IMusicNFT.CoAuthor[] memory list) internal {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        request.coAuthors = list;
        vm.expectRevert(IMusicNFT.MusicNFTInvalidCoAuthors.selector);
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    function _expectWrongFee(uint256 sent, uint256 required) internal {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTWrongFee.selector, sent, required));
        vm.prank(creator);
        music.mint{value: sent}(request);
    }
}
