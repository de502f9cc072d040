// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {console} from "forge-std/console.sol";
import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {RewardsFixture} from "./RewardsFixture.sol";
import {VanillaMerkleDistributor} from "./mocks/VanillaMerkleDistributor.sol";

/// @notice Regression bounds on the claim's cost for a first-time claimer (no MINT, never claimed) with a 20-deep
/// proof, as in a 1,000,000-leaf tree (the proof hashes the leaf up with 20 arbitrary siblings; the resulting root
/// is posted). The root is posted and the window passed in setUp, so every slot the claim touches is cold in the
/// test, as in a real transaction. `gasleft()` around the call measures execution only, plus the cold CALL into the
/// distributor and the test's own ABI encoding (a real transaction pays neither: its 21,000 base covers the call);
/// the whole-transaction figure (base and calldata included) is measured by the TS gas script (scripts/gas.ts).
/// The claim is also compared with MINT's bare mint in the same state (the distributor's own overhead) and with a
/// textbook distributor (VanillaMerkleDistributor: root + index bitmap + MerkleProof.verify) in the same state.
contract ClaimGasTest is RewardsFixture {
    uint256 internal constant DEPTH = 20;
    uint256 internal constant AMOUNT = 1_234 ether;
    /// @dev measured (solc 0.8.30, optimizer 200 runs, Prague): claim 144,501 execution gas, of which MINT's mint
    /// to a new holder 107,576 and the distributor 36,925 (the vanilla distributor: 38,620); bounds ~1% above
    uint256 internal constant CLAIM_GAS_BOUND = 146_000;
    uint256 internal constant OVERHEAD_GAS_BOUND = 37_300;

    address internal claimer;
    bytes32[] internal proof;
    VanillaMerkleDistributor internal vanilla;
    bytes32[] internal vanillaProof;
    uint256 internal constant VANILLA_INDEX = 777_777;

    function setUp() public override {
        super.setUp();
        claimer = makeAddr("first-time claimer");
        bytes32 node = _leaf(claimer, AMOUNT);
        for (uint256 i; i < DEPTH; ++i) {
            bytes32 sibling = keccak256(abi.encode("sibling", i));
            proof.push(sibling);
            node = _hashPair(node, sibling);
        }
        _post(1, node, AMOUNT);

        node = keccak256(bytes.concat(keccak256(abi.encode(VANILLA_INDEX, claimer, AMOUNT))));
        for (uint256 i; i < DEPTH; ++i) {
            bytes32 sibling = keccak256(abi.encode("sibling", i));
            vanillaProof.push(sibling);
            node = _hashPair(node, sibling);
        }
        vanilla = new VanillaMerkleDistributor(IMintToken(address(token)), node);
        vm.prank(address(timelock));
        token.setEmissionsBudget(address(vanilla), BUDGET);
        vm.warp(block.timestamp + WINDOW);
    }

    function test_claim_gas_firstTimeClaimerDepth20() public {
        bytes32[] memory proof_ = proof;
        // what MINT's own mint costs in the same cold state, to isolate the distributor's overhead
        uint256 snapshot = vm.snapshotState();
        vm.prank(address(distributor));
        uint256 before = gasleft();
        token.mint(claimer, AMOUNT);
        uint256 mintGas = before - gasleft();
        vm.revertToState(snapshot);
        bytes32[] memory vanillaProof_ = vanillaProof;
        before = gasleft();
        vanilla.claim(VANILLA_INDEX, claimer, AMOUNT, vanillaProof_);
        uint256 vanillaGas = before - gasleft();
        vm.revertToState(snapshot);

        before = gasleft();
        distributor.claim(claimer, AMOUNT, proof_);
        uint256 claimGas = before - gasleft();
        assertEq(token.balanceOf(claimer), AMOUNT);
        console.log("claim execution gas", claimGas);
        console.log("of which MINT.mint", mintGas);
        console.log("distributor overhead", claimGas - mintGas);
        console.log("vanilla claim execution gas", vanillaGas);
        console.log("vanilla overhead", vanillaGas - mintGas);
        assertLt(claimGas, CLAIM_GAS_BOUND, "claim gas regressed");
        assertLt(claimGas - mintGas, OVERHEAD_GAS_BOUND, "distributor overhead regressed");
        assertLt(claimGas, vanillaGas, "cheaper than the textbook distributor");
    }
}
