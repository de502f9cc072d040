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
/// The seller's ETH is sent only to an account without code (a plain EOA: no code runs, the transfer cannot fail);
/// a seller with code (a contract, or an EIP-7702-delegated account) is credited instead and withdraws later
/// (`withdrawProceeds`), so no seller's code ever runs inside a buy. Why not push to contracts with a stipend and
/// credit on failure: a failed push spends the 9,000 gas of a value call and then pays for the credit, so a seller
/// that reverts (or burns the stipend) cost the buyer 46,000-74,000 gas more than an honest seller, and even with
/// the credit's storage prepaid no stipend brings that under 10,000 (the credit's two storage writes alone are
/// ~10,000). Skipping the push makes a credit cost ~4,500 more than a push to an EOA. The credit's slots are
/// never zero once opened (each holds the amount + 1): a seller's is opened when it lists, starts an auction or
/// authorizes the keeper (it pays for its own fallback, once), the total's at construction, so a credit writes
/// two non-zero slots (~5,000 gas each) and never a new one (~22,100). Protocol fees stay here and anyone sweeps
/// them to the treasury.
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
    /// @dev totalProceedsOwed + 1: never zero, so a credit never writes a new slot (see the contract header).
    uint256 private _totalProceedsOwedPlusOne = 1;
    /// @dev Per seller, 0 until its credit slot is opened (`_openProceeds`), then its credited ETH proceeds + 1, wei;
    /// written only by `_openProceeds`, `_settleSale` (credit) and `withdrawProceeds`, the last two together with
    /// the total, which stays their sum.
    mapping(address seller => uint256) private _proceedsOwedPlusOne;

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
        uint256 stored = _proceedsOwedPlusOne[seller];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @inheritdoc ISaleSettlement
    function totalProceedsOwed() public view returns (uint256) {
        return _totalProceedsOwedPlusOne - 1;
    }

    /// @inheritdoc ISaleSettlement
    /// @dev Everything held beyond the credited proceeds (see the contract header). Within a sale the figure also
    /// counts the payment in flight; every function that moves money is locked against re-entry meanwhile.
    function feesOwed(address currency) public view returns (uint256) {
        if (currency == address(0)) return address(this).balance - totalProceedsOwed();
        if (currency == address(mintToken)) return mintToken.balanceOf(address(this));
        return 0;
    }

    /// @inheritdoc ISaleSettlement
    function withdrawProceeds(address to) external nonReentrant {
        uint256 stored = _proceedsOwedPlusOne[msg.sender];
        if (stored <= 1) revert SaleSettlementNothingToWithdraw();
        // the slot stays open (1): the seller's next credit is as cheap as this one was
        _proceedsOwedPlusOne[msg.sender] = 1;
        // unchecked: stored > 1, and the total includes this seller's amount
        uint256 amount;
        unchecked {
            amount = stored - 1;
            _totalProceedsOwedPlusOne -= amount;
        }
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

    /// @dev Opens `seller`'s credit slot if it is not open yet (its value becomes 1, "nothing owed"), so that crediting
    /// it in a sale writes a non-zero slot: the seller pays for its own fallback, once, not its buyer. Call it
    /// wherever a sale can be set up for `seller` (listing, starting an auction, authorizing the keeper).
    function _openProceeds(address seller) internal {
        if (_proceedsOwedPlusOne[seller] == 0) _proceedsOwedPlusOne[seller] = 1;
    }

    /// @dev Reverts unless `currency` is ETH (address(0)) or MINT.
    function _checkCurrency(address currency) internal view {
        if (currency != address(0) && currency != address(mintToken))
            revert SaleSettlementUnsupportedCurrency(currency);
    }

    /// @dev Divides `price`, already held by this contract (ETH) or pulled from `buyer` here (MINT), between the
    /// splitter, the fees (which simply stay here) and the seller, and records the sale. The NFT itself is moved by
    /// the caller. Call it from a `nonReentrant` function, after `_openProceeds(seller)` at the sale's setup. No
    /// seller code runs here: ETH goes only to a seller without code (nothing to run), MINT has no receiver hook.
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
            // the fee stays here (see the contract header). A seller without code cannot refuse: the push runs
            // nothing (no stipend beyond the value call's own) and cannot fail; a seller with code is credited
            // (its slot and the total are non-zero: two ~5,000-gas writes).
            if (
                sellerAmount != 0 &&
                (seller.code.length != 0 || !SafeTransferLib.trySafeTransferETH(seller, sellerAmount, 0))
            ) {
                _proceedsOwedPlusOne[seller] += sellerAmount;
                _totalProceedsOwedPlusOne += sellerAmount;
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
