// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {ISaleSettlement} from "../interfaces/ISaleSettlement.sol";

/// @title SaleSettlement
/// @notice What every protocol sale (Marketplace, DutchAuction) does with the buyer's money, in one place:
/// the track's EIP-2981 royalty into the RoyaltySplitter (a plain deposit on the first sale, a resale royalty after,
/// which gives the curator its part first), the protocol fee accrued for the treasury, the rest to the seller;
/// seller + royalty + fee == price, to the wei. The sale is recorded with the splitter (initial collector, curator).
///
/// The seller's ETH is pushed with a bounded gas stipend and without copying return data: a seller that reverts,
/// burns gas or returns a huge payload cannot make the sale fail for the buyer; its proceeds are credited instead
/// and withdrawn later (`withdrawProceeds`). Protocol fees accrue here and anyone sweeps them to the treasury.
///
/// Invariant: this contract's ETH == sum of credited proceeds + ETH fees owed (+ in-flight refunds within a call);
/// its MINT == MINT fees owed.
abstract contract SaleSettlement is ISaleSettlement, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Gas forwarded with a seller's ETH: enough for a smart wallet's receive, too little to grief.
    uint256 public constant SELLER_GAS_STIPEND = 50_000;
    /// @notice Upper bound on the protocol fee governance may set, basis points.
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1_000;
    uint16 internal constant _BPS = 10_000;

    IERC721 public immutable musicNFT;
    IRoyaltySplitter public immutable splitter;
    IERC20 public immutable mintToken;
    address public immutable treasury;

    /// @notice Protocol fee in basis points of the price.
    uint16 public protocolFeeBps;
    /// @notice Fees accrued per currency (address(0) = ETH), not yet swept to the treasury.
    mapping(address currency => uint256) public feesOwed;
    /// @notice ETH proceeds of sellers whose push failed.
    mapping(address seller => uint256) public proceedsOwed;

    /// @param owner_ the timelock (sets the fee)
    constructor(
        address owner_,
        IERC721 musicNFT_,
        IRoyaltySplitter splitter_,
        IERC20 mintToken_,
        address treasury_,
        uint16 protocolFeeBps_
    ) Ownable(owner_) {
        musicNFT = musicNFT_;
        splitter = splitter_;
        mintToken = mintToken_;
        treasury = treasury_;
        _setProtocolFee(protocolFeeBps_);
        // the splitter pulls MINT royalties from here; one approval instead of one per sale
        mintToken_.forceApprove(address(splitter_), type(uint256).max);
    }

    /// @notice How a sale at `price` of `tokenId` divides: (seller, royalty, fee).
    function quote(
        uint256 tokenId,
        uint256 price
    ) public view returns (uint256 sellerAmount, uint256 royalty, uint256 fee) {
        (, royalty) = IERC2981(address(musicNFT)).royaltyInfo(tokenId, price);
        fee = (price * protocolFeeBps) / _BPS;
        // royalty (at most the tier cap) plus fee (at most MAX_PROTOCOL_FEE_BPS) never exceeds the price
        sellerAmount = price - royalty - fee;
    }

    /// @notice Sends the caller's credited ETH proceeds to `to`.
    function withdrawProceeds(address to) external nonReentrant {
        uint256 amount = proceedsOwed[msg.sender];
        if (amount == 0) revert SaleSettlementNothingToWithdraw();
        proceedsOwed[msg.sender] = 0;
        emit ProceedsWithdrawn(msg.sender, to, amount);
        _sendETH(to, amount);
    }

    /// @notice Sends accrued protocol fees in `currency` to the treasury. Anyone may call.
    function sweepFees(address currency) external nonReentrant {
        uint256 amount = feesOwed[currency];
        if (amount == 0) revert SaleSettlementNothingToWithdraw();
        feesOwed[currency] = 0;
        emit FeesSwept(currency, treasury, amount);
        if (currency == address(0)) _sendETH(treasury, amount);
        else IERC20(currency).safeTransfer(treasury, amount);
    }

    /// @dev All gas forwarded, no return data copied: the recipient is the caller's own choice (or the treasury), and
    /// a failure reverts this withdrawal only, leaving the amount owed.
    function _sendETH(address to, uint256 amount) private {
        if (!SafeTransferLib.trySafeTransferETH(to, amount, gasleft())) revert SaleSettlementTransferFailed(to);
    }

    /// @notice Governance: the protocol fee in bps of the price, at most MAX_PROTOCOL_FEE_BPS.
    function setProtocolFee(uint16 bps) external onlyOwner {
        _setProtocolFee(bps);
    }

    function _setProtocolFee(uint16 bps) private {
        if (bps > MAX_PROTOCOL_FEE_BPS) revert SaleSettlementFeeOutOfBounds(bps);
        protocolFeeBps = bps;
        emit ProtocolFeeSet(bps);
    }

    /// @dev Reverts unless `currency` is ETH (address(0)) or MINT.
    function _checkCurrency(address currency) internal view {
        if (currency != address(0) && currency != address(mintToken))
            revert SaleSettlementUnsupportedCurrency(currency);
    }

    /// @dev Divides `price`, already held by this contract (ETH) or pulled from `buyer` here (MINT), between the
    /// splitter, the fee pot and the seller, and records the sale. The NFT itself is moved by the caller.
    function _settleSale(
        uint256 tokenId,
        address seller,
        address buyer,
        address currency,
        uint256 price,
        address referrer
    ) internal returns (uint256 royalty, uint256 fee) {
        uint256 sellerAmount;
        (sellerAmount, royalty, fee) = quote(tokenId, price);
        bool firstSale = splitter.recordSale(tokenId, seller, buyer, referrer);
        if (currency == address(0)) {
            if (royalty != 0) {
                if (firstSale) splitter.depositETH{value: royalty}(tokenId);
                else splitter.depositResaleRoyalty{value: royalty}(tokenId, address(0), royalty);
            }
            if (fee != 0) feesOwed[address(0)] += fee;
            if (sellerAmount != 0 && !SafeTransferLib.trySafeTransferETH(seller, sellerAmount, SELLER_GAS_STIPEND)) {
                proceedsOwed[seller] += sellerAmount;
                emit ProceedsCredited(seller, sellerAmount);
            }
        } else {
            IERC20 token = IERC20(currency);
            if (sellerAmount != 0) token.safeTransferFrom(buyer, seller, sellerAmount);
            if (royalty + fee != 0) token.safeTransferFrom(buyer, address(this), royalty + fee);
            if (royalty != 0) {
                if (firstSale) splitter.depositToken(tokenId, currency, royalty);
                else splitter.depositResaleRoyalty(tokenId, currency, royalty);
            }
            if (fee != 0) feesOwed[currency] += fee;
        }
    }
}
