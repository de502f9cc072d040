// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Origin} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {ONFT721Adapter} from "@layerzerolabs/onft-evm/contracts/onft721/ONFT721Adapter.sol";
import {IOAppMsgInspector} from "@layerzerolabs/oapp-evm/contracts/oapp/interfaces/IOAppMsgInspector.sol";
import {SendParam} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IMusicNFT} from "../../protocol/contracts/interfaces/IMusicNFT.sol";
import {TrackMessage} from "./libraries/TrackMessage.sol";

/// @title MusicNFTAdapter
/// @notice The home chain's end of the music NFT bridge: LayerZero's ONFT721 adapter around MusicNFT. Sending locks
/// the track here and sends its provenance (the copyright record, creators and shares, royalty terms, read from
/// MusicNFT at send time) with it; a track coming back is released to its recipient. MusicNFT stays the one source
/// of truth: provenance arriving from a remote chain is not read here.
///
/// Security: only the endpoint delivers, and only from a configured peer (OApp); peers, enforced options and the
/// delegate belong to the owner, the timelock. The NFT moves with `transferFrom` both ways: no receiver hook runs.
contract MusicNFTAdapter is ONFT721Adapter {
    /// @notice Compose messages are not part of the track bridge (the message carries provenance instead).
    error MusicNFTAdapterComposeNotSupported();

    /// @param musicNFT the home chain's MusicNFT
    /// @param endpoint LayerZero's EndpointV2 on this chain
    /// @param owner_ owner and endpoint delegate (the deployer while wiring, then the timelock)
    constructor(address musicNFT, address endpoint, address owner_) ONFT721Adapter(musicNFT, endpoint, owner_) {}

    /// @notice The provenance a send of `tokenId` carries (what MusicNFT records for it).
    function provenanceOf(uint256 tokenId) public view returns (TrackMessage.Provenance memory provenance) {
        IMusicNFT music = IMusicNFT(address(innerToken));
        IMusicNFT.Track memory track = music.trackOf(tokenId);
        (address receiver, uint256 perTenThousand) = IERC2981(address(music)).royaltyInfo(tokenId, 10_000);
        (address[] memory creators, uint16[] memory shares) = music.creatorsOf(tokenId);
        provenance = TrackMessage.Provenance({
            metadataDigest: track.metadataDigest,
            metadataCodec: track.metadataCodec,
            tier: track.tier,
            licenseId: track.licenseId,
            registeredAt: track.registeredAt,
            registrant: track.registrant,
            royaltyReceiver: receiver,
            royaltyBps: uint16(perTenThousand),
            creators: creators,
            shares: shares
        });
    }

    /// @dev ONFT721's message with the provenance in place of a compose message.
    function _buildMsgAndOptions(
        SendParam calldata sendParam
    ) internal view override returns (bytes memory message, bytes memory options) {
        if (sendParam.to == bytes32(0)) revert InvalidReceiver();
        if (sendParam.composeMsg.length != 0) revert MusicNFTAdapterComposeNotSupported();
        message = TrackMessage.encode(sendParam.to, sendParam.tokenId, provenanceOf(sendParam.tokenId));
        options = combineOptions(sendParam.dstEid, SEND, sendParam.extraOptions);
        address inspector = msgInspector;
        if (inspector != address(0)) IOAppMsgInspector(inspector).inspect(message, options);
    }

    /// @dev Releases the track to its recipient; the provenance in the message is not needed here.
    function _lzReceive(
        Origin calldata origin,
        bytes32 guid,
        bytes calldata message,
        address,
        bytes calldata
    ) internal override {
        address to = address(uint160(uint256(TrackMessage.sendTo(message))));
        uint256 tokenId = TrackMessage.tokenId(message);
        _credit(to, tokenId, origin.srcEid);
        emit ONFTReceived(guid, origin.srcEid, to, tokenId);
    }
}
