// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IDutchAuction} from "./IDutchAuction.sol";

/// @title IRoyaltyVaultFactory
/// @notice Where a creator securitizes its royalty income: it sells `bps` of its own creator cut of a track for a
/// term, in exchange for upfront capital. `securitize` deploys a RoyaltyVault (an income-sharing ERC-20 whose whole
/// supply goes to the creator), and registers the stream with the RoyaltySplitter, which from then on carves that
/// part of the creator's cut of every deposit into the vault until maturity. The creator may offer part of the
/// supply in a primary sale in the vault (fixed or Dutch price) and keep or trade the rest.
///
/// Only the caller's own income can be sold: the factory starts streams for msg.sender only, and the splitter
/// checks that msg.sender is a creator of the track and that no stream on the track is active (one per track at a
/// time: a co-author's stream blocks the others' until it matures).
///
/// Governance (the timelock) bounds the term and the supply within hard limits. The factory must be a stream
/// registrar of the splitter (`setStreamRegistrar`, done by the deploy). Holds no funds.
interface IRoyaltyVaultFactory {
    /// @notice What a creator asks for.
    struct SecuritizeParams {
        uint256 tokenId; // the track; the caller must be one of its creators
        uint16 bps; // of the caller's own creator cut, 1..10,000
        uint40 term; // seconds from now to maturity, within [minTerm, maxTerm]
        uint256 supply; // shares minted to the caller (18 decimals), within [MIN_SUPPLY, maxSupply]
        uint256 saleAmount; // shares offered for sale out of the supply (0: no sale)
        uint96 startPrice; // ETH wei per 1e18 shares when the sale opens
        uint96 endPrice; // ETH wei per 1e18 shares from saleDuration on; > 0 when there is a sale
        uint32 saleDuration; // seconds for the price to fall (0: fixed price, startPrice == endPrice), <= term
        IDutchAuction.Curve curve; // Linear or Exponential fall
        string name; // of the share token
        string symbol;
    }

    /// @notice `creator` sold `params.bps` of its cut of `tokenId` until `maturity` to `vault`, the
    /// `index`-th vault (position in `allVaults`).
    event VaultCreated(
        uint256 indexed tokenId,
        address indexed creator,
        address indexed vault,
        uint40 maturity,
        uint256 index,
        SecuritizeParams params
    );
    /// @notice Governance set the bounds of a term (seconds).
    event TermBoundsSet(uint40 minTerm, uint40 maxTerm);
    /// @notice Governance set the largest supply a vault may have (share units, 18 decimals).
    event MaxSupplySet(uint256 maxSupply);

    /// @notice bps outside 1..10,000.
    error RoyaltyVaultFactoryInvalidBps(uint16 bps);
    /// @notice A term outside [minTerm, maxTerm].
    error RoyaltyVaultFactoryInvalidTerm(uint40 term, uint40 minTerm, uint40 maxTerm);
    /// @notice A supply outside [MIN_SUPPLY, maxSupply].
    error RoyaltyVaultFactoryInvalidSupply(uint256 supply, uint256 maxSupply);
    /// @notice More shares offered than the supply.
    error RoyaltyVaultFactoryInvalidSaleAmount(uint256 saleAmount, uint256 supply);
    /// @notice Prices the curve cannot run (end above start, a zero end price, an exponential fall to zero, two
    /// prices for a fixed-price sale) or a sale longer than the term.
    error RoyaltyVaultFactoryInvalidSale();
    /// @notice Term bounds outside [MIN_TERM_LIMIT, MAX_TERM_LIMIT] or min above max.
    error RoyaltyVaultFactoryInvalidTermBounds(uint40 minTerm, uint40 maxTerm);
    /// @notice A max supply outside [MIN_SUPPLY, MAX_SUPPLY_LIMIT].
    error RoyaltyVaultFactoryInvalidMaxSupply(uint256 maxSupply);

    /// @notice Sells `params.bps` of the caller's creator cut of `params.tokenId` for `params.term` seconds to a new
    /// vault whose `params.supply` shares go to the caller. Returns the vault.
    function securitize(SecuritizeParams calldata params) external returns (address vault);

    /// @notice The vaults of a track, oldest first (at most one is live: streams do not overlap).
    function vaultsOf(uint256 tokenId) external view returns (address[] memory);

    /// @notice Every vault, in creation order.
    function allVaults(uint256 index) external view returns (address);

    /// @notice Number of vaults created.
    function allVaultsLength() external view returns (uint256);

    /// @notice Whether `vault` was created here (for integrations that must not trust a look-alike).
    function isVault(address vault) external view returns (bool);

    /// @notice The RoyaltyVault implementation every vault is a clone of.
    function implementation() external view returns (address);

    /// @notice The shortest term allowed (seconds).
    function minTerm() external view returns (uint40);

    /// @notice The longest term allowed (seconds).
    function maxTerm() external view returns (uint40);

    /// @notice The largest supply allowed (share units, 18 decimals).
    function maxSupply() external view returns (uint256);

    /// @notice Governance: the term bounds, within [MIN_TERM_LIMIT, MAX_TERM_LIMIT].
    function setTermBounds(uint40 minTerm, uint40 maxTerm) external;

    /// @notice Governance: the largest supply, within [MIN_SUPPLY, MAX_SUPPLY_LIMIT].
    function setMaxSupply(uint256 maxSupply) external;
}
