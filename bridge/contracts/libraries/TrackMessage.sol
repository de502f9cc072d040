// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title TrackMessage
/// @notice The cross-chain message of a music NFT: recipient, token id and the track's provenance (its copyright
/// record and royalty terms as MusicNFT holds them on the home chain), so a remote copy answers `royaltyInfo`,
/// `tokenURI` and content lookups exactly as the home chain does.
///
/// Layout: `to` (32 bytes) | `tokenId` (32 bytes) | abi.encode(Provenance). LayerZero's ONFT721 message is the
/// first 64 bytes plus an optional compose message; this one replaces the compose part with the provenance (compose
/// is not supported by the track bridge).
library TrackMessage {
    /// @notice What travels with a track. `tokenId` is the content hash (sha-256 of the audio bytes).
    struct Provenance {
        bytes32 metadataDigest; // digest of the metadata's IPFS CID
        uint8 metadataCodec; // multicodec of that CID (0x70 dag-pb, 0x55 raw)
        uint8 tier;
        uint16 licenseId;
        uint40 registeredAt; // seconds, on the home chain: the copyright record's "when"
        address registrant; // the lead creator: the record's "who"
        address royaltyReceiver; // EIP-2981 receiver on the home chain (its RoyaltySplitter)
        uint16 royaltyBps; // EIP-2981 rate fixed at mint
        address[] creators; // every creator, the registrant first
        uint16[] shares; // their shares of the creators' part, basis points, summing to 10,000
    }

    /// @notice The message is shorter than its fixed part or its provenance does not decode.
    error TrackMessageMalformed();

    function encode(bytes32 to, uint256 id, Provenance memory record) internal pure returns (bytes memory) {
        return abi.encodePacked(to, id, abi.encode(record));
    }

    function sendTo(bytes calldata message) internal pure returns (bytes32) {
        if (message.length < 64) revert TrackMessageMalformed();
        return bytes32(message[:32]);
    }

    function tokenId(bytes calldata message) internal pure returns (uint256) {
        if (message.length < 64) revert TrackMessageMalformed();
        return uint256(bytes32(message[32:64]));
    }

    function provenance(bytes calldata message) internal pure returns (Provenance memory) {
        return abi.decode(message[64:], (Provenance));
    }
}
