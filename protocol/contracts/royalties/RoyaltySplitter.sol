// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IMusicNFT} from "../interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";

/// @title RoyaltySplitter
/// @notice Per-track revenue splits with pull payments (see IRoyaltySplitter for the rules).
///
/// Why not a split contract per track (0xSplits) or OpenZeppelin's PaymentSplitter: both cost a deployment or a
/// write per recipient per payment. Here a deposit is divided once into the track's cumulative pots (creators +
/// collector in one slot, curator in another) and the platform's pot; a co-author's cut of the creators' pot is
/// computed only when it withdraws. A deposit costs the same with 1 or 16 co-authors.
///
/// Invariant (per asset): sum over tracks of (creators + collector + curator pots) + platform owed (swept or not)
/// == sum of deposits; withdrawn[account][track] <= that account's entitlement; this contract's balance of the
/// asset == deposits - withdrawals - platform sweeps. Rounding in co-author cuts is down: at most one wei per
/// co-author per track stays here as dust.
contract RoyaltySplitter is IRoyaltySplitter, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint16 internal constant _BPS = 10_000;
    /// @notice Governance bounds on the split (basis points of a deposit).
    uint16 public constant MIN_CREATORS_BPS = 5_000;
    uint16 public constant MAX_CURATOR_BPS = 3_000;
    uint16 public constant MAX_COLLECTOR_BPS = 2_000;
    uint16 public constant MAX_PLATFORM_BPS = 1_000;
    uint16 public constant MAX_CURATOR_RESALE_BPS = 5_000;
    /// @notice The longest term a royalty stream can be sold for.
    uint256 public constant MAX_STREAM_TERM = 20 * 365 days;

    /// @dev The split and the curator's resale part, one slot.
    struct Config {
        Split split;
        uint16 curatorResaleBps;
    }

    /// @dev Track `t`'s cumulative pots in one asset: creators (before co-author cuts) and collector share a slot.
    struct Pots {
        uint128 creators;
        uint128 collector;
    }

    struct Roles {
        address collector; // zero until the first protocol sale
        bool streamed; // a stream was ever started on the track: deposits and creator entitlements read `_streams`
        address curator; // zero until a sale names a valid referrer
    }

    IMusicNFT public immutable musicNFT;
    address public immutable treasury;

    Config private _config;
    mapping(uint256 tokenId => Roles) private _roles;
    mapping(uint256 tokenId => mapping(address asset => Pots)) private _pots;
    mapping(uint256 tokenId => mapping(address asset => uint256)) private _curatorPots;
    /// @dev Creator and curator withdrawals (cumulative entitlements; their roles never move).
    mapping(address account => mapping(uint256 tokenId => mapping(address asset => uint256))) private _withdrawn;
    /// @dev How much of the collector pot was paid out, to whoever held the role: the role can move, so this is per
    /// track, and the unpaid rest belongs to the current collector.
    mapping(uint256 tokenId => mapping(address asset => uint256)) private _collectorPaid;
    mapping(uint256 tokenId => Stream) private _streams;
    /// @dev What streams carved out of `seller`'s creator cut of `tokenId` in `asset`, cumulative.
    mapping(uint256 tokenId => mapping(address seller => mapping(address asset => uint256))) private _carved;
    /// @inheritdoc IRoyaltySplitter
    mapping(address vault => mapping(address asset => uint256)) public streamOwed;
    /// @notice Contracts allowed to start streams (the RoyaltyVaultFactory).
    mapping(address registrar => bool) public isStreamRegistrar;
    /// @notice The platform's accrued revenue per asset, not yet swept to the treasury.
    mapping(address asset => uint256) public platformOwed;
    /// @notice Sale contracts allowed to record sales (Marketplace, DutchAuction).
    mapping(address recorder => bool) public isSaleRecorder;

    /// @param owner_ the timelock (sets the split and the sale recorders)
    constructor(
        address owner_,
        IMusicNFT musicNFT_,
        address treasury_,
        Split memory initialSplit,
        uint16 initialCuratorResaleBps
    ) Ownable(owner_) {
        musicNFT = musicNFT_;
        treasury = treasury_;
        _setSplit(initialSplit);
        _setCuratorResaleBps(initialCuratorResaleBps);
    }

    // ---------------------------------------------------------------- deposits

    /// @inheritdoc IRoyaltySplitter
    function depositETH(uint256 tokenId) external payable {
        _deposit(tokenId, address(0), msg.value, false);
    }

    /// @inheritdoc IRoyaltySplitter
    function depositToken(uint256 tokenId, address token, uint256 amount) external nonReentrant {
        _deposit(tokenId, token, _pullToken(token, amount), false);
    }

    /// @inheritdoc IRoyaltySplitter
    function depositResaleRoyalty(uint256 tokenId, address asset, uint256 amount) external payable nonReentrant {
        if (asset == address(0)) {
            if (msg.value != amount) revert RoyaltySplitterWrongAsset();
            _deposit(tokenId, address(0), amount, true);
        } else {
            _deposit(tokenId, asset, _pullToken(asset, amount), true);
        }
    }

    /// @notice ETH without a track cannot be attributed: it goes to the platform pot (see UnattributedRevenue).
    /// One addition and an event: that bookkeeping is the point of accepting it.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        platformOwed[address(0)] += msg.value;
        emit UnattributedRevenue(msg.sender, msg.value);
    }

    /// @dev Pulls `amount` of `token` and returns what arrived (fee-on-transfer tokens credit less).
    function _pullToken(address token, uint256 amount) private returns (uint256 received) {
        if (token == address(0) || msg.value != 0) revert RoyaltySplitterWrongAsset();
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        received = IERC20(token).balanceOf(address(this)) - balanceBefore;
    }

    function _deposit(uint256 tokenId, address asset, uint256 amount, bool resale) private {
        if (amount == 0) revert RoyaltySplitterZeroDeposit();
        Roles memory roles = _roles[tokenId];
        // a track with a collector exists; only earlier deposits need the registry
        if (roles.collector == address(0) && !musicNFT.exists(tokenId)) revert RoyaltySplitterUnknownTrack(tokenId);
        Config memory config = _config;

        uint256 curatorPart = resale ? (amount * config.curatorResaleBps) / _BPS : 0;
        uint256 rest = amount - curatorPart;
        uint256 platform = (rest * config.split.platformBps) / _BPS;
        uint256 curator = (rest * config.split.curatorBps) / _BPS;
        uint256 collector = (rest * config.split.collectorBps) / _BPS;
        // the creators take the remainder, so the parts always add up to the deposit
        uint256 creators = rest - platform - curator - collector;
        curator += curatorPart;
        // unassigned roles' parts go to the creators
        if (roles.curator == address(0)) (creators, curator, curatorPart) = (creators + curator, 0, 0);
        if (roles.collector == address(0)) (creators, collector) = (creators + collector, 0);

        if (roles.streamed) _carve(tokenId, asset, creators);
        Pots storage pots = _pots[tokenId][asset];
        pots.creators += SafeCast.toUint128(creators);
        if (collector != 0) pots.collector += SafeCast.toUint128(collector);
        if (curator != 0) _curatorPots[tokenId][asset] += curator;
        if (platform != 0) platformOwed[asset] += platform;
        emit RevenueDeposited(tokenId, asset, msg.sender, amount, curatorPart);
    }

    /// @dev Moves the stream's part of the seller's cut of `creators` (a deposit's creators part) to the vault.
    /// The creators' pot still counts it (pots are what the split rule assigns); the seller's entitlement is its
    /// share of the pot minus everything carved from it. Rounding is down, in the seller's favour, and never carves
    /// more than the seller's floor share: sum of floor(c_i * s * b / 1e8) <= floor(sum(c_i) * s / 1e4).
    function _carve(uint256 tokenId, address asset, uint256 creators) private {
        Stream memory stream = _streams[tokenId];
        if (block.timestamp >= stream.maturity) return;
        uint256 part = (creators * stream.sellerShareBps * stream.bps) / (uint256(_BPS) * _BPS);
        if (part == 0) return;
        _carved[tokenId][stream.seller][asset] += part;
        streamOwed[stream.vault][asset] += part;
    }

    // ---------------------------------------------------------------- roles

    /// @inheritdoc IRoyaltySplitter
    function recordSale(
        uint256 tokenId,
        address seller,
        address buyer,
        address referrer
    ) external returns (bool first) {
        if (!isSaleRecorder[msg.sender]) revert RoyaltySplitterNotSaleRecorder(msg.sender);
        return _recordSale(tokenId, seller, buyer, referrer);
    }

    /// @inheritdoc IRoyaltySplitter
    function recordSaleWithRoyalty(
        uint256 tokenId,
        address seller,
        address buyer,
        address referrer
    ) external payable returns (bool first) {
        if (!isSaleRecorder[msg.sender]) revert RoyaltySplitterNotSaleRecorder(msg.sender);
        first = _recordSale(tokenId, seller, buyer, referrer);
        // the primary sale's royalty is plain revenue; any later sale's is a resale royalty (curator's part first)
        if (msg.value != 0) _deposit(tokenId, address(0), msg.value, !first);
    }

    function _recordSale(uint256 tokenId, address seller, address buyer, address referrer) private returns (bool) {
        // roles are assigned once, at the primary sale, and never change
        if (_roles[tokenId].collector != address(0)) return false;
        if (!musicNFT.exists(tokenId)) revert RoyaltySplitterUnknownTrack(tokenId);
        // Only a creator's own sale is the primary sale: a holder who got the track elsewhere cannot sell it to a
        // second address of theirs to take the collector's and curator's shares.
        if (musicNFT.creatorShareOf(tokenId, seller) == 0) return false;
        _roles[tokenId].collector = buyer;
        emit CollectorAssigned(tokenId, buyer);
        if (
            referrer != address(0) &&
            referrer != buyer &&
            referrer != seller &&
            musicNFT.creatorShareOf(tokenId, referrer) == 0
        ) {
            _roles[tokenId].curator = referrer;
            emit CuratorAssigned(tokenId, referrer);
        }
        return true;
    }

    /// @inheritdoc IRoyaltySplitter
    function rolesOf(uint256 tokenId) external view returns (address collector, address curator) {
        Roles memory roles = _roles[tokenId];
        return (roles.collector, roles.curator);
    }

    /// @inheritdoc IRoyaltySplitter
    function transferCollectorRole(uint256 tokenId, address to) external {
        address from = _roles[tokenId].collector;
        if (from != msg.sender || from == address(0)) revert RoyaltySplitterNotCollector(tokenId, msg.sender);
        if (to == address(0)) revert RoyaltySplitterZeroAddress();
        _roles[tokenId].collector = to;
        emit CollectorRoleTransferred(tokenId, from, to);
    }

    // ---------------------------------------------------------------- streams (securitization)

    /// @inheritdoc IRoyaltySplitter
    function startStream(uint256 tokenId, address seller, address vault, uint16 bps, uint40 maturity) external {
        if (!isStreamRegistrar[msg.sender]) revert RoyaltySplitterNotStreamRegistrar(msg.sender);
        if (
            vault == address(0) ||
            bps == 0 ||
            bps > _BPS ||
            maturity <= block.timestamp ||
            maturity > block.timestamp + MAX_STREAM_TERM
        ) revert RoyaltySplitterInvalidStream();
        uint16 share = musicNFT.creatorShareOf(tokenId, seller);
        if (share == 0) revert RoyaltySplitterNotCreator(tokenId, seller);
        uint40 current = _streams[tokenId].maturity;
        if (current > block.timestamp) revert RoyaltySplitterStreamActive(tokenId, current);
        _streams[tokenId] = Stream({vault: vault, bps: bps, maturity: maturity, sellerShareBps: share, seller: seller});
        _roles[tokenId].streamed = true;
        emit StreamStarted(tokenId, seller, vault, bps, maturity);
    }

    /// @inheritdoc IRoyaltySplitter
    function streamOf(uint256 tokenId) external view returns (Stream memory) {
        return _streams[tokenId];
    }

    /// @inheritdoc IRoyaltySplitter
    function withdrawStream(address asset) external nonReentrant returns (uint256 amount) {
        amount = streamOwed[msg.sender][asset];
        if (amount == 0) return 0;
        streamOwed[msg.sender][asset] = 0;
        emit StreamWithdrawn(msg.sender, asset, amount);
        _send(asset, msg.sender, amount);
    }

    // ---------------------------------------------------------------- withdrawals

    /// @inheritdoc IRoyaltySplitter
    function claimable(
        address account,
        address asset,
        uint256[] calldata tokenIds
    ) external view returns (uint256 total) {
        for (uint256 i; i < tokenIds.length; ++i) {
            // a track listed twice pays once in `withdraw`, so it counts once here
            if (_listedBefore(tokenIds, i)) continue;
            uint256 tokenId = tokenIds[i];
            Roles memory roles = _roles[tokenId];
            total += _entitlement(account, tokenId, asset, roles) - _withdrawn[account][tokenId][asset];
            if (roles.collector == account) total += _pots[tokenId][asset].collector - _collectorPaid[tokenId][asset];
        }
    }

    /// @dev Whether `tokenIds[index]` also appears earlier in `tokenIds` (quadratic: for the view only).
    function _listedBefore(uint256[] calldata tokenIds, uint256 index) private pure returns (bool) {
        for (uint256 j; j < index; ++j) if (tokenIds[j] == tokenIds[index]) return true;
        return false;
    }

    /// @inheritdoc IRoyaltySplitter
    function withdraw(
        address asset,
        uint256[] calldata tokenIds,
        address to
    ) external nonReentrant returns (uint256 amount) {
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            Roles memory roles = _roles[tokenId];
            uint256 entitled = _entitlement(msg.sender, tokenId, asset, roles);
            uint256 already = _withdrawn[msg.sender][tokenId][asset];
            if (entitled > already) {
                amount += entitled - already;
                _withdrawn[msg.sender][tokenId][asset] = entitled;
            }
            if (roles.collector == msg.sender) {
                uint256 pot = _pots[tokenId][asset].collector;
                uint256 paid = _collectorPaid[tokenId][asset];
                if (pot > paid) {
                    amount += pot - paid;
                    _collectorPaid[tokenId][asset] = pot;
                }
            }
        }
        if (amount == 0) revert RoyaltySplitterNothingToWithdraw();
        emit Withdrawn(msg.sender, asset, to, amount, tokenIds);
        _send(asset, to, amount);
    }

    /// @inheritdoc IRoyaltySplitter
    function sweepPlatform(address asset) external nonReentrant returns (uint256 amount) {
        amount = platformOwed[asset];
        if (amount == 0) revert RoyaltySplitterNothingToWithdraw();
        platformOwed[asset] = 0;
        emit PlatformSwept(asset, treasury, amount);
        _send(asset, treasury, amount);
    }

    /// @dev Everything `account` has earned on `tokenId` in `asset` so far as a creator (less what streams carved
    /// from it) and as the curator: both roles are fixed, so cumulative. The collector's part is separate (the role
    /// can move).
    function _entitlement(
        address account,
        uint256 tokenId,
        address asset,
        Roles memory roles
    ) private view returns (uint256 total) {
        uint256 creators = _pots[tokenId][asset].creators;
        if (creators != 0) {
            // rounds down: the dust stays in the contract
            total = (creators * musicNFT.creatorShareOf(tokenId, account)) / _BPS;
            if (roles.streamed) total -= _carved[tokenId][account][asset];
        }
        if (roles.curator == account) total += _curatorPots[tokenId][asset];
    }

    function _send(address asset, address to, uint256 amount) private {
        if (asset == address(0)) {
            // all gas forwarded: the recipient is the withdrawer's own choice; failure reverts this withdrawal only
            if (!SafeTransferLib.trySafeTransferETH(to, amount, gasleft())) revert RoyaltySplitterTransferFailed(to);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    // ---------------------------------------------------------------- views and governance

    /// @inheritdoc IRoyaltySplitter
    function potsOf(
        uint256 tokenId,
        address asset
    ) external view returns (uint256 creators, uint256 curator, uint256 collector) {
        Pots memory pots = _pots[tokenId][asset];
        return (pots.creators, _curatorPots[tokenId][asset], pots.collector);
    }

    /// @inheritdoc IRoyaltySplitter
    function currentSplit() external view returns (Split memory) {
        return _config.split;
    }

    /// @notice The curator's part of resale royalties, basis points.
    function curatorResaleBps() external view returns (uint16) {
        return _config.curatorResaleBps;
    }

    /// @inheritdoc IRoyaltySplitter
    function setSplit(Split calldata split) external onlyOwner {
        _setSplit(split);
    }

    /// @inheritdoc IRoyaltySplitter
    function setCuratorResaleBps(uint16 bps) external onlyOwner {
        _setCuratorResaleBps(bps);
    }

    /// @inheritdoc IRoyaltySplitter
    function setSaleRecorder(address recorder, bool allowed) external onlyOwner {
        isSaleRecorder[recorder] = allowed;
        emit SaleRecorderSet(recorder, allowed);
    }

    /// @inheritdoc IRoyaltySplitter
    function setStreamRegistrar(address registrar, bool allowed) external onlyOwner {
        isStreamRegistrar[registrar] = allowed;
        emit StreamRegistrarSet(registrar, allowed);
    }

    function _setSplit(Split memory split) private {
        if (
            split.creatorsBps < MIN_CREATORS_BPS ||
            split.curatorBps > MAX_CURATOR_BPS ||
            split.collectorBps > MAX_COLLECTOR_BPS ||
            split.platformBps > MAX_PLATFORM_BPS ||
            uint256(split.creatorsBps) + split.curatorBps + split.collectorBps + split.platformBps != _BPS
        ) revert RoyaltySplitterSplitOutOfBounds();
        _config.split = split;
        emit SplitSet(split);
    }

    function _setCuratorResaleBps(uint16 bps) private {
        if (bps > MAX_CURATOR_RESALE_BPS) revert RoyaltySplitterSplitOutOfBounds();
        _config.curatorResaleBps = bps;
        emit CuratorResaleBpsSet(bps);
    }
}
