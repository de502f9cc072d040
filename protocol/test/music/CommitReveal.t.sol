// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {MusicNFT} from "../../contracts/music/MusicNFT.sol";
import {MusicFixture} from "./MusicFixture.sol";

/// @notice commitRegistration + mintCommitted: the copyright record goes to the author who committed to the work
/// before anyone could see it, not to whoever pays more gas for the same calldata.
contract CommitRevealTest is MusicFixture {
    address internal copier = makeAddr("copier");
    bytes32 internal constant SALT = keccak256("creator's secret salt");

    function setUp() public override {
        super.setUp();
        vm.deal(copier, 10 ether);
    }

    function _commit(address author, IMusicNFT.MintRequest memory request, bytes32 salt) internal {
        bytes32 commitment = music.registrationCommitment(request.contentHash, author, salt);
        vm.prank(author);
        music.commitRegistration(commitment);
    }

    function _reveal(address author, IMusicNFT.MintRequest memory request, bytes32 salt) internal returns (uint256) {
        vm.prank(author);
        return music.mintCommitted{value: BASIC_FEE}(request, salt);
    }

    // ---------------------------------------------------------------- the attack, before and after

    /// @dev The attack on the one-transaction path: the copier sees the creator's pending `mint` and submits the same
    /// request first. The copier becomes the registrant with the creator share of every royalty, and the creator's
    /// own mint reverts. Kept for users who accept the risk; the README says so.
    function test_mint_oneTransactionPathCanBeFrontRun() public {
        IMusicNFT.MintRequest memory request = _request("the creator's song", creator);
        request.to = copier;
        vm.prank(copier);
        uint256 tokenId = music.mint{value: BASIC_FEE}(request);
        assertEq(music.trackOf(tokenId).registrant, copier);
    }

    /// @dev The same copier against commit–reveal: it learns the content hash only from the creator's reveal, and any
    /// commitment it makes then is too new to register before the creator's reveal is mined.
    function test_mintCommitted_copierWhoSeesTheRevealCannotRegisterFirst() public {
        IMusicNFT.MintRequest memory request = _request("the creator's song", creator);
        _commit(creator, request, SALT);
        skip(MIN_COMMIT_AGE);

        // the reveal is pending; the copier copies it under its own commitment and tries to get in first
        IMusicNFT.MintRequest memory copy = _request("the creator's song", copier);
        _commit(copier, copy, keccak256("copier salt"));
        vm.expectRevert(
            abi.encodeWithSelector(IMusicNFT.MusicNFTCommitmentTooNew.selector, block.timestamp + MIN_COMMIT_AGE)
        );
        _reveal(copier, copy, keccak256("copier salt"));
        // the creator's commitment is not the copier's: the salt and the author are in it
        vm.expectRevert();
        _reveal(copier, copy, SALT);
        // nor does the one-transaction path help once the creator's reveal is mined
        uint256 tokenId = _reveal(creator, request, SALT);
        assertEq(music.trackOf(tokenId).registrant, creator);
        assertEq(music.ownerOf(tokenId), creator);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTContentAlreadyRegistered.selector, tokenId));
        vm.prank(copier);
        music.mint{value: BASIC_FEE}(copy);
    }

    /// @dev A copy of the commit transaction itself (same bytes, sent first) changes nothing: the commitment names
    /// the creator, and the earliest time is kept.
    function test_commitRegistration_copiedCommitStillServesItsAuthor() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        bytes32 commitment = music.registrationCommitment(request.contentHash, creator, SALT);
        vm.prank(copier);
        music.commitRegistration(commitment);
        uint40 first = music.committedAt(commitment);
        skip(5);
        vm.prank(creator);
        music.commitRegistration(commitment); // does not revert, does not move the time
        assertEq(music.committedAt(commitment), first);
        skip(MIN_COMMIT_AGE);
        vm.expectRevert();
        _reveal(copier, request, SALT);
        assertEq(music.trackOf(_reveal(creator, request, SALT)).registrant, creator);
    }

    // ---------------------------------------------------------------- timing

    function test_mintCommitted_revertsBeforeTheMinimumAge() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        _commit(creator, request, SALT);
        uint256 revealableAt = block.timestamp + MIN_COMMIT_AGE;
        skip(MIN_COMMIT_AGE - 1);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTCommitmentTooNew.selector, revealableAt));
        _reveal(creator, request, SALT);
        skip(1);
        _reveal(creator, request, SALT);
    }

    function test_mintCommitted_revertsAfterTheWindow() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        _commit(creator, request, SALT);
        uint256 expiredAt = block.timestamp + COMMIT_WINDOW;
        skip(COMMIT_WINDOW + 1);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTCommitmentExpired.selector, expiredAt));
        _reveal(creator, request, SALT);
    }

    function testFuzz_mintCommitted_onlyInsideTheWindow(uint40 wait) public {
        wait = uint40(bound(wait, 0, COMMIT_WINDOW + 10));
        IMusicNFT.MintRequest memory request = _request("song", creator);
        _commit(creator, request, SALT);
        skip(wait);
        if (wait < MIN_COMMIT_AGE || wait > COMMIT_WINDOW) vm.expectRevert();
        _reveal(creator, request, SALT);
    }

    function test_mintCommitted_revertsWithoutCommitment() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        bytes32 commitment = music.registrationCommitment(request.contentHash, creator, SALT);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownCommitment.selector, commitment));
        _reveal(creator, request, SALT);
    }

    /// @dev A commitment registers once: it is spent by its reveal.
    function test_mintCommitted_spendsTheCommitment() public {
        IMusicNFT.MintRequest memory request = _request("song", creator);
        bytes32 commitment = music.registrationCommitment(request.contentHash, creator, SALT);
        _commit(creator, request, SALT);
        skip(MIN_COMMIT_AGE);
        _reveal(creator, request, SALT);
        assertEq(music.committedAt(commitment), 0);
    }

    function test_commitRegistration_emitsAndRecordsTheTime() public {
        bytes32 commitment = keccak256("anything");
        vm.expectEmit(address(music));
        emit IMusicNFT.RegistrationCommitted(commitment, uint40(block.timestamp));
        music.commitRegistration(commitment);
        assertEq(music.committedAt(commitment), block.timestamp);
    }

    function test_commitRegistration_revertsOnZero() public {
        vm.expectRevert(IMusicNFT.MusicNFTEmptyHash.selector);
        music.commitRegistration(bytes32(0));
    }

    /// @dev The reveal checks everything `mint` checks and records the same fields, fee included.
    function test_mintCommitted_recordsAsMintDoes() public {
        IMusicNFT.MintRequest memory request = _request("song", collector);
        request.coAuthors = _coAuthors1(coAuthor, 2_500);
        _commit(creator, request, SALT);
        skip(MIN_COMMIT_AGE);
        uint256 feesBefore = address(music).balance;
        uint256 tokenId = _reveal(creator, request, SALT);
        IMusicNFT.Track memory track = music.trackOf(tokenId);
        assertEq(track.registrant, creator);
        assertEq(track.registeredAt, block.timestamp);
        assertEq(music.ownerOf(tokenId), collector);
        assertEq(track.creators.length, 2);
        assertEq(address(music).balance, feesBefore + BASIC_FEE);
    }

    function test_constructor_refusesTimingOutOfBounds() public {
        uint40[2][4] memory bad = [[uint40(0), 100], [uint40(10), 10], [uint40(3601), 7200], [uint40(60), 7 days + 1]];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IMusicNFT.MusicNFTCommitTimingOutOfBounds.selector, bad[i][0], bad[i][1])
            );
            new MusicNFT(
                address(timelock),
                address(timelock),
                address(splitter),
                MAX_MINT_FEE,
                _tierIds(),
                _tiers(),
                bad[i][0],
                bad[i][1]
            );
        }
    }
}
