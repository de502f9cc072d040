// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {OFT} from "@layerzerolabs/oft-evm/contracts/OFT.sol";

/// @title RemoteMint
/// @notice MINT on a remote chain: LayerZero's OFT, minted when MINT locked on the home chain arrives and burned
/// when it leaves. It carries no votes: governance counts MINT on the home chain only (see MintOFTAdapter).
contract RemoteMint is OFT {
    /// @param endpoint LayerZero's EndpointV2 on this chain
    /// @param owner_ owner and endpoint delegate (the deployer while wiring, then the timelock)
    constructor(address endpoint, address owner_) OFT("FlyAIMusic MINT", "MINT", endpoint, owner_) Ownable(owner_) {}
}
