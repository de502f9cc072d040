// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IDutchAuction} from "./IDutchAuction.sol";
import {IIncomeShares} from "./IIncomeShares.sol";

/// @title IRoyaltyVault
/// @notice Shares of a creator's future royalty income on one track, for a fixed term (royalty securitization).
///
/// A creator sold `bps` of its own creator cut of track `tokenId` until `maturity` (see IRoyaltySplitter streams):
/// every deposit for the track in that window carves that part into this vault's stream balance at the splitter.
/// The vault is an income-sharing ERC-20 (IIncomeShares): its holders share that income pro rata, in ETH and MINT,
/// and claim it whenever they like, forever (income carved before maturity never expires).
///
/// The whole supply is minted to the creator once, at creation; there is no other mint. Part of it may be offered
/// in a primary sale at a fixed or falling (Dutch) price: buyers pay ETH, the shares move straight out of the
/// creator's balance, and the proceeds wait here for the creator (`withdrawProceeds`). Shares the creator still
/// holds earn for the creator like anyone's, so unsold shares' income is the creator's with no special case.
///
/// At maturity the splitter stops carving: the full cut is the creator's again and the shares earn nothing more.
///
/// Invariant (per asset): income received from the splitter == income paid to holders + income owed to holders
/// (settled or not) + undistributed remainders; the vault's ETH balance >= ETH owed to holders + the creator's
/// unwithdrawn proceeds. ETH or tokens sent here any other way are never counted as income.
interface IRoyaltyVault is IIncomeShares {
    /// @notice What a vault is, fixed at creation and carried in the clone's code (immutable arguments).
    struct Terms {
        address creator; // the seller: holds the supply at creation, receives the sale proceeds
        uint256 tokenId; // the track
        uint16 bps; // of the creator's own cut sold to the vault, 1..10,000
        uint40 maturity; // seconds: deposits from then on are no longer carved
        uint40 saleStart; // seconds: the creation time
        uint32 saleDuration; // seconds for the price to fall from startPrice to endPrice (0: fixed price)
        IDutchAuction.Curve curve; // the shape of the fall (see AuctionCurves)
        uint96 startPrice; // ETH wei per 1e18 shares at saleStart
        uint96 endPrice; // ETH wei per 1e18 shares from saleStart + saleDuration on
    }

    /// @notice `buyer` bought `shares` from the creator at `price` (ETH wei per 1e18 shares), paying `cost` wei.
    event SharesBought(address indexed buyer, uint256 shares, uint256 price, uint256 cost);
    /// @notice The creator closed the sale; `unsold` shares were still on offer (they stay with the creator).
    event SaleEnded(uint256 unsold);
    /// @notice The creator withdrew `amount` wei of sale proceeds to `to`.
    event ProceedsWithdrawn(address indexed to, uint256 amount);

    /// @notice `initialize` from anyone but the factory, or a second time.
    error RoyaltyVaultNotFactory(address caller);
    error RoyaltyVaultAlreadyInitialized();
    /// @notice Only the creator may end the sale or withdraw the proceeds.
    error RoyaltyVaultNotCreator(address caller);
    /// @notice The sale was ended, sold out, or the vault matured.
    error RoyaltyVaultSaleClosed();
    /// @notice The sale is open but the creator holds none of the shares still on offer.
    error RoyaltyVaultNothingForSale();
    error RoyaltyVaultZeroShares();
    /// @notice The current price is above the buyer's limit (ETH wei per 1e18 shares).
    error RoyaltyVaultPriceAboveMax(uint256 price, uint256 maxPrice);
    /// @notice Less ETH than the cost was sent.
    error RoyaltyVaultInsufficientPayment(uint256 sent, uint256 cost);
    error RoyaltyVaultNoProceeds();
    /// @notice Sending ETH to `to` failed (a refund, or proceeds, which then stay withdrawable).
    error RoyaltyVaultTransferFailed(address to);
    /// @notice Shares sent to the vault itself could never earn for anyone nor come back.
    error RoyaltyVaultTransferToVault();

    /// @notice Factory only, once, right after cloning: mints `supply` shares to the creator, offers `saleAmount` of
    /// them for sale, names the token.
    function initialize(uint256 supply, uint256 saleAmount, string calldata name, string calldata symbol) external;

    /// @notice Buys up to `shares` (18 decimals) from the creator at the current price, if it is at most `maxPrice`
    /// (ETH wei per 1e18 shares); buys fewer if fewer are left. Cost rounds up; excess ETH is refunded.
    function buy(uint256 shares, uint256 maxPrice) external payable returns (uint256 bought, uint256 cost);

    /// @notice Creator only: closes the sale now; unsold shares simply stay in the creator's balance.
    function endSale() external;

    /// @notice Creator only: sends the accumulated sale proceeds to `to`.
    function withdrawProceeds(address to) external returns (uint256 amount);

    /// @notice The current price (ETH wei per 1e18 shares) and what `shares` would cost now (rounded up).
    function quote(uint256 shares) external view returns (uint256 price, uint256 cost);

    /// @notice Whether the sale is open (not ended, not sold out, not matured).
    function saleOpen() external view returns (bool);

    /// @notice Shares still offered and not yet sold (0 once the sale closed).
    function saleRemaining() external view returns (uint256);

    /// @notice What a buyer can get now: the shares on offer that the creator still holds (0 while closed).
    function saleAvailable() external view returns (uint256);

    /// @notice Sale proceeds the creator has not withdrawn (ETH wei).
    function proceeds() external view returns (uint256);

    /// @notice Everything fixed at creation.
    function terms() external view returns (Terms memory);

    /// @notice The factory that created the vault.
    function factory() external view returns (address);

    /// @notice The RoyaltySplitter the income comes from.
    function splitter() external view returns (address);

    /// @notice The track whose income is shared.
    function tokenId() external view returns (uint256);

    /// @notice The creator who sold the income.
    function creator() external view returns (address);

    /// @notice The part of the creator's cut sold, basis points.
    function bps() external view returns (uint16);

    /// @notice From this time (seconds) on no new income arrives.
    function maturity() external view returns (uint40);

    /// @notice Whether `maturity` has passed.
    function matured() external view returns (bool);
}
