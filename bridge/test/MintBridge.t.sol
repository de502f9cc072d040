// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IOAppCore} from "@layerzerolabs/oapp-evm/contracts/oapp/interfaces/IOAppCore.sol";
import {Origin} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {MessagingFee} from "@layerzerolabs/oapp-evm/contracts/oapp/OApp.sol";
import {SendParam, OFTReceipt} from "@layerzerolabs/oft-evm/contracts/interfaces/IOFT.sol";
import {OFTMsgCodec} from "@layerzerolabs/oft-evm/contracts/libs/OFTMsgCodec.sol";
import {BridgeFixture} from "./BridgeFixture.sol";

/// @notice The MINT bridge: MINT locked at home is minted remotely and released when it comes back; the lock holds
/// no votes; amounts move in LayerZero's shared decimals (6), the dust below stays with the sender, never lost;
/// only the wired peer mints.
contract MintBridgeTest is BridgeFixture {
    uint256 internal constant DUST_UNIT = 1e12; // 18 local decimals, 6 shared

    function test_adapter_holdsNoVotes() public {
        assertEq(token.delegates(address(mintAdapter)), address(0), "opted out at deployment");
        uint256 votesBefore = token.getVotes(alice);
        _sendMint(alice, REMOTE, holder, 1_000 ether);
        assertEq(token.getVotes(address(mintAdapter)), 0, "locked MINT votes for nobody");
        assertEq(token.getVotes(alice), votesBefore - 1_000 ether, "bridged MINT leaves the sender's votes");
        assertEq(token.balanceOf(address(mintAdapter)), 1_000 ether);
    }

    function test_roundTrip_locksMintsBurnsReleases() public {
        _sendMint(alice, REMOTE, holder, 1_000 ether);
        _deliver(REMOTE, address(remoteMint));
        assertEq(remoteMint.balanceOf(holder), 1_000 ether);
        assertEq(remoteMint.totalSupply(), token.balanceOf(address(mintAdapter)), "remote supply == locked");

        _sendRemoteMint(holder, HOME, bob, 400 ether);
        assertEq(remoteMint.balanceOf(holder), 600 ether, "burned on the way out");
        uint256 bobBefore = token.balanceOf(bob);
        uint256 bobVotes = token.getVotes(bob);
        _deliver(HOME, address(mintAdapter));
        assertEq(token.balanceOf(bob) - bobBefore, 400 ether);
        assertEq(token.getVotes(bob) - bobVotes, 400 ether, "votes back at once, no delegation step");
        assertEq(remoteMint.totalSupply(), token.balanceOf(address(mintAdapter)), "remote supply == locked");
    }

    /// @dev Fuzz: any amount moves in whole shared-decimal units; the dust stays with the sender; the remote
    /// supply always equals what is locked at home.
    function testFuzz_send_dustStaysWithTheSender(uint256 amount) public {
        amount = bound(amount, DUST_UNIT, token.balanceOf(alice));
        uint256 before = token.balanceOf(alice);
        uint256 sent = (amount / DUST_UNIT) * DUST_UNIT;
        OFTReceipt memory receipt = _sendMint(alice, REMOTE, holder, amount);
        assertEq(receipt.amountSentLD, sent);
        assertEq(receipt.amountReceivedLD, sent);
        assertEq(before - token.balanceOf(alice), sent, "only whole units leave; the dust stays");
        _deliver(REMOTE, address(remoteMint));
        assertEq(remoteMint.balanceOf(holder), sent);
        assertEq(remoteMint.totalSupply(), token.balanceOf(address(mintAdapter)));
    }

    function test_send_belowOneSharedUnitSendsNothingAndReverts() public {
        SendParam memory param = _mintParam(REMOTE, holder, DUST_UNIT - 1);
        param.minAmountLD = 1;
        vm.expectRevert(abi.encodeWithSignature("SlippageExceeded(uint256,uint256)", 0, 1));
        mintAdapter.quoteSend(param, false);
    }

    function test_lzReceive_revertsForASenderThatIsNotThePeer() public {
        bytes32 spoofed = addressToBytes32(eve);
        (bytes memory message, ) = OFTMsgCodec.encode(addressToBytes32(eve), 1e6, "");
        vm.expectRevert(abi.encodeWithSelector(IOAppCore.OnlyPeer.selector, HOME, spoofed));
        vm.prank(endpoints[REMOTE]);
        remoteMint.lzReceive(Origin(HOME, spoofed, 1), bytes32(0), message, eve, "");
        assertEq(remoteMint.totalSupply(), 0);
    }

    // ---------------------------------------------------------------- helpers

    function _mintParam(uint32 dstEid, address to, uint256 amount) internal pure returns (SendParam memory) {
        return SendParam(dstEid, addressToBytes32(to), amount, (amount / DUST_UNIT) * DUST_UNIT, _options(), "", "");
    }

    function _sendMint(address from, uint32 dstEid, address to, uint256 amount) internal returns (OFTReceipt memory r) {
        SendParam memory param = _mintParam(dstEid, to, amount);
        MessagingFee memory fee = mintAdapter.quoteSend(param, false);
        vm.deal(from, from.balance + fee.nativeFee);
        vm.startPrank(from);
        token.approve(address(mintAdapter), amount);
        (, r) = mintAdapter.send{value: fee.nativeFee}(param, fee, from);
        vm.stopPrank();
    }

    function _sendRemoteMint(address from, uint32 dstEid, address to, uint256 amount) internal {
        SendParam memory param = _mintParam(dstEid, to, amount);
        MessagingFee memory fee = remoteMint.quoteSend(param, false);
        vm.deal(from, from.balance + fee.nativeFee);
        vm.prank(from);
        remoteMint.send{value: fee.nativeFee}(param, fee, from);
    }
}
