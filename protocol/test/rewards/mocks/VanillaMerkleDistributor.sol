// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IMintToken} from "../../../../governance/contracts/interfaces/IMintToken.sol";

/// @notice The textbook distributor (one root, an index bitmap, OpenZeppelin MerkleProof.verify on a memory proof),
/// used only as the gas baseline the RewardsDistributor is compared with in the same harness.
contract VanillaMerkleDistributor {
    using BitMaps for BitMaps.BitMap;

    event Claimed(uint256 index, address account, uint256 amount);

    error AlreadyClaimed(uint256 index);
    error InvalidProof();

    IMintToken public immutable mintToken;
    bytes32 public root;
    BitMaps.BitMap internal _claimed;

    constructor(IMintToken mintToken_, bytes32 root_) {
        mintToken = mintToken_;
        root = root_;
    }

    function claim(uint256 index, address account, uint256 amount, bytes32[] memory proof) external {
        if (_claimed.get(index)) revert AlreadyClaimed(index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verify(proof, root, leaf)) revert InvalidProof();
        _claimed.set(index);
        mintToken.mint(account, amount);
        emit Claimed(index, account, amount);
    }
}
