// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestHelperOz5} from "@layerzerolabs/test-devtools-evm-foundry/contracts/TestHelperOz5.sol";
import {OptionsBuilder} from "@layerzerolabs/oapp-evm/contracts/oapp/libs/OptionsBuilder.sol";
import {MessagingFee, MessagingReceipt} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {SendParam as NftSendParam} from "@layerzerolabs/onft-evm/contracts/onft721/interfaces/IONFT721.sol";
import {ProtocolFixture} from "../../protocol/test/ProtocolFixture.sol";
import {IMusicNFT} from "../../protocol/contracts/interfaces/IMusicNFT.sol";
import {MusicNFTAdapter} from "../contracts/MusicNFTAdapter.sol";
import {RemoteMusicNFT} from "../contracts/RemoteMusicNFT.sol";
import {MintOFTAdapter} from "../contracts/MintOFTAdapter.sol";
import {RemoteMint} from "../contracts/RemoteMint.sol";

/// @notice The protocol on the home chain (eid 1) and LayerZero's test endpoints for three chains (eids 1, 2, 3,
/// with the ULN message library, DVN and executor mocks): the track adapter at home and remote collections on
/// chains 2 and 3, the MINT adapter at home and remote MINT on chain 2, all wired as peers. A co-authored track is
/// registered at home and held by its creator.
abstract contract BridgeFixture is ProtocolFixture, TestHelperOz5 {
    using OptionsBuilder for bytes;

    uint32 internal constant HOME = 1;
    uint32 internal constant REMOTE = 2;
    uint32 internal constant THIRD = 3;
    uint128 internal constant RECEIVE_GAS = 300_000;

    MusicNFTAdapter internal adapter;
    RemoteMusicNFT internal remote;
    RemoteMusicNFT internal third;
    MintOFTAdapter internal mintAdapter;
    RemoteMint internal remoteMint;
    uint256 internal track;
    address internal holder;

    function setUp() public virtual override(ProtocolFixture, TestHelperOz5) {
        ProtocolFixture.setUp();
        TestHelperOz5.setUp();
        setUpEndpoints(3, LibraryType.UltraLightNode);
        holder = makeAddr("holder");

        adapter = new MusicNFTAdapter(address(music), endpoints[HOME], address(this));
        remote = new RemoteMusicNFT(endpoints[REMOTE], address(this));
        third = new RemoteMusicNFT(endpoints[THIRD], address(this));
        address[] memory nfts = new address[](3);
        (nfts[0], nfts[1], nfts[2]) = (address(adapter), address(remote), address(third));
        wireOApps(nfts);

        mintAdapter = new MintOFTAdapter(address(token), endpoints[HOME], address(this));
        remoteMint = new RemoteMint(endpoints[REMOTE], address(this));
        address[] memory mints = new address[](2);
        (mints[0], mints[1]) = (address(mintAdapter), address(remoteMint));
        wireOApps(mints);

        IMusicNFT.CoAuthor[] memory coAuthors = new IMusicNFT.CoAuthor[](1);
        coAuthors[0] = IMusicNFT.CoAuthor(coAuthor, 4_000);
        track = _mintTrackWith(creator, "bridged track", coAuthors);
        vm.prank(creator);
        music.setApprovalForAll(address(adapter), true);
    }

    /// @dev Options paying `RECEIVE_GAS` for the destination's lzReceive.
    function _options() internal pure returns (bytes memory) {
        return OptionsBuilder.newOptions().addExecutorLzReceiveOption(RECEIVE_GAS, 0);
    }

    function _nftParam(uint32 dstEid, address to, uint256 tokenId) internal pure returns (NftSendParam memory) {
        return NftSendParam(dstEid, bytes32(uint256(uint160(to))), tokenId, _options(), "", "");
    }

    /// @dev `from` sends `tokenId` through `oapp` (adapter or remote collection) to `to` on `dstEid`.
    function _sendTrack(
        MusicNFTAdapter oapp,
        address from,
        uint32 dstEid,
        address to,
        uint256 tokenId
    ) internal returns (MessagingReceipt memory receipt) {
        NftSendParam memory param = _nftParam(dstEid, to, tokenId);
        MessagingFee memory fee = oapp.quoteSend(param, false);
        vm.deal(from, from.balance + fee.nativeFee);
        vm.prank(from);
        receipt = oapp.send{value: fee.nativeFee}(param, fee, from);
    }

    function _sendTrack(
        RemoteMusicNFT oapp,
        address from,
        uint32 dstEid,
        address to,
        uint256 tokenId
    ) internal returns (MessagingReceipt memory receipt) {
        NftSendParam memory param = _nftParam(dstEid, to, tokenId);
        MessagingFee memory fee = oapp.quoteSend(param, false);
        vm.deal(from, from.balance + fee.nativeFee);
        vm.prank(from);
        receipt = oapp.send{value: fee.nativeFee}(param, fee, from);
    }

    function _deliver(uint32 dstEid, address oapp) internal {
        verifyPackets(dstEid, addressToBytes32(oapp));
    }
}
