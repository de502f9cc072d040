// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ISaleSettlement
/// @notice What every protocol sale contract (Marketplace, DutchAuction) shares: how a sale's price divides (seller,
/// EIP-2981 royalty into the RoyaltySplitter, protocol fee), the seller proceeds that could not be pushed and are
/// withdrawn later, and the protocol fees swept to the treasury. Implemented once, by SaleSettlement.
interface ISaleSettlement {
    /// @notice Governance set the protocol fee (basis points of the price).
    event ProtocolFeeSet(uint16 bps);
    /// @notice `amount` of accrued fees in `currency` (address(0) = ETH) went to `treasury`.
    event FeesSwept(address indexed currency, address indexed treasury, uint256 amount);
    /// @notice The seller's ETH was credited for `withdrawProceeds` instead of sent: the seller has code (a
    /// contract, or an account with an EIP-7702 delegation), which a sale never runs.
    event ProceedsCredited(address indexed seller, uint256 amount);
    /// @notice `seller` withdrew its credited ETH proceeds to `to`.
    event ProceedsWithdrawn(address indexed seller, address indexed to, uint256 amount);

    /// @notice A protocol fee above MAX_PROTOCOL_FEE_BPS.
    error SaleSettlementFeeOutOfBounds(uint16 bps);
    /// @notice Only ETH (address(0)) and the MINT token are accepted.
    error SaleSettlementUnsupportedCurrency(address currency);
    /// @notice No credited proceeds (withdrawProceeds) or no accrued fees (sweepFees).
    error SaleSettlementNothingToWithdraw();
    /// @notice Sending ETH to `to` failed (what was owed stays owed).
    error SaleSettlementTransferFailed(address to);

    /// @notice How a sale at `price` of `tokenId` divides: (seller, royalty, fee); they sum to `price`.
    function quote(uint256 tokenId, uint256 price) external view returns (uint256 seller, uint256 royalty, uint256 fee);

    /// @notice Sends the caller's credited ETH proceeds to `to`.
    function withdrawProceeds(address to) external;

    /// @notice Sends accrued protocol fees in `currency` to the treasury. Anyone may call.
    function sweepFees(address currency) external;

    /// @notice Governance: the protocol fee in bps of the price (at most MAX_PROTOCOL_FEE_BPS).
    function setProtocolFee(uint16 bps) external;

    /// @notice The protocol fee, basis points of the price.
    function protocolFeeBps() external view returns (uint16);

    /// @notice Fees accrued in `currency` (address(0) = ETH, or MINT), not yet swept to the treasury: everything the
    /// contract holds in that currency beyond credited seller proceeds.
    function feesOwed(address currency) external view returns (uint256);

    /// @notice ETH proceeds credited to `seller` (it has code), not yet withdrawn, wei.
    function proceedsOwed(address seller) external view returns (uint256);

    /// @notice The sum of `proceedsOwed` over all sellers, wei.
    function totalProceedsOwed() external view returns (uint256);
}
