// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {IMusicNFT} from "../interfaces/IMusicNFT.sol";
import {INFTStakingVault} from "../interfaces/INFTStakingVault.sol";

/// @title NFTStakingVault
/// @notice Stake music NFTs, earn MINT minted from this vault's emissions budget (see INFTStakingVault).
///
/// Accounting (Synthetix style, lazily updated): `rewardPerWeight` grows by `emitted * 1e18 / totalWeight`; a
/// staker earns `weight * (rewardPerWeight - checkpoint)` (scaled by 1e18) and keeps that scaled amount, so the
/// fraction below one wei is never rounded away. The remainder of the division and everything emitted while
/// nothing is staked stay in `carry` (scaled by 1e18) and go to the stakers of the next update.
///
/// Invariant: rewards paid + rewards owed (claimable and not yet settled, with their sub-wei fractions)
/// + carry / 1e18 + forfeited by emergency exits == rewardRate x time emitted, so paid + owed <= emitted. Every staked NFT is held here with a stake record, and
/// the sum of the stakers' weights is `totalWeight`.
///
/// Storage per stake: one slot per NFT (staker, weight, play multiplier, epoch posted), one per staker (weight,
/// checkpoint); global state in two slots.
contract NFTStakingVault is INFTStakingVault, Ownable, ReentrancyGuardTransient {
    using SafeCast for uint256;

    /// @notice Bounds of a tier weight set by governance (0 is also allowed: the tier is not stakeable).
    uint32 public constant MIN_TIER_WEIGHT = 1;
    uint32 public constant MAX_TIER_WEIGHT = 1_000;
    /// @notice Bounds of a play multiplier posted by the keeper, and its default (basis points).
    uint16 public constant MIN_PLAY_BPS = 5_000;
    uint16 public constant MAX_PLAY_BPS = 30_000;
    uint16 public constant DEFAULT_PLAY_BPS = 10_000;
    /// @notice A token's play multiplier changes at most once per epoch (seconds).
    uint256 public constant EPOCH_LENGTH = 1 days;
    uint256 internal constant _SCALE = 1e18;

    /// @dev One slot per NFT. The play multiplier outlives the stake (the keeper may post for unstaked tokens).
    struct StakeRecord {
        address staker; // zero when not staked
        uint48 weight; // tier weight x play multiplier bps; zero when not staked
        uint16 playBps; // zero = DEFAULT_PLAY_BPS
        uint32 postedEpoch; // epoch + 1 of the last post, zero = never
    }

    /// @dev One slot per staker.
    struct StakerRecord {
        uint96 weight;
        uint160 checkpoint; // rewardPerWeight at the last settlement
    }

    /// @dev The state every action touches, one slot.
    struct Pool {
        uint160 rewardPerWeight; // MINT wei per unit of weight, scaled by 1e18
        uint56 totalWeight;
        uint40 lastUpdate; // seconds
    }

    /// @dev The emission rate and the carry, one slot.
    struct Emission {
        uint96 rate; // MINT wei per second
        uint160 carry; // MINT wei scaled by 1e18
    }

    /// @notice The music NFT collection.
    IERC721 public immutable musicNFT;
    /// @notice MINT: rewards are minted from this vault's emissions budget.
    IMintToken public immutable mintToken;
    /// @notice The highest emission rate governance may set (MINT wei per second).
    uint256 public immutable maxRewardRate;

    Pool internal _pool;
    Emission internal _emission;
    /// @inheritdoc INFTStakingVault
    address public keeper;

    mapping(uint256 tokenId => StakeRecord) internal _stakes;
    mapping(address staker => StakerRecord) internal _stakers;
    /// @dev settled, unpaid rewards, MINT wei scaled by 1e18
    mapping(address staker => uint256) internal _owedScaled;
    mapping(uint8 tier => uint32) internal _tierWeights;

    /// @param owner_ the timelock: sets the rate, tier weights and keeper
    /// @param musicNFT_ the MusicNFT collection
    /// @param mintToken_ MINT; governance grants this vault an emissions budget on it
    /// @param maxRewardRate_ the bound on the emission rate (MINT wei per second)
    /// @param tierIds tiers given a weight at deployment
    /// @param tierWeights their weights, each within [MIN_TIER_WEIGHT, MAX_TIER_WEIGHT]
    constructor(
        address owner_,
        IERC721 musicNFT_,
        IMintToken mintToken_,
        uint96 maxRewardRate_,
        uint8[] memory tierIds,
        uint32[] memory tierWeights
    ) Ownable(owner_) {
        if (tierIds.length != tierWeights.length) {
            revert NFTStakingVaultLengthMismatch(tierIds.length, tierWeights.length);
        }
        musicNFT = musicNFT_;
        mintToken = mintToken_;
        maxRewardRate = maxRewardRate_;
        _pool.lastUpdate = uint40(block.timestamp);
        for (uint256 i; i < tierIds.length; ++i) _setTierWeight(tierIds[i], tierWeights[i]);
    }

    // ---------------------------------------------------------------- staking

    /// @inheritdoc INFTStakingVault
    function stake(uint256[] calldata tokenIds) external nonReentrant {
        if (tokenIds.length == 0) revert NFTStakingVaultNoTokens();
        Pool memory pool = _accrue();
        StakerRecord memory staker = _settle(msg.sender, pool.rewardPerWeight);
        uint256 added;
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            uint8 tier = IMusicNFT(address(musicNFT)).tierOf(tokenId);
            uint256 tierWeight_ = _tierWeights[tier];
            if (tierWeight_ == 0) revert NFTStakingVaultTierNotStakeable(tokenId, tier);
            StakeRecord memory record = _stakes[tokenId];
            uint256 weight = tierWeight_ * _playBps(record);
            record.staker = msg.sender;
            record.weight = uint48(weight); // at most MAX_TIER_WEIGHT x MAX_PLAY_BPS = 3e7
            _stakes[tokenId] = record;
            added += weight;
            emit Staked(msg.sender, tokenId, weight);
            // reverts unless the caller owns the token and approved this vault
            musicNFT.transferFrom(msg.sender, address(this), tokenId);
        }
        staker.weight = (staker.weight + added).toUint96();
        _stakers[msg.sender] = staker;
        pool.totalWeight = (pool.totalWeight + added).toUint56();
        _pool = pool;
    }

    /// @inheritdoc INFTStakingVault
    function unstake(uint256[] calldata tokenIds) external nonReentrant {
        if (tokenIds.length == 0) revert NFTStakingVaultNoTokens();
        Pool memory pool = _accrue();
        StakerRecord memory staker = _settle(msg.sender, pool.rewardPerWeight);
        uint256 removed = _release(tokenIds, false);
        // unchecked: the released weights are part of the staker's weight and of the total
        unchecked {
            staker.weight -= uint96(removed);
            pool.totalWeight -= uint56(removed);
        }
        _stakers[msg.sender] = staker;
        _pool = pool;
        _returnTokens(tokenIds);
    }

    /// @inheritdoc INFTStakingVault
    function emergencyUnstake(uint256[] calldata tokenIds) external nonReentrant {
        if (tokenIds.length == 0) revert NFTStakingVaultNoTokens();
        uint256 removed = _release(tokenIds, true);
        StakerRecord memory staker = _stakers[msg.sender];
        // unchecked: the released weights are part of the staker's weight and of the total
        unchecked {
            staker.weight -= uint96(removed);
            _pool.totalWeight -= uint56(removed);
        }
        // the remaining weight earns from the last stored accumulator on; what was owed or unsettled is forfeited
        // (never minted: it stays in the emissions budget)
        staker.checkpoint = _pool.rewardPerWeight;
        _stakers[msg.sender] = staker;
        uint256 forfeited = _owedScaled[msg.sender];
        if (forfeited != 0) {
            delete _owedScaled[msg.sender];
            emit RewardsForfeited(msg.sender, forfeited / _SCALE);
        }
        _returnTokens(tokenIds);
    }

    /// @inheritdoc INFTStakingVault
    function claim() external nonReentrant returns (uint256 amount) {
        Pool memory pool = _accrue();
        _stakers[msg.sender] = _settle(msg.sender, pool.rewardPerWeight);
        _pool = pool;
        uint256 owedScaled = _owedScaled[msg.sender];
        amount = owedScaled / _SCALE;
        if (amount == 0) revert NFTStakingVaultNothingToClaim(msg.sender);
        // keep the fraction below one wei: it is the staker's
        _owedScaled[msg.sender] = owedScaled % _SCALE;
        emit RewardsClaimed(msg.sender, amount);
        try mintToken.mint(msg.sender, amount) {} catch {
            revert NFTStakingVaultRewardMintFailed(msg.sender, amount);
        }
    }

    // ---------------------------------------------------------------- keeper and governance

    /// @inheritdoc INFTStakingVault
    function postPlayMultipliers(uint256[] calldata tokenIds, uint16[] calldata multipliersBps) external {
        if (msg.sender != keeper) revert NFTStakingVaultNotKeeper(msg.sender);
        if (tokenIds.length != multipliersBps.length) {
            revert NFTStakingVaultLengthMismatch(tokenIds.length, multipliersBps.length);
        }
        Pool memory pool = _accrue();
        uint256 epoch = block.timestamp / EPOCH_LENGTH;
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            uint256 bps = multipliersBps[i];
            if (bps < MIN_PLAY_BPS || bps > MAX_PLAY_BPS) {
                revert NFTStakingVaultPlayMultiplierOutOfBounds(tokenId, bps);
            }
            StakeRecord memory record = _stakes[tokenId];
            if (record.postedEpoch == epoch + 1) revert NFTStakingVaultAlreadyPostedThisEpoch(tokenId, epoch);
            uint256 newWeight;
            if (record.staker != address(0)) {
                // the tier weight is the one the token was staked with: weight / old multiplier is exact
                newWeight = (record.weight / _playBps(record)) * bps;
                StakerRecord memory staker = _settle(record.staker, pool.rewardPerWeight);
                staker.weight = (staker.weight - record.weight + newWeight).toUint96();
                _stakers[record.staker] = staker;
                pool.totalWeight = (pool.totalWeight - record.weight + newWeight).toUint56();
                record.weight = uint48(newWeight); // at most MAX_TIER_WEIGHT x MAX_PLAY_BPS
            }
            record.playBps = uint16(bps);
            record.postedEpoch = uint32(epoch + 1);
            _stakes[tokenId] = record;
            emit PlayMultiplierPosted(tokenId, epoch, bps, newWeight);
        }
        _pool = pool;
    }

    /// @inheritdoc INFTStakingVault
    function setRewardRate(uint256 rate) external onlyOwner {
        if (rate > maxRewardRate) revert NFTStakingVaultRewardRateTooHigh(rate, maxRewardRate);
        // what accrued so far was promised at the old rate
        _pool = _accrue();
        _emission.rate = uint96(rate); // rate <= maxRewardRate, a uint96
        emit RewardRateSet(rate);
    }

    /// @inheritdoc INFTStakingVault
    function setTierWeight(uint8 tier, uint32 weight) external onlyOwner {
        _setTierWeight(tier, weight);
    }

    /// @inheritdoc INFTStakingVault
    function setKeeper(address keeper_) external onlyOwner {
        keeper = keeper_;
        emit KeeperSet(keeper_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc INFTStakingVault
    function pendingRewards(address staker) external view returns (uint256) {
        (Pool memory pool, ) = _accrued();
        StakerRecord memory record = _stakers[staker];
        return (_owedScaled[staker] + uint256(record.weight) * (pool.rewardPerWeight - record.checkpoint)) / _SCALE;
    }

    /// @inheritdoc INFTStakingVault
    function stakeOf(
        uint256 tokenId
    ) external view returns (address staker, uint256 weight, uint256 multiplierBps, uint256 postedEpoch) {
        StakeRecord memory record = _stakes[tokenId];
        postedEpoch = record.postedEpoch == 0 ? 0 : record.postedEpoch - 1;
        return (record.staker, record.weight, _playBps(record), postedEpoch);
    }

    /// @inheritdoc INFTStakingVault
    function weightOf(address staker) external view returns (uint256) {
        return _stakers[staker].weight;
    }

    /// @inheritdoc INFTStakingVault
    function totalWeight() external view returns (uint256) {
        return _pool.totalWeight;
    }

    /// @inheritdoc INFTStakingVault
    function carry() external view returns (uint256) {
        (, Emission memory emission) = _accrued();
        return emission.carry;
    }

    /// @inheritdoc INFTStakingVault
    function rewardRate() external view returns (uint256) {
        return _emission.rate;
    }

    /// @inheritdoc INFTStakingVault
    function tierWeight(uint8 tier) external view returns (uint256) {
        return _tierWeights[tier];
    }

    // ---------------------------------------------------------------- internals

    /// @dev Brings the accumulator up to now, stores the emission slot and returns the pool for the caller to store.
    function _accrue() private returns (Pool memory pool) {
        Emission memory emission;
        (pool, emission) = _accrued();
        if (pool.lastUpdate != _pool.lastUpdate) _emission = emission;
    }

    /// @dev The pool and emission as they are now: everything emitted since the last update, plus the carry, is
    /// shared by weight; the remainder (or all of it when nothing is staked) is carried.
    function _accrued() private view returns (Pool memory pool, Emission memory emission) {
        pool = _pool;
        emission = _emission;
        uint256 elapsed = block.timestamp - pool.lastUpdate;
        if (elapsed == 0) return (pool, emission);
        uint256 scaled = uint256(emission.rate) * elapsed * _SCALE + emission.carry;
        if (pool.totalWeight == 0) {
            emission.carry = scaled.toUint160();
        } else {
            pool.rewardPerWeight = (pool.rewardPerWeight + scaled / pool.totalWeight).toUint160();
            emission.carry = uint160(scaled % pool.totalWeight); // below totalWeight, a uint56
        }
        pool.lastUpdate = uint40(block.timestamp);
    }

    /// @dev Moves what `account` earned since its checkpoint into its owed rewards; returns its record, updated,
    /// for the caller to store.
    function _settle(address account, uint160 rewardPerWeight) private returns (StakerRecord memory record) {
        record = _stakers[account];
        if (record.weight != 0 && record.checkpoint != rewardPerWeight) {
            _owedScaled[account] += uint256(record.weight) * (rewardPerWeight - record.checkpoint);
        }
        record.checkpoint = rewardPerWeight;
    }

    /// @dev Clears the caller's stake records of `tokenIds`; returns their total weight.
    function _release(uint256[] calldata tokenIds, bool emergency) private returns (uint256 removed) {
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            StakeRecord memory record = _stakes[tokenId];
            if (record.staker != msg.sender) revert NFTStakingVaultNotStaker(tokenId, msg.sender);
            removed += record.weight;
            record.staker = address(0);
            record.weight = 0;
            _stakes[tokenId] = record;
            if (emergency) emit EmergencyUnstaked(msg.sender, tokenId);
            else emit Unstaked(msg.sender, tokenId);
        }
    }

    function _returnTokens(uint256[] calldata tokenIds) private {
        for (uint256 i; i < tokenIds.length; ++i) musicNFT.transferFrom(address(this), msg.sender, tokenIds[i]);
    }

    function _setTierWeight(uint8 tier, uint32 weight) private {
        if (weight != 0 && (weight < MIN_TIER_WEIGHT || weight > MAX_TIER_WEIGHT)) {
            revert NFTStakingVaultTierWeightOutOfBounds(tier, weight);
        }
        _tierWeights[tier] = weight;
        emit TierWeightSet(tier, weight);
    }

    function _playBps(StakeRecord memory record) private pure returns (uint256) {
        return record.playBps == 0 ? DEFAULT_PLAY_BPS : record.playBps;
    }
}
