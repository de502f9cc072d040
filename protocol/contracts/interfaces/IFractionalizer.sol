// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IFractionalizer
/// @notice Turns a music NFT into a FractionVault: an ERC-20 of 18 decimals whose holders share the track's
/// collector income and can be bought out of the NFT as a whole (see IFractionVault). Owned by the timelock, which
/// sets the buyout window and the objection threshold within bounds; each vault copies both at creation, so a
/// governance change never alters the rules of a live vault.
///
/// Two steps put a track's collector income in the holders' hands:
/// 1. the NFT's owner calls `fractionalize` (after approving this contract): the NFT moves into a new vault and the
///    whole supply of fractions is minted to the owner;
/// 2. the track's collector (usually the same person: the buyer of its primary sale) calls
///    `RoyaltySplitter.transferCollectorRole(tokenId, vault)`. The role's unwithdrawn income moves with it, so the
///    collector withdraws first. From then on the collector part of every royalty deposit is the holders', until
///    a buyout sells the NFT: the role then goes to the buyer with it.
/// Step 2 is optional: a vault without the role holds the NFT and runs buyouts, it just earns no income. Hand the
/// role only to a vault that is not sold: a sold vault would share it among its last holders only.
interface IFractionalizer {
    /// @notice `owner` fractionalized `tokenId` into `vault` with `supply` fractions, the rules the vault keeps.
    event Fractionalized(
        uint256 indexed tokenId,
        address indexed vault,
        address indexed owner,
        uint256 supply,
        uint256 reservePrice,
        uint256 buyoutWindow,
        uint256 objectionThresholdBps,
        string name,
        string symbol
    );
    /// @notice Governance set the buyout window of vaults created from now on (seconds).
    event BuyoutWindowSet(uint256 oldWindow, uint256 newWindow);
    /// @notice Governance set the objection threshold of vaults created from now on (basis points).
    event ObjectionThresholdSet(uint256 oldBps, uint256 newBps);

    /// @notice A supply outside [MIN_SUPPLY, MAX_SUPPLY].
    error FractionalizerSupplyOutOfBounds(uint256 supply);
    /// @notice A reserve price of zero.
    error FractionalizerZeroReservePrice();
    /// @notice An empty name or one longer than MAX_NAME_LENGTH bytes.
    error FractionalizerInvalidName();
    /// @notice An empty symbol or one longer than MAX_SYMBOL_LENGTH bytes.
    error FractionalizerInvalidSymbol();
    /// @notice `caller` does not own `tokenId`.
    error FractionalizerNotOwner(uint256 tokenId, address caller);
    /// @notice `tokenId` is already held by `vault`, which is not sold.
    error FractionalizerAlreadyFractionalized(uint256 tokenId, address vault);
    /// @notice A buyout window outside [MIN_BUYOUT_WINDOW, MAX_BUYOUT_WINDOW].
    error FractionalizerBuyoutWindowOutOfBounds(uint256 window);
    /// @notice An objection threshold outside [MIN_OBJECTION_THRESHOLD_BPS, MAX_OBJECTION_THRESHOLD_BPS].
    error FractionalizerObjectionThresholdOutOfBounds(uint256 bps);
    /// @notice A zero address where a contract is needed.
    error FractionalizerZeroAddress();

    /// @notice Moves `tokenId` from the caller (its owner, who approved this contract) into a new vault and mints
    /// `supply` fractions (18 decimals) to the caller. `reservePrice` (wei, > 0) is the lowest buyout bid for the
    /// whole NFT. Returns the vault.
    function fractionalize(
        uint256 tokenId,
        uint256 supply,
        uint256 reservePrice,
        string calldata name,
        string calldata symbol
    ) external returns (address vault);

    /// @notice The latest vault created for `tokenId` (zero if none); it holds the NFT unless it was sold.
    function vaultOf(uint256 tokenId) external view returns (address);

    /// @notice Whether `account` is a vault this contract created.
    function isVault(address account) external view returns (bool);

    /// @notice The income assets of every vault: ETH (address(0)) and MINT.
    function incomeAssets() external view returns (address[] memory);

    /// @notice The buyout window given to new vaults (seconds).
    function buyoutWindow() external view returns (uint256);

    /// @notice The objection threshold given to new vaults (basis points of the contested fractions).
    function objectionThresholdBps() external view returns (uint256);

    /// @notice Governance: the buyout window of vaults created from now on (seconds, within bounds).
    function setBuyoutWindow(uint256 window) external;

    /// @notice Governance: the objection threshold of vaults created from now on (basis points, within bounds).
    function setObjectionThresholdBps(uint256 bps) external;
}
