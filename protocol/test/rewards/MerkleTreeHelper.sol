// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Builds OpenZeppelin-compatible Merkle trees in Solidity: StandardMerkleTree leaves (double-hashed
/// abi.encode(account, amount)) and sorted-pair hashing, as MerkleProof verifies them.
abstract contract MerkleTreeHelper {
    /// @dev The StandardMerkleTree leaf of `(account, amount)`.
    function _leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }

    /// @dev OpenZeppelin's commutative pair hash.
    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @dev Leaves of `(accounts[i], amounts[i])`.
    function _leaves(
        address[] memory accounts,
        uint256[] memory amounts
    ) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) leaves[i] = _leaf(accounts[i], amounts[i]);
    }

    /// @dev The root of a tree over `leaves` (levels paired left to right, an odd last node carried up).
    function _root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) level = _up(level);
        return level[0];
    }

    /// @dev The proof of `leaves[index]` in the tree of `_root`.
    function _proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory proof) {
        bytes32[] memory buffer = new bytes32[](64);
        uint256 n;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) buffer[n++] = level[sibling];
            level = _up(level);
            index /= 2;
        }
        proof = new bytes32[](n);
        for (uint256 i; i < n; ++i) proof[i] = buffer[i];
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i < next.length; ++i) {
            next[i] = 2 * i + 1 < level.length ? _hashPair(level[2 * i], level[2 * i + 1]) : level[2 * i];
        }
    }
}
