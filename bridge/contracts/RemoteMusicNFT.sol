// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Origin} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {ONFT721Core} from "@layerzerolabs/onft-evm/contracts/onft721/ONFT721Core.sol";
import {SendParam} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {ONFT721} from "@layerzerolabs/onft-evm/contracts/onft721/ONFT721.sol";
import {IpfsCid} from "../../protocol/contracts/libraries/IpfsCid.sol";
import {TrackMessage} from "./libraries/TrackMessage.sol";
import {TrackONFTCore} from "./TrackONFTCore.sol";

/// @title RemoteMusicNFT
/// @notice A remote chain's copy of the FlyAIMusic collection: LayerZero's ONFT721 (mint on arrival, burn on
/// departure) that keeps each track's provenance from its first arrival, so it answers `royaltyInfo` (EIP-2981),
/// `tokenURI`, `trackOf`, `creatorsOf` and `tokenIdOfContent` exactly as MusicNFT does on the home chain. The token
/// id is the same (the content hash). The provenance is immutable at home, so it is stored once: a track that comes
/// back later only mints.
///
/// Security: only the endpoint delivers, and only from a configured peer (OApp): a spoofed sender or a non-peer
/// cannot mint. Peers, enforced options and the delegate belong to the owner, the timelock.
contract RemoteMusicNFT is ONFT721, TrackONFTCore, IERC2981 {
    uint16 internal constant _BPS = 10_000;

    /// @dev Provenance, packed: the digest, then who/when/what in one slot, then the royalty receiver.
    struct StoredTrack {
        bytes32 metadataDigest;
        address registrant;
        uint40 registeredAt; // zero: never arrived
        uint8 metadataCodec;
        uint8 tier;
        uint16 licenseId;
        uint16 royaltyBps;
        address royaltyReceiver;
    }

    mapping(uint256 tokenId => StoredTrack) private _tracks;
    /// @dev Co-authored tracks only (a solo track's only creator is its registrant, share 10,000).
    mapping(uint256 tokenId => address[]) private _creators;
    mapping(uint256 tokenId => uint16[]) private _shares;

    /// @notice The track's provenance was recorded here (its first arrival).
    event ProvenanceRecorded(uint256 indexed tokenId, address indexed registrant, uint40 registeredAt);

    /// @notice No track with this id ever arrived here.
    error RemoteMusicNFTUnknownTrack(uint256 tokenId);

    /// @param endpoint LayerZero's EndpointV2 on this chain
    /// @param owner_ owner and endpoint delegate (the deployer while wiring, then the timelock)
    constructor(address endpoint, address owner_) ONFT721("FlyAIMusic Tracks", "FLYT", endpoint, owner_) {}

    // ---------------------------------------------------------------- the home chain's answers

    /// @notice EIP-2981, as on the home chain: the home chain's receiver and the rate fixed at mint.
    function royaltyInfo(
        uint256 tokenId,
        uint256 salePrice
    ) external view returns (address receiver, uint256 royaltyAmount) {
        StoredTrack storage track = _known(tokenId);
        return (track.royaltyReceiver, (salePrice * track.royaltyBps) / _BPS);
    }

    /// @notice `ipfs://` + the metadata CID, as on the home chain.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        StoredTrack storage track = _known(tokenId);
        return string.concat("ipfs://", IpfsCid.toString(track.metadataCodec, track.metadataDigest));
    }

    /// @notice The provenance this chain holds for `tokenId` (reverts for a track that never arrived).
    function trackOf(uint256 tokenId) public view returns (TrackMessage.Provenance memory provenance) {
        StoredTrack storage track = _known(tokenId);
        (address[] memory creators, uint16[] memory shares) = creatorsOf(tokenId);
        provenance = TrackMessage.Provenance({
            metadataDigest: track.metadataDigest,
            metadataCodec: track.metadataCodec,
            tier: track.tier,
            licenseId: track.licenseId,
            registeredAt: track.registeredAt,
            registrant: track.registrant,
            royaltyReceiver: track.royaltyReceiver,
            royaltyBps: track.royaltyBps,
            creators: creators,
            shares: shares
        });
    }

    /// @notice The creators and their shares, the registrant first, as on the home chain.
    function creatorsOf(uint256 tokenId) public view returns (address[] memory creators, uint16[] memory shares) {
        StoredTrack storage track = _known(tokenId);
        if (_creators[tokenId].length == 0) {
            creators = new address[](1);
            shares = new uint16[](1);
            (creators[0], shares[0]) = (track.registrant, _BPS);
        } else {
            (creators, shares) = (_creators[tokenId], _shares[tokenId]);
        }
    }

    /// @notice The token id of a content hash (the id itself) if that track ever arrived here, else 0.
    function tokenIdOfContent(bytes32 contentHash) external view returns (uint256) {
        return _tracks[uint256(contentHash)].registeredAt == 0 ? 0 : uint256(contentHash);
    }

    /// @notice Whether the track's provenance is known here (it arrived at least once; it may have left again).
    function isKnown(uint256 tokenId) external view returns (bool) {
        return _tracks[tokenId].registeredAt != 0;
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == type(IERC2981).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- bridge

    /// @dev A send passes on the provenance stored here (so a third chain learns it too).
    function _provenance(uint256 tokenId) internal view override returns (TrackMessage.Provenance memory) {
        return trackOf(tokenId);
    }

    /// @dev Records the provenance on the track's first arrival.
    function _arrived(uint256 tokenId, bytes calldata message) internal override {
        if (_tracks[tokenId].registeredAt == 0) _record(tokenId, TrackMessage.provenance(message));
    }

    function _record(uint256 tokenId, TrackMessage.Provenance memory provenance) private {
        if (provenance.registeredAt == 0 || provenance.creators.length != provenance.shares.length) {
            revert TrackMessage.TrackMessageMalformed();
        }
        _tracks[tokenId] = StoredTrack({
            metadataDigest: provenance.metadataDigest,
            registrant: provenance.registrant,
            registeredAt: provenance.registeredAt,
            metadataCodec: provenance.metadataCodec,
            tier: provenance.tier,
            licenseId: provenance.licenseId,
            royaltyBps: provenance.royaltyBps,
            royaltyReceiver: provenance.royaltyReceiver
        });
        if (provenance.creators.length > 1) {
            _creators[tokenId] = provenance.creators;
            _shares[tokenId] = provenance.shares;
        }
        emit ProvenanceRecorded(tokenId, provenance.registrant, provenance.registeredAt);
    }

    function _known(uint256 tokenId) private view returns (StoredTrack storage track) {
        track = _tracks[tokenId];
        if (track.registeredAt == 0) revert RemoteMusicNFTUnknownTrack(tokenId);
    }

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
