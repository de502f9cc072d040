// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

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
    /// same factor every second. Computed as start × exp(ln(reserve / start) × elapsed / duration) with solady's
    /// lnWad / expWad (both monotonically increasing), each step rounded towards the higher price, then clamped to
    /// [reserve, start]. Requires reserve > 0 and elapsed < duration.
    function exponential(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 elapsed,
        uint256 duration
    ) internal pure returns (uint256) {
        if (reservePrice == 0) revert AuctionCurvesZeroReserve();
        if (reservePrice == startPrice || elapsed == 0) return startPrice;
        // reserve / start in (0, 1], scaled by 1e18, rounded up
        uint256 ratio = FixedPointMathLib.divWadUp(reservePrice, startPrice);
        // elapsed / duration in [0, 1), scaled by 1e18, rounded down
        uint256 progress = FixedPointMathLib.mulDiv(elapsed, 1e18, duration);
        // ln(ratio) <= 0; the product is truncated towards zero, i.e. up. ratio <= 1e18 and progress < 1e18 fit
        // int256 with room to spare.
        int256 exponent = FixedPointMathLib.sMulWad(FixedPointMathLib.lnWad(int256(ratio)), int256(progress));
        // exp(exponent) in (0, 1e18] for exponent <= 0: a non-negative int256
        uint256 factor = uint256(FixedPointMathLib.expWad(exponent));
        return FixedPointMathLib.clamp(FixedPointMathLib.mulWadUp(startPrice, factor), reservePrice, startPrice);
    }
}
