// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {OFTAdapter} from "@layerzerolabs/oft-evm/contracts/OFTAdapter.sol";

/// @title MintOFTAdapter
/// @notice The home chain's end of the MINT bridge: LayerZero's OFT adapter. Sending locks MINT here; MINT coming
/// back is released. Remote chains hold `RemoteMint`, minted and burned against this lock, so MINT's supply across
/// chains never exceeds its cap.
///
/// Voting: votes are counted on the home chain only (the governor reads MINT's checkpoints here). MINT counts every
/// holder as voting by default, so this contract opts itself out at deployment: locked MINT votes for nobody. A
/// holder who bridges MINT away has those votes no more until it bridges back; bridging back restores them at once
/// (no delegation step), for proposals created after that.
///
/// Amounts: LayerZero's shared decimals (6) apply: a send moves whole 1e-6 MINT; the dust below stays with the
/// sender (`removeDust`), never lost.
contract MintOFTAdapter is OFTAdapter {
    /// @param mintToken MINT on the home chain
    /// @param endpoint LayerZero's EndpointV2 on this chain
    /// @param owner_ owner and endpoint delegate (the deployer while wiring, then the timelock)
    constructor(
        address mintToken,
        address endpoint,
        address owner_
    ) OFTAdapter(mintToken, endpoint, owner_) Ownable(owner_) {
        IVotes(mintToken).delegate(address(0));
    }
}
