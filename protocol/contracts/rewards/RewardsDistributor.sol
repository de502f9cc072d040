// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IMintToken} from "../../../governance/contracts/interfaces/IMintToken.sol";
import {IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";

/// @title RewardsDistributor
/// @notice Cumulative per-epoch Merkle rewards in MINT, with a challenge window and a guardian veto (see
/// IRewardsDistributor).
///
/// Roots: at most two matter at any time. The latest posted root is claimable once its window is over unless it was
/// vetoed; until then claims use the fallback, the root that was live when the latest was posted. The next post
/// needs the latest to be live or vetoed (RootPending otherwise) and, if it is live, makes it the fallback. So "the
/// latest root whose window has passed and that was not vetoed" is always the latest or the fallback, chosen by one
/// timestamp comparison, and a claim writes nothing but the claimer's record.
///
/// Storage, laid out for the claim: a first-time claim reads two slots and writes one.
/// - `_latest`: the latest root's first 28 bytes and the time it becomes claimable (type(uint32).max once vetoed),
///   one slot: the only read a claim needs besides the claimer's record while the latest root is live, which is
///   most of the time. Claims compare the first 224 bits of the proven root: forging a proof means finding a
///   keccak preimage path onto 224 given bits (2^224 work); a collision between two trees (2^112) would have to
///   be made by the keeper, who posts the roots anyway.
/// - `_fallbackRoot`: read by a claim only while the latest root is pending or vetoed.
/// - `claimed[account]`: a full slot per account. Amounts fit a uint96 (MINT's cap is 1e27 < 2^96) but a narrower
///   type would save nothing: nothing else per account is stored to pack it with, and a zero-to-nonzero write
///   costs the same for any width.
/// - `_roots`: full roots, totals and epochs, read and written by postRoot and veto, read by views.
/// There is no running total of claims: keeping one would cost every claim a storage write (2,900 gas at best).
///
/// Invariant: claimed[account] only grows, and each increase is proven against the root live at the time, so an
/// account is paid at most its largest proven cumulative amount.
contract RewardsDistributor is IRewardsDistributor, Ownable {
    using SafeCast for uint256;

    /// @notice Bounds of the challenge window governance may set (seconds).
    uint40 public constant MIN_CHALLENGE_WINDOW = 1 hours;
    uint40 public constant MAX_CHALLENGE_WINDOW = 14 days;
    /// @notice The largest epoch budget governance may set: 1% of MINT's 1e9 cap.
    uint256 public constant MAX_EPOCH_BUDGET = 10_000_000 ether;
    /// @dev `_latest.claimableAt` of a vetoed root: it never goes live.
    uint32 internal constant _VETOED = type(uint32).max;

    /// @dev The claim's slot.
    struct Latest {
        bytes28 rootPrefix;
        uint32 claimableAt;
    }

    /// @dev What posting and the views need.
    struct Roots {
        bytes32 latestRoot;
        uint96 latestTotal;
        uint96 fallbackTotal;
        uint64 latestEpoch;
        uint64 fallbackEpoch;
    }

    /// @notice MINT: rewards are minted from this contract's emissions budget.
    IMintToken public immutable mintToken;

    Latest internal _latest;
    bytes32 internal _fallbackRoot;
    Roots internal _roots;

    /// @inheritdoc IRewardsDistributor
    mapping(address account => uint256) public claimed;

    /// @notice Posts roots (packed with the window: postRoot reads both).
    address public keeper;
    /// @notice Seconds from a root's posting until it is claimable.
    uint40 public challengeWindow;
    /// @notice Vetoes roots in their window.
    address public guardian;
    /// @notice MINT wei a new root's total may add to the live root's total.
    uint96 public epochBudget;

    /// @param owner_ the timelock: sets the keeper, guardian, window and budget
    /// @param mintToken_ MINT; governance grants this contract an emissions budget on it
    /// @param keeper_ posts roots
    /// @param guardian_ vetoes roots
    /// @param challengeWindow_ seconds before a posted root is claimable, within bounds
    /// @param epochBudget_ at most MAX_EPOCH_BUDGET
    constructor(
        address owner_,
        IMintToken mintToken_,
        address keeper_,
        address guardian_,
        uint40 challengeWindow_,
        uint256 epochBudget_
    ) Ownable(owner_) {
        mintToken = mintToken_;
        _setKeeper(keeper_);
        _setGuardian(guardian_);
        _setChallengeWindow(challengeWindow_);
        _setEpochBudget(epochBudget_);
    }

    // ---------------------------------------------------------------- roots

    /// @inheritdoc IRewardsDistributor
    function postRoot(uint64 epoch, bytes32 root, uint256 totalCumulative) external {
        if (msg.sender != keeper) revert RewardsDistributorNotKeeper(msg.sender);
        if (bytes28(root) == bytes28(0)) revert RewardsDistributorZeroRoot();
        Roots memory roots = _roots;
        if (epoch <= roots.latestEpoch) revert RewardsDistributorEpochNotIncreasing(epoch, roots.latestEpoch);
        uint256 latestClaimableAt = _latest.claimableAt;
        if (latestClaimableAt != _VETOED) {
            if (block.timestamp < latestClaimableAt) {
                revert RewardsDistributorRootPending(roots.latestEpoch, latestClaimableAt);
            }
            // the latest is live: it stays in force while the new root is in its window
            // (before the first post this copies the empty root: harmless)
            _fallbackRoot = roots.latestRoot;
            roots.fallbackTotal = roots.latestTotal;
            roots.fallbackEpoch = roots.latestEpoch;
        }
        // a vetoed latest leaves the fallback as it was, and its total is the base: a vetoed root never raises it
        uint256 budget = epochBudget;
        if (totalCumulative > roots.fallbackTotal + budget) {
            revert RewardsDistributorOverBudget(totalCumulative, roots.fallbackTotal, budget);
        }
        uint256 claimableAt = block.timestamp + challengeWindow;
        roots.latestRoot = root;
        roots.latestTotal = totalCumulative.toUint96();
        roots.latestEpoch = epoch;
        _roots = roots;
        // below _VETOED until 2106
        _latest = Latest({rootPrefix: bytes28(root), claimableAt: claimableAt.toUint32()});
        emit RootPosted(epoch, root, totalCumulative, claimableAt);
    }

    /// @inheritdoc IRewardsDistributor
    function veto(uint64 epoch) external {
        if (msg.sender != guardian) revert RewardsDistributorNotGuardian(msg.sender);
        Roots memory roots = _roots;
        if (epoch != roots.latestEpoch || roots.latestRoot == bytes32(0)) revert RewardsDistributorUnknownEpoch(epoch);
        uint256 claimableAt = _latest.claimableAt;
        if (claimableAt == _VETOED) revert RewardsDistributorVetoed(epoch);
        if (block.timestamp >= claimableAt) revert RewardsDistributorWindowOver(epoch, claimableAt);
        _latest.claimableAt = _VETOED;
        emit RootVetoed(epoch, roots.latestRoot);
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IRewardsDistributor
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external returns (uint256) {
        return _claim(account, cumulativeAmount, proof, _liveRootPrefix());
    }

    /// @inheritdoc IRewardsDistributor
    function claimMany(Claim[] calldata claims) external returns (uint256 paid) {
        bytes28 rootPrefix = _liveRootPrefix();
        for (uint256 i; i < claims.length; ++i) {
            Claim calldata c = claims[i];
            paid += _claim(c.account, c.cumulativeAmount, c.proof, rootPrefix);
        }
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRewardsDistributor
    function setKeeper(address keeper_) external onlyOwner {
        _setKeeper(keeper_);
    }

    /// @inheritdoc IRewardsDistributor
    function setGuardian(address guardian_) external onlyOwner {
        _setGuardian(guardian_);
    }

    /// @inheritdoc IRewardsDistributor
    function setChallengeWindow(uint40 challengeWindow_) external onlyOwner {
        _setChallengeWindow(challengeWindow_);
    }

    /// @inheritdoc IRewardsDistributor
    function setEpochBudget(uint256 epochBudget_) external onlyOwner {
        _setEpochBudget(epochBudget_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRewardsDistributor
    function liveRoot() external view returns (uint64 epoch, bytes32 root, uint256 totalCumulative) {
        Roots memory roots = _roots;
        if (block.timestamp >= _latest.claimableAt) return (roots.latestEpoch, roots.latestRoot, roots.latestTotal);
        return (roots.fallbackEpoch, _fallbackRoot, roots.fallbackTotal);
    }

    /// @inheritdoc IRewardsDistributor
    function latestRoot()
        external
        view
        returns (uint64 epoch, bytes32 root, uint256 totalCumulative, uint256 claimableAt, bool vetoed)
    {
        Roots memory roots = _roots;
        claimableAt = _latest.claimableAt;
        return (roots.latestEpoch, roots.latestRoot, roots.latestTotal, claimableAt, claimableAt == _VETOED);
    }

    // ---------------------------------------------------------------- internals

    /// @dev The first 28 bytes of the live root (zero if none): one slot read while the latest root is live (a
    /// vetoed one never is), a second one while it is pending or vetoed.
    function _liveRootPrefix() private view returns (bytes28) {
        Latest memory latest = _latest;
        if (block.timestamp >= latest.claimableAt) return latest.rootPrefix;
        return bytes28(_fallbackRoot);
    }

    /// @dev Verifies the leaf against the live root, records the new cumulative amount and mints the difference.
    /// The mint comes last (MINT is trusted and has no hooks, and the record makes a re-entered claim pay nothing).
    function _claim(
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        bytes28 rootPrefix
    ) private returns (uint256 amount) {
        bytes32 leaf;
        // the StandardMerkleTree leaf keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount)))),
        // hashed in scratch space: 184 gas less than the Solidity expression, which builds both in new memory
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, cumulativeAmount)
            mstore(0x00, keccak256(0x00, 0x40))
            leaf := keccak256(0x00, 0x20)
        }
        // MerkleProof.verifyCalldata compares all 32 bytes; the live root is kept as its first 28 (see the layout)
        bytes28 proven = bytes28(MerkleProof.processProofCalldata(proof, leaf));
        if (proven != rootPrefix || rootPrefix == bytes28(0)) _revertBadProof(account, cumulativeAmount, proven);
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) {
            revert RewardsDistributorNothingToClaim(account, cumulativeAmount, already);
        }
        // unchecked: cumulativeAmount > already was checked on the line above
        unchecked {
            amount = cumulativeAmount - already;
        }
        claimed[account] = cumulativeAmount;
        emit Claimed(account, amount, cumulativeAmount);
        mintToken.mint(account, amount);
    }

    /// @dev Says why a proof failed: it may be good for the latest root, pending or vetoed (failure path only).
    function _revertBadProof(address account, uint256 cumulativeAmount, bytes28 proven) private view {
        Roots memory roots = _roots;
        uint256 claimableAt = _latest.claimableAt;
        bool latestIsLive = block.timestamp >= claimableAt;
        if (!latestIsLive && proven == bytes28(roots.latestRoot)) {
            if (claimableAt == _VETOED) revert RewardsDistributorVetoed(roots.latestEpoch);
            revert RewardsDistributorWindowNotOver(roots.latestEpoch, claimableAt);
        }
        if ((latestIsLive ? roots.latestRoot : _fallbackRoot) == bytes32(0)) revert RewardsDistributorNoLiveRoot();
        revert RewardsDistributorInvalidProof(account, cumulativeAmount);
    }

    function _setKeeper(address keeper_) private {
        keeper = keeper_;
        emit KeeperSet(keeper_);
    }

    function _setGuardian(address guardian_) private {
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    function _setChallengeWindow(uint40 challengeWindow_) private {
        if (challengeWindow_ < MIN_CHALLENGE_WINDOW || challengeWindow_ > MAX_CHALLENGE_WINDOW) {
            revert RewardsDistributorChallengeWindowOutOfBounds(challengeWindow_);
        }
        challengeWindow = challengeWindow_;
        emit ChallengeWindowSet(challengeWindow_);
    }

    function _setEpochBudget(uint256 epochBudget_) private {
        if (epochBudget_ > MAX_EPOCH_BUDGET) revert RewardsDistributorEpochBudgetTooHigh(epochBudget_);
        epochBudget = uint96(epochBudget_);
        emit EpochBudgetSet(epochBudget_);
    }
}
