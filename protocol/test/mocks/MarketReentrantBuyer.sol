// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @notice A buying contract whose ERC-721 receiver hook would re-enter the marketplace (buy the same listing again,
/// or another) the moment it receives the NFT, or refuse the NFT outright. The marketplace moves NFTs with plain
/// `transferFrom`, so the hook is expected never to run: `hookCalls` stays 0. Tests buy as this contract with
/// vm.prank.
contract MarketReentrantBuyer is IERC721Receiver {
    error MarketReentrantBuyerRefused();

    address public immutable target;
    bytes public reentryData;
    bool public refuse;
    uint256 public hookCalls;

    constructor(address target_) {
        target = target_;
    }

    function setReentry(bytes calldata data, bool refuse_) external {
        reentryData = data;
        refuse = refuse_;
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        ++hookCalls;
        if (refuse) revert MarketReentrantBuyerRefused();
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory result) = target.call(reentryData);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    receive() external payable {}
}
