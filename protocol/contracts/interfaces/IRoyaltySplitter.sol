// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IRoyaltySplitter
/// @notice Real-time revenue splits per track, pull-based, in ETH and any ERC-20.
///
/// Every payment for a track (streaming revenue, the EIP-2981 royalty of every sale) is a deposit for that track.
/// A deposit is divided once, when it arrives, into the track's cumulative pots (creators, curator, collector) and
/// the platform's: a couple of storage writes whatever the number of co-authors. Each party's claimable amount is
/// its cut of the pots minus what it already withdrew, computed when it withdraws.
///
/// Parties and default shares (basis points of each deposit; a governance parameter within bounds that applies to
/// deposits made after it changes, never to revenue already accrued):
/// - creators 7,000, shared among the co-authors by their shares in MusicNFT;
/// - curator 1,500: the account that surfaced the track: the `referrer` the buyer names at the track's primary sale
///   (not the buyer, not the seller, not a creator). Until one is assigned (or if the primary sale named none), the
///   curator share goes to the creators;
/// - initial collector 1,000: the buyer of the track's primary sale. Until then, the collector share goes to the
///   creators.
/// The primary sale is the first sale through a protocol sale contract (Marketplace, DutchAuction) in which the
/// seller is one of the track's creators; roles are set there once and never change. A sale by anyone else before
/// it assigns nothing, so a holder cannot sell to a second address of theirs to take these shares;
/// - platform 500: the treasury (the timelock), collected by anyone calling `sweepPlatform`.
/// A resale royalty (`depositResaleRoyalty`) first gives the curator `curatorResaleBps` (default 3,000 = 30%) of
/// the royalty (to the creators while no curator is assigned), and the rest is split as above.
///
/// Two ways a party's income can move to someone else, both opt-in by the party itself:
/// - the initial collector may hand its role to another account (`transferCollectorRole`), e.g. to a FractionVault
///   whose fraction holders then share it. The role's unwithdrawn collector income moves with it: withdraw first.
/// - a creator may sell `bps` of its own creator income on a track until `maturity` (royalty securitization): a
///   stream registrar (the RoyaltyVaultFactory, allowed by governance) starts the stream, and from then on every
///   deposit carves that part out of the seller's cut into the stream vault's balance (`streamOwed`), which the
///   vault pulls with `withdrawStream`. Income before the start and after maturity is untouched. One stream per
///   track at a time; a new one may start once the previous one matured.
///
/// Invariant (per asset): the sum of everything claimable plus everything withdrawn plus the platform's owed never
/// exceeds what was deposited; rounding is always down, so dust stays in the contract.
interface IRoyaltySplitter {
    /// @notice A share of one creator's income on a track, sold to a vault until `maturity`.
    struct Stream {
        address vault; // receives the carved part (zero: no stream ever started)
        uint16 bps; // of the seller's own cut, 1..10,000
        uint40 maturity; // deposits from this time on are no longer carved
        uint16 sellerShareBps; // the seller's creator share of the track (fixed at mint), cached for deposits
        address seller; // the creator whose cut is carved
    }

    /// @notice Shares of a deposit in basis points; they sum to 10,000.
    struct Split {
        uint16 creatorsBps;
        uint16 curatorBps;
        uint16 collectorBps;
        uint16 platformBps;
    }

    /// @notice Revenue for `tokenId` in `asset` (address(0) = ETH). `curatorPart` went to the curator alone first.
    event RevenueDeposited(
        uint256 indexed tokenId,
        address indexed asset,
        address indexed from,
        uint256 amount,
        uint256 curatorPart
    );
    /// @notice `account` withdrew `amount` of `asset` to `to`, earned on `tokenIds`.
    event Withdrawn(
        address indexed account,
        address indexed asset,
        address indexed to,
        uint256 amount,
        uint256[] tokenIds
    );
    /// @notice The first protocol sale of `tokenId` made `collector` its initial collector.
    event CollectorAssigned(uint256 indexed tokenId, address indexed collector);
    /// @notice `curator` was recorded as the account that surfaced `tokenId`.
    event CuratorAssigned(uint256 indexed tokenId, address indexed curator);
    /// @notice `from`, the track's collector, handed the role (and its unwithdrawn income) to `to`.
    event CollectorRoleTransferred(uint256 indexed tokenId, address indexed from, address indexed to);
    /// @notice From now until `maturity`, `bps` of `seller`'s creator income on `tokenId` goes to `vault`.
    event StreamStarted(
        uint256 indexed tokenId,
        address indexed seller,
        address indexed vault,
        uint16 bps,
        uint40 maturity
    );
    /// @notice `vault` withdrew `amount` of `asset` carved from the streams it bought.
    event StreamWithdrawn(address indexed vault, address indexed asset, uint256 amount);
    /// @notice Governance allowed or disallowed a contract to start streams (the RoyaltyVaultFactory).
    event StreamRegistrarSet(address indexed registrar, bool allowed);
    /// @notice Governance set the split for deposits from now on.
    event SplitSet(Split split);
    /// @notice Governance set the curator's part of resale royalties.
    event CuratorResaleBpsSet(uint16 bps);
    /// @notice Governance allowed or disallowed a sale contract to record first sales.
    event SaleRecorderSet(address indexed recorder, bool allowed);
    /// @notice ETH arrived without naming a track (e.g. a foreign marketplace paying EIP-2981 by plain transfer):
    /// it cannot be attributed, so it goes to the platform pot and governance decides its use.
    event UnattributedRevenue(address indexed from, uint256 amount);
    /// @notice The platform's accrued share of `asset` was sent to the treasury.
    event PlatformSwept(address indexed asset, address indexed treasury, uint256 amount);

