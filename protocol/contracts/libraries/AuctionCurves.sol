// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IDutchAuction} from "../interfaces/IDutchAuction.sol";

/// @title AuctionCurves
/// @notice Price curves of descending-price auctions: pure maths, no state.
///
/// Units: prices in the smallest unit of the auction's currency (wei of ETH or of MINT); `elapsed` and `duration` in
/// seconds. A curve falls from `startPrice` at `elapsed == 0` to `reservePrice` at `elapsed == duration` and stays
/// at `reservePrice` after it.
///
/// Rounding: every step rounds towards the higher price, in the seller's favour: a price is never below the reserve
/// and always within [reservePrice, startPrice]. Every curve is non-increasing in `elapsed`.
///
/// Adding a curve: a new value of `IDutchAuction.Curve`, one internal function here taking
/// (startPrice, reservePrice, elapsed, duration) with `elapsed < duration`, a branch in `price`, and, if the curve
/// needs it, a condition in `isValid`.
library AuctionCurves {
    /// @notice A reserve above the start price.
    error AuctionCurvesInvalidRange(uint256 startPrice, uint256 reservePrice);
    /// @notice The exponential curve is geometric: it cannot reach a reserve of zero.
    error AuctionCurvesZeroReserve();

    /// @notice Whether `curve` can run from `startPrice` down to `reservePrice`.
    function isValid(IDutchAuction.Curve curve, uint256 startPrice, uint256 reservePrice) internal pure returns (bool) {
        if (reservePrice > startPrice) return false;
        if (curve == IDutchAuction.Curve.Exponential) return reservePrice != 0;
        return true;
    }

    /// @notice The price `elapsed` seconds into an auction of `duration` seconds from `startPrice` down to
    /// `reservePrice` along `curve`: `startPrice` at 0, `reservePrice` from `duration` on, rounded up in between.
    /// Inputs are meant to be the auction's stored types (prices below 2^96, times below 2^32); larger ones may
    /// revert on overflow, never return a price outside [reservePrice, startPrice].
    function price(
        IDutchAuction.Curve curve,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 elapsed,
        uint256 duration
    ) internal pure returns (uint256) {
        if (reservePrice > startPrice) revert AuctionCurvesInvalidRange(startPrice, reservePrice);
        if (elapsed >= duration) return reservePrice;
        if (curve == IDutchAuction.Curve.Linear) return linear(startPrice, reservePrice, elapsed, duration);
        return exponential(startPrice, reservePrice, elapsed, duration);
    }

    /// @notice start − (start − reserve) × elapsed / duration, the discount rounded down (the price up): strictly
    /// above the reserve before the end unless start == reserve. Requires elapsed < duration.
    function linear(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 elapsed,
        uint256 duration
    ) internal pure returns (uint256) {
        // reservePrice <= startPrice (checked by `price`) and elapsed < duration, so the discount is below
        // startPrice - reservePrice: no underflow
        return startPrice - ((startPrice - reservePrice) * elapsed) / duration;
    }

    /// @notice Geometric interpolation: start × (reserve / start)^(elapsed / duration), i.e. the price falls by the
    /// same factor every second. Requires reserve > 0 and elapsed < duration.
    ///
    /// Computed from the reserve side, reserve × exp(ln(start / reserve) × (duration − elapsed) / duration), with
    /// solady's lnWad / expWad (both monotonically increasing). Two choices keep full precision over prices from 1
    /// to 2^96: the two logarithms are taken separately (a ratio in 18 decimals would be 0 or 1 wei for reserves
    /// below 1e-18 of the start), and the exponential factor is at least 1 (a factor below 1 in 18 decimals would
    /// underflow to 0 once the price falls under start / 1e18). Each step rounds up: the remaining fraction, the
    /// exponent, the product; the result is clamped to [reserve, start].
    function exponential(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 elapsed,
        uint256 duration
    ) internal pure returns (uint256) {
        if (reservePrice == 0) revert AuctionCurvesZeroReserve();
        if (reservePrice == startPrice || elapsed == 0) return startPrice;
        // ln(start / reserve) >= 0, scaled by 1e18 (lnWad is monotone: the difference is never negative)
        uint256 lnRange = SafeCast.toUint256(
            FixedPointMathLib.lnWad(_toWad(startPrice)) - FixedPointMathLib.lnWad(_toWad(reservePrice))
        );
        // (duration - elapsed) / duration in (0, 1], scaled by 1e18; elapsed < duration: no underflow
        uint256 remaining = FixedPointMathLib.mulDivUp(duration - elapsed, 1e18, duration);
        // at most ln(2^96) ~ 66.5e18 for the auction's prices: far inside expWad's domain and int256
        uint256 exponent = FixedPointMathLib.mulWadUp(lnRange, remaining);
        // exp(exponent) >= 1e18 (exponent >= 0)
        uint256 factor = uint256(FixedPointMathLib.expWad(SafeCast.toInt256(exponent)));
        return FixedPointMathLib.clamp(FixedPointMathLib.mulWadUp(reservePrice, factor), reservePrice, startPrice);
    }

    /// @dev `amount` as an 18-decimal fixed-point int256; reverts if it does not fit.
    function _toWad(uint256 amount) private pure returns (int256) {
        return SafeCast.toInt256(amount * 1e18);
    }
}
