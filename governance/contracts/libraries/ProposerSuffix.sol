// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ProposerSuffix
/// @notice Whether a proposal description ends with a `#proposer=` suffix, and whether that suffix is
/// `#proposer=0x<40 hex digits of the proposer>`, digits in either case (lower case or EIP-55 checksummed).
///
/// Why not OpenZeppelin's `Governor._isValidDescriptionForProposer`: it treats the suffix as optional and parses the
/// address one bounds-checked byte at a time (~16,000 gas of every proposal). Here the 52-byte suffix is read as two
/// words and compared against the proposer's address rendered as hex with word-wide arithmetic (~2,000 gas).
library ProposerSuffix {
    bytes12 private constant _MARKER = "#proposer=0x";
    /// @dev `#proposer=0x` plus 40 hex digits
    uint256 internal constant LENGTH = 52;
    /// @dev 0x01 in each of the low 20 bytes
    uint256 private constant _ONES = 0x000000000000000000000000_0101010101010101010101010101010101010101;
    uint256 private constant _LOW_80_BITS = (1 << 80) - 1;

    /// @notice Whether `description`'s last 52 bytes start with `#proposer=` (where OpenZeppelin's Governor looks for
    /// the suffix): a description that does claims to be bound to a proposer.
    function hasSuffix(string memory description) internal pure returns (bool) {
        uint256 length = bytes(description).length;
        if (length < LENGTH) return false;
        bytes32 head;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            head := mload(add(add(description, 0x20), sub(length, LENGTH)))
        }
        return bytes10(head) == bytes10(_MARKER);
    }

    /// @notice Whether `description` ends with a `#proposer=` suffix naming `proposer`.
    function isBoundTo(string memory description, address proposer) internal pure returns (bool) {
        uint256 length = bytes(description).length;
        if (length < LENGTH) return false;
        bytes32 head; // "#proposer=0x" and the first 20 digits
        bytes32 tail; // the last 20 digits, then whatever memory follows the string (shifted out below)
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let suffix := add(add(description, 0x20), sub(length, LENGTH))
            head := mload(suffix)
            tail := mload(add(suffix, 0x20))
        }
        if (bytes12(head) != _MARKER) return false;
        uint256 value = uint160(proposer);
        return
            _digitsMatch(uint256(head) & ((1 << 160) - 1), value >> 80) &&
            _digitsMatch(uint256(tail) >> 96, value & _LOW_80_BITS);
    }

    /// @dev `chars`: 20 ASCII characters in the low 160 bits. `value`: an 80-bit number. True when the characters are
    /// the value's 20 hex digits, most significant first, letters in either case.
    function _digitsMatch(uint256 chars, uint256 value) private pure returns (bool) {
        // Spread the 20 nibbles so that each sits in the low half of its own byte (nibble i -> byte i).
        uint256 x = value;
        x = (x | (x << 64)) & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff;
        x = (x | (x << 32)) & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff;
        x = (x | (x << 16)) & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;
        x = (x | (x << 8)) & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
        x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
        // Bytes never carry into each other below: a nibble is at most 15, so every sum stays under 0x67.
        uint256 letters = ((x + 6 * _ONES) >> 4) & _ONES; // 1 in each byte whose nibble is 10..15
        uint256 lowerHex = x + 0x30 * _ONES + 0x27 * letters; // '0'..'9' = 0x30.., 'a'..'f' = 0x61..
        // Upper-case letters are lower case minus 0x20: setting that bit on letter positions folds them; digits
        // must match exactly.
        return (chars | (0x20 * letters)) == lowerHex;
    }
}
