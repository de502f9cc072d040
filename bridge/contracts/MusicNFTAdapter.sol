// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Origin} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {ONFT721Core} from "@layerzerolabs/onft-evm/contracts/onft721/ONFT721Core.sol";
import {SendParam} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {ONFT721Adapter} from "@layerzerolabs/onft-evm/contracts/onft721/ONFT721Adapter.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IMusicNFT} from "../../protocol/contracts/interfaces/IMusicNFT.sol";
import {TrackMessage} from "./libraries/TrackMessage.sol";
import {TrackONFTCore} from "./TrackONFTCore.sol";

/// @title MusicNFTAdapter
/// @notice The home chain's end of the music NFT bridge: LayerZero's ONFT721 adapter around MusicNFT. Sending locks
/// the track here and sends its provenance (the copyright record, creators and shares, royalty terms, read from
/// MusicNFT at send time) with it; a track coming back is released to its recipient. MusicNFT stays the one source
/// of truth: provenance arriving from a remote chain is not read here.
///
/// Security: only the endpoint delivers, and only from a configured peer (OApp); peers, enforced options and the
/// delegate belong to the owner, the timelock. The NFT moves with `transferFrom` both ways: no receiver hook runs.
contract MusicNFTAdapter is ONFT721Adapter, TrackONFTCore {
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

    /// @inheritdoc TrackONFTCore
    function _provenance(uint256 tokenId) internal view override returns (TrackMessage.Provenance memory) {
        return provenanceOf(tokenId);
    }

    /// @dev A track coming home is only released: the provenance in the message is not needed here.
    function _arrived(uint256, bytes calldata) internal pure override {}

    // Both bases define these (ONFT721Core's and TrackONFTCore's override of it): the compiler asks which one, and
    // it is TrackONFTCore's.

    function _buildMsgAndOptions(
        SendParam calldata sendParam
    ) internal view override(ONFT721Core, TrackONFTCore) returns (bytes memory, bytes memory) {
        return TrackONFTCore._buildMsgAndOptions(sendParam);
    }

    function _lzReceive(
        Origin calldata origin,
        bytes32 guid,
        bytes calldata message,
        address executor,
        bytes calldata extraData
    ) internal override(ONFT721Core, TrackONFTCore) {
        TrackONFTCore._lzReceive(origin, guid, message, executor, extraData);
    }
}
