// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Vm} from "forge-std/Vm.sol";
import {Origin, MessagingFee, MessagingReceipt} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {IOAppCore} from "@layerzerolabs/oapp-evm/contracts/oapp/interfaces/IOAppCore.sol";
import {OAppReceiver} from "@layerzerolabs/oapp-evm/contracts/oapp/OAppReceiver.sol";
import {OptionsBuilder} from "@layerzerolabs/oapp-evm/contracts/oapp/libs/OptionsBuilder.sol";
import {SendParam as NftSendParam} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {IONFT721} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {BridgeFixture} from "./BridgeFixture.sol";
import {TrackONFTCore} from "../contracts/TrackONFTCore.sol";
import {RemoteMusicNFT} from "../contracts/RemoteMusicNFT.sol";
import {TrackMessage} from "../contracts/libraries/TrackMessage.sol";

/// @notice The music NFT bridge: a track leaves the home chain locked in the adapter and arrives on a remote chain
/// with its provenance, so the remote copy answers like MusicNFT; it comes back as the same token; only the
/// endpoint, from a wired peer, delivers; a failed delivery can be retried once and a repeat has no effect.
contract TrackBridgeTest is BridgeFixture {
    using OptionsBuilder for bytes;

    function test_send_locksAtHomeAndMintsRemotelyWithProvenance() public {
        _sendTrack(adapter, creator, REMOTE, holder, track);
        assertEq(music.ownerOf(track), address(adapter), "locked at home");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, track));
        remote.ownerOf(track);

        _deliver(REMOTE, address(remote));
        assertEq(remote.ownerOf(track), holder);
        _assertSameAnswers(remote);
    }

    function test_roundTrip_restoresTheSameTokenAtHome() public {
        _sendTrack(adapter, creator, REMOTE, holder, track);
        _deliver(REMOTE, address(remote));
        _sendTrack(remote, holder, HOME, holder, track);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, track));
        remote.ownerOf(track);
        _deliver(HOME, address(adapter));

        assertEq(music.ownerOf(track), holder, "the same token, released at home");
        assertEq(music.balanceOf(address(adapter)), 0);
        // nothing lost: the home record is untouched, and the remote chain still knows the provenance
        assertEq(music.trackOf(track).registrant, creator);
        assertTrue(remote.isKnown(track));
        _assertSameAnswers(remote);
    }

    /// @dev A remote chain passes the provenance on: a third chain answers like the home chain too.
    function test_send_remoteToAThirdChainCarriesTheProvenance() public {
        _sendTrack(adapter, creator, REMOTE, holder, track);
        _deliver(REMOTE, address(remote));
        _sendTrack(remote, holder, THIRD, creator, track);
        _deliver(THIRD, address(third));
        assertEq(third.ownerOf(track), creator);
        _assertSameAnswers(third);
    }

    /// @dev The provenance is recorded on the first arrival only; a later arrival just mints.
    function test_lzReceive_recordsTheProvenanceOnce() public {
        _sendTrack(adapter, creator, REMOTE, holder, track);
        vm.recordLogs();
        _deliver(REMOTE, address(remote));
        assertEq(_recorded(vm.getRecordedLogs()), 1);
        _sendTrack(remote, holder, HOME, holder, track);
        _deliver(HOME, address(adapter));
        vm.prank(holder);
        music.setApprovalForAll(address(adapter), true);
        _sendTrack(adapter, holder, REMOTE, holder, track);
        vm.recordLogs();
        _deliver(REMOTE, address(remote));
        assertEq(_recorded(vm.getRecordedLogs()), 0, "not recorded again");
        assertEq(remote.ownerOf(track), holder);
    }

    function test_lzReceive_revertsUnlessTheEndpointCalls() public {
        Origin memory origin = Origin(HOME, addressToBytes32(address(adapter)), 1);
        bytes memory message = TrackMessage.encode(addressToBytes32(eve), track, adapter.provenanceOf(track));
        vm.expectRevert(abi.encodeWithSelector(OAppReceiver.OnlyEndpoint.selector, eve));
        vm.prank(eve);
        remote.lzReceive(origin, bytes32(0), message, eve, "");
    }

    /// @dev Even through the endpoint, a sender that is not the wired peer cannot mint (a spoofed adapter).
    function test_lzReceive_revertsForASenderThatIsNotThePeer() public {
        bytes32 spoofed = addressToBytes32(eve);
        bytes memory message = TrackMessage.encode(addressToBytes32(eve), track, adapter.provenanceOf(track));
        vm.expectRevert(abi.encodeWithSelector(IOAppCore.OnlyPeer.selector, HOME, spoofed));
        vm.prank(endpoints[REMOTE]);
        remote.lzReceive(Origin(HOME, spoofed, 1), bytes32(0), message, eve, "");
        // and a chain that is not wired at all
        vm.expectRevert(abi.encodeWithSelector(IOAppCore.NoPeer.selector, uint32(99)));
        vm.prank(endpoints[REMOTE]);
        remote.lzReceive(Origin(99, spoofed, 1), bytes32(0), message, eve, "");
    }

    /// @dev Too little gas for the receive: the delivery fails and the message stays verified at the endpoint;
    /// a retry with enough gas delivers it; repeating the delivery then has no effect (the endpoint refuses it).
    function test_failedDelivery_isRetriedOnceAndARepeatHasNoEffect() public {
        NftSendParam memory param = _nftParam(REMOTE, holder, track);
        param.extraOptions = OptionsBuilder.newOptions().addExecutorLzReceiveOption(40_000, 0);
        MessagingFee memory fee = adapter.quoteSend(param, false);
        vm.deal(creator, fee.nativeFee);
        vm.prank(creator);
        MessagingReceipt memory receipt = adapter.send{value: fee.nativeFee}(param, fee, creator);
        bytes memory packet = packets[receipt.guid];
        this.validatePacket(packet, "");

        vm.expectRevert();
        this.lzReceive(packet, param.extraOptions);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, track));
        remote.ownerOf(track);

        this.lzReceive(packet, _options());
        assertEq(remote.ownerOf(track), holder, "the retry delivered it");
        vm.expectRevert();
        this.lzReceive(packet, _options());
        assertEq(remote.balanceOf(holder), 1, "delivered once");
    }

    function test_send_revertsWithAComposeMessage() public {
        NftSendParam memory param = _nftParam(REMOTE, holder, track);
        param.composeMsg = hex"01";
        vm.expectRevert(TrackONFTCore.TrackONFTComposeNotSupported.selector);
        adapter.quoteSend(param, false);
    }

    function test_send_revertsForAnyoneButTheHolder() public {
        NftSendParam memory param = _nftParam(REMOTE, eve, track);
        MessagingFee memory fee = adapter.quoteSend(param, false);
        vm.deal(eve, fee.nativeFee);
        // the adapter is the creator's approved operator, yet it only ever takes a track from its owner
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, eve, track, creator));
        vm.prank(eve);
        adapter.send{value: fee.nativeFee}(param, fee, eve);

        _sendTrack(adapter, creator, REMOTE, holder, track);
        _deliver(REMOTE, address(remote));
        param = _nftParam(HOME, eve, track);
        fee = remote.quoteSend(param, false);
        vm.deal(eve, fee.nativeFee);
        vm.expectRevert(abi.encodeWithSelector(IONFT721.OnlyNFTOwner.selector, eve, holder));
        vm.prank(eve);
        remote.send{value: fee.nativeFee}(param, fee, eve);
    }

    function test_remote_unknownTrackAnswersNothing() public {
        vm.expectRevert(abi.encodeWithSelector(RemoteMusicNFT.RemoteMusicNFTUnknownTrack.selector, track));
        remote.royaltyInfo(track, 1 ether);
        assertEq(remote.tokenIdOfContent(bytes32(track)), 0);
        assertTrue(remote.supportsInterface(type(IERC2981).interfaceId));
    }

    function test_setPeer_onlyTheOwner() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", eve));
        vm.prank(eve);
        remote.setPeer(HOME, addressToBytes32(eve));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The remote copy answers every provenance question exactly as MusicNFT does at home.
    function _assertSameAnswers(RemoteMusicNFT copy) internal view {
        (address homeReceiver, uint256 homeRoyalty) = music.royaltyInfo(track, 1 ether);
        (address receiver, uint256 royalty) = copy.royaltyInfo(track, 1 ether);
        assertEq(receiver, homeReceiver, "royalty receiver");
        assertEq(royalty, homeRoyalty, "royalty amount");
        assertEq(copy.tokenURI(track), music.tokenURI(track), "tokenURI");
        assertEq(copy.tokenIdOfContent(bytes32(track)), music.tokenIdOfContent(bytes32(track)), "content lookup");
        (address[] memory homeCreators, uint16[] memory homeShares) = music.creatorsOf(track);
        (address[] memory creators, uint16[] memory shares) = copy.creatorsOf(track);
        assertEq(creators, homeCreators, "creators");
        assertEq(shares.length, homeShares.length);
        for (uint256 i; i < shares.length; ++i) assertEq(shares[i], homeShares[i], "shares");
        TrackMessage.Provenance memory provenance = copy.trackOf(track);
        assertEq(provenance.registeredAt, music.registeredAt(track), "registration time");
        assertEq(provenance.registrant, music.trackOf(track).registrant, "registrant");
        assertEq(provenance.tier, music.tierOf(track), "tier");
        assertEq(provenance.licenseId, music.trackOf(track).licenseId, "license");
    }

    function _recorded(Vm.Log[] memory logs) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(remote) && logs[i].topics[0] == RemoteMusicNFT.ProvenanceRecorded.selector) {
                ++count;
            }
        }
    }
}
