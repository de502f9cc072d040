// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MusicFixture} from "./MusicFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";

/// @notice EIP-2981: every track's royalty goes to the RoyaltySplitter at its tier's rate.
contract RoyaltyTest is MusicFixture {
    uint256 internal basicId;
    uint256 internal proId;

    function setUp() public override {
        super.setUp();
        basicId = _mintTrack(creator, "basic song");
        _fundMint(creator, PRO_FEE);
        IMusicNFT.MintRequest memory request = _proRequest("pro song", creator);
        vm.prank(creator);
        proId = music.mint(request);
    }

    function test_royaltyInfo_receiverIsTheSplitter() public view {
        (address basicReceiver, ) = music.royaltyInfo(basicId, 1 ether);
        (address proReceiver, ) = music.royaltyInfo(proId, 1 ether);
        assertEq(basicReceiver, address(splitter));
        assertEq(proReceiver, address(splitter));
    }

    function test_royaltyInfo_basicTierRate() public view {
        (, uint256 amount) = music.royaltyInfo(basicId, 1 ether);
        assertEq(amount, 0.05 ether);
    }

    function test_royaltyInfo_proTierRate() public view {
        (, uint256 amount) = music.royaltyInfo(proId, 1 ether);
        assertEq(amount, 0.1 ether);
    }

    function test_royaltyInfo_roundsDown() public view {
        (, uint256 amount) = music.royaltyInfo(basicId, 19);
        assertEq(amount, 0, "5% of 19 wei");
        (, amount) = music.royaltyInfo(basicId, 20);
        assertEq(amount, 1);
    }

    function testFuzz_royaltyInfo_isTheTierRateOfThePrice(uint256 price, bool pro) public view {
        price = _bound(price, 0, type(uint256).max / 10_000);
        uint256 tokenId = pro ? proId : basicId;
        uint256 rate = pro ? PRO_ROYALTY_BPS : BASIC_ROYALTY_BPS;
        (address receiver, uint256 amount) = music.royaltyInfo(tokenId, price);
        assertEq(receiver, address(splitter));
        assertEq(amount, (price * rate) / 10_000);
        assertLe(amount, price / 10, "never above the 10% cap");
    }

    /// @dev The rate is the tier's current one: governance moves it within [0, MAX_ROYALTY_BPS] for all of the
    /// tier's tracks (what a tier grants is a governance parameter; the work's identity is not).
    /// @dev A track keeps the rate of its tier at mint: governance re-rating a tier applies to later mints only.
    function test_royaltyInfo_rateIsFixedAtMint() public {
        IMusicNFT.TierConfig memory basic = music.tierConfig(BASIC);
        basic.royaltyBps = 250;
        vm.prank(address(timelock));
        music.setTierConfig(BASIC, basic);
        (, uint256 amount) = music.royaltyInfo(basicId, 1 ether);
        assertEq(amount, 0.05 ether, "minted at 5%: stays 5%");
        uint256 later = _mintTrack(creator, "minted after the change");
        (, amount) = music.royaltyInfo(later, 1 ether);
        assertEq(amount, 0.025 ether, "minted at 2.5%");
        (, amount) = music.royaltyInfo(proId, 1 ether);
        assertEq(amount, 0.1 ether, "other tiers unchanged");
    }

    function test_royaltyInfo_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, 5));
        music.royaltyInfo(5, 1 ether);
    }
}
