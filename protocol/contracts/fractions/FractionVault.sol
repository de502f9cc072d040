// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IFractionVault} from "../interfaces/IFractionVault.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {IncomeShares} from "../shares/IncomeShares.sol";

/// @title FractionVault
/// @notice Holds one music NFT; its ERC-20 fractions share the track's collector income and can be bought out of
/// the NFT as a whole (see IFractionVault). Deployed by the Fractionalizer as a minimal clone whose immutable
/// arguments are the vault's `Terms`: the rules cannot change after creation, and no storage is spent on them.
///
/// Lessons of the Fractional v2 / Tessera audits, and where they are answered:
/// - a price per fraction computed once (price / supply) rounds to zero for large supplies: every payout here is
///   mulDiv(price, amount, supply), one division per payment, rounded down (the vault's favour);
/// - a price read against a supply that changes (burns) goes stale: fractions are minted once and burned only after
///   a sale, so every buyout is priced on the initial supply (asserted when one starts and settles);
/// - the same fractions counted twice (object, transfer, object again): objecting moves the fractions into the
///   vault until the buyout is settled;
/// - a hostile bidder blocking settlement: settlement sends the bidder nothing but the NFT, by transferFrom (no
///   receiver hook), and the collector role; every ETH payment is pulled by its owner.
///
/// Income: the vault renounces income on its own balance at initialization, so fractions locked in it (objections,
/// a bidder's fractions) earn nothing while locked and their share goes to the other holders (or waits, when no
/// eligible fraction exists; see IncomeShares). Every transfer, lock and burn pulls the income waiting at the
/// splitter first, so income is always shared by the fractions held when it was paid, never by later buyers.
///
/// Invariant: this contract's ETH >= income owed in ETH (IncomeShares accounting) + `escrowedETH()` (the live bid's
/// deposit + failed bids not withdrawn + unpaid proceeds); its MINT >= income owed in MINT. Its own fraction balance
/// == sum of locked objections + the live bid's fractions + failed bids' fractions not withdrawn. totalSupply() ==
/// supply until Sold; once Sold, proceeds x supply >= price x totalSupply(), so every outstanding fraction's
/// redemption is covered, and proceeds - price x totalSupply() / supply (the dust) is at most one wei per
/// redemption plus the deposit's round-up (below one wei).
contract FractionVault is IFractionVault, IncomeShares {
    using SafeCast for uint256;

    uint256 internal constant _BPS = 10_000;

    /// @dev The vault's state and its current (or last) buyout, three slots; the first (bidder, end, id, state) is
    /// what most actions read.
    struct Record {
        address bidder;
        uint40 end; // seconds
        uint32 id; // buyouts started so far
        State state;
        bool initialized;
        uint128 price; // wei
        uint128 deposit; // wei
        uint128 fractionsIn; // at most the supply (<= MAX_SUPPLY, 1e30 < 2^128)
        uint128 objections; // at most the supply
    }

    /// @dev Fractions an account locked against buyout `buyoutId`, one slot.
    struct Objection {
        uint32 buyoutId;
        uint128 amount;
    }

    /// @dev A failed bidder's escrow waiting for `withdrawBid`, one slot.
    struct Refund {
        uint128 eth; // wei
        uint128 fractions;
    }

    Record private _record;
    /// @dev sale ETH not yet paid to redeemers (wei)
    uint256 private _proceeds;
    /// @dev failed bids' ETH not yet withdrawn, all bidders (wei)
    uint256 private _refundsETH;
    mapping(address account => Objection) private _objections;
    mapping(address bidder => Refund) private _refunds;

    /// @dev The implementation is never initialized: only clones are vaults.
    constructor() {
        _record.initialized = true;
    }

    /// @notice ETH is accepted from the splitter only (income); bids come with `startBuyout`.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (msg.sender != _terms().splitter) revert IncomeSharesUnexpectedETH(msg.sender);
    }

    // ---------------------------------------------------------------- creation

    /// @inheritdoc IFractionVault
    function initialize(string calldata name_, string calldata symbol_, address holder) external {
        if (_record.initialized) revert FractionVaultAlreadyInitialized();
        Terms memory terms_ = _terms();
        if (msg.sender != terms_.fractionalizer) revert FractionVaultNotFractionalizer(msg.sender);
        _record.initialized = true;
        address[] memory assets = new address[](2);
        (assets[0], assets[1]) = (address(0), terms_.mintToken);
        _initializeIncomeShares(name_, symbol_, assets);
        // escrow held by the vault earns nothing (its income would be nobody's): renounce before any balance exists
        _renounce(address(this));
        _optOutOfVoting(terms_.mintToken);
        _mint(holder, terms_.supply);
    }

    // ---------------------------------------------------------------- buyout

    /// @inheritdoc IFractionVault
    function startBuyout(uint256 price, uint256 fractionsIn) external payable nonReentrant {
        Record memory record = _record;
        _requireState(record.state, State.Open);
        Terms memory terms_ = _terms();
        if (price < terms_.reservePrice) revert FractionVaultPriceBelowReserve(price, terms_.reservePrice);
        uint256 required = _requiredDeposit(price, fractionsIn, terms_.supply);
        if (msg.value != required) revert FractionVaultWrongDeposit(msg.value, required);
        uint256 balance = balanceOf(msg.sender);
        if (fractionsIn > balance) revert FractionVaultInsufficientFractions(balance, fractionsIn);
        // minted once, burned only after a sale: the supply a buyout is priced on is the supply
        assert(totalSupply() == terms_.supply);

        record.bidder = msg.sender;
        record.end = uint40(block.timestamp + terms_.buyoutWindow); // window <= 14 days: fits until year 36812
        ++record.id;
        record.state = State.Live;
        record.price = price.toUint128();
        record.deposit = uint128(required); // required <= price
        record.fractionsIn = uint128(fractionsIn); // <= balance <= supply
        record.objections = 0;
        _record = record;
        emit BuyoutStarted(record.id, msg.sender, price, fractionsIn, required, record.end);
        if (fractionsIn != 0) _transfer(msg.sender, address(this), fractionsIn);
    }

    /// @inheritdoc IFractionVault
    function object(uint256 amount) external nonReentrant {
        Record storage record = _record;
        _requireState(record.state, State.Live);
        if (block.timestamp >= record.end) revert FractionVaultWindowClosed(record.end);
        if (amount == 0) revert FractionVaultZeroAmount();
        uint32 id = record.id;
        Objection memory objection = _objections[msg.sender];
        if (objection.amount != 0 && objection.buyoutId != id) {
            // locked against an earlier buyout, which failed: returned, not counted again
            emit ObjectionWithdrawn(objection.buyoutId, msg.sender, objection.amount);
            _transfer(address(this), msg.sender, objection.amount);
            objection.amount = 0;
        }
        uint256 balance = balanceOf(msg.sender);
        if (amount > balance) revert FractionVaultInsufficientFractions(balance, amount);
        // both below the supply (<= 1e30 < 2^128)
        objection.buyoutId = id;
        objection.amount += uint128(amount);
        _objections[msg.sender] = objection;
        uint128 total = record.objections + uint128(amount);
        record.objections = total;
        emit Objected(id, msg.sender, amount, total);
        _transfer(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFractionVault
    function withdrawObjection() external nonReentrant {
        Objection memory objection = _objections[msg.sender];
        if (objection.amount == 0) revert FractionVaultNoObjection(msg.sender);
        Record storage record = _record;
        if (record.state == State.Live && objection.buyoutId == record.id) {
            revert FractionVaultObjectionLocked(objection.buyoutId);
        }
        delete _objections[msg.sender];
        emit ObjectionWithdrawn(objection.buyoutId, msg.sender, objection.amount);
        _transfer(address(this), msg.sender, objection.amount);
    }

    /// @inheritdoc IFractionVault
    function settleBuyout() external nonReentrant {
        Record memory record = _record;
        _requireState(record.state, State.Live);
        if (block.timestamp < record.end) revert FractionVaultBuyoutNotEnded(record.end);
        Terms memory terms_ = _terms();
        assert(totalSupply() == terms_.supply);

        if (record.objections >= _objectionsToFail(terms_, record.fractionsIn)) {
            _record.state = State.Open;
            Refund storage refund = _refunds[record.bidder];
            // each below 2^128: the sum of all bids' ETH is below the ETH supply, fractions below the supply
            refund.eth += record.deposit;
            refund.fractions += record.fractionsIn;
            _refundsETH += record.deposit;
            emit BuyoutFailed(record.id, record.bidder, record.objections);
            return;
        }

        _record.state = State.Sold;
        _proceeds = record.deposit;
        IRoyaltySplitter splitter = IRoyaltySplitter(terms_.splitter);
        (address collector, ) = splitter.rolesOf(terms_.tokenId);
        bool moveRole = collector == address(this);
        emit BuyoutSucceeded(record.id, record.bidder, record.price, record.objections, moveRole);
        if (moveRole) {
            // The holders' last income first (the role takes unwithdrawn income with it). With no eligible
            // fraction left to share it, it would wait forever in a sold vault: it stays with the role instead.
            if (eligibleSupply() != 0) _syncAll();
            splitter.transferCollectorRole(terms_.tokenId, record.bidder);
        }
        // the bidder paid for the other fractions only: its own are simply retired
        if (record.fractionsIn != 0) _burn(address(this), record.fractionsIn);
        // no receiver hook: a bidder contract cannot block (or re-enter) its own settlement
        IERC721(terms_.nft).transferFrom(address(this), record.bidder, terms_.tokenId);
    }

    /// @inheritdoc IFractionVault
    function withdrawBid(address to) external nonReentrant {
        _checkRecipient(to);
        Refund memory refund = _refunds[msg.sender];
        if (refund.eth == 0 && refund.fractions == 0) revert FractionVaultNoRefund(msg.sender);
        delete _refunds[msg.sender];
        _refundsETH -= refund.eth;
        emit BidWithdrawn(msg.sender, to, refund.eth, refund.fractions);
        if (refund.fractions != 0) _transfer(address(this), to, refund.fractions);
        _sendETH(to, refund.eth);
    }

    // ---------------------------------------------------------------- after a sale

    /// @inheritdoc IFractionVault
    function redeem(uint256 amount, address to) external nonReentrant returns (uint256 value) {
        _requireState(_record.state, State.Sold);
        _checkRecipient(to);
        if (amount == 0) revert FractionVaultZeroAmount();
        uint256 balance = balanceOf(msg.sender);
        if (amount > balance) revert FractionVaultInsufficientFractions(balance, amount);
        value = _redeemValue(amount);
        // the burn settles the caller's income first: what it earned stays claimable
        _burn(msg.sender, amount);
        _proceeds -= value;
        emit Redeemed(msg.sender, to, amount, value);
        _sendETH(to, value);
    }

    /// @inheritdoc IFractionVault
    function redeemObjection(address to) external nonReentrant returns (uint256 value) {
        _requireState(_record.state, State.Sold);
        _checkRecipient(to);
        uint256 amount = _objections[msg.sender].amount;
        if (amount == 0) revert FractionVaultNoObjection(msg.sender);
        delete _objections[msg.sender];
        value = _redeemValue(amount);
        _burn(address(this), amount);
        _proceeds -= value;
        emit ObjectionRedeemed(msg.sender, to, amount, value);
        _sendETH(to, value);
    }

    /// @inheritdoc IFractionVault
    function sweepDust(address to) external nonReentrant returns (uint256 amount) {
        Record storage record = _record;
        _requireState(record.state, State.Sold);
        if (msg.sender != record.bidder) revert FractionVaultNotBidder(msg.sender);
        _checkRecipient(to);
        uint256 outstanding = totalSupply();
        if (outstanding != 0) revert FractionVaultFractionsOutstanding(outstanding);
        amount = _proceeds;
        _proceeds = 0;
        emit DustSwept(msg.sender, to, amount);
        _sendETH(to, amount);
    }

    // ---------------------------------------------------------------- ERC-20

    /// @dev Transfers (IncomeShares' `transfer` and `transferFrom`) refuse the vault itself (lock with `object`) as
    /// well as address(0) (fractions sent there could never be redeemed, and the sale's rest would never be swept),
    /// with this vault's error.
    function _checkTransferRecipient(address to) internal view override {
        _checkRecipient(to);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IFractionVault
    function terms() external view returns (Terms memory) {
        return _terms();
    }

    /// @inheritdoc IFractionVault
    function state() external view returns (State) {
        return _record.state;
    }

    /// @inheritdoc IFractionVault
    function buyout() external view returns (Buyout memory) {
        Record memory record = _record;
        return
            Buyout({
                id: record.id,
                bidder: record.bidder,
                end: record.end,
                price: record.price,
                deposit: record.deposit,
                fractionsIn: record.fractionsIn,
                objections: record.objections
            });
    }

    /// @inheritdoc IFractionVault
    function objectionsToFail() external view returns (uint256) {
        return _objectionsToFail(_terms(), _record.fractionsIn);
    }

    /// @inheritdoc IFractionVault
    function requiredDeposit(uint256 price, uint256 fractionsIn) external view returns (uint256) {
        return _requiredDeposit(price, fractionsIn, _terms().supply);
    }

    /// @inheritdoc IFractionVault
    function redeemValue(uint256 amount) external view returns (uint256) {
        return _record.state == State.Sold ? _redeemValue(amount) : 0;
    }

    /// @inheritdoc IFractionVault
    function objectionOf(address account) external view returns (uint256 buyoutId, uint256 amount) {
        Objection memory objection = _objections[account];
        return (objection.buyoutId, objection.amount);
    }

    /// @inheritdoc IFractionVault
    function refundOf(address account) external view returns (uint256 eth, uint256 fractions) {
        Refund memory refund = _refunds[account];
        return (refund.eth, refund.fractions);
    }

    /// @inheritdoc IFractionVault
    function proceeds() external view returns (uint256) {
        return _proceeds;
    }

    /// @inheritdoc IFractionVault
    function escrowedETH() external view returns (uint256) {
        Record storage record = _record;
        return (record.state == State.Live ? record.deposit : 0) + _refundsETH + _proceeds;
    }

    // ---------------------------------------------------------------- income (IncomeShares hooks)

    /// @dev Withdraws the vault's earnings on its track (the collector part, if it holds the role) from the
    /// splitter; returns what arrived. Nothing to withdraw is not an error here: every claim and sync calls this.
    function _collectIncome(address asset) internal override returns (uint256 received) {
        Terms memory terms_ = _terms();
        IRoyaltySplitter splitter = IRoyaltySplitter(terms_.splitter);
        uint256[] memory ids = _ids(terms_.tokenId);
        if (splitter.claimable(address(this), asset, ids) == 0) return 0;
        uint256 balanceBefore = _balanceOf(asset);
        splitter.withdraw(asset, ids, address(this));
        received = _balanceOf(asset) - balanceBefore;
    }

    /// @dev What the splitter holds for the vault on its track in `asset`.
    function _pendingIncome(address asset) internal view override returns (uint256) {
        Terms memory terms_ = _terms();
        return IRoyaltySplitter(terms_.splitter).claimable(address(this), asset, _ids(terms_.tokenId));
    }

    // ---------------------------------------------------------------- internals

    /// @dev The clone's immutable arguments (abi-encoded Terms, written by the Fractionalizer).
    function _terms() private view returns (Terms memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Terms));
    }

    /// @dev ceil(price x (supply - fractionsIn) / supply): rounded up, so the deposit covers every redemption.
    function _requiredDeposit(uint256 price, uint256 fractionsIn, uint256 supply) private pure returns (uint256) {
        if (fractionsIn > supply) revert FractionVaultTooManyFractions(fractionsIn, supply);
        return Math.mulDiv(price, supply - fractionsIn, supply, Math.Rounding.Ceil);
    }

    /// @dev The sale's value of `amount` fractions, rounded down (the vault's favour).
    function _redeemValue(uint256 amount) private view returns (uint256) {
        return Math.mulDiv(_record.price, amount, _terms().supply);
    }

    /// @dev ceil(thresholdBps x contested / 10,000), at least 1: with `objections` >= this the buyout fails.
    /// Exact (no rounding of the threshold in the bidder's favour); when the bidder put in every fraction nobody can
    /// object and the bid cannot fail.
    function _objectionsToFail(Terms memory terms_, uint256 fractionsIn) private pure returns (uint256) {
        uint256 needed = Math.mulDiv(
            terms_.objectionThresholdBps,
            terms_.supply - fractionsIn,
            _BPS,
            Math.Rounding.Ceil
        );
        return needed == 0 ? 1 : needed;
    }

    function _requireState(State current, State required) private pure {
        if (current != required) revert FractionVaultUnexpectedState(current, required);
    }

    function _checkRecipient(address to) private view {
        if (to == address(0) || to == address(this)) revert FractionVaultInvalidRecipient(to);
    }

    /// @dev MINT counts every holder as voting unless it opts out with `delegate(address(0))`. The vault cannot
    /// vote: left in, its MINT income would be votes nobody casts, and every income pull and claim would also write
    /// its vote checkpoints. Gas-capped and its result ignored (as the Pool does): the token cannot block a vault.
    function _optOutOfVoting(address token) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = token.call{gas: 100_000}(abi.encodeWithSignature("delegate(address)", address(0)));
        ok; // either way the vault works
    }

    function _balanceOf(address asset) private view returns (uint256) {
        return asset == address(0) ? address(this).balance : IERC20(asset).balanceOf(address(this));
    }

    function _ids(uint256 tokenId) private pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = tokenId;
    }

    /// @dev All gas forwarded: `to` is the caller's own choice, and a failure reverts the caller's own call only.
    function _sendETH(address to, uint256 amount) private {
        if (amount == 0) return;
        if (!SafeTransferLib.trySafeTransferETH(to, amount, gasleft())) revert FractionVaultTransferFailed(to);
    }
}
