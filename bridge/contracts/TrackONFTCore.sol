// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Origin} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {IOAppMsgInspector} from "@layerzerolabs/oapp-evm/contracts/oapp/interfaces/IOAppMsgInspector.sol";
import {ONFT721Core} from "@layerzerolabs/onft-evm/contracts/onft721/ONFT721Core.sol";
import {SendParam} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {TrackMessage} from "./libraries/TrackMessage.sol";

/// @title TrackONFTCore
/// @notice What both ends of the track bridge share on top of LayerZero's ONFT721Core: the message carries the
/// track's provenance in place of a compose message (compose is refused), and an arrival credits the recipient after
/// the end's own `_arrived` hook (the remote collection records the provenance there; the home adapter needs
/// nothing, MusicNFT being the source of truth). Each end says where the provenance of a send comes from.
abstract contract TrackONFTCore is ONFT721Core {
    /// @notice Compose messages are not part of the track bridge (the message carries provenance instead).
    error TrackONFTComposeNotSupported();

    /// @dev The provenance a send of `tokenId` carries.
    function _provenance(uint256 tokenId) internal view virtual returns (TrackMessage.Provenance memory);

    /// @dev Runs on arrival, before the recipient is credited.
    function _arrived(uint256 tokenId, bytes calldata message) internal virtual;

    /// @dev ONFT721's message with the provenance in place of a compose message.
    function _buildMsgAndOptions(
        SendParam calldata sendParam
    ) internal view virtual override returns (bytes memory message, bytes memory options) {
        if (sendParam.to == bytes32(0)) revert InvalidReceiver();
        if (sendParam.composeMsg.length != 0) revert TrackONFTComposeNotSupported();
        message = TrackMessage.encode(sendParam.to, sendParam.tokenId, _provenance(sendParam.tokenId));
        options = combineOptions(sendParam.dstEid, SEND, sendParam.extraOptions);
        address inspector = msgInspector;
        if (inspector != address(0)) IOAppMsgInspector(inspector).inspect(message, options);
    }

    /// @dev Credits the recipient (after `_arrived`).
    function _lzReceive(
        Origin calldata origin,
        bytes32 guid,
        bytes calldata message,
        address,
        bytes calldata
    ) internal virtual override {
        address to = address(uint160(uint256(TrackMessage.sendTo(message))));
        uint256 tokenId = TrackMessage.tokenId(message);
        _arrived(tokenId, message);
        _credit(to, tokenId, origin.srcEid);
        emit ONFTReceived(guid, origin.srcEid, to, tokenId);
    }
}
