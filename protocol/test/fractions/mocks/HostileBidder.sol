// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFractionVault} from "../../../contracts/interfaces/IFractionVault.sol";

/// @notice A bidder that refuses ETH and ERC-721 safe transfers (no working receive, a reverting
/// onERC721Received): it must still win the NFT at settlement, and nobody else's payment may depend on it.
contract HostileBidder {
    error HostileBidderNoThanks();

    function bid(IFractionVault vault, uint256 price, uint256 fractionsIn) external payable {
        vault.startBuyout{value: msg.value}(price, fractionsIn);
    }

    function withdrawBid(IFractionVault vault, address to) external {
        vault.withdrawBid(to);
    }

    function sweepDust(IFractionVault vault, address to) external returns (uint256) {
        return vault.sweepDust(to);
    }

    receive() external payable {
        revert HostileBidderNoThanks();
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        revert HostileBidderNoThanks();
    }
}
