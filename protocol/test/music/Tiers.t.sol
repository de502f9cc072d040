// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Enumerable.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {MusicFixture} from "./MusicFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {MusicNFT} from "../../contracts/music/MusicNFT.sol";

/// @notice Tiers are governance parameters (the timelock, within bounds); a work's identity has no setter at all.
contract TiersTest is MusicFixture {
    // ---------------------------------------------------------------- the initial table

    function test_tierConfig_basicAndProAsDeployed() public view {
        IMusicNFT.TierConfig memory basic = music.tierConfig(BASIC);
        assertTrue(basic.enabled);
        assertEq(basic.feeToken, address(0), "basic pays ETH");
        assertEq(basic.mintFee, BASIC_FEE);
        assertEq(basic.royaltyBps, BASIC_ROYALTY_BPS);
        assertEq(basic.maxCoAuthors, 4);
        assertEq(basic.flags, 0);
        IMusicNFT.TierConfig memory pro = music.tierConfig(PRO);
        assertTrue(pro.enabled);
        assertEq(pro.feeToken, address(token), "pro pays MINT");
        assertEq(pro.mintFee, PRO_FEE);
        assertEq(pro.royaltyBps, PRO_ROYALTY_BPS);
        assertEq(pro.maxCoAuthors, 16);
        assertEq(pro.flags, music.FLAG_FULL_GENERATOR_PARAMS() | music.FLAG_COMMERCIAL_LICENSE());
        assertFalse(music.tierConfig(2).enabled, "unconfigured tiers are disabled");
    }

    // ---------------------------------------------------------------- who may set

    function test_setTierConfig_revertsForAnyoneButTheTimelock() public {
        IMusicNFT.TierConfig memory config = music.tierConfig(BASIC);
        config.mintFee = 0;
        address[3] memory callers = [eve, creator, address(governor)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            music.setTierConfig(BASIC, config);
        }
        assertEq(music.tierConfig(BASIC).mintFee, BASIC_FEE);
        assertEq(music.owner(), address(timelock));
    }

    function test_setTierConfig_setsAndEmits() public {
        IMusicNFT.TierConfig memory config = IMusicNFT.TierConfig({
            enabled: true,
            feeToken: address(token),
            mintFee: 5 ether,
            royaltyBps: 750,
            maxCoAuthors: 8,
            flags: 2
        });
        vm.expectEmit(address(music));
        emit IMusicNFT.TierConfigured(2, config);
        vm.prank(address(timelock));
        music.setTierConfig(2, config);
        assertEq(abi.encode(music.tierConfig(2)), abi.encode(config));
    }

    /// @dev The whole path: a proposal passes, waits in the timelock, and its execution sets the tier.
    function test_setTierConfig_throughAGovernanceProposal() public {
        IMusicNFT.TierConfig memory config = music.tierConfig(BASIC);
        config.mintFee = 0.001 ether;
        Proposal memory p = _proposal(
            address(music),
            abi.encodeCall(music.setTierConfig, (BASIC, config)),
            "Halve the basic mint fee",
            alice
        );
        _passProposal(p, alice);
        assertEq(music.tierConfig(BASIC).mintFee, 0.001 ether);
    }

    // ---------------------------------------------------------------- bounds

    function test_setTierConfig_revertsOnRoyaltyAboveCap() public {
        IMusicNFT.TierConfig memory config = music.tierConfig(PRO);
        config.royaltyBps = music.MAX_ROYALTY_BPS() + 1;
        _expectOutOfBounds(PRO, config);
    }

    function test_setTierConfig_revertsOnFeeAboveCap() public {
        IMusicNFT.TierConfig memory config = music.tierConfig(PRO);
        config.mintFee = MAX_MINT_FEE + 1;
        _expectOutOfBounds(PRO, config);
    }

    function test_setTierConfig_revertsOnTooManyCoAuthors() public {
        IMusicNFT.TierConfig memory config = music.tierConfig(PRO);
        config.maxCoAuthors = music.MAX_CO_AUTHORS() + 1;
        _expectOutOfBounds(PRO, config);
    }

    function test_setTierConfig_acceptsTheBoundsThemselves() public {
        IMusicNFT.TierConfig memory config = IMusicNFT.TierConfig({
            enabled: true,
            feeToken: address(0),
            mintFee: MAX_MINT_FEE,
            royaltyBps: 1_000,
            maxCoAuthors: 16,
            flags: type(uint32).max
        });
        vm.prank(address(timelock));
        music.setTierConfig(9, config);
        assertEq(abi.encode(music.tierConfig(9)), abi.encode(config));
    }

    function testFuzz_setTierConfig_withinBoundsOrReverts(
        uint8 tier,
        uint96 mintFee,
        uint16 royaltyBps,
        uint8 maxCoAuthors,
        uint32 flags
    ) public {
        IMusicNFT.TierConfig memory config = IMusicNFT.TierConfig({
            enabled: true,
            feeToken: address(0),
            mintFee: mintFee,
            royaltyBps: royaltyBps,
            maxCoAuthors: maxCoAuthors,
            flags: flags
        });
        bool inBounds = mintFee <= MAX_MINT_FEE && royaltyBps <= 1_000 && maxCoAuthors <= 16;
        if (!inBounds) vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTierOutOfBounds.selector, tier));
        vm.prank(address(timelock));
        music.setTierConfig(tier, config);
        if (inBounds) assertEq(abi.encode(music.tierConfig(tier)), abi.encode(config));
    }

    function test_constructor_revertsOnATierOutOfBounds() public {
        IMusicNFT.TierConfig[] memory tiers = _tiers();
        tiers[1].royaltyBps = 1_001;
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTierOutOfBounds.selector, PRO));
        new MusicNFT(
            address(timelock),
            address(timelock),
            address(splitter),
            MAX_MINT_FEE,
            _tierIds(),
            tiers,
            MIN_COMMIT_AGE,
            COMMIT_WINDOW
        );
    }

    // ---------------------------------------------------------------- effects on later mints only

    function test_setTierConfig_newFeeAppliesToLaterMintsOnly() public {
        uint256 early = _mintTrack(creator, "early");
        IMusicNFT.Track memory earlyRecord = music.trackOf(early);

        IMusicNFT.TierConfig memory config = music.tierConfig(BASIC);
        config.mintFee = 0.01 ether;
        vm.prank(address(timelock));
        music.setTierConfig(BASIC, config);

        IMusicNFT.MintRequest memory request = _request("late", creator);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTWrongFee.selector, BASIC_FEE, 0.01 ether));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
        vm.prank(creator);
        music.mint{value: 0.01 ether}(request);

        assertEq(address(music).balance, BASIC_FEE + 0.01 ether, "each paid the fee of its time");
        assertEq(abi.encode(music.trackOf(early)), abi.encode(earlyRecord), "the earlier record is untouched");
    }

    function test_setTierConfig_switchingBasicToMintFees() public {
        IMusicNFT.TierConfig memory config = music.tierConfig(BASIC);
        (config.feeToken, config.mintFee) = (address(token), 3 ether);
        vm.prank(address(timelock));
        music.setTierConfig(BASIC, config);
        _fundMint(creator, 3 ether);
        uint256 before = token.balanceOf(address(timelock));
        IMusicNFT.MintRequest memory request = _request("song", creator);
        vm.prank(creator);
        music.mint(request);
        assertEq(token.balanceOf(address(timelock)) - before, 3 ether);
    }

    function test_setTierConfig_disablingATierKeepsItsTracks() public {
        uint256 tokenId = _mintTrack(creator, "song");
        IMusicNFT.TierConfig memory config = music.tierConfig(BASIC);
        config.enabled = false;
        vm.prank(address(timelock));
        music.setTierConfig(BASIC, config);
        assertTrue(music.exists(tokenId));
        assertEq(music.trackOf(tokenId).tier, BASIC);
        (, uint256 royalty) = music.royaltyInfo(tokenId, 1 ether);
        assertEq(royalty, 0.05 ether);
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
    }

    function test_setTierConfig_lowerCoAuthorLimitKeepsEarlierCoAuthors() public {
        uint256 tokenId = _mintTrackWith(creator, "song", _manyCoAuthors(4, 1_000));
        IMusicNFT.TierConfig memory config = music.tierConfig(BASIC);
        config.maxCoAuthors = 0;
        vm.prank(address(timelock));
        music.setTierConfig(BASIC, config);
        assertEq(music.trackOf(tokenId).creators.length, 5);
        IMusicNFT.MintRequest memory request = _request("later", creator);
        request.coAuthors = _coAuthors1(coAuthor, 1);
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTooManyCoAuthors.selector, 1, 0));
        vm.prank(creator);
        music.mint{value: BASIC_FEE}(request);
    }

    // ---------------------------------------------------------------- the surface

    /// @dev Nothing that identifies a work can change after mint because no function can change it: the deployed
    /// code's dispatcher holds exactly these selectors (read from the `DUP1 PUSH4 <selector> EQ` entries of the
    /// runtime bytecode), and the only ones that write are mint (and its commit–reveal pair, which records a new
    /// work and a hidden commitment), the ERC-721 transfers and approvals, setTierConfig and the Ownable pair. A new setter added to MusicNFT makes this test fail until it is reviewed here.
    function test_surface_onlyMintTransfersApprovalsTiersAndOwnershipWrite() public view {
        bytes4[12] memory writes = [
            music.mint.selector,
            music.commitRegistration.selector,
            music.mintCommitted.selector,
            music.sweepFees.selector,
            IERC721.approve.selector,
            IERC721.setApprovalForAll.selector,
            IERC721.transferFrom.selector,
            bytes4(keccak256("safeTransferFrom(address,address,uint256)")),
            bytes4(keccak256("safeTransferFrom(address,address,uint256,bytes)")),
            music.setTierConfig.selector,
            Ownable.transferOwnership.selector,
            Ownable.renounceOwnership.selector
        ];
        bytes4[32] memory views = _reviewedViews();
        bytes4[] memory found = _dispatcherSelectors(address(music).code);
        for (uint256 i; i < found.length; ++i) {
            bool known;
            for (uint256 w; w < writes.length; ++w) known = known || found[i] == writes[w];
            for (uint256 v; v < views.length - 1; ++v) known = known || found[i] == views[v];
            assertTrue(known, string.concat("unreviewed external function ", vm.toString(abi.encode(found[i]))));
        }
        assertEq(found.length, writes.length + views.length - 1, "every reviewed function is in the dispatcher");
    }

    /// @dev The read-only functions the surface test allows (the last entry is padding, never in a dispatcher).
    function _reviewedViews() internal view returns (bytes4[32] memory views) {
        views = [
            IERC721.balanceOf.selector,
            IERC721.ownerOf.selector,
            IERC721.getApproved.selector,
            IERC721.isApprovedForAll.selector,
            IERC721Metadata.name.selector,
            IERC721Metadata.symbol.selector,
            IERC721Metadata.tokenURI.selector,
            IERC165.supportsInterface.selector,
            IERC2981.royaltyInfo.selector,
            Ownable.owner.selector,
            music.treasury.selector,
            music.royaltyReceiver.selector,
            music.maxMintFee.selector,
            music.FLAG_FULL_GENERATOR_PARAMS.selector,
            music.FLAG_COMMERCIAL_LICENSE.selector,
            music.MAX_ROYALTY_BPS.selector,
            music.MAX_CO_AUTHORS.selector,
            music.trackOf.selector,
            music.tokenIdOfContent.selector,
            music.registeredAt.selector,
            music.tierOf.selector,
            music.creatorsOf.selector,
            music.creatorShareOf.selector,
            music.exists.selector,
            music.tierConfig.selector,
            music.registrationCommitment.selector,
            music.committedAt.selector,
            music.minCommitAge.selector,
            music.commitWindow.selector,
            music.MAX_MIN_COMMIT_AGE.selector,
            music.MAX_COMMIT_WINDOW.selector,
            bytes4(0) // padding, never in a dispatcher
        ];
    }

    /// @dev The views really are views: a static call of each succeeds (a state write would make it fail).
    function test_surface_lookupsAreStaticCallable() public {
        uint256 tokenId = _mintTrack(creator, "song");
        bytes[10] memory calls = [
            abi.encodeCall(music.registrationCommitment, (bytes32(tokenId), creator, bytes32(0))),
            abi.encodeCall(music.committedAt, (bytes32(tokenId))),
            abi.encodeCall(music.trackOf, (tokenId)),
            abi.encodeCall(music.tokenIdOfContent, (bytes32(tokenId))),
            abi.encodeCall(music.registeredAt, (tokenId)),
            abi.encodeCall(music.creatorsOf, (tokenId)),
            abi.encodeCall(music.creatorShareOf, (tokenId, creator)),
            abi.encodeCall(music.exists, (tokenId)),
            abi.encodeCall(music.tokenURI, (tokenId)),
            abi.encodeCall(music.royaltyInfo, (tokenId, 1 ether))
        ];
        for (uint256 i; i < calls.length; ++i) {
            (bool ok, ) = address(music).staticcall(calls[i]);
            assertTrue(ok);
        }
    }

    function test_supportsInterface_erc721Erc2981Erc165() public view {
        assertTrue(music.supportsInterface(type(IERC165).interfaceId), "ERC165");
        assertTrue(music.supportsInterface(type(IERC721).interfaceId), "ERC721");
        assertTrue(music.supportsInterface(type(IERC721Metadata).interfaceId), "ERC721Metadata");
        assertTrue(music.supportsInterface(type(IERC2981).interfaceId), "ERC2981");
        assertEq(type(IERC721).interfaceId, bytes4(0x80ac58cd));
        assertEq(type(IERC2981).interfaceId, bytes4(0x2a55205a));
    }

    function test_supportsInterface_rejectsOthers() public view {
        assertFalse(music.supportsInterface(0xffffffff), "ERC165 requires false for 0xffffffff");
        assertFalse(music.supportsInterface(type(IERC721Enumerable).interfaceId));
        assertFalse(music.supportsInterface(type(IMusicNFT).interfaceId));
    }

    // ---------------------------------------------------------------- helpers

    function _expectOutOfBounds(uint8 tier, IMusicNFT.TierConfig memory config) internal {
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTTierOutOfBounds.selector, tier));
        vm.prank(address(timelock));
        music.setTierConfig(tier, config);
    }

    /// @dev The selectors solc's dispatcher compares calldata against: each `DUP1 PUSH4 <selector> EQ` in the
    /// runtime code (push data skipped, so constants inside other pushes are not misread as opcodes).
    function _dispatcherSelectors(bytes memory code) internal pure returns (bytes4[] memory) {
        bytes4[] memory found = new bytes4[](64);
        uint256 count;
        for (uint256 pc; pc < code.length; ++pc) {
            uint8 op = uint8(code[pc]);
            if (op == 0x63 && pc > 0 && uint8(code[pc - 1]) == 0x80 && pc + 5 < code.length) {
                if (uint8(code[pc + 5]) == 0x14) {
                    found[count++] = bytes4(
                        (uint32(uint8(code[pc + 1])) << 24) |
                            (uint32(uint8(code[pc + 2])) << 16) |
                            (uint32(uint8(code[pc + 3])) << 8) |
                            uint32(uint8(code[pc + 4]))
                    );
                }
            }
            if (op >= 0x60 && op <= 0x7f) pc += op - 0x5f; // skip PUSH1..PUSH32 data
        }
        bytes4[] memory selectors = new bytes4[](count);
        for (uint256 i; i < count; ++i) selectors[i] = found[i];
        return selectors;
    }
}
