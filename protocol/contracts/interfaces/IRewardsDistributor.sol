// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IRewardsDistributor
/// @notice Pays MINT rewards computed off-chain, one Merkle root per epoch. Roots are cumulative: a leaf
/// `(account, cumulativeAmount)` says how much `account` has earned since the start, so a later root supersedes the
/// earlier ones (and corrects them) and a claim pays `cumulativeAmount - claimed[account]`. Leaves are hashed twice,
/// `keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))))` as OpenZeppelin's StandardMerkleTree
/// does, so no 64-byte internal node can be presented as a leaf; pairs are hashed sorted (OpenZeppelin MerkleProof).
///
/// The keeper posts roots with strictly increasing epochs and a declared `totalCumulative` (the sum of all leaves,
/// counting an account already paid more than its corrected leaf at what it was paid), which may grow by at most `epochBudget` over the live root's total. A posted root becomes claimable after
/// `challengeWindow` seconds; during the window the guardian may veto it, and the previous live root stays in force.
/// The guardian is the check that a root's leaves match its declared total (claims do not track a global total:
/// that would cost every claim a storage write); MINT's emissions budget, granted by the timelock, bounds what can
/// be minted in all. Rewards are minted from that budget.
interface IRewardsDistributor {
    /// @notice One claim of a batch.
    struct Claim {
        address account;
        uint256 cumulativeAmount;
        bytes32[] proof;
    }

    /// @notice The keeper posted `root` for `epoch`, summing to `totalCumulative`; claimable from `claimableAt`.
    event RootPosted(uint64 indexed epoch, bytes32 root, uint256 totalCumulative, uint256 claimableAt);
    /// @notice The guardian vetoed `epoch`'s root during its challenge window; the previous live root stays in force.
    event RootVetoed(uint64 indexed epoch, bytes32 root);
    /// @notice `account` was paid `amount` MINT, bringing what it has claimed to `cumulativeAmount`.
    event Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount);
    /// @notice Governance set the keeper (posts roots).
    event KeeperSet(address indexed keeper);
    /// @notice Governance set the guardian (vetoes roots).
    event GuardianSet(address indexed guardian);
    /// @notice Governance set the challenge window (seconds) of roots posted from now on.
    event ChallengeWindowSet(uint256 challengeWindow);
    /// @notice Governance set the epoch budget (MINT wei a new root's total may add to the live root's total).
    event EpochBudgetSet(uint256 epochBudget);

    /// @notice Only the keeper may post roots.
    error RewardsDistributorNotKeeper(address caller);
    /// @notice Only the guardian may veto roots.
    error RewardsDistributorNotGuardian(address caller);
    /// @notice A root must be nonzero (in its first 28 bytes, the part claims compare).
    error RewardsDistributorZeroRoot();
    /// @notice `epoch` is not above the latest posted epoch `latest`.
    error RewardsDistributorEpochNotIncreasing(uint64 epoch, uint64 latest);
    /// @notice The latest root (`epoch`) is still in its challenge window until `claimableAt`: it must go live or be
    /// vetoed before the next root is posted.
    error RewardsDistributorRootPending(uint64 epoch, uint256 claimableAt);
    /// @notice `totalCumulative` exceeds the live root's total `liveTotal` by more than `epochBudget`.
    error RewardsDistributorOverBudget(uint256 totalCumulative, uint256 liveTotal, uint256 epochBudget);
    /// @notice `epoch` is not the latest posted root: only that one can be vetoed.
    error RewardsDistributorUnknownEpoch(uint64 epoch);
    /// @notice `epoch`'s root was vetoed (raised by a second veto, or by a claim proven only against it).
    error RewardsDistributorVetoed(uint64 epoch);
    /// @notice `epoch`'s challenge window ended at `claimableAt`: it is live and can no longer be vetoed.
    error RewardsDistributorWindowOver(uint64 epoch, uint256 claimableAt);
    /// @notice The proof is valid only for the latest root (`epoch`), still in its challenge window until
    /// `claimableAt`.
    error RewardsDistributorWindowNotOver(uint64 epoch, uint256 claimableAt);
    /// @notice No root is live yet.
    error RewardsDistributorNoLiveRoot();
    /// @notice The proof does not show `(account, cumulativeAmount)` in the live root.
    error RewardsDistributorInvalidProof(address account, uint256 cumulativeAmount);
    /// @notice `account` has already claimed `claimed` >= `cumulativeAmount`.
    error RewardsDistributorNothingToClaim(address account, uint256 cumulativeAmount, uint256 claimed);
    /// @notice A challenge window outside [MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW].
    error RewardsDistributorChallengeWindowOutOfBounds(uint256 challengeWindow);
    /// @notice An epoch budget above MAX_EPOCH_BUDGET.
    error RewardsDistributorEpochBudgetTooHigh(uint256 epochBudget);

    /// @notice Keeper: posts `root` for `epoch` (above the latest), whose leaves sum to `totalCumulative`.
    function postRoot(uint64 epoch, bytes32 root, uint256 totalCumulative) external;

    /// @notice Guardian: vetoes the latest root (`epoch`) during its challenge window.
    function veto(uint64 epoch) external;

    /// @notice Pays `account` (anyone may call) `cumulativeAmount - claimed(account)`, proven in the live root.
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external returns (uint256);

    /// @notice `claim` for each entry; reverts as a whole if any fails. Returns the total paid.
    function claimMany(Claim[] calldata claims) external returns (uint256 paid);

    /// @notice Governance: the keeper account (zero: nobody posts).
    function setKeeper(address keeper) external;

    /// @notice Governance: the guardian account (zero: nobody vetoes).
    function setGuardian(address guardian) external;

    /// @notice Governance: the challenge window of roots posted from now on, within bounds.
    function setChallengeWindow(uint40 challengeWindow) external;

    /// @notice Governance: the epoch budget, at most MAX_EPOCH_BUDGET.
    function setEpochBudget(uint256 epochBudget) external;

    /// @notice What `account` has claimed in all (MINT wei).
    function claimed(address account) external view returns (uint256);

    /// @notice The root claims are proven against now (epoch 0 and zero root before any is live).
    function liveRoot() external view returns (uint64 epoch, bytes32 root, uint256 totalCumulative);

    /// @notice The latest posted root, live, pending or vetoed (`claimableAt` reads type(uint32).max once vetoed).
    function latestRoot()
        external
        view
        returns (uint64 epoch, bytes32 root, uint256 totalCumulative, uint256 claimableAt, bool vetoed);
}
