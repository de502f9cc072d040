// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IIncomeShares} from "./IIncomeShares.sol";

/// @title IFractionVault
/// @notice One fractionalized music NFT: the vault holds the NFT and its ERC-20 fractions (18 decimals, income
/// shares) split the track's collector income, and a buyout can sell the whole NFT for ETH.
///
/// Income: once the track's collector hands its role to the vault (`RoyaltySplitter.transferCollectorRole`), the
/// collector part of every royalty deposit is shared pro rata by the fraction holders (see IIncomeShares). Without
/// the role the vault still works; it simply earns nothing.
///
/// Buyout, one at a time (states Open -> Live -> Open or Sold):
/// - Open -> Live: anyone bids `price` (>= the reserve) for the whole NFT with `startBuyout`, paying in ETH for
///   every fraction they do not put in: `requiredDeposit(price, fractionsIn)` = ceil(price x (supply - fractionsIn)
///   / supply). The bid stands for `buyoutWindow` seconds.
/// - During the window, holders `object` by locking fractions in the vault. A locked fraction counts once and
///   earns no income while locked; it comes back with `withdrawObjection` once the buyout is settled.
/// - After the window anyone calls `settleBuyout`. The buyout fails iff the objections reach `objectionsToFail()`
///   = ceil(thresholdBps x (supply - fractionsIn) / 10,000) (at least 1): back to Open, the bidder withdraws its ETH
///   and fractions with `withdrawBid`. Otherwise it is Sold: the NFT (and the collector role, after the vault pulled
///   its last income) goes to the bidder, the bidder's own fractions are burned, and every other fraction is worth
///   price / supply ETH: `redeem` burns fractions for mulDiv(price, amount, supply) wei, rounded down (a
///   `redeemObjection` does the same for locked objections). When every fraction is burned, the bidder takes the
///   rounding dust with `sweepDust`.
/// Sold is final. Every ETH payment is pulled by its owner; none can be blocked by anyone else.
interface IFractionVault is IIncomeShares {
    enum State {
        Open, // no buyout running: bids welcome
        Live, // a buyout is running or awaits settlement
        Sold // the NFT was bought out: fractions redeem for ETH
    }

    /// @notice The vault's rules, fixed at creation (the clone's immutable arguments).
    struct Terms {
        address fractionalizer; // the factory that created and initialized the vault
        address nft; // the MusicNFT collection
        address splitter; // the RoyaltySplitter the income comes from
        address mintToken; // MINT, the second income asset (ETH is the first)
        uint256 tokenId; // the fractionalized track
        uint256 supply; // fractions minted at creation, 18 decimals; also the supply every buyout is priced on
        uint256 reservePrice; // the lowest bid for the whole NFT, wei
        uint256 buyoutWindow; // how long a bid stands, seconds
        uint256 objectionThresholdBps; // objected share of the contested fractions that fails a bid, basis points
    }

    /// @notice The current (or last) buyout.
    struct Buyout {
        uint256 id; // 1 for the first buyout; 0 = none yet
        address bidder;
        uint256 end; // the window closes at this time (seconds); settlement from then on
        uint256 price; // the bid for the whole NFT, wei
        uint256 deposit; // ETH the bidder paid in, wei
        uint256 fractionsIn; // fractions the bidder put in (counted at the bid price)
        uint256 objections; // fractions locked against this buyout
    }

    /// @notice `bidder` bid `price` wei for the NFT with `fractionsIn` of its fractions and `deposit` wei.
    event BuyoutStarted(
        uint256 indexed buyoutId,
        address indexed bidder,
        uint256 price,
        uint256 fractionsIn,
        uint256 deposit,
        uint256 end
    );
    /// @notice `account` locked `amount` fractions against the buyout; `totalObjections` are now locked against it.
    event Objected(uint256 indexed buyoutId, address indexed account, uint256 amount, uint256 totalObjections);
    /// @notice `account` took back the `amount` fractions it locked against buyout `buyoutId`.
    event ObjectionWithdrawn(uint256 indexed buyoutId, address indexed account, uint256 amount);
    /// @notice The objections reached the threshold: the bid failed and its escrow is the bidder's to withdraw.
    event BuyoutFailed(uint256 indexed buyoutId, address indexed bidder, uint256 objections);
    /// @notice The bid won: the NFT went to `bidder`; `collectorRoleMoved` says whether the collector role went too.
    event BuyoutSucceeded(
        uint256 indexed buyoutId,
        address indexed bidder,
        uint256 price,
        uint256 objections,
        bool collectorRoleMoved
    );
    /// @notice A failed bidder took back `eth` wei and `fractions` fractions, sent to `to`.
    event BidWithdrawn(address indexed bidder, address indexed to, uint256 eth, uint256 fractions);
    /// @notice `account` burned `amount` fractions for `value` wei of the sale, sent to `to`.
    event Redeemed(address indexed account, address indexed to, uint256 amount, uint256 value);
    /// @notice `account` redeemed the `amount` fractions it had locked as objections for `value` wei, sent to `to`.
    event ObjectionRedeemed(address indexed account, address indexed to, uint256 amount, uint256 value);
    /// @notice With every fraction redeemed, the rounding dust of the sale went to the winning bidder.
    event DustSwept(address indexed bidder, address indexed to, uint256 amount);

