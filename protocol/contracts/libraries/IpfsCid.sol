// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IpfsCid
/// @notice Renders a CIDv1 with a sha2-256 multihash as its canonical text: multibase "b" + lower-case base32
/// (RFC 4648, no padding), e.g. `bafybei...` for dag-pb. Tracks store only the 32-byte digest and the codec byte
/// (one slot instead of a string's two or three); `tokenURI` rebuilds `ipfs://<cid>` in a view.
library IpfsCid {
    /// @notice multicodec dag-pb: what `ipfs add` gives a file
    uint8 internal constant DAG_PB = 0x70;
    /// @notice multicodec raw: a CID of the bytes themselves
    uint8 internal constant RAW = 0x55;

    bytes32 private constant _ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /// @notice The CIDv1 text of `digest` under `codec` (58 base32 characters after the "b").
    function toString(uint8 codec, bytes32 digest) internal pure returns (string memory) {
        // CIDv1 binary: version 1, codec, multihash (0x12 = sha2-256, 0x20 = 32 bytes), digest: 36 bytes
        bytes memory cid = abi.encodePacked(uint8(1), codec, uint8(0x12), uint8(0x20), digest);
        bytes memory text = new bytes(59); // 1 + ceil(288 / 5)
        text[0] = "b";
        uint256 buffer;
        uint256 bits;
        uint256 out = 1;
        for (uint256 i; i < cid.length; ++i) {
            buffer = (buffer << 8) | uint8(cid[i]);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text[out++] = _ALPHABET[(buffer >> bits) & 31];
            }
            buffer &= (1 << bits) - 1; // keep only the bits not yet written
        }
        if (bits > 0) text[out] = _ALPHABET[(buffer << (5 - bits)) & 31];
        return string(text);
    }
}
