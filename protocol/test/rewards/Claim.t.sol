// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsFixture} from "./RewardsFixture.sol";

contract ClaimTest is RewardsFixture {
    function test_claim_paysTheLeafAfterTheWindow() public {
        bytes32[] memory leaves = _postLive(1, _amounts(100 ether, 200 ether, 300 ether, 400 ether));
        uint256 before = token.balanceOf(bob);
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.Claimed(bob, 200 ether, 200 ether);
        vm.prank(bob);
        assertEq(distributor.claim(bob, 200 ether, _proof(leaves, 1)), 200 ether);
        assertEq(token.balanceOf(bob) - before, 200 ether);
        assertEq(distributor.claimed(bob), 200 ether);
        assertEq(token.emissionsBudget(address(distributor)), BUDGET - 200 ether);
    }

    function test_claim_beforeTheWindowReverts() public {
        bytes32[] memory leaves = _leaves(_accounts(), _amounts(100 ether, 0, 0, 0));
        _post(1, _root(leaves), 100 ether);
        bytes32[] memory proof = _proof(leaves, 0);
        vm.warp(block.timestamp + WINDOW - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorWindowNotOver.selector,
                uint64(1),
                block.timestamp + 1
            )
        );
        distributor.claim(alice, 100 ether, proof);
        vm.warp(block.timestamp + 1);
        assertEq(distributor.claim(alice, 100 ether, proof), 100 ether);
    }

    function test_claim_beforeAnyRootReverts() public {
        vm.expectRevert(IRewardsDistributor.RewardsDistributorNoLiveRoot.selector);
        distributor.claim(alice, 1, new bytes32[](0));
    }

    function test_claim_whileTheNextRootIsPendingUsesThePreviousOne() public {
        bytes32[] memory first = _postLive(1, _amounts(100 ether, 0, 0, 0));
        bytes32[] memory second = _leaves(_accounts(), _amounts(150 ether, 0, 0, 0));
        _post(2, _root(second), 150 ether);
        // the pending root's proof is refused, the live one's pays
        bytes32[] memory pendingProof = _proof(second, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorWindowNotOver.selector,
                uint64(2),
                block.timestamp + WINDOW
            )
        );
        distributor.claim(alice, 150 ether, pendingProof);
        assertEq(distributor.claim(alice, 100 ether, _proof(first, 0)), 100 ether);
        (uint64 epoch, , uint256 total) = distributor.liveRoot();
        assertEq(epoch, 1);
        assertEq(total, 100 ether);
        vm.warp(block.timestamp + WINDOW);
        assertEq(distributor.claim(alice, 150 ether, pendingProof), 50 ether);
    }

    function test_veto_keepsThePreviousRoot() public {
        bytes32[] memory first = _postLive(1, _amounts(100 ether, 0, 0, 0));
        bytes32[] memory bad = _leaves(_accounts(), _amounts(900_000 ether, 0, 0, 0));
        _post(2, _root(bad), 900_000 ether);
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.RootVetoed(2, _root(bad));
        vm.prank(guardianAccount);
        distributor.veto(2);
        vm.warp(block.timestamp + 10 * WINDOW);
        bytes32[] memory badProof = _proof(bad, 0);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorVetoed.selector, uint64(2)));
        distributor.claim(alice, 900_000 ether, badProof);
        assertEq(distributor.claim(alice, 100 ether, _proof(first, 0)), 100 ether);
        (uint64 epoch, , uint256 total) = distributor.liveRoot();
        assertEq(epoch, 1);
        assertEq(total, 100 ether);
        (, , , , bool vetoed) = distributor.latestRoot();
        assertTrue(vetoed);
    }

    function test_veto_ofTheOnlyRootLeavesNothingLive() public {
        bytes32[] memory leaves = _leaves(_accounts(), _amounts(100 ether, 0, 0, 0));
        _post(1, _root(leaves), 100 ether);
        vm.prank(guardianAccount);
        distributor.veto(1);
        vm.warp(block.timestamp + WINDOW);
        bytes32[] memory proof = _proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorVetoed.selector, uint64(1)));
        distributor.claim(alice, 100 ether, proof);
        vm.expectRevert(IRewardsDistributor.RewardsDistributorNoLiveRoot.selector);
        distributor.claim(bob, 100 ether, proof);
    }

    function test_veto_afterTheWindowReverts() public {
        _postLive(1, _amounts(1, 0, 0, 0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorWindowOver.selector,
                uint64(1),
                block.timestamp
            )
        );
        vm.prank(guardianAccount);
        distributor.veto(1);
    }

    function test_veto_twiceOrOfAnotherEpochReverts() public {
        _post(1, keccak256("root"), 1);
        vm.prank(guardianAccount);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorUnknownEpoch.selector, uint64(2)));
        distributor.veto(2);
        vm.prank(guardianAccount);
        distributor.veto(1);
        vm.prank(guardianAccount);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorVetoed.selector, uint64(1)));
        distributor.veto(1);
    }

    function test_correctedRoot_paysOnlyTheDifference() public {
        bytes32[] memory first = _postLive(1, _amounts(100 ether, 50 ether, 0, 0));
        distributor.claim(alice, 100 ether, _proof(first, 0));
        // epoch 2 corrects alice upwards and bob downwards (bob never claimed epoch 1)
        bytes32[] memory second = _postLive(2, _amounts(130 ether, 20 ether, 0, 0));
        uint256 before = token.balanceOf(alice);
        assertEq(distributor.claim(alice, 130 ether, _proof(second, 0)), 30 ether);
        assertEq(token.balanceOf(alice) - before, 30 ether);
        assertEq(distributor.claim(bob, 20 ether, _proof(second, 1)), 20 ether);
        // the superseded leaf no longer proves
        bytes32[] memory oldProof = _proof(first, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, bob, 50 ether)
        );
        distributor.claim(bob, 50 ether, oldProof);
    }

    function test_claim_twicePaysNothingMore() public {
        bytes32[] memory leaves = _postLive(1, _amounts(100 ether, 0, 0, 0));
        bytes32[] memory proof = _proof(leaves, 0);
        distributor.claim(alice, 100 ether, proof);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorNothingToClaim.selector,
                alice,
                100 ether,
                100 ether
            )
        );
        distributor.claim(alice, 100 ether, proof);
        // nor does an older, lower leaf of a later root
        bytes32[] memory second = _postLive(2, _amounts(100 ether, 10 ether, 0, 0));
        bytes32[] memory proof2 = _proof(second, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorNothingToClaim.selector,
                alice,
                100 ether,
                100 ether
            )
        );
        distributor.claim(alice, 100 ether, proof2);
    }

    function test_claim_forAnotherAccountPaysThatAccount() public {
        bytes32[] memory leaves = _postLive(1, _amounts(0, 0, 70 ether, 0));
        uint256 carolBefore = token.balanceOf(carol);
        uint256 eveBefore = token.balanceOf(eve);
        vm.prank(eve);
        distributor.claim(carol, 70 ether, _proof(leaves, 2));
        assertEq(token.balanceOf(carol) - carolBefore, 70 ether);
        assertEq(token.balanceOf(eve), eveBefore);
    }

    function test_claim_wrongAmountOrAccountReverts() public {
        bytes32[] memory leaves = _postLive(1, _amounts(100 ether, 0, 0, 0));
        bytes32[] memory proof = _proof(leaves, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, alice, 101 ether)
        );
        distributor.claim(alice, 101 ether, proof);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, eve, 100 ether)
        );
        distributor.claim(eve, 100 ether, proof);
    }

    function test_claimMany_paysEachAccount() public {
        bytes32[] memory leaves = _postLive(1, _amounts(1 ether, 2 ether, 3 ether, 4 ether));
        address[] memory accounts = _accounts();
        uint256[] memory amounts = _amounts(1 ether, 2 ether, 3 ether, 4 ether);
        IRewardsDistributor.Claim[] memory claims = new IRewardsDistributor.Claim[](4);
        uint256[] memory before = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            claims[i] = IRewardsDistributor.Claim(accounts[i], amounts[i], _proof(leaves, i));
            before[i] = token.balanceOf(accounts[i]);
        }
        vm.prank(eve);
        assertEq(distributor.claimMany(claims), 10 ether);
        for (uint256 i; i < 4; ++i) {
            assertEq(token.balanceOf(accounts[i]) - before[i], amounts[i]);
            assertEq(distributor.claimed(accounts[i]), amounts[i]);
        }
    }

    function test_claimMany_revertsAsAWholeOnADoubleClaim() public {
        bytes32[] memory leaves = _postLive(1, _amounts(1 ether, 2 ether, 0, 0));
        IRewardsDistributor.Claim[] memory claims = new IRewardsDistributor.Claim[](3);
        claims[0] = IRewardsDistributor.Claim(alice, 1 ether, _proof(leaves, 0));
        claims[1] = IRewardsDistributor.Claim(bob, 2 ether, _proof(leaves, 1));
        claims[2] = claims[0];
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorNothingToClaim.selector,
                alice,
                1 ether,
                1 ether
            )
        );
        distributor.claimMany(claims);
        assertEq(distributor.claimed(alice), 0);
        assertEq(distributor.claimed(bob), 0);
    }

    /// @dev A 64-byte internal node cannot be presented as a leaf. The tree below has an internal node N whose
    /// children, read as 64 bytes, are abi.encode(eve, amount): with single-hashed leaves, (eve, amount) would prove
    /// against the root with the proof [aliceLeaf]. Leaves are hashed twice, so it does not.
    function test_claim_internalNodeCannotBeProvenAsALeaf() public {
        uint256 amount = uint256(keccak256("large")); // above eve's address as a number: the pair sorts as (eve, amount)
        bytes32 node = _hashPair(bytes32(uint256(uint160(eve))), bytes32(amount));
        bytes32 aliceLeaf = _leaf(alice, 1 ether);
        bytes32 root = _hashPair(node, aliceLeaf);
        _post(1, root, 1 ether);
        vm.warp(block.timestamp + WINDOW);
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = aliceLeaf;
        // the attack works against a single-hashed leaf
        assertEq(keccak256(abi.encode(eve, amount)), node);
        assertTrue(MerkleProof.verify(proof, root, keccak256(abi.encode(eve, amount))));
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, eve, amount)
        );
        distributor.claim(eve, amount, proof);
        // the genuine leaf still pays
        proof[0] = node;
        assertEq(distributor.claim(alice, 1 ether, proof), 1 ether);
    }

    function test_claim_revertsWhenTheEmissionsBudgetIsExhausted() public {
        bytes32[] memory leaves = _postLive(1, _amounts(100 ether, 0, 0, 0));
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(distributor), 99 ether);
        bytes32[] memory proof = _proof(leaves, 0);
        vm.expectRevert();
        distributor.claim(alice, 100 ether, proof);
        assertEq(distributor.claimed(alice), 0);
    }
}