    /// @notice Only the fractionalizer initializes, and only once.
    error FractionVaultNotFractionalizer(address caller);
    error FractionVaultAlreadyInitialized();
    /// @notice The action needs the vault in `required` state; it is in `current`.
    error FractionVaultUnexpectedState(State current, State required);
    /// @notice A bid below the reserve price.
    error FractionVaultPriceBelowReserve(uint256 price, uint256 reservePrice);
    /// @notice The ETH sent with a bid is not exactly `requiredDeposit(price, fractionsIn)`.
    error FractionVaultWrongDeposit(uint256 sent, uint256 required);
    /// @notice The caller holds `available` fractions, fewer than `required`.
    error FractionVaultInsufficientFractions(uint256 available, uint256 required);
    /// @notice More fractions than the supply.
    error FractionVaultTooManyFractions(uint256 fractions, uint256 supply);
    error FractionVaultZeroAmount();
    /// @notice The objection window closed at `end`.
    error FractionVaultWindowClosed(uint256 end);
    /// @notice The buyout's window runs until `end`: no settlement before.
    error FractionVaultBuyoutNotEnded(uint256 end);
    /// @notice The caller's objection counts in buyout `buyoutId`, which is not settled yet.
    error FractionVaultObjectionLocked(uint256 buyoutId);
    /// @notice `account` has no locked objection.
    error FractionVaultNoObjection(address account);
    /// @notice `account` has no failed bid to withdraw.
    error FractionVaultNoRefund(address account);
    /// @notice Only the winning bidder sweeps the dust.
    error FractionVaultNotBidder(address caller);
    /// @notice `outstanding` fractions are not redeemed yet: the rest of the sale is still theirs.
    error FractionVaultFractionsOutstanding(uint256 outstanding);
    /// @notice Sending ETH to `to` failed (the amount stays owed).
    error FractionVaultTransferFailed(address to);
    /// @notice Fractions and payments cannot go to address(0) or to the vault itself (fractions are locked in the
    /// vault with `object` or `startBuyout` only).
    error FractionVaultInvalidRecipient(address to);

    /// @notice Fractionalizer only, once, in the transaction that creates the clone: sets the token's name and
    /// symbol and mints the whole supply to `holder`.
    function initialize(string calldata name, string calldata symbol, address holder) external;

    /// @notice Bids `price` wei (>= the reserve) for the whole NFT, putting in `fractionsIn` of the caller's
    /// fractions; msg.value must be exactly `requiredDeposit(price, fractionsIn)`. Open only.
    function startBuyout(uint256 price, uint256 fractionsIn) external payable;

    /// @notice Locks `amount` of the caller's fractions against the live buyout, until it is settled. A locked
    /// objection left from an earlier, failed buyout is returned first (it does not count again unless locked again).
    function object(uint256 amount) external;

    /// @notice Returns the caller's locked fractions once the buyout they were locked against is settled.
    function withdrawObjection() external;

    /// @notice After the window, decides the live buyout (anyone may call): Sold unless the objections reached
    /// `objectionsToFail()`, else back to Open.
    function settleBuyout() external;

    /// @notice Sends the caller's failed bids (ETH and fractions) to `to`.
    function withdrawBid(address to) external;

    /// @notice Sold only: burns `amount` of the caller's fractions and sends `redeemValue(amount)` wei to `to`.
    /// Income earned on them before stays claimable.
    function redeem(uint256 amount, address to) external returns (uint256 value);

    /// @notice Sold only: redeems the caller's locked objection (burned) and sends its value to `to`.
    function redeemObjection(address to) external returns (uint256 value);

    /// @notice The winning bidder, once every fraction is burned: sends what is left of the sale (rounding dust,
    /// at most one wei per redemption) to `to`.
    function sweepDust(address to) external returns (uint256 amount);

    /// @notice The vault's rules, fixed at creation.
    function terms() external view returns (Terms memory);

    /// @notice Open, Live or Sold.
    function state() external view returns (State);

    /// @notice The current (or last) buyout.
    function buyout() external view returns (Buyout memory);

    /// @notice The objected fractions that fail the current (or last) buyout: ceil(thresholdBps x (supply -
    /// fractionsIn) / 10,000), at least 1.
    function objectionsToFail() external view returns (uint256);

    /// @notice ETH (wei) a bid of `price` for the NFT must bring with `fractionsIn` fractions, rounded up.
    function requiredDeposit(uint256 price, uint256 fractionsIn) external view returns (uint256);

    /// @notice ETH (wei) `amount` fractions redeem for once Sold (0 before): mulDiv(price, amount, supply).
    function redeemValue(uint256 amount) external view returns (uint256);

    /// @notice The fractions `account` has locked as an objection and the buyout they were locked against.
    function objectionOf(address account) external view returns (uint256 buyoutId, uint256 amount);

    /// @notice The ETH (wei) and fractions of `account`'s failed bids, waiting for `withdrawBid`.
    function refundOf(address account) external view returns (uint256 eth, uint256 fractions);

    /// @notice Sale ETH (wei) not yet paid to redeemers (Sold only; includes the rounding dust).
    function proceeds() external view returns (uint256);

    /// @notice All ETH (wei) the vault holds for bids and the sale, apart from income: the live bid's deposit,
    /// failed bids not withdrawn and the unpaid proceeds.
    function escrowedETH() external view returns (uint256);
}
