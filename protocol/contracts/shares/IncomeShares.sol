// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC20} from "solady/src/tokens/ERC20.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IIncomeShares} from "../interfaces/IIncomeShares.sol";

/// @title IncomeShares
/// @notice An ERC-20 (with EIP-2612 permit) whose holders share an income pro rata; see IIncomeShares.
///
/// Why solady's ERC20 and not OpenZeppelin's: each fractionalized NFT and each royalty stream gets its own token,
/// deployed as a minimal clone (~10x cheaper than a full contract). OpenZeppelin's ERC20 keeps name and symbol in
/// storage written by its constructor, which a clone never runs (its upgradeable variant is not a dependency here);
/// solady's reads them through virtual functions, so the clone's initializer can set them.
///
/// Accounting, per asset: `perShare` is the cumulative income per eligible share, scaled by PRECISION. A
/// distribution adds (amount * PRECISION + carry) / eligibleSupply and carries the remainder, so the sum of all
/// holders' income never exceeds what came in and no remainder is lost. A holder's position remembers the
/// `perShare` it was last settled at; settling adds balance * (perShare - paidPerShare) / PRECISION (rounded down)
/// to its `owed`. Every balance change first pulls the income waiting at the source, then settles both sides (the
/// `_beforeTokenTransfer` hook): income is shared by the shares held when it was paid, never by a later buyer. That
/// pull costs a transfer one call to the source per asset; it is the price of never paying a buyer the seller's
/// income.
///
/// Solvency: sum(owed) + sum(unsettled income) <= income received - income paid, per asset. The contract's
/// balance of an asset may exceed that (donations, rounding): the excess is never paid to anyone.
abstract contract IncomeShares is IIncomeShares, ERC20, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Scale of `perShare`: income per share is kept to 27 decimals.
    uint256 public constant PRECISION = 1e27;
    /// @notice At most this many income assets (each one adds storage writes to every transfer).
    uint256 public constant MAX_INCOME_ASSETS = 3;

    struct Accrual {
        uint256 perShare; // cumulative income per eligible share, scaled by PRECISION
        uint256 carry; // remainder of the last division, scaled by PRECISION, added to the next one
        uint256 waiting; // income that arrived while no eligible share existed
    }

    struct Position {
        uint256 paidPerShare; // `perShare` at the last settlement
        uint256 owed; // settled, not yet claimed
    }

    string private _name;
    string private _symbol;
    address[] private _incomeAssets;
    uint256 private _eligibleSupply;
    mapping(address asset => Accrual) private _accruals;
    mapping(address account => mapping(address asset => Position)) private _positions;
    mapping(address account => bool) private _renounced;

    // ---------------------------------------------------------------- hooks for the concrete token

    /// @dev Pulls the income waiting at the source in `asset` into this contract; returns the amount received.
    function _collectIncome(address asset) internal virtual returns (uint256 received);

    /// @dev The income waiting at the source in `asset` (what `_collectIncome` would receive now).
    function _pendingIncome(address asset) internal view virtual returns (uint256);

    /// @dev Sets name, symbol and income assets: once, from the concrete token's initializer.
    function _initializeIncomeShares(
        string memory name_,
        string memory symbol_,
        address[] memory incomeAssets_
    ) internal {
        _name = name_;
        _symbol = symbol_;
        uint256 count = incomeAssets_.length;
        // the concrete token validates count and duplicates; this is the backstop
        assert(count <= MAX_INCOME_ASSETS);
        for (uint256 i; i < count; ++i) _incomeAssets.push(incomeAssets_[i]);
    }

    // ---------------------------------------------------------------- ERC-20 metadata

    /// @inheritdoc ERC20
    function name() public view override returns (string memory) {
        return _name;
    }

    /// @inheritdoc ERC20
    function symbol() public view override returns (string memory) {
        return _symbol;
    }

    /// @dev No standing allowance for Permit2: an account approves whom it wants.
    function _givePermit2InfiniteAllowance() internal pure override returns (bool) {
        return false;
    }

    // ---------------------------------------------------------------- income

    /// @inheritdoc IIncomeShares
    function incomeAssets() external view returns (address[] memory) {
        return _incomeAssets;
    }

    /// @inheritdoc IIncomeShares
    function eligibleSupply() public view returns (uint256) {
        return _eligibleSupply;
    }

    /// @inheritdoc IIncomeShares
    function incomeRenounced(address account) external view returns (bool) {
        return _renounced[account];
    }

    /// @inheritdoc IIncomeShares
    function sync() external nonReentrant {
        _syncAll();
    }

    /// @inheritdoc IIncomeShares
    function claim(address to) external nonReentrant returns (uint256[] memory amounts) {
        _syncAll();
        amounts = _payOut(msg.sender, to);
    }

    /// @inheritdoc IIncomeShares
    function claimable(address account, address asset) external view returns (uint256) {
        Accrual memory accrual = _accruals[asset];
        uint256 incoming = _pendingIncome(asset) + accrual.waiting;
        if (incoming != 0 && _eligibleSupply != 0) {
            accrual.perShare += (incoming * PRECISION + accrual.carry) / _eligibleSupply;
        }
        Position memory position = _positions[account][asset];
        if (_renounced[account]) return position.owed;
        return position.owed + (balanceOf(account) * (accrual.perShare - position.paidPerShare)) / PRECISION;
    }

    /// @inheritdoc IIncomeShares
    function renounceIncome() external nonReentrant {
        _renounce(msg.sender);
    }

    /// @dev `account`'s balance stops earning, and what it earned and did not claim goes to the other holders.
    /// Bounded work whatever the balance or the income (one pass over at most MAX_INCOME_ASSETS assets, no call to
    /// the source): a pool renounces in its constructor under a gas cap, and anyone can send shares to a pool's
    /// address before it exists and have income paid to them. Its income settled into `owed`, the income its
    /// balance earned since it last settled, and (by not syncing) its part of the income still waiting at the
    /// source are all shared by the eligible holders at the next sync: nothing stays with an account that cannot
    /// claim, and no income is lost.
    function _renounce(address account) internal {
        if (_renounced[account]) revert IncomeSharesAlreadyRenounced(account);
        _renounced[account] = true;
        uint256 balance = balanceOf(account);
        uint256 count = _incomeAssets.length;
        for (uint256 i; i < count; ++i) {
            address asset = _incomeAssets[i];
            Position storage position = _positions[account][asset];
            uint256 owed = position.owed;
            uint256 forfeited = owed;
            if (balance != 0) {
                forfeited += (balance * (_accruals[asset].perShare - position.paidPerShare)) / PRECISION;
            }
            if (forfeited == 0) continue;
            if (owed != 0) position.owed = 0;
            // shared at the next sync among the holders still eligible (waits, if there are none yet)
            _accruals[asset].waiting += forfeited;
        }
        _eligibleSupply -= balance;
        emit IncomeRenounced(account);
    }

    /// @dev Pulls every asset's new income and distributes it.
    function _syncAll() internal {
        uint256 count = _incomeAssets.length;
        for (uint256 i; i < count; ++i) {
            address asset = _incomeAssets[i];
            _distribute(asset, _collectIncome(asset));
        }
    }

    /// @dev Shares `amount` of `asset`, and any income that waited, among the eligible shares, carrying the
    /// division remainder. With no eligible share, the income waits: the next sync (any transfer, claim or `sync`)
    /// after someone eligible holds shares distributes it, even if no new income ever comes.
    function _distribute(address asset, uint256 amount) internal {
        Accrual storage accrual = _accruals[asset];
        uint256 total = amount + accrual.waiting;
        if (total == 0) return;
        uint256 eligible = _eligibleSupply;
        if (eligible == 0) {
            accrual.waiting = total;
            return;
        }
        uint256 scaled = total * PRECISION + accrual.carry;
        accrual.perShare += scaled / eligible;
        accrual.carry = scaled % eligible;
        accrual.waiting = 0;
        emit IncomeDistributed(asset, total, eligible);
    }

    /// @dev Settles and pays everything `account` is owed, in every asset, to `to`.
    function _payOut(address account, address to) internal returns (uint256[] memory amounts) {
        _settle(account);
        uint256 count = _incomeAssets.length;
        amounts = new uint256[](count);
        bool paidAny;
        for (uint256 i; i < count; ++i) {
            address asset = _incomeAssets[i];
            Position storage position = _positions[account][asset];
            uint256 amount = position.owed;
            if (amount == 0) continue;
            position.owed = 0;
            amounts[i] = amount;
            paidAny = true;
            emit IncomeClaimed(account, asset, to, amount);
            _send(asset, to, amount);
        }
        if (!paidAny) revert IncomeSharesNothingToClaim();
    }

    /// @dev Brings `account`'s owed income up to date in every asset (before its balance changes).
    function _settle(address account) internal {
        if (_renounced[account]) return;
        uint256 balance = balanceOf(account);
        uint256 count = _incomeAssets.length;
        for (uint256 i; i < count; ++i) {
            address asset = _incomeAssets[i];
            uint256 perShare = _accruals[asset].perShare;
            Position storage position = _positions[account][asset];
            uint256 paidPerShare = position.paidPerShare;
            if (paidPerShare == perShare) continue;
            if (balance != 0) position.owed += (balance * (perShare - paidPerShare)) / PRECISION;
            position.paidPerShare = perShare;
        }
    }

    // ---------------------------------------------------------------- transfers

    /// @notice As ERC-20 `transfer`, except to address(0): shares sent there would be lost yet still counted in the
    /// supply (and their income would be nobody's). Burning is the concrete token's business.
    function transfer(address to, uint256 amount) public virtual override returns (bool) {
        _checkTransferRecipient(to);
        return super.transfer(to, amount);
    }

    /// @notice As ERC-20 `transferFrom`, with the recipient rule of `transfer`.
    function transferFrom(address from, address to, uint256 amount) public virtual override returns (bool) {
        _checkTransferRecipient(to);
        return super.transferFrom(from, to, amount);
    }

    /// @dev Refuses address(0) as a transfer's recipient; a concrete token may refuse more (itself, say).
    function _checkTransferRecipient(address to) internal view virtual {
        if (to == address(0)) revert IncomeSharesInvalidRecipient(to);
    }

    /// @dev Settles both sides, then keeps the eligible supply in step with who holds the moving shares.
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal virtual override {
        // income already paid at the source belongs to the current holders: pull and share it first (a mint needs
        // no pull: shares are minted only at initialization, before any income)
        if (from != address(0)) _syncAll();
        if (from != address(0)) _settle(from);
        if (to != address(0) && to != from) _settle(to);
        bool fromEarns = from != address(0) && !_renounced[from];
        bool toEarns = to != address(0) && !_renounced[to];
        if (fromEarns && !toEarns) _eligibleSupply -= amount;
        else if (toEarns && !fromEarns) _eligibleSupply += amount;
    }

    function _send(address asset, address to, uint256 amount) internal {
        if (asset == address(0)) {
            // all gas forwarded: `to` is the claimer's own choice; failure reverts this claim only
            if (!SafeTransferLib.trySafeTransferETH(to, amount, gasleft())) revert IncomeSharesTransferFailed(to);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }
}
