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
/// which gives the curator its part first), the protocol fee kept for the treasury, the rest to the seller;
/// seller + royalty + fee == price, to the wei. The sale is recorded with the splitter (initial collector, curator).
///
/// The seller's ETH is pushed with a bounded gas stipend and without copying return data: a seller that reverts,
/// burns gas or returns a huge payload cannot make the sale fail for the buyer; its proceeds are credited instead
/// and withdrawn later (`withdrawProceeds`). Protocol fees stay here and anyone sweeps them to the treasury.
///
/// Fees are not booked sale by sale: between calls this contract holds nothing but credited proceeds (ETH) and
/// fees, so the ETH fees owed are its ETH balance minus the credited proceeds, and the MINT fees owed its MINT
/// balance. That saves a storage write on every sale, and ETH or MINT sent here by mistake (or forced in) is not
/// lost but swept to the treasury. An inheritor must therefore hold no other ETH or MINT between calls (the
/// DutchAuction escrows NFTs only; an excess payment it refunds is in flight within the buy).
///
/// Invariant: this contract's ETH == totalProceedsOwed (== sum of proceedsOwed) + ETH fees owed, its MINT == MINT
/// fees owed; the fees owed in a currency == the `fee`s of its past sales − what was swept (+ anything sent here
/// outside a sale).
abstract contract SaleSettlement is ISaleSettlement, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Gas forwarded with a seller's ETH: enough for a smart wallet's receive, too little to grief.
    uint256 public constant SELLER_GAS_STIPEND = 50_000;
    /// @notice Upper bound on the protocol fee governance may set, basis points.
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1_000;
    uint16 internal constant _BPS = 10_000;

    // their getters are the ABI (musicNFT(), splitter() ...), shared with the other protocol contracts
    // solhint-disable immutable-vars-naming
    IERC721 public immutable musicNFT;
    IRoyaltySplitter public immutable splitter;
    IERC20 public immutable mintToken;
    address public immutable treasury;
    // solhint-enable immutable-vars-naming

    /// @inheritdoc ISaleSettlement
    uint16 public protocolFeeBps;
    /// @inheritdoc ISaleSettlement
    uint256 public totalProceedsOwed;
    /// @dev ETH proceeds of sellers whose push failed, wei; private, and written only by `_settleSale` (credit) and
    /// `withdrawProceeds`, each together with totalProceedsOwed, which stays their sum.
    mapping(address seller => uint256) private _proceedsOwed;

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

    /// @inheritdoc ISaleSettlement
    function quote(
        uint256 tokenId,
        uint256 price
    ) public view returns (uint256 sellerAmount, uint256 royalty, uint256 fee) {
        return _quote(tokenId, price, protocolFeeBps);
    }

    function _quote(
        uint256 tokenId,
        uint256 price,
        uint256 feeBps
    ) internal view returns (uint256 sellerAmount, uint256 royalty, uint256 fee) {
        (, royalty) = IERC2981(address(musicNFT)).royaltyInfo(tokenId, price);
        fee = (price * feeBps) / _BPS;
        // royalty (at most the tier cap) plus fee (at most MAX_PROTOCOL_FEE_BPS) never exceeds the price
        sellerAmount = price - royalty - fee;
    }

    /// @inheritdoc ISaleSettlement
    function proceedsOwed(address seller) external view returns (uint256) {
        return _proceedsOwed[seller];
    }

    /// @inheritdoc ISaleSettlement
    /// @dev Everything held beyond the credited proceeds (see the contract header). Within a sale the figure also
    /// counts the payment in flight; every function that moves money is locked against re-entry meanwhile.
    function feesOwed(address currency) public view returns (uint256) {
        if (currency == address(0)) return address(this).balance - totalProceedsOwed;
        if (currency == address(mintToken)) return mintToken.balanceOf(address(this));
        return 0;
    }

    /// @inheritdoc ISaleSettlement
    function withdrawProceeds(address to) external nonReentrant {
        uint256 amount = _proceedsOwed[msg.sender];
        if (amount == 0) revert SaleSettlementNothingToWithdraw();
        _proceedsOwed[msg.sender] = 0;
        totalProceedsOwed -= amount;
        emit ProceedsWithdrawn(msg.sender, to, amount);
        _sendETH(to, amount);
    }

    /// @inheritdoc ISaleSettlement
    function sweepFees(address currency) external nonReentrant {
        uint256 amount = feesOwed(currency);
        if (amount == 0) revert SaleSettlementNothingToWithdraw();
        emit FeesSwept(currency, treasury, amount);
        if (currency == address(0)) _sendETH(treasury, amount);
        else IERC20(currency).safeTransfer(treasury, amount);
    }

    /// @dev All gas forwarded, no return data copied: the recipient is the caller's own choice (or the treasury), and
    /// a failure reverts this withdrawal only, leaving the amount owed.
    function _sendETH(address to, uint256 amount) private {
        if (!SafeTransferLib.trySafeTransferETH(to, amount, gasleft())) revert SaleSettlementTransferFailed(to);
    }

    /// @inheritdoc ISaleSettlement
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
    /// splitter, the fees (which simply stay here) and the seller, and records the sale. The NFT itself is moved by
    /// the caller. Call it from a `nonReentrant` function: the seller's ETH push runs the seller's code.
    function _settleSale(
        uint256 tokenId,
        address seller,
        address buyer,
        address currency,
        uint256 price,
        address referrer,
        uint256 feeBps
    ) internal returns (uint256 royalty, uint256 fee) {
        uint256 sellerAmount;
        (sellerAmount, royalty, fee) = _quote(tokenId, price, feeBps);
        if (currency == address(0)) {
            // records the sale and splits the royalty (plain on the primary sale, resale after) in one call
            splitter.recordSaleWithRoyalty{value: royalty}(tokenId, seller, buyer, referrer);
            // the fee stays here (see the contract header)
            if (sellerAmount != 0 && !SafeTransferLib.trySafeTransferETH(seller, sellerAmount, SELLER_GAS_STIPEND)) {
                _proceedsOwed[seller] += sellerAmount;
                totalProceedsOwed += sellerAmount;
                emit ProceedsCredited(seller, sellerAmount);
            }
        } else {
            bool firstSale = splitter.recordSale(tokenId, seller, buyer, referrer);
            IERC20 token = IERC20(currency);
            if (sellerAmount != 0) token.safeTransferFrom(buyer, seller, sellerAmount);
            if (royalty + fee != 0) token.safeTransferFrom(buyer, address(this), royalty + fee);
            if (royalty != 0) {
                if (firstSale) splitter.depositToken(tokenId, currency, royalty);
                else splitter.depositResaleRoyalty(tokenId, currency, royalty);
            }
            // the fee stays here
        }
    }
}
