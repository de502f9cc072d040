// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ProposerSuffix} from "../../contracts/libraries/ProposerSuffix.sol";

contract ProposerSuffixHarness {
    function isBoundTo(string memory description, address proposer) external pure returns (bool) {
        return ProposerSuffix.isBoundTo(description, proposer);
    }

    function hasSuffix(string memory description) external pure returns (bool) {
        return ProposerSuffix.hasSuffix(description);
    }
}

/// @notice The word-wide suffix check accepts exactly the proposer's address (lower case or checksummed) after
/// `#proposer=0x` at the very end, and nothing else.
contract ProposerSuffixTest is Test {
    ProposerSuffixHarness internal harness = new ProposerSuffixHarness();

    function testFuzz_acceptsLowerCaseAndChecksummedAddress(address proposer, string calldata text) public view {
        assertTrue(harness.isBoundTo(string.concat(text, "#proposer=", Strings.toHexString(proposer)), proposer));
        assertTrue(
            harness.isBoundTo(string.concat(text, "#proposer=", Strings.toChecksumHexString(proposer)), proposer)
        );
    }

    function testFuzz_rejectsAnyOtherAddress(address proposer, address other) public view {
        vm.assume(proposer != other);
        assertFalse(harness.isBoundTo(string.concat("x #proposer=", Strings.toHexString(other)), proposer));
        assertFalse(harness.isBoundTo(string.concat("x #proposer=", Strings.toChecksumHexString(other)), proposer));
    }

    function testFuzz_rejectsAnyChangedCharacter(address proposer, uint8 position, uint8 replacement) public view {
        bytes memory description = bytes(string.concat("Title #proposer=", Strings.toHexString(proposer)));
        uint256 index = description.length - 52 + (position % 52);
        bytes1 original = description[index];
        vm.assume(replacement != uint8(original));
        // upper/lower case of the same hex letter is the only change that keeps the address
        bool isLetter = uint8(original) >= 0x61 && uint8(original) <= 0x66 && index >= description.length - 40;
        vm.assume(!(isLetter && replacement == uint8(original) - 0x20));
        description[index] = bytes1(replacement);
        assertFalse(harness.isBoundTo(string(description), proposer));
    }

    function test_rejectsMissingOrMisplacedSuffix() public view {
        address proposer = address(0x70997970C51812dc3A010C7d01b50e0d17dc79C8);
        string memory hexAddress = Strings.toHexString(proposer);
        assertFalse(harness.isBoundTo("", proposer));
        assertFalse(harness.isBoundTo("Grant a budget", proposer));
        assertFalse(harness.isBoundTo(string.concat("#proposer=", hexAddress, " trailing"), proposer));
        assertFalse(harness.isBoundTo(string.concat("#proposer=", hexAddress, "\n"), proposer));
        assertFalse(harness.isBoundTo(string.concat("#proposal=", hexAddress), proposer));
        // without 0x the digits are 40 but the marker is wrong
        assertFalse(
            harness.isBoundTo(string.concat("#proposer=00", Strings.toHexString(uint160(proposer), 20)), proposer)
        );
    }

    /// @dev A suffix is "#proposer=" starting exactly 52 bytes from the end, whatever follows it (where OpenZeppelin
    /// looks); anything else is a description without one.
    function test_hasSuffix_onlyWhereOpenZeppelinLooks() public view {
        string memory hexAddress = Strings.toHexString(address(0xBEEF));
        assertTrue(harness.hasSuffix(string.concat("text #proposer=", hexAddress)));
        assertTrue(harness.hasSuffix("#proposer=0xgggggggggggggggggggggggggggggggggggggggg"));
        bytes memory upperPrefix = bytes(hexAddress);
        upperPrefix[1] = "X";
        assertTrue(harness.hasSuffix(string.concat("#proposer=", string(upperPrefix))));
        assertFalse(harness.hasSuffix(""));
        assertFalse(harness.hasSuffix("Grant a budget"));
        assertFalse(harness.hasSuffix(string.concat("#proposer=", hexAddress, "\n")));
        assertFalse(harness.hasSuffix(string.concat("#proposal=", hexAddress)));
    }

    function testFuzz_hasSuffix_matchesByteComparison(string calldata text) public view {
        bytes memory b = bytes(text);
        bool expected = b.length >= 52;
        bytes memory marker = "#proposer=";
        for (uint256 i; expected && i < marker.length; ++i) expected = b[b.length - 52 + i] == marker[i];
        assertEq(harness.hasSuffix(text), expected);
    }

    function test_acceptsSuffixAlone() public view {
        address proposer = address(0xBEEF);
        assertTrue(harness.isBoundTo(string.concat("#proposer=", Strings.toHexString(proposer)), proposer));
    }
}
