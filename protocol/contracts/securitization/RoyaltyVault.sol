// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {IRoyaltyVault} from "../interfaces/IRoyaltyVault.sol";
import {AuctionCurves} from "../libraries/AuctionCurves.sol";
import {IncomeShares} from "../shares/IncomeShares.sol";

/// @title RoyaltyVault
/// @notice Shares of a creator's royalty stream on one track until maturity, with their primary sale (see
/// IRoyaltyVault). Each vault is a minimal clone of one implementation, made by the RoyaltyVaultFactory.
///
/// Why not ERC-4626: a 4626 vault mints shares against deposits of an underlying asset and prices them by its
/// balance. Here nothing is deposited for shares: the whole supply exists from creation, no share is ever minted or
/// burned after it, and the income comes from the splitter, not from deposits. Without a deposit path there is no
/// first-depositor or exchange-rate inflation to defend against.
///
/// Why income is what the splitter returns and never a balance: ETH forced in (selfdestruct, a coinbase reward) or
/// tokens sent straight here change no holder's claim. `receive` accepts ETH from the splitter only.
///
/// Why every share transfer first pulls the income waiting at the splitter: income belongs to whoever held the
/// shares when the deposit was carved. Settling a transfer against a stale accumulator would hand a buyer part of
/// income that arrived before it bought, and take it from the seller (the Cover-style stale state). After the
/// pull, "held when the deposit was made" and "held when the income was distributed" are the same set of holders.
///
/// Why the terms live in the clone's code (immutable arguments): they never change, and reading code is cheaper
/// than storage. Storage holds only what changes: the IncomeShares accounting and the sale's one slot.
///
/// Invariant (per asset): income received == income paid + owed to holders (settled or not) + undistributed
/// remainders (IncomeShares); ETH balance >= ETH owed to holders + `proceeds`; the sale never moves more than
/// `saleAmount` shares, and only from the creator's balance; total supply == the supply minted at creation.
contract RoyaltyVault is IRoyaltyVault, IncomeShares {
    using SafeCast for uint256;

    /// @dev Prices are ETH wei per this many share units (one whole share).
    uint256 internal constant _SHARE = 1e18;

    /// @dev The sale's state, one slot.
    struct Sale {
        uint128 remaining; // shares still offered (share units, <= supply <= 1e30); 0 once ended or sold out
        uint128 proceeds; // ETH wei owed to the creator
    }

    /// @inheritdoc IRoyaltyVault
    address public immutable factory;
    /// @notice MINT, the second income asset (after ETH).
    address public immutable mintToken;
    IRoyaltySplitter internal immutable _splitter;

    Sale internal _sale;

    /// @dev Deployed once, by the factory; clones share this code and these immutables.
    constructor(IRoyaltySplitter splitter_, address mintToken_) {
        factory = msg.sender;
        _splitter = splitter_;
        mintToken = mintToken_;
    }

    /// @notice ETH income arrives from the splitter's `withdrawStream`; anything else would be an uncounted donation
    /// at best, so it is refused.
    receive() external payable {
        if (msg.sender != address(_splitter)) revert IncomeSharesUnexpectedETH(msg.sender);
    }

    /// @inheritdoc IRoyaltyVault
    function initialize(uint256 supply, uint256 saleAmount, string calldata name_, string calldata symbol_) external {
        if (msg.sender != factory) revert RoyaltyVaultNotFactory(msg.sender);
        // the supply is never zero (the factory bounds it), so a non-zero supply means initialized
        if (totalSupply() != 0) revert RoyaltyVaultAlreadyInitialized();
        address[] memory assets = new address[](2);
        (assets[0], assets[1]) = (address(0), mintToken);
        _initializeIncomeShares(name_, symbol_, assets);
        _sale.remaining = saleAmount.toUint128();
        _optOutOfVoting(mintToken);
        _mint(_terms().creator, supply);
    }

    // ---------------------------------------------------------------- primary sale

    /// @inheritdoc IRoyaltyVault
    function buy(
        uint256 shares,
        uint256 maxPrice
    ) external payable nonReentrant returns (uint256 bought, uint256 cost) {
        if (shares == 0) revert RoyaltyVaultZeroShares();
        Terms memory terms_ = _terms();
        Sale memory sale = _sale;
        if (sale.remaining == 0 || block.timestamp >= terms_.maturity) revert RoyaltyVaultSaleClosed();
        // the creator may have moved shares since the offer: only what it still holds can be sold
        uint256 available = Math.min(sale.remaining, balanceOf(terms_.creator));
        if (available == 0) revert RoyaltyVaultNothingForSale();
        bought = Math.min(shares, available);
        uint256 price = _price(terms_);
        if (price > maxPrice) revert RoyaltyVaultPriceAboveMax(price, maxPrice);
        // rounded up: a buyer never underpays, and a non-zero price never sells a share unit for nothing
        cost = Math.mulDiv(price, bought, _SHARE, Math.Rounding.Ceil);
        if (msg.value < cost) revert RoyaltyVaultInsufficientPayment(msg.value, cost);
        // unchecked: bought <= available <= remaining
        unchecked {
            sale.remaining -= uint128(bought);
        }
        sale.proceeds = (sale.proceeds + cost).toUint128();
        _sale = sale;
        emit SharesBought(msg.sender, bought, price, cost);
        // the creator needs no approval: offering the shares here was its own act, at creation
        _transfer(terms_.creator, msg.sender, bought);
        // unchecked: msg.value >= cost
        unchecked {
            if (msg.value > cost) _sendETH(msg.sender, msg.value - cost);
        }
    }

    /// @inheritdoc IRoyaltyVault
    function endSale() external {
        if (msg.sender != _terms().creator) revert RoyaltyVaultNotCreator(msg.sender);
        uint256 unsold = _sale.remaining;
        if (unsold == 0) revert RoyaltyVaultSaleClosed();
        _sale.remaining = 0;
        emit SaleEnded(unsold);
    }

    /// @inheritdoc IRoyaltyVault
    /// @dev Pull, not push: a creator contract that refuses ETH only blocks its own withdrawal, never a buyer.
    function withdrawProceeds(address to) external nonReentrant returns (uint256 amount) {
        if (msg.sender != _terms().creator) revert RoyaltyVaultNotCreator(msg.sender);
        amount = _sale.proceeds;
        if (amount == 0) revert RoyaltyVaultNoProceeds();
        _sale.proceeds = 0;
        emit ProceedsWithdrawn(to, amount);
        _sendETH(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRoyaltyVault
    function quote(uint256 shares) external view returns (uint256 price, uint256 cost) {
        price = _price(_terms());
        cost = Math.mulDiv(price, shares, _SHARE, Math.Rounding.Ceil);
    }

    /// @inheritdoc IRoyaltyVault
    function saleOpen() public view returns (bool) {
        return _sale.remaining != 0 && !matured();
    }

    /// @inheritdoc IRoyaltyVault
    function saleRemaining() public view returns (uint256) {
        return saleOpen() ? _sale.remaining : 0;
    }

    /// @inheritdoc IRoyaltyVault
    function saleAvailable() external view returns (uint256) {
        return Math.min(saleRemaining(), balanceOf(_terms().creator));
    }

    /// @inheritdoc IRoyaltyVault
    function proceeds() external view returns (uint256) {
        return _sale.proceeds;
    }

    /// @inheritdoc IRoyaltyVault
    function terms() external view returns (Terms memory) {
        return _terms();
    }

    /// @inheritdoc IRoyaltyVault
    function splitter() external view returns (address) {
        return address(_splitter);
    }

    /// @inheritdoc IRoyaltyVault
    function tokenId() external view returns (uint256) {
        return _terms().tokenId;
    }

    /// @inheritdoc IRoyaltyVault
    function creator() external view returns (address) {
        return _terms().creator;
    }

    /// @inheritdoc IRoyaltyVault
    function bps() external view returns (uint16) {
        return _terms().bps;
    }

    /// @inheritdoc IRoyaltyVault
    function maturity() public view returns (uint40) {
        return _terms().maturity;
    }

    /// @inheritdoc IRoyaltyVault
    function matured() public view returns (bool) {
        return block.timestamp >= maturity();
    }

    // ---------------------------------------------------------------- IncomeShares hooks

    /// @dev The splitter pays what it carved for this vault and returns the amount: the only measure of income.
    function _collectIncome(address asset) internal override returns (uint256) {
        return _splitter.withdrawStream(asset);
    }

    function _pendingIncome(address asset) internal view override returns (uint256) {
        return _splitter.streamOwed(address(this), asset);
    }

    /// @dev Shares sent to the vault itself would earn for nobody and never come back. (The base pulls the income
    /// waiting at the splitter before every balance change.)
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal override {
        if (to == address(this)) revert RoyaltyVaultTransferToVault();
        super._beforeTokenTransfer(from, to, amount);
    }

    // ---------------------------------------------------------------- internals

    function _terms() private view returns (Terms memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Terms));
    }

    /// @dev ETH wei per 1e18 shares now: fixed when saleDuration is 0 (AuctionCurves returns the end price), else
    /// falling along the curve and staying at endPrice after saleDuration. Rounded up by AuctionCurves.
    function _price(Terms memory terms_) private view returns (uint256) {
        return
            AuctionCurves.price(
                terms_.curve,
                terms_.startPrice,
                terms_.endPrice,
                block.timestamp - terms_.saleStart,
                terms_.saleDuration
            );
    }

    function _sendETH(address to, uint256 amount) private {
        // all gas forwarded: `to` is the caller's own choice (a buyer's refund, the creator's proceeds)
        if (!SafeTransferLib.trySafeTransferETH(to, amount, gasleft())) revert RoyaltyVaultTransferFailed(to);
    }

    /// @dev The vault cannot vote, and MINT counts every holder as voting by default: left in, every income pull
    /// and every MINT claim would also write the vault's vote checkpoints. Gas-capped and its result ignored, as
    /// the pools do it: a token without votes has nothing to opt out of.
    function _optOutOfVoting(address token) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = token.call{gas: 100_000}(abi.encodeWithSignature("delegate(address)", address(0)));
        ok;
    }
}
