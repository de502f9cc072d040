// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EndpointV2Mock} from "@layerzerolabs/test-devtools-evm-foundry/contracts/mocks/EndpointV2Mock.sol";

/// @title LocalEndpoint
/// @notice LayerZero's EndpointV2 for the local chains of the devnet. `EndpointV2Mock` is LayerZero's own copy of
/// EndpointV2 for OpenZeppelin 5 (the protocol package's EndpointV2 is written for OpenZeppelin 4's Ownable and
/// does not compile against 5): the same code, only the Ownable constructor differs. Public networks have
/// LayerZero's deployed endpoint; this is for local chains only.
contract LocalEndpoint is EndpointV2Mock {
    constructor(uint32 eid, address owner_) EndpointV2Mock(eid, owner_) {}
}
