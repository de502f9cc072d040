// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice Signatures: EIP-2612 permit and delegateBySig, sharing one nonce per account, each usable once and
/// only before its deadline.
contract PermitTest is GovernanceFixture {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    event VotingOptOutSet(address indexed account, bool optedOut);

    function test_DOMAIN_SEPARATOR_isTheTokensDomain() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("FlyAIMusic"),
                keccak256("1"),
                block.chainid,
                address(token)
            )
        );
        assertEq(token.DOMAIN_SEPARATOR(), expected);
    }

    // ---------------------------------------------------------------- permit

    function test_permit_setsAllowance() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, eve, 5 ether, 0, deadline);
        vm.prank(bob); // anyone can submit it
        token.permit(alice, eve, 5 ether, deadline, v, r, s);

        assertEq(token.allowance(alice, eve), 5 ether);
        assertEq(token.nonces(alice), 1);
        vm.prank(eve);
        token.transferFrom(alice, eve, 5 ether);
        assertEq(token.getVotes(eve), 5 ether);
    }

    function testFuzz_permit_forAnyKey(uint256 key, uint256 value, uint256 deadline) public {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        deadline = bound(deadline, block.timestamp, type(uint256).max);
        address owner = vm.addr(key);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(key, owner, eve, value, 0, deadline);
        token.permit(owner, eve, value, deadline, v, r, s);
        assertEq(token.allowance(owner, eve), value);
    }

    function test_permit_revertsAfterDeadline() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, eve, 5 ether, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, eve, 5 ether, deadline, v, r, s);
    }

    function test_permit_revertsForAnotherSigner() public {
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(eveKey, alice, eve, 5 ether, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, eve, alice));
        token.permit(alice, eve, 5 ether, deadline, v, r, s);
    }

    function test_permit_revertsOnReplay() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, eve, 5 ether, 0, deadline);
        token.permit(alice, eve, 5 ether, deadline, v, r, s);

        // replayed, the signature is checked against nonce 1 and recovers to some other address
        address recovered = ecrecover(_permitDigest(alice, eve, 5 ether, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, eve, 5 ether, deadline, v, r, s);
    }

    function test_permit_changedValueIsRejected() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, eve, 5 ether, 0, deadline);
        address recovered = ecrecover(_permitDigest(alice, eve, 500 ether, 0, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, eve, 500 ether, deadline, v, r, s);
    }

    // ---------------------------------------------------------------- delegateBySig

    function test_delegateBySig_delegatesForTheSigner() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(aliceKey, bob, 0, expiry);
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(alice, alice, bob);
        vm.prank(eve); // a relayer
        token.delegateBySig(bob, 0, expiry, v, r, s);

        assertEq(token.delegates(alice), bob);
        assertEq(token.getVotes(bob), BOB_AMOUNT + ALICE_AMOUNT);
        assertEq(token.getVotes(alice), 0);
        assertEq(token.delegates(eve), eve);
        assertEq(token.nonces(alice), 1);
    }

    function test_delegateBySig_toZeroOptsOut() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(aliceKey, address(0), 0, expiry);
        vm.expectEmit(address(token));
        emit VotingOptOutSet(alice, true);
        token.delegateBySig(address(0), 0, expiry, v, r, s);
        assertTrue(token.votingOptedOut(alice));
        assertEq(token.getVotes(alice), 0);
    }

    function test_delegateBySig_revertsOnReplay() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(aliceKey, bob, 0, expiry);
        token.delegateBySig(bob, 0, expiry, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_revertsAfterExpiry() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(aliceKey, bob, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    /// @dev A signature for another delegatee recovers to another "signer", whose nonce (0) does not match.
    function test_delegateBySig_changedDelegateeIsNotAlicesChoice() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(aliceKey, bob, 0, expiry);
        address recovered = ecrecover(_delegationDigest(eve, 0, expiry), v, r, s);
        if (recovered != address(0)) {
            token.delegateBySig(eve, 0, expiry, v, r, s); // delegates some unrelated key's (empty) account
            assertEq(token.delegates(recovered), eve);
        }
        assertEq(token.delegates(alice), alice);
        assertEq(token.getVotes(alice), ALICE_AMOUNT);
        assertEq(token.nonces(alice), 0);
    }

    /// @dev One nonce sequence for both kinds of signature: a permit consumes the nonce a delegation was signed for.
    function test_nonces_sharedByPermitAndDelegation() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 dv, bytes32 dr, bytes32 ds) = _signDelegation(aliceKey, bob, 0, deadline);
        (uint8 pv, bytes32 pr, bytes32 ps) = _signPermit(aliceKey, alice, eve, 1 ether, 0, deadline);
        token.permit(alice, eve, 1 ether, deadline, pv, pr, ps);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        token.delegateBySig(bob, 0, deadline, dv, dr, ds);
    }

    // ---------------------------------------------------------------- helpers

    function _permitDigest(
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function _signPermit(
        uint256 key,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8, bytes32, bytes32) {
        return vm.sign(key, _permitDigest(owner, spender, value, nonce, deadline));
    }

    function _delegationDigest(address delegatee, uint256 nonce, uint256 expiry) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function _signDelegation(
        uint256 key,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8, bytes32, bytes32) {
        return vm.sign(key, _delegationDigest(delegatee, nonce, expiry));
    }
}
