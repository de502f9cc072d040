// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title INFTStakingVault
/// @notice Stake music NFTs, earn MINT. Each staked NFT has a weight: its tier's weight (set by governance) times a
/// play multiplier in basis points (default 10,000) that the keeper may post within bounds, at most once per epoch
/// per token. MINT is emitted at `rewardRate` (set by governance, bounded by `maxRewardRate`) and shared by weight
/// (reward-per-weight accumulator scaled by 1e18). While nothing is staked, emissions collect in an undistributed
/// carry that the next stakers share; rounding remainders are carried, never dropped. Rewards are paid by minting
/// from the vault's MINT emissions budget (granted by governance on MintToken).
interface INFTStakingVault {
    /// @notice `staker` staked `tokenId` with `weight` (tier weight x play multiplier bps).
    event Staked(address indexed staker, uint256 indexed tokenId, uint256 weight);
    /// @notice `staker` took `tokenId` back; its rewards so far stay owed to `staker`.
    event Unstaked(address indexed staker, uint256 indexed tokenId);
    /// @notice `staker` took `tokenId` back by the emergency path, without touching the reward accounting.
    event EmergencyUnstaked(address indexed staker, uint256 indexed tokenId);
    /// @notice `staker` gave up `forfeited` MINT (18 decimals) of owed rewards by using the emergency path.
    event RewardsForfeited(address indexed staker, uint256 forfeited);
    /// @notice `staker` was paid `amount` MINT (18 decimals).
    event RewardsClaimed(address indexed staker, uint256 amount);
    /// @notice Governance set the emission rate (MINT wei per second).
    event RewardRateSet(uint256 rate);
    /// @notice Governance set the weight of `tier` (applies to NFTs staked from now on).
    event TierWeightSet(uint8 indexed tier, uint256 weight);
    /// @notice Governance set the keeper that posts play multipliers.
    event KeeperSet(address indexed keeper);
    /// @notice The keeper posted `tokenId`'s play multiplier (bps) in `epoch`; a staked token's weight became
    /// `weight`.
    event PlayMultiplierPosted(uint256 indexed tokenId, uint256 indexed epoch, uint256 multiplierBps, uint256 weight);

    /// @notice An empty list of token ids.
    error NFTStakingVaultNoTokens();
    /// @notice `tokenId` is not staked by the caller.
    error NFTStakingVaultNotStaker(uint256 tokenId, address caller);
    /// @notice The tier of `tokenId` has no weight: it cannot be staked.
    error NFTStakingVaultTierNotStakeable(uint256 tokenId, uint8 tier);
    /// @notice A tier weight outside [MIN_TIER_WEIGHT, MAX_TIER_WEIGHT] (0 is allowed: not stakeable).
    error NFTStakingVaultTierWeightOutOfBounds(uint8 tier, uint256 weight);
    /// @notice Tier ids and weights of different lengths.
    error NFTStakingVaultLengthMismatch(uint256 a, uint256 b);
    /// @notice A reward rate above `maxRewardRate`.
    error NFTStakingVaultRewardRateTooHigh(uint256 rate, uint256 max);
    /// @notice Only the keeper may post play multipliers.
    error NFTStakingVaultNotKeeper(address caller);
    /// @notice A play multiplier outside [MIN_PLAY_BPS, MAX_PLAY_BPS].
    error NFTStakingVaultPlayMultiplierOutOfBounds(uint256 tokenId, uint256 multiplierBps);
    /// @notice `tokenId`'s play multiplier was already posted in `epoch`.
    error NFTStakingVaultAlreadyPostedThisEpoch(uint256 tokenId, uint256 epoch);
    /// @notice Nothing to claim.
    error NFTStakingVaultNothingToClaim(address staker);
    /// @notice Minting `amount` MINT from the emissions budget failed (budget exhausted?); the rewards stay owed.
    error NFTStakingVaultRewardMintFailed(address staker, uint256 amount);

    /// @notice Pulls `tokenIds` from the caller (transferFrom; approve the vault first) and stakes them.
    function stake(uint256[] calldata tokenIds) external;

    /// @notice Returns `tokenIds` to the caller. Never mints: the rewards earned stay owed until `claim`.
    function unstake(uint256[] calldata tokenIds) external;

    /// @notice Returns `tokenIds` without updating the reward accounting and forfeits the caller's owed rewards.
    /// For when the reward side fails (overflowed accumulator, broken token); needs nothing but the NFT.
    function emergencyUnstake(uint256[] calldata tokenIds) external;

    /// @notice Mints the caller's owed rewards to them; reverts with NFTStakingVaultRewardMintFailed if the mint
    /// fails (the rewards stay owed).
    function claim() external returns (uint256 amount);

    /// @notice Keeper: posts play multipliers (bps) for `tokenIds`, each within bounds and once per epoch per token.
    function postPlayMultipliers(uint256[] calldata tokenIds, uint16[] calldata multipliersBps) external;

    /// @notice Governance: the emission rate in MINT wei per second, at most `maxRewardRate`.
    function setRewardRate(uint256 rate) external;

    /// @notice Governance: the weight of a tier within bounds (0 = not stakeable); applies to new stakes.
    function setTierWeight(uint8 tier, uint32 weight) external;

    /// @notice Governance: the keeper account.
    function setKeeper(address keeper) external;

    /// @notice The rewards `staker` could claim now (MINT wei, rounded down; the fraction stays theirs).
    function pendingRewards(address staker) external view returns (uint256);

    /// @notice Who staked `tokenId` (zero if not staked), its weight, and its play multiplier (bps).
    function stakeOf(
        uint256 tokenId
    ) external view returns (address staker, uint256 weight, uint256 multiplierBps, uint256 postedEpoch);

    /// @notice The staked weight of `staker`.
    function weightOf(address staker) external view returns (uint256);

    /// @notice The sum of all staked weights.
    function totalWeight() external view returns (uint256);

    /// @notice Emissions not yet handed to stakers, scaled by 1e18: what accrued while nothing was staked plus the
    /// rounding remainder of the accumulator, as of now.
    function carry() external view returns (uint256);

    /// @notice The current emission rate (MINT wei per second).
    function rewardRate() external view returns (uint256);

    /// @notice The keeper account.
    function keeper() external view returns (address);

    /// @notice The weight of `tier` (0 = not stakeable).
    function tierWeight(uint8 tier) external view returns (uint256);
}
