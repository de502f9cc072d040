// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {RewardsDistributor} from "../../../contracts/rewards/RewardsDistributor.sol";
import {MerkleTreeHelper} from "../MerkleTreeHelper.sol";

/// @notice Drives the distributor with an honest keeper (cumulative leaves that never decrease, totals within the
/// epoch budget), guardian vetoes, time, honest claims and forged claims (a leaf's amount plus one), over a few
/// accounts. It keeps its own model of which root is live (latest once its window is over unless vetoed, else the
/// fallback) to check the contract's choice. Ghosts: what claims paid, and whether a forged claim ever paid.
contract RewardsHandler is CommonBase, StdUtils, MerkleTreeHelper {
    RewardsDistributor public immutable distributor;
    address public immutable keeper;
    address public immutable guardian;
    uint256 public immutable epochBudget;
    uint256 public immutable window;

    address[] internal _accounts;

    uint64 public latestEpoch;
    uint64 public fallbackEpoch;
    uint256 public latestClaimableAt;
    bool public latestVetoed;
    uint256[] internal _latestAmounts;
    uint256[] internal _fallbackAmounts;

    uint256 public ghostPaid;
    bool public ghostForgedClaimPaid;
    uint256 public ghostClaims;

    constructor(RewardsDistributor distributor_, address[] memory accounts_) {
        distributor = distributor_;
        keeper = distributor_.keeper();
        guardian = distributor_.guardian();
        epochBudget = distributor_.epochBudget();
        window = distributor_.challengeWindow();
        _accounts = accounts_;
        _latestAmounts = new uint256[](accounts_.length);
        _fallbackAmounts = new uint256[](accounts_.length);
    }

    // ---------------------------------------------------------------- actions

    /// @dev The keeper posts the next epoch: each account's cumulative amount grows by a random share of the budget.
    function post(uint256 seed, uint8 epochGap) external {
        if (latestEpoch != 0 && !latestVetoed && block.timestamp < latestClaimableAt) return; // still pending
        if (latestEpoch != 0 && !latestVetoed) {
            _fallbackAmounts = _latestAmounts;
            fallbackEpoch = latestEpoch;
        }
        uint256 n = _accounts.length;
        uint256[] memory amounts = new uint256[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            uint256 delta = uint256(keccak256(abi.encode(seed, i))) % (epochBudget / n + 1);
            amounts[i] = _fallbackAmounts[i] + delta;
            total += amounts[i];
        }
        uint64 epoch = latestEpoch + 1 + (epochGap % 3);
        vm.prank(keeper);
        distributor.postRoot(epoch, _root(_leaves(_accounts, amounts)), total);
        latestEpoch = epoch;
        latestClaimableAt = block.timestamp + window;
        latestVetoed = false;
        _latestAmounts = amounts;
    }

    /// @dev The guardian vetoes the latest root if it is still in its window.
    function veto() external {
        if (latestEpoch == 0 || latestVetoed || block.timestamp >= latestClaimableAt) return;
        vm.prank(guardian);
        distributor.veto(latestEpoch);
        latestVetoed = true;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 * window));
    }

    /// @dev Anyone claims an account's live leaf.
    function claim(uint256 accountSeed) external {
        (bool live, uint256[] memory amounts) = _live();
        if (!live) return;
        uint256 i = accountSeed % _accounts.length;
        address account = _accounts[i];
        uint256 already = distributor.claimed(account);
        if (amounts[i] <= already) return;
        bytes32[] memory proof = _proof(_leaves(_accounts, amounts), i);
        ghostPaid += distributor.claim(account, amounts[i], proof);
        ghostClaims++;
    }

    /// @dev A forged claim: the live proof of a leaf with its amount raised, or the pending root's leaf.
    function forge(uint256 accountSeed, bool pending) external {
        uint256 i = accountSeed % _accounts.length;
        (, uint256[] memory amounts) = _live();
        uint256 amount = amounts[i] + 1;
        bytes32[] memory proof = _proof(_leaves(_accounts, amounts), i);
        if (pending && _latestIsPendingOrVetoed()) {
            amounts = _latestAmounts;
            amount = amounts[i];
            proof = _proof(_leaves(_accounts, amounts), i);
        }
        try distributor.claim(_accounts[i], amount, proof) returns (uint256 paid) {
            if (paid != 0) ghostForgedClaimPaid = true;
        } catch {}
    }

    // ---------------------------------------------------------------- model

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    /// @dev The amounts of the live root in the model (zeros if none).
    function liveAmounts() external view returns (bool live, uint256[] memory amounts) {
        return _live();
    }

    /// @dev The live epoch in the model (0 if none).
    function liveEpoch() external view returns (uint64) {
        if (latestEpoch != 0 && !_latestIsPendingOrVetoed()) return latestEpoch;
        return fallbackEpoch;
    }

    function _latestIsPendingOrVetoed() private view returns (bool) {
        return latestVetoed || block.timestamp < latestClaimableAt;
    }

    function _live() private view returns (bool, uint256[] memory) {
        if (latestEpoch != 0 && !_latestIsPendingOrVetoed()) return (true, _latestAmounts);
        return (fallbackEpoch != 0, _fallbackAmounts);
    }
}
