// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ProtocolFixture} from "../ProtocolFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";

/// @notice ProtocolFixture plus the small builders the MusicNFT suites share.
abstract contract MusicFixture is ProtocolFixture {
    function _coAuthors1(address account, uint16 shareBps) internal pure returns (IMusicNFT.CoAuthor[] memory list) {
        list = new IMusicNFT.CoAuthor[](1);
        list[0] = IMusicNFT.CoAuthor(account, shareBps);
    }

    function _coAuthors2(
        address a,
        uint16 aBps,
        address b,
        uint16 bBps
    ) internal pure returns (IMusicNFT.CoAuthor[] memory list) {
        list = new IMusicNFT.CoAuthor[](2);
        list[0] = IMusicNFT.CoAuthor(a, aBps);
        list[1] = IMusicNFT.CoAuthor(b, bBps);
    }

    /// @dev `count` distinct co-authors (labelled addresses) sharing `eachBps` each.
    function _manyCoAuthors(uint256 count, uint16 eachBps) internal returns (IMusicNFT.CoAuthor[] memory list) {
        list = new IMusicNFT.CoAuthor[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = IMusicNFT.CoAuthor(makeAddr(string.concat("coAuthor", vm.toString(i))), eachBps);
        }
    }

    /// @dev A pro-tier request (fee in MINT) for `audio`.
    function _proRequest(bytes memory audio, address to) internal pure returns (IMusicNFT.MintRequest memory request) {
        request = _request(audio, to);
        request.tier = PRO;
    }

    /// @dev Gives `who` `amount` MINT out of alice's genesis balance and lets MusicNFT pull it.
    function _fundMint(address who, uint256 amount) internal {
        vm.prank(alice);
        assertTrue(token.transfer(who, amount), "MINT transfer");
        vm.prank(who);
        token.approve(address(music), type(uint256).max);
    }
}