    error RoyaltySplitterZeroDeposit();
    error RoyaltySplitterUnknownTrack(uint256 tokenId);
    /// @notice ETH sent with an ERC-20 deposit, or an ERC-20 deposit of address(0).
    error RoyaltySplitterWrongAsset();
    error RoyaltySplitterSplitOutOfBounds();
    error RoyaltySplitterNotSaleRecorder(address caller);
    /// @notice Nothing to withdraw for the caller on these tracks.
    error RoyaltySplitterNothingToWithdraw();
    /// @notice Only the track's collector may hand the role on.
    error RoyaltySplitterNotCollector(uint256 tokenId, address caller);
    /// @notice The role cannot go to address(0).
    error RoyaltySplitterZeroAddress();
    error RoyaltySplitterNotStreamRegistrar(address caller);
    /// @notice `account` has no creator share of `tokenId`.
    error RoyaltySplitterNotCreator(uint256 tokenId, address account);
    /// @notice The track's current stream runs until `maturity`.
    error RoyaltySplitterStreamActive(uint256 tokenId, uint40 maturity);
    /// @notice Stream bps outside 1..10,000, a maturity not in (now, now + MAX_STREAM_TERM], or a zero vault.
    error RoyaltySplitterInvalidStream();
    /// @notice Sending ETH to `to` failed (the amount stays claimable).
    error RoyaltySplitterTransferFailed(address to);

    /// @notice Deposit `msg.value` ETH of revenue for `tokenId`.
    function depositETH(uint256 tokenId) external payable;

    /// @notice Deposit `amount` of ERC-20 `token` for `tokenId` (pulled with transferFrom; the amount credited is
    /// what actually arrived).
    function depositToken(uint256 tokenId, address token, uint256 amount) external;

    /// @notice A resale's royalty: the curator's resale part first, then the split. ETH as msg.value when `asset` is
    /// address(0), else pulled with transferFrom. Anyone may call (paying is never harmful).
    function depositResaleRoyalty(uint256 tokenId, address asset, uint256 amount) external payable;

    /// @notice Sale contracts only: records a completed sale of `tokenId` to `buyer` from `seller`. The primary sale
    /// (the first in which the seller is a creator) assigns the initial collector and, if `referrer` is valid, the
    /// curator. Returns whether this was the primary sale (its royalty is a plain deposit; later ones are resales).
    function recordSale(uint256 tokenId, address seller, address buyer, address referrer) external returns (bool first);

    /// @notice Sale contracts only: `recordSale` and the sale's ETH royalty (msg.value) in one call: a plain deposit
    /// on the primary sale, a resale royalty after. What an ETH sale needs, for one call instead of two.
    function recordSaleWithRoyalty(
        uint256 tokenId,
        address seller,
        address buyer,
        address referrer
    ) external payable returns (bool first);

    /// @notice What `account` can withdraw now of `asset` from `tokenIds`.
    function claimable(address account, address asset, uint256[] calldata tokenIds) external view returns (uint256);

    /// @notice Withdraws everything the caller earned of `asset` on `tokenIds` to `to`.
    function withdraw(address asset, uint256[] calldata tokenIds, address to) external returns (uint256 amount);

    /// @notice The collector of `tokenId` hands its role, with the unwithdrawn collector income, to `to`.
    function transferCollectorRole(uint256 tokenId, address to) external;

    /// @notice Stream registrars only: from now until `maturity`, carve `bps` of `seller`'s creator cut of every
    /// deposit for `tokenId` into `vault`'s stream balance. The registrar is trusted to have the seller's consent
    /// (the RoyaltyVaultFactory starts streams only for msg.sender).
    function startStream(uint256 tokenId, address seller, address vault, uint16 bps, uint40 maturity) external;

    /// @notice The track's current (or last) stream; `vault == address(0)` if none was ever started.
    function streamOf(uint256 tokenId) external view returns (Stream memory);

    /// @notice What `vault` can pull now of `asset` from the streams it bought.
    function streamOwed(address vault, address asset) external view returns (uint256);

    /// @notice Pays the caller (a stream vault) everything carved for it in `asset`; returns the amount (0 allowed).
    function withdrawStream(address asset) external returns (uint256 amount);

    /// @notice Sends the platform's accrued `asset` to the treasury. Anyone may call.
    function sweepPlatform(address asset) external returns (uint256 amount);

    /// @notice Whether a track's first protocol sale happened, and who collects and curates it (0 if unassigned).
    function rolesOf(uint256 tokenId) external view returns (address collector, address curator);

    /// @notice The split applied to deposits now.
    function currentSplit() external view returns (Split memory);

    /// @notice The cumulative pots of `tokenId` in `asset`: what all deposits so far assigned to the creators (before
    /// their individual shares), the curator and the collector.
    function potsOf(
        uint256 tokenId,
        address asset
    ) external view returns (uint256 creators, uint256 curator, uint256 collector);

    /// @notice Governance: the split for deposits from now on (each part within bounds, summing to 10,000).
    function setSplit(Split calldata split) external;

    /// @notice Governance: the curator's part of resale royalties (bps of the royalty, within bounds).
    function setCuratorResaleBps(uint16 bps) external;

    /// @notice Governance: allow or disallow a sale contract to call `recordSale`.
    function setSaleRecorder(address recorder, bool allowed) external;

    /// @notice Governance: allow or disallow a contract to call `startStream`.
    function setStreamRegistrar(address registrar, bool allowed) external;
}
