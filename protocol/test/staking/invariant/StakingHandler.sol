// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {NFTStakingVault} from "../../../contracts/staking/NFTStakingVault.sol";

/// @notice Drives the vault with random stakes, unstakes, emergency exits, claims, keeper posts, rate changes and
/// time, over a few actors and their tracks. Ghosts: MINT emitted (rate x time) and paid.
contract StakingHandler is CommonBase, StdCheats, StdUtils {
    NFTStakingVault public immutable vault;
    IERC721 public immutable music;
    address public immutable timelock;
    address public immutable keeper;

    address[] internal _actors;
    uint256[] internal _tokens;
    /// @dev who minted each token (it always goes back to them)
    mapping(uint256 tokenId => address) public holderOf;

    uint256 public ghostEmitted;
    uint256 public ghostPaid;
    uint256 public ghostRate;
    uint256 public ghostLastTime;
    uint256 public ghostEmergencies;

    constructor(
        NFTStakingVault vault_,
        address timelock_,
        address keeper_,
        address[] memory actors_,
        uint256[] memory tokens_,
        address[] memory holders
    ) {
        vault = vault_;
        music = vault_.musicNFT();
        timelock = timelock_;
        keeper = keeper_;
        _actors = actors_;
        _tokens = tokens_;
        for (uint256 i; i < tokens_.length; ++i) holderOf[tokens_[i]] = holders[i];
        ghostRate = vault_.rewardRate();
        ghostLastTime = block.timestamp;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    /// @dev every action first books the emissions since the last one at the rate that held
    modifier booked() {
        ghostEmitted += ghostRate * (block.timestamp - ghostLastTime);
        ghostLastTime = block.timestamp;
        _;
    }

    function stake(uint256 tokenSeed) external booked {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        address holder = holderOf[tokenId];
        if (music.ownerOf(tokenId) != holder) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vm.prank(holder);
        vault.stake(ids);
    }

    function unstake(uint256 tokenSeed, bool emergency) external booked {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        address holder = holderOf[tokenId];
        if (music.ownerOf(tokenId) != address(vault)) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vm.prank(holder);
        if (emergency) {
            ++ghostEmergencies;
            vault.emergencyUnstake(ids);
        } else vault.unstake(ids);
    }

    function claim(uint256 actorSeed) external booked {
        address actor = _actors[actorSeed % _actors.length];
        if (vault.pendingRewards(actor) == 0) return;
        vm.prank(actor);
        ghostPaid += vault.claim();
    }

    function warp(uint256 seconds_) external booked {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
        ghostEmitted += ghostRate * (block.timestamp - ghostLastTime);
        ghostLastTime = block.timestamp;
    }

    function post(uint256 tokenSeed, uint256 bps) external booked {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        uint16[] memory values = new uint16[](1);
        values[0] = uint16(bound(bps, vault.MIN_PLAY_BPS(), vault.MAX_PLAY_BPS()));
        vm.prank(keeper);
        // a second post in the same epoch reverts by design
        try vault.postPlayMultipliers(ids, values) {} catch {}
    }

    function setRate(uint256 rate) external booked {
        rate = bound(rate, 0, 1 ether);
        vm.prank(timelock);
        vault.setRewardRate(rate);
        ghostRate = rate;
    }
}
