// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {
    ILayerZeroEndpointV2,
    MessagingFee,
    Origin
} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {IMessageLib, MessageLibType} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/IMessageLib.sol";
import {SetConfigParam} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/IMessageLibManager.sol";
import {ISendLib, Packet} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ISendLib.sol";
import {PacketV1Codec} from "@layerzerolabs/lz-evm-protocol-v2/contracts/messagelib/libs/PacketV1Codec.sol";

/// @title LocalMessageLib
/// @notice The message library of the devnet's local chains: sending encodes the packet (LayerZero's PacketV1
/// codec) for the endpoint to emit in `PacketSent`; receiving is the devnet relayer's job, which, as the one
/// `verifier`, does what DVNs do on a public network: it hands the endpoint the hash of a packet it saw sent on the
/// other chain (`verify`). No fees.
///
/// Why not LayerZero's SimpleMessageLib: it is written for OpenZeppelin 4's Ownable and does not compile against 5;
/// this is the same idea, with the verifier fixed at deployment. Public networks use LayerZero's ULN with real DVNs
/// and executors (bridge/config).
contract LocalMessageLib is ISendLib, ERC165 {
    using PacketV1Codec for bytes;

    address public immutable endpoint;
    /// @notice The only account that may verify packets (the devnet relayer).
    address public immutable verifier;

    error LocalMessageLibOnlyEndpoint(address caller);
    error LocalMessageLibOnlyVerifier(address caller);
    error LocalMessageLibNotSupported();

    constructor(address endpoint_, address verifier_) {
        endpoint = endpoint_;
        verifier = verifier_;
    }

    /// @notice The relayer delivers proof of a packet sent on another chain: the endpoint records its payload hash.
    function verify(bytes calldata packet) external {
        if (msg.sender != verifier) revert LocalMessageLibOnlyVerifier(msg.sender);
        Origin memory origin = Origin(packet.srcEid(), packet.sender(), packet.nonce());
        ILayerZeroEndpointV2(endpoint).verify(origin, packet.receiverB20(), keccak256(packet.payload()));
    }

    /// @inheritdoc ISendLib
    function send(
        Packet calldata packet,
        bytes calldata,
        bool
    ) external returns (MessagingFee memory fee, bytes memory encodedPacket) {
        if (msg.sender != endpoint) revert LocalMessageLibOnlyEndpoint(msg.sender);
        encodedPacket = PacketV1Codec.encode(packet);
        fee = MessagingFee(0, 0);
    }

    /// @inheritdoc ISendLib
    function quote(Packet calldata, bytes calldata, bool) external pure returns (MessagingFee memory) {
        return MessagingFee(0, 0);
    }

    /// @inheritdoc ERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC165, IERC165) returns (bool) {
        return
            interfaceId == type(IMessageLib).interfaceId ||
            interfaceId == type(ISendLib).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IMessageLib
    function isSupportedEid(uint32) external pure returns (bool) {
        return true;
    }

    /// @inheritdoc IMessageLib
    function version() external pure returns (uint64 major, uint8 minor, uint8 endpointVersion) {
        return (0, 0, 2);
    }

    /// @inheritdoc IMessageLib
    function messageLibType() external pure returns (MessageLibType) {
        return MessageLibType.SendAndReceive;
    }

    /// @dev No fees are charged, so there is nothing to configure or withdraw.
    function setConfig(address, SetConfigParam[] calldata) external pure {
        revert LocalMessageLibNotSupported();
    }

    function getConfig(uint32, address, uint32) external pure returns (bytes memory) {
        return "";
    }

    function setTreasury(address) external pure {
        revert LocalMessageLibNotSupported();
    }

    function withdrawFee(address, uint256) external pure {
        revert LocalMessageLibNotSupported();
    }

    function withdrawLzTokenFee(address, address, uint256) external pure {
        revert LocalMessageLibNotSupported();
    }
}
